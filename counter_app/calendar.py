"""Working time: sessions, days off and make-up days, and due dates computed from them.

The rules (also in docs/due-dates.md):
- N working days is N x (length of a working day) of working time, counted from the moment of
  receipt inside sessions only; received outside sessions, counting starts at the next opening.
- N working hours: the same with N hours.
- Same day: due at the closing of the day of receipt; received at or after the procedure's
  cutoff, or outside a working day, due at the closing of the next working day.
- Calendar days: receipt + N x 24 h; if that lands outside working time, the next opening.
- A due date never falls outside working time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays

from .models import Procedure, TimeUnit

DEFAULT_SESSIONS: tuple[tuple[time, time], ...] = (
    (time(7, 0), time(11, 30)),
    (time(13, 30), time(17, 0)),
)
# How far ahead we look for a working day before declaring the calendar broken.
_MAX_SCAN_DAYS = 366 * 2


@lru_cache(maxsize=64)
def _national_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("VN", years=year).keys())


@dataclass(frozen=True)
class WorkCalendar:
    sessions: tuple[tuple[time, time], ...] = DEFAULT_SESSIONS
    weekdays: frozenset[int] = frozenset(range(5))  # Monday..Friday
    days_off: frozenset[date] = field(default_factory=frozenset)  # local or provincial
    working_days: frozenset[date] = field(default_factory=frozenset)  # make-up days
    use_national_holidays: bool = True

    @property
    def day_length(self) -> timedelta:
        return sum((_span(a, b) for a, b in self.sessions), timedelta())

    def is_working_day(self, day: date) -> bool:
        if day in self.working_days:
            return True
        if day in self.days_off:
            return False
        if self.use_national_holidays and day in _national_holidays(day.year):
            return False
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
        for _ in range(_MAX_SCAN_DAYS):
            if self.is_working_day(day):
                for a, b in self.sessions:
                    start = datetime.combine(day, a, moment.tzinfo)
                    end = datetime.combine(day, b, moment.tzinfo)
                    if end <= moment:
                        continue
                    yield max(start, moment), end
            day += timedelta(days=1)
        raise ValueError("no working time within two years: check the calendar")

    def is_working_time(self, moment: datetime) -> bool:
        if not self.is_working_day(moment.date()):
            return False
        t = moment.timetz().replace(tzinfo=None)
        return any(a <= t <= b for a, b in self.sessions)

    def next_opening(self, moment: datetime) -> datetime:
        """`moment` itself if it is inside working time, else the start of the next session."""
        if self.is_working_time(moment):
            return moment
        return next(self._intervals_from(moment))[0]

    def add_working_time(self, moment: datetime, amount: timedelta) -> datetime:
        if amount <= timedelta(0):
            return self.next_opening(moment)
        remaining = amount
        for start, end in self._intervals_from(moment):
            if end - start >= remaining:
                return start + remaining
            remaining -= end - start
        raise AssertionError("unreachable")

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        total = timedelta()
        if end <= start:
            return total
        for a, b in self._intervals_from(start):
            if a >= end:
                break
            total += min(b, end) - a
        return total

    def closing_of(self, day: date, tz_from: datetime) -> datetime:
        return datetime.combine(day, self.sessions[-1][1], tz_from.tzinfo)

    def due_at(self, received: datetime, proc: Procedure) -> datetime:
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
        closing = self.closing_of(day, received)
        cutoff = (
            datetime.combine(day, time(0), received.tzinfo) + timedelta(hours=cutoff_hour)
            if cutoff_hour is not None
            else closing
        )
        if self.is_working_day(day) and received < min(cutoff, closing):
            return closing
        return self.closing_of(self.next_working_day(day), received)

    def resume_after_pause(
        self, due: datetime, paused_at: datetime, resumed_at: datetime
    ) -> datetime:
        """Supplement requests stop the clock: push the due date by the working time spent waiting."""
        return self.add_working_time(due, self.working_time_between(paused_at, resumed_at))


def _span(a: time, b: time) -> timedelta:
    return datetime.combine(date.min, b) - datetime.combine(date.min, a)


def calendar_with(
    days_off: Iterable[date] = (),
    working_days: Iterable[date] = (),
    sessions: tuple[tuple[time, time], ...] = DEFAULT_SESSIONS,
) -> WorkCalendar:
    return WorkCalendar(
        sessions=sessions, days_off=frozenset(days_off), working_days=frozenset(working_days)
    )
