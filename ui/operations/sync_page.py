"""Operations of the Đồng bộ page: what it shows, and a conflict marked resolved.
(The sync round itself runs in ui.sync_service, on the network worker.)"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from counter_app.dossier_view import DossierFilter
from counter_app.models import User
from counter_app.sync_records import Conflict, SyncRun

from . import Op

if TYPE_CHECKING:
    from counter_app.counter import Counter

    from ..context import AppContext


def sync_overview(ctx: AppContext) -> Op[SyncOverview]:
    return ctx.op(overview)


def resolve_conflict(ctx: AppContext, *, actor: User, conflict_id: int) -> Op[None]:
    return ctx.op(lambda c: c.sync_book.resolve_conflict(actor, conflict_id), changes={"sync"})


@dataclass(frozen=True)
class SyncOverview:
    server_url: str | None
    pending: int
    runs: list[SyncRun]
    conflicts: list[Conflict]
    errors: list[tuple[str, str]]  # (code, last error)


def overview(counter: Counter) -> SyncOverview:
    book = counter.sync_book
    server = book.server()
    errors = counter.dossiers.page(DossierFilter(flag="sync_error"), limit=200).rows
    return SyncOverview(
        server.url if server else None,
        counter.sync_book.pending_count(),
        book.runs(50),
        book.conflicts(open_only=True),
        [(r.code, r.sync_error or "") for r in errors],
    )
