"""Field validation for what clerks type or scanners send. Each check returns an error text or None."""

from __future__ import annotations

import re
from datetime import date, datetime

from counter_app.i18n import N_, _

from . import clock

# Birth-registration province codes of the 63 pre-2025 provinces (Circular 07/2016/TT-BCA);
# the 2025 mergers did not renumber ID cards.
ID_PROVINCE_CODES = frozenset(
    f"{n:03d}"
    for n in (
        1,
        2,
        4,
        6,
        8,
        10,
        11,
        12,
        14,
        15,
        17,
        19,
        20,
        22,
        24,
        25,
        26,
        27,
        30,
        31,
        33,
        34,
        35,
        36,
        37,
        38,
        40,
        42,
        44,
        45,
        46,
        48,
        49,
        51,
        52,
        54,
        56,
        58,
        60,
        62,
        64,
        66,
        67,
        68,
        70,
        72,
        74,
        75,
        77,
        79,
        80,
        82,
        83,
        84,
        86,
        87,
        89,
        91,
        92,
        93,
        94,
        95,
        96,
    )
)

_PHONE_RE = re.compile(r"^0\d{9,10}$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

LIMITS = {
    "name": 100,
    "address": 300,
    "email": 254,
    "notes": 2000,
    "reason": 1000,
    "id_number": 12,
    "phone": 20,
    "document": 300,
    "code": 40,
    "person": 100,
    "qr": 1000,
}
# Receipt times entered by hand (a paper dossier typed in later): none before the one-stop
# counters kept electronic registers, none so far back that date arithmetic leaves its range.
EARLIEST_RECEIPT = date(2000, 1, 1)

# C0 and C1 controls (ESC starts terminal escape sequences, NUL cuts C strings) and the
# bidirectional overrides that make text display other than it reads. Tab and line breaks only
# where a field may hold several lines.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAK_RE = re.compile(r"[\t\n\r]")
CONTROL_MESSAGE = N_("chứa ký tự điều khiển")


def control_character(value: str, multi_line: bool = False) -> bool:
    """True when `value` holds a character no field of a dossier may hold."""
    return bool(_CONTROL_RE.search(value) or (not multi_line and _LINE_BREAK_RE.search(value)))


def birth_century_digit(year: int, female: bool) -> int:
    return (year // 100 - 19) * 2 + (1 if female else 0)


def check_id_number(number: str, dob: date | None = None, female: bool | None = None) -> str | None:
    """12-digit personal ID (số định danh) or 9-digit old CMND."""
    if not number.isdigit() or not number.isascii():
        return _("chỉ gồm chữ số")
    if len(number) == 9:
        return None
    if len(number) != 12:
        return _("phải có 12 chữ số (hoặc 9 với CMND cũ)")
    if number[:3] not in ID_PROVINCE_CODES:
        return _("mã tỉnh nơi đăng ký khai sinh {value} không tồn tại").format(value=number[:3])
    century = int(number[3])
    year = 1900 + (century // 2) * 100 + int(number[4:6])
    if century > 3 or year > clock.now().year:
        return _("chữ số thế kỷ không hợp lệ")
    if dob is not None and dob.year != year:
        return _("năm sinh không khớp với số định danh")
    if female is not None and century % 2 != int(female):
        return _("giới tính không khớp với số định danh")
    return None


def normalise_phone(phone: str) -> str:
    digits = re.sub(r"[\s.\-()]", "", phone)
    if digits.startswith("+84"):
        digits = digits[3:]
        # "+84 0912..." is a common way of writing it: the trunk 0 is kept, not doubled.
        digits = digits if digits.startswith("0") else "0" + digits
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    return digits


def check_phone(phone: str) -> str | None:
    if not _PHONE_RE.match(normalise_phone(phone)):
        return _("số điện thoại không hợp lệ (10–11 chữ số, bắt đầu bằng 0)")
    return None


def check_email(email: str) -> str | None:
    if len(email) > LIMITS["email"] or not _EMAIL_RE.match(email):
        return _("địa chỉ email không hợp lệ")
    return None


def check_length(value: str, limit_key: str) -> str | None:
    limit = LIMITS[limit_key]
    if len(value) > limit:
        return _("dài quá {limit} ký tự").format(limit=limit)
    return None


def check_text(value: str, limit_key: str, multi_line: bool = False) -> str | None:
    """Length and control characters of any text field a person or a scanner fills in."""
    if control_character(value, multi_line):
        return _(CONTROL_MESSAGE)
    return check_length(value, limit_key)


def check_received_at(received: datetime, now: datetime) -> str | None:
    if received > now:
        return _("thời điểm nhận ở tương lai")
    if received.date() < EARLIEST_RECEIPT:
        return _("thời điểm nhận trước {EARLIEST_RECEIPT:%d/%m/%Y}").format(
            EARLIEST_RECEIPT=EARLIEST_RECEIPT, value=EARLIEST_RECEIPT.isoformat()
        )
    return None


def parse_date(value: str) -> date:
    """ISO (YYYY-MM-DD) or Vietnamese dd/MM/yyyy."""
    value = value.strip()
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value)
    if m:
        return date(int(m[3]), int(m[2]), int(m[1]))
    return date.fromisoformat(value)


def check_birth_date(dob: date) -> str | None:
    if dob > clock.now().date():  # the office clock: a pinned demo clock reaches it too
        return _("ngày sinh ở tương lai")
    if dob.year < 1900:
        return _("ngày sinh không hợp lệ")
    return None
