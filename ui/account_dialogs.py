"""Password dialogs: change one's own password (also forced after a supervisor's reset) and a
supervisor's reset of another user's password. The checks are the core's (accounts.py); the
dialogs only say what it answered."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from counter_app.models import User

from .context import AppContext
from .errors import user_message
from .operations import accounts as account_ops


def _password(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def _message() -> QLabel:
    label = QLabel()
    label.setObjectName("passwordMessage")
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    return label


class PasswordDialog(QDialog):
    """The form both dialogs share: new password twice, a hint, a message, OK/Cancel."""

    failed = Signal(str)

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(460)
        self.new = _password("newPassword")
        self.again = _password("newPasswordAgain")
        self.hint = QLabel(self.tr("Ít nhất 8 ký tự, có cả chữ và số (hoặc ký hiệu)."))
        self.hint.setStyleSheet("color: #555;")
        self.hint.setWordWrap(True)
        self.message = _message()
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.hint)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        raise NotImplementedError

    def _busy(self) -> None:
        self.buttons.setEnabled(False)
        self.message.setText(self.tr("Đang lưu…"))

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(user_message(exc))
        self.again.clear()
        self.failed.emit(self.message.text())


class ChangePasswordDialog(PasswordDialog):
    """One's own password. `forced`: right after logging in with a reset password, whose old
    password was just typed at the login, so it is not asked again."""

    changed = Signal(object)  # User

    def __init__(
        self,
        ctx: AppContext,
        user: User,
        *,
        old_password: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.user = user
        self.setObjectName("changePasswordDialog")
        self.setWindowTitle(self.tr("Một Cửa — Đổi mật khẩu"))
        self._old_given = old_password
        self.old = _password("oldPassword")
        if old_password is None:
            self.intro.setText(
                self.tr("Đổi mật khẩu của {0} ({1}).").format(user.full_name, user.username)
            )
            self.form.addRow(self.tr("Mật khẩu hiện tại"), self.old)
        else:
            self.intro.setText(
                self.tr(
                    "Mật khẩu của {0} vừa được lãnh đạo đặt lại: hãy chọn mật khẩu mới "
                    "trước khi làm việc."
                ).format(user.full_name)
            )
        self.form.addRow(self.tr("Mật khẩu mới"), self.new)
        self.form.addRow(self.tr("Nhập lại mật khẩu mới"), self.again)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Đổi mật khẩu"))
        (self.new if old_password is not None else self.old).setFocus()

    def submit(self) -> None:
        old = self._old_given if self._old_given is not None else self.old.text()
        new, again, username = self.new.text(), self.again.text(), self.user.username
        self._busy()
        account_ops.change_password(
            self.ctx, username=username, old=old, new=new, again=again
        ).success(self._done).failure(self._failed).guard(self).run()

    def _done(self, user: User) -> None:
        self.changed.emit(user)
        self.accept()


class ResetPasswordDialog(PasswordDialog):
    """A supervisor gives `username` a temporary password, to be changed at next login."""

    reset_done = Signal(str)  # the user name

    def __init__(
        self, ctx: AppContext, actor: User, target: User, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor = actor
        self.target = target
        self.setObjectName("resetPasswordDialog")
        self.setWindowTitle(self.tr("Một Cửa — Đặt lại mật khẩu"))
        self.intro.setText(
            self.tr(
                "Mật khẩu tạm cho {0} ({1}). Người này phải đổi mật khẩu khi đăng nhập lần "
                "sau; tài khoản cũng được mở khóa."
            ).format(target.full_name, target.username)
        )
        self.form.addRow(self.tr("Mật khẩu tạm"), self.new)
        self.form.addRow(self.tr("Nhập lại"), self.again)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Đặt lại"))
        self.new.setFocus()

    def submit(self) -> None:
        actor, username = self.actor, self.target.username
        new, again = self.new.text(), self.again.text()
        self._busy()
        account_ops.reset_password(
            self.ctx, actor=actor, username=username, new=new, again=again
        ).success(self._done).failure(self._failed).guard(self).run()

    def _done(self, _none: object) -> None:
        self.reset_done.emit(self.target.username)
        self.accept()
