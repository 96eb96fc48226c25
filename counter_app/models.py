"""Plain domain records. Storage turns rows into these; nothing here touches the database."""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, field, replace
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
    # Set by a supervisor's password reset: the user must choose a new one before working.
    must_change_password: bool = False

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

    def counts(self) -> dict[str, Any]:
        """The four fields of a line received, and only those: a checklist line handed in as
        received must not carry its catalogue flags into the dossier (the hub refuses them)."""
        return {
            "name": self.name,
            "originals": self.originals,
            "certified_copies": self.certified_copies,
            "photocopies": self.photocopies,
        }


@dataclass(frozen=True)
class RequiredDocument(DocumentCounts):
    """A line of a procedure's checklist (the catalogue). `shown_only`: the citizen only shows
    the paper (xuất trình, Circular 03 Art. 5), nothing to scan at intake."""

    shown_only: bool = False

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RequiredDocument:
        """A catalogue that does not say `shown_only` falls back on the name ("xuất trình");
        ValueError (in words) for a value that is not true or false."""
        from .attachments import shown_only
        from .i18n import _

        known = {k: v for k, v in data.items() if k in RequiredDocument.__dataclass_fields__}
        said = known.pop("shown_only", None)
        if said is not None and not isinstance(said, bool):
            raise ValueError(
                _("shown_only của '{name}' phải là true hoặc false").format(
                    name=data.get("name", "")
                )
            )
        doc = cls(**known)
        return replace(doc, shown_only=shown_only(doc.name) if said is None else said)


DocumentReceived = DocumentCounts  # a line of what was taken in with a dossier


@dataclass(frozen=True)
class Procedure:
    code: str  # national code, e.g. 1.001193
    name: str
    time_value: float  # a decimal: 0.5 working days, 4 working hours
    time_unit: TimeUnit
    local_code: str = ""
    field: str = ""  # the field's name (TenLinhVuc), e.g. "Hộ tịch"
    cutoff_hour: float | None = None  # same-day procedures: received at or after -> next day
    fee: int = 0
    documents: tuple[RequiredDocument, ...] = ()
    active: bool = True
    version: int = 1
    field_code: str = ""  # MaLinhVuc, e.g. G03-GD10
    time_text: str = ""  # the limit as published ("0,5 ngày làm việc"), printed on the receipt

    @property
    def time_limit_text(self) -> str:
        """The limit as published, else in words made from the value and unit."""
        from .time_limits import format_time_limit

        return self.time_text or format_time_limit(self.time_value, self.time_unit)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["time_unit"] = self.time_unit.value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Procedure:
        """ValueError (in words) for a time limit it cannot read: never a silent 0."""
        from .time_limits import read_time_limit

        docs = tuple(RequiredDocument.from_dict(d) for d in data.get("documents", ()))
        time_value, time_unit, time_text = read_time_limit(data)
        return cls(
            code=data["code"],
            name=data["name"],
            time_value=time_value,
            time_unit=time_unit,
            time_text=time_text,
            field_code=data.get("field_code", "") or "",
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
    # The new appointment proposed by an apology letter (Mẫu 04); due_at stays the original
    # one, which the on-time statistics judge against.
    extended_due_at: str | None = None
    # The office that hands the result out: the receiving office unless the citizen chose the
    # resolving one at intake. Empty on records made before it existed: the receiving office.
    handout_unit: str = ""

    @property
    def national_status(self) -> int:
        return NATIONAL_CODE[self.status]

    @property
    def appointment(self) -> str | None:
        """The date the citizen was last promised: the extension when there is one."""
        return self.extended_due_at or self.due_at

    @property
    def handout_office(self) -> str:
        return self.handout_unit or self.receiving_unit

    @property
    def holder(self) -> str:
        """The office that holds the dossier now (competence.holder)."""
        from .competence import holder

        return holder(self)

    def to_dict(self) -> dict[str, Any]:
        # What dataclasses.asdict gives, built directly: asdict deep-copies field by field and
        # was the largest Python cost of an intake (the outbox row carries this snapshot).
        data = dict(vars(self))  # the fields, in order: a plain dataclass keeps them there
        data["applicant"] = dict(vars(self.applicant))
        data["documents"] = tuple(d.counts() for d in self.documents)
        data["extra"] = copy.deepcopy(self.extra) if self.extra else {}
        data["status"] = self.status.value
        data["national_status"] = self.national_status
        data["channel"] = self.channel.value
        data["sync_state"] = self.sync_state.value
        data["handout_unit"] = self.handout_office
        data["holder"] = self.holder
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
