"""The QR code is drawn as few merged rectangles: exactly the dark modules, no more, no less."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.forms.codes_draw import qr_matrix, qr_rectangles
from counter_app.forms.fonts import register_fonts


def covered(rects: list[tuple[int, int, int, int]], n: int) -> list[list[int]]:
    grid = [[0] * n for _ in range(n)]
    for col, row_from_bottom, width, height in rects:
        for dy in range(height):
            for dx in range(width):
                grid[n - 1 - (row_from_bottom + dy)][col + dx] += 1
    return grid


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=1, max_value=12).flatmap(
        lambda n: st.lists(st.lists(st.booleans(), min_size=n, max_size=n), min_size=n, max_size=n)
    )
)
def test_rectangles_cover_each_dark_module_exactly_once(matrix: list[list[bool]]) -> None:
    n = len(matrix)
    grid = covered(qr_rectangles(matrix), n)
    assert grid == [[1 if dark else 0 for dark in row] for row in matrix]


def test_a_real_payload_needs_far_fewer_rectangles_than_modules() -> None:
    matrix = qr_matrix("MC1|000.00.06.H56-260302-1001|000.00.06.H56|202603020905|1|" + "A" * 86)
    dark = sum(sum(row) for row in matrix)
    rects = qr_rectangles(matrix)
    assert covered(rects, len(matrix)) == [[int(v) for v in row] for row in matrix]
    assert len(rects) < dark / 2


def test_fonts_are_registered_once_per_process() -> None:
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    before = pdfmetrics.getFont("LiberationSerif")
    register_fonts()
    assert pdfmetrics.getFont("LiberationSerif") is before
