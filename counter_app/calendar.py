"""Working time: sessions, days off and make-up days, and due dates computed from them.

The rules (also in docs/due-dates.md):
- N working days is N x (length of a working day) of working time, counted from the moment of
  receipt inside sessions only; received outside sessions, counting starts at the next opening.
- N working hours: the same with N hours.
- Same day: due at the closing of the day of receipt; received at or after the procedure's
  cutoff, or outside a working day, due at the closing of the next working day.
- Calendar days: receipt + N x 24 h; if that lands outside working time, the next opening.
- A due date never falls outside working time.
- A supplement request stops the clock: the due date moves by the working time spent waiting
  (by the wall-clock time for calendar-day procedures), snapped to working time.

Which days are working days, strongest rule first: a local (or provincial) make-up working
day; a local (or provincial) day off; a national holiday or government-moved day off from
`holidays.Vietnam`; a make-up Saturday that `holidays.Vietnam` knows; Monday to Friday.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, cast

from counter_app.i18n import _

from .clock import VN_TZ
from .errors import ValidationError
from .models import Procedure, TimeUnit

DEFAULT_SESSIONS: tuple[tuple[time, time], ...] = (
    (time(7, 0), time(11, 30)),
    (time(13, 30), time(17, 0)),
)
# How far ahead we look for a working day before declaring the calendar broken.
_MAX_SCAN_DAYS = 366 * 2

DayKind = Literal["off", "work"]
SOURCES = ("local", "province", "national")

# A day's name in the calendar is data (saved, published, held by the reviewed snapshot), not a
# message: it keeps both languages and the app shows one half.
MAKE_UP_DAY = "Ngày làm bù / make-up working day"


@dataclass(frozen=True)
class CalendarOverride:
    """One day whose status differs from the default: an extra day off or a make-up working
    day. `source` is "local" (a supervisor of this office), "province" (the calendar the
    provincial system publishes) or "national" (only in listings: `holidays.Vietnam`)."""

    day: date
    kind: DayKind
    reason: str
    source: str = "local"


# The national days of the years around now, as the pinned `holidays` computes them, shipped
# as a table: importing `holidays` and computing a lunar year costs a fresh process ~0.3-0.5 s,
# paid before the dossier list's first rows (their "due soon" horizon) and the status bar.
# tests/test_national_table.py holds the table equal to `holidays` for every year in it (and
# regenerates it); other years are computed.
NATIONAL_TABLE = "national_calendar_vn.json"


@lru_cache(maxsize=1)
def _national_table() -> dict[str, Any]:
    from .resources import RESOURCES  # here: resources imports models, as this module does

    try:
        years: dict[str, Any] = json.loads(
            (RESOURCES / NATIONAL_TABLE).read_text(encoding="utf-8")
        )["years"]
    except (OSError, ValueError, KeyError):
        return {}  # a damaged install still computes every year
    return years


@lru_cache(maxsize=64)
def _national_holidays(year: int) -> dict[date, str]:
    table = _national_table().get(str(year))
    if table is not None:
        return {date.fromisoformat(day): name for day, name in table["off"].items()}
    return computed_holidays(year)


@lru_cache(maxsize=64)
def _national_workdays(year: int) -> frozenset[date]:
    """Saturdays the government turned into working days (làm bù), as far as the package knows."""
    table = _national_table().get(str(year))
    if table is not None:
        return frozenset(date.fromisoformat(day) for day in table["work"])
    return computed_workdays(year)


def computed_holidays(year: int) -> dict[date, str]:
    import holidays  # here, not at the top: it costs ~80 ms and the app's start needs no dates

    return dict(holidays.country_holidays("VN", years=year, language="vi").items())


def computed_workdays(year: int) -> frozenset[date]:
    import holidays

    found = holidays.country_holidays("VN", years=year).weekend_workdays
    return frozenset(d for d in found if d.year == year)


def national_days(year: int) -> list[CalendarOverride]:
    """The national defaults of one year: holidays (off) and known make-up Saturdays (work)."""
    days = [
        CalendarOverride(d, "off", name, "national") for d, name in _national_holidays(year).items()
    ]
    days += [CalendarOverride(d, "work", MAKE_UP_DAY, "national") for d in _national_workdays(year)]
    return sorted(days, key=lambda o: o.day)


def _local(moment: datetime) -> datetime:
    """Office time: every comparison with sessions happens on the +07:00 wall clock."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=VN_TZ)
    return moment.astimezone(VN_TZ)


@dataclass(frozen=True)
class WorkCalendar:
    sessions: tuple[tuple[time, time], ...] = DEFAULT_SESSIONS
    weekdays: frozenset[int] = frozenset(range(5))  # Monday..Friday
    days_off: frozenset[date] = field(default_factory=frozenset)  # local or provincial
    working_days: frozenset[date] = field(default_factory=frozenset)  # make-up days
    use_national_holidays: bool = True
    # Answers of is_working_day, kept with this (immutable) calendar: a due date asks about
    # the same few days again and again, each answer up to four set lookups deep.
    _day_cache: dict[date, bool] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        check_sessions(self.sessions)

    @property
    def day_length(self) -> timedelta:
        return sum((_span(a, b) for a, b in self.sessions), timedelta())

    def is_working_day(self, day: date) -> bool:
        try:
            return self._day_cache[day]
        except KeyError:
            answer = self._day_cache[day] = self._is_working_day(day)
            return answer

    def _is_working_day(self, day: date) -> bool:
        if day in self.working_days:
            return True
        if day in self.days_off:
            return False
        if self.use_national_holidays:
            if day in _national_holidays(day.year):
                return False
            if day in _national_workdays(day.year):
                return True
        return day.weekday() in self.weekdays

    def next_working_day(self, day: date) -> date:
        for offset in range(1, _MAX_SCAN_DAYS):
            candidate = day + timedelta(days=offset)
            if self.is_working_day(candidate):
                return candidate
        raise ValueError("no working day within two years: check the calendar")

    def _intervals_from(self, moment: datetime) -> Iterator[tuple[datetime, datetime]]:
        """Working intervals (start, end) from `moment` on, the first one clipped to it."""
        day = moment.date()
        for _day in range(_MAX_SCAN_DAYS):
            if self.is_working_day(day):
                for a, b in self.sessions:
                    start = datetime.combine(day, a, VN_TZ)
                    end = datetime.combine(day, b, VN_TZ)
                    if end <= moment:
                        continue
                    yield max(start, moment), end
            day += timedelta(days=1)
        raise ValueError("no working time within two years: check the calendar")

    def is_working_time(self, moment: datetime) -> bool:
        """Inside a session of a working day; the opening and closing minutes count as inside."""
        moment = _local(moment)
        if not self.is_working_day(moment.date()):
            return False
        t = moment.time()
        return any(a <= t <= b for a, b in self.sessions)

    def next_opening(self, moment: datetime) -> datetime:
        """`moment` itself if it is inside working time, else the start of the next session."""
        moment = _local(moment)
        if self.is_working_time(moment):
            return moment
        return next(self._intervals_from(moment))[0]

    def add_working_time(self, moment: datetime, amount: timedelta) -> datetime:
        """`moment` plus `amount` of working time. A result at the very end of a session stays
        there (Monday 13:30 + 8 h is Tuesday 11:30, not 13:30): the earliest instant reached."""
        moment = _local(moment)
        if amount <= timedelta(0):
            return self.next_opening(moment)
        remaining = amount
        for start, end in self._intervals_from(moment):
            if end - start >= remaining:
                return start + remaining
            remaining -= end - start
        raise AssertionError("unreachable")

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        start, end = _local(start), _local(end)
        total = timedelta()
        if end <= start:
            return total
        for a, b in self._intervals_from(start):
            if a >= end:
                break
            total += min(b, end) - a
        return total

    def closing_of(self, day: date, tz_from: datetime | None = None) -> datetime:
        return datetime.combine(day, self.sessions[-1][1], VN_TZ)

    def due_at(self, received: datetime, proc: Procedure) -> datetime:
        received = _local(received)
        unit = proc.time_unit
        if unit is TimeUnit.WORKING_DAYS:
            return self.add_working_time(received, self.day_length * proc.time_value)
        if unit is TimeUnit.WORKING_HOURS:
            return self.add_working_time(received, timedelta(hours=proc.time_value))
        if unit is TimeUnit.CALENDAR_DAYS:
            return self.next_opening(received + timedelta(days=proc.time_value))
        return self._same_day_due(received, proc.cutoff_hour)

    def _same_day_due(self, received: datetime, cutoff_hour: float | None) -> datetime:
        day = received.date()
        closing = self.closing_of(day)
        cutoff = (
            datetime.combine(day, time(0), VN_TZ) + timedelta(hours=cutoff_hour)
            if cutoff_hour is not None
            else closing
        )
        if self.is_working_day(day) and received < min(cutoff, closing):
            return closing
        return self.closing_of(self.next_working_day(day))

    def resume_after_pause(
        self,
        due: datetime,
        paused_at: datetime,
        resumed_at: datetime,
        unit: TimeUnit | None = None,
    ) -> datetime:
        """Supplement requests stop the clock: push the due date by the working time spent
        waiting; for calendar-day procedures by the wall-clock time, snapped to working time."""
        if unit is TimeUnit.CALENDAR_DAYS:
            waited = max(_local(resumed_at) - _local(paused_at), timedelta(0))
            return self.next_opening(_local(due) + waited)
        return self.add_working_time(due, self.working_time_between(paused_at, resumed_at))


def _span(a: time, b: time) -> timedelta:
    return datetime.combine(date.min, b) - datetime.combine(date.min, a)


def check_sessions(sessions: Sequence[tuple[time, time]]) -> None:
    """Sessions must be non-empty, each start before its end, in order and not overlapping."""
    if not sessions:
        raise ValidationError({"sessions": _("cần ít nhất một buổi làm việc")})
    previous_end: time | None = None
    for a, b in sessions:
        if a >= b or (previous_end is not None and a < previous_end):
            raise ValidationError({"sessions": _("các buổi phải theo thứ tự, không chồng nhau")})
        previous_end = b


_SESSION = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


def parse_sessions(values: Iterable[str]) -> tuple[tuple[time, time], ...]:
    """'07:00-11:30' strings (the CLI and the stored setting) to checked sessions."""
    sessions = []
    for value in values:
        m = _SESSION.match(value)
        try:
            if not m:
                raise ValueError(value)
            h1, m1, h2, m2 = (int(x) for x in m.groups())
            sessions.append((time(h1, m1), time(h2, m2)))
        except ValueError:
            raise ValidationError(
                {"sessions": _("'{value}' không có dạng HH:MM-HH:MM").format(value=value)}
            ) from None
    result = tuple(sessions)
    check_sessions(result)
    return result


def format_sessions(sessions: Sequence[tuple[time, time]]) -> list[str]:
    return [f"{a:%H:%M}-{b:%H:%M}" for a, b in sessions]


def calendar_with(
    days_off: Iterable[date] = (),
    working_days: Iterable[date] = (),
    sessions: tuple[tuple[time, time], ...] = DEFAULT_SESSIONS,
) -> WorkCalendar:
    return WorkCalendar(
        sessions=sessions, days_off=frozenset(days_off), working_days=frozenset(working_days)
    )


def effective_overrides(overrides: Iterable[CalendarOverride]) -> dict[date, CalendarOverride]:
    """One entry per date: a local entry wins over the province's on the same date."""
    chosen: dict[date, CalendarOverride] = {}
    for o in overrides:
        current = chosen.get(o.day)
        if current is None or (o.source == "local" and current.source != "local"):
            chosen[o.day] = o
    return chosen


def build_calendar(
    overrides: Iterable[CalendarOverride],
    sessions: tuple[tuple[time, time], ...] = DEFAULT_SESSIONS,
) -> WorkCalendar:
    chosen = effective_overrides(overrides).values()
    return WorkCalendar(
        sessions=sessions,
        days_off=frozenset(o.day for o in chosen if o.kind == "off"),
        working_days=frozenset(o.day for o in chosen if o.kind == "work"),
    )


# --- the published calendar file (shared by the province hub and the counter) -------------


def parse_calendar_data(data: Any, where: str = "calendar") -> tuple[int, list[CalendarOverride]]:
    """{"version": N, "days": [{"date": "2026-01-02", "kind": "off", "reason": "..."}]}
    -> (N, days with source "province"). Raises ValidationError naming the bad entry."""

    def bad(message: str) -> ValidationError:
        return ValidationError({"calendar": f"{where}: {message}"})

    if not isinstance(data, dict):
        raise bad(_("cần một đối tượng JSON"))
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise bad(_("'version' phải là số nguyên dương"))
    items = data.get("days")
    if not isinstance(items, list):
        raise bad(_("thiếu danh sách 'days'"))
    days: list[CalendarOverride] = []
    seen: set[date] = set()
    for number, item in enumerate(items, 1):
        try:
            day = date.fromisoformat(str(item["date"]))
            kind = item["kind"]
            reason = str(item.get("reason", "")).strip()
        except (KeyError, TypeError, ValueError):
            raise bad(_("ngày thứ {number} không hợp lệ").format(number=number)) from None
        if kind not in ("off", "work"):
            raise bad(_("entry {number}: 'kind' phải là off|work").format(number=number))
        if day in seen:
            raise bad(_("entry {number}: ngày {day} lặp lại").format(number=number, day=day))
        seen.add(day)
        days.append(CalendarOverride(day, cast(DayKind, kind), reason, "province"))
    return version, days


def parse_calendar_file(path: Path) -> tuple[int, list[CalendarOverride]]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(
            {"calendar": _("không đọc được {path}: {exc}").format(path=path, exc=exc)}
        ) from exc
    return parse_calendar_data(data, str(path))


def calendar_data(version: int, days: Iterable[CalendarOverride]) -> dict[str, Any]:
    """The inverse of parse_calendar_data: what the hub publishes."""
    return {
        "version": version,
        "days": [
            {"date": o.day.isoformat(), "kind": o.kind, "reason": o.reason}
            for o in sorted(days, key=lambda o: o.day)
        ],
    }
