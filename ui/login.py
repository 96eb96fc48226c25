"""The login dialog. The password check (Argon2, about 50 ms) runs on the database worker."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from counter_app.models import User

from . import i18n
from . import operations as ops
from .context import AppContext
from .errors import user_message


class LoginDialog(QDialog):
    logged_in = Signal(object)  # User
    failed = Signal(str)

    language_changed = Signal(str)

    switch_user = Signal()  # the lock screen's "Đổi người dùng"

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, locked_user: User | None = None
    ) -> None:
        """`locked_user`: the idle lock, which asks that same user's password again."""
        super().__init__(parent)
        self.ctx = ctx
        self.user: User | None = None
        self.locked_user = locked_user
        self.password_dialog: QDialog | None = None
        self.setObjectName("lockDialog" if locked_user else "loginDialog")
        self.setWindowTitle(
            self.tr("Một Cửa — Đã khóa màn hình") if locked_user else "Một Cửa — Đăng nhập"
        )
        self.setMinimumWidth(420)
        office = QLabel(ctx.office.name if ctx.office else "")
        office.setObjectName("loginOffice")
        office.setStyleSheet("font-size: 17px; font-weight: bold;")
        office.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setObjectName("loginMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem("Tiếng Việt", "vi")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(i18n.language())))
        self.language.currentIndexChanged.connect(self._change_language)
        form = QFormLayout()
        form.addRow(self.tr("Tên đăng nhập"), self.username)
        form.addRow(self.tr("Mật khẩu"), self.password)
        form.addRow(self.tr("Ngôn ngữ"), self.language)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Đăng nhập"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Thoát"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(office)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        if locked_user is not None:
            self._lock_screen(locked_user, form)
            return
        # The last user is offered, selected, in the user-name field, which keeps the focus:
        # a name typed blind replaces it instead of landing in the password (and spending a
        # try of the remembered user).
        last = str(ctx.settings.value("login/last_user", "") or "")
        self.username.setText(last)
        self.username.selectAll()
        self.username.setFocus()

    def _lock_screen(self, user: User, form: QFormLayout) -> None:
        self.username.setText(user.username)
        self.username.setReadOnly(True)
        self.language.hide()
        form.labelForField(self.language).hide()
        intro = QLabel(
            self.tr("Màn hình đã khóa. {0}, nhập mật khẩu để tiếp tục.").format(user.full_name)
        )
        intro.setObjectName("lockIntro")
        intro.setWordWrap(True)
        form.insertRow(0, intro)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Mở khóa"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            self.tr("Đổi người dùng")
        )
        self.buttons.rejected.disconnect(self.reject)
        self.buttons.rejected.connect(self._switch)
        self.password.setFocus()

    def _switch(self) -> None:
        self.switch_user.emit()
        self.reject()

    def _username_entered(self) -> None:
        """Enter after the user name goes on to the password, unless it is already typed."""
        if not self.password.text():
            self.password.setFocus()
            return
        self.submit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Escape on the lock screen must not unlock or leave the app: nothing happens.
        if self.locked_user is not None and event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and self.focusWidget() is self.username:
            event.accept()
            self._username_entered()
            return
        super().keyPressEvent(event)

    def _change_language(self) -> None:
        lang = str(self.language.currentData())
        self.ctx.settings.setValue("ui/language", lang)
        self.language_changed.emit(lang)

    def submit(self) -> None:
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self._fail(self.tr("Nhập tên đăng nhập và mật khẩu."))
            return
        self.buttons.setEnabled(False)
        self.message.setText(self.tr("Đang kiểm tra…"))
        if self.locked_user is not None and username != self.locked_user.username:
            self._fail(self.tr("Chỉ người đang làm việc mới mở khóa được."))
            return
        ops.login(self.ctx, username=username, password=password).success(
            lambda user: self._ok(user, password)
        ).failure(lambda exc: self._fail(user_message(exc))).guard(self).run()

    def _ok(self, user: User, password: str = "") -> None:
        if user.must_change_password:
            self._ask_new_password(user, password)
            return
        self.user = user
        self.ctx.user = user
        self.ctx.settings.setValue("login/last_user", user.username)
        self.logged_in.emit(user)
        self.accept()

    def _fail(self, text: str) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(text)
        self.password.clear()
        self.password.setFocus()
        self.failed.emit(text)

    def _ask_new_password(self, user: User, password: str) -> None:
        """After a supervisor's reset: a new password first, then the user is logged in."""
        from .account_dialogs import ChangePasswordDialog

        dialog = ChangePasswordDialog(self.ctx, user, old_password=password, parent=self)
        dialog.changed.connect(self._ok)
        dialog.rejected.connect(lambda: self._fail(self.tr("Cần đổi mật khẩu để đăng nhập.")))
        self.password_dialog = dialog
        dialog.open()
