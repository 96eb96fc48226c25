"""Parser for the QR code printed on the chip ID card (căn cước), tolerant of known variants."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from counter_app.i18n import _

from .errors import ValidationError
from .text import nfc
from .validation import LIMITS, control_character


@dataclass(frozen=True)
class IdCardData:
    id_number: str
    old_id_number: str | None
    full_name: str
    birth_date: date | None
    gender: str | None  # "Nam" or "Nữ"
    address: str | None
    issue_date: date | None


def _ddmmyyyy(value: str) -> date | None:
    """ddMMyyyy as on the card; dd/MM/yyyy is accepted too."""
    value = value.strip().replace("/", "")
    if len(value) != 8 or not value.isdigit():
        return None
    try:
        return date(int(value[4:]), int(value[2:4]), int(value[:2]))
    except ValueError:
        return None


def _is_old_number(value: str) -> bool:
    """The second field holds the old CMND (9 digits, 12 on some cards) or is left empty."""
    return value == "" or (value.isdigit() and value.isascii())


def parse_idcard_qr(payload: str) -> IdCardData:
    """Fields are separated by '|': ID|old ID (may be empty or absent)|name|ddMMyyyy|gender|address|issue date.

    The 6-field variant drops the old number; newer cards may add fields at the end. Whether
    the old number is there is read from the second field itself (digits or empty), never
    from the field count, so extra trailing fields cannot shift the name.
    """
    text = nfc(payload).replace("\r", "").replace("\n", "")
    fields = [nfc(f) for f in text.split("|")]
    bad = ValidationError({"qr": _("không phải mã QR căn cước")})
    if len(fields) < 6 or len(text) > LIMITS["qr"]:
        raise bad
    if control_character(text):
        # A scanner types what the code holds: ESC or NUL would reach the database and terminals.
        raise ValidationError({"qr": _("mã QR chứa ký tự điều khiển")})
    id_number = fields[0]
    if not (id_number.isdigit() and id_number.isascii() and len(id_number) == 12):
        raise ValidationError({"qr": _("số định danh trong mã QR không hợp lệ")})
    if _is_old_number(fields[1]):
        old, rest = fields[1] or None, fields[2:]
    else:
        old, rest = None, fields[1:]
    if len(rest) < 4:
        raise bad
    name, dob, gender, address = rest[0], rest[1], rest[2], rest[3]
    issue = rest[4] if len(rest) > 4 else ""
    if not name:
        raise ValidationError({"qr": _("mã QR không có họ tên")})
    if len(name) > LIMITS["name"] or len(address) > LIMITS["address"]:
        raise ValidationError({"qr": _("họ tên hoặc địa chỉ quá dài")})
    return IdCardData(
        id_number=id_number,
        old_id_number=old,
        full_name=name,
        birth_date=_ddmmyyyy(dob),
        gender=gender if gender in ("Nam", "Nữ") else None,
        address=address or None,
        issue_date=_ddmmyyyy(issue),
    )


def looks_like_idcard_qr(text: str) -> bool:
    """What a USB scanner typed into a field: a 12-digit ID followed by '|' and at least 5 more fields."""
    parts = text.split("|")
    return len(parts) >= 6 and parts[0].isdigit() and len(parts[0]) == 12
