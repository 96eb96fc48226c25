"""Time limits as catalogues publish them: a decimal number with a unit.

Provinces publish "05 ngày làm việc", "1/2 ngày", "0,5 ngày làm việc", "4 giờ làm việc",
"168 giờ", "15 ngày" or "Trong ngày". Each reads as (value, unit); anything else is refused
with its words, because a limit read as 0 makes every dossier of the procedure late at once.

Reading rules (docs/due-dates.md):
- "ngày làm việc" -> working days; "giờ", with or without "làm việc" -> working hours (the
  provinces that publish "168 giờ" count working hours: 8 h = 1 working day);
- "ngày" alone -> calendar days, except a fraction of a day ("1/2 ngày", "0,5 ngày"): half a
  calendar day is never a published limit, half a working day is;
- "trong ngày", "ngay trong ngày", "giải quyết ngay" -> same day.
"""

from __future__ import annotations

import math
import re
from typing import Any

from counter_app.i18n import _

from .models import TimeUnit
from .text import nfc

_NUMBER = r"(\d+(?:[.,]\d+)?|\d+\s*/\s*\d+|nửa)"
_LIMIT = re.compile(
    rf"^(?:trong\s+|tối đa\s+|không quá\s+)?{_NUMBER}\s*"
    r"(ngày|giờ)(\s*\(?\s*làm việc\s*\)?)?\s*\.?$"
)
_SAME_DAY = re.compile(r"^(?:ngay\s+)?(?:trong\s+(?:ngày|ngày làm việc)|giải quyết ngay)\.?$")


def _number(text: str) -> float:
    if text == "nửa":
        return 0.5
    if "/" in text:
        top, bottom = (int(x) for x in text.split("/"))
        if bottom == 0:
            raise ValueError(text)
        return top / bottom
    return float(text.replace(",", "."))


def parse_time_limit(text: str) -> tuple[float, TimeUnit]:
    """(value, unit) of a published time limit; ValueError naming the words it cannot read."""
    words = " ".join(nfc(text).lower().split())
    if _SAME_DAY.match(words):
        return 0, TimeUnit.SAME_DAY
    m = _LIMIT.match(words)
    if not m:
        raise ValueError(_("không đọc được thời hạn '{text}'").format(text=text))
    try:
        value = _number(m.group(1).replace(" ", ""))
    except ValueError:
        raise ValueError(_("không đọc được thời hạn '{text}'").format(text=text)) from None
    if m.group(2) == "giờ":
        unit = TimeUnit.WORKING_HOURS
    elif m.group(3) or not value.is_integer():
        unit = TimeUnit.WORKING_DAYS
    else:
        unit = TimeUnit.CALENDAR_DAYS
    return clean_value(value, text), unit


def clean_value(value: Any, words: Any = None) -> float:
    """A time value as a finite number ≥ 0 (an int when whole, so 5 stays 5 in JSON)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(
            _("thời hạn '{value}' không phải là số").format(
                value=words if words is not None else value
            )
        )
    if not math.isfinite(value) or value < 0:
        raise ValueError(_("thời hạn '{value}' không hợp lệ").format(value=value))
    return int(value) if float(value).is_integer() else float(value)


def read_time_limit(data: dict[str, Any]) -> tuple[float, TimeUnit, str]:
    """(value, unit, published text) from a catalogue entry. Accepted: `time_value` and
    `time_unit`; `time_text` (the published words) alone or beside them; or the published
    words in `time_value`. Raises ValueError with the words it could not read."""
    text = data.get("time_text")
    value = data.get("time_value")
    unit_name = data.get("time_unit")
    if isinstance(value, str):
        text, value = text or value, None
    if text is not None and not isinstance(text, str):
        raise ValueError(_("'time_text' phải là chữ").format(text=text))
    text = nfc(text or "")
    if unit_name == TimeUnit.SAME_DAY.value and value is None:
        value = 0  # a same-day procedure needs no number
    if unit_name is None or value is None:
        if not text:
            raise ValueError(_("thiếu thời hạn giải quyết"))
        parsed, unit = parse_time_limit(text)
        if unit_name is not None and TimeUnit(unit_name) is not unit:
            raise ValueError(
                _("thời hạn '{text}' không khớp đơn vị '{unit_name}'").format(
                    text=text, unit_name=unit_name
                )
            )
        return _not_zero(parsed, unit), unit, text
    try:
        unit = TimeUnit(unit_name)
    except ValueError:
        names = ", ".join(u.value for u in TimeUnit)
        raise ValueError(
            _("đơn vị thời hạn '{unit_name}' không hợp lệ").format(unit_name=unit_name, names=names)
        ) from None
    return _not_zero(clean_value(value), unit), unit, text


def _not_zero(number: float, unit: TimeUnit) -> float:
    if unit is not TimeUnit.SAME_DAY and number == 0:
        raise ValueError(
            _("thời hạn 0 {value}: ghi rõ thời hạn hoặc dùng same_day").format(value=unit.value)
        )
    return number


_UNIT_WORDS = {
    TimeUnit.WORKING_DAYS: "ngày làm việc",
    TimeUnit.WORKING_HOURS: "giờ làm việc",
    TimeUnit.CALENDAR_DAYS: "ngày",
}


def format_time_limit(value: float, unit: TimeUnit) -> str:
    """Vietnamese words of a limit with no published text: "05 ngày làm việc", "0,5 ngày
    làm việc", "trong ngày làm việc"."""
    if unit is TimeUnit.SAME_DAY:
        return "trong ngày làm việc"
    number = f"{int(value):02d}" if float(value).is_integer() else f"{value:g}".replace(".", ",")
    return f"{number} {_UNIT_WORDS[unit]}"
