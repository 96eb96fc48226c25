"""Tiếp nhận (intake): pick the procedure, fill the applicant (or scan the ID card), tick the
documents, then Accept (Mẫu 01), Incomplete (Mẫu 02) or Refuse (Mẫu 03).

Made for the keyboard: Tab walks the form in reading order; Ctrl+Enter accepts, Ctrl+B
prints the supplement request, Ctrl+R refuses, Ctrl+D ticks every document, Ctrl+K reuses
a known applicant's details, Ctrl+N starts over.
"""

from __future__ import annotations

import itertools
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter_app import clock
from counter_app.drafts import Draft
from counter_app.errors import ValidationError
from counter_app.idcard import IdCardData
from counter_app.intake import IntakeRequest
from counter_app.models import Applicant, DocumentReceived, Dossier, Procedure, TimeUnit

from .. import operations as ops
from ..context import AppContext
from ..errors import user_message
from ..formatting import fmt_date, fmt_datetime, fmt_money
from ..i18n import QT_TRANSLATE_NOOP, pick
from ..operations import intake_form as intake_ops
from ..widgets.checklist import DocumentChecklist
from ..widgets.idcard_scan import IdCardScanCatcher
from ..widgets.office_picker import OfficePicker
from ..widgets.procedure_picker import ProcedurePicker
from ..widgets.scans import ScanPanel
from .base import Page

if TYPE_CHECKING:
    # ui.printing (Qt PDF, Qt Print Support) is imported where a form is printed: the first
    # print pays for it, not the app's start.
    from .. import printing

ERROR_STYLE = "color: #b00020;"
DUE_REFRESH_MS = 60_000
DRAFT_SAVE_MS = 700  # after the last key: a burst of typing is one write
# The form's fields in reading order: the order problems are reported and focused in.
FIELD_ORDER = (
    "procedure",
    "full_name",
    "id_number",
    "birth_date",
    "gender",
    "phone",
    "email",
    "address",
    "owner_name",
    "owner_id_number",
    "documents",
    "sets",
    "notes",
)
TEXT_FIELDS = (
    "full_name",
    "id_number",
    "birth_date",
    "phone",
    "email",
    "address",
    "owner_name",
    "owner_id_number",
    "notes",
)


def sentence(text: str) -> str:
    """A message as a sentence: capital first letter, final full stop."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?…" else text + "."


def _error_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(f"error_{name}")
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


class IntakePage(Page):
    KEY = "intake"
    TITLE = QT_TRANSLATE_NOOP("Nav", "Tiếp nhận")

    accepted = Signal(object)  # Dossier
    refused = Signal(object)  # Dossier
    preview_opened = Signal(object)  # printing.PrintPreview
    draft_saved = Signal()
    draft_offered = Signal(object)  # Draft | None
    draft_restored = Signal()
    problems_shown = Signal(object)  # dict field -> message

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.procedure: Procedure | None = None
        self.known: Applicant | None = None
        self.errors: dict[str, QLabel] = {}
        self.draft: Draft | None = None  # one left from an earlier session, offered back
        self._build()
        self._shortcuts()
        self._due_timer = QTimer(self)
        self._due_timer.setInterval(DUE_REFRESH_MS)
        self._due_timer.timeout.connect(self._refresh_due)
        self._due_timer.start()
        ctx.changed.connect(self._on_changed)
        self.load_procedures()
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_SAVE_MS)
        self._draft_timer.timeout.connect(self.save_draft)
        self._watch_edits()
        self.offer_draft()
        intake_ops.attachment_limit(ctx).success(self._set_limit).guard(self).run()

    def _set_limit(self, max_bytes: int) -> None:
        self.scans.checker.max_bytes = max_bytes

    # --- layout ------------------------------------------------------------------------

    def _line(self, name: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    def _row(self, form: QFormLayout, label: str, field: QWidget, name: str) -> None:
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(field)
        self.errors[name] = _error_label(name)
        box.addWidget(self.errors[name])
        form.addRow(label, box)

    def _build(self) -> None:
        # Left: procedure and applicant.
        self.picker = ProcedurePicker()
        self.picker.chosen.connect(self.choose_procedure)
        self.chosen_label = QLabel(self.tr("Chưa chọn thủ tục"))
        self.chosen_label.setObjectName("chosenProcedure")
        self.chosen_label.setWordWrap(True)
        self.chosen_label.setStyleSheet("font-weight: bold; font-size: 14px;")
        self.errors["procedure"] = _error_label("procedure")
        proc_box = QGroupBox(self.tr("1. Thủ tục"))
        proc_layout = QVBoxLayout(proc_box)
        proc_layout.addWidget(self.picker)
        proc_layout.addWidget(self.chosen_label)
        proc_layout.addWidget(self.errors["procedure"])

        self.full_name = self._line("full_name", self.tr("Họ và tên người nộp"))
        self.id_number = self._line("id_number", self.tr("12 số (hoặc quét mã QR trên căn cước)"))
        self.birth_date = self._line("birth_date", "dd/mm/yyyy")
        self.gender = QComboBox()
        self.gender.setObjectName("gender")
        self.gender.addItem("", None)
        self.gender.addItem(self.tr("Nam"), "Nam")
        self.gender.addItem(self.tr("Nữ"), "Nữ")
        self.phone = self._line("phone", "09xx xxx xxx")
        self.email = self._line("email")
        self.address = self._line("address")
        # The owner (chủ hồ sơ) when someone files on another's behalf, e.g. a parent.
        self.owner_name = self._line("owner_name", self.tr("Để trống nếu là người nộp"))
        self.owner_id_number = self._line("owner_id_number", self.tr("12 số"))
        self.known_box = QFrame()
        self.known_box.setObjectName("knownApplicant")
        self.known_box.setStyleSheet(
            "QFrame#knownApplicant { background: #fff7d6; border: 1px solid #e0c200; }"
        )
        self.known_label = QLabel()
        self.known_label.setWordWrap(True)
        self.known_button = QPushButton(self.tr("Dùng thông tin cũ (Ctrl+K)"))
        self.known_button.setObjectName("useKnown")
        self.known_button.clicked.connect(self.use_known)
        known_layout = QHBoxLayout(self.known_box)
        known_layout.addWidget(self.known_label, 1)
        known_layout.addWidget(self.known_button)
        self.known_box.hide()
        applicant_box = QGroupBox(self.tr("2. Người nộp hồ sơ"))
        form = QFormLayout(applicant_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._row(form, self.tr("Họ tên *"), self.full_name, "full_name")
        self._row(form, self.tr("Số định danh *"), self.id_number, "id_number")
        form.addRow(self.known_box)
        self._row(form, self.tr("Ngày sinh"), self.birth_date, "birth_date")
        self._row(form, self.tr("Giới tính"), self.gender, "gender")
        self._row(form, self.tr("Điện thoại *"), self.phone, "phone")
        self._row(form, self.tr("Email"), self.email, "email")
        self._row(form, self.tr("Địa chỉ"), self.address, "address")
        owner_title = QLabel(self.tr("Chủ hồ sơ (nếu khác người nộp)"))
        owner_title.setStyleSheet("font-weight: bold;")
        owner_title.setContentsMargins(0, 6, 0, 0)
        form.addRow(owner_title)
        self._row(form, self.tr("Họ tên chủ hồ sơ"), self.owner_name, "owner_name")
        self._row(form, self.tr("Số định danh chủ hồ sơ"), self.owner_id_number, "owner_id_number")
        self.scan_message = QLabel()
        self.scan_message.setObjectName("scanMessage")
        self.scan_message.setWordWrap(True)
        form.addRow(self.scan_message)

        # Right: documents, due date, outcome.
        # Scans per item (Circular 03 Art. 5): from a file dialog, by drag and drop, or from
        # the scan folder the office's printer scans into.
        self.scans = ScanPanel(self.ctx.settings)
        self.scans.place_item = lambda item: self.checklist.put_below(item.row, item)
        self.scans.scanned.connect(self._on_scanned)
        self.scans_lacking = self.scans.lacking_label  # "Còn N thành phần chưa có bản quét"
        self.checklist = DocumentChecklist()
        self.checklist.changed.connect(self._on_checklist)
        self.errors["documents"] = _error_label("documents")
        self.sets = QSpinBox()
        self.sets.setObjectName("sets")
        self.sets.setRange(1, 99)
        self.sets.setMaximumWidth(90)
        self.notes = self._line("notes")
        docs_box = QGroupBox(self.tr("3. Thành phần hồ sơ (Ctrl+D: nhận đủ tất cả)"))
        docs_layout = QVBoxLayout(docs_box)
        docs_layout.addWidget(self.checklist)
        docs_layout.addWidget(self.scans)
        docs_layout.addWidget(self.errors["documents"])
        docs_layout.addStretch(1)
        extra = QFormLayout()
        extra.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._row(extra, self.tr("Số bộ hồ sơ"), self.sets, "sets")
        self._row(extra, self.tr("Ghi chú"), self.notes, "notes")
        self.office_picker = OfficePicker(self.ctx)  # received for another commune
        self._row(extra, self.tr("Cơ quan giải quyết"), self.office_picker, "resolving_unit")
        docs_layout.addLayout(extra)

        self.due_label = QLabel("—")
        self.due_label.setObjectName("dueDate")
        self.due_label.setStyleSheet("font-size: 18px; font-weight: bold; color: #1f5fa8;")
        self.fee_label = QLabel("")
        self.fee_label.setObjectName("fee")
        self.missing_label = QLabel("")
        self.missing_label.setObjectName("missingCount")
        due_box = QGroupBox(self.tr("4. Hẹn trả kết quả"))
        due_layout = QVBoxLayout(due_box)
        due_layout.addWidget(self.due_label)
        due_layout.addWidget(self.fee_label)
        due_layout.addWidget(self.missing_label)

        self.accept_button = QPushButton(self.tr("Tiếp nhận và in biên nhận (Ctrl+Enter)"))
        self.accept_button.setObjectName("acceptButton")
        self.accept_button.setStyleSheet(
            "QPushButton { background: #1b7f3b; color: white; font-weight: bold; padding: 10px; }"
            "QPushButton:disabled { background: #9bbfa6; }"
        )
        self.incomplete_button = QPushButton(self.tr("Chưa đủ — in Mẫu 02 (Ctrl+B)"))
        self.incomplete_button.setObjectName("incompleteButton")
        self.refuse_button = QPushButton(self.tr("Từ chối — in Mẫu 03 (Ctrl+R)"))
        self.refuse_button.setObjectName("refuseButton")
        self.clear_button = QPushButton(self.tr("Làm mới (Ctrl+N)"))
        self.clear_button.setObjectName("clearButton")
        self.accept_button.clicked.connect(self.accept_intake)
        self.incomplete_button.clicked.connect(self.incomplete)
        self.refuse_button.clicked.connect(self.refuse)
        self.clear_button.clicked.connect(self.clear)
        self.result_label = QLabel()
        self.result_label.setObjectName("intakeResult")
        self.result_label.setWordWrap(True)
        # The actions stay in view below the form (the form scrolls, they do not).
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button, 2)
        for button in (self.incomplete_button, self.refuse_button, self.clear_button):
            buttons.addWidget(button, 1)
        self.action_bar = QFrame()
        self.action_bar.setObjectName("intakeActions")
        bar_layout = QVBoxLayout(self.action_bar)
        bar_layout.setContentsMargins(0, 4, 0, 0)
        bar_layout.addLayout(buttons)
        bar_layout.addWidget(self.result_label)

        self.draft_box = QFrame()
        self.draft_box.setObjectName("draftOffer")
        self.draft_box.setStyleSheet(
            "QFrame#draftOffer { background: #fff7d6; border: 1px solid #e0c200; }"
        )
        self.draft_label = QLabel()
        self.draft_label.setObjectName("draftLabel")
        self.draft_label.setWordWrap(True)
        self.restore_button = QPushButton(self.tr("Nhập tiếp hồ sơ này"))
        self.restore_button.setObjectName("restoreDraft")
        self.restore_button.clicked.connect(self.restore_draft)
        self.drop_button = QPushButton(self.tr("Bỏ"))
        self.drop_button.setObjectName("dropDraft")
        self.drop_button.clicked.connect(self.drop_draft)
        draft_layout = QHBoxLayout(self.draft_box)
        draft_layout.addWidget(self.draft_label, 1)
        draft_layout.addWidget(self.restore_button)
        draft_layout.addWidget(self.drop_button)
        self.draft_box.hide()

        proc_box.setMinimumWidth(440)
        applicant_box.setMinimumWidth(440)
        left = QVBoxLayout()
        # A short list of matches is enough (the search narrows it): the applicant's fields
        # and their messages get the height on a 768-pixel screen.
        self.picker.list.setMaximumHeight(150)
        left.addWidget(proc_box)
        left.addWidget(applicant_box, 1)
        right = QVBoxLayout()
        right.addWidget(docs_box)
        right.addWidget(due_box)
        right.addStretch(1)  # the due date right under the documents, not at the bottom
        columns = QHBoxLayout()
        columns.addLayout(left, 5)
        columns.addLayout(right, 6)
        inner = QWidget()
        inner.setLayout(columns)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        self.form_scroll = scroll
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        outer.addWidget(self.draft_box)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.action_bar)

        self.applicant_fields = [
            self.full_name,
            self.id_number,
            self.birth_date,
            self.phone,
            self.email,
            self.address,
            self.owner_name,
            self.owner_id_number,
            self.notes,
            self.picker.search,
        ]
        self.scanner = IdCardScanCatcher(self.applicant_fields, self)
        self.scanner.scanned.connect(self.fill_from_card)
        self.scanner.rejected.connect(
            lambda why: self.scan_message.setText(
                self.tr("Mã QR không đọc được: {0}").format(pick(why))
            )
        )
        self.id_number.editingFinished.connect(self._lookup_known)
        # Enter in a text field moves on, as clerks expect from paper-like forms.
        for edit in (
            self.full_name,
            self.id_number,
            self.birth_date,
            self.phone,
            self.email,
            self.owner_name,
            self.owner_id_number,
        ):
            edit.returnPressed.connect(lambda e=edit: self._enter_moves_on(e))
        self._fix_tab_order()

    def _shortcuts(self) -> None:
        bindings = [
            ("Ctrl+Return", self.accept_intake),
            ("Ctrl+Enter", self.accept_intake),
            ("Ctrl+B", self.incomplete),
            ("Ctrl+R", self.refuse),
            ("Ctrl+D", self.checklist.tick_all),
            ("Ctrl+K", self.use_known),
            ("Ctrl+N", self.clear),
            ("Ctrl+F", self.focus_search),
        ]
        for keys, slot in bindings:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def _fix_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.picker.search,
            self.full_name,
            self.id_number,
            self.known_button,
            self.birth_date,
            self.gender,
            self.phone,
            self.email,
            self.address,
            self.owner_name,
            self.owner_id_number,
            *self.checklist.focus_chain(),
            self.sets,
            self.notes,
            self.accept_button,
            self.incomplete_button,
            self.refuse_button,
            self.clear_button,
        ]
        self.picker.list.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # arrows from the search box
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)

    def _enter_moves_on(self, edit: QLineEdit) -> None:
        if not self.scanner.scanning():
            edit.focusNextChild()

    # --- data --------------------------------------------------------------------------

    def activated(self) -> None:
        if self.procedure is None:
            self.picker.search.setFocus()
        self.scans.follow_setting()  # the scan folder may have been chosen in Quản trị

    def load_procedures(self) -> None:
        ops.procedures(self.ctx).success(self.picker.set_procedures).guard(self).run()

    def _on_changed(self, areas: object) -> None:
        if isinstance(areas, frozenset) and "catalogue" in areas:
            self.load_procedures()

    def focus_search(self) -> None:
        self.picker.search.setFocus()
        self.picker.search.selectAll()

    def choose_procedure(self, proc: Procedure) -> None:
        self.procedure = proc
        self._set_error("procedure", None)
        unit = {
            TimeUnit.WORKING_DAYS: self.tr("{0} ngày làm việc"),
            TimeUnit.WORKING_HOURS: self.tr("{0} giờ làm việc"),
            TimeUnit.CALENDAR_DAYS: self.tr("{0} ngày"),
            TimeUnit.SAME_DAY: self.tr("trong ngày"),
        }[proc.time_unit].format(proc.time_value)
        self.chosen_label.setText(f"{proc.name}\n{proc.code} · {proc.field} · {unit}")
        self.fee_label.setText(
            self.tr("Lệ phí: {0}").format(fmt_money(proc.fee) if proc.fee else self.tr("miễn phí"))
        )
        self.checklist.set_procedure(proc)
        self.scans.set_items(proc.documents)
        self._fix_tab_order()
        self._refresh_due()
        self.full_name.setFocus()

    def _refresh_due(self) -> None:
        if self.procedure is None:
            return
        code = self.procedure.code
        ops.due_date(self.ctx, procedure_code=code, received_at=clock.now()).success(
            lambda due: self._show_due(code, due)
        ).guard(self).run()

    def _show_due(self, code: str, due: datetime) -> None:
        if self.procedure is None or self.procedure.code != code:
            return  # the clerk picked another procedure meanwhile
        self.due_label.setText(self.tr("Hẹn trả: {0}").format(fmt_datetime(due)))

    def _on_checklist(self) -> None:
        missing = len(self.checklist.missing())
        total = len(self.checklist.rows)
        self.missing_label.setText(
            self.tr("Đã nhận {0}/{1} giấy tờ").format(total - missing, total) if total else ""
        )
        if not missing:
            self._set_error("documents", None)

    def _on_scanned(self, row: int) -> None:
        # A scan of a paper means the paper is here: the item is received.
        if row < len(self.checklist.rows):
            self.checklist.rows[row][0].setChecked(True)

    def staged_scans(self) -> list[tuple[int, Path]]:
        """(item of the documents received, from 1; file) for every staged scan."""
        received = [d.name for d in self.checklist.received()]
        staged = []
        for row, path in self.scans.staged():
            name = self.checklist.rows[row][0].toolTip()
            if name in received:
                staged.append((received.index(name) + 1, path))
        return staged

    # --- the ID card and earlier applicants -------------------------------------------

    def fill_from_card(self, card: IdCardData) -> None:
        self.full_name.setText(card.full_name)
        self.id_number.setText(card.id_number)
        self.birth_date.setText(fmt_date(card.birth_date) if card.birth_date else "")
        self.gender.setCurrentIndex(max(0, self.gender.findData(card.gender)))
        if card.address:
            self.address.setText(card.address)
        self.scan_message.setText(self.tr("Đã đọc mã QR căn cước."))
        for name in ("full_name", "id_number", "birth_date", "gender", "address"):
            self._set_error(name, None)
        self._lookup_known()
        self.phone.setFocus()

    def _lookup_known(self) -> None:
        number = self.id_number.text().strip()
        if len(number) not in (9, 12) or not number.isdigit():
            self.known_box.hide()
            return
        ops.known_applicant(self.ctx, id_number=number).success(
            lambda a: self._offer_known(number, a)
        ).guard(self).run()

    def _offer_known(self, number: str, applicant: Applicant | None) -> None:
        if applicant is None or number != self.id_number.text().strip():
            self.known = None
            self.known_box.hide()
            return
        self.known = applicant
        parts = [applicant.full_name, applicant.phone, applicant.address or ""]
        self.known_label.setText(
            self.tr("Đã từng nộp hồ sơ: {0}").format(" · ".join(p for p in parts if p))
        )
        self.known_box.show()

    def use_known(self) -> None:
        a = self.known
        if a is None:
            return
        self.full_name.setText(a.full_name)
        self.phone.setText(a.phone)
        if a.address:
            self.address.setText(a.address)
        if a.email:
            self.email.setText(a.email)
        if a.birth_date:
            self.birth_date.setText(fmt_date(a.birth_date))
        if a.gender:
            self.gender.setCurrentIndex(max(0, self.gender.findData(a.gender)))
        self.known_box.hide()
        self.phone.setFocus()

    # --- outcomes ----------------------------------------------------------------------

    def request(self, with_documents: bool = True) -> IntakeRequest:
        return IntakeRequest(
            procedure_code=self.procedure.code if self.procedure else "",
            full_name=self.full_name.text(),
            id_number=self.id_number.text(),
            phone=self.phone.text(),
            address=self.address.text() or None,
            email=self.email.text() or None,
            birth_date=self.birth_date.text() or None,
            gender=self.gender.currentData(),
            documents=self.checklist.received() if with_documents else None,
            sets=self.sets.value(),
            notes=self.notes.text() or None,
            owner_name=self.owner_name.text() or None,
            owner_id_number=self.owner_id_number.text() or None,
            resolving_unit=self.office_picker.resolving_unit(),
            handout=self.office_picker.handout(),
        )

    def _precheck(self) -> bool:
        if self.procedure is None:
            self._set_error("procedure", self.tr("Chọn thủ tục trước (Ctrl+F để tìm)."))
            self.picker.search.setFocus()
            return False
        return True

    def accept_intake(self) -> None:
        if not self._ready():
            return
        missing = self.checklist.missing()
        req = self.request()
        if self.procedure is None or missing:
            # Ask the core for every other problem too, so one Ctrl+Enter names them all.
            intake_ops.check(self.ctx, req=req).success(
                lambda problems: self.show_problems(problems, len(missing))
            ).failure(self._failed).guard(self).run()
            return
        if self.scans.checker.pending:
            # A file dropped a moment ago is not on its item yet: accepting now would leave
            # it out of the dossier.
            self.result_label.setText(
                self.tr("Máy đang kiểm tra tệp vừa đính kèm: chờ một chút rồi tiếp nhận.")
            )
            return
        user = self.ctx.user
        assert user is not None
        self._busy(True)
        intake_ops.accept(self.ctx, actor=user, req=req, staged=self.staged_scans()).success(
            self._accepted
        ).failure(self._failed).guard(self).run()

    def show_problems(self, problems: dict[str, str], missing: int = 0) -> None:
        """Every problem at once, each under its field, the cursor on the first one."""
        shown = {name: sentence(pick(message)) for name, message in problems.items()}
        if self.procedure is None:
            shown["procedure"] = self.tr("Chọn thủ tục trước (Ctrl+F để tìm).")
        elif missing:
            shown["documents"] = self.tr(
                "Còn thiếu {0} giấy tờ chưa đánh dấu. Nếu công dân chưa mang đủ, chọn “Chưa đủ — in Mẫu 02”."
            ).format(missing)
        for name in self.errors:
            self._set_error(name, None)
        for name, message in shown.items():
            self._set_error(name if name in self.errors else "documents", message)
        if not shown:
            return
        self.result_label.setText(self.tr("Chưa lưu: sửa các ô báo đỏ."))
        first = min(shown, key=lambda n: FIELD_ORDER.index(n) if n in FIELD_ORDER else 99)
        if first == "procedure":
            self.picker.search.setFocus()
        elif first == "documents" and self.checklist.rows:
            self.checklist.focus_chain()[0].setFocus()
        elif (widget := self.findChild(QWidget, first)) is not None:
            widget.setFocus()
        self.problems_shown.emit(shown)

    def _accepted(self, dossier: Dossier) -> None:
        self._busy(False)
        done = self.tr("Đã tiếp nhận hồ sơ {0}. Hẹn trả {1}.").format(
            dossier.code, fmt_datetime(dossier.due_at)
        )
        if lacking := self.scans.lacking():
            done += " " + self.tr("{0} thành phần chưa có bản quét.").format(lacking)
        self.result_label.setText(done)
        self.accepted.emit(dossier)
        from .. import printing

        self._print(printing.RECEIPT, dossier.code)
        self.clear(keep_result=True)

    def incomplete(self) -> None:
        """Mẫu 02: guidance in writing, listing what the citizen still has to bring."""
        if not self._precheck() or not self._ready():
            return
        missing = self.checklist.missing()
        if not missing:
            self._set_error(
                "documents", self.tr("Mọi giấy tờ đều đã đánh dấu: hãy tiếp nhận hồ sơ.")
            )
            return
        user = self.ctx.user
        assert user is not None
        req = self.request()
        self._busy(True)
        intake_ops.guidance(self.ctx, actor=user, req=req, missing=missing).success(
            self._guidance_ready
        ).failure(self._failed).guard(self).run()

    def _guidance_ready(self, rendered: printing.RenderedForm) -> None:
        self._busy(False)
        self.result_label.setText(self.tr("Đã lập phiếu hướng dẫn bổ sung (Mẫu 02)."))
        self._open_preview(rendered)

    def refuse(self) -> None:
        if not self._precheck() or not self._ready():
            return
        reason, ok = QInputDialog.getMultiLineText(
            self, self.tr("Từ chối tiếp nhận"), self.tr("Lý do từ chối (in trên Mẫu 03):")
        )
        if ok:
            self.refuse_with(reason)

    def refuse_with(self, reason: str) -> None:
        user = self.ctx.user
        assert user is not None
        if not reason.strip():
            self.result_label.setText(self.tr("Cần ghi lý do từ chối."))
            return
        self._busy(True)
        ops.refuse(self.ctx, actor=user, req=self.request(), reason=reason).success(
            self._refused
        ).failure(self._failed).guard(self).run()

    def _refused(self, dossier: Dossier) -> None:
        self._busy(False)
        self.result_label.setText(self.tr("Đã từ chối tiếp nhận ({0}).").format(dossier.code))
        self.refused.emit(dossier)
        from .. import printing

        self._print(printing.REFUSAL, dossier.code)
        self.clear(keep_result=True)

    def _print(self, form: str, code: str) -> None:
        from .. import printing

        printing.render(self.ctx, form=form, code=code).success(self._open_preview).guard(
            self
        ).run()

    def _open_preview(self, rendered: printing.RenderedForm) -> None:
        from .. import printing

        dialog = printing.PrintPreview(self.ctx, rendered, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self.picker.search.setFocus())
        dialog.open()
        self.preview_opened.emit(dialog)

    def _ready(self) -> bool:
        return self.accept_button.isEnabled()

    def _busy(self, busy: bool) -> None:
        for button in (self.accept_button, self.incomplete_button, self.refuse_button):
            button.setEnabled(not busy)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        if isinstance(exc, ValidationError):
            self.show_problems(exc.errors)
            return
        self.result_label.setText(user_message(exc))

    def _set_error(self, name: str, message: str | None) -> QLabel | None:
        label = self.errors.get(name)
        if label is None:
            return None
        label.setText(message or "")
        label.setVisible(bool(message))
        return label

    def clear(self, keep_result: bool = False) -> None:
        for edit in (
            self.full_name,
            self.id_number,
            self.birth_date,
            self.phone,
            self.email,
            self.address,
            self.owner_name,
            self.owner_id_number,
            self.notes,
        ):
            edit.clear()
        self.gender.setCurrentIndex(0)
        self.sets.setValue(1)
        self.office_picker.reset()
        self.known, self.procedure = None, None
        self.known_box.hide()
        self.scan_message.clear()
        for name in self.errors:
            self._set_error(name, None)
        self.checklist.set_procedure(None)
        self.scans.clear_scans()
        self.chosen_label.setText(self.tr("Chưa chọn thủ tục"))
        self.due_label.setText("—")
        self.fee_label.clear()
        self.missing_label.clear()
        self.picker.search.clear()
        if not keep_result:
            self.result_label.clear()
        self.picker.search.setFocus()
        self._draft_timer.stop()
        user = self.ctx.user
        if user is not None and not self.ctx.db.closed:  # done with, or dropped: no draft left
            intake_ops.discard_draft(self.ctx, user=user).guard(self).run()

    # --- drafts ------------------------------------------------------------------------
    # What is typed is kept in the database as it is typed (DRAFT_SAVE_MS after the last
    # change), so a crash or a power cut loses nothing; the next login offers it back.

    def _watch_edits(self) -> None:
        for name in TEXT_FIELDS:
            edit = self.findChild(QLineEdit, name)
            if edit is not None:
                edit.textChanged.connect(self._touched)
        self.gender.currentIndexChanged.connect(self._touched)
        self.sets.valueChanged.connect(self._touched)
        self.checklist.changed.connect(self._touched)
        self.scans.changed.connect(self._touched)

    def _touched(self) -> None:
        if self.ctx.user is not None:
            self._draft_timer.start()

    def form_state(self) -> dict[str, object]:
        """The form as plain values: what a draft keeps."""
        state: dict[str, object] = {
            name: edit.text()
            for name in TEXT_FIELDS
            if (edit := self.findChild(QLineEdit, name)) is not None
        }
        state["procedure"] = self.procedure.code if self.procedure else ""
        state["gender"] = self.gender.currentData() or ""
        state["sets"] = self.sets.value() if self.sets.value() != 1 else 0
        state["documents"] = [
            [d.name, d.originals, d.certified_copies, d.photocopies]
            for d in self.checklist.received()
        ]
        # The files stay where they are (the scan folder): the draft keeps where they are.
        state["scans"] = [[row, str(path)] for row, path in self.scans.staged()]
        return state

    def is_dirty(self) -> bool:
        return any(self.form_state().values())

    def save_draft(self) -> None:
        self._draft_timer.stop()
        user = self.ctx.user
        if user is None or self.ctx.db.closed:
            return
        fields = self.form_state()
        if self.draft_box.isVisible() and any(fields.values()):
            self.draft_box.hide()  # typing a new intake: the clerk let the old one go
            self.draft = None
        intake_ops.save_draft(self.ctx, user=user, fields=fields).success(
            lambda _none: self.draft_saved.emit()
        ).guard(self).run()

    def offer_draft(self) -> None:
        user = self.ctx.user
        if user is None:
            return
        intake_ops.load_draft(self.ctx, user=user).success(self._offer).guard(self).run()

    def _offer(self, draft: Draft | None) -> None:
        self.draft = draft
        if draft is not None and not self.is_dirty():
            who = str(draft.fields.get("full_name") or "").strip() or self.tr("chưa có tên")
            self.draft_label.setText(
                self.tr("Có một hồ sơ đang nhập dở từ {0} ({1}), chưa được tiếp nhận.").format(
                    fmt_datetime(clock.parse_iso(draft.updated_at)), who
                )
            )
            self.draft_box.show()
        self.draft_offered.emit(draft)

    def restore_draft(self) -> None:
        draft = self.draft
        if draft is None:
            return
        code = str(draft.fields.get("procedure") or "")
        if not code:
            self._fill(None, draft.fields)
            return
        intake_ops.procedure(self.ctx, code=code).success(
            lambda proc: self._fill(proc, draft.fields)
        ).failure(lambda _exc: self._fill(None, draft.fields)).guard(self).run()

    def _fill(self, proc: Procedure | None, fields: dict[str, object]) -> None:
        if proc is not None:
            self.choose_procedure(proc)
        for name in TEXT_FIELDS:
            edit = self.findChild(QLineEdit, name)
            if edit is not None:
                edit.setText(str(fields.get(name) or ""))
        self.gender.setCurrentIndex(max(0, self.gender.findData(fields.get("gender") or None)))
        self.sets.setValue(int(str(fields.get("sets") or 1)))
        received = {}
        # A draft is kept as JSON: [name, originals, copies, photocopies] per document.
        for item in cast("list[list[Any]]", fields.get("documents") or []):
            doc = DocumentReceived(str(item[0]), int(item[1]), int(item[2]), int(item[3]))
            received[doc.name] = doc
        for tick, originals, copies, photos in self.checklist.rows:
            kept = received.get(tick.toolTip())
            tick.setChecked(kept is not None)
            if kept is not None:
                originals.setValue(kept.originals)
                copies.setValue(kept.certified_copies)
                photos.setValue(kept.photocopies)
        for row, path in cast("list[list[Any]]", fields.get("scans") or []):
            self.scans.stage_files(int(row), [Path(str(path))])
        self.draft, self.known = None, None
        self.draft_box.hide()
        self.result_label.setText(self.tr("Đã mở lại hồ sơ đang nhập dở: kiểm tra rồi tiếp nhận."))
        self.full_name.setFocus()
        self.draft_restored.emit()

    def drop_draft(self) -> None:
        self.draft = None
        self.draft_box.hide()
        if not self.is_dirty():
            self.clear()

    def can_leave(self, closing: bool = False) -> bool:
        if not self.is_dirty():
            return True
        box = QMessageBox(self)
        box.setObjectName("leaveIntake")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Hồ sơ đang nhập dở"))
        box.setText(self.tr("Hồ sơ đang nhập chưa được tiếp nhận."))
        if closing:
            box.setInformativeText(
                self.tr("Giữ bản nháp: lần đăng nhập sau máy sẽ hỏi để nhập tiếp.")
            )
            keep_text = self.tr("Giữ bản nháp")
        else:
            box.setInformativeText(self.tr("Để đó: quay lại trang Tiếp nhận là nhập tiếp được."))
            keep_text = self.tr("Để đó, nhập tiếp sau")
        keep = box.addButton(keep_text, QMessageBox.ButtonRole.AcceptRole)
        keep.setObjectName("keepDraft")
        drop = box.addButton(self.tr("Bỏ hồ sơ đang nhập"), QMessageBox.ButtonRole.DestructiveRole)
        drop.setObjectName("dropIntake")
        stay = box.addButton(self.tr("Ở lại"), QMessageBox.ButtonRole.RejectRole)
        stay.setObjectName("stayOnIntake")
        box.setDefaultButton(keep)
        box.setEscapeButton(stay)
        box.exec()
        chosen: QAbstractButton | None = box.clickedButton()
        if chosen is keep:
            self.save_draft()  # now, not after the debounce: the window may be closing
            return True
        if chosen is drop:
            self.clear()
            return True
        return False


PAGE = IntakePage
