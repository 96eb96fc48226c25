"""Draw a form template's blocks, filled with a dossier's values, into a PDF.

Block types (see resources/forms/*.json): header, title, codes, para, list, table, signatures.
The template decides the order, the wording and the columns; this module decides how each kind
of block looks on A4, A5 or an 80 mm thermal roll.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from counter_app.i18n import _

from ..errors import ValidationError
from . import codes_draw, fonts
from .context import FormData, long_date
from .layout import BLANK, Paper, Run, Sheet, parse_markup
from .templates import TemplateSet


class _Values(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return BLANK


class FormRenderer:
    def __init__(
        self,
        template_set: TemplateSet,
        spec: dict[str, Any],
        data: FormData,
        paper: Paper,
        *,
        place: str,
        copy: bool,
        parts: list[str] | None = None,
        page_numbers: bool = False,
    ) -> None:
        self.template_set = template_set
        self.spec = spec
        self.data = data
        self.values = _Values(data.values)
        self.paper = paper
        self.place = place
        self.copy = copy
        self.parts = parts if parts else [""]
        self.page_numbers = page_numbers
        self.scale = paper.size / 12
        self.part = ""
        self._qr: tuple[tuple[bool, ...], ...] | None = None
        self._bars: list[tuple[int, int]] | None = None

    # --- entry points -----------------------------------------------------------------

    def pdf(self, title: str, author: str) -> bytes:
        paper = self.paper
        if not paper.height:
            measure = Sheet(None, paper)
            self._draw_all(measure, single_part=True)
            height = measure.used_height + paper.top + paper.bottom
            paper = Paper(
                paper.name,
                paper.width,
                height,
                paper.left,
                paper.right,
                paper.top,
                paper.bottom,
                paper.size,
            )
        buf = io.BytesIO()
        canvas = Canvas(
            buf,
            pagesize=(paper.width, paper.height),
            initialFontName=fonts.REGULAR,
            initialFontSize=paper.size,
            pageCompression=1,
        )
        canvas.setTitle(title)
        canvas.setAuthor(author)
        canvas.setCreator("Một Cửa")
        self.paper = paper
        self._draw_all(Sheet(canvas, paper, self._page_start), single_part=not self.paper.height)
        canvas.showPage()
        canvas.save()
        return buf.getvalue()

    def _draw_all(self, sheet: Sheet, single_part: bool) -> None:
        parts = self.parts[:1] if single_part else self.parts
        for number, part in enumerate(parts):
            self.part = part
            if number:
                assert sheet.canvas is not None
                sheet.canvas.showPage()
                sheet.y = sheet.top
            self._page_start(sheet)
            for block in self.spec["blocks"]:
                if "if" in block and block["if"] not in self.data.values:
                    continue
                draw = BLOCKS.get(block.get("type", ""))
                if draw is None:
                    raise ValidationError(
                        {
                            "template": _("{id}: khối '{value}' không có; có: {value2}").format(
                                id=self.template_set.id,
                                value=block.get("type"),
                                value2=", ".join(BLOCKS),
                            )
                        }
                    )
                draw(self, sheet, block)

    def _page_start(self, sheet: Sheet) -> None:
        """Every page of a reprint says so at its top, where a clerk looks first."""
        if self.page_numbers:
            text = f"Trang {sheet.pages}"
            x = sheet.x0 + (sheet.width - fonts.width(text, "i", sheet.size - 1)) / 2
            sheet.draw_text(x, self.paper.bottom / 2, text, "i", sheet.size - 1)
        if not self.copy:
            return
        mark = str(self.template_set.data.get("copy_mark", "BẢN SAO"))
        size = self.paper.size + 2
        sheet.space(sheet.line_height(size))
        w = fonts.width(mark, "b", size)
        x = sheet.x0 + (sheet.width - w) / 2
        sheet.draw_text(x, sheet.y + size * 0.25, mark, "b", size)
        if sheet.canvas is not None:
            sheet.canvas.setLineWidth(1)
            sheet.canvas.rect(x - 2 * mm, sheet.y, w + 4 * mm, size * 1.2, stroke=1, fill=0)
        sheet.space(1.5 * mm)

    # --- helpers ----------------------------------------------------------------------

    def fill(self, template: str, style: str = "") -> list[Run]:
        return [Run(r.text.format_map(self.values), r.style) for r in parse_markup(template, style)]

    def mm(self, value: float) -> float:
        return float(value * mm * self.scale)

    def size(self, block: dict[str, Any]) -> float:
        return self.paper.size + float(block.get("size", 0)) * self.scale

    # --- blocks -----------------------------------------------------------------------

    def header(self, sheet: Sheet, block: dict[str, Any]) -> None:
        motto = list(self.template_set.data.get("motto", []))
        date_line = f"//{self.place}, {long_date(self.data.document_date)}//"
        size = sheet.size
        # The set's heading lines (the office's configured name, under its governing body).
        office = self.data.values.get("header_unit", self.data.values.get("office_name", ""))
        office = office.upper()
        parent = self.data.values.get("header_parent", "").upper()
        number = str(self.spec.get("number", ""))
        if block.get("compact"):
            if number:
                sheet.paragraph([Run(number, "i")], align="center", size=size - 1.5)
            sheet.paragraph([Run(office, "b")], align="center", size=size + 1)
            for line in motto:
                sheet.paragraph([Run(line, "b")], align="center", size=size - 0.5)
            sheet.paragraph(parse_markup(date_line), align="center", size=size - 0.5)
            sheet.space(self.mm(1.5))
            return
        small = size - 0.5
        if number:  # as the annex prints it, above the heading on the right
            sheet.paragraph([Run(number, "i")], align="right", size=size - 1.5)
            sheet.space(self.mm(1))
        split = sheet.x0 + sheet.width * 0.42
        start = sheet.y
        if parent:
            sheet.paragraph([Run(parent, "")], align="center", x1=split, size=small)
        sheet.paragraph([Run(office, "b")], align="center", x1=split, size=small)
        self._short_rule(sheet, sheet.x0, split, sheet.width * 0.14)
        left_end = sheet.y
        sheet.y = start
        for i, line in enumerate(motto):
            sheet.paragraph(
                [Run(line, "b")], align="center", x0=split, size=small if i == 0 else size
            )
        if motto:
            rule = fonts.width(motto[-1], "b", size)
            self._short_rule(sheet, split, sheet.x1, rule)
        sheet.y = min(left_end, sheet.y) - self.mm(1)
        start = sheet.y
        number_line = self.spec.get("number_line")
        if number_line and block.get("number_line", True):
            sheet.paragraph(self.fill(number_line), align="center", x1=split, size=small)
        left_end = sheet.y
        sheet.y = start
        sheet.paragraph(parse_markup(date_line), align="center", x0=split, size=size)
        sheet.y = min(left_end, sheet.y) - self.mm(3)

    def _short_rule(self, sheet: Sheet, x0: float, x1: float, length: float) -> None:
        middle = (x0 + x1) / 2
        sheet.y -= self.mm(1.2)
        sheet.rule(middle - length / 2, middle + length / 2, sheet.y)

    def title(self, sheet: Sheet, block: dict[str, Any]) -> None:
        sheet.space(self.mm(2))
        sheet.paragraph([Run(self.spec["title"], "b")], align="center", size=sheet.size + 2)
        subtitle = self.spec.get("subtitle")
        if subtitle:
            sheet.paragraph(self.fill(subtitle, "i"), align="center")
        if self.part:
            sheet.paragraph([Run(f"({self.part})", "i")], align="center", size=sheet.size - 1)
        sheet.space(self.mm(2))

    def codes(self, sheet: Sheet, block: dict[str, Any]) -> None:
        payload = self.data.qr_payload
        code = self.values.get("code", "")
        if self._qr is None and payload:
            self._qr = codes_draw.qr_matrix(payload)
        if self._bars is None and code:
            self._bars = codes_draw.code128_bars(code)
        canvas = sheet.canvas
        if block.get("compact"):
            qr_size = 38 * mm
            bar_height = 9 * mm
            sheet.ensure(qr_size + bar_height + sheet.line_height() * 2)
            sheet.space(qr_size)
            if canvas is not None and self._qr is not None:
                codes_draw.draw_qr(
                    canvas, self._qr, sheet.x0 + (sheet.width - qr_size) / 2, sheet.y, qr_size
                )
            sheet.paragraph([Run(f"Mã hồ sơ: {code}", "b")], align="center", size=sheet.size + 1)
            sheet.space(bar_height + 1 * mm)
            if canvas is not None and self._bars is not None:
                codes_draw.draw_code128(
                    canvas, self._bars, sheet.x0, sheet.y, sheet.width, bar_height
                )
            sheet.space(self.mm(2))
            return
        qr_size = self.mm(27)
        bar_height = self.mm(10)
        sheet.ensure(qr_size)
        top = sheet.y
        if canvas is not None and self._qr is not None:
            codes_draw.draw_qr(canvas, self._qr, sheet.x1 - qr_size, top - qr_size, qr_size)
        area_right = sheet.x1 - qr_size - self.mm(6)
        sheet.space(self.mm(4))
        sheet.paragraph(
            [Run("Mã hồ sơ: ", ""), Run(code, "b")],
            align="center",
            x1=area_right,
            size=sheet.size + 1,
        )
        sheet.space(self.mm(1.5) + bar_height)
        if canvas is not None and self._bars is not None:
            width = min(area_right - sheet.x0, self._bars[-1][0] * 0.3 * mm)
            x = sheet.x0 + (area_right - sheet.x0 - width) / 2
            codes_draw.draw_code128(canvas, self._bars, x, sheet.y, width, bar_height)
        sheet.y = min(sheet.y, top - qr_size) - self.mm(3)

    def para(self, sheet: Sheet, block: dict[str, Any]) -> None:
        sheet.space(self.mm(float(block.get("space_before", 0.6))))
        indent = self.mm(10) if block.get("indent") else 0.0
        sheet.paragraph(
            self.fill(block["text"]),
            size=self.size(block),
            align=block.get("align", "left"),
            indent=indent,
        )

    def items(self, sheet: Sheet, block: dict[str, Any]) -> None:
        for row in self.data.rows.get(block["source"], []):
            sheet.paragraph([Run(row[0], "")], hanging=self.mm(4), size=self.size(block))

    def table(self, sheet: Sheet, block: dict[str, Any]) -> None:
        sheet.space(self.mm(float(block.get("space_before", 1))))
        rows = self.data.rows.get(block["source"], [])
        if not rows:  # room to write by hand
            rows = [[""] * len(block["columns"]) for _row in range(3)]
        draw_table(sheet, block["columns"], rows, self.size(block), self.mm(1.2))

    def signatures(self, sheet: Sheet, block: dict[str, Any]) -> None:
        columns = block["columns"]
        size = sheet.size
        gap = self.mm(float(block.get("gap", 20)))
        tallest = max(len(c["lines"]) for c in columns) + 1
        sheet.space(self.mm(4))
        sheet.ensure(sheet.line_height() * tallest + gap)
        start, lowest = sheet.y, sheet.y
        width = sheet.width / len(columns)
        for i, column in enumerate(columns):
            sheet.y = start
            x0 = sheet.x0 + i * width
            col_size = size + float(column.get("size", 0)) * self.scale
            align = column.get("align", "center")
            for line in column["lines"]:
                sheet.paragraph(self.fill(line), align=align, x0=x0, x1=x0 + width, size=col_size)
            if column.get("name") is not None and column["lines"] and align == "center":
                sheet.space(gap)
                name = column["name"].format_map(_Values(self.data.values))
                if name != BLANK:
                    sheet.paragraph([Run(name, "b")], align="center", x0=x0, x1=x0 + width)
            lowest = min(lowest, sheet.y)
        sheet.y = lowest


def draw_table(
    sheet: Sheet,
    columns: list[dict[str, Any]],
    rows: list[list[str]],
    size: float,
    pad: float,
    on_header: Callable[[Sheet], None] | None = None,
) -> None:
    """A ruled table; the header row repeats on every page the table runs onto."""
    total = sum(float(c["weight"]) for c in columns)
    widths = [sheet.width * float(c["weight"]) / total for c in columns]
    header = [str(c["title"]) for c in columns]
    _table_row(sheet, header, widths, columns, size, pad, bold=True)
    for row in rows:
        height = _row_height(sheet, row, widths, size, pad)
        if sheet.y - height < sheet.paper.bottom:
            sheet.new_page()
            if on_header is not None:
                on_header(sheet)
            _table_row(sheet, header, widths, columns, size, pad, bold=True)
        _table_row(sheet, row, widths, columns, size, pad, bold=False)


def _cell_runs(text: str, bold: bool) -> list[list[Run]]:
    return [[Run(line, "b" if bold else "")] for line in text.split("\n")]


def _row_height(
    sheet: Sheet, row: list[str], widths: list[float], size: float, pad: float, bold: bool = False
) -> float:
    lines = 1
    for text, width in zip(row, widths, strict=True):
        count = sum(len(sheet.wrap(runs, width - 2 * pad, size)) for runs in _cell_runs(text, bold))
        lines = max(lines, count)
    return lines * sheet.line_height(size) + 2 * pad


def _table_row(
    sheet: Sheet,
    row: list[str],
    widths: list[float],
    columns: list[dict[str, Any]],
    size: float,
    pad: float,
    bold: bool,
) -> None:
    height = _row_height(sheet, row, widths, size, pad, bold)
    top = sheet.y
    x = sheet.x0
    for text, width, column in zip(row, widths, columns, strict=True):
        sheet.y = top - pad
        align = "center" if bold else column.get("align", "left")
        for runs in _cell_runs(text, bold):
            sheet.paragraph(
                runs, size=size, align=align, x0=x + pad, x1=x + width - pad, fill_last_blank=False
            )
        x += width
    if sheet.canvas is not None:
        sheet.canvas.setLineWidth(0.6)
        sheet.canvas.rect(sheet.x0, top - height, sheet.width, height, stroke=1, fill=0)
        x = sheet.x0
        for width in widths[:-1]:
            x += width
            sheet.canvas.line(x, top, x, top - height)
    sheet.y = top - height


BLOCKS: dict[str, Callable[[FormRenderer, Sheet, dict[str, Any]], None]] = {
    "header": FormRenderer.header,
    "title": FormRenderer.title,
    "codes": FormRenderer.codes,
    "para": FormRenderer.para,
    "list": FormRenderer.items,
    "table": FormRenderer.table,
    "signatures": FormRenderer.signatures,
}
