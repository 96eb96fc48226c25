"""Quản trị (supervisor): users and roles, the procedure catalogue, the holiday calendar,
office settings and the printer for each form. One tab each; every change goes through the
core on the database worker and the tab re-reads what it shows."""

from __future__ import annotations

from collections.abc import Callable
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
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
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
from ..operations.admin import OfficeSettings, Restored
from ..printing import form_titles
from ..record_model import Column, RecordTableModel
from ..sync_service import SyncOutcome, outcome_words
from ..widgets.scans import SETTING_FOLDER as SCAN_FOLDER
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
    restore_finished = Signal(str)  # the message shown at the end of restore and recovery

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
        self.restore_button = QPushButton(
            QCoreApplication.translate("AdminPage", "Khôi phục từ bản sao lưu…")
        )
        self.restore_button.setObjectName("restoreBackup")
        self.restore_button.clicked.connect(self.ask_restore)
        self.restore_progress = QProgressBar()
        self.restore_progress.setObjectName("restoreProgress")
        self.restore_progress.setRange(0, 0)  # busy: recovery does not know its total
        self.restore_progress.hide()
        self.restore_message = QLabel()
        self.restore_message.setObjectName("restoreMessage")
        self.restore_message.setWordWrap(True)
        form.addRow("", self.restore_button)
        form.addRow(self.restore_progress)
        form.addRow(self.restore_message)
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

    # --- restore from a backup, then recovery from the hub (counter_app/recovery.py) -------

    def ask_restore(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("AdminPage", "Chọn bản sao lưu"),
            "",
            QCoreApplication.translate("AdminPage", "Bản sao lưu Một Cửa (*.mcb);;Mọi tệp (*)"),
        )
        if not path:
            return
        passphrase, ok = QInputDialog.getText(
            self,
            QCoreApplication.translate("AdminPage", "Mật khẩu sao lưu"),
            QCoreApplication.translate("AdminPage", "Mật khẩu đã dùng khi sao lưu:"),
            QLineEdit.EchoMode.Password,
        )
        if not ok or not passphrase:
            return
        answer = QMessageBox.warning(
            self,
            QCoreApplication.translate("AdminPage", "Khôi phục từ bản sao lưu"),
            QCoreApplication.translate(
                "AdminPage",
                "Cơ sở dữ liệu hiện tại được thay bằng bản sao lưu {0} (bản hiện tại được giữ "
                "lại bên cạnh). Sau đó quầy lấy lại từ máy chủ tỉnh những gì đã gửi sau bản "
                "sao lưu. Tiếp tục?",
            ).format(Path(path).name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_from(Path(path), passphrase)

    def restore_from(self, path: Path, passphrase: str) -> None:
        """Restore (DB worker), then recover from the hub (network worker)."""
        if self.ctx.sync.running:
            self._restore_said(
                QCoreApplication.translate(
                    "AdminPage", "Đang đồng bộ: đợi lần đồng bộ này xong rồi khôi phục."
                ),
                ok=False,
            )
            return
        self.restore_button.setEnabled(False)
        self.restore_progress.show()
        self._restore_said(QCoreApplication.translate("AdminPage", "Đang khôi phục…"), ok=True)
        admin_ops.restore_backup(self.ctx, path=path, passphrase=passphrase).success(
            self._restored
        ).failure(self._restore_failed).guard(self).run()

    def _restored(self, restored: Restored) -> None:
        kept = QCoreApplication.translate(
            "AdminPage", "Đã khôi phục; cơ sở dữ liệu trước được giữ ở {0}."
        ).format(restored.kept.name)
        if not restored.needs_recovery:
            self._restore_done(f"{kept} {restored.plan}", ok=True)
            return
        self._restore_said(f"{kept} {restored.plan}", ok=True)
        admin_ops.recover_from_hub(self.ctx).success(self._recovered).progress(
            self._recovering
        ).failure(self._restore_failed).guard(self).run()

    def _recovering(self, done: int, _total: int, phase: str) -> None:
        if phase == "recover":
            self._restore_said(
                QCoreApplication.translate(
                    "AdminPage", "Đang lấy lại từ máy chủ tỉnh: {0} hồ sơ…"
                ).format(done),
                ok=True,
            )

    def _recovered(self, outcome: SyncOutcome) -> None:
        recovered = int(getattr(outcome.result, "recovered", 0) or 0)
        if outcome.ok:
            self._restore_done(
                QCoreApplication.translate(
                    "AdminPage",
                    "Đã khôi phục và lấy lại {0} hồ sơ từ máy chủ tỉnh; quầy tiếp nhận hồ sơ "
                    "bình thường.",
                ).format(recovered),
                ok=True,
            )
        else:
            self._restore_done(
                QCoreApplication.translate(
                    "AdminPage",
                    "Đã khôi phục nhưng chưa lấy lại được từ máy chủ tỉnh ({0}). Quầy chưa "
                    "tiếp nhận hay thay đổi hồ sơ cho tới khi đồng bộ được.",
                ).format(outcome_words(outcome)),
                ok=False,
            )

    def _restore_failed(self, exc: BaseException) -> None:
        self._restore_done(user_message(exc), ok=False)

    def _restore_done(self, text: str, *, ok: bool) -> None:
        self.restore_progress.hide()
        self.restore_button.setEnabled(True)
        self._restore_said(text, ok=ok)
        self.refresh()
        self.restore_finished.emit(text)

    def _restore_said(self, text: str, *, ok: bool) -> None:
        self.restore_message.setStyleSheet("color: #1b7f3b;" if ok else "color: #a61b1b;")
        self.restore_message.setText(text)


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

        # The folder the office's multifunction printer scans into, read by the intake form
        # (which can choose it too).
        self.scan_folder = QLineEdit(str(ctx.settings.value(SCAN_FOLDER, "") or ""))
        self.scan_folder.setObjectName("scanFolder")
        self.scan_folder.setReadOnly(True)
        self.scan_folder.setPlaceholderText(
            QCoreApplication.translate("AdminPage", "Chưa chọn: bản quét mới không tự hiện")
        )
        choose = QPushButton(QCoreApplication.translate("AdminPage", "Chọn thư mục…"))
        choose.setObjectName("chooseScanFolder")
        choose.clicked.connect(self.pick_scan_folder)
        self.choose_scan_folder: Callable[[], Path | None] = self._folder_dialog  # tests replace
        row = QHBoxLayout()
        row.addWidget(self.scan_folder, 1)
        row.addWidget(choose)
        form.addRow(QCoreApplication.translate("AdminPage", "Thư mục máy quét"), row)

    def pick_scan_folder(self) -> None:
        folder = self.choose_scan_folder()
        if folder is not None:
            self.ctx.settings.setValue(SCAN_FOLDER, str(folder))
            self.ctx.settings.sync()
            self.scan_folder.setText(str(folder))

    def _folder_dialog(self) -> Path | None:
        chosen = QFileDialog.getExistingDirectory(
            self,
            QCoreApplication.translate("AdminPage", "Thư mục máy quét lưu bản quét"),
            self.scan_folder.text(),
        )
        return Path(chosen) if chosen else None

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
