"""Trả kết quả (return desk): scan the receipt's QR code (or type the dossier code), check its
signature, hand the result over and let the citizen rate the service.

Keyboard: the scan box has the cursor; Enter looks up; Ctrl+Enter records the hand-over;
then 1 / 2 / 3 record "Rất hài lòng" / "Hài lòng" / "Không hài lòng".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.lifecycle import Status
from counter_app.models import Dossier

if TYPE_CHECKING:
    from counter_app.counter import Counter

from .. import operations as ops
from ..context import AppContext
from ..errors import user_message
from ..formatting import fmt_datetime
from ..labels import status_label
from .base import Page

RATINGS = (
    ("rat_hai_long", QT_TRANSLATE_NOOP("ReturnPage", "Rất hài lòng")),
    ("hai_long", QT_TRANSLATE_NOOP("ReturnPage", "Hài lòng")),
    ("khong_hai_long", QT_TRANSLATE_NOOP("ReturnPage", "Không hài lòng")),
)


@dataclass(frozen=True)
class Lookup:
    dossier: Dossier
    signed: bool  # the QR signature was checked and is genuine
    own_desk: bool


def looks_signed(text: str) -> bool:
    return "MC1|" in text or "://" in text


def lookup(counter: Counter, scanned: str) -> Lookup:
    """On the worker: verify a scanned receipt payload, or take a typed code as it is."""
    text = scanned.strip()
    if looks_signed(text):
        from counter_app.signing import verify_receipt_payload  # cryptography: on first scan

        verified = verify_receipt_payload(counter, text)
        return Lookup(counter.dossier(verified.code), True, bool(verified.own_desk))
    return Lookup(counter.dossier(text), False, False)


class ReturnPage(Page):
    KEY = "returns"
    TITLE = QT_TRANSLATE_NOOP("Nav", "Trả kết quả")

    opened = Signal(object)  # Lookup
    returned = Signal(object)  # Dossier
    rated = Signal(object)  # Dossier

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.current: Lookup | None = None
        self.scan = QLineEdit()
        self.scan.setObjectName("receiptScan")
        self.scan.setPlaceholderText(
            self.tr("Quét mã QR trên giấy biên nhận, hoặc gõ mã hồ sơ rồi Enter")
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
            ("code", self.tr("Mã hồ sơ")), ("procedure", self.tr("Thủ tục")),
            ("applicant", self.tr("Người nộp")), ("received", self.tr("Ngày nhận")),
            ("due", self.tr("Hẹn trả")), ("status", self.tr("Trạng thái")),
            ("signature", self.tr("Biên nhận")),
        ):  # fmt: skip
            value = QLabel()
            value.setObjectName(f"card_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            form.addRow(label, value)
        self.card.hide()

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

        title = QLabel(self.tr("Trả kết quả cho công dân"))
        title.setStyleSheet("font-size: 18px; font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(title)
        layout.addWidget(self.scan)
        layout.addWidget(self.message)
        layout.addWidget(self.card)
        layout.addWidget(self.hand_box)
        layout.addWidget(self.rating_box)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.NoFrame)
        layout.addWidget(line, 1)

    def activated(self) -> None:
        self.scan.setFocus()

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(
            "color: #b00020; font-weight: bold;" if error else "color: #1d2733;"
        )
        self.message.setText(text)

    def look_up(self) -> None:
        text = self.scan.text().strip()
        if not text:
            return
        self._say(self.tr("Đang tìm…"))
        self.ctx.op(lambda c: lookup(c, text)).success(self._show).failure(self._not_found).guard(
            self
        ).run()

    def _not_found(self, exc: BaseException) -> None:
        self.current = None
        self.card.hide()
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
        self.card.show()
        self.rating_box.hide()
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
            self._say(self.tr("Hồ sơ chưa có kết quả để trả (trạng thái: {0}).").format(status_label(d.status)),
                      error=True)  # fmt: skip

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
        self.card.hide()
        self.hand_box.hide()
        self.rating_box.hide()
        self.scan.clear()
        self.message.clear()
        self.scan.setFocus()


PAGE = ReturnPage
