"""Recovery after a restore, the network side: ask the hub what it holds from this desk
(`GET /v1/recovery`, page by page) and hand it to the core (counter_app/recovery.py).

Run by the sync engine before it pushes anything while the database is marked; an interrupted
run resumes from the last page the core recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from counter_app.counter import Counter
from counter_app.errors import ValidationError
from counter_app.i18n import _
from counter_app.recovery import RecoveryOutcome
from counter_app.remote_records import BadRecord, check_cursor

from .errors import SyncError
from .transport import HubClient

PAGE = 200
# 1,000 pages of 200: far more than one desk's dossiers between a backup and its restore.
MAX_PAGES = 1000


def recover(
    counter: Counter,
    client: HubClient,
    *,
    progress: Callable[[int], None] | None = None,
    errors: list[str] | None = None,
    page_size: int = PAGE,
) -> RecoveryOutcome:
    """Take back this desk's own records from the hub, then lift the restore's mark."""
    recovery = counter.sync_book.recovery
    cursor = recovery.start()
    seq = taken = 0
    for _page in range(MAX_PAGES):
        page = client.recovery(cursor, page_size)
        changes, codes = page.get("changes"), page.get("codes") or []
        if not isinstance(changes, list) or not isinstance(codes, list):
            raise SyncError(_("Câu trả lời khôi phục của máy chủ tỉnh không đọc được"))
        new_cursor = _number(page.get("cursor", cursor))
        seq = max(seq, _number(page.get("seq", 0)))
        records = page.get("records") or []
        if not isinstance(records, list):
            raise SyncError(_("Câu trả lời khôi phục của máy chủ tỉnh không đọc được"))
        skipped = recovery.take_back(changes, new_cursor, codes, seq, records)
        if errors is not None:
            errors.extend(skipped)
        taken += len(changes)
        if progress is not None:
            progress(taken)
        if not page.get("more"):
            # Adopted before the mark is lifted: while it is set no event is written (so none
            # is linked with a number the hub holds), and a cut in between leaves the mark set:
            # the next run adopts the same head again, which changes nothing.
            adopt_hub_head(counter, client)
            return recovery.finish(seq)
        if new_cursor <= cursor:
            raise SyncError(_("Máy chủ tỉnh báo còn dữ liệu nhưng con trỏ không tiến"))
        cursor = new_cursor
    raise SyncError(_("Khôi phục chưa xong: máy chủ tỉnh vẫn báo còn; lần đồng bộ sau làm tiếp"))


def adopt_hub_head(counter: Counter, client: HubClient) -> None:
    """The next event written here continues the chain the hub holds of this desk (links the
    backup lacks were written before it was restored; taken-back events carry none)."""
    held = client.chain_head()
    if held is None:
        return  # the hub holds no chain of this desk (yet): nothing to continue
    try:
        counter.event_chain.adopt_chain_head(held.get("seq", 0), held.get("hash", ""))
    except ValidationError as exc:
        raise SyncError(
            _(
                "Không nối được chuỗi sự kiện của quầy vào chuỗi máy chủ tỉnh đang giữ ({exc}); "
                "chạy 'counter-app check' và báo kỹ thuật của tỉnh"
            ).format(exc="; ".join(exc.errors.values()))
        ) from exc


def _number(value: Any) -> int:
    try:
        return check_cursor(value)
    except BadRecord as exc:
        raise SyncError(_("số của máy chủ không hợp lệ: {exc}").format(exc=exc)) from exc
