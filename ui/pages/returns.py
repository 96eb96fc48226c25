"""Trả kết quả (return desk): scan the receipt's QR code (or type the dossier code), check its
signature, hand the result over and let the citizen rate the service. Without the receipt, the
same box finds the dossier by name (with or without accents), ID number, phone or the last
digits of the code; beside it, the results waiting to be handed over, by appointment.

Keyboard: the scan box has the cursor; Enter looks up (one match opens, several are listed;
Down moves into the list, Enter opens the row); Ctrl+Enter records the hand-over; then 1 / 2 / 3
record "Rất hài lòng" / "Hài lòng" / "Không hài lòng".
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.lifecycle import Status
from counter_app.models import Dossier
from counter_app.sync_records import AttachmentRow

from .. import operations as ops
from ..context import AppContext
from ..errors import user_message
from ..formatting import fmt_datetime
from ..i18n import QT_TRANSLATE_NOOP
from ..labels import status_label
from ..operations import returns as returns_ops
from ..operations.returns import Lookup, ResultFile
from ..record_model import Column, RecordTableModel
from ..widgets.tables import table_view
from .base import Page

RATINGS = (
    ("rat_hai_long", QT_TRANSLATE_NOOP("ReturnPage", "Rất hài lòng")),
    ("hai_long", QT_TRANSLATE_NOOP("ReturnPage", "Hài lòng")),
    ("khong_hai_long", QT_TRANSLATE_NOOP("ReturnPage", "Không hài lòng")),
)


def file_size(size: int) -> str:
    if size >= 1048576:
        return f"{size / 1048576:.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} KB"


def masked_id(number: str) -> str:
    """Enough of the ID number to tell two namesakes apart across the desk, not all of it."""
    return "…" + number[-4:] if len(number) > 4 else number


class ReturnPage(Page):
    KEY = "returns"
    TITLE = QT_TRANSLATE_NOOP("Nav", "Trả kết quả")

    opened = Signal(object)  # Lookup
    listed = Signal(object)  # list[Dossier] shown in the list (search results or waiting)
    returned = Signal(object)  # Dossier
    rated = Signal(object)  # Dossier
    results_shown = Signal(object)  # list[ResultFile] of the open dossier

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.current: Lookup | None = None
        self.scan = QLineEdit()
        self.scan.setObjectName("receiptScan")
        self.scan.setPlaceholderText(
            self.tr(
                "Quét mã QR trên giấy biên nhận, hoặc gõ họ tên, số định danh, số điện "
                "thoại, mã hồ sơ (hoặc vài số cuối) rồi Enter"
            )
        )
        self.scan.setStyleSheet("font-size: 16px; padding: 6px;")
        self.scan.returnPressed.connect(self.look_up)
        self.message = QLabel()
        self.message.setObjectName("returnMessage")
        self.message.setWordWrap(True)

        self.card = QGroupBox(self.tr("Hồ sơ"))
        self.card.setObjectName("dossierCard")
        form = QFormLayout(self.card)
        self.fields: dict[str, QLabel] = {}
        for key, label in (
            ("code", self.tr("Mã hồ sơ")),
            ("procedure", self.tr("Thủ tục")),
            ("applicant", self.tr("Người nộp")),
            ("received", self.tr("Ngày nhận")),
            ("due", self.tr("Hẹn trả")),
            ("status", self.tr("Trạng thái")),
            ("signature", self.tr("Biên nhận")),
        ):
            value = QLabel()
            value.setObjectName(f"card_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            form.addRow(label, value)
        self.card.hide()
        self._build_results()

        self.receiver = QLineEdit()
        self.receiver.setObjectName("receiver")
        self.return_button = QPushButton(self.tr("Trả kết quả (Ctrl+Enter)"))
        self.return_button.setObjectName("returnButton")
        self.return_button.setStyleSheet("QPushButton { font-weight: bold; padding: 8px; }")
        self.return_button.clicked.connect(self.hand_over)
        self.hand_box = QGroupBox(self.tr("Trao kết quả"))
        hand = QFormLayout(self.hand_box)
        hand.addRow(self.tr("Người nhận kết quả"), self.receiver)
        hand.addRow(self.return_button)
        self.hand_box.hide()
        self.receiver.returnPressed.connect(self.hand_over)

        self.rating_box = QGroupBox(self.tr("Mời công dân đánh giá mức độ hài lòng"))
        self.rating_box.setObjectName("ratingBox")
        rating_layout = QHBoxLayout(self.rating_box)
        self.rating_buttons: dict[str, QPushButton] = {}
        colours = {"rat_hai_long": "#1b7f3b", "hai_long": "#1f5fa8", "khong_hai_long": "#b00020"}
        for n, (level, text) in enumerate(RATINGS, 1):
            button = QPushButton(f"{n}. {self.tr(text)}")
            button.setObjectName(f"rate_{level}")
            button.setMinimumHeight(64)
            button.setStyleSheet(
                f"QPushButton {{ font-size: 18px; color: white; background: {colours[level]}; }}"
            )
            button.clicked.connect(lambda _c=False, lv=level: self.rate(lv))
            shortcut = QShortcut(QKeySequence(str(n)), self.rating_box)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda lv=level: self.rate(lv))
            self.rating_buttons[level] = button
            rating_layout.addWidget(button)
        self.rating_box.hide()

        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.hand_over)
        new = QShortcut(QKeySequence("Ctrl+N"), self)
        new.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new.activated.connect(self.reset)

        self._build_list()
        title = QLabel(self.tr("Trả kết quả cho công dân"))
        title.setStyleSheet("font-size: 18px; font-weight: bold;")
        # The open dossier on the left; hidden while none is open, so the list has the width.
        self.detail_panel = QWidget()
        self.detail_panel.setObjectName("returnDetail")
        left = QVBoxLayout(self.detail_panel)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.card)
        left.addWidget(self.results_box)
        left.addWidget(self.hand_box)
        left.addWidget(self.rating_box)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.NoFrame)
        left.addWidget(line, 1)
        self.detail_panel.hide()
        columns = QHBoxLayout()
        columns.addWidget(self.detail_panel, 5)
        columns.addWidget(self.list_box, 6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(title)
        layout.addWidget(self.scan)
        layout.addWidget(self.message)
        layout.addLayout(columns, 1)
        ctx.changed.connect(self._on_changed)

    def _build_results(self) -> None:
        """The electronic result(s) of the open dossier, each openable in the system viewer."""
        self.results_box = QGroupBox(self.tr("Kết quả điện tử"))
        self.results_box.setObjectName("resultFilesBox")
        self.results_layout = QVBoxLayout(self.results_box)
        self.results_layout.setContentsMargins(8, 4, 8, 4)
        self.result_buttons: list[QPushButton] = []
        self.results_box.hide()

    def _show_results(self, code: str, files: list[ResultFile]) -> None:
        if self.current is None or self.current.dossier.code != code:
            return  # another dossier was opened meanwhile
        while self.results_layout.count():
            item = self.results_layout.takeAt(0)
            if item is not None and (w := item.widget()) is not None:
                w.hide()
                w.deleteLater()
        self.result_buttons = []
        if not files:
            none = QLabel(self.tr("Chưa có tệp kết quả điện tử."))
            none.setObjectName("noResultFile")
            none.setStyleSheet("color: #555;")
            self.results_layout.addWidget(none)
        for n, f in enumerate(files):
            line = QWidget()
            row = QHBoxLayout(line)
            row.setContentsMargins(0, 0, 0, 0)
            facts = self.tr("{0} trang, {1}, đính kèm lúc {2}").format(
                f.row.pages, file_size(f.row.size), fmt_datetime(f.row.added_at)
            )
            if not f.here:
                facts += " — " + self.tr("chưa tải về từ tỉnh (đồng bộ để tải)")
            label = QLabel(
                f"<b>{escape(f.row.name)}</b><br><span style='color:#555'>{escape(facts)}</span>"
            )
            label.setObjectName(f"resultFile_{n}")
            label.setWordWrap(True)
            button = QPushButton(self.tr("Mở tệp"))
            button.setObjectName(f"openResult_{n}")
            button.setEnabled(f.here)
            button.clicked.connect(lambda _c=False, r=f.row: self.open_result(r))
            row.addWidget(label, 1)
            row.addWidget(button)
            self.result_buttons.append(button)
            self.results_layout.addWidget(line)
        self.results_box.show()
        self.results_shown.emit(files)

    def open_result(self, row: AttachmentRow) -> None:
        """A copy under the file's own name goes to the system viewer (PDF reader, images)."""

        def show(path: Path) -> None:
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
                self._say(self.tr("Không mở được tệp: máy chưa có chương trình xem tệp này."), True)

        returns_ops.viewable_copy(self.ctx, row=row).success(show).failure(
            lambda exc: self._say(user_message(exc), error=True)
        ).guard(self).run()

    def _build_list(self) -> None:
        self.list_model: RecordTableModel[Dossier] = RecordTableModel(
            [
                Column(self.tr("Hẹn trả"), lambda d: fmt_datetime(d.due_at) if d.due_at else "—"),
                Column(
                    self.tr("Trạng thái"),
                    lambda d: status_label(d.status),
                    warn=lambda d: d.status is not Status.RESULT_READY,
                ),
                Column(self.tr("Người nộp"), lambda d: d.applicant.full_name),
                Column(self.tr("Số định danh"), lambda d: masked_id(d.applicant.id_number)),
                Column(self.tr("Mã hồ sơ"), lambda d: d.code),
                Column(self.tr("Thủ tục"), lambda d: d.procedure_name),
            ],
            self,
        )
        self.list_view = table_view(self.list_model, "returnList", stretch=5)
        self.list_view.activated.connect(self._open_row)
        self.list_view.doubleClicked.connect(self._open_row)
        self.list_title = QLabel()
        self.list_title.setObjectName("returnListTitle")
        self.list_title.setStyleSheet("font-weight: bold;")
        self.show_today = QRadioButton(self.tr("Hẹn trả đến hôm nay"))
        self.show_today.setObjectName("waitingToday")
        self.show_all = QRadioButton(self.tr("Tất cả kết quả chờ trả"))
        self.show_all.setObjectName("waitingAll")
        self.show_today.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.show_today)
        group.addButton(self.show_all)
        self.show_today.toggled.connect(lambda _on: self.refresh_waiting())
        self.choice = QWidget()
        choice = QHBoxLayout(self.choice)
        choice.setContentsMargins(0, 0, 0, 0)
        choice.addWidget(self.show_today)
        choice.addWidget(self.show_all)
        choice.addStretch(1)
        self.list_box = QGroupBox(self.tr("Kết quả chờ trả"))
        self.list_box.setObjectName("returnListBox")
        box = QVBoxLayout(self.list_box)
        box.addWidget(self.choice)
        box.addWidget(self.list_title)
        box.addWidget(self.list_view, 1)
        self.scan.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down from the scan box goes into the list, as in a search field with suggestions.
        if (
            watched is self.scan
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
            and self.list_model.rowCount()
        ):
            self.list_view.setFocus()
            self.list_view.selectRow(0)
            return True
        return super().eventFilter(watched, event)

    def refresh_waiting(self) -> None:
        today = self.show_today.isChecked()
        returns_ops.waiting(self.ctx, today_only=today).success(
            lambda rows: self._list(rows, None)
        ).guard(self).run()

    def _list(self, rows: list[Dossier], query: str | None) -> None:
        self.list_model.set_records(rows)
        self.choice.setVisible(query is None)
        if query is None:
            self.list_box.setTitle(self.tr("Kết quả chờ trả"))
            self.list_title.setText(
                self.tr("{0} hồ sơ đã có kết quả, hẹn trả sớm nhất trước.").format(len(rows))
                if rows
                else self.tr("Không có kết quả nào đang chờ trả.")
            )
        else:
            self.list_box.setTitle(self.tr("Kết quả tìm kiếm"))
            self.list_title.setText(
                self.tr("{0} hồ sơ khớp với “{1}”: chọn một dòng rồi Enter.").format(
                    len(rows), query
                )
            )
        self.listed.emit(rows)

    def _open_row(self, index: QModelIndex) -> None:
        if index.isValid():
            self._show(Lookup(self.list_model.record(index.row()), False, False))

    def _on_changed(self, areas: object) -> None:
        if isinstance(areas, (set, frozenset)) and "dossiers" in areas and self.current is None:
            self.refresh_waiting()

    def activated(self) -> None:
        self.scan.setFocus()
        if self.current is None:
            self.refresh_waiting()

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(
            "color: #b00020; font-weight: bold;" if error else "color: #1d2733;"
        )
        self.message.setText(text)

    def look_up(self) -> None:
        text = self.scan.text().strip()
        if not text:
            self.reset()
            return
        self._say(self.tr("Đang tìm…"))
        returns_ops.look_up(self.ctx, scanned=text).success(
            lambda found: self._found(text, found)
        ).failure(self._not_found).guard(self).run()

    def _found(self, text: str, found: Lookup | list[Dossier]) -> None:
        if isinstance(found, Lookup):
            self._show(found)
            return
        self.current = None
        self.detail_panel.hide()
        self.card.hide()
        self.results_box.hide()
        self.hand_box.hide()
        self.rating_box.hide()
        self._list(found, text)
        if found:
            self._say(
                self.tr("Có {0} hồ sơ khớp: bấm ↓ để chọn trong danh sách.").format(len(found))
            )
        else:
            self._say(
                self.tr(
                    "Không tìm thấy hồ sơ nào theo “{0}”. Thử họ tên, số định danh, số điện "
                    "thoại hoặc 4 số cuối của mã hồ sơ."
                ).format(text),
                error=True,
            )
            self.scan.selectAll()

    def _not_found(self, exc: BaseException) -> None:
        self.current = None
        self.detail_panel.hide()
        self.card.hide()
        self.results_box.hide()
        self.hand_box.hide()
        self._say(user_message(exc), error=True)
        self.scan.selectAll()
        self.scan.setFocus()

    def _show(self, found: Lookup) -> None:
        self.current = found
        d = found.dossier
        self.fields["code"].setText(f"<b>{d.code}</b>")
        self.fields["procedure"].setText(d.procedure_name)
        self.fields["applicant"].setText(f"{d.applicant.full_name} — {d.applicant.id_number}")
        self.fields["received"].setText(fmt_datetime(d.received_at))
        self.fields["due"].setText(fmt_datetime(d.due_at) if d.due_at else "—")
        self.fields["status"].setText(status_label(d.status))
        if found.signed:
            where = self.tr("do quầy này cấp") if found.own_desk else self.tr("do quầy khác cấp")
            self.fields["signature"].setText(
                "<span style='color:#1b7f3b'>✔ </span>"
                + self.tr("Chữ ký hợp lệ, {0}").format(where)
            )
        else:
            self.fields["signature"].setText(
                "<span style='color:#9a6700'>⚠ </span>"
                + self.tr("Mã gõ tay: đối chiếu giấy biên nhận và giấy tờ tùy thân của người nhận")
            )
        # The code in place of what was scanned or typed: readable, and the next scan replaces it.
        self.scan.setText(d.code)
        self.scan.selectAll()
        self.card.show()
        self.detail_panel.show()
        self.rating_box.hide()
        self.results_box.hide()
        returns_ops.result_files(self.ctx, code=d.code).success(
            lambda files: self._show_results(d.code, files)
        ).guard(self).run()
        self.opened.emit(found)
        if d.status is Status.RESULT_READY:
            self.hand_box.show()
            self.receiver.setText(d.applicant.full_name)
            self.receiver.selectAll()
            self.receiver.setFocus()
            self._say(self.tr("Hồ sơ đã có kết quả: kiểm tra người nhận rồi bấm Ctrl+Enter."))
        elif d.status is Status.RETURNED:
            self.hand_box.hide()
            self._say(
                self.tr("Kết quả đã được trả lúc {0} cho {1}.").format(
                    fmt_datetime(d.returned_at), d.returned_to or ""
                ),
                error=True,
            )
        else:
            self.hand_box.hide()
            self._say(
                self.tr("Hồ sơ chưa có kết quả để trả (trạng thái: {0}).").format(
                    status_label(d.status)
                ),
                error=True,
            )

    def hand_over(self) -> None:
        found, user = self.current, self.ctx.user
        if found is None or user is None or not self.hand_box.isVisible():
            return
        self.return_button.setEnabled(False)
        ops.return_result(
            self.ctx, actor=user, code=found.dossier.code, to_person=self.receiver.text()
        ).success(self._returned).failure(self._failed).guard(self).run()

    def _failed(self, exc: BaseException) -> None:
        self.return_button.setEnabled(True)
        self._say(user_message(exc), error=True)

    def _returned(self, dossier: Dossier) -> None:
        self.return_button.setEnabled(True)
        self.current = Lookup(dossier, self.current.signed if self.current else False, False)
        self.hand_box.hide()
        self.fields["status"].setText(status_label(dossier.status))
        self._say(self.tr("Đã trả kết quả cho {0}.").format(dossier.returned_to or ""))
        self.rating_box.show()
        self.rating_buttons["rat_hai_long"].setFocus()
        self.returned.emit(dossier)

    def rate(self, level: str) -> None:
        found, user = self.current, self.ctx.user
        if found is None or user is None or not self.rating_box.isVisible():
            return
        ops.rate(self.ctx, actor=user, code=found.dossier.code, level=level).success(
            self._rated
        ).failure(self._failed).guard(self).run()

    def _rated(self, dossier: Dossier) -> None:
        self.rated.emit(dossier)
        self.reset()
        self._say(self.tr("Cảm ơn! Đã ghi nhận đánh giá cho hồ sơ {0}.").format(dossier.code))

    def reset(self) -> None:
        self.current = None
        self.detail_panel.hide()
        self.card.hide()
        self.results_box.hide()
        self.hand_box.hide()
        self.rating_box.hide()
        self.scan.clear()
        self.message.clear()
        self.scan.setFocus()
        self.refresh_waiting()


PAGE = ReturnPage
