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
