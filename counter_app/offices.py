"""The province's one-stop offices, as the hub publishes them with the catalogue: those a
dossier may be received for (receiving regardless of administrative boundaries)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from counter_app.i18n import _

from .errors import ValidationError
from .text import nfc

OFFICES_KEY = "province.offices"
OFFICES_KIND = "offices"  # the hub's publication


@dataclass(frozen=True)
class ProvinceOffice:
    agency_code: str
    name: str


def is_agency_code(code: str) -> bool:
    return 0 < len(code) <= 35 and all(c.isdigit() or "A" <= c <= "Z" or c == "." for c in code)


def parse_offices(items: Any) -> list[ProvinceOffice]:
    """[{"agency_code": ..., "name": ...}] checked: every bad entry is named at once."""
    if not isinstance(items, list):
        raise ValidationError({"offices": _("cần một danh sách")})
    errors: dict[str, str] = {}
    result: list[ProvinceOffice] = []
    seen: set[str] = set()
    for number, item in enumerate(items, 1):
        code = nfc(str(item.get("agency_code", ""))) if isinstance(item, dict) else ""
        name = nfc(str(item.get("name", ""))) if isinstance(item, dict) else ""
        if not is_agency_code(code) or not name:
            errors[f"offices[{number}]"] = _(
                "cơ quan thứ {number}: cần mã (A-Z, 0-9, '.') và tên"
            ).format(number=number)
        elif code in seen:
            errors[f"offices[{number}]"] = _("mã {code} lặp lại").format(code=code)
        seen.add(code)
        result.append(ProvinceOffice(code, name))
    if errors:
        raise ValidationError(errors)
    return result
