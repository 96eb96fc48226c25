"""The dossier list as the desk sees it, without Qt (calibre's sorted/filtered view layer).

Filters in the clerk's terms (a status, "due today", "late", "waiting to sync", "sync
error", the search box) become a store ListQuery; pages come back as light rows with their
late flag already judged, plus the key to ask for the next page. The desktop app's table
model and any other front end page through `Counter.dossiers.page` / `Counter.dossiers.count`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any, Literal

from counter_app.i18n import _

from . import clock
from .calendar import WorkCalendar
from .competence import holder_of
from .errors import ValidationError
from .lateness import RUNNING, LateState, horizon
from .lifecycle import Status
from .models import SyncState
from .store import Store
from .store.listing import SORT_EXPRESSIONS, ListQuery

Flag = Literal["due_today", "late", "waiting_sync", "sync_error"]
FLAGS: tuple[str, ...] = ("due_today", "late", "waiting_sync", "sync_error")
SORT_KEYS: tuple[str, ...] = tuple(SORT_EXPRESSIONS)
MAX_PAGE = 1000
_RUNNING = tuple(s.value for s in RUNNING)


@dataclass(frozen=True)
class DossierFilter:
    status: Status | None = None
    flag: str | None = None  # one of FLAGS
    text: str = ""


@dataclass(frozen=True)
class DossierSort:
    key: str = "received_at"
    descending: bool = True


@dataclass(frozen=True)
class DossierRow:
    id: int
    code: str
    procedure_code: str
    procedure_name: str
    applicant_name: str
    received_at: str
    due_at: str | None
    status: Status
    sync_state: SyncState
    sync_error: str | None
    received_by: str
    late: LateState | None
    extended_due_at: str | None = None  # an apology's new appointment; due_at is the original
    receiving_unit: str = ""
    resolving_unit: str = ""
    holder: str = ""  # the office holding the dossier now (competence.holder_of)


PageKey = tuple[Any, int]


@dataclass(frozen=True)
class DossierPage:
    rows: list[DossierRow]
    next_key: PageKey | None  # None: this was the last page


def _query(f: DossierFilter, calendar: WorkCalendar, now: datetime) -> ListQuery:
    if f.flag is not None and f.flag not in FLAGS:
        raise ValidationError({"flag": _("một trong {value}").format(value=", ".join(FLAGS))})
    statuses: tuple[str, ...] = (f.status.value,) if f.status else ()
    due_from = due_before = None
    sync_states: tuple[str, ...] = ()
    if f.flag in ("due_today", "late"):
        # Only a dossier whose clock runs can be late or due (a supplement request pauses it).
        statuses = tuple(s for s in _RUNNING if not statuses or s in statuses) or ("-",)
        if f.flag == "late":
            due_before = clock.iso(now)
        else:
            today = datetime.combine(now.date(), time(0), clock.VN_TZ)
            due_from, due_before = clock.iso(today), clock.iso(today + timedelta(days=1))
    elif f.flag == "waiting_sync":
        sync_states = (SyncState.WAITING.value, SyncState.SENDING.value)
    elif f.flag == "sync_error":
        sync_states = (SyncState.ERROR.value,)
    return ListQuery(statuses, due_from, due_before, sync_states, f.text)


def page(
    store: Store,
    calendar: WorkCalendar,
    now: datetime,
    filters: DossierFilter,
    sort: DossierSort,
    after: PageKey | None,
    limit: int,
) -> DossierPage:
    if sort.key not in SORT_EXPRESSIONS:
        raise ValidationError({"sort": _("một trong {value}").format(value=", ".join(SORT_KEYS))})
    limit = max(1, min(limit, MAX_PAGE))
    raw = store.listing.page(
        _query(filters, calendar, now), sort.key, sort.descending, after, limit
    )
    soon = clock.iso(horizon(calendar, now))
    now_text = clock.iso(now)
    rows = [_row(r, now_text, soon) for r in raw]
    next_key = (raw[-1][-1], int(raw[-1][0])) if len(raw) == limit else None
    return DossierPage(rows, next_key)


def count(store: Store, calendar: WorkCalendar, now: datetime, filters: DossierFilter) -> int:
    return store.listing.count(_query(filters, calendar, now))


def _row(r: tuple[Any, ...], now: str, soon: str) -> DossierRow:
    status, due = Status(r[7]), r[11] or r[6]
    late: LateState | None = None
    if due and status.value in _RUNNING and due <= soon:
        late = "late" if due < now else "due_soon"
    return DossierRow(
        id=int(r[0]),
        code=r[1],
        procedure_code=r[2],
        procedure_name=r[3],
        applicant_name=r[4],
        received_at=r[5],
        due_at=r[6],
        status=status,
        sync_state=SyncState(r[8]),
        sync_error=r[9],
        received_by=r[10],
        late=late,
        extended_due_at=r[11],
        receiving_unit=r[12],
        resolving_unit=r[13],
        holder=holder_of(status, r[12], r[13], r[14]),
    )
