"""Operations of the Hồ sơ page: the list's pages and count, the detail pane and its actions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from counter_app import clock, forms
from counter_app.dossier_view import DossierFilter, DossierPage, DossierSort, PageKey
from counter_app.lateness import APOLOGY_ALLOWED, LateState
from counter_app.lifecycle import Status
from counter_app.models import Dossier, Event, User
from counter_app.sync_records import AttachmentRow

from . import Op

if TYPE_CHECKING:
    from counter_app.counter import Counter

    from ..context import AppContext


def count(ctx: AppContext, *, filters: DossierFilter) -> Op[int]:
    return ctx.op(lambda c: c.dossiers.count(filters))


def page(
    ctx: AppContext, *, filters: DossierFilter, sort: DossierSort, after: PageKey | None, limit: int
) -> Op[DossierPage]:
    """One page of the list, from `after` (the last row of the page before)."""
    return ctx.op(lambda c: c.dossiers.page(filters, sort, after, limit))


def detail(ctx: AppContext, *, code: str, user: User | None = None) -> Op[DetailData]:
    return ctx.op(lambda c: load_detail(c, code, user))


def change_status(
    ctx: AppContext, *, actor: User, code: str, to: Status, note: str | None
) -> Op[Dossier]:
    return ctx.op(lambda c: c.dossiers.change_status(actor, code, to, note), changes={"dossiers"})


def check_result_file(ctx: AppContext, *, path: Path) -> Op[None]:
    """The electronic result's file judged by the core before it is offered: nothing stored."""
    return ctx.op(lambda c: c.result_files.check_file(path))


def mark_result_ready(
    ctx: AppContext, *, actor: User, code: str, path: Path | None, note: str | None
) -> Op[Dossier]:
    """Result ready, with the result file attached in the same transaction when one is given."""
    return ctx.op(
        lambda c: c.result_files.mark_ready(actor, code, path, note),
        changes={"dossiers", "attachments"},
    )


def attach_result(ctx: AppContext, *, actor: User, code: str, path: Path) -> Op[AttachmentRow]:
    """The electronic result attached to a dossier that is already result ready."""
    return ctx.op(
        lambda c: c.attachments.attach(actor, code, path, result=True),
        changes={"dossiers", "attachments"},
    )


def record_apology(
    ctx: AppContext, *, actor: User, code: str, reason: str, new_due: datetime
) -> Op[Dossier]:
    return ctx.op(
        lambda c: c.dossiers.record_apology(actor, code, reason, new_due), changes={"dossiers"}
    )


@dataclass(frozen=True)
class DetailData:
    dossier: Dossier
    events: list[Event]
    late: LateState | None
    conflict: bool  # an open sync conflict names this dossier
    clerk_names: dict[str, str]
    suggested_due: datetime | None = None  # for an apology: two working days after the later
    # of now and the current appointment, in working time
    # The forms of the dossier's set by role ("Mẫu số 01 — …"), and those a reprint offers.
    form_labels: dict[str, str] = field(default_factory=dict)
    printable: tuple[str, ...] = ()
    office: str = ""  # this office: what it may do to a dossier of another commune
    office_names: dict[str, str] = field(default_factory=dict)  # the province's offices
    result_file_required: bool = False  # its procedure requires the result as a file


def load_detail(counter: Counter, code: str, user: User | None = None) -> DetailData:
    """On the worker: all the pane shows, read together so it is consistent. Read as the
    logged-in user, the read is recorded like the command line's `show`."""
    if user is not None:
        d, events = counter.dossiers.view(user, code)
    else:
        d, events = counter.dossiers.get(code), counter.dossiers.events(code)
    conflicts = counter.sync_book.conflicts(open_only=True)
    names = {u.username: u.full_name for u in counter.accounts.users()}
    suggested = None
    if d.status in APOLOGY_ALLOWED and d.appointment:
        cal = counter.calendar_book.current()
        start = max(clock.parse_iso(d.appointment), clock.now())
        suggested = cal.add_working_time(start, cal.day_length * 2)
    labels = {role: info.label for role, info in forms.dossier_forms(d).items()}
    return DetailData(
        d,
        events,
        counter.dossiers.lateness(code),
        any(c.dossier_uuid == d.uuid for c in conflicts),
        names,
        suggested,
        labels,
        tuple(forms.printable_forms(d, events)),
        counter.office().agency_code,
        {o.agency_code: o.name for o in counter.catalogue.province_offices()},
        counter.result_files.required(d.procedure_code),
    )
