"""Printing from the desktop app: the stop notice after a withdrawal, Mẫu 02 for a request not
taken in (rendered by the core, nothing saved), saved PDFs private and their folder named."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from forms_helpers import flat, pdf_text
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from counter_app.counter import Counter
from counter_app.intake import IntakeRequest
from counter_app.lifecycle import Status
from ui import printing
from ui.context import AppContext
from ui.dossier_detail import DossierDetail
from ui.printing import PrintPreview

PASSWORD = "matkhau-123"


@pytest.fixture(autouse=True)
def office_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNTER_APP_NOW", "2026-03-02T09:05:00+07:00")


def take_in(data_dir: Path) -> str:
    c = Counter.open(data_dir)
    try:
        req = IntakeRequest("1.004884", "Lê Thị Mai", "079190123456", "0912345678", gender="Nữ")
        return c.dossiers.intake(c.accounts.login("lan", PASSWORD), req).code
    finally:
        c.close()


def saved_privately(preview: PrintPreview, out: Path, qtbot: QtBot) -> str:
    """Save through the preview; the file is 0600 and the message names its folder."""
    preview.save_pdf(out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    box = preview.saved_message
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isVisible)
    assert out.name in box.text() and str(out.parent.resolve()) == box.informativeText()
    box.accept()
    return flat(pdf_text(out))


def test_withdrawal_opens_the_stop_notice_and_reprints_offer_it(
    app_ctx: AppContext, data_dir: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    code = take_in(data_dir)
    detail = DossierDetail(app_ctx)
    qtbot.addWidget(detail)
    detail.show()
    with qtbot.waitSignal(detail.loaded):
        detail.show_code(code)
    dialog = detail.request_status(Status.WITHDRAWN)
    assert dialog is not None
    dialog.note.setText("Công dân xin rút để bổ sung giấy tờ")
    dialog.submitted.emit()  # what OK does
    qtbot.waitUntil(lambda: bool(detail.findChildren(PrintPreview)), timeout=15000)
    preview = detail.findChildren(PrintPreview)[0]
    assert preview.rendered.form == "stop"
    assert preview.windowTitle().endswith("Mẫu số 05 — Thông báo dừng giải quyết hồ sơ")
    text = saved_privately(preview, tmp_path / "out" / "stop.pdf", qtbot)
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text and "Kính gửi: Bà Lê Thị Mai" in text
    assert "Lý do: Công dân xin rút để bổ sung giấy tờ" in text
    qtbot.waitUntil(
        lambda: detail.data is not None and detail.data.dossier.status is Status.WITHDRAWN
    )
    choices = [detail.form_choice.itemText(i) for i in range(detail.form_choice.count())]
    assert "Mẫu số 05 — Thông báo dừng giải quyết hồ sơ" in choices
    assert "Mẫu số 06 — Phiếu kiểm soát quá trình giải quyết hồ sơ" in choices


def test_guidance_for_a_request_not_taken_in_comes_from_the_core(
    app_ctx: AppContext, data_dir: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    req = IntakeRequest("1.004884", "Phạm Văn Bình", "001090123456", "0912345678", gender="Nam")
    counter = Counter.open(data_dir)
    try:
        clerk = counter.accounts.login("lan", PASSWORD)
        rendered = printing.render_guidance(counter, clerk, req, ["Giấy xác nhận cư trú"])
        assert counter.dossiers.count() == 0
    finally:
        counter.close()
    assert not rendered.saved and rendered.code == ""
    assert rendered.title == "Mẫu số 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"
    parent = QWidget()
    qtbot.addWidget(parent)
    preview = PrintPreview(app_ctx, rendered, parent)
    assert preview.default_pdf_path().name.endswith("-supplement.pdf")
    text = saved_privately(preview, tmp_path / "mau02.pdf", qtbot)
    assert "Hồ sơ của: Ông Phạm Văn Bình" in text and "Giấy xác nhận cư trú" in text
    assert "Mã hồ sơ" not in text


def test_printer_choices_are_named_from_the_current_set() -> None:
    assert printing.form_titles() == {
        "receipt": "Mẫu số 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
        "supplement": "Mẫu số 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
        "refusal": "Mẫu số 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    }


def test_apology_dialog_is_named_by_the_dossiers_set(
    supervisor_ctx: AppContext, data_dir: Path, qtbot: QtBot
) -> None:
    code = take_in(data_dir)
    detail = DossierDetail(supervisor_ctx)
    qtbot.addWidget(detail)
    with qtbot.waitSignal(detail.loaded):
        detail.show_code(code)
    dialog = detail.request_apology()
    assert dialog is not None
    assert dialog.windowTitle() == (
        "Mẫu số 04 — Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"
    )
    dialog.reject()
