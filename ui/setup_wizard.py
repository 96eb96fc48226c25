"""First launch: no office yet. The wizard sets up a real office or, preselected, the demo
office so that `make run` on a fresh machine lands somewhere usable at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from counter_app.models import Office, Role
from counter_app.resources import demo_procedures

if TYPE_CHECKING:
    from counter_app.counter import Counter

from . import operations as ops
from .context import AppContext
from .errors import field_label, show_error, user_message
from .i18n import pick

# The demo office; README's quick start gives these logins.
DEMO_OFFICE = Office(
    agency_code="000.00.99.H99", name="UBND xã Demo", province_code="99", commune_code="99999",
    address="Số 1 đường Demo, xã Demo", phone="0200000000", parent_name="UBND HUYỆN DEMO",
)  # fmt: skip
DEMO_ADMIN = "admin"
DEMO_CLERK = "canbo"
DEMO_PASSWORD = "demo-1234"


@dataclass(frozen=True)
class SetupRequest:
    office: Office
    desk_name: str
    desk_number: int
    admin: str
    admin_full_name: str
    password: str
    demo: bool
    server_url: str = ""
    server_token: str = ""


def run_setup(c: Counter, req: SetupRequest) -> ops.StartupState:
    """On the worker: set up the office; the demo also gets its catalogue and a clerk.

    One transaction (the core's writes nest as savepoints): a refused server address or
    token leaves no half-set-up office behind, so the clerk corrects it and presses Finish
    again."""
    with c._store.write():  # live-accounts replaces this with a core service
        admin = c.setup(
            req.office, req.desk_name, req.admin, req.admin_full_name, req.password,
            req.desk_number,
        )  # fmt: skip
        if req.demo:
            c.load_procedures(demo_procedures())
            c.add_user(admin, DEMO_CLERK, "Trần Thị Cán Bộ", Role.CLERK, req.password)
        if req.server_url.strip():
            # Where the sync engine reads it (the core's sync book).
            c.set_server(req.server_url.strip(), req.server_token.strip())
    return ops.StartupState(True, c.office())


class ChoicePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Chào mừng đến với Một Cửa"))
        self.setSubTitle(self.tr("Quầy này chưa được thiết lập. Chọn cách bắt đầu:"))
        self.demo = QRadioButton(self.tr("Văn phòng mẫu (demo) — dùng thử ngay"))
        self.demo.setObjectName("choiceDemo")
        self.real = QRadioButton(self.tr("Thiết lập văn phòng thật"))
        self.real.setObjectName("choiceReal")
        self.demo.setChecked(True)
        self.demo.toggled.connect(self.completeChanged)
        hint = QLabel(
            self.tr(
                "Văn phòng mẫu: «UBND xã Demo» với danh mục thủ tục mẫu.\nĐăng nhập: admin (lãnh đạo) hoặc canbo (cán bộ), mật khẩu {0}"
            ).format(DEMO_PASSWORD)
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.demo)
        layout.addWidget(hint)
        layout.addSpacing(12)
        layout.addWidget(self.real)
        layout.addStretch(1)

    def nextId(self) -> int:
        return -1 if self.demo.isChecked() else super().nextId()

    def isFinalPage(self) -> bool:
        return self.demo.isChecked()


def _line(name: str, text: str = "", placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    return edit


class OfficePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Cơ quan và quầy"))
        self.office_name = _line("office_name", placeholder=self.tr("ví dụ: UBND phường Bến Nghé"))
        self.agency_code = _line("agency_code", placeholder=self.tr("ví dụ: 000.00.06.H56"))
        self.parent_name = _line("parent_name", placeholder=self.tr("ví dụ: UBND QUẬN 1"))
        self.province_code = _line("province_code")
        self.commune_code = _line("commune_code")
        self.address = _line("address")
        self.phone = _line("phone")
        self.desk_name = _line("desk_name", self.tr("Quầy 1"))
        self.desk_number = QSpinBox()
        self.desk_number.setRange(1, 9)
        self.desk_number.setObjectName("desk_number")
        form = QFormLayout(self)
        form.addRow(self.tr("Tên cơ quan *"), self.office_name)
        form.addRow(self.tr("Mã cơ quan *"), self.agency_code)
        form.addRow(self.tr("Cơ quan chủ quản"), self.parent_name)
        form.addRow(self.tr("Mã tỉnh"), self.province_code)
        form.addRow(self.tr("Mã xã/phường"), self.commune_code)
        form.addRow(self.tr("Địa chỉ"), self.address)
        form.addRow(self.tr("Điện thoại"), self.phone)
        form.addRow(self.tr("Tên quầy"), self.desk_name)
        form.addRow(self.tr("Số quầy (1–9, khác nhau trong cơ quan)"), self.desk_number)
        self.registerField("office_name*", self.office_name)
        self.registerField("agency_code*", self.agency_code)


class SupervisorPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Người quản trị đầu tiên"))
        self.setSubTitle(
            self.tr("Tài khoản lãnh đạo/giám sát; tạo thêm cán bộ sau ở trang Quản trị.")
        )
        self.username = _line("admin_username", "admin")
        self.full_name = _line("admin_full_name")
        self.password = _line("admin_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = _line("admin_confirm")
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout(self)
        form.addRow(self.tr("Tên đăng nhập *"), self.username)
        form.addRow(self.tr("Họ tên *"), self.full_name)
        form.addRow(self.tr("Mật khẩu (ít nhất 8 ký tự) *"), self.password)
        form.addRow(self.tr("Nhập lại mật khẩu *"), self.confirm)
        self.registerField("admin_username*", self.username)
        self.registerField("admin_full_name*", self.full_name)
        self.registerField("admin_password*", self.password)

    def validatePage(self) -> bool:
        if self.password.text() != self.confirm.text():
            self.setSubTitle(self.tr("Hai lần nhập mật khẩu không khớp."))
            return False
        return True


class ServerPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Máy chủ tỉnh (không bắt buộc)"))
        self.setSubTitle(
            self.tr("Bỏ trống nếu chưa có: quầy vẫn làm việc ngoại tuyến và đồng bộ sau.")
        )
        self.url = _line("server_url", placeholder="https://motcua.example.gov.vn")
        self.token = _line("server_token")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setObjectName("setupMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        form = QFormLayout(self)
        form.addRow(self.tr("Địa chỉ máy chủ"), self.url)
        form.addRow(self.tr("Mã truy cập"), self.token)
        form.addRow(self.message)


class SetupWizard(QWizard):
    configured = Signal(object)  # ops.StartupState
    failed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("setupWizard")
        self.setWindowTitle(self.tr("Một Cửa — Thiết lập quầy"))
        self.setMinimumSize(640, 480)
        self.choice = ChoicePage()
        self.office = OfficePage()
        self.supervisor = SupervisorPage()
        self.server = ServerPage()
        for page in (self.choice, self.office, self.supervisor, self.server):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Tiếp →"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("← Quay lại"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Hoàn tất"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Thoát"))
        self._busy = False

    def request(self) -> SetupRequest:
        if self.choice.demo.isChecked():
            return SetupRequest(DEMO_OFFICE, "Quầy 1", 1, DEMO_ADMIN, "Nguyễn Văn Quản Trị",
                                DEMO_PASSWORD, demo=True)  # fmt: skip
        o = self.office
        office = Office(
            agency_code=o.agency_code.text().strip(), name=o.office_name.text().strip(),
            province_code=o.province_code.text().strip(), commune_code=o.commune_code.text().strip(),
            address=o.address.text().strip(), phone=o.phone.text().strip(),
            parent_name=o.parent_name.text().strip(),
        )  # fmt: skip
        s = self.supervisor
        return SetupRequest(
            office, o.desk_name.text().strip(), o.desk_number.value(), s.username.text().strip(),
            s.full_name.text().strip(), s.password.text(), demo=False,
            server_url=self.server.url.text(), server_token=self.server.token.text(),
        )  # fmt: skip

    def accept(self) -> None:
        if self._busy:
            return
        self._busy = True
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        req = self.request()
        self.ctx.op(lambda c: run_setup(c, req)).success(self._done).failure(self._failed).guard(
            self
        ).run()

    def _done(self, state: ops.StartupState) -> None:
        self.configured.emit(state)
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        from counter_app.errors import ValidationError

        self._busy = False
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        if isinstance(exc, ValidationError):
            text = "\n".join(f"{field_label(f)}: {pick(m)}" for f, m in exc.errors.items())
        else:
            text = user_message(exc)
        self.server.message.setText(text)
        if self.currentPage() is not self.server:
            show_error(self, exc)
        self.failed.emit(text)
