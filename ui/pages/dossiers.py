"""Hồ sơ: the dossier list (lazy, filtered, searchable, sortable) beside the detail pane.

Keyboard: Ctrl+F puts the cursor in the search box; Up/Down in the list shows each dossier.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, QTimer, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.dossier_view import DossierFilter
from counter_app.lifecycle import Status

from ..context import AppContext
from ..dossier_detail import DossierDetail
from ..dossier_model import (
    COL_APPLICANT,
    COL_CODE,
    COL_DUE,
    COL_PROCEDURE,
    COL_RECEIVED,
    COL_STATUS,
    COL_SYNC,
    DossierTableModel,
)
from ..i18n import QT_TRANSLATE_NOOP
from ..labels import status_label
from .base import Page

FLAG_BUTTONS = (
    (None, QT_TRANSLATE_NOOP("DossiersPage", "Tất cả")),
    ("due_today", QT_TRANSLATE_NOOP("DossiersPage", "Đến hạn hôm nay")),
    ("late", QT_TRANSLATE_NOOP("DossiersPage", "Quá hạn")),
    ("waiting_sync", QT_TRANSLATE_NOOP("DossiersPage", "Chờ đồng bộ")),
    ("sync_error", QT_TRANSLATE_NOOP("DossiersPage", "Lỗi đồng bộ")),
)
SEARCH_DELAY_MS = 250


class DossiersPage(Page):
    KEY = "dossiers"
    TITLE = QT_TRANSLATE_NOOP("Nav", "Hồ sơ")
    SUPERVISOR_ONLY = False

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = DossierTableModel(ctx, parent=self)
        self._started = False

        self.search = QLineEdit()
        self.search.setObjectName("dossierSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            self.tr("Tìm theo mã hồ sơ, tên, số CCCD hoặc điện thoại (gõ có dấu hay không dấu)")
        )
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_filters)

        self.status_choice = QComboBox()
        self.status_choice.setObjectName("statusFilter")
        self.status_choice.addItem(self.tr("Mọi trạng thái"), None)
        for status in Status:
            self.status_choice.addItem(status_label(status), status.value)
        self.status_choice.currentIndexChanged.connect(lambda _i: self.apply_filters())

        self.flag_group = QButtonGroup(self)
        self.flag_group.setExclusive(True)
        flags = QHBoxLayout()
        flags.setSpacing(4)
        self.flag_buttons: dict[str | None, QPushButton] = {}
        for i, (flag, text) in enumerate(FLAG_BUTTONS):
            button = QPushButton(self.tr(text))
            button.setCheckable(True)
            button.setObjectName(f"flag_{flag or 'all'}")
            button.setStyleSheet(
                "QPushButton { padding: 4px 10px; }"
                "QPushButton:checked { background: #1f5fa8; color: white; border-radius: 3px; }"
            )
            self.flag_group.addButton(button, i)
            self.flag_buttons[flag] = button
            flags.addWidget(button)
        self.flag_buttons[None].setChecked(True)
        self.flag_group.idClicked.connect(lambda _i: self.apply_filters())

        self.total = QLabel()
        self.total.setObjectName("dossierTotal")
        self.model.total_changed.connect(self._show_total)

        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.status_choice, 1)
        bar = QHBoxLayout()
        bar.addLayout(flags)
        bar.addStretch(1)
        bar.addWidget(self.total)

        self.table = QTableView()
        self.table.setObjectName("dossierTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(28)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_PROCEDURE, QHeaderView.ResizeMode.Stretch)
        widths = {
            COL_CODE: 230,
            COL_APPLICANT: 165,
            COL_RECEIVED: 100,
            COL_DUE: 150,
            COL_STATUS: 165,
            COL_SYNC: 95,
        }
        for col, width in widths.items():
            self.table.setColumnWidth(col, width)
        self.table.setSortingEnabled(True)
        header.setSortIndicator(3, Qt.SortOrder.DescendingOrder)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)

        self.detail = DossierDetail(ctx)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 340])

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.activated.connect(self.search.setFocus)
        ctx.changed.connect(self._on_changed)
        self.model.page_loaded.connect(self._reselect)
        self._selected_code: str | None = None

    # --- filters ---------------------------------------------------------------------------

    def current_filter(self) -> DossierFilter:
        value = self.status_choice.currentData()
        flag = FLAG_BUTTONS[max(self.flag_group.checkedId(), 0)][0]
        return DossierFilter(Status(value) if value else None, flag, self.search.text().strip())

    @Slot()
    def apply_filters(self) -> None:
        self._search_timer.stop()
        self._started = True
        self.model.set_query(self.current_filter())

    def set_flag(self, flag: str | None) -> None:
        self.flag_buttons[flag].setChecked(True)
        self.apply_filters()

    def _show_total(self, n: int) -> None:
        self.total.setText(self.tr("{0} hồ sơ").format(f"{n:,}".replace(",", ".")))

    # --- selection -------------------------------------------------------------------------

    @Slot(QItemSelection, QItemSelection)
    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        code = self.model.row_at(rows[0].row()).code
        if code != self._selected_code or self.detail.data is None:
            self._selected_code = code
            self.detail.show_code(code)

    def select_code(self, code: str) -> bool:
        row = self.model.row_of(code)
        if row < 0:
            return False
        self.table.selectRow(row)
        return True

    def _reselect(self) -> None:
        """After a reload, keep the dossier the clerk was looking at selected (if still listed)."""
        if self._selected_code and not self.table.selectionModel().hasSelection():
            row = self.model.row_of(self._selected_code)
            if row >= 0:
                self.table.selectionModel().blockSignals(True)
                self.table.selectRow(row)
                self.table.selectionModel().blockSignals(False)

    @Slot(object)
    def _on_changed(self, areas: object) -> None:
        if self._started and isinstance(areas, (set, frozenset)) and "dossiers" in areas:
            self.model.reload()

    def activated(self) -> None:
        if not self._started:
            self.apply_filters()
        self.search.setFocus()


PAGE = DossiersPage
