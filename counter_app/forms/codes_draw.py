"""The receipt's machine-readable marks, each drawn as ONE filled path.

A QR code of a signed payload has ~2,000 dark modules and a Code 128 ~100 bars; drawing each as
its own rectangle makes the PDF's content stream and its rasterisation many times heavier.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import zxingcpp
from reportlab.graphics.barcode.code128 import Code128
from reportlab.pdfgen.canvas import Canvas


@lru_cache(maxsize=32)
def qr_matrix(text: str) -> tuple[tuple[bool, ...], ...]:
    """Modules of the QR code (level M, smallest version, the mask of least penalty), without
    the quiet zone (the caller leaves white space). zxing-cpp's encoder, in C++: segno's
    pure-Python choice of the best of eight masks was most of a receipt's cost (~25 ms of
    ~65). Cached: a preview and the print that follows it encode the same payload."""
    barcode = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = barcode.to_image(scale=1, add_quiet_zones=False)  # one byte a module: 0 is dark
    width = image.shape[1]
    pixels = bytes(image)  # type: ignore[call-overload]  # a buffer, which the stubs omit
    return tuple(
        tuple(v == 0 for v in pixels[row : row + width]) for row in range(0, len(pixels), width)
    )


def qr_rectangles(matrix: Sequence[Sequence[bool]]) -> list[tuple[int, int, int, int]]:
    """Dark modules as (column, row-from-bottom, width, height) rectangles: horizontal runs,
    merged downwards while the next row has the same run, so the path stays short."""
    n = len(matrix)
    done: list[tuple[int, int, int, int]] = []
    open_runs: dict[tuple[int, int], list[int]] = {}  # (start, length) -> [top row, height]
    for r in range(n + 1):
        runs = set()
        row: Sequence[bool] = matrix[r] if r < n else ()
        c = 0
        while c < len(row):
            if row[c]:
                begin = c
                while c < len(row) and row[c]:
                    c += 1
                runs.add((begin, c - begin))
            else:
                c += 1
        for key in list(open_runs):
            if key in runs:
                open_runs[key][1] += 1
                runs.discard(key)
            else:
                top, height = open_runs.pop(key)
                done.append((key[0], n - top - height, key[1], height))
        for key in runs:
            open_runs[key] = [r, 1]
    return done


def draw_qr(
    canvas: Canvas, matrix: Sequence[Sequence[bool]], x: float, y: float, size: float
) -> None:
    """One fill of one path, in module units: short integer operators instead of ~700
    rectangles' worth of formatted floats."""
    module = size / len(matrix)
    ops = " ".join(f"{c} {r} {w} {h} re" for c, r, w, h in qr_rectangles(matrix))
    canvas.saveState()
    canvas.transform(module, 0, 0, module, x, y)
    canvas.addLiteral(f"{ops} f")
    canvas.restoreState()


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
    """All bars as one path in narrow-bar units, scaled to `width` by height."""
    ops = " ".join(f"{offset} 0 {units} 1 re" for offset, units in bars[:-1])
    canvas.saveState()
    canvas.transform(width / bars[-1][0], 0, 0, height, x, y)
    canvas.addLiteral(f"{ops} f")
    canvas.restoreState()
