"""Quản trị → Người dùng: who works at this office, in which role and state; add a user,
reset a password, unlock, disable or enable; and the idle lock of every desk's screen.

Every button asks the core (counter_app/accounts.py), which refuses what the role table does
not allow; this tab shows the answer next to the buttons."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter_app.accounts import IDLE_LOCK_RANGE, Account
from counter_app.models import Role, User

from ..context import AppContext
from ..errors import user_message
from ..i18n import QT_TRANSLATE_NOOP
from ..operations import accounts as account_ops
from ..record_model import Column, RecordTableModel
from ..widgets.tables import table_view

ROLE_WORDS = {
    Role.CLERK: QT_TRANSLATE_NOOP("UsersTab", "Cán bộ một cửa"),
    Role.SUPERVISOR: QT_TRANSLATE_NOOP("UsersTab", "Lãnh đạo/giám sát"),
}


def t(text: str) -> str:
    return QCoreApplication.translate("UsersTab", text)


def state_words(a: Account) -> str:
    if not a.user.active:
        return QCoreApplication.translate("UsersTab", "Đã vô hiệu hóa")
    if a.locked_until is not None:
        return QCoreApplication.translate("UsersTab", "Đang khóa đến {0}").format(
            f"{a.locked_until:%H:%M}"
        )
    if a.user.must_change_password:
        return QCoreApplication.translate("UsersTab", "Phải đổi mật khẩu")
    return QCoreApplication.translate("UsersTab", "Đang dùng")


def _bad(a: Account) -> bool:
    return not a.user.active or a.locked_until is not None


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    return button


class UsersTab(QWidget):
    changed = Signal()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.model: RecordTableModel[Account] = RecordTableModel(
            [
                Column(
                    QCoreApplication.translate("UsersTab", "Tên đăng nhập"),
                    lambda a: a.user.username,
                ),
                Column(
                    QCoreApplication.translate("UsersTab", "Họ tên"), lambda a: a.user.full_name
                ),
                Column(
                    QCoreApplication.translate("UsersTab", "Vai trò"),
                    lambda a: t(ROLE_WORDS[a.user.role]),
                ),
                Column(
                    QCoreApplication.translate("UsersTab", "Trạng thái"), state_words, warn=_bad
                ),
            ],
            self,
        )
        self.table = table_view(self.model, "usersTable", stretch=1)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.error = QLabel()
        self.error.setObjectName("userError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a61b1b;")
        self.notice = QLabel()
        self.notice.setObjectName("userNotice")
        self.notice.setWordWrap(True)
        side = QVBoxLayout()
        side.addWidget(self._selected_box())
        side.addWidget(self._add_box())
        side.addWidget(self._idle_box())
        side.addWidget(self.error)
        side.addWidget(self.notice)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.table, 3)
        layout.addLayout(side, 2)
        self._selection_changed()

    def _selected_box(self) -> QGroupBox:
        box = QGroupBox(QCoreApplication.translate("UsersTab", "Người dùng đã chọn"))
        self.reset_button = _button(
            QCoreApplication.translate("UsersTab", "Đặt lại mật khẩu…"), "resetPassword"
        )
        self.reset_button.clicked.connect(self.reset_selected)
        self.unlock_button = _button(
            QCoreApplication.translate("UsersTab", "Mở khóa"), "unlockUser"
        )
        self.unlock_button.clicked.connect(self.unlock_selected)
        self.disable_button = _button(
            QCoreApplication.translate("UsersTab", "Vô hiệu hóa"), "disableUser"
        )
        self.disable_button.clicked.connect(self.disable_selected)
        self.enable_button = _button(
            QCoreApplication.translate("UsersTab", "Cho dùng lại"), "enableUser"
        )
        self.enable_button.clicked.connect(self.enable_selected)
        grid = QGridLayout(box)
        grid.addWidget(self.reset_button, 0, 0)
        grid.addWidget(self.unlock_button, 0, 1)
        grid.addWidget(self.disable_button, 1, 0)
        grid.addWidget(self.enable_button, 1, 1)
        return box

    def _add_box(self) -> QGroupBox:
        box = QGroupBox(QCoreApplication.translate("UsersTab", "Thêm người dùng"))
        self.username = QLineEdit()
        self.username.setObjectName("newUsername")
        self.full_name = QLineEdit()
        self.full_name.setObjectName("newFullName")
        self.role = QComboBox()
        self.role.setObjectName("newRole")
        for role in (Role.CLERK, Role.SUPERVISOR):
            self.role.addItem(t(ROLE_WORDS[role]), role.value)
        self.password = QLineEdit()
        self.password.setObjectName("newPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_button = _button(
            QCoreApplication.translate("UsersTab", "Thêm người dùng"), "addUser"
        )
        self.add_button.clicked.connect(self.add_user)
        self.password.returnPressed.connect(self.add_user)  # Enter ends the form, as typed
        form = QFormLayout(box)
        form.addRow(QCoreApplication.translate("UsersTab", "Tên đăng nhập"), self.username)
        form.addRow(QCoreApplication.translate("UsersTab", "Họ tên"), self.full_name)
        form.addRow(QCoreApplication.translate("UsersTab", "Vai trò"), self.role)
        form.addRow(QCoreApplication.translate("UsersTab", "Mật khẩu ban đầu"), self.password)
        form.addRow("", self.add_button)
        return box

    def _idle_box(self) -> QGroupBox:
        box = QGroupBox(QCoreApplication.translate("UsersTab", "Khóa màn hình khi không dùng"))
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setObjectName("idleMinutes")
        self.idle_minutes.setRange(*IDLE_LOCK_RANGE)
        self.idle_minutes.setSuffix(QCoreApplication.translate("UsersTab", " phút"))
        self.idle_save = _button(QCoreApplication.translate("UsersTab", "Lưu"), "saveIdleMinutes")
        self.idle_save.clicked.connect(self.save_idle_minutes)
        row = QHBoxLayout(box)
        row.addWidget(QLabel(QCoreApplication.translate("UsersTab", "Sau")))
        row.addWidget(self.idle_minutes)
        row.addWidget(self.idle_save)
        row.addStretch(1)
        return box

    # --- reading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        account_ops.listing(self.ctx).success(self._show).guard(self).run()

    def _show(self, result: tuple[list[Account], int]) -> None:
        accounts, minutes = result
        keep = self.selected()
        self.model.set_records(accounts)
        if keep is not None:
            rows = [i for i, a in enumerate(accounts) if a.user.username == keep.user.username]
            if rows:
                self.table.selectRow(rows[0])
        self.idle_minutes.setValue(minutes)
        self._selection_changed()
        self.changed.emit()

    def selected(self) -> Account | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def _selection_changed(self) -> None:
        """Offer only what fits the selected user; the core refuses the rest anyway."""
        a, me = self.selected(), self.ctx.user
        other = a is not None and me is not None and a.user.username != me.username
        self.reset_button.setEnabled(other and a is not None and a.user.active)
        self.unlock_button.setEnabled(a is not None and a.locked_until is not None)
        self.disable_button.setEnabled(other and a is not None and a.user.active)
        self.enable_button.setEnabled(a is not None and not a.user.active)

    # --- changing --------------------------------------------------------------------------

    def _done(self, notice: str) -> None:
        self.error.clear()
        self.notice.setText(notice)
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self.notice.clear()
        self.error.setText(user_message(exc))

    def _target(self) -> tuple[User, Account] | None:
        actor, a = self.ctx.user, self.selected()
        if actor is None or a is None:
            self.error.setText(
                QCoreApplication.translate("UsersTab", "Chọn một người dùng trong bảng trước.")
            )
            return None
        return actor, a

    def add_user(self) -> None:
        actor = self.ctx.user
        if actor is None:
            return
        username, name = self.username.text().strip(), self.full_name.text().strip()
        role, password = Role(self.role.currentData()), self.password.text()

        def done(user: User) -> None:
            for edit in (self.username, self.full_name, self.password):
                edit.clear()
            self._done(QCoreApplication.translate("UsersTab", "Đã thêm {0}.").format(user.username))

        account_ops.add_user(
            self.ctx, actor=actor, username=username, full_name=name, role=role, password=password
        ).success(done).failure(self._failed).guard(self).run()

    def unlock_selected(self) -> None:
        if (target := self._target()) is None:
            return
        actor, name = target[0], target[1].user.username
        account_ops.unlock(self.ctx, actor=actor, username=name).success(
            lambda _r: self._done(
                QCoreApplication.translate("UsersTab", "Đã mở khóa {0}.").format(name)
            )
        ).failure(self._failed).guard(self).run()

    def disable_selected(self) -> None:
        if (target := self._target()) is None:
            return
        actor, name = target[0], target[1].user.username
        account_ops.disable(self.ctx, actor=actor, username=name).success(
            lambda _r: self._done(
                QCoreApplication.translate("UsersTab", "Đã vô hiệu hóa {0}.").format(name)
            )
        ).failure(self._failed).guard(self).run()

    def enable_selected(self) -> None:
        if (target := self._target()) is None:
            return
        actor, name = target[0], target[1].user.username
        account_ops.enable(self.ctx, actor=actor, username=name).success(
            lambda _r: self._done(
                QCoreApplication.translate("UsersTab", "{0} dùng lại được.").format(name)
            )
        ).failure(self._failed).guard(self).run()

    def reset_selected(self) -> None:
        from ..account_dialogs import ResetPasswordDialog

        if (target := self._target()) is None:
            return
        dialog = ResetPasswordDialog(self.ctx, target[0], target[1].user, self)
        dialog.reset_done.connect(
            lambda name: self._done(
                QCoreApplication.translate(
                    "UsersTab", "Đã đặt lại mật khẩu của {0}: phải đổi khi đăng nhập lần sau."
                ).format(name)
            )
        )
        self.reset_dialog = dialog
        dialog.open()

    def save_idle_minutes(self) -> None:
        actor, minutes = self.ctx.user, self.idle_minutes.value()
        if actor is None:
            return
        account_ops.set_idle_lock_minutes(self.ctx, actor=actor, minutes=minutes).success(
            lambda _r: self._done(
                QCoreApplication.translate(
                    "UsersTab", "Màn hình tự khóa sau {0} phút không dùng."
                ).format(minutes)
            )
        ).failure(self._failed).guard(self).run()
