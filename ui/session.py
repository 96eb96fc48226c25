"""The signed-in session of the main window: log out / switch user (Ctrl+L), change one's own
password, and the idle lock that asks the same user's password after the minutes the
supervisor set in Quản trị (counter_app/accounts.py, default 10).

Kept apart from main_window.py, which only creates it and answers can_leave() before a
logout (an unsaved intake draft is asked about there).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow

from .context import AppContext
from .operations import accounts as account_ops

if TYPE_CHECKING:
    from .account_dialogs import ChangePasswordDialog
    from .login import LoginDialog

# Input that counts as someone at the desk: moving the mouse over the window counts too.
_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class SessionControl(QObject):
    logout_requested = Signal()  # the Shell shows the login again (after window.can_leave())
    locked = Signal()
    unlocked = Signal()

    def __init__(self, window: QMainWindow, ctx: AppContext) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.lock_dialog: LoginDialog | None = None
        self.password_dialog: ChangePasswordDialog | None = None
        # Single-shot, restarted by every key press or mouse use; tests emit its timeout.
        self.idle_timer = QTimer(self)
        self.idle_timer.setObjectName("idleTimer")
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self.lock)
        self._add_menu()
        ctx.changed.connect(self._on_changed)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.load_idle_minutes()

    def _add_menu(self) -> None:
        menu = self.window.menuBar().addMenu(self.tr("&Tài khoản"))
        menu.setObjectName("accountMenu")
        self.change_password_action = QAction(self.tr("Đổi mật khẩu…"), self.window)
        self.change_password_action.setObjectName("changePasswordAction")
        self.change_password_action.triggered.connect(self.change_password)
        self.lock_action = QAction(self.tr("Khóa màn hình"), self.window)
        self.lock_action.setObjectName("lockAction")
        self.lock_action.triggered.connect(self.lock)
        self.logout_action = QAction(self.tr("Đăng xuất / Đổi người dùng"), self.window)
        self.logout_action.setObjectName("logoutAction")
        self.logout_action.setShortcut(QKeySequence("Ctrl+L"))
        self.logout_action.triggered.connect(self.logout_requested)
        for action in (self.change_password_action, self.lock_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.logout_action)
        # Actions of a menu bar only fire while the window has them.
        self.window.addAction(self.logout_action)

    # --- the idle lock ---------------------------------------------------------------------

    def load_idle_minutes(self) -> None:
        account_ops.idle_lock_minutes(self.ctx).success(self.set_idle_minutes).guard(self).run()

    def _on_changed(self, areas: object) -> None:
        if isinstance(areas, frozenset | set) and "settings" in areas:
            self.load_idle_minutes()  # the supervisor changed the idle time in Quản trị

    def set_idle_minutes(self, minutes: int) -> None:
        self.idle_timer.setInterval(max(1, minutes) * 60_000)
        if not self.is_locked():
            self.idle_timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and not self.is_locked() and self.idle_timer.isActive():
            self.idle_timer.start()  # restart: someone is at the desk
        return False

    def is_locked(self) -> bool:
        return self.lock_dialog is not None

    def lock(self) -> None:
        """Hide the window's contents (a citizen's data stays private) and ask the password."""
        from .login import LoginDialog

        user = self.ctx.user
        if user is None or self.is_locked():
            return
        self.idle_timer.stop()
        central = self.window.centralWidget()
        if central is not None:
            central.hide()
        dialog = LoginDialog(self.ctx, self.window, locked_user=user)
        dialog.logged_in.connect(lambda _user: self._unlock())
        dialog.switch_user.connect(self._switch_from_lock)
        self.lock_dialog = dialog
        dialog.open()
        self.locked.emit()

    def _unlock(self) -> None:
        self.lock_dialog = None
        central = self.window.centralWidget()
        if central is not None:
            central.show()
        self.idle_timer.start()
        self.unlocked.emit()

    def _switch_from_lock(self) -> None:
        self.lock_dialog = None
        self.logout_requested.emit()
        if self.ctx.user is not None:  # the logout was called off (an unsaved draft): lock again
            self.lock()

    def stop(self) -> None:
        """At logout and quit: no lock may pop up over the next user's login."""
        self.idle_timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if self.lock_dialog is not None:
            self.lock_dialog.hide()
            self.lock_dialog.deleteLater()
            self.lock_dialog = None

    # --- one's own password ----------------------------------------------------------------

    def change_password(self) -> None:
        from .account_dialogs import ChangePasswordDialog

        user = self.ctx.user
        if user is None:
            return
        dialog = ChangePasswordDialog(self.ctx, user, parent=self.window)
        self.password_dialog = dialog
        dialog.open()
