"""The sync API's bodies as typed models: the hub parses requests with them and the OpenAPI
served at /openapi.json is generated from them (sync/hub/openapi.py).

Kept apart from the routes so that other parts of the hub (record validation, web pages) use
the same definitions. Fields a model does not name are ignored in requests (a newer desk may
send more; the protocol's additive rule). Snapshots of dossiers and events name the fields the protocol relies on
and allow the others: the desk's core adds fields over time and the hub keeps what it is sent.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

MAX_RECORDS = 5000
BIGINT = 2**63 - 1
# No NUL characters: PostgreSQL text cannot hold them, and no real value has one.
Text = Annotated[str, Field(pattern=r"^[^\x00]*$", max_length=10_000)]
Id = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^\x00]*$")]
Version = Annotated[int, Field(ge=0, le=BIGINT)]


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class DossierSnapshot(_Open):
    """A dossier as the desk's core describes it (Dossier.to_dict()), other fields allowed."""

    uuid: str
    code: str
    receiving_unit: str
    resolving_unit: str | None = None
    status: str
    received_at: str
    procedure_code: str | None = None
    due_at: str | None = None
    updated_at: str | None = None
    extra: dict[str, Any] | None = None


class EventSnapshot(_Open):
    """One event of a dossier's history (intake, status change, hand-out, ...)."""

    uuid: str
    dossier_uuid: str | None = None
    at: str | None = None
    username: str | None = None
    kind: str | None = None
    old_status: str | None = None
    new_status: str | None = None
    note: str | None = None


class PushRecord(BaseModel):
    """One outbox row of a desk. `payload` is the JSON text of {"dossier", "event"}, sent byte
    for byte as the desk wrote it (its hash is over exactly those bytes)."""

    uuid: Id
    entity: Literal["dossier"] = "dossier"
    entity_uuid: Text | None = None
    created_at: Annotated[str, Field(min_length=10, max_length=40, pattern=r"^[^\x00]*$")]
    seq: Version | None = None
    base_version: Version | None = None
    payload: Annotated[str, Field(max_length=4_000_000)]


class PushRequest(BaseModel):
    records: Annotated[list[PushRecord], Field(max_length=MAX_RECORDS)]


class CurrentState(BaseModel):
    """The hub's state of a dossier, given with a conflict."""

    dossier: DossierSnapshot
    version: int
    events: list[EventSnapshot]


class Ack(BaseModel):
    uuid: str | None
    status: Literal["stored", "conflict", "rejected"]
    version: int | None = None
    hash: str | None = None
    repeat: bool | None = None
    error: str | None = None
    current: CurrentState | None = None


class PushResponse(BaseModel):
    acks: list[Ack]


class PullQuery(BaseModel):
    cursor: Version = 0
    limit: Annotated[int, Field(ge=1, le=BIGINT)] = 500
    calendar: Version = 0
    procedures: Version = 0


class Change(BaseModel):
    dossier: DossierSnapshot
    version: int
    events: list[EventSnapshot]


class Publication(BaseModel):
    version: int
    data: Any


class DeskKey(BaseModel):
    agency_code: str
    desk: str
    public_key: str


class CitizenRating(BaseModel):
    """A citizen's satisfaction rating from the hub's page (sync/hub/ratings.py)."""

    dossier_uuid: str
    code: str
    level: str
    answers: dict[str, str]
    channel: str
    rated_at: str
    changed_at: str
    version: int


class PullResponse(BaseModel):
    cursor: int
    more: bool
    changes: list[Change]
    calendar: Publication | None = None
    procedures: Publication | None = None
    desk_keys: list[DeskKey]
    ratings: list[CitizenRating] = []


class DaySummary(BaseModel):
    count: int
    digest: str


class ReconcileResponse(BaseModel):
    desk: dict[str, DaySummary]
    office: dict[str, DaySummary]


class DeskKeyRequest(BaseModel):
    public_key: Annotated[str, Field(min_length=1, max_length=10_000, pattern=r"^[^\x00]*$")]


class Ok(BaseModel):
    ok: bool


class Health(BaseModel):
    ok: bool
    protocol: int


class Readiness(BaseModel):
    ok: bool
    detail: str
    schema_version: int


class ErrorBody(BaseModel):
    error: str
