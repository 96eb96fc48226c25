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
# A dossier snapshot and its event are a few kilobytes; notes and papers leave room.
MAX_PAYLOAD = 512_000
BIGINT = 2**63 - 1
# No NUL characters: PostgreSQL text cannot hold them, and no real value has one.
Text = Annotated[str, Field(pattern=r"^[^\x00]*$", max_length=10_000)]
Id = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^\x00]*$")]
Version = Annotated[int, Field(ge=0, le=BIGINT)]


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


Code = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]*$")]
Name = Annotated[str, Field(max_length=500, pattern=r"^[^\x00-\x1f\x7f]*$")]
Note = Annotated[str, Field(max_length=10_000, pattern=r"^[^\x00]*$")]
# ISO-8601 date or date-time with offset, as the desk's clock writes it.
Instant = Annotated[
    str, Field(min_length=10, max_length=40, pattern=r"^\d{4}-\d{2}-\d{2}([T ][0-9:.+\-Z]*)?$")
]
Count = Annotated[int, Field(ge=0, le=1_000_000)]
StatusName = Literal[
    "received",
    "processing",
    "supplement_requested",
    "payment_requested",
    "result_ready",
    "returned",
    "refused",
    "withdrawn",
    "stopped",
]


class ApplicantSnapshot(_Open):
    full_name: Name
    id_number: Name
    phone: Name
    address: Note | None = None
    email: Name | None = None
    birth_date: Name | None = None
    gender: Name | None = None


class DocumentSnapshot(_Open):
    name: Note
    originals: Count = 0
    certified_copies: Count = 0
    photocopies: Count = 0


class DossierSnapshot(_Open):
    """A dossier as the desk's core writes it (Dossier.to_dict()): every field another desk
    needs to take it in is required and typed, so a record that would break the desks of
    another office is refused at the hub, alone (docs/sync-protocol.md). Fields a newer desk
    adds are kept (additive rule)."""

    uuid: Id
    code: Code
    procedure_code: Code
    procedure_name: Note
    applicant: ApplicantSnapshot
    received_at: Instant
    due_at: Instant | None = None
    status: StatusName
    received_by: Name
    receiving_unit: Code
    resolving_unit: Code
    channel: Literal["in_person", "online", "post"] = "in_person"
    owner_name: Name | None = None
    owner_id_number: Name | None = None
    documents: Annotated[list[DocumentSnapshot], Field(max_length=200)] = []
    sets: Count = 1
    fee: Annotated[int, Field(ge=0, le=BIGINT)] = 0
    notes: Note | None = None
    result_at: Instant | None = None
    returned_at: Instant | None = None
    returned_to: Name | None = None
    satisfaction: Name | None = None
    updated_at: Annotated[str, Field(max_length=40)] = ""
    extra: dict[str, Any] = {}


class EventSnapshot(_Open):
    """One event of a dossier's history (intake, status change, hand-out, ...)."""

    uuid: Id
    dossier_uuid: Id
    at: Instant
    username: Name
    kind: Code
    old_status: Name | None = None
    new_status: Name | None = None
    note: Note | None = None
    data: dict[str, Any] = {}


class PushPayload(BaseModel):
    """What a pushed record's `payload` text holds: the snapshot and the event that made it."""

    model_config = ConfigDict(extra="ignore")

    dossier: DossierSnapshot
    event: EventSnapshot


Hash = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
Seq = Annotated[int, Field(ge=1, le=BIGINT)]


class ChainLink(BaseModel):
    """A pushed event's link in its desk's hash chain (counter_app/event_chain.py)."""

    seq: Seq
    prev: Hash
    hash: Hash


class SignedHead(BaseModel):
    """The push's last link, signed with the desk's Ed25519 key over
    `MC-HEAD-1|<desk uuid>|<seq>|<hash>` (signature base64url without padding)."""

    desk: Annotated[str, Field(max_length=200, pattern=r"^[^|\x00-\x1f]*$")]
    seq: Seq
    hash: Hash
    signature: Annotated[str, Field(min_length=86, max_length=86, pattern=r"^[A-Za-z0-9_-]+$")]


class ChainHeadState(BaseModel):
    """The last link of the desk's chain the hub holds (null before its first chained push)."""

    seq: Seq
    hash: Hash


class PushRecord(BaseModel):
    """One outbox row of a desk. `payload` is the JSON text of {"dossier", "event"}, sent byte
    for byte as the desk wrote it (its hash is over exactly those bytes)."""

    uuid: Id
    entity: Literal["dossier"] = "dossier"
    entity_uuid: Text | None = None
    created_at: Annotated[str, Field(min_length=10, max_length=40, pattern=r"^[^\x00]*$")]
    seq: Version | None = None
    base_version: Version | None = None
    payload: Annotated[str, Field(max_length=MAX_PAYLOAD)]
    chain: ChainLink | None = None


class PushRequest(BaseModel):
    records: Annotated[list[PushRecord], Field(max_length=MAX_RECORDS)]
    # Required once the desk's chain has started at the hub (sync/hub/chains.py).
    head: SignedHead | None = None


class CurrentState(BaseModel):
    """The hub's state of a dossier, given with a conflict."""

    dossier: DossierSnapshot
    version: int
    events: list[EventSnapshot]


class Ack(BaseModel):
    uuid: str | None
    status: Literal["stored", "conflict", "stale", "rejected"]
    version: int | None = None
    hash: str | None = None
    repeat: bool | None = None
    error: str | None = None
    current: CurrentState | None = None
    # With "stale": the sequence number of the desk's snapshot the hub holds of the dossier.
    seq: int | None = None
    record: str | None = None  # and the UUID of the record that brought it


class PushResponse(BaseModel):
    acks: list[Ack]
    head: ChainHeadState | None = None


class ChainHeadResponse(BaseModel):
    head: ChainHeadState | None


class ChainError(BaseModel):
    """409 of a push whose chain does not continue the hub's copy; nothing was stored."""

    error: str
    kind: Literal["chain_broken"]
    head: ChainHeadState | None


class PullQuery(BaseModel):
    cursor: Version = 0
    limit: Annotated[int, Field(ge=1, le=BIGINT)] = 500
    calendar: Version = 0
    procedures: Version = 0
    offices: Version = 0


class Change(BaseModel):
    dossier: DossierSnapshot
    version: int
    events: list[EventSnapshot]


class Publication(BaseModel):
    version: int
    data: Any


class DeskKey(BaseModel):
    """A desk's receipt-signing key; `valid_until` is set once the desk was enrolled again
    (receipts received up to then verify with it)."""

    agency_code: str
    desk: str
    public_key: str
    valid_from: str | None = None
    valid_until: str | None = None


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


class RecoveryQuery(BaseModel):
    since: Version = 0
    limit: Annotated[int, Field(ge=1, le=BIGINT)] = 200


class DeskCode(BaseModel):
    """The desk's highest dossier code of a received day."""

    code: str
    received_day: str


class RecordDay(BaseModel):
    """A record the desk pushed, by the day it was made (as in reconciliation)."""

    uuid: str
    dossier_uuid: str
    day: str


class RecoveryResponse(BaseModel):
    """What the hub holds from the asking desk past `since` (its own records only)."""

    cursor: int
    more: bool
    seq: int
    codes: list[DeskCode]
    records: list[RecordDay]
    changes: list[Change]


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
