"""Procedure picker: a search box over the catalogue, insensitive to case and diacritics.

"khai sinh", "khai sinh" typed without accents, "dang ky ks" or a code such as "1.001193"
all narrow the list instantly; the catalogue is small (a few hundred procedures), so the
filtering is done in memory on the GUI thread from the list loaded once through the worker.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from counter_app.models import Procedure
from counter_app.text import fold


def haystack(proc: Procedure) -> str:
    return fold(f"{proc.code} {proc.local_code} {proc.name} {proc.field}")


def matches(procs: list[Procedure], query: str) -> list[Procedure]:
    """Every word of the query must appear; a code typed exactly comes first."""
    words = fold(query).split()
    found = [p for p in procs if all(w in haystack(p) for w in words)]
    q = query.strip()
    found.sort(key=lambda p: (p.code != q and p.local_code != q, fold(p.name)))
    return found


class _SearchBox(QLineEdit):
    """Up/Down move through the list below without leaving the box."""

    step = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.step.emit(1 if event.key() == Qt.Key.Key_Down else -1)
            return
        super().keyPressEvent(event)


class ProcedurePicker(QWidget):
    chosen = Signal(object)  # Procedure

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._procs: list[Procedure] = []
        self.search = _SearchBox()
        self.search.setObjectName("procedureSearch")
        self.search.setPlaceholderText(self.tr("Tìm thủ tục: tên (có dấu hoặc không) hoặc mã"))
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setObjectName("procedureList")
        self.list.setMinimumHeight(120)
        self.list.setAlternatingRowColors(True)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self.choose_current)
        self.list.itemActivated.connect(lambda _item: self.choose_current())
        self.search.step.connect(self._step)
        self.setFocusProxy(self.search)

    def set_procedures(self, procs: list[Procedure]) -> None:
        self._procs = list(procs)
        self._filter(self.search.text())

    def _filter(self, text: str) -> None:
        self.list.clear()
        for proc in matches(self._procs, text):
            item = QListWidgetItem(f"{proc.name}  ({proc.code})")
            item.setData(Qt.ItemDataRole.UserRole, proc)
            item.setToolTip(f"{proc.field} — {proc.code}")
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def visible_codes(self) -> list[str]:
        return [
            self.list.item(i).data(Qt.ItemDataRole.UserRole).code for i in range(self.list.count())
        ]

    def choose_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.chosen.emit(item.data(Qt.ItemDataRole.UserRole))

    def _step(self, step: int) -> None:
        if self.list.count():
            row = max(0, min(self.list.count() - 1, self.list.currentRow() + step))
            self.list.setCurrentRow(row)
