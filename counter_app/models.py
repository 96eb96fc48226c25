"""Plain domain records. Storage turns rows into these; nothing here touches the database."""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from .lifecycle import NATIONAL_CODE, Status


class Role(StrEnum):
    CLERK = "clerk"
    SUPERVISOR = "supervisor"


class TimeUnit(StrEnum):
    WORKING_DAYS = "working_days"
    WORKING_HOURS = "working_hours"
    CALENDAR_DAYS = "calendar_days"
    SAME_DAY = "same_day"


class SyncState(StrEnum):
    WAITING = "waiting"
    SENDING = "sending"
    SYNCED = "synced"
    ERROR = "error"


class Channel(StrEnum):
    IN_PERSON = "in_person"  # KenhThucHien 1
    ONLINE = "online"  # 2
    POST = "post"  # 3


@dataclass(frozen=True)
class Office:
    agency_code: str
    name: str
    province_code: str = ""
    commune_code: str = ""
    address: str = ""
    phone: str = ""
    parent_name: str = ""  # the governing body printed above the office name on forms


@dataclass(frozen=True)
class User:
    username: str
    full_name: str
    role: Role
    active: bool = True

    @property
    def is_supervisor(self) -> bool:
        return self.role is Role.SUPERVISOR


@dataclass(frozen=True)
class DocumentCounts:
    """One paper of a dossier and how many of each kind. A procedure's checklist lists them as
    required; an intake records them as received: the same fields, so one type under two
    names that say which role it plays."""

    name: str
    originals: int = 0
    certified_copies: int = 0
    photocopies: int = 0


RequiredDocument = DocumentCounts  # a line of a procedure's checklist (the catalogue)
DocumentReceived = DocumentCounts  # a line of what was taken in with a dossier


@dataclass(frozen=True)
class Procedure:
    code: str  # national code, e.g. 1.001193
    name: str
    time_value: int
    time_unit: TimeUnit
    local_code: str = ""
    field: str = ""
    cutoff_hour: float | None = None  # same-day procedures: received at or after -> next day
    fee: int = 0
    documents: tuple[RequiredDocument, ...] = ()
    active: bool = True
    version: int = 1

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["time_unit"] = self.time_unit.value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Procedure:
        docs = tuple(RequiredDocument(**d) for d in data.get("documents", ()))
        return cls(
            code=data["code"],
            name=data["name"],
            time_value=int(data.get("time_value", 0)),
            time_unit=TimeUnit(data["time_unit"]),
            local_code=data.get("local_code", "") or "",
            field=data.get("field", "") or "",
            cutoff_hour=data.get("cutoff_hour"),
            fee=int(data.get("fee", 0) or 0),
            documents=docs,
            active=bool(data.get("active", True)),
            version=int(data.get("version", 1)),
        )


@dataclass(frozen=True)
class Applicant:
    full_name: str
    id_number: str
    phone: str
    address: str | None = None
    email: str | None = None
    birth_date: str | None = None  # ISO date
    gender: str | None = None


@dataclass
class Dossier:
    uuid: str
    code: str
    procedure_code: str
    procedure_name: str
    applicant: Applicant
    received_at: str  # ISO-8601 with offset
    due_at: str | None
    status: Status
    received_by: str
    receiving_unit: str
    resolving_unit: str
    channel: Channel = Channel.IN_PERSON
    owner_name: str | None = None
    owner_id_number: str | None = None
    documents: tuple[DocumentReceived, ...] = ()
    sets: int = 1
    fee: int = 0
    notes: str | None = None
    result_at: str | None = None
    returned_at: str | None = None
    returned_to: str | None = None
    satisfaction: str | None = None
    sync_state: SyncState = SyncState.WAITING
    sync_error: str | None = None
    updated_at: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def national_status(self) -> int:
        return NATIONAL_CODE[self.status]

    def to_dict(self) -> dict[str, Any]:
        # What dataclasses.asdict gives, built directly: asdict deep-copies field by field and
        # was the largest Python cost of an intake (the outbox row carries this snapshot).
        data = dict(vars(self))  # the fields, in order: a plain dataclass keeps them there
        data["applicant"] = dict(vars(self.applicant))
        data["documents"] = tuple(dict(vars(d)) for d in self.documents)
        data["extra"] = copy.deepcopy(self.extra) if self.extra else {}
        data["status"] = self.status.value
        data["national_status"] = self.national_status
        data["channel"] = self.channel.value
        data["sync_state"] = self.sync_state.value
        return data


@dataclass(frozen=True)
class Event:
    uuid: str
    dossier_uuid: str
    at: str
    username: str
    kind: str  # intake, status, return, print, apology, supplement, rating, ...
    old_status: str | None
    new_status: str | None
    note: str | None
    data: dict[str, Any] = field(default_factory=dict)
