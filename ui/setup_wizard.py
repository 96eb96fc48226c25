"""First launch: no office yet. The wizard sets up a real office page by page or, preselected,
the demo office so that `make run` on a fresh machine lands somewhere usable at once.

Each page checks what was typed on it with the core's own checks (counter_app/office_setup.py)
before Next goes on; Finish on the summary page sets everything up in one transaction.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from counter_app import office_heading, office_setup
from counter_app.models import Office, Role

from . import demo_data
from . import operations as ops
from .context import AppContext
from .errors import field_label, show_error, user_message
from .i18n import pick
from .operations import setup as setup_ops

# The demo office; README's quick start gives these logins.
DEMO_OFFICE = Office(
    agency_code="000.00.99.H99",
    name="UBND xã Demo",
    province_code="99",
    commune_code="99999",
    address="Số 1 đường Demo, xã Demo",
    phone="0200000000",
    parent_name=demo_data.DEMO_PARENT,
)
DEMO_ADMIN = "admin"
DEMO_CLERK = "canbo"
DEMO_PASSWORD = "demo-1234"

BUNDLED, FROM_FILE, EMPTY = "bundled", "file", "empty"


def _line(name: str, text: str = "", placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    return edit


def _password(name: str) -> QLineEdit:
    edit = _line(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class CheckedPage(QWizardPage):
    """A page that shows its problems under its fields and keeps Next from moving on."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.message = QLabel()
        self.message.setObjectName(f"{name}Message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")

    def problems(self) -> dict[str, str]:
        return {}

    def validatePage(self) -> bool:
        problems = self.problems()
        self.message.setText("\n".join(f"{field_label(f)}: {pick(m)}" for f, m in problems.items()))
        return not problems


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
        self.demo.toggled.connect(self._choice_changed)
        hint = QLabel(
            self.tr(
                "Văn phòng mẫu: «UBND xã Demo» với danh mục thủ tục mẫu.\nĐăng nhập: admin (lãnh đạo) hoặc canbo (cán bộ), mật khẩu {0}"
            ).format(DEMO_PASSWORD)
        )
        hint.setWordWrap(True)
        real_hint = QLabel(
            self.tr(
                "Văn phòng thật: tên và mã cơ quan, đơn vị xã, quầy, người quản trị đầu tiên, "
                "danh mục thủ tục và máy chủ tỉnh — từng bước, xem lại trước khi hoàn tất."
            )
        )
        real_hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.demo)
        layout.addWidget(hint)
        layout.addSpacing(12)
        layout.addWidget(self.real)
        layout.addWidget(real_hint)
        layout.addStretch(1)

    def _choice_changed(self) -> None:
        # QWizard decides between Next and Finish only when it enters a page (completeChanged
        # does not redo it), which left the real-office path with only "Hoàn tất": enter this
        # first page again, keeping the focus on the choice.
        wizard, focus = self.wizard(), self.focusWidget()
        if wizard is not None and wizard.currentPage() is self:
            wizard.restart()
            if focus is not None:
                focus.setFocus()

    def nextId(self) -> int:
        return -1 if self.demo.isChecked() else super().nextId()

    def isFinalPage(self) -> bool:
        return self.demo.isChecked()


class OfficePage(CheckedPage):
    def __init__(self) -> None:
        super().__init__("officePage")
        self.setTitle(self.tr("Cơ quan"))
        self.setSubTitle(
            self.tr("Tên và mã cơ quan trên Cổng dịch vụ công; tên in ở đầu các mẫu biểu.")
        )
        self.office_name = _line("office_name", placeholder=self.tr("ví dụ: UBND phường Bến Nghé"))
        self.agency_code = _line("agency_code", placeholder=self.tr("ví dụ: 000.00.06.H56"))
        self.parent_name = _line("parent_name", placeholder=self.tr("ví dụ: UBND TP. HỒ CHÍ MINH"))
        # Circular 03/2025 heads the forms with the commune's service center: prefilled from
        # the office name until the clerk types their own.
        self.form_heading = _line("form_heading")
        self._heading_typed = False
        self.form_heading.textEdited.connect(self._heading_edited)
        self.office_name.textChanged.connect(self._follow_office_name)
        self._follow_office_name(self.office_name.text())
        form = QFormLayout(self)
        form.addRow(self.tr("Tên cơ quan *"), self.office_name)
        form.addRow(self.tr("Mã cơ quan *"), self.agency_code)
        form.addRow(self.tr("Cơ quan cấp trên"), self.parent_name)
        form.addRow(self.tr("Tên in ở đầu mẫu biểu"), self.form_heading)
        form.addRow(self.message)
        self.registerField("office_name*", self.office_name)
        self.registerField("agency_code*", self.agency_code)

    def _heading_edited(self, text: str) -> None:
        self._heading_typed = bool(text.strip())  # cleared: follow the office name again

    def _follow_office_name(self, name: str) -> None:
        default = office_heading.default_heading(Office(agency_code="", name=name.strip()))
        self.form_heading.setPlaceholderText(default)
        if not self._heading_typed:
            self.form_heading.setText(default if name.strip() else "")

    def heading(self) -> str:
        """What heads the forms: typed, prefilled, or (left empty) the default."""
        text = self.form_heading.text().strip()
        return text or self.form_heading.placeholderText()

    def problems(self) -> dict[str, str]:
        office = Office(
            agency_code=self.agency_code.text().strip(), name=self.office_name.text().strip()
        )
        return office_setup.office_problems(office, self.form_heading.text())


class UnitPage(CheckedPage):
    def __init__(self) -> None:
        super().__init__("unitPage")
        self.setTitle(self.tr("Đơn vị hành chính xã"))
        self.setSubTitle(self.tr("Mã theo danh mục đơn vị hành chính; bỏ trống nếu chưa có."))
        self.province_code = _line("province_code", placeholder=self.tr("ví dụ: 79"))
        self.commune_code = _line("commune_code", placeholder=self.tr("ví dụ: 26740"))
        self.address = _line("address", placeholder=self.tr("ví dụ: Số 1 Lê Duẩn"))
        self.phone = _line("phone")
        form = QFormLayout(self)
        form.addRow(self.tr("Mã tỉnh"), self.province_code)
        form.addRow(self.tr("Mã xã/phường"), self.commune_code)
        form.addRow(self.tr("Địa chỉ trụ sở"), self.address)
        form.addRow(self.tr("Điện thoại"), self.phone)
        form.addRow(self.message)

    def problems(self) -> dict[str, str]:
        office = Office(
            agency_code="",
            name="",
            province_code=self.province_code.text().strip(),
            commune_code=self.commune_code.text().strip(),
            phone=self.phone.text().strip(),
        )
        return office_setup.unit_problems(office)


class DeskPage(CheckedPage):
    def __init__(self) -> None:
        super().__init__("deskPage")
        self.setTitle(self.tr("Quầy"))
        self.setSubTitle(
            self.tr("Số quầy đứng trong mã hồ sơ: mỗi quầy của cơ quan một số khác nhau.")
        )
        self.desk_name = _line("desk_name", self.tr("Quầy 1"))
        self.desk_number = QSpinBox()
        self.desk_number.setRange(1, 9)
        self.desk_number.setObjectName("desk_number")
        form = QFormLayout(self)
        form.addRow(self.tr("Tên quầy *"), self.desk_name)
        form.addRow(self.tr("Số quầy (1–9) *"), self.desk_number)
        form.addRow(self.message)

    def problems(self) -> dict[str, str]:
        return office_setup.desk_problems(self.desk_name.text(), self.desk_number.value())


class SupervisorPage(CheckedPage):
    def __init__(self) -> None:
        super().__init__("supervisorPage")
        self.setTitle(self.tr("Người quản trị đầu tiên"))
        self.setSubTitle(
            self.tr("Tài khoản lãnh đạo/giám sát; tạo thêm cán bộ sau ở trang Quản trị.")
        )
        self.username = _line("admin_username", "admin")
        self.full_name = _line("admin_full_name")
        self.password = _password("admin_password")
        self.confirm = _password("admin_confirm")
        form = QFormLayout(self)
        form.addRow(self.tr("Tên đăng nhập *"), self.username)
        form.addRow(self.tr("Họ tên *"), self.full_name)
        form.addRow(self.tr("Mật khẩu *"), self.password)
        form.addRow(self.tr("Nhập lại mật khẩu *"), self.confirm)
        hint = QLabel(self.tr("Ít nhất 8 ký tự, có cả chữ và số (hoặc ký hiệu)."))
        hint.setStyleSheet("color: #555;")
        form.addRow("", hint)
        form.addRow(self.message)
        self.registerField("admin_username*", self.username)
        self.registerField("admin_full_name*", self.full_name)
        self.registerField("admin_password*", self.password)
        self.registerField("admin_confirm*", self.confirm)

    def problems(self) -> dict[str, str]:
        return office_setup.supervisor_problems(
            self.username.text().strip(),
            self.full_name.text().strip(),
            self.password.text(),
            self.confirm.text(),
        )

    def validatePage(self) -> bool:
        ok = super().validatePage()
        if not ok:
            self.confirm.clear()
        return ok


class CataloguePage(CheckedPage):
    def __init__(self) -> None:
        super().__init__("cataloguePage")
        self.setTitle(self.tr("Danh mục thủ tục"))
        self.setSubTitle(self.tr("Thủ tục hành chính mà quầy tiếp nhận, với thời hạn và giấy tờ."))
        self.bundled = QRadioButton(self.tr("Danh mục của tỉnh kèm theo ứng dụng"))
        self.bundled.setObjectName("catalogueBundled")
        self.from_file = QRadioButton(self.tr("Từ tệp tỉnh gửi (.json)"))
        self.from_file.setObjectName("catalogueFile")
        self.empty = QRadioButton(
            self.tr("Để trống, nhập sau ở Quản trị → Thủ tục (chưa tiếp nhận được hồ sơ)")
        )
        self.empty.setObjectName("catalogueEmpty")
        self.group = QButtonGroup(self)
        for button in (self.bundled, self.from_file, self.empty):
            self.group.addButton(button)
        self.bundled.setChecked(True)
        self.path = _line("cataloguePath", placeholder=self.tr("đường dẫn tệp danh mục"))
        self.browse = QPushButton(self.tr("Chọn tệp…"))
        self.browse.setObjectName("catalogueBrowse")
        self.browse.clicked.connect(self._ask_file)
        self.path.textEdited.connect(lambda _t: self.from_file.setChecked(True))
        row = QHBoxLayout()
        row.setContentsMargins(24, 0, 0, 0)
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bundled)
        layout.addWidget(self.from_file)
        layout.addLayout(row)
        layout.addWidget(self.empty)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def choice(self) -> str:
        if self.from_file.isChecked():
            return FROM_FILE
        return EMPTY if self.empty.isChecked() else BUNDLED

    def file(self) -> Path | None:
        """The file to import, read on the worker at Finish; None to start empty."""
        if self.choice() == BUNDLED:
            return office_setup.BUNDLED_CATALOGUE
        if self.choice() == FROM_FILE:
            return Path(self.path.text().strip()).expanduser()
        return None

    def _ask_file(self) -> None:
        dialog = QFileDialog(self, self.tr("Chọn tệp danh mục thủ tục"))
        dialog.setNameFilter(self.tr("Danh mục thủ tục (*.json)"))
        dialog.fileSelected.connect(self._chosen)
        dialog.open()

    def _chosen(self, name: str) -> None:
        self.path.setText(name)
        self.from_file.setChecked(True)

    def problems(self) -> dict[str, str]:
        path = self.file()
        if self.choice() == FROM_FILE and (path is None or not self.path.text().strip()):
            return {"file": "chọn tệp danh mục / choose the catalogue file"}
        if path is not None and not path.is_file():
            return {"file": f"không có tệp {path} / no such file"}
        return {}


class ServerPage(CheckedPage):
    def __init__(self) -> None:
        super().__init__("serverPage")
        self.setTitle(self.tr("Máy chủ tỉnh (không bắt buộc)"))
        self.setSubTitle(
            self.tr("Bỏ trống nếu chưa có: quầy vẫn làm việc ngoại tuyến và đồng bộ sau.")
        )
        self.url = _line("server_url", placeholder="https://motcua.example.gov.vn")
        self.token = _password("server_token")
        form = QFormLayout(self)
        form.addRow(self.tr("Địa chỉ máy chủ"), self.url)
        form.addRow(self.tr("Mã truy cập của quầy"), self.token)
        form.addRow(self.message)

    def problems(self) -> dict[str, str]:
        return office_setup.server_problems(self.url.text(), self.token.text())


class SummaryPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("summaryPage")
        self.setTitle(self.tr("Xem lại và hoàn tất"))
        self.setSubTitle(self.tr("Kiểm tra lại; bấm Quay lại để sửa. Hoàn tất sẽ tạo văn phòng."))
        self.summary = QLabel()
        self.summary.setObjectName("setupSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("setupMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def initializePage(self) -> None:
        wizard = self.wizard()
        assert isinstance(wizard, SetupWizard)
        self.message.clear()
        self.summary.setText(wizard.summary_html())


class SetupWizard(QWizard):
    configured = Signal(object)  # ops.StartupState
    failed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("setupWizard")
        self.setWindowTitle(self.tr("Một Cửa — Thiết lập quầy"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(680, 500)
        self.choice = ChoicePage()
        self.office = OfficePage()
        self.unit = UnitPage()
        self.desk = DeskPage()
        self.supervisor = SupervisorPage()
        self.catalogue = CataloguePage()
        self.server = ServerPage()
        self.summary = SummaryPage()
        for page in (
            self.choice,
            self.office,
            self.unit,
            self.desk,
            self.supervisor,
            self.catalogue,
            self.server,
            self.summary,
        ):
            self.addPage(page)
        # "Bước 2/7 — Cơ quan": the clerk sees how far the real-office path goes.
        self._titles = {page_id: self.page(page_id).title() for page_id in self.pageIds()}
        self.currentIdChanged.connect(self._number_step)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Tiếp →"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("← Quay lại"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Hoàn tất"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Thoát"))
        self._busy = False

    def _number_step(self, page_id: int) -> None:
        steps = len(self._titles) - 1  # the first page is the choice, not a step
        if page_id > 0:
            self.page(page_id).setTitle(
                self.tr("Bước {0}/{1} — {2}").format(page_id, steps, self._titles[page_id])
            )

    def office_value(self) -> Office:
        o, u = self.office, self.unit
        return Office(
            agency_code=o.agency_code.text().strip(),
            name=o.office_name.text().strip(),
            province_code=u.province_code.text().strip(),
            commune_code=u.commune_code.text().strip(),
            address=u.address.text().strip(),
            phone=u.phone.text().strip(),
            parent_name=o.parent_name.text().strip(),
        )

    def plan(self) -> office_setup.SetupPlan:
        if self.choice.demo.isChecked():
            return office_setup.SetupPlan(
                DEMO_OFFICE,
                "Quầy 1",
                1,
                DEMO_ADMIN,
                "Nguyễn Văn Quản Trị",
                DEMO_PASSWORD,
                extra_users=((DEMO_CLERK, "Trần Thị Cán Bộ", Role.CLERK),),
                training=True,
            )
        s = self.supervisor
        return office_setup.SetupPlan(
            self.office_value(),
            self.desk.desk_name.text().strip(),
            self.desk.desk_number.value(),
            s.username.text().strip(),
            s.full_name.text().strip(),
            s.password.text(),
            server_url=self.server.url.text().strip(),
            server_token=self.server.token.text().strip(),
            form_heading=self.office.heading(),
        )

    def catalogue_file(self) -> Path | None:
        if self.choice.demo.isChecked():
            return office_setup.BUNDLED_CATALOGUE
        return self.catalogue.file()

    def summary_html(self) -> str:
        plan, office = self.plan(), self.office_value()
        unit = ", ".join(x for x in (office.address, office.phone) if x)
        codes = self.tr("tỉnh {0}, xã {1}").format(
            office.province_code or "—", office.commune_code or "—"
        )
        catalogue = {
            BUNDLED: self.tr("danh mục của tỉnh kèm theo ứng dụng"),
            FROM_FILE: str(self.catalogue.file()),
            EMPTY: self.tr("để trống — nhập sau ở Quản trị → Thủ tục"),
        }[self.catalogue.choice()]
        server = plan.server_url or self.tr("chưa có — làm việc ngoại tuyến")
        rows = [
            (self.tr("Cơ quan"), f"{office.name} ({office.agency_code})"),
            (self.tr("Cơ quan cấp trên"), office.parent_name or "—"),
            (self.tr("Tên đầu mẫu biểu"), plan.form_heading),
            (self.tr("Đơn vị"), f"{codes}; {unit}" if unit else codes),
            (self.tr("Quầy"), self.tr("{0}, số {1}").format(plan.desk_name, plan.desk_number)),
            (self.tr("Người quản trị"), f"{plan.admin_full_name} ({plan.admin})"),
            (self.tr("Danh mục thủ tục"), catalogue),
            (self.tr("Máy chủ tỉnh"), server),
        ]
        body = "".join(
            f"<tr><td style='padding:3px 12px 3px 0; color:#555'>{escape(k)}</td>"
            f"<td style='padding:3px 0'><b>{escape(v)}</b></td></tr>"
            for k, v in rows
        )
        return f"<table>{body}</table>"

    def accept(self) -> None:
        if self._busy:
            return
        self._busy = True
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        plan, catalogue = self.plan(), self.catalogue_file()
        setup_ops.set_up_office(self.ctx, plan=plan, catalogue=catalogue).success(
            self._done
        ).failure(self._failed).guard(self).run()

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
        self.summary.message.setText(text)
        if self.currentPage() is not self.summary:
            show_error(self, exc)  # the demo path ends on the first page
        self.failed.emit(text)
