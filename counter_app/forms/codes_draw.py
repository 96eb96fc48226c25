"""The receipt's machine-readable marks, each drawn as ONE filled path.

A QR code of a signed payload has ~2,000 dark modules and a Code 128 ~100 bars; drawing each as
its own rectangle makes the PDF's content stream and its rasterisation many times heavier.
"""

from __future__ import annotations

import segno
from reportlab.graphics.barcode.code128 import Code128
from reportlab.pdfgen.canvas import Canvas


def qr_matrix(text: str) -> list[list[bool]]:
    """Modules of the QR code, without the quiet zone (the caller leaves white space)."""
    qr = segno.make(text, error="m", micro=False)
    return [[bool(v) for v in row] for row in qr.matrix]


def draw_qr(canvas: Canvas, matrix: list[list[bool]], x: float, y: float, size: float) -> None:
    """Dark runs of each row become one rectangle each, all in a single path."""
    n = len(matrix)
    module = size / n
    path = canvas.beginPath()
    for r, row in enumerate(matrix):
        top = y + size - (r + 1) * module
        c = 0
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                path.rect(x + start * module, top, (c - start) * module, module)
            else:
                c += 1
    canvas.drawPath(path, stroke=0, fill=1)


def code128_bars(value: str) -> list[tuple[int, int]]:
    """(offset, width) of each bar in narrow-bar units, and the total width last as (total, 0)."""
    bc = Code128(value, humanReadable=False, quiet=0)
    bc.validate()
    bc.encode()
    bc.decompose()
    bars: list[tuple[int, int]] = []
    left = 0
    for ch in bc.decomposed:
        units = ord(ch.lower()) - ord("a") + 1
        if ch.isupper():
            bars.append((left, units))
        left += units
    bars.append((left, 0))
    return bars


def draw_code128(
    canvas: Canvas, bars: list[tuple[int, int]], x: float, y: float, width: float, height: float
) -> None:
    total = bars[-1][0]
    unit = width / total
    path = canvas.beginPath()
    for offset, units in bars[:-1]:
        path.rect(x + offset * unit, y, units * unit, height)
    canvas.drawPath(path, stroke=0, fill=1)
