"""Recovery after a restore: the desk learns back from the hub what it had already pushed.

A backup is older than the hub's view of the desk. Restored as it is, the desk would miss the
dossiers it took in since (the pull never echoes a desk's own changes), issue their codes again
(refused by the hub for good) and number its outbox rows again (the hub keeps the newest
snapshot of a desk by that number). So a restore marks the database (store/recovery.py,
inside the image, before it is put in place) and, until recovery is done:

- every change that writes an event is refused (Counter._log): without the hub's figures no
  code can be proved unused (a dossier taken in after the backup may hold any number of any
  day), and any event would take a link number of the desk's hash chain the hub already holds;
- the sync engine runs recovery before it pushes anything (sync/recovery.py): pages of the
  desk's own dossiers changed after the backup's last known hub version are taken back like a
  pull (no outbox entry of ours, a conflict where a change made here is still pending), the
  code counters move past every code of this desk in them, and at the end the outbox moves
  past the highest sequence number the hub holds from this desk (pending rows renumbered).

Every step is one transaction and the progress is kept in the mark, so an interrupted recovery
resumes where it stopped, and running it again changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from counter_app.i18n import _

from . import clock, codes
from .errors import PermissionDenied
from .store.recovery import RECOVERY_KEY

if TYPE_CHECKING:
    from .counter import Counter
    from .store import Store

CURSOR_KEY = "sync.cursor"


@dataclass(frozen=True)
class RecoveryState:
    """Where a pending recovery stands (kept in the database)."""

    restored_at: str
    since: int | None  # the backup's last known hub version; None until recovery starts
    cursor: int | None  # the last hub version taken back
    taken_back: int
    updated: int
    conflicts: int
    resend: tuple[str, ...]  # records whose snapshot the hub did not take: sent again


@dataclass(frozen=True)
class RecoveryOutcome:
    taken_back: int  # dossiers missing here, taken back from the hub
    updated: int  # dossiers known here with newer changes at the hub
    conflicts: int  # dossiers changed here after the restore and at the hub from the backup on
    renumbered: int  # pending records given sequence numbers past the hub's
    seq: int  # the highest sequence number the hub holds from this desk


class Recovery:
    def __init__(self, counter: Counter, store: Store) -> None:
        self._counter = counter
        self._store = store

    def state(self) -> RecoveryState | None:
        data = self._store.meta.get(RECOVERY_KEY)
        if not isinstance(data, dict):
            return None
        return RecoveryState(
            restored_at=str(data.get("restored_at") or ""),
            since=_int_or_none(data.get("since")),
            cursor=_int_or_none(data.get("cursor")),
            taken_back=int(data.get("taken_back") or 0),
            updated=int(data.get("updated") or 0),
            conflicts=int(data.get("conflicts") or 0),
            resend=tuple(str(u) for u in data.get("resend") or ()),
        )

    def needed(self) -> bool:
        return self.state() is not None

    def refuse_changes(self) -> None:
        """Every change that writes an event waits for recovery: intake could reuse a code the
        hub already holds, and any event would be linked with a chain number the hub already
        holds from this desk (refused by it for good). After recovery the chain continues the
        hub's head (sync/recovery.py adopts it before the mark is lifted)."""
        if self.needed():
            raise PermissionDenied(
                _(
                    "Cơ sở dữ liệu vừa được khôi phục từ bản sao lưu: cần kết nối mạng và đồng "
                    "bộ với máy chủ tỉnh (để lấy lại các hồ sơ đã gửi) trước khi tiếp nhận hay "
                    "thay đổi hồ sơ; chưa có gì bị thay đổi."
                )
            )

    def plan(self) -> str:
        """What recovery will do, in words (the CLI's restore and the Quản trị page)."""
        state = self.state()
        if state is None:
            return _("Không cần khôi phục từ máy chủ tỉnh.")
        since = state.since if state.since is not None else self._since()
        return _(
            "Lần đồng bộ tới sẽ hỏi máy chủ tỉnh những gì quầy này đã gửi sau phiên bản {since}: "
            "lấy lại hồ sơ bị thiếu và thay đổi mới hơn, chuyển số thứ tự mã hồ sơ và hàng đợi "
            "gửi qua các số máy chủ đã thấy. Cho tới khi xong, quầy không tiếp nhận hồ sơ mới và "
            "không thay đổi hồ sơ nào."
        ).format(since=since)

    def mark_needed(self, resend: list[str] | None = None) -> None:
        """The hub answered that it holds newer snapshots of this desk than the ones sent
        (a restore the mark did not catch): recover, and send those records again."""
        with self._store.write():
            # From the start: what this database knew of the hub no longer tells where it
            # diverged (the acknowledgements of this very run moved it).
            state = self._store.meta.get(RECOVERY_KEY) or {
                "restored_at": clock.iso(clock.now()),
                "since": 0,
            }
            state["resend"] = sorted({*state.get("resend", []), *(resend or [])})
            self._store.meta.set(RECOVERY_KEY, state)

    def diverged(
        self, record_seq: int, dossier_uuid: str, held_seq: int, held_record: str | None
    ) -> bool:
        """A "stale" answer: True if the hub's newer snapshot of this desk is not one this
        database sent (a restore reused the number), False if retries merely reordered our own
        records (the newer one is ours: nothing is lost)."""
        ours = self._store.recovery.record_at(held_seq)
        if held_record is not None:
            return ours is None or ours[0] != held_record
        # A hub from before it named the record: the number must at least be ours, of it.
        return held_seq <= record_seq or ours is None or ours[1] != dossier_uuid

    # --- the steps sync/recovery.py runs ---------------------------------------------------

    def start(self) -> int:
        """Fix the starting point (once) and queue again what must be resent; returns the hub
        version to ask from."""
        with self._store.write():
            data = dict(self._store.meta.get(RECOVERY_KEY) or {})
            if not data:
                return self._since()
            if data.get("since") is None:
                data["since"] = self._since()
            for record_uuid in self._store.recovery.in_outbox_order(list(data.get("resend") or ())):
                self._store.recovery.copy_for_resend(record_uuid)
            data["resend"] = []
            self._store.meta.set(RECOVERY_KEY, data)
            return int(data.get("cursor") or data["since"])

    def take_back(
        self,
        changes: list[Any],
        cursor: int,
        hub_codes: list[Any],
        hub_seq: int = 0,
        records: Sequence[Any] = (),
    ) -> list[str]:
        """One page of the hub's answer, in one transaction with the progress: the dossiers
        taken back and the code counters moved. Returns the reasons of changes skipped."""
        with self._store.write():
            data = dict(self._store.meta.get(RECOVERY_KEY) or {})
            uuids = _dossier_uuids(changes)
            here_before = {u for u in uuids if self._store.dossiers.by_uuid(u) is not None}
            applied, conflicts, skipped = self._counter.sync_book.apply_changes(changes)
            new = sum(
                1
                for u in uuids
                if u not in here_before and self._store.dossiers.by_uuid(u) is not None
            )
            self._move_code_counters(changes, hub_codes)
            self._store.recovery.add_recovered_records(
                [
                    (str(r["uuid"]), str(r.get("dossier_uuid") or ""), str(r["day"])[:10])
                    for r in records
                    if isinstance(r, dict) and r.get("uuid") and r.get("day")
                ],
                clock.iso(clock.now()),
            )
            if data:
                data["cursor"] = cursor
                data["taken_back"] = int(data.get("taken_back") or 0) + new
                data["updated"] = int(data.get("updated") or 0) + max(0, applied - new)
                data["conflicts"] = int(data.get("conflicts") or 0) + conflicts
                data["seq"] = max(int(data.get("seq") or 0), hub_seq)
                self._store.meta.set(RECOVERY_KEY, data)
        return skipped

    def finish(self, hub_seq: int) -> RecoveryOutcome:
        """Move the outbox past the hub's highest sequence number of this desk and lift the
        mark. sync/recovery.py adopts the hub's chain head before this: no event can be linked
        in between, since none is written while the mark is set."""
        with self._store.write():
            state = self.state()
            # The highest number of every page, also of pages taken before an interruption.
            hub_seq = max(hub_seq, int((self._store.meta.get(RECOVERY_KEY) or {}).get("seq") or 0))
            renumbered = self._store.recovery.move_outbox_past(hub_seq, clock.iso(clock.now()))
            self._store.meta.set(RECOVERY_KEY, None)
        return RecoveryOutcome(
            taken_back=state.taken_back if state else 0,
            updated=state.updated if state else 0,
            conflicts=state.conflicts if state else 0,
            renumbered=renumbered,
            seq=hub_seq,
        )

    # --- helpers ---------------------------------------------------------------------------

    def _since(self) -> int:
        """The newest hub version this database knew of: everything the desk pushed after the
        backup has a higher one (the hub's versions only grow)."""
        return max(
            int(self._store.meta.get(CURSOR_KEY, 0)), self._store.recovery.highest_server_version()
        )

    def _move_code_counters(self, changes: list[Any], hub_codes: list[Any]) -> None:
        office, desk = self._counter.office(), self._counter.desk()
        template = self._counter.setting("code_format", codes.DEFAULT_FORMAT)
        seen: list[tuple[str, str]] = [
            (str(c.get("code")), str(c.get("received_day")))
            for c in hub_codes
            if isinstance(c, dict)
        ]
        for change in changes:
            d = change.get("dossier") if isinstance(change, dict) else None
            if isinstance(d, dict) and isinstance(d.get("received_at"), str):
                seen.append((str(d.get("code")), d["received_at"][:10]))
        for code, day in seen:
            try:
                received = datetime.fromisoformat(day)
            except ValueError:
                continue
            scope = codes.sequence_scope(office.agency_code, desk["number"], received, template)
            number = _number_in(code, scope)
            if number is not None:
                self._store.recovery.move_code_counter(scope, number)


def _number_in(code: str, scope: str) -> int | None:
    """The sequence number of `code` if it was drawn from `scope` (codes.sequence_scope)."""
    prefix, _slot, suffix = scope.partition("#")
    if not code.startswith(prefix) or not code.endswith(suffix):
        return None
    middle = code[len(prefix) : len(code) - len(suffix)]
    return int(middle) if middle.isdigit() else None


def _dossier_uuids(changes: list[Any]) -> list[str]:
    return [
        str(c["dossier"].get("uuid"))
        for c in changes
        if isinstance(c, dict) and isinstance(c.get("dossier"), dict)
    ]


def _int_or_none(value: Any) -> int | None:
    return None if value is None else int(value)
