"""Quản trị (supervisor): users and roles, the procedure catalogue, the holiday calendar,
office settings and the printer for each form. One tab each; every change goes through the
core on the database worker and the tab re-reads what it shows."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app import clock
from counter_app.calendar import CalendarOverride
from counter_app.models import Procedure, Role, TimeUnit

from ..context import AppContext
from ..errors import user_message
from ..formatting import fmt_date, fmt_money
from ..i18n import QT_TRANSLATE_NOOP
from ..operations import admin as admin_ops
from ..operations.admin import OfficeSettings
from ..printing import form_titles
from ..record_model import Column, RecordTableModel
from ..widgets.tables import table_view
from .base import Page
from .users_tab import UsersTab

ROLE_WORDS = {
    Role.CLERK: QT_TRANSLATE_NOOP("AdminPage", "Cán bộ một cửa"),
    Role.SUPERVISOR: QT_TRANSLATE_NOOP("AdminPage", "Lãnh đạo/giám sát"),
}
UNIT_WORDS = {
    TimeUnit.WORKING_DAYS: QT_TRANSLATE_NOOP("AdminPage", "{0} ngày làm việc"),
    TimeUnit.WORKING_HOURS: QT_TRANSLATE_NOOP("AdminPage", "{0} giờ làm việc"),
    TimeUnit.CALENDAR_DAYS: QT_TRANSLATE_NOOP("AdminPage", "{0} ngày"),
    TimeUnit.SAME_DAY: QT_TRANSLATE_NOOP("AdminPage", "Trong ngày"),
}
SOURCE_WORDS = {
    "national": QT_TRANSLATE_NOOP("AdminPage", "Quốc gia"),
    "province": QT_TRANSLATE_NOOP("AdminPage", "Tỉnh"),
    "local": QT_TRANSLATE_NOOP("AdminPage", "Tại quầy"),
}
PAPERS = (
    ("a4", "A4"),
    ("a5", "A5"),
    ("thermal80", QT_TRANSLATE_NOOP("AdminPage", "Giấy nhiệt 80 mm")),
)
ASK_EACH_TIME = ""


def t(text: str) -> str:
    return QCoreApplication.translate("AdminPage", text)


def error_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet("color: #a61b1b;")
    return label


class ProceduresTab(QWidget):
    imported = Signal(int)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.model: RecordTableModel[Procedure] = RecordTableModel(
            [
                Column(QCoreApplication.translate("AdminPage", "Mã"), lambda p: p.code),
                Column(QCoreApplication.translate("AdminPage", "Tên thủ tục"), lambda p: p.name),
                Column(
                    QCoreApplication.translate("AdminPage", "Thời hạn"),
                    lambda p: t(UNIT_WORDS[p.time_unit]).format(p.time_value),
                ),
                Column(
                    QCoreApplication.translate("AdminPage", "Phí, lệ phí"),
                    lambda p: (
                        fmt_money(p.fee)
                        if p.fee
                        else QCoreApplication.translate("AdminPage", "Không thu")
                    ),
                    numeric=True,
                ),
                Column(
                    QCoreApplication.translate("AdminPage", "Giấy tờ"),
                    lambda p: str(len(p.documents)),
                    numeric=True,
                ),
                Column(
                    QCoreApplication.translate("AdminPage", "Áp dụng"),
                    lambda p: (
                        QCoreApplication.translate("AdminPage", "Có")
                        if p.active
                        else QCoreApplication.translate("AdminPage", "Ngừng")
                    ),
                ),
                Column(
                    QCoreApplication.translate("AdminPage", "Tệp kết quả"),
                    lambda p: (
                        QCoreApplication.translate("AdminPage", "Bắt buộc")
                        if p.code in self.result_required
                        else ""
                    ),
                ),
            ],
            self,
        )
        self.result_required: set[str] = set()
        self.table = table_view(self.model, "proceduresTable", stretch=1)
        self.result_button = QPushButton(
            QCoreApplication.translate("AdminPage", "Bắt buộc / bỏ bắt buộc tệp kết quả")
        )
        self.result_button.setObjectName("toggleResultFile")
        self.result_button.setToolTip(
            QCoreApplication.translate(
                "AdminPage",
                "Thủ tục đang chọn: hồ sơ chỉ chuyển 'Đã có kết quả' khi có tệp kết quả điện tử",
            )
        )
        self.result_button.clicked.connect(self.toggle_result_file)
        self.import_button = QPushButton(
            QCoreApplication.translate("AdminPage", "Nhập danh mục từ tệp…")
        )
        self.import_button.setObjectName("importProcedures")
        self.import_button.clicked.connect(self._ask_file)
        self.message = QLabel()
        self.message.setObjectName("procedureMessage")
        self.message.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.message, 1)
        bar.addWidget(self.result_button)
        bar.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)

    def refresh(self) -> None:
        def show(codes: list[str]) -> None:
            self.result_required = set(codes)
            admin_ops.catalogue(self.ctx).success(self.model.set_records).guard(self).run()

        admin_ops.result_file_procedures(self.ctx).success(show).guard(self).run()

    def toggle_result_file(self) -> None:
        """The selected procedure's result becomes required as a file, or optional again."""
        rows = self.table.selectionModel().selectedRows()
        actor = self.ctx.user
        if not rows or actor is None:
            self.message.setText(
                QCoreApplication.translate("AdminPage", "Chọn một thủ tục trong bảng trước.")
            )
            return
        proc = self.model.record(rows[0].row())
        required = proc.code not in self.result_required

        def done(_none: None) -> None:
            self.message.setStyleSheet("")
            self.message.setText(
                QCoreApplication.translate(
                    "AdminPage", "Thủ tục {0}: bắt buộc tệp kết quả điện tử."
                ).format(proc.code)
                if required
                else QCoreApplication.translate(
                    "AdminPage", "Thủ tục {0}: không bắt buộc tệp kết quả."
                ).format(proc.code)
            )
            self.refresh()

        def failed(exc: BaseException) -> None:
            self.message.setStyleSheet("color: #a61b1b;")
            self.message.setText(user_message(exc))

        admin_ops.set_result_file_required(
            self.ctx, actor=actor, code=proc.code, required=required
        ).success(done).failure(failed).guard(self).run()

    def _ask_file(self) -> None:
        dialog = QFileDialog(
            self, QCoreApplication.translate("AdminPage", "Chọn tệp danh mục thủ tục")
        )
        dialog.setNameFilter(QCoreApplication.translate("AdminPage", "Danh mục thủ tục (*.json)"))
        dialog.fileSelected.connect(lambda name: self.import_file(Path(name)))
        dialog.open()

    def import_file(self, path: Path) -> None:
        actor = self.ctx.user
        if actor is None:
            return

        def done(n: int) -> None:
            self.message.setStyleSheet("")
            self.message.setText(
                QCoreApplication.translate("AdminPage", "Đã nhập {0} thủ tục từ {1}.").format(
                    n, path.name
                )
            )
            self.refresh()
            self.imported.emit(n)

        def failed(exc: BaseException) -> None:
            self.message.setStyleSheet("color: #a61b1b;")
            self.message.setText(user_message(exc))

        admin_ops.import_procedures(self.ctx, actor=actor, path=path).success(done).failure(
            failed
        ).guard(self).run()


class CalendarTab(QWidget):
    shown = Signal()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        today = clock.now().date()
        self.year = QSpinBox()
        self.year.setObjectName("calendarYear")
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.year.valueChanged.connect(lambda _y: self.refresh())
        self.model: RecordTableModel[CalendarOverride] = RecordTableModel(
            [
                Column(
                    QCoreApplication.translate("AdminPage", "Ngày"),
                    lambda d: f"{t(_weekday(d.day))} {fmt_date(d.day)}",
                ),
                Column(
                    QCoreApplication.translate("AdminPage", "Loại"),
                    lambda d: (
                        QCoreApplication.translate("AdminPage", "Nghỉ")
                        if d.kind == "off"
                        else QCoreApplication.translate("AdminPage", "Làm việc (bù)")
                    ),
                ),
                Column(
                    QCoreApplication.translate("AdminPage", "Lý do"),
                    lambda d: d.reason.split(" / ")[0],
                ),
                Column(
                    QCoreApplication.translate("AdminPage", "Nguồn"),
                    lambda d: t(SOURCE_WORDS.get(d.source, d.source)),
                ),
            ],
            self,
        )
        self.table = table_view(self.model, "calendarTable", stretch=2)
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setObjectName("calendarDay")
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setCalendarPopup(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("calendarReason")
        self.reason.setPlaceholderText(QCoreApplication.translate("AdminPage", "Lý do (bắt buộc)"))
        self.off_button = QPushButton(QCoreApplication.translate("AdminPage", "Thêm ngày nghỉ"))
        self.off_button.setObjectName("addDayOff")
        self.off_button.clicked.connect(lambda _checked=False: self.add_day("off"))
        self.work_button = QPushButton(QCoreApplication.translate("AdminPage", "Thêm ngày làm bù"))
        self.work_button.setObjectName("addWorkDay")
        self.work_button.clicked.connect(lambda _checked=False: self.add_day("work"))
        self.remove_button = QPushButton(
            QCoreApplication.translate("AdminPage", "Xóa ngày đã chọn")
        )
        self.remove_button.setObjectName("removeDay")
        self.remove_button.clicked.connect(self.remove_selected)
        self.error = error_label("calendarError")
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("AdminPage", "Năm"), self.year)
        form.addRow(QCoreApplication.translate("AdminPage", "Ngày"), self.day)
        form.addRow(QCoreApplication.translate("AdminPage", "Lý do"), self.reason)
        buttons = QHBoxLayout()
        buttons.addWidget(self.off_button)
        buttons.addWidget(self.work_button)
        form.addRow(buttons)
        form.addRow(self.error)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addStretch(1)
        side.addWidget(
            QLabel(
                QCoreApplication.translate(
                    "AdminPage",
                    "Chỉ xóa được ngày do quầy thêm; lịch quốc gia và của tỉnh\n"
                    "được thay bằng cách thêm ngày tại quầy.",
                )
            )
        )
        side.addWidget(self.remove_button)
        layout = QHBoxLayout(self)
        layout.addWidget(self.table, 3)
        layout.addLayout(side, 2)

    def refresh(self) -> None:
        year = self.year.value()
        admin_ops.calendar_year(self.ctx, year=year).success(self._show).guard(self).run()

    def _show(self, days: list[CalendarOverride]) -> None:
        self.model.set_records(days)
        self.shown.emit()

    def chosen_day(self) -> date:
        d = self.day.date()
        return date(d.year(), d.month(), d.day())

    def add_day(self, kind: Literal["off", "work"]) -> None:
        actor, day, reason = self.ctx.user, self.chosen_day(), self.reason.text()
        if actor is None:
            return
        admin_ops.add_calendar_day(
            self.ctx, actor=actor, day=day, reason=reason, kind=kind
        ).success(self._done).failure(self._failed).guard(self).run()

    def remove_selected(self) -> None:
        actor, rows = self.ctx.user, self.table.selectionModel().selectedRows()
        if actor is None or not rows:
            self.error.setText(
                QCoreApplication.translate("AdminPage", "Chọn một ngày trong bảng trước.")
            )
            return
        day = self.model.record(rows[0].row()).day
        admin_ops.remove_calendar_day(self.ctx, actor=actor, day=day).success(self._done).failure(
            self._failed
        ).guard(self).run()

    def _done(self, _result: object) -> None:
        self.error.clear()
        self.reason.clear()
        if self.year.value() != self.chosen_day().year:
            self.year.setValue(self.chosen_day().year)  # refreshes
        else:
            self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self.error.setText(user_message(exc))


def _weekday(day: date) -> str:
    names = (
        QT_TRANSLATE_NOOP("AdminPage", "Thứ Hai"),
        QT_TRANSLATE_NOOP("AdminPage", "Thứ Ba"),
        QT_TRANSLATE_NOOP("AdminPage", "Thứ Tư"),
        QT_TRANSLATE_NOOP("AdminPage", "Thứ Năm"),
        QT_TRANSLATE_NOOP("AdminPage", "Thứ Sáu"),
        QT_TRANSLATE_NOOP("AdminPage", "Thứ Bảy"),
        QT_TRANSLATE_NOOP("AdminPage", "Chủ nhật"),
    )
    return names[day.weekday()]


class OfficeTab(QWidget):
    saved = Signal()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.info = QLabel()
        self.info.setObjectName("officeInfo")
        self.info.setWordWrap(True)
        self.paper = QComboBox()
        self.paper.setObjectName("receiptPaper")
        for key, text in PAPERS:
            self.paper.addItem(t(text), key)
        self.server = QLineEdit()
        self.server.setObjectName("serverUrl")
        self.server.setPlaceholderText("https://motcua.tinh.gov.vn")
        self.token = QLineEdit()
        self.token.setObjectName("serverToken")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText(
            QCoreApplication.translate(
                "AdminPage", "Mã truy cập do tỉnh cấp cho quầy (để trống: giữ nguyên)"
            )
        )
        self.auto_sync = QCheckBox(
            QCoreApplication.translate("AdminPage", "Tự động đồng bộ khi có mạng")
        )
        self.auto_sync.setObjectName("autoSync")
        self.save_button = QPushButton(QCoreApplication.translate("AdminPage", "Lưu"))
        self.save_button.setObjectName("saveOffice")
        self.save_button.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setObjectName("officeMessage")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.info)
        form.addRow(QCoreApplication.translate("AdminPage", "Khổ giấy biên nhận"), self.paper)
        form.addRow(QCoreApplication.translate("AdminPage", "Máy chủ tỉnh"), self.server)
        form.addRow(QCoreApplication.translate("AdminPage", "Mã truy cập"), self.token)
        form.addRow("", self.auto_sync)
        form.addRow("", self.save_button)
        form.addRow(self.message)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)

    def refresh(self) -> None:
        admin_ops.office_settings(self.ctx).success(self._show).guard(self).run()

    def _show(self, s: OfficeSettings) -> None:
        o = s.office
        lines = [
            f"<b>{o.name}</b>",
            QCoreApplication.translate("AdminPage", "Mã cơ quan: {0}").format(o.agency_code),
            QCoreApplication.translate("AdminPage", "Quầy: {0} (số {1})").format(
                s.desk.get("name", ""), s.desk.get("number", "")
            ),
        ]
        if o.address:
            lines.append(QCoreApplication.translate("AdminPage", "Địa chỉ: {0}").format(o.address))
        if o.phone:
            lines.append(QCoreApplication.translate("AdminPage", "Điện thoại: {0}").format(o.phone))
        self.info.setText("<br>".join(lines))
        self.paper.setCurrentIndex(max(self.paper.findData(s.receipt_paper), 0))
        self.server.setText(s.server_url)
        self.auto_sync.setChecked(s.auto_sync)

    def save(self) -> None:
        actor = self.ctx.user
        if actor is None:
            return
        save = admin_ops.save_office_settings(
            self.ctx,
            actor=actor,
            receipt_paper=self.paper.currentData(),
            server_url=self.server.text().strip(),
            token=self.token.text(),
            auto_sync=self.auto_sync.isChecked(),
        )

        def done(_none: None) -> None:
            self.token.clear()
            self.message.setStyleSheet("color: #1b7f3b;")
            self.message.setText(QCoreApplication.translate("AdminPage", "Đã lưu."))
            self.refresh()
            self.saved.emit()

        def failed(exc: BaseException) -> None:
            self.message.setStyleSheet("color: #a61b1b;")
            self.message.setText(user_message(exc))

        save.success(done).failure(failed).guard(self).run()


class PrintersTab(QWidget):
    """The printer each form goes to; read by ui/printing.py (key printing/<form>/printer)."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.choices: dict[str, QComboBox] = {}
        names = QPrinterInfo.availablePrinterNames()
        form = QFormLayout(self)
        if not names:
            note = QLabel(
                QCoreApplication.translate(
                    "AdminPage",
                    "Máy này chưa có máy in nào. Mọi mẫu vẫn in ra tệp PDF được "
                    "(nút “Lưu PDF” trong cửa sổ xem trước).",
                )
            )
            note.setWordWrap(True)
            note.setStyleSheet("color: #7a5200;")
            form.addRow(note)
        for key, title in form_titles().items():
            combo = QComboBox()
            combo.setObjectName(f"printer_{key}")
            combo.addItem(
                QCoreApplication.translate("AdminPage", "Máy in mặc định / hỏi khi in"),
                ASK_EACH_TIME,
            )
            for name in names:
                combo.addItem(name, name)
            saved = str(ctx.settings.value(f"printing/{key}/printer", ASK_EACH_TIME))
            combo.setCurrentIndex(max(combo.findData(saved), 0))
            combo.currentIndexChanged.connect(lambda _i, k=key: self.remember(k))
            self.choices[key] = combo
            form.addRow(title, combo)

    def remember(self, form: str) -> None:
        value = str(self.choices[form].currentData() or "")
        self.ctx.settings.setValue(f"printing/{form}/printer", value)
        self.ctx.settings.sync()


class AdminPage(Page):
    KEY = "admin"
    TITLE = QT_TRANSLATE_NOOP("Nav", "Quản trị")
    SUPERVISOR_ONLY = True

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.users = UsersTab(ctx)
        self.procedures = ProceduresTab(ctx)
        self.calendar = CalendarTab(ctx)
        self.office = OfficeTab(ctx)
        self.printers = PrintersTab(ctx)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("adminTabs")
        self.tabs.addTab(self.users, QCoreApplication.translate("AdminPage", "Người dùng"))
        self.tabs.addTab(self.procedures, QCoreApplication.translate("AdminPage", "Thủ tục"))
        self.tabs.addTab(self.calendar, QCoreApplication.translate("AdminPage", "Lịch làm việc"))
        self.tabs.addTab(self.office, QCoreApplication.translate("AdminPage", "Cơ quan"))
        self.tabs.addTab(self.printers, QCoreApplication.translate("AdminPage", "Máy in"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def activated(self) -> None:
        for tab in (self.users, self.procedures, self.calendar, self.office):
            tab.refresh()


PAGE = AdminPage
