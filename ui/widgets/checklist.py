"""The required-documents checklist of a procedure: a tick and three counts per document
(original, certified copy, photocopy), prefilled with what the catalogue requires."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QCheckBox, QGridLayout, QHBoxLayout, QLabel, QSpinBox, QWidget

from counter_app.models import DocumentReceived, Procedure


class _WrappingCheckBox(QWidget):
    """A tick whose label wraps: document names are long and the column is narrow."""

    toggled = Signal(bool)

    def __init__(self, text: str) -> None:
        super().__init__()
        self.box = QCheckBox()
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.label.setBuddy(self.box)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        self.box.toggled.connect(self.toggled)
        self.setFocusProxy(self.box)

    def isChecked(self) -> bool:
        return self.box.isChecked()

    def setChecked(self, checked: bool) -> None:
        self.box.setChecked(checked)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.box.toggle()
        self.box.setFocus()


class DocumentChecklist(QWidget):
    """Grid rows 2n-1 hold item n; rows 2n what goes under it (its scans, put_below)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checklist")
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setColumnStretch(0, 1)
        self.rows: list[tuple[_WrappingCheckBox, QSpinBox, QSpinBox, QSpinBox]] = []
        self._headers()

    def _headers(self) -> None:
        for col, text in enumerate(
            (self.tr("Giấy tờ"), self.tr("Bản chính"), self.tr("Bản sao CT"), self.tr("Bản photo"))
        ):
            label = QLabel(f"<b>{text}</b>")
            if col:
                label.setAlignment(Qt.AlignmentFlag.AlignCenter)
                label.setToolTip(
                    (self.tr("Bản chính"), self.tr("Bản sao có chứng thực"), self.tr("Bản photo"))[
                        col - 1
                    ]
                )
            self.grid.addWidget(label, 0, col)

    def set_procedure(self, proc: Procedure | None) -> None:
        for row in self.rows:
            for widget in row:
                # Out of the grid at once: the next procedure's rows take the same cells.
                widget.hide()
                self.grid.removeWidget(widget)
                widget.deleteLater()
        self.rows = []
        if proc is None:
            return
        for n, doc in enumerate(proc.documents, 1):
            tick = _WrappingCheckBox(f"{n}. {doc.name}")
            tick.setObjectName(f"doc{n}")
            tick.setToolTip(doc.name)
            spins = []
            for value in (doc.originals, doc.certified_copies, doc.photocopies):
                spin = QSpinBox()
                spin.setRange(0, 99)
                spin.setValue(value)
                spin.setFixedWidth(64)
                spin.valueChanged.connect(self.changed)
                spins.append(spin)
            tick.toggled.connect(self.changed)
            self.grid.addWidget(tick, 2 * n - 1, 0)
            for col, spin in enumerate(spins, 1):
                self.grid.addWidget(spin, 2 * n - 1, col, Qt.AlignmentFlag.AlignCenter)
            self.rows.append((tick, spins[0], spins[1], spins[2]))
        self.changed.emit()

    def put_below(self, row: int, widget: QWidget) -> None:
        """A widget under item `row` (from 0) across the whole width."""
        self.grid.addWidget(widget, 2 * row + 2, 0, 1, 4)

    def focus_chain(self) -> list[QWidget]:
        return [w.box if isinstance(w, _WrappingCheckBox) else w for row in self.rows for w in row]

    def tick_all(self) -> None:
        for row in self.rows:
            row[0].setChecked(True)

    def received(self) -> tuple[DocumentReceived, ...]:
        return tuple(
            DocumentReceived(self._name(tick), o.value(), c.value(), p.value())
            for tick, o, c, p in self.rows
            if tick.isChecked()
        )

    def missing(self) -> list[str]:
        return [self._name(row[0]) for row in self.rows if not row[0].isChecked()]

    @staticmethod
    def _name(tick: _WrappingCheckBox) -> str:
        return tick.toolTip()
