"""The electronic result in the app: attached when the clerk moves a dossier to result ready
(required by the procedure's setting, the file judged by the core on the worker), shown at the
return desk and opened in the system viewer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from attachment_files import make_pdf
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot
from sync_support import OFFICE_A, OFFICE_B, HubServer, intake, make_counter
from test_attachments_sync import run_sync
from test_ui_dossiers import opened
from test_ui_supervisor import _admin
from ui_support import make_ctx

from counter_app.counter import Counter
from counter_app.intake import IntakeRequest
from counter_app.lifecycle import Status
from ui.context import AppContext
from ui.pages.returns import ReturnPage

PASSWORD = "matkhau-123"
PROC = "1.001193"


def _received(data_dir: Path, required: bool) -> str:
    c = Counter.open(data_dir)
    try:
        clerk, admin = c.accounts.login("lan", PASSWORD), c.accounts.login("admin", PASSWORD)
        c.result_files.set_required(admin, PROC, required)
        d = c.dossiers.intake(
            clerk, IntakeRequest(PROC, "Lê Văn Hùng", "079090001234", "0903123456")
        )
        return d.code
    finally:
        c.close()


def _result_ready_dialog(app_ctx: AppContext, qtbot: QtBot, code: str) -> tuple[Any, Any]:
    """The dossiers page with `code` selected and its "Đã có kết quả" dialog open."""
    page = opened(app_ctx, qtbot)
    with qtbot.waitSignal(page.detail.loaded):
        assert page.select_code(code)
    dialog = page.detail.request_status(Status.RESULT_READY)
    assert dialog is not None
    return page, dialog


def test_result_ready_asks_for_the_required_file_and_attaches_it(
    app_ctx: AppContext, data_dir: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    code = _received(data_dir, required=True)
    page, dialog = _result_ready_dialog(app_ctx, qtbot, code)
    assert "bắt buộc" in dialog.findChild(type(dialog.error), "resultFileRequired").text()

    # OK without a file: the core refuses, the dialog says why and stays open.
    dialog.submitted.emit()
    qtbot.waitUntil(lambda: "bắt buộc có kết quả điện tử" in dialog.error.text())
    assert dialog.isVisible()

    # A damaged file is named and not kept.
    bad = tmp_path / "hong.pdf"
    bad.write_bytes(b"%PDF-1.7 cut short")
    dialog.file_chosen.emit(bad)  # what the file dialog's choice does
    qtbot.waitUntil(lambda: "hong.pdf" in dialog.error.text())
    assert dialog.result_file is None

    good = make_pdf(tmp_path / "giay-khai-sinh.pdf", pages=1)
    dialog.file_chosen.emit(good)
    qtbot.waitUntil(lambda: dialog.result_file == good)
    assert dialog.file_label.text() == "giay-khai-sinh.pdf" and dialog.error.text() == ""
    with qtbot.waitSignal(page.detail.changed) as changed:
        dialog.submitted.emit()
    assert changed.args[0].status is Status.RESULT_READY
    c = Counter.open(data_dir)
    try:
        [row] = c.result_files.of(code)
        assert row.name == "giay-khai-sinh.pdf"
        assert c.attachments.path(row.sha256).read_bytes() == good.read_bytes()
    finally:
        c.close()


def test_without_the_setting_the_file_is_optional_and_can_come_later(
    app_ctx: AppContext, data_dir: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    code = _received(data_dir, required=False)
    page, dialog = _result_ready_dialog(app_ctx, qtbot, code)
    assert dialog.findChild(type(dialog.error), "resultFileRequired") is None
    with qtbot.waitSignal(page.detail.changed) as changed:
        dialog.submitted.emit()
    assert changed.args[0].status is Status.RESULT_READY

    # Attached afterwards from the detail pane: a bad file is named, a good one is listed.
    qtbot.waitUntil(lambda: hasattr(page.detail, "attach_result_button"))
    bad = tmp_path / "anh.png"
    bad.write_bytes(b"")
    page.detail.attach_result(bad)
    qtbot.waitUntil(lambda: "anh.png" in page.detail.result_message.text())
    with qtbot.waitSignal(page.detail.loaded) as reloaded:
        page.detail.attach_result(make_pdf(tmp_path / "ban-sao.pdf"))
    assert reloaded.args[0].events[-1].data["name"] == "ban-sao.pdf"
    timeline = page.detail.findChildren(type(page.total), "timeline")[-1]  # the newest
    assert "Đính kèm tệp kết quả điện tử: ban-sao.pdf" in timeline.text()


class Viewer(QObject):
    """Stands in for the desktop's viewer: Qt hands it the URL it would open."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def show(self, url: QUrl) -> None:
        self.urls.append(url)


def test_the_return_desk_shows_the_result_file_and_opens_it(
    app_ctx: AppContext, data_dir: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    code = _received(data_dir, required=True)
    pdf = make_pdf(tmp_path / "trich-luc.pdf", pages=2)
    c = Counter.open(data_dir)
    try:
        c.result_files.mark_ready(c.accounts.login("lan", PASSWORD), code, pdf)
    finally:
        c.close()
    page = ReturnPage(app_ctx)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.results_shown) as shown:
        page.scan.setText(code)
        page.look_up()
    [found] = shown.args[0]
    assert found.here and found.row.name == "trich-luc.pdf"
    label = page.results_box.findChild(type(page.message), "resultFile_0")
    assert "trich-luc.pdf" in label.text() and "2 trang" in label.text()

    viewer = Viewer()
    QDesktopServices.setUrlHandler("file", viewer, "show")
    try:
        page.result_buttons[0].click()
        qtbot.waitUntil(lambda: bool(viewer.urls))
    finally:
        QDesktopServices.unsetUrlHandler("file")
    opened_file = Path(viewer.urls[0].toLocalFile())
    assert opened_file.name == "trich-luc.pdf"
    assert opened_file.read_bytes() == pdf.read_bytes()


def test_a_supervisor_makes_the_result_file_required_in_the_catalogue_tab(
    supervisor_ctx: AppContext, data_dir: Path, qtbot: QtBot
) -> None:
    page = _admin(supervisor_ctx, qtbot)
    procs = page.procedures
    qtbot.waitUntil(lambda: procs.model.rowCount() > 0)
    row = next(i for i, p in enumerate(procs.model.records) if p.code == PROC)
    procs.table.selectRow(row)
    procs.result_button.click()
    qtbot.waitUntil(lambda: PROC in procs.result_required)
    assert "bắt buộc tệp kết quả" in procs.message.text()
    column = procs.model.columnCount() - 1
    assert procs.model.index(row, column).data() == "Bắt buộc"
    c = Counter.open(data_dir)
    try:
        assert c.result_files.required(PROC)
    finally:
        c.close()
    procs.table.selectRow(row)
    procs.result_button.click()
    qtbot.waitUntil(lambda: PROC not in procs.result_required)


def test_a_result_attached_by_the_resolving_office_is_downloaded_and_opened_at_the_return_desk(
    tmp_path: Path, qapp: object, qtbot: QtBot
) -> None:
    """Received at A for commune B; B attaches the result and syncs; A's sync downloads it
    from the hub (real hub on 127.0.0.1) and A's return desk shows and opens it."""
    hub = HubServer(tmp_path / "hub.sqlite3")
    try:
        hub.hub.publish(
            "offices",
            [
                {"agency_code": OFFICE_A, "name": "Phường A"},
                {"agency_code": OFFICE_B, "name": "Xã B"},
            ],
        )
        a, admin_a = make_counter(tmp_path / "a", OFFICE_A, 1, hub)
        b, admin_b = make_counter(tmp_path / "b", OFFICE_B, 1, hub)
        assert run_sync(a)[0].ok
        code = intake(a, admin_a, 1, resolving_unit=OFFICE_B)
        assert run_sync(a)[0].ok
        assert run_sync(b)[0].ok
        pdf = make_pdf(tmp_path / "quyet-dinh.pdf", pages=2)
        b.result_files.mark_ready(admin_b, code, pdf)
        assert run_sync(b)[0].files_sent == 1
        result, _ = run_sync(a)
        assert result.ok, result.errors
        assert result.files_received == 1
        assert a.dossiers.get(code).status is Status.RESULT_READY
        a.close()
        b.close()

        ctx = make_ctx(tmp_path / "a", tmp_path, admin_a)
        try:
            page = ReturnPage(ctx)
            qtbot.addWidget(page)
            page.show()
            with qtbot.waitSignal(page.results_shown) as shown:
                page.scan.setText(code)
                page.look_up()
            [found] = shown.args[0]
            assert found.here and found.row.name == "quyet-dinh.pdf"
            assert page.result_buttons[0].isEnabled()
            viewer = Viewer()
            QDesktopServices.setUrlHandler("file", viewer, "show")
            try:
                page.result_buttons[0].click()
                qtbot.waitUntil(lambda: bool(viewer.urls))
            finally:
                QDesktopServices.unsetUrlHandler("file")
            assert Path(viewer.urls[0].toLocalFile()).read_bytes() == pdf.read_bytes()
        finally:
            ctx.close()
    finally:
        hub.stop()
