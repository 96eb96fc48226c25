"""The one-stop forms as PDF, for print and preview.

Code names a form by its role (receipt, supplement, refusal, apology, stop, control, register);
its number and title come from the template set in force on the dossier's receipt date
(resources/forms/: Circular 01/2018 before 15/9/2025, Circular 03/2025 from then on).

    render_form(counter, "receipt", code)            # Mẫu 01, two parts (liên) on A4
    render_form(counter, "receipt", code, paper="thermal80")
    render_form(counter, "refusal", code, copy=True)  # a reprint says BẢN SAO
    render_form(counter, "stop", code)               # Mẫu 05 (2025 set) of a withdrawn dossier
    render_request_form(counter, "supplement", request, actor=user, missing=[...])
    render_register(counter, date(2026, 1, 1), date(2026, 1, 31))
    form_info("control", date(2026, 1, 1)).label     # "Mẫu số 06 — Phiếu kiểm soát …"

Rendering writes nothing: the caller records the print with `Counter.dossiers.record_print`, whose
answer (a reprint or not) is the `copy` flag. The PDF machinery (reportlab) is imported when
a form is rendered, so screens that only need a form's name stay light.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from counter_app.i18n import _

from .. import clock
from ..errors import ValidationError
from ..lifecycle import Status
from .context import (
    STOP_STATUSES,
    FormData,
    Subject,
    apology_data,
    control_data,
    dossier_refusal_data,
    place_name,
    receipt_data,
    refusal_data,
    stop_data,
    supplement_data,
)
from .templates import FormInfo, TemplateRegistry, TemplateSet, default_registry

if TYPE_CHECKING:
    from ..counter import Counter
    from ..intake import IntakeRequest
    from ..models import Dossier, Event, User

FORMS = ("receipt", "supplement", "refusal", "apology", "stop", "control")
ROLES = (*FORMS, "register")
REQUEST_FORMS = ("supplement", "refusal")  # printable for a request that is not taken in
RECEIPT_PAPER_SETTING = "receipt_paper"  # a4 | a5 | thermal80
RECEIPT_PARTS_SETTING = "receipt_parts"  # how many liên on A4/A5 (1 or 2)

__all__ = [
    "FORMS",
    "REQUEST_FORMS",
    "ROLES",
    "STOP_STATUSES",
    "FormInfo",
    "dossier_forms",
    "form_info",
    "printable_forms",
    "render_form",
    "render_register",
    "render_request_form",
    "set_date",
]


def set_date(dossier: Dossier) -> date:
    """The date that picks a dossier's form set: its receipt, so a reprint matches the
    original."""
    return clock.parse_iso(dossier.received_at).date()


def form_info(
    role: str, on: date | None = None, registry: TemplateRegistry | None = None
) -> FormInfo:
    """Number and title of a form in the set in force on `on` (default: today)."""
    _check_role(role, ROLES)
    return (registry or default_registry()).info(role, on or clock.now().date())


def dossier_forms(
    dossier: Dossier, registry: TemplateRegistry | None = None
) -> dict[str, FormInfo]:
    """Every form of the dossier's set, by role (the 2018 set has no stop notice)."""
    reg = registry or default_registry()
    on = set_date(dossier)
    return {role: reg.info(role, on) for role in ROLES if reg.has(role, on)}


def printable_forms(
    dossier: Dossier, events: list[Event], registry: TemplateRegistry | None = None
) -> list[str]:
    """The forms a reprint may offer for this dossier, in the order of the forms."""
    kinds = {e.kind for e in events}
    statuses = {e.new_status for e in events}
    wanted: set[str] = set()
    if dossier.status is not Status.REFUSED:
        wanted |= {"receipt", "control"}
    if Status.SUPPLEMENT_REQUESTED.value in statuses:
        wanted.add("supplement")
    if dossier.status is Status.REFUSED:
        wanted.add("refusal")
    if "apology" in kinds:
        wanted.add("apology")
    if dossier.status in STOP_STATUSES:
        wanted.add("stop")
    available = dossier_forms(dossier, registry)
    return [role for role in FORMS if role in wanted and role in available]


def render_form(
    counter: Counter, form: str, code: str, *, copy: bool = False, **options: Any
) -> bytes:
    """One form of one dossier as PDF bytes, in the set of the dossier's receipt date.

    Options: actor (User: who prints, the guide/contact of Mẫu 02–03, the signer of Mẫu 04–05
    when a supervisor), paper (receipt: a4 | a5 | thermal80, default the `receipt_paper`
    setting), parts (receipt: number of liên), reason (Mẫu 02/03/04/05), missing (Mẫu 02:
    document names), new_due (Mẫu 04), registry (TemplateRegistry, for other template
    folders)."""
    _check_role(form, FORMS)
    dossier = counter.dossiers.get(code)
    actor: User | None = options.get("actor")
    registry: TemplateRegistry = options.get("registry") or default_registry()
    paper_name = "a4"
    template_name = form
    if form == "receipt":
        from .layout import PAPERS

        paper_name = str(
            options.get("paper") or counter.setting(RECEIPT_PAPER_SETTING) or "a4"
        ).lower()
        if paper_name not in PAPERS:
            raise ValidationError({"paper": _("khổ giấy: {value}").format(value=", ".join(PAPERS))})
        if paper_name == "thermal80":
            template_name = "receipt_thermal"
    template_set, spec = registry.form(template_name, set_date(dossier))
    data = _form_data(counter, form, dossier, template_set, actor, options)
    parts: list[str] | None = None
    if form == "receipt" and paper_name != "thermal80":
        count = int(options.get("parts") or counter.setting(RECEIPT_PARTS_SETTING) or 2)
        parts = list(spec.get("parts", []))[: max(1, count)] if count > 1 else []
    return _pdf(counter, template_set, spec, data, paper_name, copy, parts, dossier.code)


def render_request_form(
    counter: Counter,
    form: str,
    request: IntakeRequest,
    *,
    actor: User,
    reason: str | None = None,
    missing: list[str] | None = None,
    registry: TemplateRegistry | None = None,
) -> bytes:
    """Mẫu 02 (guidance) or Mẫu 03 (refusal) for a citizen whose dossier is not taken in: the
    request is validated as an intake would be, nothing is saved, the form has no code."""
    _check_role(form, REQUEST_FORMS)
    now = clock.now()
    subject, _proc = Subject.of_request(counter, request, actor, now)
    reg = registry or default_registry()
    template_set, spec = reg.form(form, now.date())
    if form == "supplement":
        data = supplement_data(counter, subject, [], actor, template_set, reason, missing)
    else:
        if not reason or not reason.strip():
            raise ValidationError({"reason": _("cần ghi lý do từ chối")})
        data = refusal_data(counter, subject, [], actor, template_set, reason)
    return _pdf(counter, template_set, spec, data, "a4", False, None, "")


def _pdf(
    counter: Counter,
    template_set: TemplateSet,
    spec: dict[str, Any],
    data: FormData,
    paper_name: str,
    copy: bool,
    parts: list[str] | None,
    code: str,
) -> bytes:
    from .fonts import register_fonts
    from .layout import PAPERS
    from .render import FormRenderer

    register_fonts()
    office = counter.office()
    renderer = FormRenderer(
        template_set,
        spec,
        data,
        PAPERS[paper_name],
        place=place_name(counter, office),
        copy=copy,
        parts=parts,
    )
    title = " — ".join(p for p in (spec.get("number", ""), spec["title"], code) if p)
    return renderer.pdf(title, counter.form_heading())


def _form_data(
    counter: Counter,
    form: str,
    dossier: Dossier,
    template_set: TemplateSet,
    actor: User | None,
    options: dict[str, Any],
) -> FormData:
    reason: str | None = options.get("reason")
    if form == "receipt":
        return receipt_data(counter, dossier, actor, template_set)
    if form == "supplement":
        subject = Subject.of_dossier(dossier)
        events = counter.dossiers.events(dossier.code)
        missing = options.get("missing")
        return supplement_data(counter, subject, events, actor, template_set, reason, missing)
    if form == "refusal":
        return dossier_refusal_data(counter, dossier, actor, template_set, reason)
    if form == "apology":
        new_due = options.get("new_due")
        if isinstance(new_due, str):
            new_due = clock.parse_iso(new_due)
        return apology_data(counter, dossier, actor, template_set, reason, new_due)
    if form == "stop":
        return stop_data(counter, dossier, actor, template_set, reason)
    return control_data(counter, dossier, actor, template_set)


def _check_role(role: str, known: tuple[str, ...]) -> None:
    if role not in known:
        raise ValidationError(
            {
                "form": _("mẫu '{role}' không có; dùng: {value}").format(
                    role=role, value=", ".join(known)
                )
            }
        )


def render_register(
    counter: Counter,
    date_from: date | str,
    date_to: date | str,
    *,
    copy: bool = False,
    **options: Any,
) -> bytes:
    """The tracking book (Mẫu 06 of 2018, Mẫu 07 of 2025, by the set in force on the period's
    last day): every dossier received from `date_from` to `date_to` (both included), as a
    landscape A4 table."""
    from .fonts import register_fonts
    from .register import render_register_pdf

    register_fonts()
    start, end = _as_date(date_from, "from"), _as_date(date_to, "to")
    if end < start:
        raise ValidationError({"to": _("ngày cuối trước ngày đầu")})
    registry: TemplateRegistry = options.get("registry") or default_registry()
    return render_register_pdf(counter, start, end, registry, copy=copy)


def _as_date(value: date | str, name: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(
            {name: _("'{value}' không phải ngày YYYY-MM-DD").format(value=value)}
        ) from None
