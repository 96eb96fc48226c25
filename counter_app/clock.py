"""Office time. Vietnam has one zone and no daylight saving, so a fixed +07:00 offset is exact."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone

VN_TZ = timezone(timedelta(hours=7), "ICT")


def now() -> datetime:
    """The current office time; COUNTER_APP_NOW pins it for demos and reproducible tests
    (a real office's database refuses to open with it: `Counter.open`)."""
    value = pinned()
    if value:
        return parse_iso(value)
    return datetime.now(VN_TZ).replace(microsecond=0)


def pinned() -> str | None:
    return os.environ.get("COUNTER_APP_NOW") or None


def parse_iso(value: str) -> datetime:
    """ISO-8601; a value without an offset is taken as office time."""
    dt = datetime.fromisoformat(value.strip())
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=VN_TZ)
    try:
        return dt.astimezone(VN_TZ)
    except OverflowError:
        # Year 1 or 9999 shifted to +07:00 leaves datetime's range: a bad value like any other.
        raise ValueError(f"{value!r} is outside the range of dates") from None


def iso(dt: datetime) -> str:
    return dt.astimezone(VN_TZ).isoformat(timespec="seconds")
