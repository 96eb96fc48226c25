"""Real PDF tools for the form tests: pdftotext, pdffonts, pdfinfo, pdftoppm + zxing-cpp."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import zxingcpp
from PIL import Image

from counter_app.counter import Counter
from counter_app.intake import IntakeRequest
from counter_app.models import DocumentReceived, Dossier, User

NAME = "Đặng Văn Đức"
OWNER = "Nguyễn Thị Hương Giang"
ADDRESS = "Số 5, đường Nguyễn Huệ, phường Bến Nghé"
EMAIL = "duc.dang@example.vn"
ID_NUMBER = "001090123456"
PHONE = "0912345678"
PROCEDURE = "1.004884"  # Đăng ký lại khai sinh: two documents in the demo catalogue


def take_in(
    counter: Counter, actor: User, *, all_documents: bool = False, **fields: Any
) -> Dossier:
    proc = counter.catalogue.procedure(PROCEDURE)
    documents = None if all_documents else (DocumentReceived(proc.documents[0].name, 1, 0, 0),)
    values: dict[str, Any] = {
        "procedure_code": PROCEDURE,
        "full_name": NAME,
        "id_number": ID_NUMBER,
        "phone": PHONE,
        "address": ADDRESS,
        "email": EMAIL,
        "owner_name": OWNER,
        "documents": documents,
    }
    values.update(fields)
    return counter.dossiers.intake(actor, IntakeRequest(**values))


def write(tmp_path: Path, pdf: bytes, name: str = "form.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(pdf)
    return path


def pdf_text(path: Path, layout: bool = False) -> str:
    """pdftotext's reading order; with `layout`, table rows come out as lines."""
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(path), "-"]
    out = subprocess.run(args, capture_output=True, text=True, check=True)
    return out.stdout


def flat(text: str) -> str:
    """Whitespace folded, so a value is found whatever line wrapping the layout chose."""
    return " ".join(text.split())


def pdf_fonts(path: Path) -> list[dict[str, str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    fonts = []
    for line in out.stdout.splitlines()[2:]:
        cols = line.split()
        # name type... encoding emb sub uni object ID: the flags are the 5th-3rd from the end.
        fonts.append({"name": cols[0], "emb": cols[-5], "sub": cols[-4], "uni": cols[-3]})
    return fonts


def page_sizes(path: Path) -> list[tuple[float, float]]:
    out = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "99", str(path)], capture_output=True, text=True, check=True
    )
    sizes = []
    for line in out.stdout.splitlines():
        if line.startswith("Page") and "size:" in line:
            parts = line.split("size:")[1].split()
            sizes.append((round(float(parts[0]), 1), round(float(parts[2]), 1)))
    return sizes


def decode(path: Path, tmp_path: Path, dpi: int = 200, page: int = 1) -> dict[str, str]:
    """Rasterise one page as a printer would and read every barcode on it: {"qr"|"code128": text}."""
    prefix = tmp_path / f"scan-{path.stem}"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(dpi),
            "-f",
            str(page),
            "-l",
            str(page),
            "-gray",
            "-png",
            "-singlefile",
            str(path),
            str(prefix),
        ],
        check=True,
    )
    with Image.open(f"{prefix}.png") as image:
        results = zxingcpp.read_barcodes(image)
    names = {zxingcpp.BarcodeFormat.QRCode: "qr", zxingcpp.BarcodeFormat.Code128: "code128"}
    return {names.get(r.format, str(r.format)): r.text for r in results}
