"""Receipt generation against a bare reportlab page with the same text, QR code and barcode.

The bare page is what a minimal hand-written receipt would cost: drawString for each line in the
same embedded font, reportlab's own QrCodeWidget (one rectangle per dark module) and its Code128.
Both run in the same process after a warm-up, so font registration is paid by neither.
"""

from __future__ import annotations

import io
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import segno
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.code128 import Code128
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from bench import conditions
from counter_app.counter import Counter
from counter_app.forms import fonts as form_fonts
from counter_app.forms import render_form
from counter_app.forms.codes_draw import qr_matrix
from counter_app.intake import IntakeRequest
from counter_app.models import Office
from counter_app.resources import demo_procedures
from counter_app.signing import receipt_payload

ROUNDS = 40


def _median_ms(*fns: Callable[[], bytes]) -> list[float]:
    """Median time of each function, measured round-robin so that the load of a busy machine
    falls on all of them alike."""
    for fn in fns:
        for _ in range(5):
            fn()
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(ROUNDS):
        for fn, series in zip(fns, times, strict=True):
            start = time.perf_counter()
            fn()
            series.append((time.perf_counter() - start) * 1000)
    return [statistics.median(series) for series in times]


def _bare_page(lines: list[str], payload: str, code: str, widget: bool = False) -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, initialFontName=form_fonts.REGULAR)
    y = A4[1] - 20 * mm
    for line in lines:
        c.setFont(form_fonts.REGULAR, 12)
        c.drawString(25 * mm, y, line)
        y -= 15
    size, x, top = 27 * mm, A4[0] - 15 * mm - 27 * mm, A4[1] - 33 * mm
    if widget:  # reportlab's own QR encoder and widget
        qr = QrCodeWidget(payload, barLevel="M")
        x0, y0, x1, y1 = qr.getBounds()
        drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
        drawing.add(qr)
        renderPDF.draw(drawing, c, x, top - size)
    else:  # the same segno matrix, one square per dark module
        matrix = segno.make(payload, error="m", micro=False).matrix
        module = size / len(matrix)
        for r, row in enumerate(matrix):
            for col, dark in enumerate(row):
                if dark:
                    c.rect(x + col * module, top - (r + 1) * module, module, module, 0, 1)
    Code128(code, barHeight=10 * mm, humanReadable=False).drawOn(c, 40 * mm, A4[1] - 70 * mm)
    c.showPage()
    c.save()
    return buf.getvalue()


def main() -> None:
    os.environ.setdefault("COUNTER_APP_NOW", "2026-03-02T09:05:00+07:00")
    with tempfile.TemporaryDirectory() as tmp:
        counter = Counter.open(Path(tmp))
        admin = counter.setup(
            Office(agency_code="000.00.06.H56", name="UBND phường Bến Nghé", phone="02838"),
            "Quầy 1",
            "admin",
            "Nguyễn Thị Lan",
            "matkhau-123",
        )
        counter.catalogue.load_procedures(demo_procedures())
        dossier = counter.dossiers.intake(
            admin,
            IntakeRequest(
                "1.004884",
                "Đặng Văn Đức",
                "001090123456",
                "0912345678",
                address="Số 5, đường Nguyễn Huệ, phường Bến Nghé",
                email="duc.dang@example.vn",
            ),
        )
        payload = receipt_payload(counter, dossier)
        receipt = render_form(counter, "receipt", dossier.code, parts=1)
        # The same words as the receipt, line by line, from our own PDF's text.
        lines = [ln for ln in _pdf_lines(receipt) if ln.strip()]

        def cold(**options: object) -> bytes:
            # A new receipt's QR is encoded afresh: no help from the cache here.
            qr_matrix.cache_clear()
            return render_form(counter, "receipt", dossier.code, **options)  # type: ignore[arg-type]

        ours, bare, widget, two, thermal, reprint = _median_ms(
            lambda: cold(parts=1),
            lambda: _bare_page(lines, payload, dossier.code),
            lambda: _bare_page(lines, payload, dossier.code, widget=True),
            lambda: cold(),
            lambda: cold(paper="thermal80"),
            lambda: render_form(counter, "receipt", dossier.code, parts=1),
        )
        counter.close()
    print(f"bare page: same {len(lines)} lines, segno QR as squares, Code 128: {bare:6.1f} ms")
    print(f"bare page with reportlab's QrCodeWidget instead:        {widget:6.1f} ms")
    print(f"receipt Mẫu 01, A4, one part (liên):                    {ours:6.1f} ms")
    print(f"receipt Mẫu 01, A4, two parts:                          {two:6.1f} ms")
    print(f"receipt, 80 mm thermal roll:                            {thermal:6.1f} ms")
    print(f"same receipt again (preview, then print: QR cached):    {reprint:6.1f} ms")
    print(f"ratio receipt / bare page: {ours / bare:.2f}x (goal < 1x)")
    print(conditions.line())


def _pdf_lines(pdf: bytes) -> list[str]:
    import subprocess

    out = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return out.stdout.decode("utf-8").splitlines()


if __name__ == "__main__":
    main()
