"""The detail pane of the Hồ sơ page: every field, the documents, the timeline, the sync
state in words, and the actions this user may take on this dossier in its current status.

Everything is read in one job on the database worker; each action is one operation whose
success reloads the pane (and, through ctx.changed, the list).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from counter_app import clock, competence, forms
from counter_app.lateness import APOLOGY_ALLOWED
from counter_app.lifecycle import TRANSITIONS, Status
from counter_app.models import Dossier, SyncState, User
from counter_app.roles import may_set_status

from .context import AppContext
from .dossier_model import LATE_WORDS, tr
from .errors import user_message
from .formatting import fmt_date, fmt_datetime, fmt_money
from .i18n import QT_TRANSLATE_NOOP
from .labels import status_label
from .operations import dossiers as dossier_ops
from .operations.dossiers import DetailData

# Handing the result over happens at the return desk (who received it); who may stop a
# dossier is the role table's rule (counter_app/roles.py).
AT_RETURN_DESK = frozenset({Status.RETURNED})
ACTION_WORDS = {
    Status.PROCESSING: QT_TRANSLATE_NOOP("DossierDetail", "Chuyển xử lý"),
    Status.SUPPLEMENT_REQUESTED: QT_TRANSLATE_NOOP("DossierDetail", "Yêu cầu bổ sung"),
    Status.PAYMENT_REQUESTED: QT_TRANSLATE_NOOP("DossierDetail", "Yêu cầu nộp phí, lệ phí"),
    Status.RESULT_READY: QT_TRANSLATE_NOOP("DossierDetail", "Đã có kết quả"),
    Status.WITHDRAWN: QT_TRANSLATE_NOOP("DossierDetail", "Công dân rút hồ sơ"),
    Status.STOPPED: QT_TRANSLATE_NOOP("DossierDetail", "Dừng xử lý"),
    Status.REFUSED: QT_TRANSLATE_NOOP("DossierDetail", "Từ chối"),
}
EVENT_WORDS = {
    "intake": QT_TRANSLATE_NOOP("DossierDetail", "Tiếp nhận"),
    "status": QT_TRANSLATE_NOOP("DossierDetail", "Chuyển trạng thái"),
    "return": QT_TRANSLATE_NOOP("DossierDetail", "Trả kết quả"),
    "print": QT_TRANSLATE_NOOP("DossierDetail", "In"),
    "apology": QT_TRANSLATE_NOOP("DossierDetail", "Thư xin lỗi, hẹn lại"),
    "rating": QT_TRANSLATE_NOOP("DossierDetail", "Đánh giá"),
    "attach": QT_TRANSLATE_NOOP("DossierDetail", "Đính kèm tệp"),
}
RATING_WORDS = {
    "rat_hai_long": QT_TRANSLATE_NOOP("DossierDetail", "Rất hài lòng"),
    "hai_long": QT_TRANSLATE_NOOP("DossierDetail", "Hài lòng"),
    "khong_hai_long": QT_TRANSLATE_NOOP("DossierDetail", "Không hài lòng"),
}


def t(text: str) -> str:
    return tr(text, "DossierDetail")


def allowed_statuses(status: Status, user: User | None) -> list[Status]:
    """The life cycle's next statuses this user may choose here, in the life cycle's order;
    the core's role table (counter_app/roles.py) decides, this only hides what it refuses."""
    nexts = TRANSITIONS[status] - AT_RETURN_DESK
    return [s for s in Status if s in nexts and may_set_status(user, s)]


def sync_words(d: Dossier, conflict: bool) -> str:
    if conflict:
        return QCoreApplication.translate(
            "DossierDetail",
            "Xung đột: hồ sơ đã được sửa cả ở đây và ở cấp tỉnh. Lãnh đạo xem trang Đồng bộ để"
            " quyết định.",
        )
    if d.sync_state is SyncState.ERROR:
        return QCoreApplication.translate(
            "DossierDetail",
            "Lỗi đồng bộ: {0}. Máy sẽ tự gửi lại; nếu lỗi còn, báo lãnh đạo xem trang Đồng bộ.",
        ).format(d.sync_error or QCoreApplication.translate("DossierDetail", "không rõ lý do"))
    if d.sync_state is SyncState.SYNCED:
        return QCoreApplication.translate("DossierDetail", "Đã gửi lên hệ thống của tỉnh.")
    if d.sync_state is SyncState.SENDING:
        return QCoreApplication.translate("DossierDetail", "Đang gửi lên hệ thống của tỉnh…")
    return QCoreApplication.translate(
        "DossierDetail", "Chờ gửi lên hệ thống của tỉnh (gửi khi có mạng)."
    )


class ActionDialog(QDialog):
    """OK submits; the dialog closes only once the worker has done it, else shows why."""

    submitted = Signal()

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submitted.emit)
        buttons.rejected.connect(self.reject)
        return buttons

    def failed(self, exc: BaseException) -> None:
        self.error.setText(user_message(exc))

    error: QLabel


class NoteDialog(ActionDialog):
    """Confirms a status change, with the note that goes into the dossier's history; to result
    ready, also the electronic result's file."""

    file_chosen = Signal(object)  # Path picked in the file dialog, to be checked by the core

    def __init__(self, parent: QWidget, code: str, to: Status, required: bool = False) -> None:
        super().__init__(parent)
        self.to = to
        self.setWindowTitle(QCoreApplication.translate("DossierDetail", "Chuyển trạng thái hồ sơ"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                QCoreApplication.translate("DossierDetail", "Hồ sơ {0} → {1}").format(
                    code, status_label(to)
                )
            )
        )
        self.note = QLineEdit()
        self.note.setObjectName("statusNote")
        self.note.setPlaceholderText(
            QCoreApplication.translate("DossierDetail", "Ghi chú / lý do (ghi vào lịch sử hồ sơ)")
        )
        layout.addWidget(self.note)
        self.result_file: Path | None = None
        if to is Status.RESULT_READY:
            layout.addWidget(self._result_file_row(required))
        self.error = QLabel()
        self.error.setStyleSheet("color: #a61b1b;")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        layout.addWidget(self._buttons())
        self.resize(520, self.sizeHint().height())

    def _result_file_row(self, required: bool) -> QWidget:
        """The electronic result (Circular 03/2025 Art. 5): chosen here, checked by the core."""
        box = QGroupBox(QCoreApplication.translate("DossierDetail", "Kết quả điện tử"))
        layout = QVBoxLayout(box)
        if required:
            must = QLabel(
                QCoreApplication.translate(
                    "DossierDetail",
                    "Thủ tục này bắt buộc đính kèm tệp kết quả (PDF hoặc ảnh quét).",
                )
            )
            must.setObjectName("resultFileRequired")
            must.setWordWrap(True)
            must.setStyleSheet("color: #7a5200; font-weight: bold;")
            layout.addWidget(must)
        line = QHBoxLayout()
        self.file_label = QLabel(QCoreApplication.translate("DossierDetail", "Chưa chọn tệp"))
        self.file_label.setObjectName("resultFileName")
        self.file_label.setWordWrap(True)
        self.file_button = QPushButton(
            QCoreApplication.translate("DossierDetail", "Chọn tệp kết quả…")
        )
        self.file_button.setObjectName("resultFileButton")
        self.file_button.clicked.connect(self.choose_file)
        line.addWidget(self.file_label, 1)
        line.addWidget(self.file_button)
        layout.addLayout(line)
        return box

    def choose_file(self) -> QFileDialog:
        return open_result_file_dialog(self, self.file_chosen.emit)

    def show_file(self, path: Path | None, problem: str = "") -> None:
        """What the core said of the chosen file: kept and named, or refused in words."""
        self.result_file = path
        self.error.setText(problem)
        self.file_label.setText(
            path.name
            if path is not None
            else QCoreApplication.translate("DossierDetail", "Chưa chọn tệp")
        )


class ApologyDialog(ActionDialog):
    """Mẫu 04: the reason for the delay and the new appointment."""

    def __init__(self, parent: QWidget, d: Dossier, suggested: datetime | None) -> None:
        super().__init__(parent)
        # The letter's name in the dossier's set: an apology and request to extend since 2025.
        self.setWindowTitle(forms.dossier_forms(d)["apology"].label)
        form = QFormLayout(self)
        self.reason = QLineEdit()
        self.reason.setObjectName("apologyReason")
        self.new_due = QDateTimeEdit()
        self.new_due.setObjectName("apologyNewDue")
        self.new_due.setDisplayFormat("HH:mm dd/MM/yyyy")
        self.new_due.setCalendarPopup(True)
        start = suggested or clock.now() + timedelta(days=2)
        # Qt's stubs take no Python date/time here; the same value as PySide converted them to.
        day = QDate(start.year, start.month, start.day)
        at = QTime(start.hour, start.minute, 0, start.microsecond // 1000)
        self.new_due.setDateTime(QDateTime(day, at))
        form.addRow(
            QCoreApplication.translate("DossierDetail", "Hẹn cũ"),
            QLabel(fmt_datetime(d.appointment)),
        )
        form.addRow(QCoreApplication.translate("DossierDetail", "Lý do chậm"), self.reason)
        form.addRow(QCoreApplication.translate("DossierDetail", "Hẹn mới"), self.new_due)
        self.error = QLabel()
        self.error.setStyleSheet("color: #a61b1b;")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        form.addRow(self._buttons())
        self.resize(480, self.sizeHint().height())

    def new_due_at(self) -> datetime:
        value = self.new_due.dateTime()
        d, tm = value.date(), value.time()
        return datetime(d.year(), d.month(), d.day(), tm.hour(), tm.minute(), tzinfo=clock.VN_TZ)


class DossierDetail(QScrollArea):
    loaded = Signal(object)  # DetailData
    changed = Signal(object)  # Dossier after an action

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("dossierDetail")
        self.setWidgetResizable(True)
        self.data: DetailData | None = None
        self.dialog: QDialog | None = None
        self.status_buttons: dict[Status, QPushButton] = {}
        body = QWidget()
        self.body = QVBoxLayout(body)
        self.body.setContentsMargins(12, 8, 12, 8)
        self.setWidget(body)
        self.placeholder = QLabel(
            QCoreApplication.translate(
                "DossierDetail", "Chọn một hồ sơ trong danh sách để xem chi tiết."
            )
        )
        self.placeholder.setStyleSheet("color: #555; font-size: 14px;")
        self.body.addWidget(self.placeholder)
        self.body.addStretch(1)

    # --- loading -------------------------------------------------------------------------

    def show_code(self, code: str) -> None:
        dossier_ops.detail(self.ctx, code=code, user=self.ctx.user).success(self._show).failure(
            lambda exc: self._show_message(user_message(exc))
        ).guard(self).run()

    def clear(self) -> None:
        self.data = None
        self._show_message(
            QCoreApplication.translate(
                "DossierDetail", "Chọn một hồ sơ trong danh sách để xem chi tiết."
            )
        )

    def _reset(self) -> None:
        while self.body.count():
            item = self.body.takeAt(0)
            if item is not None and (w := item.widget()) is not None:
                w.hide()
                w.deleteLater()
        self.status_buttons = {}

    def _show_message(self, text: str) -> None:
        self._reset()
        label = QLabel(text)
        label.setWordWrap(True)
        self.body.addWidget(label)
        self.body.addStretch(1)

    def _show(self, data: DetailData) -> None:
        self.data = data
        self._reset()
        d = data.dossier
        # Three columns under the list: what it is and what to do | every field | documents
        # and history. The list above keeps the full width, so no code is ever cut.
        row = QWidget()
        columns = QHBoxLayout(row)
        columns.setContentsMargins(0, 0, 0, 0)
        for widgets, stretch in (
            ((self._header(data), self._actions(data)), 3),
            ((self._fields(data),), 4),
            ((self._documents(d), self._timeline(data)), 4),
        ):
            column = QVBoxLayout()
            for widget in widgets:
                column.addWidget(widget)
            column.addStretch(1)
            columns.addLayout(column, stretch)
        self.body.addWidget(row)
        self.loaded.emit(data)

    # --- sections ------------------------------------------------------------------------

    def _header(self, data: DetailData) -> QWidget:
        d = data.dossier
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        code = QLabel(d.code)
        code.setObjectName("detailCode")
        code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        code.setStyleSheet("font-size: 17px; font-weight: bold;")
        layout.addWidget(code)
        status = QLabel(status_label(d.status))
        status.setObjectName("detailStatus")
        status.setStyleSheet("font-size: 15px; color: #1f5fa8; font-weight: bold;")
        layout.addWidget(status)
        if data.late:
            late = QLabel(
                QCoreApplication.translate("DossierDetail", "{0} — hẹn trả {1}").format(
                    tr(LATE_WORDS[data.late]), fmt_datetime(d.due_at)
                )
            )
            late.setObjectName("detailLate")
            colour = "#a61b1b" if data.late == "late" else "#7a5200"
            back = "#fbe3e1" if data.late == "late" else "#fff3cd"
            late.setStyleSheet(
                f"color: {colour}; background: {back}; padding: 4px 8px;font-weight: bold;"
            )
            layout.addWidget(late)
        sync = QLabel(sync_words(d, data.conflict))
        sync.setObjectName("detailSync")
        sync.setWordWrap(True)
        bad = data.conflict or d.sync_state is SyncState.ERROR
        sync.setStyleSheet("color: #a61b1b;" if bad else "color: #444;")
        layout.addWidget(sync)
        return box

    def _actions(self, data: DetailData) -> QWidget:
        d, user = data.dossier, self.ctx.user
        box = QGroupBox(QCoreApplication.translate("DossierDetail", "Thao tác"))
        grid = QGridLayout(box)
        # Only what this office may do (counter_app/competence.py): another commune's decisions
        # are not offered here.
        choices = [
            s
            for s in allowed_statuses(d.status, user)
            if competence.change_problem(d, data.office, d.status, s) is None
        ]
        for i, status in enumerate(choices):
            button = QPushButton(t(ACTION_WORDS.get(status, status.value)))
            button.setObjectName(f"to_{status.value}")
            button.clicked.connect(lambda _=False, s=status: self.request_status(s))
            self.status_buttons[status] = button
            grid.addWidget(button, i // 2, i % 2)
        row = (len(self.status_buttons) + 1) // 2
        if d.status is Status.RESULT_READY:
            hint = QLabel(
                QCoreApplication.translate(
                    "DossierDetail", "Trả kết quả cho công dân ở trang Trả kết quả."
                )
            )
            hint.setWordWrap(True)
            grid.addWidget(hint, row, 0, 1, 2)
            row += 1
            # A result file forgotten when the dossier became result ready, or a second one.
            self.attach_result_button = QPushButton(
                QCoreApplication.translate("DossierDetail", "Đính kèm tệp kết quả…")
            )
            self.attach_result_button.setObjectName("attachResultButton")
            self.attach_result_button.clicked.connect(self.choose_result_file)
            grid.addWidget(self.attach_result_button, row, 0, 1, 2)
            self.result_message = QLabel()
            self.result_message.setObjectName("resultMessage")
            self.result_message.setWordWrap(True)
            self.result_message.hide()  # no blank line until there is something to say
            grid.addWidget(self.result_message, row + 1, 0, 1, 2)
            row += 2
        if (
            d.status in APOLOGY_ALLOWED
            and d.due_at
            and user is not None
            and competence.apology_problem(d, data.office) is None
        ):
            self.apology_button = QPushButton(
                QCoreApplication.translate("DossierDetail", "Thư xin lỗi, hẹn lại…")
            )
            self.apology_button.setObjectName("apologyButton")
            self.apology_button.clicked.connect(self.request_apology)
            grid.addWidget(self.apology_button, row, 0, 1, 2)
            row += 1
        printable = data.printable
        if printable:
            line = QHBoxLayout()
            self.form_choice = QComboBox()
            self.form_choice.setObjectName("reprintForm")
            for form in printable:
                self.form_choice.addItem(data.form_labels.get(form, form), form)
            reprint = QPushButton(QCoreApplication.translate("DossierDetail", "In lại"))
            reprint.setObjectName("reprintButton")
            reprint.clicked.connect(
                lambda _checked=False: self.reprint(str(self.form_choice.currentData()))
            )
            line.addWidget(self.form_choice, 1)
            line.addWidget(reprint)
            grid.addLayout(line, row, 0, 1, 2)
        if not self.status_buttons and not printable:
            grid.addWidget(
                QLabel(
                    QCoreApplication.translate(
                        "DossierDetail", "Hồ sơ đã kết thúc, không còn thao tác."
                    )
                ),
                0,
                0,
            )
        return box

    def _fields(self, data: DetailData) -> QWidget:
        d, a = data.dossier, data.dossier.applicant
        box = QGroupBox(QCoreApplication.translate("DossierDetail", "Thông tin hồ sơ"))
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        clerk = data.clerk_names.get(d.received_by, d.received_by)
        rows = [
            (
                QCoreApplication.translate("DossierDetail", "Thủ tục"),
                f"{d.procedure_name} ({d.procedure_code})",
            ),
            (QCoreApplication.translate("DossierDetail", "Người nộp"), a.full_name),
            (QCoreApplication.translate("DossierDetail", "Số CCCD/giấy tờ"), a.id_number),
            (QCoreApplication.translate("DossierDetail", "Ngày sinh"), fmt_date(a.birth_date)),
            (QCoreApplication.translate("DossierDetail", "Giới tính"), a.gender or ""),
            (QCoreApplication.translate("DossierDetail", "Điện thoại"), a.phone),
            (QCoreApplication.translate("DossierDetail", "Thư điện tử"), a.email or ""),
            (QCoreApplication.translate("DossierDetail", "Địa chỉ"), a.address or ""),
            (
                QCoreApplication.translate("DossierDetail", "Chủ hồ sơ"),
                f"{d.owner_name or ''} {d.owner_id_number or ''}".strip(),
            ),
            (QCoreApplication.translate("DossierDetail", "Ngày nhận"), fmt_datetime(d.received_at)),
            (
                QCoreApplication.translate("DossierDetail", "Hẹn trả"),
                fmt_datetime(d.due_at) if d.due_at else "—",
            ),
            (QCoreApplication.translate("DossierDetail", "Người tiếp nhận"), clerk),
            (QCoreApplication.translate("DossierDetail", "Số bộ hồ sơ"), str(d.sets)),
            (
                QCoreApplication.translate("DossierDetail", "Phí, lệ phí"),
                fmt_money(d.fee)
                if d.fee
                else QCoreApplication.translate("DossierDetail", "Không thu"),
            ),
            (
                QCoreApplication.translate("DossierDetail", "Có kết quả lúc"),
                fmt_datetime(d.result_at),
            ),
            (
                QCoreApplication.translate("DossierDetail", "Trả kết quả lúc"),
                fmt_datetime(d.returned_at),
            ),
            (
                QCoreApplication.translate("DossierDetail", "Người nhận kết quả"),
                d.returned_to or "",
            ),
            (
                QCoreApplication.translate("DossierDetail", "Đánh giá"),
                t(RATING_WORDS[d.satisfaction]) if d.satisfaction else "",
            ),
            (QCoreApplication.translate("DossierDetail", "Ghi chú"), d.notes or ""),
        ]
        if reason := d.extra.get("refusal_reason"):
            rows.append((QCoreApplication.translate("DossierDetail", "Lý do từ chối"), str(reason)))
        if d.extended_due_at:
            rows.append(
                (
                    QCoreApplication.translate("DossierDetail", "Gia hạn đến"),
                    fmt_datetime(d.extended_due_at),
                )
            )
        if d.resolving_unit != d.receiving_unit:  # received for another commune

            def office(code: str) -> str:
                name = data.office_names.get(code)
                return f"{name} ({code})" if name else code

            rows.append(
                (
                    QCoreApplication.translate("DossierDetail", "Cơ quan giải quyết"),
                    office(d.resolving_unit),
                )
            )
            rows.append(
                (
                    QCoreApplication.translate("DossierDetail", "Nơi trả kết quả"),
                    office(d.handout_office),
                )
            )
            rows.append(
                (QCoreApplication.translate("DossierDetail", "Đang giữ hồ sơ"), office(d.holder))
            )
        for label, value in rows:
            if value:
                text = QLabel(value)
                text.setWordWrap(True)
                text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                form.addRow(label, text)
        return box

    def _documents(self, d: Dossier) -> QWidget:
        box = QGroupBox(QCoreApplication.translate("DossierDetail", "Giấy tờ đã nhận"))
        layout = QVBoxLayout(box)
        if not d.documents:
            layout.addWidget(QLabel(QCoreApplication.translate("DossierDetail", "Không có")))
        for doc in d.documents:
            counts = [
                (doc.originals, QCoreApplication.translate("DossierDetail", "bản chính")),
                (
                    doc.certified_copies,
                    QCoreApplication.translate("DossierDetail", "bản sao chứng thực"),
                ),
                (doc.photocopies, QCoreApplication.translate("DossierDetail", "bản photo")),
            ]
            parts = ", ".join(f"{n} {word}" for n, word in counts if n)
            label = QLabel(f"• {doc.name}" + (f" — {parts}" if parts else ""))
            label.setWordWrap(True)
            layout.addWidget(label)
        return box

    def _timeline(self, data: DetailData) -> QWidget:
        box = QGroupBox(QCoreApplication.translate("DossierDetail", "Lịch sử hồ sơ"))
        layout = QVBoxLayout(box)
        lines = []
        for e in data.events:
            who = escape(data.clerk_names.get(e.username, e.username))
            what = t(EVENT_WORDS.get(e.kind, e.kind))
            if e.new_status:
                what += f": {status_label(Status(e.new_status))}"
            if e.kind == "print":
                form = str(e.data.get("form", ""))
                what += f" {data.form_labels.get(form, form)}"
                what += f" ({t('bản sao')})" if e.data.get("copy") else ""
            if e.kind == "attach":
                result = e.data.get("kind") == "result"
                if result:
                    what += " " + QCoreApplication.translate("DossierDetail", "kết quả điện tử")
                what += f": {e.data.get('name', '')}"
            if e.kind == "apology" and e.data.get("new_due_at"):
                what += " → " + fmt_datetime(str(e.data["new_due_at"]))
            if e.kind == "rating" and e.note in RATING_WORDS:
                what += f": {t(RATING_WORDS[e.note])}"
            elif e.note:
                what += f" — {e.note}"
            lines.append(f"<b>{fmt_datetime(e.at)}</b> · {escape(what)} · <i>{who}</i>")
        label = QLabel("<br>".join(lines))
        label.setObjectName("timeline")
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(label)
        return box

    # --- actions -------------------------------------------------------------------------

    def request_status(self, to: Status) -> NoteDialog | None:
        """Opens the confirmation (non-blocking); on OK the change runs on the worker."""
        if self.data is None or self.ctx.user is None:
            return None
        dialog = NoteDialog(self, self.data.dossier.code, to, self.data.result_file_required)
        dialog.submitted.connect(lambda: self._change(dialog))
        dialog.file_chosen.connect(lambda path: self.check_result_file(dialog, path))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _change(self, dialog: NoteDialog) -> None:
        assert self.data is not None and self.ctx.user is not None
        user, code, to, note = self.ctx.user, self.data.dossier.code, dialog.to, dialog.note.text()

        def done(d: Dossier) -> None:
            self._done(dialog, d)
            # The applicant asked to stop: the notice (Mẫu 05 of 2025) goes to them at once.
            if d.status in forms.STOP_STATUSES and "stop" in forms.dossier_forms(d):
                from . import printing  # Qt PDF loads when a form is first shown

                printing.preview(self.ctx, self, form="stop", code=d.code)

        if to is Status.RESULT_READY:
            dossier_ops.mark_result_ready(
                self.ctx, actor=user, code=code, path=dialog.result_file, note=note or None
            ).success(done).failure(dialog.failed).guard(dialog).run()
            return
        dossier_ops.change_status(
            self.ctx, actor=user, code=code, to=to, note=note or None
        ).success(done).failure(dialog.failed).guard(dialog).run()

    def check_result_file(self, dialog: NoteDialog, path: Path) -> None:
        """The core reads and judges the file on the worker; a bad one is named, not kept."""
        dialog.error.setText(QCoreApplication.translate("DossierDetail", "Đang kiểm tra tệp…"))
        dossier_ops.check_result_file(self.ctx, path=path).success(
            lambda _ok: dialog.show_file(path)
        ).failure(lambda exc: dialog.show_file(None, user_message(exc))).guard(dialog).run()

    def choose_result_file(self) -> QFileDialog:
        return open_result_file_dialog(self, self.attach_result)

    def attach_result(self, path: Path) -> None:
        """The core checks and stores the file on the worker; a bad one is named, not kept."""
        if self.data is None or self.ctx.user is None:
            return
        code = self.data.dossier.code
        self.result_message.show()
        self.result_message.setStyleSheet("color: #444;")
        self.result_message.setText(
            QCoreApplication.translate("DossierDetail", "Đang kiểm tra tệp…")
        )

        def failed(exc: BaseException) -> None:
            self.result_message.setStyleSheet("color: #a61b1b;")
            self.result_message.setText(user_message(exc))

        dossier_ops.attach_result(self.ctx, actor=self.ctx.user, code=code, path=path).success(
            lambda _row: self.show_code(code)
        ).failure(failed).guard(self).run()

    def request_apology(self) -> ApologyDialog | None:
        if self.data is None or self.ctx.user is None:
            return None
        dialog = ApologyDialog(self, self.data.dossier, self.data.suggested_due)
        dialog.submitted.connect(lambda: self._apology(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _apology(self, dialog: ApologyDialog) -> None:
        assert self.data is not None and self.ctx.user is not None
        user, code = self.ctx.user, self.data.dossier.code
        reason, new_due = dialog.reason.text(), dialog.new_due_at()

        def done(d: Dossier) -> None:
            from . import printing  # Qt PDF on first print, not on the dossier list's start

            self._done(dialog, d)
            printing.preview(self.ctx, self, form="apology", code=d.code)

        dossier_ops.record_apology(
            self.ctx, actor=user, code=code, reason=reason, new_due=new_due
        ).success(done).failure(dialog.failed).guard(dialog).run()

    def reprint(self, form: str) -> None:
        from . import printing  # Qt PDF on first print, not on the dossier list's start

        if self.data is not None:
            code = self.data.dossier.code
            printing.preview(
                self.ctx, self, form=form, code=code, on_done=lambda _where: self.show_code(code)
            )

    def _done(self, dialog: QDialog, d: Dossier) -> None:
        dialog.accept()
        self._after_action(d)

    def _after_action(self, d: Dossier) -> None:
        self.changed.emit(d)
        self.show_code(d.code)


def open_result_file_dialog(parent: QWidget, chosen: Callable[[Path], None]) -> QFileDialog:
    """The file dialog for an electronic result (the status dialog's and the detail pane's)."""
    dialog = QFileDialog(
        parent, QCoreApplication.translate("DossierDetail", "Chọn tệp kết quả điện tử")
    )
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setNameFilter(
        QCoreApplication.translate(
            "DossierDetail", "Tệp kết quả (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)"
        )
    )
    dialog.fileSelected.connect(lambda name: chosen(Path(name)))
    dialog.open()
    return dialog
