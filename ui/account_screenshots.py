"""Screenshots of setup and accounts (part of `make screenshots`): the real-office wizard page
by page, the login, the lock screen, the change-password dialog and the users tab, on a
1366x768 screen.

    QT_QPA_PLATFORM=offscreen python -m ui.account_screenshots docs/screenshots
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

from .screenshots import NOW, PASSWORD, build_demo, save, wait_until

SCREEN = (1366, 768)


def over(window: object, dialog: object) -> object:
    """The window with its dialog drawn in the middle, as the clerk sees them."""
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QLabel, QWidget

    assert isinstance(window, QWidget) and isinstance(dialog, QWidget)
    picture = window.grab()
    top = dialog.grab()
    painter = QPainter(picture)
    painter.drawPixmap(
        (picture.width() - top.width()) // 2, (picture.height() - top.height()) // 3, top
    )
    painter.end()
    label = QLabel()
    label.setPixmap(picture)
    label.resize(picture.size())
    return label


def shoot_wizard(out: Path, tmp: Path) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from .context import AppContext
    from .setup_wizard import SetupWizard

    app = QApplication.instance()
    ctx = AppContext(tmp / "fresh", QSettings(str(tmp / "w.ini"), QSettings.Format.IniFormat))
    try:
        w = SetupWizard(ctx)
        w.show()
        wait_until(app, w.isVisible)
        w.choice.real.setChecked(True)
        save(w, out / "wizard-1-choice.png")
        w.next()
        w.office.office_name.setText("UBND phường Bến Nghé")
        w.office.agency_code.setText("000.00.06.h56")  # lower case: refused on this page
        w.office.parent_name.setText("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH")
        w.next()
        save(w, out / "wizard-2-office.png")
        w.office.agency_code.setText("000.00.06.H56")
        w.next()
        w.unit.province_code.setText("79")
        w.unit.commune_code.setText("26740")
        w.unit.address.setText("Số 29 Lê Duẩn, phường Bến Nghé")
        w.unit.phone.setText("028 3829 4142")
        save(w, out / "wizard-3-unit.png")
        w.next()
        save(w, out / "wizard-4-desk.png")
        w.next()
        w.supervisor.username.setText("lan")
        w.supervisor.full_name.setText("Nguyễn Thị Lan")
        w.supervisor.password.setText(PASSWORD)
        w.supervisor.confirm.setText(PASSWORD)
        save(w, out / "wizard-5-supervisor.png")
        w.next()
        save(w, out / "wizard-6-catalogue.png")
        w.next()
        w.server.url.setText("https://motcua.hochiminhcity.gov.vn")
        w.server.token.setText("demo-desk-token")
        save(w, out / "wizard-7-server.png")
        w.next()
        save(w, out / "wizard-8-summary.png")
        w.close()
    finally:
        ctx.close()


def shoot_accounts(out: Path, data_dir: Path, tmp: Path) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from counter_app import passwords
    from counter_app.counter import Counter
    from counter_app.errors import AuthError
    from counter_app.models import Role, User

    from .account_dialogs import ChangePasswordDialog
    from .context import AppContext
    from .login import LoginDialog
    from .main_window import MainWindow
    from .operations import StartupState, startup_state
    from .pages.admin import AdminPage

    c = Counter.open(data_dir)
    try:  # a clerk who mistyped her password five times, and one whose password was reset
        admin = c.accounts.login("admin", PASSWORD)
        c.accounts.add(admin, "hoa", "Lê Thị Hoa", Role.CLERK, PASSWORD)
        c.accounts.add(admin, "duc", "Phạm Văn Đức", Role.CLERK, PASSWORD)
        c.accounts.reset_password(admin, "duc", "tam-thoi-2026", "tam-thoi-2026")
        for _ in range(passwords.MAX_FAILED_ATTEMPTS):
            with contextlib.suppress(AuthError):
                c.accounts.login("hoa", "sai")
    finally:
        c.close()

    app = QApplication.instance()
    ctx = AppContext(data_dir, QSettings(str(tmp / "a.ini"), QSettings.Format.IniFormat))
    try:
        state: list[StartupState] = []
        startup_state(ctx).success(state.append).run()
        wait_until(app, lambda: bool(state))
        ctx.office = state[0].office
        ctx.settings.setValue("login/last_user", "minh")
        login = LoginDialog(ctx)
        login.show()
        wait_until(app, login.isVisible)
        save(login, out / "login.png")
        login.close()

        ctx.user = User("minh", "Trần Văn Minh", Role.CLERK)
        window = MainWindow(ctx)
        window.resize(*SCREEN)
        window.show()
        wait_until(app, lambda: window.session.idle_timer.isActive())
        window.session.lock()
        lock = window.session.lock_dialog
        assert lock is not None
        wait_until(app, lock.isVisible)
        save(over(window, lock), out / "lock.png")
        window.session.stop()
        window.close()

        ctx.user = User("admin", "Nguyễn Thị Lan", Role.SUPERVISOR)
        window = MainWindow(ctx)
        window.resize(*SCREEN)
        window.show()
        admin_page = window.show_page("admin")
        assert isinstance(admin_page, AdminPage)
        users = admin_page.users
        wait_until(app, lambda: users.model.rowCount() >= 4)
        users.table.selectRow(
            next(i for i, a in enumerate(users.model.records) if a.user.username == "hoa")
        )
        save(window, out / "users.png")
        dialog = ChangePasswordDialog(ctx, ctx.user, parent=window)
        dialog.old.setText(PASSWORD)
        dialog.new.setText("matkhau")
        dialog.again.setText("matkhau")
        dialog.show()
        dialog.submit()
        wait_until(app, lambda: dialog.buttons.isEnabled())
        save(dialog, out / "change-password.png")
        dialog.close()
        window.session.stop()
        window.close()
    finally:
        ctx.close()
        QApplication.processEvents()


def main(out: Path) -> int:
    os.environ["COUNTER_APP_NOW"] = NOW
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from . import i18n
    from .app import make_app

    app = make_app()
    i18n.install(app, "vi")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        shoot_wizard(out, Path(tmp))
        data_dir = Path(tmp) / "counter"
        build_demo(data_dir)
        shoot_accounts(out, data_dir, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")))
