"""The values a form template fills in, taken from the dossier, the office and the events.

Everything is text here, already in the words of the official forms ("09 giờ 05 phút, ngày 27
tháng 10 năm 2023"); a missing value stays out of the dict and prints as a dotted blank. The
wording that changes with the circular (the one-stop unit's name, where results are handed
out) comes from the template set, never from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from counter_app.i18n import _

from .. import clock
from ..errors import NotFound, ValidationError
from ..intake import IntakeRequest, missing_documents, validate
from ..lifecycle import Status
from ..models import (
    Applicant,
    Channel,
    DocumentReceived,
    Dossier,
    Event,
    Office,
    Procedure,
    TimeUnit,
    User,
)
from ..text import nfc
from .templates import TemplateSet

if TYPE_CHECKING:
    from ..counter import Counter

_CHANNEL_KEYS = {Channel.IN_PERSON: "in_person", Channel.ONLINE: "online", Channel.POST: "post"}
_UNIT_WORDS = {
    TimeUnit.WORKING_DAYS: "ngày làm việc",
    TimeUnit.WORKING_HOURS: "giờ làm việc",
    TimeUnit.CALENDAR_DAYS: "ngày",
}
# How the forms address the applicant: the label ("Ông (Bà): …") and the running text ("… của
# Ông/Bà"), by the gender recorded at intake; unknown keeps both.
HONORIFIC = {"Nam": ("Ông", "Ông"), "Nữ": ("Bà", "Bà"), None: ("Ông (Bà)", "Ông/Bà")}
# Statuses after which Mẫu 05 (stop notice) is printed: the applicant asked to stop.
STOP_STATUSES = (Status.WITHDRAWN, Status.STOPPED)


@dataclass
class FormData:
    values: dict[str, str]
    document_date: datetime  # prints in the place-and-date line
    rows: dict[str, list[list[str]]] = field(default_factory=dict)
    qr_payload: str | None = None


@dataclass(frozen=True)
class Subject:
    """What a form says about a dossier; a request not taken in has no code and no due date."""

    code: str
    applicant: Applicant
    owner_name: str | None
    procedure_code: str
    procedure_name: str
    documents: tuple[DocumentReceived, ...]
    sets: int
    channel: Channel
    received_at: datetime
    due_at: datetime | None
    extended_due_at: datetime | None
    received_by: str

    @classmethod
    def of_dossier(cls, d: Dossier) -> Subject:
        due, extended = due_dates(d)
        return cls(
            code=d.code,
            applicant=d.applicant,
            owner_name=d.owner_name,
            procedure_code=d.procedure_code,
            procedure_name=d.procedure_name,
            documents=d.documents,
            sets=d.sets,
            channel=d.channel,
            received_at=clock.parse_iso(d.received_at),
            due_at=due,
            extended_due_at=extended,
            received_by=d.received_by,
        )

    @classmethod
    def of_request(
        cls, counter: Counter, req: IntakeRequest, actor: User, now: datetime
    ) -> tuple[Subject, Procedure]:
        """Validated exactly as an intake would be, so the form never says what intake refuses."""
        try:
            proc: Procedure | None = counter.catalogue.procedure(nfc(req.procedure_code))
        except NotFound:
            proc = None
        valid = validate(req, proc, now)
        assert proc is not None  # validate() refuses an unknown procedure
        subject = cls(
            code="",
            applicant=valid.applicant,
            owner_name=valid.owner_name,
            procedure_code=proc.code,
            procedure_name=proc.name,
            documents=valid.documents,
            sets=valid.sets,
            channel=req.channel,
            received_at=now,
            due_at=None,
            extended_due_at=None,
            received_by=actor.username,
        )
        return subject, proc


def due_dates(d: Dossier) -> tuple[datetime | None, datetime | None]:
    """(original, extended) due dates. Works with the extension kept in its own field
    (`extended_due_at`) and with the older layout where an apology moved `due_at` and kept the
    original in `extra`."""
    extended_field = getattr(d, "extended_due_at", None)
    if extended_field:
        original = d.due_at or d.extra.get("due_at_when_ended")
        return _time(original), _time(extended_field)
    original_extra = d.extra.get("original_due_at")
    current = d.due_at or d.extra.get("due_at_when_ended")
    if original_extra:
        return _time(original_extra), _time(current)
    return _time(current), None


def _time(value: object) -> datetime | None:
    return clock.parse_iso(str(value)) if value else None


def long_date(dt: datetime) -> str:
    return f"ngày {dt.day:02d} tháng {dt.month:02d} năm {dt.year}"


def long_time(dt: datetime) -> str:
    return f"{dt.hour:02d} giờ {dt.minute:02d} phút, {long_date(dt)}"


def place_name(counter: Counter, office: Office) -> str:
    """The place in 'Bến Nghé, ngày …': a setting, else the office name without 'UBND'."""
    configured = counter.setting("place_name")
    if configured:
        return nfc(str(configured))
    name = office.name
    for prefix in ("UBND ", "Ủy ban nhân dân ", "Uỷ ban nhân dân "):
        if name.lower().startswith(prefix.lower()):
            name = name[len(prefix) :]
            break
    return name[:1].upper() + name[1:]


def time_limit(proc: Procedure | None) -> str:
    """As published: '05 ngày làm việc', '0,5 ngày làm việc', '04 giờ làm việc'."""
    if proc is None:
        return ""
    return proc.time_limit_text  # as published ("0,5 ngày làm việc"), else in words


def _amount(value: Any) -> str:
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return f"{int(number):02d}"
    return format(number.normalize(), "f").replace(".", ",")


def _procedure(counter: Counter, code: str) -> Procedure | None:
    try:
        return counter.catalogue.procedure(code)
    except NotFound:
        return None


def _user_names(counter: Counter) -> dict[str, str]:
    return {u.username: u.full_name for u in counter.accounts.users()}


def base_values(
    counter: Counter, subject: Subject, actor: User | None, template_set: TemplateSet
) -> dict[str, str]:
    office = counter.office()
    a = subject.applicant
    proc = _procedure(counter, subject.procedure_code)
    received = subject.received_at
    heading = counter.form_heading()
    honorific, you = HONORIFIC.get(a.gender, HONORIFIC[None])
    values = {
        "office_name": office.name,
        "parent_name": office.parent_name,
        "heading": heading,
        # Above the heading: the commune's committee, or the governing body when the office's
        # name is the heading itself.
        "heading_parent": office.name if office.name != heading else office.parent_name,
        "agency_code": office.agency_code,
        "code": subject.code,
        "honorific": honorific,
        "you": you,
        "applicant_name": a.full_name,
        "applicant_id": a.id_number,
        "applicant_address": a.address or "",
        "applicant_phone": a.phone,
        "applicant_email": a.email or "",
        "owner_name": subject.owner_name or "",
        "procedure_name": subject.procedure_name,
        "procedure_code": subject.procedure_code,
        "sets": f"{subject.sets:02d}",
        "time_limit": time_limit(proc),
        "received_time": long_time(received),
        "received_date_short": f"{received:%d/%m/%Y}",
        "due_time": long_time(subject.due_at) if subject.due_at else "",
        "extended_due_time": (
            long_time(subject.extended_due_at) if subject.extended_due_at else ""
        ),
        "book_number": str(counter.setting("book_number", "") or ""),
        "book_seq": "",
        "clerk_name": _user_names(counter).get(subject.received_by, subject.received_by),
        "processing_body": str(counter.setting("processing_body", "") or office.name),
        "partner_body": "",
        "contact_name": actor.full_name if actor else "",
        "contact_phone": office.phone,
        "head_title": str(counter.setting("head_title", "") or "THỦ TRƯỞNG CƠ QUAN"),
        "head_name": str(counter.setting("head_name", "") or ""),
    }
    values = {k: v for k, v in values.items() if v}
    return with_wording(template_set, values, subject.channel)


def with_wording(
    template_set: TemplateSet, values: dict[str, str], channel: Channel
) -> dict[str, str]:
    """The set's own words, filled from the values: the unit, the heading, the result place."""
    data = template_set.data
    filled = _Filler(values)
    heading = data.get("heading", {})
    extra = {
        "unit": str(data.get("unit", "")).format_map(filled),
        "header_parent": str(heading.get("parent", "")).format_map(filled),
        "header_unit": str(heading.get("unit", "")).format_map(filled),
    }
    extra = {k: v for k, v in extra.items() if v}
    places = data.get("result_place", {})
    place = str(places.get(_CHANNEL_KEYS[channel], "")).format_map(_Filler({**values, **extra}))
    if place:
        extra["result_place"] = place
    return {**values, **extra}


class _Filler(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def receipt_data(
    counter: Counter, dossier: Dossier, actor: User | None, template_set: TemplateSet
) -> FormData:
    from ..signing import qr_text, receipt_payload

    if dossier.status is Status.REFUSED:
        raise ValidationError({"form": _("hồ sơ bị từ chối không có giấy hẹn: in Mẫu 03")})
    subject = Subject.of_dossier(dossier)
    values = base_values(counter, subject, actor, template_set)
    if subject.due_at is None:
        values["due_time"] = (
            "trả ngay trong ngày / giải quyết ngay"  # the form's words, not a message
        )
    rows = [
        [str(n), d.name, _count(d.originals), _count(d.certified_copies), _count(d.photocopies)]
        for n, d in enumerate(dossier.documents, 1)
    ]
    short = [[f"{n}. {d.name}"] for n, d in enumerate(dossier.documents, 1)]
    return FormData(
        values=values,
        document_date=subject.received_at,
        rows={"documents": rows, "documents_short": short},
        qr_payload=qr_text(counter, receipt_payload(counter, dossier)),
    )


def supplement_data(
    counter: Counter,
    subject: Subject,
    events: list[Event],
    actor: User | None,
    template_set: TemplateSet,
    reason: str | None,
    missing: list[str] | None,
) -> FormData:
    values = base_values(counter, subject, actor, template_set)
    proc = _procedure(counter, subject.procedure_code)
    wanted = (
        missing
        if missing is not None
        else (missing_documents(proc, subject.documents) if proc else [])
    )
    required = {d.name: d for d in proc.documents} if proc else {}
    rows = []
    for n, name in enumerate(wanted, 1):
        req = required.get(name)
        counts = (req.originals, req.certified_copies, req.photocopies) if req else (0, 0, 0)
        rows.append([str(n), nfc(name), *(_count(c) for c in counts)])
    note = reason or _last_note(events, Status.SUPPLEMENT_REQUESTED)
    if note:
        values["reason"] = nfc(note)
    elif rows:
        values["reason"] = "Hồ sơ chưa đủ thành phần theo quy định"
    return FormData(values=values, document_date=clock.now(), rows={"missing": rows})


def refusal_data(
    counter: Counter,
    subject: Subject,
    events: list[Event],
    actor: User | None,
    template_set: TemplateSet,
    reason: str | None,
    refused_at: datetime | None = None,
    recorded_reason: str | None = None,
) -> FormData:
    values = base_values(counter, subject, actor, template_set)
    text = reason or recorded_reason or _last_note(events, Status.REFUSED)
    if text:
        values["reason"] = nfc(str(text))
    return FormData(values=values, document_date=refused_at or clock.now())


def dossier_refusal_data(
    counter: Counter,
    dossier: Dossier,
    actor: User | None,
    template_set: TemplateSet,
    reason: str | None,
) -> FormData:
    refused = dossier.status is Status.REFUSED
    return refusal_data(
        counter,
        Subject.of_dossier(dossier),
        counter.dossiers.events(dossier.code),
        actor,
        template_set,
        reason,
        refused_at=clock.parse_iso(dossier.received_at) if refused else None,
        recorded_reason=dossier.extra.get("refusal_reason"),
    )


def apology_data(
    counter: Counter,
    dossier: Dossier,
    actor: User | None,
    template_set: TemplateSet,
    reason: str | None,
    new_due: datetime | None,
) -> FormData:
    """Mẫu 04 from the apology recorded on the dossier: its reason, the original due date and
    the new one as the event holds them (so a reprint says what was sent)."""
    subject = Subject.of_dossier(dossier)
    values = base_values(counter, subject, actor, template_set)
    event = _last_apology(counter.dossiers.events(dossier.code))
    if event is None and (reason is None or new_due is None):
        raise NotFound(
            _("hồ sơ {code} chưa có thư xin lỗi: ghi lý do và ngày hẹn mới trước").format(
                code=dossier.code
            )
        )
    when = clock.now()
    original = subject.due_at
    if event is not None:
        data = event.data
        reason = reason or data.get("reason") or event.note
        stored_due = _first(data, "new_due_at", "extended_due_at", "new_due")
        if new_due is None and stored_due:
            new_due = clock.parse_iso(stored_due)
        when = clock.parse_iso(event.at)
        original = _time(_first(data, "original_due_at", "old_due_at", "old_due")) or original
        # The date this letter moves: the one in force before it (after an earlier apology,
        # that earlier letter's date).
        previous = _first(data, "old_due_at", "old_due", "original_due_at")
        if previous:
            values["due_time"] = long_time(clock.parse_iso(previous))
    if original is not None:
        values["original_due_time"] = long_time(original)
    if reason:
        values["reason"] = nfc(str(reason))
    if new_due is not None:
        values["new_due_time"] = long_time(new_due)
    if actor is not None and "head_name" not in values and actor.is_supervisor:
        values["head_name"] = actor.full_name
    return FormData(values=values, document_date=when)


def stop_data(
    counter: Counter,
    dossier: Dossier,
    actor: User | None,
    template_set: TemplateSet,
    reason: str | None,
) -> FormData:
    """Mẫu 05: the applicant asked to stop (withdrawn, or stopped) before a decision."""
    if dossier.status not in STOP_STATUSES:
        raise ValidationError(
            {"form": _("Mẫu dừng giải quyết chỉ in khi hồ sơ đã rút hoặc dừng xử lý")}
        )
    events = counter.dossiers.events(dossier.code)
    event = next(
        (e for e in reversed(events) if e.new_status in {s.value for s in STOP_STATUSES}), None
    )
    subject = Subject.of_dossier(dossier)
    values = base_values(counter, subject, actor, template_set)
    when = clock.parse_iso(event.at) if event is not None else clock.now()
    values["stop_time"] = long_time(when)
    values["stop_date_short"] = f"{when:%d/%m/%Y}"
    text = reason
    if not text and event is not None:
        text = _first(event.data, "reason", "stop_reason") or event.note
    if text:
        values["reason"] = nfc(str(text))
    if actor is not None and "head_name" not in values and actor.is_supervisor:
        values["head_name"] = actor.full_name
    return FormData(values=values, document_date=when)


def control_data(
    counter: Counter, dossier: Dossier, actor: User | None, template_set: TemplateSet
) -> FormData:
    subject = Subject.of_dossier(dossier)
    values = base_values(counter, subject, actor, template_set)
    events = counter.dossiers.events(dossier.code)
    body = values.get("processing_body", "")
    unit = values.get("unit", "")
    sent = _first_status(events, Status.PROCESSING)
    rows = [
        [f"1. Giao: {unit}\n2. Nhận: {body}", _handover_time(sent), "", ""],
        ["1. Giao:\n2. Nhận:", _handover_time(None), "", ""],
        ["1. Giao:\n2. Nhận:", _handover_time(None), "", ""],
    ]
    back = _first_status(events, Status.RESULT_READY)
    outcome = ""
    # Judged against the original due date: an extension does not make a late result on time.
    if back is not None and subject.due_at is not None:
        done, due = clock.parse_iso(back.at), subject.due_at
        outcome = (
            "Trước hạn" if done.date() < due.date() else "Đúng hạn" if done <= due else "Quá hạn"
        )
    rows.append([f"1. Giao: {body}\n2. Nhận: {unit}", _handover_time(back), outcome, ""])
    return FormData(values=values, document_date=subject.received_at, rows={"handovers": rows})


def _first(data: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        if data.get(key):
            return str(data[key])
    return None


def _handover_time(event: Event | None) -> str:
    signatures = "\nNgười giao        Người nhận\n\n"
    if event is None:
        return f"..... giờ ..... phút, ngày ...../...../.........{signatures}"
    return long_time(clock.parse_iso(event.at)) + signatures


def _count(n: int) -> str:
    return str(n) if n else ""


def _last_note(events: list[Event], status: Status) -> str | None:
    for e in reversed(events):
        if e.new_status == status.value and e.note:
            return e.note
    return None


def _first_status(events: list[Event], status: Status) -> Event | None:
    return next((e for e in events if e.new_status == status.value), None)


def _last_apology(events: list[Event]) -> Event | None:
    return next((e for e in reversed(events) if e.kind == "apology"), None)
