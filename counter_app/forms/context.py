"""The values a form template fills in, taken from the dossier, the office and the events.

Everything is text here, already in the words of the official forms ("09 giờ 05 phút, ngày 27
tháng 10 năm 2023"); a missing value stays out of the dict and prints as a dotted blank.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from .. import clock
from ..errors import NotFound, ValidationError
from ..intake import missing_documents
from ..lifecycle import Status
from ..models import Channel, Dossier, Event, Office, Procedure, TimeUnit, User
from ..text import nfc

if TYPE_CHECKING:
    from ..counter import Counter

RESULT_PLACE = {
    Channel.IN_PERSON: "Bộ phận tiếp nhận và trả kết quả",
    Channel.ONLINE: "Trực tuyến (qua Cổng dịch vụ công)",
    Channel.POST: "Qua dịch vụ bưu chính công ích",
}
_UNIT_WORDS = {
    TimeUnit.WORKING_DAYS: "ngày làm việc",
    TimeUnit.WORKING_HOURS: "giờ làm việc",
    TimeUnit.CALENDAR_DAYS: "ngày",
}


@dataclass
class FormData:
    values: dict[str, str]
    document_date: datetime  # picks the template set and prints in the place-and-date line
    rows: dict[str, list[list[str]]] = field(default_factory=dict)
    qr_payload: str | None = None


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
    if proc is None:
        return ""
    return proc.time_limit_text  # as published ("0,5 ngày làm việc"), else in words


def _user_name(counter: Counter, username: str) -> str:
    user = counter.store.users.get(username)
    return user.full_name if user else username


def base_values(counter: Counter, dossier: Dossier, actor: User | None) -> dict[str, str]:
    office = counter.office()
    a = dossier.applicant
    proc = counter.store.procedures.get(dossier.procedure_code)
    received = clock.parse_iso(dossier.received_at)
    values = {
        "office_name": office.name,
        "parent_name": office.parent_name,
        "agency_code": office.agency_code,
        "code": dossier.code,
        "applicant_name": a.full_name,
        "applicant_id": a.id_number,
        "applicant_address": a.address or "",
        "applicant_phone": a.phone,
        "applicant_email": a.email or "",
        "owner_name": dossier.owner_name or "",
        "procedure_name": dossier.procedure_name,
        "procedure_code": dossier.procedure_code,
        "sets": f"{dossier.sets:02d}",
        "time_limit": time_limit(proc),
        "received_time": long_time(received),
        "received_date_short": f"{received:%d/%m/%Y}",
        "due_time": long_time(clock.parse_iso(dossier.due_at)) if dossier.due_at else "",
        "result_place": RESULT_PLACE[dossier.channel],
        "book_number": str(counter.setting("book_number", "") or ""),
        "book_seq": "",
        "clerk_name": _user_name(counter, dossier.received_by),
        "processing_body": str(counter.setting("processing_body", "") or office.name),
        "partner_body": "",
        "contact_name": actor.full_name if actor else "",
        "contact_phone": office.phone,
        "head_title": str(counter.setting("head_title", "") or "THỦ TRƯỞNG CƠ QUAN"),
        "head_name": str(counter.setting("head_name", "") or ""),
    }
    return {k: v for k, v in values.items() if v}


def receipt_data(counter: Counter, dossier: Dossier, actor: User | None) -> FormData:
    from ..signing import qr_text, receipt_payload

    if dossier.status is Status.REFUSED:
        raise ValidationError(
            {"form": "hồ sơ bị từ chối không có giấy hẹn: in Mẫu 03 / a refused dossier has no "
             "receipt: print the refusal"}
        )  # fmt: skip
    values = base_values(counter, dossier, actor)
    if dossier.due_at is None:
        values["due_time"] = "trả ngay trong ngày / giải quyết ngay"
    rows = [
        [str(n), d.name, _count(d.originals), _count(d.certified_copies), _count(d.photocopies)]
        for n, d in enumerate(dossier.documents, 1)
    ]
    short = [[f"{n}. {d.name}"] for n, d in enumerate(dossier.documents, 1)]
    return FormData(
        values=values,
        document_date=clock.parse_iso(dossier.received_at),
        rows={"documents": rows, "documents_short": short},
        qr_payload=qr_text(counter, receipt_payload(counter, dossier)),
    )


def supplement_data(
    counter: Counter, dossier: Dossier, actor: User | None, reason: str | None,
    missing: list[str] | None,
) -> FormData:  # fmt: skip
    values = base_values(counter, dossier, actor)
    proc = counter.store.procedures.get(dossier.procedure_code)
    wanted = missing if missing is not None else (
        missing_documents(proc, dossier.documents) if proc else []
    )  # fmt: skip
    required = {d.name: d for d in proc.documents} if proc else {}
    rows = []
    for n, name in enumerate(wanted, 1):
        req = required.get(name)
        counts = (req.originals, req.certified_copies, req.photocopies) if req else (0, 0, 0)
        rows.append([str(n), nfc(name), *(_count(c) for c in counts)])
    note = reason or _last_note(counter.events(dossier.code), Status.SUPPLEMENT_REQUESTED)
    values["reason"] = nfc(note) if note else (
        "Hồ sơ chưa đủ thành phần theo quy định" if rows else ""
    )  # fmt: skip
    if not dossier.uuid:
        # Guidance for a dossier not taken in (the desktop app's stand-in): it has no code yet.
        values["code"] = ""
    values = {k: v for k, v in values.items() if v}
    return FormData(values=values, document_date=clock.now(), rows={"missing": rows})


def refusal_data(
    counter: Counter, dossier: Dossier, actor: User | None, reason: str | None
) -> FormData:
    values = base_values(counter, dossier, actor)
    text = (
        reason
        or dossier.extra.get("refusal_reason")
        or _last_note(counter.events(dossier.code), Status.REFUSED)
    )
    if text:
        values["reason"] = nfc(str(text))
    date = clock.parse_iso(dossier.received_at) if dossier.status is Status.REFUSED else clock.now()
    return FormData(values=values, document_date=date)


def apology_data(
    counter: Counter, dossier: Dossier, actor: User | None, reason: str | None,
    new_due: datetime | None,
) -> FormData:  # fmt: skip
    values = base_values(counter, dossier, actor)
    event = _last_apology(counter.events(dossier.code))
    if event is None and (reason is None or new_due is None):
        raise NotFound(
            f"hồ sơ {dossier.code} chưa có thư xin lỗi: ghi lý do và ngày hẹn mới trước / "
            "no apology recorded for this dossier: record the reason and the new date first"
        )
    when = clock.now()
    if event is not None:
        reason = reason or event.data.get("reason") or event.note
        stored_due = event.data.get("new_due") or event.data.get("new_due_at")
        if new_due is None and stored_due:
            new_due = clock.parse_iso(str(stored_due))
        when = clock.parse_iso(event.at)
        # The late due date is the one before the apology moved it.
        old_due = event.data.get("old_due") or event.data.get("old_due_at")
        if old_due:
            values["due_time"] = long_time(clock.parse_iso(str(old_due)))
    if reason:
        values["reason"] = nfc(str(reason))
    if new_due is not None:
        values["new_due_time"] = long_time(new_due)
    if actor is not None and "head_name" not in values and actor.is_supervisor:
        values["head_name"] = actor.full_name
    return FormData(values=values, document_date=when)


def control_data(counter: Counter, dossier: Dossier, actor: User | None) -> FormData:
    values = base_values(counter, dossier, actor)
    events = counter.events(dossier.code)
    body = values.get("processing_body", "")
    sent = _first_status(events, Status.PROCESSING)
    rows = [
        [
            "1. Giao: Bộ phận tiếp nhận và trả kết quả\n2. Nhận: " + body,
            _handover_time(sent),
            "",
            "",
        ],
        ["1. Giao:\n2. Nhận:", _handover_time(None), "", ""],
        ["1. Giao:\n2. Nhận:", _handover_time(None), "", ""],
    ]
    back = _first_status(events, Status.RESULT_READY)
    outcome = ""
    if back is not None and dossier.due_at:
        done, due = clock.parse_iso(back.at), clock.parse_iso(dossier.due_at)
        outcome = (
            "Trước hạn" if done.date() < due.date() else "Đúng hạn" if done <= due else "Quá hạn"
        )
    rows.append([f"1. Giao: {body}\n2. Nhận: Bộ phận tiếp nhận và trả kết quả",
                 _handover_time(back), outcome, ""])  # fmt: skip
    return FormData(
        values=values, document_date=clock.parse_iso(dossier.received_at), rows={"handovers": rows}
    )


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
