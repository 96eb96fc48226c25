"""Operations of Quản trị: the procedure catalogue, the holiday calendar and office settings.
(The users tab's are in ui.operations.accounts.)"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from counter_app.calendar import CalendarOverride, national_days
from counter_app.models import Office, Procedure, User
from counter_app.resources import load_procedures_file

from ..sync_service import SyncOutcome, run_round
from . import Op

if TYPE_CHECKING:
    from counter_app.counter import Counter

    from ..context import AppContext
    from ..worker import Task


def catalogue(ctx: AppContext) -> Op[list[Procedure]]:
    """Every procedure, those no longer applied too."""
    return ctx.op(lambda c: c.catalogue.procedures())


def result_file_procedures(ctx: AppContext) -> Op[list[str]]:
    """Codes of the procedures whose result must be attached as a file."""
    return ctx.op(lambda c: c.result_files.required_procedures())


def set_result_file_required(
    ctx: AppContext, *, actor: User, code: str, required: bool
) -> Op[None]:
    return ctx.op(
        lambda c: c.result_files.set_required(actor, code, required), changes={"catalogue"}
    )


def import_procedures(ctx: AppContext, *, actor: User, path: Path) -> Op[int]:
    """Read a catalogue file and import it; the file is read on the worker too."""
    return ctx.op(
        lambda c: c.catalogue.import_procedures(actor, load_procedures_file(path)),
        changes={"catalogue"},
    )


def calendar_year(ctx: AppContext, *, year: int) -> Op[list[CalendarOverride]]:
    return ctx.op(lambda c: _calendar_year(c, year))


def _calendar_year(c: Counter, year: int) -> list[CalendarOverride]:
    """National defaults overlaid by the province's and this office's entries (which win)."""
    days = {d.day: d for d in national_days(year)}
    stored = c.calendar_book.days(year)
    for d in sorted(stored, key=lambda o: o.source != "province"):  # local last: it wins
        days[d.day] = d
    return sorted(days.values(), key=lambda o: o.day)


def add_calendar_day(
    ctx: AppContext, *, actor: User, day: date, reason: str, kind: Literal["off", "work"]
) -> Op[CalendarOverride]:
    """A day off, or a working day in place of one ("work")."""

    def fn(c: Counter) -> CalendarOverride:
        if kind == "off":
            return c.calendar_book.add_day_off(actor, day, reason)
        return c.calendar_book.add_working_day(actor, day, reason)

    return ctx.op(fn, changes={"calendar"})


def remove_calendar_day(ctx: AppContext, *, actor: User, day: date) -> Op[None]:
    return ctx.op(lambda c: c.calendar_book.remove_day(actor, day), changes={"calendar"})


@dataclass(frozen=True)
class OfficeSettings:
    office: Office
    desk: dict[str, Any]
    receipt_paper: str
    server_url: str
    auto_sync: bool = True


def office_settings(ctx: AppContext) -> Op[OfficeSettings]:
    def fn(c: Counter) -> OfficeSettings:
        server = c.sync_book.server()
        paper = str(c.setting("receipt_paper") or "a4")
        url = server.url if server else ""
        return OfficeSettings(c.office(), c.desk(), paper, url, c.sync_book.auto_enabled())

    return ctx.op(fn)


def save_office_settings(
    ctx: AppContext,
    *,
    actor: User,
    receipt_paper: str,
    server_url: str,
    token: str,
    auto_sync: bool,
) -> Op[None]:
    """An empty token keeps the one the desk was enrolled with."""

    def fn(c: Counter) -> None:
        c.set_setting(actor, "receipt_paper", receipt_paper)
        c.sync_book.set_auto_enabled(auto_sync)
        current = c.sync_book.server()
        if server_url and (token.strip() or current is None or server_url != current.url):
            c.sync_book.set_server(server_url, token.strip() or (current.token if current else ""))

    return ctx.op(fn, changes={"settings", "sync"})


@dataclass(frozen=True)
class Restored:
    kept: Path  # where the database the backup replaced was kept
    plan: str  # what recovery from the hub will do, in words
    needs_recovery: bool


def restore_backup(ctx: AppContext, *, path: Path, passphrase: str) -> Op[Restored]:
    """Put a sealed backup in place of the database (closed on the DB worker meanwhile)."""

    def fn(_task: Task) -> Restored:
        from counter_app.counter import Counter

        kept = Counter.restore(ctx.data_dir, path, passphrase)
        restored = Counter.open(ctx.data_dir)
        try:
            recovery = restored.sync_book.recovery
            return Restored(kept, recovery.plan(), recovery.needed())
        finally:
            restored.close()

    return ctx.replace_op(fn, changes=RESTORED)


def recover_from_hub(ctx: AppContext) -> Op[SyncOutcome]:
    """After a restore: one sync round, which first takes back from the hub what this desk had
    sent (sync/recovery.py); on the network worker, with its own database connection."""
    return ctx.net_op(lambda task: run_round(ctx.data_dir, "manual", task))


# A restore changes everything a page may show.
RESTORED = frozenset({"dossiers", "users", "catalogue", "calendar", "settings", "sync"})
