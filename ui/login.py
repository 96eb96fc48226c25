"""The login dialog. The password check (Argon2, about 50 ms) runs on the database worker."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
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

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.user: User | None = None
        self.setObjectName("loginDialog")
        self.setWindowTitle("Một Cửa — Đăng nhập")
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
        last = ctx.settings.value("login/last_user", "")
        self.username.setText(str(last or ""))
        (self.password if last else self.username).setFocus()

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
        ops.login(self.ctx, username=username, password=password).success(self._ok).failure(
            lambda exc: self._fail(user_message(exc))
        ).guard(self).run()

    def _ok(self, user: User) -> None:
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
