"""The tracking book (Sổ theo dõi hồ sơ), printed as a landscape table over a period.

The rows come from the core's `register_rows` (the same rows as the spreadsheet export); the
columns, their titles, widths and form number from the template set in force at the period's
end (Mẫu 06 of 2018 before 15/9/2025, Mẫu 07 of 2025 from then on).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from .. import clock
from ..models import Channel
from ..register import register_rows
from .context import FormData, place_name, with_wording
from .layout import A4_LANDSCAPE
from .render import FormRenderer
from .templates import TemplateRegistry

if TYPE_CHECKING:
    from ..counter import Counter

# Template column "field" -> position in RegisterRow.cells().
FIELDS = (
    "number",
    "code",
    "procedure",
    "sets",
    "owner",
    "address",
    "phone",
    "received",
    "due",
    "result",
    "returned_by",
    "returned_to",
    "notes",
)


def render_register_pdf(
    counter: Counter, start: date, end: date, registry: TemplateRegistry, *, copy: bool
) -> bytes:
    template_set, spec = registry.form("register", end)
    columns = spec["columns"]
    rows = []
    for row in register_rows(counter, start, end):
        cells = [_text(v) for v in row.values()]
        rows.append([cells[FIELDS.index(c["field"])] for c in columns])
    layout: dict[str, Any] = {
        **spec,
        "blocks": [
            {"type": "header", "number_line": False},
            {"type": "title"},
            {"type": "table", "source": "register", "columns": columns, "size": -0.5},
        ],
    }
    office = counter.office()
    heading = counter.form_heading()
    values = {
        "office_name": office.name,
        "parent_name": office.parent_name,
        "heading": heading,
        "heading_parent": office.name if office.name != heading else office.parent_name,
        "date_from": f"{start:%d/%m/%Y}",
        "date_to": f"{end:%d/%m/%Y}",
    }
    data = FormData(
        values=with_wording(
            template_set, {k: v for k, v in values.items() if v}, Channel.IN_PERSON
        ),
        document_date=_printed_on(end),
        rows={"register": rows},
    )
    renderer = FormRenderer(
        template_set,
        layout,
        data,
        A4_LANDSCAPE,
        place=place_name(counter, office),
        copy=copy,
        page_numbers=True,
    )
    period = f"{start:%d/%m/%Y}–{end:%d/%m/%Y}"
    title = " — ".join(p for p in (str(spec.get("number", "")), spec["title"], period) if p)
    return renderer.pdf(title, heading)


def _printed_on(end: date) -> datetime:
    """The register is dated the day it is printed, or its last day when printed later."""
    now = clock.now()
    return now if now.date() <= end else datetime.combine(end, now.timetz())


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return str(value)
