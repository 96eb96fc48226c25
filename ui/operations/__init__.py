"""The thin operations layer: every background call is one small named function returning an Op.

A call site in a widget is one line, e.g.
    ops.intake(ctx, actor=user, req=req).success(self._accepted).failure(self._failed).run()
An operation takes the context and keyword-only arguments, and declares there which areas its
write changes (`changes=`), so views refresh from `AppContext.changed` as in Anki's OpChanges.
The callable runs on the database worker (it gets the Counter); success/failure callbacks run
on the GUI thread. A failure with no callback is shown by ui.errors, never dropped.

The operations common to several windows are here; those of one page are grouped in a module
named for it (`ui.operations.admin`, `.intake`, ...), as in Anki's aqt/operations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QObject

from counter_app.models import Applicant, Dossier, Office, Procedure, User

if TYPE_CHECKING:
    # Types only: the core (sqlite-utils, holidays) is imported by the worker thread when it
    # opens the database, not by the GUI thread at start-up.
    from counter_app.counter import Counter
    from counter_app.intake import IntakeRequest
    from counter_app.offices import ProvinceOffice

    from ..context import AppContext
    from ..worker import Task, Worker


T = TypeVar("T")


class Op(Generic[T]):
    """One job for a worker; T is what it returns to the success callback."""

    def __init__(
        self,
        ctx: AppContext,
        worker: Worker,
        # The worker's resource: the Counter on the database worker, None on the network one.
        fn: Callable[[Any, Task], T],
        *,
        changes: frozenset[str] | set[str] = frozenset(),
        releases: bool = False,
    ) -> None:
        self._ctx = ctx
        self._worker = worker
        self._fn = fn
        self._changes = frozenset(changes)
        self._releases = releases
        self._success: Callable[[T], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self._progress: Callable[[int, int, str], None] | None = None
        self._guard: QObject | None = None

    def success(self, cb: Callable[[T], None]) -> Op[T]:
        self._success = cb
        return self

    def failure(self, cb: Callable[[BaseException], None]) -> Op[T]:
        self._failure = cb
        return self

    def progress(self, cb: Callable[[int, int, str], None]) -> Op[T]:
        self._progress = cb
        return self

    def guard(self, widget: QObject) -> Op[T]:
        """Drop the callbacks if this widget is gone by the time the result arrives."""
        self._guard = widget
        return self

    def run(self) -> Task:
        changes, ctx, success = self._changes, self._ctx, self._success

        def on_success(value: T) -> None:
            if success is not None:
                success(value)
            if changes:
                ctx.changed.emit(changes)

        return self._worker.submit(
            self._fn,
            on_success,
            self._failure,
            self._progress,
            self._guard,
            name=getattr(self._fn, "__name__", "op"),
            releases=self._releases,
        )


# --- named operations -------------------------------------------------------------------------


@dataclass(frozen=True)
class StartupState:
    configured: bool
    office: Office | None


def startup_state(ctx: AppContext) -> Op[StartupState]:
    def fn(c: Counter) -> StartupState:
        return StartupState(c.is_configured(), c.office() if c.is_configured() else None)

    return ctx.op(fn)


def login(ctx: AppContext, *, username: str, password: str) -> Op[User]:
    return ctx.op(lambda c: c.accounts.login(username, password))


def procedures(ctx: AppContext) -> Op[list[Procedure]]:
    return ctx.op(lambda c: c.catalogue.procedures(active_only=True))


def province_offices(ctx: AppContext) -> Op[list[ProvinceOffice]]:
    """The province's communes and wards, for choosing where a dossier is handed out."""
    return ctx.op(lambda c: c.catalogue.province_offices())


def due_date(ctx: AppContext, *, procedure_code: str, received_at: datetime) -> Op[datetime]:
    return ctx.op(lambda c: c.calendar_book.due_date(procedure_code, received_at))


def known_applicant(ctx: AppContext, *, id_number: str) -> Op[Applicant | None]:
    def fn(c: Counter) -> Applicant | None:
        return c.dossiers.known_applicant(id_number)

    return ctx.op(fn)


def intake(ctx: AppContext, *, actor: User, req: IntakeRequest) -> Op[Dossier]:
    return ctx.op(lambda c: c.dossiers.intake(actor, req), changes={"dossiers"})


def refuse(ctx: AppContext, *, actor: User, req: IntakeRequest, reason: str) -> Op[Dossier]:
    return ctx.op(lambda c: c.dossiers.refuse_intake(actor, req, reason), changes={"dossiers"})


def dossier(ctx: AppContext, *, code: str) -> Op[Dossier]:
    return ctx.op(lambda c: c.dossiers.get(code))


def return_result(ctx: AppContext, *, actor: User, code: str, to_person: str) -> Op[Dossier]:
    return ctx.op(lambda c: c.dossiers.return_result(actor, code, to_person), changes={"dossiers"})


def rate(ctx: AppContext, *, actor: User, code: str, level: str) -> Op[Dossier]:
    return ctx.op(lambda c: c.dossiers.rate(actor, code, level), changes={"dossiers"})


def record_print(ctx: AppContext, *, actor: User, code: str, form: str) -> Op[bool]:
    return ctx.op(lambda c: c.dossiers.record_print(actor, code, form), changes={"dossiers"})


@dataclass(frozen=True)
class StatusSnapshot:
    """What the status bar shows; read in one job so the figures agree with each other."""

    pending: int
    server_url: str | None
    last_sync_at: str | None
    auto: bool = True


def status_snapshot(ctx: AppContext) -> Op[StatusSnapshot]:
    def fn(c: Counter) -> StatusSnapshot:
        # The sync engine keeps its server and run log in the core's sync book.
        book = c.sync_book
        server = book.server()
        last_ok = next((r.ended_at for r in book.runs(50) if r.ok), None)
        return StatusSnapshot(
            pending=c.sync_book.pending_count(),
            server_url=server.url if server else None,
            last_sync_at=last_ok,
            auto=book.auto_enabled(),
        )

    return ctx.op(fn)


def probe_server(ctx: AppContext, *, url: str) -> Op[bool]:
    """Is the provincial server reachable? Asked of the sync package (ui does no HTTP itself)."""

    def fn(_task: Task) -> bool:
        from sync.probe import is_reachable  # requests loads on the first probe, not at start

        return is_reachable(url)

    return ctx.net_op(fn)


__all__ = ["Dossier", "Op", "Procedure", "StartupState", "StatusSnapshot"]
