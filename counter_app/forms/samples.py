"""`make forms`: every form of both sets printed from demo dossiers, as PNG files to look at.

    python -m counter_app.forms.samples docs/forms

A fresh office in a temporary folder; dossiers received on 10/9/2025 (Circular 01/2018 set) and
on 2/3/2026 (Circular 03/2025 set) taken through every flow with the clock pinned, so each run
draws the same pages. Needs pdftoppm (poppler-utils).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from .. import clock
from ..counter import Counter
from ..intake import IntakeRequest
from ..lifecycle import Status
from ..models import DocumentReceived, Office, Role, User
from ..resources import demo_procedures
from . import dossier_forms, render_form, render_register

PASSWORD = "matkhau-123"
DPI = "50"  # small files in the repository, still readable side by side
SETS = {"2018": "2025-09-10T08:40:00+07:00", "2025": "2026-03-02T08:40:00+07:00"}
# Papers other than A4 are drawn the same way in both sets: shown once, for the current set.


def _at(when: str) -> None:
    os.environ["COUNTER_APP_NOW"] = when


def _later(when: str, **delta: float) -> str:
    return clock.iso(clock.parse_iso(when) + timedelta(**delta))


def _office(data_dir: Path) -> tuple[Counter, User]:
    c = Counter.open(data_dir)
    office = Office(
        agency_code="000.00.06.H56",
        name="UBND phường Bến Nghé",
        province_code="79",
        commune_code="26740",
        address="Số 29 Lê Duẩn, phường Bến Nghé, TP. Hồ Chí Minh",
        phone="028 3829 4142",
        parent_name="UBND Thành phố Hồ Chí Minh",
    )
    admin = c.setup(office, "Quầy 1", "admin", "Nguyễn Thị Lan", PASSWORD)
    c.catalogue.load_procedures(demo_procedures())
    c.accounts.add(admin, "minh", "Trần Văn Minh", Role.CLERK, PASSWORD)
    c.set_setting(admin, "head_title", "GIÁM ĐỐC")
    return c, admin


def _pdfs(c: Counter, admin: User, received: str, papers: bool) -> dict[str, bytes]:
    """Three dossiers received at `received`: one through supplement and apology; one
    withdrawn; one refused at intake. With `papers`, the receipt on a thermal roll and A5 too."""
    clerk = c.accounts.login("minh", PASSWORD)
    _at(received)
    proc = c.catalogue.procedure("1.004884")
    main = c.dossiers.intake(
        clerk,
        IntakeRequest(
            procedure_code=proc.code,
            full_name="Đặng Văn Đức",
            id_number="001090123456",
            phone="0912345678",
            gender="Nam",
            address="Số 5, đường Nguyễn Huệ, phường Bến Nghé",
            email="duc.dang@example.vn",
            owner_name="Đặng Thị Hương Giang",
            documents=(DocumentReceived(proc.documents[0].name, 1, 0, 0),),
        ),
    )
    _at(_later(received, minutes=20))
    withdrawn = c.dossiers.intake(
        clerk,
        IntakeRequest(
            procedure_code="1.001193",
            full_name="Lê Thị Mai",
            id_number="079190123456",
            phone="0903123456",
            gender="Nữ",
            address="Số 12, đường Hàm Nghi, phường Bến Nghé",
        ),
    )
    refused = c.dossiers.refuse_intake(
        clerk,
        IntakeRequest(
            procedure_code="1.004884",
            full_name="Vũ Văn An",
            id_number="001090654321",
            phone="0987654321",
            gender="Nam",
            address="Thôn Phú Xuân, xã Hòa Phú",
        ),
        "Hồ sơ đăng ký khai sinh đã có bản gốc còn lưu tại UBND xã Hòa Phú; đề nghị Ông liên "
        "hệ nơi đã đăng ký để được cấp bản sao trích lục.",
    )
    _at(_later(received, hours=5))
    c.dossiers.change_status(
        clerk, main.code, Status.PROCESSING, "Chuyển công chức tư pháp - hộ tịch"
    )
    c.dossiers.change_status(
        clerk, main.code, Status.SUPPLEMENT_REQUESTED, "Thiếu bản sao giấy tờ chứng minh"
    )
    _at(_later(received, days=1, hours=1))
    c.dossiers.change_status(clerk, main.code, Status.PROCESSING)
    c.dossiers.change_status(
        admin, withdrawn.code, Status.WITHDRAWN, "Công dân xin rút hồ sơ để nộp lại"
    )
    due = clock.parse_iso(c.dossiers.get(main.code).due_at or "")
    _at(_later(received, days=2))
    c.dossiers.record_apology(
        admin,
        main.code,
        "Phải xác minh thông tin khai sinh tại nơi đăng ký trước đây",
        c.calendar_book.current().add_working_time(due, c.calendar_book.current().day_length * 3),
    )
    printed = _later(received, days=2, minutes=10)
    _at(printed)
    pdfs = {
        "receipt": render_form(c, "receipt", main.code, parts=1),
        "supplement": render_form(c, "supplement", main.code, actor=clerk),
        "refusal": render_form(c, "refusal", refused.code, actor=clerk),
        "apology": render_form(c, "apology", main.code, actor=admin),
        "control": render_form(c, "control", main.code),
    }
    if "stop" in dossier_forms(c.dossiers.get(withdrawn.code)):
        pdfs["stop"] = render_form(c, "stop", withdrawn.code, actor=admin)
    day = received[:10]
    pdfs["register"] = render_register(c, day, day)
    if papers:
        pdfs["receipt-thermal"] = render_form(c, "receipt", main.code, paper="thermal80")
        pdfs["receipt-a5-copy"] = render_form(
            c, "receipt", main.code, paper="a5", parts=1, copy=True
        )
    return pdfs


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "docs/forms")
    with tempfile.TemporaryDirectory() as tmp:
        c, admin = _office(Path(tmp) / "office")
        try:
            for name, received in SETS.items():
                folder = out / name
                folder.mkdir(parents=True, exist_ok=True)
                for form, pdf in _pdfs(c, admin, received, papers=name == "2025").items():
                    pdf_path = Path(tmp) / f"{name}-{form}.pdf"
                    pdf_path.write_bytes(pdf)
                    subprocess.run(
                        [
                            "pdftoppm",
                            "-png",
                            "-r",
                            DPI,
                            "-f",
                            "1",
                            "-l",
                            "1",
                            "-singlefile",
                            str(pdf_path),
                            str(folder / form),
                        ],
                        check=True,
                    )
                    print(folder / f"{form}.png")
        finally:
            c.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
