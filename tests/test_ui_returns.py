"""The return desk: a scanned receipt opens its dossier, the result is handed over and rated."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui_support import type_text

from counter_app import clock
from counter_app.counter import Counter
from counter_app.intake import IntakeRequest
from counter_app.lifecycle import Status
from counter_app.signing import receipt_payload
from ui.context import AppContext
from ui.pages.returns import ReturnPage

PASSWORD = "matkhau-123"


def _ready_dossier(data_dir: Path) -> tuple[str, str]:
    """A dossier whose result is ready, and its receipt's signed QR payload."""
    c = Counter.open(data_dir)
    try:
        clerk = c.accounts.login("lan", PASSWORD)
        d = c.dossiers.intake(
            clerk, IntakeRequest("1.001193", "Lê Văn Hùng", "079090001234", "0903123456")
        )
        c.dossiers.change_status(clerk, d.code, Status.RESULT_READY)
        return d.code, receipt_payload(c, d)
    finally:
        c.close()


def _page(app_ctx: AppContext, qtbot: QtBot) -> ReturnPage:
    page = ReturnPage(app_ctx)
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()
    with qtbot.waitSignal(page.listed):  # the waiting list, before anything is typed
        page.activated()
    qtbot.waitUntil(page.scan.hasFocus)
    return page


def test_scanned_receipt_is_verified_returned_and_rated(
    app_ctx: AppContext, data_dir: Path, qtbot: QtBot
) -> None:
    code, payload = _ready_dossier(data_dir)
    page = _page(app_ctx, qtbot)
    with qtbot.waitSignal(page.opened) as opened:
        type_text(page.scan, payload)  # the scanner types the payload and Enter
        qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    assert opened.args[0].signed
    assert opened.args[0].dossier.code == code
    assert "Chữ ký hợp lệ" in page.fields["signature"].text()
    assert page.receiver.hasFocus() and page.receiver.text() == "Lê Văn Hùng"

    with qtbot.waitSignal(page.returned):
        qtbot.keyClick(page.receiver, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(page.rating_buttons["rat_hai_long"].hasFocus)
    with qtbot.waitSignal(page.rated):
        qtbot.keyClick(page.rating_buttons["rat_hai_long"], Qt.Key.Key_2)  # "Hài lòng"

    c = Counter.open(data_dir)
    d = c.dossiers.get(code)
    c.close()
    assert d.status is Status.RETURNED
    assert d.returned_to == "Lê Văn Hùng"
    assert d.satisfaction == "hai_long"
    assert page.scan.hasFocus() and page.scan.text() == ""


def test_a_forged_receipt_is_refused_in_words(
    app_ctx: AppContext, data_dir: Path, qtbot: QtBot
) -> None:
    code, payload = _ready_dossier(data_dir)
    forged = payload.replace(code, code[:-1] + ("2" if code[-1] != "2" else "3"))
    page = _page(app_ctx, qtbot)
    page.scan.setText(forged)
    page.look_up()
    qtbot.waitUntil(lambda: page.message.text() not in ("", "Đang tìm…"))
    assert "chữ ký không khớp" in page.message.text()
    assert not page.card.isVisible()


def test_a_typed_code_opens_the_dossier_but_says_it_was_not_verified(
    app_ctx: AppContext, data_dir: Path, qtbot: QtBot
) -> None:
    code, _payload = _ready_dossier(data_dir)
    page = _page(app_ctx, qtbot)
    with qtbot.waitSignal(page.opened) as opened:
        page.scan.setText(code)
        qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    assert not opened.args[0].signed
    assert "Mã gõ tay" in page.fields["signature"].text()


def _more_dossiers(data_dir: Path) -> list[str]:
    """Two namesakes (one ready, one not) and another ready dossier, besides _ready_dossier's."""
    c = Counter.open(data_dir)
    try:
        clerk = c.accounts.login("lan", PASSWORD)
        a = c.dossiers.intake(
            clerk, IntakeRequest("1.001193", "Lê Văn Hùng", "001088004321", "0912000111")
        )
        b = c.dossiers.intake(
            clerk, IntakeRequest("1.001193", "Trần Thị Mai", "001190005555", "0988777666")
        )
        c.dossiers.change_status(clerk, b.code, Status.RESULT_READY)
        return [a.code, b.code]
    finally:
        c.close()


def test_without_the_receipt_a_name_without_accents_lists_namesakes_ready_first(
    app_ctx: AppContext, data_dir: Path, qtbot: QtBot
) -> None:
    ready, _payload = _ready_dossier(data_dir)
    not_ready, _mai = _more_dossiers(data_dir)
    page = _page(app_ctx, qtbot)
    with qtbot.waitSignal(page.listed) as listed:
        type_text(page.scan, "le van hung")
        qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    assert [d.code for d in listed.args[0]] == [ready, not_ready]  # ready to hand over first
    assert "…1234" in page.list_model.data(page.list_model.index(0, 3))  # not the whole ID
    assert "khớp" in page.message.text()
    qtbot.keyClick(page.scan, Qt.Key.Key_Down)
    assert page.list_view.hasFocus()
    with qtbot.waitSignal(page.opened) as opened:
        qtbot.keyClick(page.list_view, Qt.Key.Key_Return)
    assert opened.args[0].dossier.code == ready and not opened.args[0].signed
    assert page.hand_box.isVisible()


def test_id_number_phone_and_the_end_of_the_code_open_the_one_dossier(
    app_ctx: AppContext, data_dir: Path, qtbot: QtBot
) -> None:
    _ready_dossier(data_dir)
    _not_ready, mai = _more_dossiers(data_dir)
    page = _page(app_ctx, qtbot)
    for typed in ("001190005555", "0988777666", mai[-4:]):
        with qtbot.waitSignal(page.opened) as opened:
            page.scan.setText(typed)
            page.look_up()
        assert opened.args[0].dossier.code == mai, typed
    page.scan.setText("khong co ai")
    with qtbot.waitSignal(page.listed) as listed:
        page.look_up()
    assert listed.args[0] == [] and "Không tìm thấy" in page.message.text()


def test_the_waiting_list_shows_ready_results_by_appointment(
    app_ctx: AppContext, data_dir: Path, qtbot: QtBot
) -> None:
    ready, _payload = _ready_dossier(data_dir)
    _not_ready, mai = _more_dossiers(data_dir)
    page = ReturnPage(app_ctx)
    qtbot.addWidget(page)
    page.show()
    page.show_all.setChecked(True)
    with qtbot.waitSignal(page.listed) as listed:
        page.activated()
    everything = listed.args[0]
    assert [d.code for d in everything] == [ready, mai]  # earliest appointment first
    assert "2 hồ sơ đã có kết quả" in page.list_title.text()
    with qtbot.waitSignal(page.listed) as listed:
        page.show_today.setChecked(True)
    today = clock.now().date().isoformat()
    expected = [d.code for d in everything if (d.due_at or "~")[:10] <= today]
    assert [d.code for d in listed.args[0]] == expected
