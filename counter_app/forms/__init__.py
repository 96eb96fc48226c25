"""The one-stop forms as PDF (Mẫu 01–06 of Circular 01/2018/TT-VPCP), for print and preview.

    render_form(counter, "receipt", code)            # Mẫu 01, two parts (liên) on A4
    render_form(counter, "receipt", code, paper="thermal80")
    render_form(counter, "refusal", code, copy=True)  # a reprint says BẢN SAO
    render_register(counter, date(2026, 1, 1), date(2026, 1, 31))

Rendering writes nothing: the caller records the print with `Counter.record_print`, whose
answer (a reprint or not) is the `copy` flag.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ..errors import ValidationError
from .context import (
    FormData,
    apology_data,
    control_data,
    place_name,
    receipt_data,
    refusal_data,
    supplement_data,
)
from .fonts import register_fonts
from .layout import PAPERS
from .render import FormRenderer
from .templates import TemplateRegistry, default_registry

if TYPE_CHECKING:
    from ..counter import Counter
    from ..models import User

FORMS = ("receipt", "supplement", "refusal", "apology", "control")
FORM_NUMBERS = {"receipt": "01", "supplement": "02", "refusal": "03", "apology": "04",
                "control": "05", "register": "06"}  # fmt: skip
RECEIPT_PAPER_SETTING = "receipt_paper"  # a4 | a5 | thermal80
RECEIPT_PARTS_SETTING = "receipt_parts"  # how many liên on A4/A5 (1 or 2)

__all__ = ["FORMS", "render_form", "render_register"]


def render_form(
    counter: Counter, form: str, code: str, *, copy: bool = False, **options: Any
) -> bytes:
    """One form of one dossier as PDF bytes.

    Options: actor (User: who prints, the guide/contact of Mẫu 02–03), paper (receipt:
    a4 | a5 | thermal80, default the `receipt_paper` setting), parts (receipt: number of
    liên), reason (Mẫu 02/03/04), missing (Mẫu 02: document names), new_due (Mẫu 04),
    registry (TemplateRegistry, for other template folders)."""
    if form not in FORMS:
        raise ValidationError(
            {"form": f"mẫu '{form}' không có; dùng / unknown form, use: {', '.join(FORMS)}"}
        )
    register_fonts()
    dossier = counter.dossier(code)
    actor: User | None = options.get("actor")
    data = _form_data(counter, form, dossier.code, actor, options)
    registry: TemplateRegistry = options.get("registry") or default_registry()
    paper_name = "a4"
    template_name = form
    parts: list[str] | None = None
    if form == "receipt":
        paper_name = str(
            options.get("paper") or counter.setting(RECEIPT_PAPER_SETTING) or "a4"
        ).lower()
        if paper_name not in PAPERS:
            raise ValidationError({"paper": f"khổ giấy / paper: {', '.join(PAPERS)}"})
        if paper_name == "thermal80":
            template_name = "receipt_thermal"
    template_set, spec = registry.form(template_name, data.document_date.date())
    if form == "receipt" and paper_name != "thermal80":
        count = int(options.get("parts") or counter.setting(RECEIPT_PARTS_SETTING) or 2)
        parts = list(spec.get("parts", []))[: max(1, count)]
        if count <= 1:
            parts = []
    renderer = FormRenderer(
        template_set, spec, data, PAPERS[paper_name], place=place_name(counter, counter.office()),
        copy=copy, parts=parts,
    )  # fmt: skip
    title = f"Mẫu {FORM_NUMBERS[form]} — {spec['title']} — {dossier.code}"
    return renderer.pdf(title, counter.office().name)


def _form_data(
    counter: Counter, form: str, code: str, actor: User | None, options: dict[str, Any]
) -> FormData:
    dossier = counter.dossier(code)
    if form == "receipt":
        return receipt_data(counter, dossier, actor)
    if form == "supplement":
        return supplement_data(
            counter, dossier, actor, options.get("reason"), options.get("missing")
        )
    if form == "refusal":
        return refusal_data(counter, dossier, actor, options.get("reason"))
    if form == "apology":
        new_due = options.get("new_due")
        if isinstance(new_due, str):
            from .. import clock

            new_due = clock.parse_iso(new_due)
        return apology_data(counter, dossier, actor, options.get("reason"), new_due)
    return control_data(counter, dossier, actor)


def render_register(
    counter: Counter,
    date_from: date | str,
    date_to: date | str,
    *,
    copy: bool = False,
    **options: Any,
) -> bytes:
    """Mẫu 06, the tracking book: every dossier received from `date_from` to `date_to`
    (both included), as a landscape A4 table."""
    from .register import render_register_pdf

    register_fonts()
    start, end = _as_date(date_from, "from"), _as_date(date_to, "to")
    if end < start:
        raise ValidationError({"to": "ngày cuối trước ngày đầu / the end is before the start"})
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
            {name: f"'{value}' không phải ngày YYYY-MM-DD / not a date"}
        ) from None
