"""How dates and money look on screen: dd/MM/yyyy and 1.000.000 đ, whatever the language."""

from __future__ import annotations

from datetime import date, datetime

from counter_app import clock


def _as_datetime(value: date | datetime | str) -> date | datetime:
    if isinstance(value, str):
        return clock.parse_iso(value) if "T" in value or ":" in value else date.fromisoformat(value)
    if isinstance(value, datetime):
        return value.astimezone(clock.VN_TZ) if value.tzinfo else value
    return value


def fmt_date(value: date | datetime | str | None) -> str:
    """'2026-03-09' or a datetime -> '09/03/2026'; None -> ''."""
    if value is None or value == "":
        return ""
    return _as_datetime(value).strftime("%d/%m/%Y")


def fmt_datetime(value: datetime | str | None) -> str:
    """Office time as '14:05 09/03/2026' (time first, as on the receipt)."""
    if value is None or value == "":
        return ""
    dt = _as_datetime(value)
    if not isinstance(dt, datetime):
        return fmt_date(dt)
    return dt.strftime("%H:%M %d/%m/%Y")


def fmt_money(amount: int | float | None) -> str:
    """1000000 -> '1.000.000 đ' (dots group thousands in Vietnamese)."""
    if amount is None:
        return ""
    whole = round(amount)
    sign = "-" if whole < 0 else ""
    return f"{sign}{abs(whole):,} đ".replace(",", ".")
