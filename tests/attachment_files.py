"""Real scan-like files for the attachment tests: PDFs made by reportlab, images by Pillow."""

from __future__ import annotations

import io
import os
from pathlib import Path

from PIL import Image
from reportlab.pdfgen import canvas


def make_pdf(path: Path, pages: int = 2, noise_bytes: int = 0, seed: int = 1) -> Path:
    """A PDF of `pages` pages; `noise_bytes` of random image data make it as large as a scan."""
    c = canvas.Canvas(str(path))
    c.setPageCompression(0)
    for n in range(pages):
        c.drawString(72, 720, f"Trang {n + 1} / page {n + 1} (seed {seed})")
        if noise_bytes and n == 0:
            side = max(8, int((noise_bytes / 3) ** 0.5))
            raw = os.urandom(side * side * 3)
            image = Image.frombytes("RGB", (side, side), raw)
            buf = io.BytesIO()
            image.save(buf, format="PNG", compress_level=0)
            buf.seek(0)
            from reportlab.lib.utils import ImageReader

            c.drawImage(ImageReader(buf), 72, 72, 400, 400)
        c.showPage()
    c.save()
    return path


def make_png(path: Path, colour: str = "white") -> Path:
    Image.new("RGB", (40, 30), colour).save(path, format="PNG")
    return path


def make_jpeg(path: Path) -> Path:
    Image.new("RGB", (40, 30), "gray").save(path, format="JPEG")
    return path


def make_tiff(path: Path, pages: int = 3) -> Path:
    frames = [Image.new("L", (20, 20), 40 * n) for n in range(pages)]
    frames[0].save(path, format="TIFF", save_all=True, append_images=frames[1:])
    return path
