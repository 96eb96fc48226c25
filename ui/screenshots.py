"""`make screenshots`: the main screens rendered offscreen from a demo office, as PNG files.

    QT_QPA_PLATFORM=offscreen python -m ui.screenshots docs/screenshots

A fresh demo database in a temporary folder, the clock pinned (COUNTER_APP_NOW) so every run
draws the same dossiers and dates; the real windows, fed by the real workers.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

NOW = "2026-03-20T10:12:00+07:00"  # a Friday morning
# The main window maximised on a 1366×768 laptop: a 40 px taskbar and a 30 px title bar.
SIZE = (1366, 698)
PASSWORD = "matkhau-123"


def build_demo(data_dir: Path) -> list[str]:
    from counter_app import clock
    from counter_app.counter import Counter
    from counter_app.models import Office, Role
    from counter_app.resources import demo_procedures

    from . import demo_data

    c = Counter.open(data_dir)
    try:
        office = Office(
            agency_code="000.00.06.H56",
            name="UBND phường Bến Nghé",
            province_code="79",
            commune_code="26740",
            address="Số 29 Lê Duẩn, phường Bến Nghé, TP. Hồ Chí Minh",
            phone="028 3829 4142",
            parent_name="ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH",
        )
        admin = c.setup(office, "Quầy 1", "admin", "Nguyễn Thị Lan", PASSWORD, training=True)
        c.catalogue.load_procedures(demo_procedures())
        clerk = c.accounts.add(admin, "minh", "Trần Văn Minh", Role.CLERK, PASSWORD)
        c.sync_book.set_server("https://motcua.hochiminhcity.gov.vn", "demo-desk-token")
        codes = demo_data.seed(c, [clerk, admin], clock.parse_iso(NOW), days=13)
        return codes
    finally:
        c.close()


def wait_until(app: object, condition: Callable[[], bool], timeout: float = 20.0) -> None:
    """Let the workers answer: process events until the condition holds (a script, not a test)."""
    from PySide6.QtCore import QThread
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get its data in time")
        app.processEvents()
        QThread.msleep(10)
    for _ in range(5):
        app.processEvents()


def save(widget: object, path: Path) -> None:
    from PIL import Image
    from PySide6.QtWidgets import QWidget

    assert isinstance(widget, QWidget)
    widget.grab().save(str(path))
    # 256 colours keep a UI screenshot sharp at a fraction of the size.
    with Image.open(path) as img:
        img.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(
            path, optimize=True
        )
    print(f"  {path}")


def _result_pdf(path: Path) -> Path:
    """A one-page result as a commune's office scans it: enough for the file's facts."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QPageSize, QPainter, QPdfWriter

    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    painter.drawText(
        QRect(0, 0, writer.width(), writer.height() // 4),
        Qt.AlignmentFlag.AlignCenter,
        "TRÍCH LỤC KHAI SINH (BẢN ĐIỆN TỬ)",
    )
    painter.end()
    return path


def main(out: Path) -> int:
    os.environ["COUNTER_APP_NOW"] = NOW
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "counter"
        codes = build_demo(data_dir)
        return shoot(out, data_dir, Path(tmp), codes)


def make_scans(folder: Path) -> list[Path]:
    """Scan-like files: a two-page PDF form, a photo of a paper (JPEG), a PNG in the folder."""
    from PIL import Image, ImageDraw
    from reportlab.pdfgen import canvas

    folder.mkdir(parents=True, exist_ok=True)
    form = folder / "to-khai-dang-ky-ho-kinh-doanh.pdf"
    c = canvas.Canvas(str(form))
    for page in (1, 2):
        c.setFont("Helvetica-Bold", 16)
        c.drawCentredString(297, 780, "GIAY DE NGHI DANG KY HO KINH DOANH")
        c.setFont("Helvetica", 11)
        for line in range(28):
            c.line(72, 730 - 22 * line, 520, 730 - 22 * line)
        c.drawString(72, 60, f"Trang {page}/2")
        c.showPage()
    c.save()

    def paper(path: Path, title_lines: int, fmt: str) -> Path:
        image = Image.new("RGB", (620, 860), (250, 248, 240))
        draw = ImageDraw.Draw(image)
        draw.rectangle((40, 40, 580, 820), outline=(120, 120, 120), width=3)
        for n in range(title_lines):
            draw.rectangle((150, 80 + 30 * n, 470, 96 + 30 * n), fill=(60, 60, 60))
        for n in range(18):
            draw.line((80, 220 + 32 * n, 540, 220 + 32 * n), fill=(150, 150, 150), width=2)
        draw.ellipse((420, 660, 540, 780), outline=(200, 30, 30), width=6)
        image.save(path, format=fmt)
        return path

    copy = paper(folder / "ban-sao-can-cuoc-chu-ho.jpg", 2, "JPEG")
    back = paper(folder / "ban-sao-can-cuoc-mat-sau.jpg", 1, "JPEG")
    return [form, copy, back]


def shoot_scans(app: object, window: object, intake: object, tmp: Path, out: Path) -> None:
    """The intake form with two items scanned (thumbnails), one lacking, and a new scan of the
    scan folder waiting to be put on an item."""
    from PySide6.QtWidgets import QWidget

    from .pages.intake import IntakePage

    assert isinstance(intake, IntakePage) and isinstance(window, QWidget)
    folder = tmp / "may-quet"
    form, copy, back = make_scans(tmp / "scans")
    folder.mkdir()
    intake.scans.set_folder(folder)
    wait_until(app, lambda: intake.scans.watcher.folder == folder)  # listed on the pool
    intake.picker.search.setText("hộ kinh doanh")
    wait_until(app, lambda: bool(intake.picker.visible_codes()))
    intake.picker.choose_current()
    intake.full_name.setText("Phạm Quốc Bảo")
    intake.id_number.setText("079088004321")
    intake.phone.setText("0903 112 233")
    intake.address.setText("45 Hai Bà Trưng, phường Bến Nghé")
    intake.scans.stage_files(0, [form])
    intake.scans.stage_files(1, [copy, back])
    wait_until(app, lambda: len(intake.scans.staged()) == 3)
    (folder / "scan-0007.pdf").write_bytes(form.read_bytes())
    intake.scans.watcher.rescan()
    wait_until(app, lambda: bool(intake.scans.fresh))
    intake.checklist.tick_all()
    wait_until(app, lambda: intake.due_label.text().startswith("Hẹn trả"))
    save(window, out / "intake-scans.png")
    intake.clear()


def shoot(out: Path, data_dir: Path, tmp: Path, codes: list[str]) -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from counter_app.lifecycle import Status
    from counter_app.models import Role, User
    from counter_app.signing import receipt_payload

    from . import i18n
    from .app import make_app
    from .context import AppContext
    from .login import LoginDialog
    from .main_window import MainWindow
    from .pages.admin import AdminPage
    from .pages.dossiers import DossiersPage
    from .pages.intake import IntakePage
    from .pages.reports import ReportsPage
    from .pages.returns import ReturnPage
    from .pages.sync_page import SyncPage

    app = make_app()
    i18n.install(app, "vi")
    ctx = AppContext(data_dir, QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat))
    try:
        from .operations import StartupState, startup_state

        state: list[StartupState] = []
        startup_state(ctx).success(state.append).run()
        wait_until(app, lambda: bool(state))
        ctx.office = state[0].office

        login = LoginDialog(ctx)
        login.show()
        login.username.setText("minh")
        login.password.setText(PASSWORD)
        wait_until(app, lambda: login.isVisible())
        save(login, out / "login.png")
        login.close()

        ctx.user = User("admin", "Nguyễn Thị Lan", Role.SUPERVISOR)
        window = MainWindow(ctx)
        window.start_maximised = False  # the offscreen screen is smaller than a laptop's
        window.resize(*SIZE)
        window.show()
        wait_until(app, lambda: window.status.pending.text() != "")

        intake = window.show_page("intake")
        assert isinstance(intake, IntakePage)
        wait_until(app, lambda: bool(intake.picker.visible_codes()))
        intake.picker.search.setText("khai sinh")
        wait_until(app, lambda: bool(intake.picker.visible_codes()))
        intake.picker.choose_current()
        intake.full_name.setText("Lê Thị Hồng Nhung")
        intake.id_number.setText("079196012345")
        intake.birth_date.setText("12/08/1996")
        intake.gender.setCurrentIndex(max(intake.gender.findText("Nữ"), 0))
        intake.phone.setText("0908 765 432")
        intake.address.setText("18 Nguyễn Thị Minh Khai, phường Bến Nghé")
        intake.checklist.tick_all()
        wait_until(app, lambda: intake.due_label.text().startswith("Hẹn trả"))
        save(window, out / "intake.png")

        # The first Ctrl+Enter on a half-right form: every problem at once.
        intake.clear()
        intake.picker.search.setText("khai sinh")
        wait_until(app, lambda: bool(intake.picker.visible_codes()))
        intake.picker.choose_current()
        intake.id_number.setText("07919601234")
        intake.phone.setText("0908 765")
        intake.checklist.rows[0][0].setChecked(True)
        shown: list[object] = []
        intake.problems_shown.connect(shown.append)
        intake.accept_intake()
        wait_until(app, lambda: bool(shown))
        save(window, out / "intake-errors.png")
        intake.clear()

        shoot_scans(app, window, intake, tmp, out)

        dossiers = window.show_page("dossiers")
        assert isinstance(dossiers, DossiersPage)
        wait_until(app, lambda: dossiers.model.rowCount() > 0 and dossiers.model.total is not None)
        late = next(
            i for i in range(dossiers.model.rowCount()) if dossiers.model.row_at(i).late == "late"
        )
        dossiers.table.selectRow(late)
        wait_until(app, lambda: dossiers.detail.data is not None)
        save(window, out / "dossiers.png")

        returns = window.show_page("returns")
        assert isinstance(returns, ReturnPage)
        ready: list[str] = []
        ctx.op(
            lambda c: [x for x in codes if c.dossiers.get(x).status is Status.RESULT_READY]
        ).success(ready.extend).run()
        wait_until(app, lambda: bool(ready))
        payload: list[str] = []
        ctx.op(lambda c: receipt_payload(c, c.dossiers.get(ready[-1]))).success(
            payload.append
        ).run()
        wait_until(app, lambda: bool(payload))
        returns.scan.setText(payload[0])  # what the scanner types from the receipt's QR
        returns.scan.returnPressed.emit()
        wait_until(app, lambda: returns.current is not None)
        save(window, out / "returns.png")

        # The same dossier with its electronic result attached (the hub's copy shows the same).
        result = _result_pdf(tmp / "Trích lục khai sinh - bản điện tử.pdf")
        attached: list[object] = []
        ctx.op(
            lambda c: c.attachments.attach(
                c.accounts.login("admin", PASSWORD), ready[-1], result, None, True
            )
        ).success(attached.append).run()
        wait_until(app, lambda: bool(attached))
        files: list[object] = []
        returns.results_shown.connect(lambda found: files.append(found) if found else None)
        returns.scan.setText(payload[0])
        returns.scan.returnPressed.emit()
        wait_until(app, lambda: bool(files))
        save(window, out / "return-result.png")

        # Without the receipt: a name typed without accents lists the namesakes.
        returns.reset()
        listed: list[object] = []
        returns.listed.connect(listed.append)
        returns.show_all.setChecked(True)
        wait_until(app, lambda: bool(listed))
        save(window, out / "returns-waiting.png")
        listed.clear()
        returns.scan.setText("nguyen van an")
        returns.look_up()
        wait_until(app, lambda: bool(listed))
        save(window, out / "returns-search.png")

        sync = window.show_page("sync")
        assert isinstance(sync, SyncPage)
        wait_until(app, lambda: sync.view is not None)
        save(window, out / "sync.png")

        # The province's server does not answer: what the supervisor and the status bar say.
        from .sync_service import UNREACHABLE, SyncOutcome

        ctx.sync.started.emit("manual")
        ctx.sync.finished.emit(SyncOutcome("manual", UNREACHABLE))
        wait_until(app, lambda: "sẽ tự thử lại" in window.status.server.text())
        save(window, out / "sync-offline.png")
        save(window.status, out / "statusbar.png")

        reports = window.show_page("reports")
        assert isinstance(reports, ReportsPage)
        from datetime import date

        reports.set_period(date(2026, 2, 23), date(2026, 3, 20))
        reports.view = None
        reports.refresh()
        wait_until(app, lambda: reports.view is not None)
        save(window, out / "reports.png")

        admin = window.show_page("admin")
        assert isinstance(admin, AdminPage)
        wait_until(app, lambda: admin.users.model.rowCount() > 0)
        save(window, out / "admin.png")
        window.close()
    finally:
        ctx.close()
        QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")))
