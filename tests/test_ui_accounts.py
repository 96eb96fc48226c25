"""Accounts in the desktop app: the login's user-name field, log out and switch user, the idle
lock, changing one's own password, a supervisor's reset and unlock."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from ui_support import type_text

from counter_app import passwords
from counter_app.counter import Counter
from counter_app.errors import AuthError
from ui.account_dialogs import ChangePasswordDialog, ResetPasswordDialog
from ui.app import Shell
from ui.context import AppContext
from ui.login import LoginDialog
from ui.main_window import MainWindow
from ui.pages.admin import AdminPage

PASSWORD = "matkhau-123"
NEW = "mat-khau-moi-9"


def focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def keyboard(qtbot: QtBot, text: str, then: Qt.Key | None = Qt.Key.Key_Return) -> None:
    type_text(focus(), text)
    if then is not None:
        qtbot.keyClick(focus(), then)


def shown_login(qtbot: QtBot, dialog: LoginDialog) -> LoginDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return dialog


def test_a_name_typed_at_the_login_lands_in_the_user_name_field(
    app_ctx: AppContext, qtbot: QtBot
) -> None:
    app_ctx.user = None
    app_ctx.settings.setValue("login/last_user", "lan")
    dialog = shown_login(qtbot, LoginDialog(app_ctx))
    assert dialog.username.text() == "lan"  # remembered, and selected
    assert focus() is dialog.username
    keyboard(qtbot, "admin")  # typed blind by the supervisor, then Enter
    assert dialog.username.text() == "admin" and dialog.password.text() == ""
    assert focus() is dialog.password
    with qtbot.waitSignal(dialog.logged_in, timeout=10000) as logged:
        keyboard(qtbot, PASSWORD)
    assert logged.args[0].username == "admin"


def _login_window(shell: Shell, qtbot: QtBot, user: str) -> MainWindow:
    qtbot.waitUntil(lambda: isinstance(shell.dialog, LoginDialog) and shell.dialog.isVisible())
    login = shell.dialog
    assert isinstance(login, LoginDialog)
    login.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    login.username.setFocus()
    login.username.selectAll()
    keyboard(qtbot, user)
    keyboard(qtbot, PASSWORD)
    qtbot.waitUntil(lambda: shell.window is not None, timeout=10000)
    window = shell.window
    assert isinstance(window, MainWindow)
    qtbot.waitExposed(window)
    return window


def test_log_out_with_ctrl_l_and_switch_to_another_user(app_ctx: AppContext, qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app_ctx.user = None
    shell = Shell(app, app_ctx)
    shell.start()
    window = _login_window(shell, qtbot, "admin")
    assert "admin" in window.page_keys()

    window.can_leave = lambda: False  # type: ignore[method-assign]  # e.g. a draft kept
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert shell.window is window and app_ctx.user is not None

    window.can_leave = lambda: True  # type: ignore[method-assign]
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert shell.window is None and app_ctx.user is None
    assert not window.isVisible()
    clerk_window = _login_window(shell, qtbot, "lan")
    qtbot.addWidget(clerk_window)
    assert app_ctx.user is not None and app_ctx.user.username == "lan"
    assert "admin" not in clerk_window.page_keys()
    assert clerk_window.session.logout_action.shortcut().toString() == "Ctrl+L"


@pytest.fixture
def window(app_ctx: AppContext, qtbot: QtBot) -> MainWindow:
    w = MainWindow(app_ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    # The supervisor's setting (10 minutes by default) arrives from the database worker.
    qtbot.waitUntil(lambda: w.session.idle_timer.interval() == 10 * 60_000)
    return w


def test_the_idle_lock_hides_the_desk_and_asks_the_same_users_password(
    window: MainWindow, qtbot: QtBot
) -> None:
    session = window.session
    assert session.idle_timer.isActive() and session.idle_timer.isSingleShot()
    session.idle_timer.timeout.emit()  # ten minutes without a key press, without waiting them
    lock = session.lock_dialog
    assert lock is not None and lock.isVisible()
    central = window.centralWidget()
    assert central is not None and not central.isVisible()  # a citizen's data is not left open
    assert lock.username.text() == "lan" and lock.username.isReadOnly()
    assert not session.idle_timer.isActive()
    qtbot.keyClick(lock, Qt.Key.Key_Escape)  # Escape does not get past the lock
    assert lock.isVisible()

    lock.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is lock.password)
    with qtbot.waitSignal(lock.failed, timeout=10000):
        keyboard(qtbot, "sai-mat-khau")
    assert session.is_locked() and not central.isVisible()
    with qtbot.waitSignal(session.unlocked, timeout=10000):
        keyboard(qtbot, PASSWORD)
    assert central.isVisible() and session.idle_timer.isActive()


def test_activity_restarts_the_idle_timer_and_the_supervisor_sets_the_minutes(
    supervisor_ctx: AppContext, data_dir: Path, qtbot: QtBot
) -> None:
    w = MainWindow(supervisor_ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.session.idle_timer.interval() == 10 * 60_000)
    timer = w.session.idle_timer
    full = timer.interval()
    qtbot.waitUntil(lambda: timer.remainingTime() <= full - 1000, timeout=5000)
    qtbot.keyClick(w, Qt.Key.Key_Shift)
    assert timer.remainingTime() > full - 1000  # a key press restarts the ten minutes

    admin = w.show_page("admin")
    assert isinstance(admin, AdminPage)
    users = admin.users
    qtbot.waitUntil(lambda: users.idle_minutes.value() == 10)
    users.idle_minutes.setValue(3)
    users.idle_save.click()
    qtbot.waitUntil(lambda: timer.interval() == 3 * 60_000, timeout=10000)
    c = Counter.open(data_dir)
    try:
        assert c.accounts.idle_lock_minutes() == 3
    finally:
        c.close()


def test_changing_ones_own_password_from_the_menu(
    window: MainWindow, data_dir: Path, qtbot: QtBot
) -> None:
    window.session.change_password_action.trigger()
    dialog = window.session.password_dialog
    assert isinstance(dialog, ChangePasswordDialog)
    qtbot.waitExposed(dialog)
    dialog.old.setText(PASSWORD)
    dialog.new.setText(NEW)
    dialog.again.setText(NEW + "x")
    with qtbot.waitSignal(dialog.failed, timeout=10000):
        dialog.submit()
    assert "không khớp" in dialog.message.text() and dialog.again.text() == ""
    dialog.again.setText(NEW)
    with qtbot.waitSignal(dialog.changed, timeout=10000):
        dialog.submit()
    c = Counter.open(data_dir)
    try:
        assert c.accounts.login("lan", NEW).username == "lan"
    finally:
        c.close()


def _admin(ctx: AppContext, qtbot: QtBot) -> AdminPage:
    page = AdminPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.activated()
    qtbot.waitUntil(lambda: page.users.model.rowCount() == 2)
    return page


def _select(page: AdminPage, username: str) -> None:
    users = page.users
    row = next(i for i, a in enumerate(users.model.records) if a.user.username == username)
    users.table.selectRow(row)


def _state(page: AdminPage, username: str) -> str:
    users = page.users
    row = next(i for i, a in enumerate(users.model.records) if a.user.username == username)
    return str(users.model.index(row, 3).data())


def test_a_supervisor_unlocks_a_locked_clerk(
    supervisor_ctx: AppContext, data_dir: Path, qtbot: QtBot
) -> None:
    c = Counter.open(data_dir)
    try:
        for _ in range(passwords.MAX_FAILED_ATTEMPTS):
            with pytest.raises(AuthError):
                c.accounts.login("lan", "sai-mat-khau")
    finally:
        c.close()
    page = _admin(supervisor_ctx, qtbot)
    assert _state(page, "lan").startswith("Đang khóa đến ")
    _select(page, "admin")
    assert not page.users.unlock_button.isEnabled() and not page.users.disable_button.isEnabled()
    _select(page, "lan")
    assert page.users.unlock_button.isEnabled()
    page.users.unlock_button.click()
    qtbot.waitUntil(lambda: _state(page, "lan") == "Đang dùng", timeout=10000)
    c = Counter.open(data_dir)
    try:
        assert c.accounts.login("lan", PASSWORD).username == "lan"
    finally:
        c.close()


def test_a_reset_password_is_changed_at_the_next_login(
    supervisor_ctx: AppContext, qtbot: QtBot
) -> None:
    page = _admin(supervisor_ctx, qtbot)
    _select(page, "lan")
    page.users.reset_button.click()
    dialog = page.users.reset_dialog
    assert isinstance(dialog, ResetPasswordDialog)
    dialog.new.setText("tam-thoi-2026")
    dialog.again.setText("tam-thoi-2026")
    with qtbot.waitSignal(dialog.reset_done, timeout=10000):
        dialog.submit()
    qtbot.waitUntil(lambda: _state(page, "lan") == "Phải đổi mật khẩu", timeout=10000)

    supervisor_ctx.user = None
    login = shown_login(qtbot, LoginDialog(supervisor_ctx))
    login.username.setText("lan")
    login.password.setText("tam-thoi-2026")
    login.submit()
    qtbot.waitUntil(lambda: login.password_dialog is not None, timeout=10000)
    change = login.password_dialog
    assert isinstance(change, ChangePasswordDialog)
    assert supervisor_ctx.user is None  # not logged in before the new password is set
    assert not change.old.isVisible()  # just typed at the login
    change.new.setText(NEW)
    change.again.setText(NEW)
    with qtbot.waitSignal(login.logged_in, timeout=10000) as logged:
        change.submit()
    assert logged.args[0].username == "lan" and not logged.args[0].must_change_password
    assert supervisor_ctx.user is not None
