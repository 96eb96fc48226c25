"""Login dialog, first-launch wizard and the start-up sequence."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui_support import type_text

from counter_app.counter import Counter
from ui.context import AppContext
from ui.formatting import fmt_date, fmt_datetime, fmt_money
from ui.login import LoginDialog
from ui.setup_wizard import DEMO_ADMIN, DEMO_CLERK, DEMO_PASSWORD, SetupWizard

PASSWORD = "matkhau-123"


def _dialog(app_ctx: AppContext, qtbot: QtBot) -> LoginDialog:
    dialog = LoginDialog(app_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _try(qtbot: QtBot, dialog: LoginDialog, user: str, password: str) -> None:
    dialog.username.setText(user)
    dialog.password.setText(password)
    with qtbot.waitSignals([dialog.failed], raising=False, timeout=10000) as blocker:
        dialog.submit()
    assert blocker.signal_triggered, "no answer from the worker"


def test_login_dialog_title_and_successful_login(app_ctx: AppContext, qtbot: QtBot) -> None:
    app_ctx.user = None
    dialog = _dialog(app_ctx, qtbot)
    assert dialog.windowTitle() == "Một Cửa — Đăng nhập"
    dialog.username.setFocus()
    type_text(dialog.username, "lan")
    dialog.password.setFocus()
    type_text(dialog.password, PASSWORD)
    with qtbot.waitSignal(dialog.logged_in) as logged:
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert logged.args[0].username == "lan"
    assert app_ctx.user is not None and app_ctx.user.username == "lan"
    assert app_ctx.settings.value("login/last_user") == "lan"


def test_wrong_password_then_lockout_are_said_in_words(app_ctx: AppContext, qtbot: QtBot) -> None:
    dialog = _dialog(app_ctx, qtbot)
    _try(qtbot, dialog, "lan", "sai-mat-khau")
    assert dialog.message.text() == "Sai tên đăng nhập hoặc mật khẩu"
    assert dialog.password.text() == "" and dialog.buttons.isEnabled()
    for _ in range(3):
        _try(qtbot, dialog, "lan", "sai-mat-khau")
    assert "Còn 1 lần thử" in dialog.message.text()  # warned before the last try
    _try(qtbot, dialog, "lan", "sai-mat-khau")
    assert dialog.message.text().startswith("Tài khoản bị khóa đến")
    _try(qtbot, dialog, "lan", PASSWORD)  # right password, but the account is locked now
    assert dialog.message.text().startswith("Tài khoản bị khóa đến")
    assert "/" not in dialog.message.text()


def test_first_launch_demo_office_is_one_keypress_away(tmp_path: Path, qtbot: QtBot) -> None:
    data_dir = tmp_path / "fresh"
    ctx = AppContext(data_dir, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    try:
        wizard = SetupWizard(ctx)
        qtbot.addWidget(wizard)
        wizard.show()
        assert wizard.choice.demo.isChecked()
        with qtbot.waitSignal(wizard.configured, timeout=20000) as done:
            qtbot.keyClick(QApplication.focusWidget() or wizard, Qt.Key.Key_Return)
        assert done.args[0].office.name == "UBND xã Demo"
    finally:
        ctx.close()
    c = Counter.open(data_dir)
    try:
        assert c.accounts.login(DEMO_ADMIN, DEMO_PASSWORD).is_supervisor
        assert not c.accounts.login(DEMO_CLERK, DEMO_PASSWORD).is_supervisor
        assert any("khai sinh" in p.name for p in c.catalogue.procedures())
    finally:
        c.close()


def test_formatting_dates_and_money() -> None:
    assert fmt_money(1_000_000) == "1.000.000 đ"
    assert fmt_money(5000) == "5.000 đ"
    assert fmt_money(0) == "0 đ"
    assert fmt_date("2026-03-09") == "09/03/2026"
    assert fmt_datetime("2026-03-09T14:05:00+07:00") == "14:05 09/03/2026"
    assert fmt_datetime("2026-03-09T07:05:00+00:00") == "14:05 09/03/2026"  # office time
    assert fmt_date(None) == ""


def test_fresh_machine_lands_in_the_demo_office(tmp_path: Path, qtbot: QtBot) -> None:
    """What `make run` does on first launch: wizard (demo preselected) -> login -> main window."""
    from ui.app import Shell
    from ui.login import LoginDialog
    from ui.main_window import MainWindow

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    ctx = AppContext(
        tmp_path / "fresh", QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    )
    shell = Shell(app, ctx)
    try:
        shell.start()
        qtbot.waitUntil(lambda: isinstance(shell.dialog, SetupWizard) and shell.dialog.isVisible())
        assert isinstance(shell.dialog, SetupWizard)
        shell.dialog.accept()
        qtbot.waitUntil(lambda: isinstance(shell.dialog, LoginDialog), timeout=20000)
        login = shell.dialog
        assert isinstance(login, LoginDialog)
        login.username.setText(DEMO_ADMIN)
        login.password.setText(DEMO_PASSWORD)
        login.submit()
        qtbot.waitUntil(lambda: shell.window is not None, timeout=10000)
        window = shell.window
        assert isinstance(window, MainWindow)
        qtbot.addWidget(window)
        assert window.windowTitle() == "Một Cửa — UBND xã Demo"
        assert "admin" in window.page_keys()
    finally:
        ctx.close()
