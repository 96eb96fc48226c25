"""This office's calendar: the working sessions setting and the local / provincial overrides,
turned into a WorkCalendar that is cached until the calendar revision changes.

Precedence on one date: a local supervisor entry wins over the province's published entry.
The local entry is a decision about this office (a storm closure, a local make-up day) taken
after the published calendar; removing it lets the province's entry apply again. A newer
published calendar replaces every earlier provincial entry and never touches local ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from counter_app.i18n import _

from . import clock
from .calendar import (
    DEFAULT_SESSIONS,
    CalendarOverride,
    DayKind,
    WorkCalendar,
    build_calendar,
    effective_overrides,
    format_sessions,
    national_days,
    parse_sessions,
)
from .errors import NotFound, ValidationError
from .models import User
from .store import Store
from .text import nfc
from .validation import check_length

SESSIONS_KEY = "setting.work_sessions"
PUBLISHED_VERSION_KEY = "calendar.published_version"
PROVINCE_ACTOR = "province"
SOURCES = ("national", "province", "local")  # in the order a listing shows one date's entries


@dataclass(frozen=True)
class CalendarEntry:
    """One line of a year's calendar listing: a national day or a stored override, whether it
    decides its date (local over province over national), and who last changed it."""

    override: CalendarOverride
    effective: bool
    changed_by: str | None = None
    changed_at: str | None = None
    version: int | None = None


class LocalCalendar:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._cached: tuple[tuple[int, str], WorkCalendar] | None = None

    def current(self) -> WorkCalendar:
        """Two key lookups per call; the calendar is rebuilt only after a change (also one
        made by another process on the same database)."""
        # The raw sessions setting is part of the key: Counter.set_setting() may change it
        # without bumping the calendar revision.
        key = (self._store.calendar.revision(), repr(self._store.meta.get(SESSIONS_KEY)))
        if self._cached is None or self._cached[0] != key:
            calendar = build_calendar(self._store.calendar.all(), self.sessions())
            self._cached = (key, calendar)
        return self._cached[1]

    def sessions(self) -> tuple[tuple[time, time], ...]:
        raw = self._store.meta.get(SESSIONS_KEY)
        return parse_sessions(raw) if raw else DEFAULT_SESSIONS

    def set_sessions(self, sessions: tuple[tuple[time, time], ...]) -> None:
        WorkCalendar(sessions=sessions)  # validates
        with self._store.write():
            self._store.meta.set(SESSIONS_KEY, format_sessions(sessions))
            self._store.calendar.bump_revision()

    def set_local(self, actor: User, day: date, kind: DayKind, reason: str) -> CalendarOverride:
        reason = nfc(reason)
        if not reason:
            raise ValidationError({"reason": _("cần ghi lý do")})
        if problem := check_length(reason, "reason"):
            raise ValidationError({"reason": problem})
        override = CalendarOverride(day, kind, reason, "local")
        with self._store.write():
            version = self._store.calendar.bump_revision()
            self._store.calendar.put(override, actor.username, clock.iso(clock.now()), version)
        return override

    def remove_local(self, actor: User, day: date) -> None:
        with self._store.write():
            if self._store.calendar.get(day, "local") is None:
                if self._store.calendar.get(day, "province") is not None:
                    raise ValidationError(
                        {
                            "day": _(
                                "{day} thuộc lịch của tỉnh; hãy thêm ngày nghỉ/ngày làm bù tại chỗ để thay đổi"
                            ).format(day=day)
                        }
                    )
                raise NotFound(_("không có ngày {day} trong lịch tại chỗ").format(day=day))
            version = self._store.calendar.bump_revision()
            self._store.calendar.remove(
                day, "local", actor.username, clock.iso(clock.now()), version
            )

    def days(self, year: int) -> list[CalendarOverride]:
        return [r.override for r in self._store.calendar.records(year)]

    def entries(self, year: int) -> list[CalendarEntry]:
        """Every national day and stored override of the year, by date then source."""
        records = {
            (r.override.day, r.override.source): r for r in self._store.calendar.records(year)
        }
        chosen = effective_overrides([r.override for r in records.values()])
        overrides = [*national_days(year), *(r.override for r in records.values())]
        entries = []
        for o in sorted(overrides, key=lambda o: (o.day, SOURCES.index(o.source))):
            winner = chosen.get(o.day)
            effective = winner == o if winner is not None else o.source == "national"
            record = records.get((o.day, o.source))
            if record is None:
                entries.append(CalendarEntry(o, effective))
            else:
                entries.append(
                    CalendarEntry(
                        o, effective, record.changed_by, record.changed_at, record.version
                    )
                )
        return entries

    def published_version(self) -> int:
        return int(self._store.meta.get(PUBLISHED_VERSION_KEY, 0))

    def apply_published(self, days: list[CalendarOverride], version: int) -> int:
        """Replace the provincial entries by `days`; returns how many dates were added, changed
        or removed. A version not newer than the one applied changes nothing and returns 0,
        so a retried download is harmless."""
        wanted = {o.day: CalendarOverride(o.day, o.kind, nfc(o.reason), "province") for o in days}
        if len(wanted) != len(days):
            raise ValidationError({"calendar": _("một ngày xuất hiện hai lần")})
        changed = 0
        with self._store.write():
            if version <= self.published_version():
                return 0
            revision = self._store.calendar.bump_revision()
            at, by = clock.iso(clock.now()), f"{PROVINCE_ACTOR} v{version}"
            for day in self._store.calendar.days_of_source("province"):
                if day not in wanted:
                    changed += self._store.calendar.remove(day, "province", by, at, revision)
            for day, override in sorted(wanted.items()):
                if self._store.calendar.get(day, "province") != override:
                    self._store.calendar.put(override, by, at, revision)
                    changed += 1
            self._store.meta.set(PUBLISHED_VERSION_KEY, version)
        return changed
