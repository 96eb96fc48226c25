"""What the sync engine needs from the core, in the core's terms (no network here).

Reached as `Counter.sync_book`. The engine (package `sync`) decides when to send and what the
hub answered; this module records it: records marked sending before a request and synced
only after a matching acknowledgement, remote changes applied unless a local change is still
unacknowledged (then a conflict is recorded for the supervisor), the pull cursor, the run log.
"""

from __future__ import annotations

import sqlite3
import uuid as uuidlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from counter_app.i18n import _

from . import clock
from .errors import NotFound, ValidationError
from .lifecycle import SATISFACTION_LEVELS, Status
from .models import Applicant, Channel, DocumentReceived, Dossier, SyncState, User
from .recovery import Recovery
from .remote_records import bad_change_reason
from .secret_store import HUB_TOKEN
from .sync_records import Conflict, OutgoingRecord, Rating, SyncRun

if TYPE_CHECKING:
    from .counter import Counter
    from .store import Store

SERVER_KEY = "sync.server"
CURSOR_KEY = "sync.cursor"
KNOWN_KEY = "sync.known"  # versions of the published calendar and catalogue held here
KEY_SENT = "sync.desk_key_registered"
AUTO_KEY = "sync.auto"
# Fields the province may change after intake; the rest is fixed when the dossier is taken in.
REMOTE_FIELDS = (
    "status",
    "due_at",
    "result_at",
    "returned_at",
    "returned_to",
    "satisfaction",
    "notes",
    "resolving_unit",
    "extra",
    "updated_at",
    "extended_due_at",
    "handout_unit",
)


@dataclass(frozen=True)
class ServerSettings:
    url: str
    token: str
    ca_file: str | None = None


class SyncBook:
    def __init__(self, counter: Counter, store: Store) -> None:
        self._counter = counter
        self._store = store

    # --- settings ------------------------------------------------------------------------

    @property
    def recovery(self) -> Recovery:
        """After a restore from a backup: learning back from the hub (counter_app/recovery.py)."""
        return Recovery(self._counter, self._store)

    def server(self) -> ServerSettings | None:
        data = self._store.meta.get(SERVER_KEY)
        if not data:
            return None
        token = self._counter.secrets.get(HUB_TOKEN) or ""
        return ServerSettings(url=data["url"], token=token, ca_file=data.get("ca_file"))

    def set_server(self, url: str, token: str, ca_file: str | None = None) -> None:
        errors = {}
        if not url.strip():
            errors["server"] = _("cần địa chỉ máy chủ")
        if not token.strip():
            errors["token"] = _("cần mã truy cập của quầy")
        if errors:
            raise ValidationError(errors)
        # The token is kept with the desk's other secrets, never in the database or a backup.
        self._counter.secrets.set(HUB_TOKEN, token.strip())
        settings = {"url": url.strip().rstrip("/"), "ca_file": ca_file}
        with self._store.write():
            self._store.meta.set(SERVER_KEY, settings)

    def auto_enabled(self) -> bool:
        return bool(self._store.meta.get(AUTO_KEY, True))

    def set_auto_enabled(self, enabled: bool) -> None:
        with self._store.write():
            self._store.meta.set(AUTO_KEY, enabled)

    def pending_count(self) -> int:
        """Records waiting to go to the province."""
        return self._store.outbox.pending_count()

    def cursor(self) -> int:
        return int(self._store.meta.get(CURSOR_KEY, 0))

    def set_cursor(self, cursor: int) -> None:
        with self._store.write():
            self._store.meta.set(CURSOR_KEY, cursor)

    def known_versions(self) -> dict[str, int]:
        return dict(self._store.meta.get(KNOWN_KEY, {}))

    def set_known_version(self, kind: str, version: int) -> None:
        with self._store.write():
            self._store.meta.set(KNOWN_KEY, {**self.known_versions(), kind: version})

    def desk_key_registered(self) -> bool:
        return bool(self._store.meta.get(KEY_SENT, False))

    def set_desk_key_registered(self) -> None:
        with self._store.write():
            self._store.meta.set(KEY_SENT, True)

    # --- outgoing ------------------------------------------------------------------------

    def batch(
        self, limit: int, include_not_due: bool = True, after_id: int = 0
    ) -> list[OutgoingRecord]:
        """Pending records oldest first, from outbox id `after_id` on (one run never sends a
        record twice, even one the hub refused)."""
        return self._store.sync.due_batch(limit, clock.iso(clock.now()), include_not_due, after_id)

    def mark_sending(self, uuids: list[str]) -> None:
        if uuids:
            with self._store.write():
                self._store.sync.mark_sending(uuids)

    def mark_failed(self, uuids: list[str], error: str, next_attempt_at: str | None) -> None:
        if uuids:
            with self._store.write():
                self._store.sync.mark_failed(uuids, error, next_attempt_at)

    def mark_unsent(self, uuids: list[str]) -> None:
        """A batch the hub never judged (network down, desk token refused): waiting again."""
        if uuids:
            with self._store.write():
                self._store.sync.mark_unsent(uuids)

    def acknowledge(self, acks: list[tuple[str, int]]) -> None:
        """Records the hub stored (uuid, hub version), all in one transaction."""
        if not acks:
            return
        with self._store.write():
            self._store.sync.mark_all_synced(acks, clock.iso(clock.now()))

    def acknowledge_conflict(
        self, record_uuid: str, current: dict[str, Any], version: int, events: list[dict[str, Any]]
    ) -> bool:
        """The hub kept a change made there over ours: our record is delivered, the conflict
        is recorded, and the hub's state is taken once nothing else of ours is pending.
        Returns True when a new conflict was recorded."""
        at = clock.iso(clock.now())
        with self._store.write():
            dossier_uuid = self._store.sync.mark_synced(record_uuid, version, at)
            local = self._store.dossiers.by_uuid(dossier_uuid)
            if local is None:
                return False
            new = self._store.sync.add_conflict(
                dossier_uuid,
                local[1].code,
                at,
                local[1].status.value,
                current.get("status"),
                version,
                {
                    "reason": "changed here and at the province before either side "
                    "saw the other; the province's change was kept"
                },
            )
            if self._store.sync.pending_for(dossier_uuid) == 0:
                self._apply(current, version, events)
            else:
                self._store.sync.refresh_dossier(dossier_uuid, None)
        return new

    # --- incoming ------------------------------------------------------------------------

    def apply_page(
        self, changes: list[Any], cursor: int, ratings: Sequence[dict[str, Any]] = ()
    ) -> tuple[int, int, list[str]]:
        """Apply one pull page (its dossiers' changes and citizens' ratings) and move the
        cursor in the same transaction. A change that fails the checks of `remote_records` is
        skipped and its reason returned. Returns (applied, new conflicts, reasons skipped)."""
        with self._store.write():
            applied, conflicts, skipped = self.apply_changes(changes)
            for rating in ratings:
                self._apply_rating(rating)
            self._store.meta.set(CURSOR_KEY, cursor)
        return applied, conflicts, skipped

    def apply_changes(self, changes: list[Any]) -> tuple[int, int, list[str]]:
        """The dossiers' changes of a pull page (or of a recovery page, counter_app/recovery.py)
        in one transaction, each checked and applied alone."""
        applied = conflicts = 0
        skipped: list[str] = []
        office = self._counter.office().agency_code
        with self._store.write():
            for n, change in enumerate(changes):
                if reason := bad_change_reason(change, office) or self._code_taken(change):
                    skipped.append(_skipped_words(n, change, reason))
                    continue
                try:
                    with self._store.db.atomic():  # a savepoint: a refused change leaves nothing
                        outcome = self._apply(
                            change["dossier"],
                            int(change["version"]),
                            list(change.get("events") or []),
                        )
                        self._check_applied(change["dossier"]["uuid"])
                except _Inconsistent as exc:
                    skipped.append(_skipped_words(n, change, str(exc)))
                    continue
                except sqlite3.IntegrityError as exc:
                    skipped.append(_skipped_words(n, change, f"refused by the database ({exc})"))
                    continue
                applied += outcome == "applied"
                conflicts += outcome == "conflict"
        return applied, conflicts, skipped

    def _check_applied(self, dossier_uuid: str) -> None:
        """What `check` holds of every dossier holds of a pulled one too: it has events, and
        its status is the one its last event set. Raised inside the change's savepoint."""
        if not self._store.dossiers.events_agree(dossier_uuid):
            raise _Inconsistent("its events do not lead to its status")

    def _code_taken(self, change: dict[str, Any]) -> str | None:
        """A new dossier whose code another dossier here already has (a hub or a desk reusing
        this desk's codes) would make the whole page fail: it is refused alone."""
        remote = change["dossier"]
        if self._store.dossiers.by_uuid(remote["uuid"]) is not None:
            return None
        if self._store.dossiers.by_code(remote["code"]) is None:
            return None
        return "its code is already used here by another dossier"

    def _apply_rating(self, remote: dict[str, Any]) -> None:
        """A rating the citizen gave on the hub's page; one of an unknown dossier or with a
        level the desk does not know is left out (it changes nothing here)."""
        found = self._store.dossiers.by_uuid(str(remote.get("dossier_uuid")))
        level = remote.get("level")
        if found is None or level not in SATISFACTION_LEVELS:
            return
        answers = remote.get("answers")
        answers = {str(k): str(v) for k, v in answers.items()} if isinstance(answers, dict) else {}
        self._store.ratings.put(
            found[0],
            Rating(
                str(remote.get("channel") or "web"),
                level,
                answers,
                str(remote.get("changed_at") or ""),
            ),
        )

    def _apply(self, remote: dict[str, Any], version: int, events: list[dict[str, Any]]) -> str:
        found = self._store.dossiers.by_uuid(str(remote["uuid"]))
        at = clock.iso(clock.now())
        if found is None:
            dossier_id = self._store.dossiers.insert(dossier_from_dict(remote))
            self._store.sync.add_remote_outbox(
                str(uuidlib.uuid4()), str(remote["uuid"]), {"version": version}, at
            )
        else:
            dossier_id, local = found
            if self._store.sync.pending_for(local.uuid):
                new = self._store.sync.add_conflict(
                    local.uuid,
                    local.code,
                    at,
                    local.status.value,
                    remote.get("status"),
                    version,
                    {
                        "reason": "changed at the province while a change made here was not yet "
                        "acknowledged; the change made here was kept until the supervisor decides"
                    },
                )
                return "conflict" if new else "skipped"
            if version <= (self._store.sync.server_version(local.uuid) or 0):
                return "skipped"
            fields = {k: remote.get(k) for k in REMOTE_FIELDS}
            fields["handout_unit"] = fields["handout_unit"] or ""  # absent from older records
            self._store.dossiers.update(dossier_id, **fields)
        for event in events:
            self._store.sync.add_remote_event(dossier_id, event)
        self._store.chain.note_remote(dossier_id)  # its state is now the hub's to vouch for
        self._store.sync.set_server_version(str(remote["uuid"]), version)
        return "applied"

    # --- conflicts -----------------------------------------------------------------------

    def conflicts(self, open_only: bool = True) -> list[Conflict]:
        return self._store.sync.conflicts(open_only)

    def resolve_conflict(self, actor: User, conflict_id: int) -> None:
        """The supervisor has looked at it (and redone any change that must still happen)."""
        from .roles import Action, require

        require(actor, Action.MANAGE_SYNC)
        with self._store.write():
            if not self._store.sync.resolve_conflict(
                conflict_id, actor.username, clock.iso(clock.now())
            ):
                raise NotFound(
                    _("không có xung đột mở số {conflict_id}").format(conflict_id=conflict_id)
                )

    # --- reconciliation ------------------------------------------------------------------

    def own_record_days(self) -> dict[str, list[str]]:
        return self._store.sync.own_record_days()

    def office_dossier_days(self) -> dict[str, list[str]]:
        return self._store.sync.office_dossier_days(self._counter.office().agency_code)

    def requeue_days(self, days: list[str]) -> int:
        if not days:
            return 0
        with self._store.write():
            return self._store.sync.requeue_days(days)

    # --- the run log -----------------------------------------------------------------------

    def start_run(self, trigger: str) -> int:
        with self._store.write():
            return self._store.sync.start_run(clock.iso(clock.now()), trigger)

    def finish_run(
        self,
        run_id: int,
        ok: bool,
        pushed: int,
        pulled: int,
        conflicts: int,
        pending: int,
        errors: list[str],
    ) -> None:
        with self._store.write():
            self._store.sync.finish_run(
                run_id, clock.iso(clock.now()), ok, pushed, pulled, conflicts, pending, errors
            )

    def runs(self, limit: int = 50) -> list[SyncRun]:
        return self._store.sync.runs(limit)


class _Inconsistent(Exception):
    pass


def _skipped_words(n: int, change: Any, reason: str) -> str:
    # The record's code names it for the supervisor; a name or ID number never goes to the log.
    dossier = change.get("dossier") if isinstance(change, dict) else None
    code = dossier.get("code") if isinstance(dossier, dict) else None
    code = code if isinstance(code, str) and code.isprintable() and len(code) < 40 else f"#{n}"
    return _("bỏ qua bản ghi nhận về {code}: {reason}").format(code=code, reason=reason)


def dossier_from_dict(data: dict[str, Any]) -> Dossier:
    """A dossier as `Dossier.to_dict()` wrote it (at another desk, or at the province)."""
    a = data["applicant"]
    return Dossier(
        uuid=data["uuid"],
        code=data["code"],
        procedure_code=data["procedure_code"],
        procedure_name=data["procedure_name"],
        applicant=Applicant(**{k: a.get(k) for k in Applicant.__dataclass_fields__}),
        received_at=data["received_at"],
        due_at=data.get("due_at"),
        status=Status(data["status"]),
        received_by=data["received_by"],
        receiving_unit=data["receiving_unit"],
        resolving_unit=data["resolving_unit"],
        channel=Channel(data.get("channel") or "in_person"),
        owner_name=data.get("owner_name"),
        owner_id_number=data.get("owner_id_number"),
        documents=tuple(DocumentReceived(**x) for x in data.get("documents") or ()),
        sets=int(data.get("sets") or 1),
        fee=int(data.get("fee") or 0),
        notes=data.get("notes"),
        result_at=data.get("result_at"),
        returned_at=data.get("returned_at"),
        returned_to=data.get("returned_to"),
        satisfaction=data.get("satisfaction"),
        sync_state=SyncState.SYNCED,
        updated_at=data.get("updated_at") or "",
        extra=dict(data.get("extra") or {}),
        extended_due_at=data.get("extended_due_at"),
        handout_unit=data.get("handout_unit") or "",
    )
