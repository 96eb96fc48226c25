"""A small top-to-bottom layout engine on a reportlab canvas: wrapped rich text, rules, tables.

Form templates are data (resources/forms/*.json); this module only knows how to put lines on
paper. It draws straight on the canvas (no platypus) because a receipt must come out in the
time of a bare page. With `canvas=None` it only measures, which the thermal receipt uses to
size its page to the content.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from . import fonts

# A placeholder that had no value: dots for handwriting, as on the printed blank forms.
BLANK = "\x00"
DOT_WIDTH_MM = 32
_MARKUP = re.compile(r"(\*\*.+?\*\*|//.+?//)")


@dataclass(frozen=True)
class Paper:
    name: str
    width: float
    height: float  # 0: continuous roll, sized to the content
    left: float
    right: float
    top: float
    bottom: float
    size: float  # body text size in points
    landscape: bool = False

    @property
    def frame_width(self) -> float:
        return self.width - self.left - self.right


A4_PORTRAIT = Paper("a4", 210 * mm, 297 * mm, 25 * mm, 15 * mm, 15 * mm, 15 * mm, 12)
A5_PORTRAIT = Paper("a5", 148 * mm, 210 * mm, 14 * mm, 10 * mm, 10 * mm, 10 * mm, 9)
A4_LANDSCAPE = Paper("a4l", 297 * mm, 210 * mm, 12 * mm, 12 * mm, 12 * mm, 12 * mm, 9, True)
THERMAL_80 = Paper("thermal80", 80 * mm, 0, 4 * mm, 4 * mm, 4 * mm, 6 * mm, 8.5)
PAPERS = {p.name: p for p in (A4_PORTRAIT, A5_PORTRAIT, THERMAL_80)}


@dataclass(frozen=True)
class Run:
    text: str
    style: str  # "", "b", "i", "bi"


def parse_markup(template: str, default_style: str = "") -> list[Run]:
    """`**bold**` and `//italic//` in a template line; applied before values are filled in so
    that a citizen's name with '*' in it stays text."""
    runs = []
    for part in _MARKUP.split(template):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            runs.extend(parse_markup(part[2:-2], _combine(default_style, "b")))
        elif part.startswith("//") and part.endswith("//"):
            runs.extend(parse_markup(part[2:-2], _combine(default_style, "i")))
        else:
            runs.append(Run(part, default_style))
    return runs


def _combine(a: str, b: str) -> str:
    styles = set(a) | set(b)
    return ("b" if "b" in styles else "") + ("i" if "i" in styles else "")


@dataclass
class _Word:
    text: str
    style: str
    spaces: int
    width: float = 0.0


class Sheet:
    """A cursor going down the page; a new page starts when the next line would not fit."""

    def __init__(
        self,
        canvas: Canvas | None,
        paper: Paper,
        on_new_page: Callable[[Sheet], None] | None = None,
    ) -> None:
        self.canvas = canvas
        self.paper = paper
        self.size = paper.size
        self.leading = 1.25
        self.x0 = paper.left
        self.x1 = paper.width - paper.right
        self.top = (paper.height or 10_000 * mm) - paper.top
        self.y = self.top
        self.pages = 1
        self.on_new_page = on_new_page

    # --- cursor and pages -------------------------------------------------------------

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def used_height(self) -> float:
        return self.top - self.y

    def line_height(self, size: float | None = None) -> float:
        return (size or self.size) * self.leading

    def space(self, height: float) -> None:
        self.y -= height

    def ensure(self, height: float) -> None:
        """Start a new page unless `height` still fits above the bottom margin."""
        if self.y - height >= self.paper.bottom or self.y >= self.top - 1:
            return
        self.new_page()

    def new_page(self) -> None:
        if self.canvas is not None:
            self.canvas.showPage()
        self.pages += 1
        self.y = self.top
        if self.on_new_page is not None:
            self.on_new_page(self)

    # --- text -------------------------------------------------------------------------

    def draw_text(self, x: float, y: float, text: str, style: str, size: float) -> None:
        if self.canvas is not None and text:
            self.canvas.setFont(fonts.font(style), size)
            self.canvas.drawString(x, y, text)

    def rule(self, x0: float, x1: float, y: float, width: float = 0.6) -> None:
        if self.canvas is not None:
            self.canvas.setLineWidth(width)
            self.canvas.line(x0, y, x1, y)

    def paragraph(
        self,
        runs: list[Run],
        *,
        size: float | None = None,
        align: str = "left",
        indent: float = 0.0,
        hanging: float = 0.0,
        x0: float | None = None,
        x1: float | None = None,
        fill_last_blank: bool = True,
    ) -> None:
        """Wrap and draw runs from the cursor down; the cursor ends below the last line.

        `indent` moves the first line in, `hanging` every later one (numbered items)."""
        size = size or self.size
        left = self.x0 if x0 is None else x0
        right = self.x1 if x1 is None else x1
        lines = self.wrap(runs, right - left, size, indent, hanging)
        for number, line in enumerate(lines):
            self.ensure(self.line_height(size))
            self.y -= self.line_height(size)
            offset = indent if number == 0 else hanging
            last = number == len(lines) - 1
            self._draw_line(line, left + offset, right, size, align, last and fill_last_blank)

    def wrap(
        self, runs: list[Run], width: float, size: float, indent: float = 0.0, hanging: float = 0.0
    ) -> list[list[_Word]]:
        words = self._words(runs, size)
        space = fonts.width(" ", "", size)
        lines: list[list[_Word]] = [[]]
        used = 0.0
        for word in words:
            limit = width - (indent if len(lines) == 1 else hanging)
            extra = word.width if not lines[-1] else word.width + space * lines[-1][-1].spaces
            if lines[-1] and used + extra > limit:
                lines.append([])
                used = 0.0
                extra = word.width
                limit = width - hanging
            if not lines[-1] and word.width > limit:
                for piece in self._split_long(word, limit, size):
                    if lines[-1]:
                        lines.append([])
                    lines[-1].append(piece)
                used = lines[-1][-1].width
                continue
            lines[-1].append(word)
            used += extra
        return lines

    def _words(self, runs: list[Run], size: float) -> list[_Word]:
        """Words with the number of spaces after each: runs of spaces in a template are kept
        (they separate fields on one line, as on the printed forms)."""
        words: list[_Word] = []
        for run in runs:
            parts = run.text.replace(BLANK, f" {BLANK} ").split(" ")
            for i, part in enumerate(parts):
                if part:
                    width = (
                        DOT_WIDTH_MM * mm if part == BLANK else fonts.width(part, run.style, size)
                    )
                    words.append(_Word(part, run.style, 0, width))
                if words and i < len(parts) - 1:
                    words[-1].spaces += 1
        return words

    def _split_long(self, word: _Word, limit: float, size: float) -> list[_Word]:
        """A code or e-mail wider than the column: cut it by characters, never off the page."""
        pieces: list[_Word] = []
        current = ""
        for ch in word.text:
            if current and fonts.width(current + ch, word.style, size) > limit:
                pieces.append(
                    _Word(current, word.style, False, fonts.width(current, word.style, size))
                )
                current = ""
            current += ch
        pieces.append(
            _Word(current, word.style, word.spaces, fonts.width(current, word.style, size))
        )
        return pieces

    def _draw_line(
        self, line: list[_Word], left: float, right: float, size: float, align: str, fill: bool
    ) -> None:
        space = fonts.width(" ", "", size)
        total = sum(w.width for w in line) + space * sum(w.spaces for w in line[:-1])
        x = left
        if align == "center":
            x = left + (right - left - total) / 2
        elif align == "right":
            x = right - total
        # Consecutive words of one style go out as one string: fewer operators, same text.
        chunk, chunk_style, chunk_x = "", "", x
        for i, word in enumerate(line):
            is_last = i == len(line) - 1
            if word.text == BLANK:
                self.draw_text(chunk_x, self.y + size * 0.25, chunk, chunk_style, size)
                end = right if (is_last and fill) else x + word.width
                self._dots(x, end, size)
                x = end + space * word.spaces
                chunk, chunk_style, chunk_x = "", "", x
                continue
            if word.style != chunk_style and chunk:
                self.draw_text(chunk_x, self.y + size * 0.25, chunk, chunk_style, size)
                chunk, chunk_x = "", x
            if not chunk:
                chunk_x = x
            chunk_style = word.style
            chunk += word.text + (" " * word.spaces if not is_last else "")
            x += word.width + space * word.spaces
        self.draw_text(chunk_x, self.y + size * 0.25, chunk, chunk_style, size)

    def _dots(self, x0: float, x1: float, size: float) -> None:
        dot = fonts.width(".", "", size)
        count = int((x1 - x0) / dot)
        self.draw_text(x0, self.y + size * 0.25, "." * count, "", size)
