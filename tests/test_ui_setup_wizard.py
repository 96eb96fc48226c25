"""The first-launch wizard's real-office path, walked page by page with the keyboard."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget, QWizard
from pytestqt.qtbot import QtBot
from ui_support import type_text

from counter_app.counter import Counter
from ui.context import AppContext
from ui.setup_wizard import SetupWizard

NEXT = QWizard.WizardButton.NextButton
BACK = QWizard.WizardButton.BackButton


@pytest.fixture
def wizard(tmp_path: Path, qtbot: QtBot) -> Iterator[SetupWizard]:
    ctx = AppContext(
        tmp_path / "real", QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    )
    w = SetupWizard(ctx)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitExposed(w)
    yield w
    ctx.close()


def focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def key(qtbot: QtBot, k: Qt.Key, mod: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focus(), k, mod)


def type_in(qtbot: QtBot, name: str, text: str, replace: bool = False) -> None:
    """Type into the focused field, which must be `name`: the keyboard, not setText()."""
    assert focus().objectName() == name
    if replace:
        key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        key(qtbot, Qt.Key.Key_Delete)
    type_text(focus(), text)


def tab(qtbot: QtBot) -> None:
    key(qtbot, Qt.Key.Key_Tab)


def enter(qtbot: QtBot) -> None:
    key(qtbot, Qt.Key.Key_Return)


def to_real_office(qtbot: QtBot, w: SetupWizard) -> None:
    assert w.currentPage() is w.choice and focus() is w.choice.demo
    key(qtbot, Qt.Key.Key_Down)
    assert w.choice.real.isChecked()
    assert w.button(NEXT).isVisible()  # the bug: only "Hoàn tất" was offered here
    enter(qtbot)
    assert w.currentPage() is w.office


CENTER_BEN_NGHE = "Trung tâm Phục vụ hành chính công phường Bến Nghé"


def fill_office_to_catalogue(qtbot: QtBot, w: SetupWizard, heading: str = "") -> None:
    """`heading`: typed over the prefilled form heading; empty keeps the prefill."""
    to_real_office(qtbot, w)
    type_in(qtbot, "office_name", "UBND phường Bến Nghé")
    assert w.office.form_heading.text() == CENTER_BEN_NGHE  # follows the office name
    tab(qtbot)
    type_in(qtbot, "agency_code", "abc")
    enter(qtbot)
    assert w.currentPage() is w.office  # refused on the page it was typed on
    assert "Mã cơ quan" in w.office.message.text()
    type_in(qtbot, "agency_code", "000.00.06.H56", replace=True)
    tab(qtbot)
    type_in(qtbot, "parent_name", "UBND TP. HỒ CHÍ MINH")
    tab(qtbot)
    if heading:
        type_in(qtbot, "form_heading", "x" * 201, replace=True)
        enter(qtbot)
        assert w.currentPage() is w.office and "Tên in ở đầu mẫu biểu" in w.office.message.text()
        type_in(qtbot, "form_heading", heading, replace=True)
    assert focus().objectName() == "form_heading"
    enter(qtbot)

    assert w.currentPage() is w.unit
    type_in(qtbot, "province_code", "79")
    tab(qtbot)
    type_in(qtbot, "commune_code", "26740")
    tab(qtbot)
    type_in(qtbot, "address", "Số 1 Lê Duẩn")
    tab(qtbot)
    type_in(qtbot, "phone", "số máy")
    enter(qtbot)
    assert w.currentPage() is w.unit and "Số điện thoại: cần 8–12 chữ số" in w.unit.message.text()
    type_in(qtbot, "phone", "028 3822 1234", replace=True)
    enter(qtbot)

    assert w.currentPage() is w.desk
    type_in(qtbot, "desk_name", "Quầy tiếp nhận 2", replace=True)
    tab(qtbot)
    assert focus().objectName() == "desk_number"
    key(qtbot, Qt.Key.Key_Up)
    enter(qtbot)

    assert w.currentPage() is w.supervisor
    type_in(qtbot, "admin_username", "truong", replace=True)
    tab(qtbot)
    type_in(qtbot, "admin_full_name", "Phạm Văn Trưởng")
    tab(qtbot)
    type_in(qtbot, "admin_password", "mat-khau-dai")
    tab(qtbot)
    type_in(qtbot, "admin_confirm", "mat-khau-khac")
    enter(qtbot)
    assert w.currentPage() is w.supervisor and "không khớp" in w.supervisor.message.text()
    assert not w.button(NEXT).isEnabled()  # the confirmation was cleared
    type_in(qtbot, "admin_confirm", "mat-khau-dai")
    enter(qtbot)
    assert w.currentPage() is w.catalogue


def test_a_real_office_walked_page_by_page_with_the_keyboard(
    wizard: SetupWizard, qtbot: QtBot, tmp_path: Path
) -> None:
    w = wizard
    fill_office_to_catalogue(qtbot, w, heading="Trung tâm Phục vụ hành chính công phường Sài Gòn")
    # Back keeps what was typed, Next comes back here.
    qtbot.mouseClick(w.button(BACK), Qt.MouseButton.LeftButton)
    assert w.currentPage() is w.supervisor and w.supervisor.full_name.text() == "Phạm Văn Trưởng"
    qtbot.mouseClick(w.button(NEXT), Qt.MouseButton.LeftButton)
    assert w.currentPage() is w.catalogue and w.catalogue.bundled.isChecked()
    w.catalogue.bundled.setFocus()
    enter(qtbot)

    assert w.currentPage() is w.server
    type_in(qtbot, "server_url", "https://motcua.example.gov.vn")
    enter(qtbot)
    assert w.currentPage() is w.server and "Mã truy cập" in w.server.message.text()
    tab(qtbot)
    type_in(qtbot, "server_token", "token-123")
    enter(qtbot)

    assert w.currentPage() is w.summary
    summary = w.summary.summary.text()
    for shown in (
        "UBND phường Bến Nghé",
        "000.00.06.H56",
        "Quầy tiếp nhận 2, số 2",
        "Phạm Văn Trưởng (truong)",
        "kèm theo",
        "https://motcua.example.gov.vn",
        "Trung tâm Phục vụ hành chính công phường Sài Gòn",
    ):
        assert shown in summary
    assert "token-123" not in summary
    with qtbot.waitSignal(w.configured, timeout=20000) as done:
        enter(qtbot)
    assert done.args[0].office.agency_code == "000.00.06.H56"
    w.ctx.close()

    c = Counter.open(tmp_path / "real")
    try:
        office = c.office()
        assert (office.name, office.parent_name, office.phone) == (
            "UBND phường Bến Nghé",
            "UBND TP. HỒ CHÍ MINH",
            "028 3822 1234",
        )
        assert c.desk()["number"] == 2 and c.desk()["name"] == "Quầy tiếp nhận 2"
        assert c.form_heading() == "Trung tâm Phục vụ hành chính công phường Sài Gòn"
        assert c.accounts.login("truong", "mat-khau-dai").is_supervisor
        assert len(c.catalogue.procedures()) > 5
        server = c.sync_book.server()
        assert server is not None and server.url == "https://motcua.example.gov.vn"
    finally:
        c.close()


def test_a_bad_catalogue_file_sets_up_nothing_and_an_empty_start_works(
    wizard: SetupWizard, qtbot: QtBot, tmp_path: Path
) -> None:
    w = wizard
    fill_office_to_catalogue(qtbot, w)
    w.catalogue.bundled.setFocus()
    key(qtbot, Qt.Key.Key_Down)
    assert w.catalogue.from_file.isChecked()
    enter(qtbot)
    assert w.currentPage() is w.catalogue and "Tệp" in w.catalogue.message.text()
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    w.catalogue.path.setFocus()
    type_in(qtbot, "cataloguePath", str(bad))
    enter(qtbot)
    assert w.currentPage() is w.server
    enter(qtbot)  # no server: optional
    assert w.currentPage() is w.summary and "bad.json" in w.summary.summary.text()
    with qtbot.waitSignal(w.failed, timeout=20000):
        enter(qtbot)
    assert "bad.json" in w.summary.message.text()

    qtbot.mouseClick(w.button(BACK), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(w.button(BACK), Qt.MouseButton.LeftButton)
    assert w.currentPage() is w.catalogue
    w.catalogue.from_file.setFocus()
    key(qtbot, Qt.Key.Key_Down)
    assert w.catalogue.empty.isChecked()
    enter(qtbot)
    enter(qtbot)
    assert "nhập sau" in w.summary.summary.text()
    with qtbot.waitSignal(w.configured, timeout=20000):
        enter(qtbot)
    w.ctx.close()
    c = Counter.open(tmp_path / "real")
    try:
        assert (
            c.catalogue.procedures() == []
            and c.accounts.login("truong", "mat-khau-dai").is_supervisor
        )
        assert c.form_heading() == CENTER_BEN_NGHE  # the prefill, kept
    finally:
        c.close()


def test_a_new_office_from_the_wizard_to_a_clerks_locked_and_unlocked_desk(
    tmp_path: Path, qtbot: QtBot
) -> None:
    """The first week's path: wizard (with a real hub on loopback), the new supervisor adds a
    clerk, logs out (Ctrl+L), the clerk logs in, the desk locks when left and opens with her
    password, she takes in a dossier and it reaches the hub with nobody pressing sync."""
    from sync_support import HubServer, hub_state

    from ui.app import Shell
    from ui.login import LoginDialog
    from ui.main_window import MainWindow
    from ui.pages.admin import AdminPage
    from ui.pages.intake import IntakePage

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    ctx = AppContext(
        tmp_path / "real", QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    )
    shell = Shell(app, ctx)
    hub = HubServer(tmp_path / "hub.sqlite3")
    token = hub.enroll("000.00.06.H56", 2)

    def log_in(user: str, password: str) -> MainWindow:
        qtbot.waitUntil(
            lambda: isinstance(shell.dialog, LoginDialog) and shell.dialog.isVisible(),
            timeout=20000,
        )
        login = shell.dialog
        assert isinstance(login, LoginDialog)
        login.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is login.username)
        type_in(qtbot, "username", user, replace=True)
        enter(qtbot)
        type_in(qtbot, "password", password)
        enter(qtbot)
        qtbot.waitUntil(lambda: shell.window is not None, timeout=10000)
        window = shell.window
        assert isinstance(window, MainWindow)  # deleted by the Shell at logout: not addWidget()
        qtbot.waitExposed(window)
        return window

    try:
        shell.start()
        qtbot.waitUntil(lambda: isinstance(shell.dialog, SetupWizard) and shell.dialog.isVisible())
        w = shell.dialog
        assert isinstance(w, SetupWizard)
        w.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is w.choice.demo)
        fill_office_to_catalogue(qtbot, w)
        enter(qtbot)  # the bundled catalogue
        type_in(qtbot, "server_url", hub.url)
        tab(qtbot)
        type_in(qtbot, "server_token", token)
        enter(qtbot)
        assert w.currentPage() is w.summary
        enter(qtbot)  # Hoàn tất

        boss = log_in("truong", "mat-khau-dai")
        assert boss.windowTitle() == "Một Cửa — UBND phường Bến Nghé"
        admin = boss.show_page("admin")
        assert isinstance(admin, AdminPage)
        users = admin.users
        qtbot.waitUntil(lambda: users.model.rowCount() == 1)
        users.username.setText("lan")
        users.full_name.setText("Trần Thị Lan")
        users.password.setText("mat-khau-lan-1")
        users.add_button.click()
        qtbot.waitUntil(lambda: users.model.rowCount() == 2, timeout=10000)
        boss.activateWindow()
        qtbot.keyClick(boss, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)

        clerk = log_in("lan", "mat-khau-lan-1")
        assert "admin" not in clerk.page_keys() and "intake" in clerk.page_keys()
        qtbot.waitUntil(lambda: clerk.session.idle_timer.isActive())
        clerk.session.idle_timer.timeout.emit()
        lock = clerk.session.lock_dialog
        assert lock is not None
        lock.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is lock.password)
        with qtbot.waitSignal(clerk.session.unlocked, timeout=10000):
            type_in(qtbot, "password", "mat-khau-lan-1")
            enter(qtbot)
        assert ctx.user is not None and ctx.user.username == "lan"

        intake = clerk.show_page("intake")
        assert isinstance(intake, IntakePage)
        qtbot.waitUntil(lambda: len(intake.picker.visible_codes()) > 0, timeout=10000)
        intake.picker.search.setText("1.001193")
        intake.picker.choose_current()
        qtbot.waitUntil(lambda: len(intake.checklist.rows) > 0)
        intake.full_name.setText("Lê Thị Hồng Nhung")
        intake.id_number.setText("079196012345")
        intake.phone.setText("0908765432")
        for row in intake.checklist.rows:
            row[0].setChecked(True)
        previews: list[QWidget] = []
        intake.preview_opened.connect(previews.append)
        with qtbot.waitSignal(intake.accepted, timeout=15000) as taken:
            intake.accept_intake()
        qtbot.waitUntil(lambda: len(previews) == 1, timeout=15000)
        previews[0].close()
        code = taken.args[0].code
        # The background sync pushes it (about 10 s after the change): nobody presses a button.
        qtbot.waitUntil(
            lambda: code in {c for c, _s in hub_state(hub)["dossiers"].values()}, timeout=60000
        )
    finally:
        if isinstance(shell.window, MainWindow):
            shell.window.session.stop()
            qtbot.addWidget(shell.window)  # closed and deleted with the test: no timer left
        ctx.close()
        hub.stop()
