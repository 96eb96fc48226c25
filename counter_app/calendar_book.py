"""This office's working calendar as the desk uses it: sessions, days off and working days,
the province's published calendar, and due dates; Counter hands it out as
`counter.calendar_book`. The rules live in calendar.py, the stored overrides in
local_calendar.py; this adds who may change them.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING

from .calendar import CalendarOverride, WorkCalendar
from .local_calendar import CalendarEntry, LocalCalendar
from .models import User
from .roles import Action, require

if TYPE_CHECKING:
    from .counter import Counter


class CalendarBook:
    def __init__(self, counter: Counter) -> None:
        self._counter = counter
        self._local = LocalCalendar(counter._store)

    def current(self) -> WorkCalendar:
        """The office's working calendar; cached, so intake may call it every time: rebuilt
        only after a change of the calendar or the sessions."""
        return self._local.current()

    def due_date(self, procedure_code: str, received_at: datetime) -> datetime:
        return self.current().due_at(received_at, self._counter.catalogue.procedure(procedure_code))

    def work_sessions(self) -> tuple[tuple[time, time], ...]:
        return self._local.sessions()

    def set_work_sessions(self, actor: User, sessions: tuple[tuple[time, time], ...]) -> None:
        require(actor, Action.EDIT_CALENDAR)
        self._local.set_sessions(sessions)

    def add_day_off(self, actor: User, day: date, reason: str) -> CalendarOverride:
        require(actor, Action.EDIT_CALENDAR)
        return self._local.set_local(actor, day, "off", reason)

    def add_working_day(self, actor: User, day: date, reason: str) -> CalendarOverride:
        require(actor, Action.EDIT_CALENDAR)
        return self._local.set_local(actor, day, "work", reason)

    def remove_day(self, actor: User, day: date) -> None:
        """Removes this office's entry; a provincial entry on that date applies again."""
        require(actor, Action.EDIT_CALENDAR)
        self._local.remove_local(actor, day)

    def days(self, year: int) -> list[CalendarOverride]:
        """Stored overrides of a year, local and provincial; national days: national_days()."""
        return self._local.days(year)

    def entries(self, year: int) -> list[CalendarEntry]:
        """The year's listing: national days and overrides, which one decides each date, and
        who changed it (`counter-app calendar list`)."""
        return self._local.entries(year)

    def apply_published(self, days: list[CalendarOverride], version: int) -> int:
        """The province's calendar replaces its earlier entries (local ones win on a date);
        returns the dates added, changed or removed, 0 for a version already applied."""
        return self._local.apply_published(days, version)

    def published_version(self) -> int:
        return self._local.published_version()
