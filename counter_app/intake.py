"""What a clerk enters at intake, and its validation. Nothing here writes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from counter_app.i18n import _

from . import clock
from .errors import ValidationError
from .models import Applicant, Channel, DocumentReceived, Procedure
from .text import clean_optional, nfc
from .validation import (
    check_birth_date,
    check_email,
    check_id_number,
    check_phone,
    check_received_at,
    check_text,
    normalise_phone,
    parse_date,
)


@dataclass(frozen=True)
class IntakeRequest:
    procedure_code: str
    full_name: str
    id_number: str
    phone: str
    address: str | None = None
    email: str | None = None
    birth_date: str | None = None  # ISO or dd/MM/yyyy
    gender: str | None = None
    owner_name: str | None = None
    owner_id_number: str | None = None
    documents: tuple[DocumentReceived, ...] | None = None  # None: the full checklist
    sets: int = 1
    notes: str | None = None
    channel: Channel = Channel.IN_PERSON
    received_at: datetime | None = None
    # Another office of the province, competent for the dossier (None: this office), and
    # where the citizen collects the result: "receiving" (default) or "resolving".
    resolving_unit: str | None = None
    handout: str = "receiving"


@dataclass(frozen=True)
class ValidIntake:
    applicant: Applicant
    owner_name: str | None
    owner_id_number: str | None
    documents: tuple[DocumentReceived, ...]
    sets: int
    notes: str | None


def validate(req: IntakeRequest, proc: Procedure | None, now: datetime) -> ValidIntake:
    """Every bad field is named at once, so the clerk fixes them in one pass."""
    errors: dict[str, str] = {}
    name = nfc(req.full_name)
    if not name:
        errors["full_name"] = _("họ tên không được để trống")
    elif problem := check_text(name, "name"):
        errors["full_name"] = problem
    if proc is None:
        errors["procedure"] = _("không có thủ tục {procedure_code}").format(
            procedure_code=req.procedure_code
        )
    elif not proc.active:
        errors["procedure"] = _("thủ tục {code} đã ngừng áp dụng").format(code=proc.code)

    dob: date | None = None
    if req.birth_date:
        try:
            dob = parse_date(req.birth_date)
            if problem := check_birth_date(dob):
                errors["birth_date"] = problem
        except ValueError:
            errors["birth_date"] = _("ngày sinh không hợp lệ (dd/mm/yyyy)")
    gender = clean_optional(req.gender)
    if gender is not None and gender not in ("Nam", "Nữ"):
        errors["gender"] = _("giới tính là 'Nam' hoặc 'Nữ'")
    id_number = nfc(req.id_number).replace(" ", "")
    female = None if gender is None else gender == "Nữ"
    if problem := check_id_number(id_number, dob if "birth_date" not in errors else None, female):
        errors["id_number"] = problem
    phone = normalise_phone(nfc(req.phone))
    if problem := check_text(phone, "phone") or check_phone(phone):
        errors["phone"] = problem
    email = clean_optional(req.email)
    if email and (problem := check_email(email)):
        errors["email"] = problem
    address = clean_optional(req.address)
    if address and (problem := check_text(address, "address")):
        errors["address"] = problem
    notes = clean_optional(req.notes)
    if notes and (problem := check_text(notes, "notes", multi_line=True)):
        errors["notes"] = problem
    owner_name = clean_optional(req.owner_name)
    if owner_name and (problem := check_text(owner_name, "name")):
        errors["owner_name"] = problem
    owner_id = clean_optional(req.owner_id_number)
    if owner_id and (problem := check_id_number(owner_id)):
        errors["owner_id_number"] = problem
    if not 1 <= req.sets <= 99:
        errors["sets"] = _("số bộ hồ sơ từ 1 đến 99")
    if req.received_at is not None and (problem := _received_at_problem(req.received_at, now)):
        errors["received_at"] = problem
    documents = _documents(req, proc, errors)
    if errors:
        raise ValidationError(errors)
    return ValidIntake(
        applicant=Applicant(
            full_name=name,
            id_number=id_number,
            phone=phone,
            address=address,
            email=email,
            birth_date=dob.isoformat() if dob else None,
            gender=gender,
        ),
        owner_name=owner_name,
        owner_id_number=owner_id,
        documents=documents,
        sets=req.sets,
        notes=notes,
    )


def _received_at_problem(received_at: datetime, now: datetime) -> str | None:
    try:
        received = clock.parse_iso(received_at.isoformat())
    except ValueError:
        return _("thời điểm nhận ngoài khoảng cho phép")
    return check_received_at(received, now)


def _documents(
    req: IntakeRequest, proc: Procedure | None, errors: dict[str, str]
) -> tuple[DocumentReceived, ...]:
    if req.documents is not None:
        docs = tuple(
            DocumentReceived(nfc(d.name), d.originals, d.certified_copies, d.photocopies)
            for d in req.documents
        )
        if any(min(d.originals, d.certified_copies, d.photocopies) < 0 for d in docs):
            errors["documents"] = _("số lượng giấy tờ không được âm")
        elif any(max(d.originals, d.certified_copies, d.photocopies) > 99 for d in docs):
            errors["documents"] = _("số lượng mỗi loại giấy tờ tối đa 99")
        elif len(docs) > 100 or any(check_text(d.name, "document") for d in docs):
            errors["documents"] = _("tên giấy tờ quá dài hoặc có ký tự điều khiển")
        return docs
    if proc is None:
        return ()
    # The full checklist, as the catalogue asks for it: as lines received, without the
    # catalogue's flags (shown_only), which are not the dossier's.
    return tuple(DocumentReceived(**d.counts()) for d in proc.documents)


def parse_document_args(items: list[str], proc: Procedure) -> tuple[DocumentReceived, ...]:
    """CLI form: `N` takes the Nth checklist item with its required counts; `N=o/c/p` sets counts."""
    docs: list[DocumentReceived] = []
    for item in items:
        index_text, _eq, counts = item.partition("=")
        try:
            required = proc.documents[int(index_text) - 1]
            if int(index_text) < 1:
                raise IndexError
        except (ValueError, IndexError):
            raise ValidationError(
                {
                    "documents": _("'{item}': số thứ tự giấy tờ 1–{value}").format(
                        item=item, value=len(proc.documents)
                    )
                }
            ) from None
        if counts:
            try:
                o, c, p = (int(x) for x in counts.split("/"))
            except ValueError:
                raise ValidationError(
                    {
                        "documents": _("'{item}': dạng N=bản chính/chứng thực/photo").format(
                            item=item
                        )
                    }
                ) from None
        else:
            o, c, p = required.originals, required.certified_copies, required.photocopies
        docs.append(DocumentReceived(required.name, o, c, p))
    return tuple(docs)


def missing_documents(proc: Procedure, received: tuple[DocumentReceived, ...]) -> list[str]:
    """Checklist items not handed in: what Mẫu 02 asks the citizen to bring."""
    have = {d.name for d in received}
    return [d.name for d in proc.documents if d.name not in have]
