"""The sync bookkeeping's records as the sync engine and the supervisor's page see them.

Public types of the core: `sync/` and `ui/` import them from here, never from the store,
which fills them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class OutgoingRecord:
    id: int
    uuid: str
    entity_uuid: str
    payload: str  # the JSON text exactly as written with the change: what is sent and hashed
    created_at: str
    attempts: int
    base_version: int | None
    # The event's link in this desk's hash chain (None for an event never chained).
    chain_seq: int | None = None
    chain_prev: str | None = None
    chain_hash: str | None = None


@dataclass(frozen=True)
class Conflict:
    id: int
    dossier_uuid: str
    code: str
    detected_at: str
    local_status: str | None
    remote_status: str | None
    remote_version: int
    detail: dict[str, Any]
    resolved_at: str | None
    resolved_by: str | None


@dataclass(frozen=True)
class SyncRun:
    id: int
    started_at: str
    ended_at: str | None
    trigger: str
    ok: bool | None
    pushed: int
    pulled: int
    conflicts: int
    pending: int
    errors: list[str]


@dataclass(frozen=True)
class Rating:
    """A citizen's satisfaction rating of a dossier and where it was given: 'desk' (the
    return desk's key) or 'web' (the hub's page, received on pull)."""

    channel: str
    level: str
    answers: dict[str, str]
    rated_at: str


@dataclass(frozen=True)
class AttachmentRow:
    """One attached file of a dossier: a scan of a checklist item (kind 'intake', item N
    counted from 1) or the electronic result (kind 'result', no item)."""

    uuid: str
    dossier_uuid: str
    code: str
    item: int | None
    kind: str
    name: str
    media_type: str
    pages: int
    size: int
    sha256: str
    added_by: str
    added_at: str
    sync_state: str = "waiting"
    sync_error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "code": self.code,
            "item": self.item,
            "kind": self.kind,
            "name": self.name,
            "media_type": self.media_type,
            "pages": self.pages,
            "size": self.size,
            "sha256": self.sha256,
            "added_by": self.added_by,
            "added_at": self.added_at,
            "sync_state": self.sync_state,
        }
