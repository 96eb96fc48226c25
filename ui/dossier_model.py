"""The dossier table: a thin Qt adapter over the core's paged list (Counter.dossiers.page).

Rows arrive a page at a time from the database worker (canFetchMore/fetchMore, keyset
paging), so a million-dossier office shows its first rows at once and the model only ever
holds what the clerk has scrolled through. Columns have named constants (Vorta's pattern);
late and due-soon rows are coloured AND say so in words, never colour alone.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from counter_app.dossier_view import DossierFilter, DossierPage, DossierRow, DossierSort, PageKey
from counter_app.models import SyncState

from .context import AppContext
from .formatting import fmt_date, fmt_datetime
from .i18n import QT_TRANSLATE_NOOP
from .labels import status_label
from .operations import dossiers as dossier_ops

Index = QModelIndex | QPersistentModelIndex

COL_CODE, COL_APPLICANT, COL_PROCEDURE, COL_RECEIVED, COL_DUE, COL_STATUS, COL_SYNC = range(7)
HEADERS = (
    QT_TRANSLATE_NOOP("DossierTable", "Mã hồ sơ"),
    QT_TRANSLATE_NOOP("DossierTable", "Người nộp"),
    QT_TRANSLATE_NOOP("DossierTable", "Thủ tục"),
    QT_TRANSLATE_NOOP("DossierTable", "Ngày nhận"),
    QT_TRANSLATE_NOOP("DossierTable", "Hẹn trả"),
    QT_TRANSLATE_NOOP("DossierTable", "Trạng thái"),
    QT_TRANSLATE_NOOP("DossierTable", "Đồng bộ"),
)
# Column -> the core's sort key; other columns are not sortable (no index to page on).
SORT_KEYS = {
    COL_CODE: "code",
    COL_APPLICANT: "applicant_name",
    COL_RECEIVED: "received_at",
    COL_DUE: "due_at",
}
SYNC_LABELS = {
    SyncState.WAITING: QT_TRANSLATE_NOOP("SyncState", "Chờ gửi"),
    SyncState.SENDING: QT_TRANSLATE_NOOP("SyncState", "Đang gửi"),
    SyncState.SYNCED: QT_TRANSLATE_NOOP("SyncState", "Đã đồng bộ"),
    SyncState.ERROR: QT_TRANSLATE_NOOP("SyncState", "Lỗi đồng bộ"),
}
LATE_COLOURS = {"late": QColor("#fbe3e1"), "due_soon": QColor("#fff3cd")}
LATE_TEXT = {"late": "#a61b1b", "due_soon": "#7a5200"}
LATE_WORDS = {
    "late": QT_TRANSLATE_NOOP("DossierTable", "QUÁ HẠN"),
    "due_soon": QT_TRANSLATE_NOOP("DossierTable", "Sắp đến hạn"),
}
PAGE_SIZE = 200
ROW_ROLE = Qt.ItemDataRole.UserRole  # the DossierRow itself


def tr(text: str, context: str = "DossierTable") -> str:
    return QCoreApplication.translate(context, text)


def sync_label(state: SyncState) -> str:
    return tr(SYNC_LABELS[state], "SyncState")


class DossierTableModel(QAbstractTableModel):
    page_loaded = Signal()  # a page of rows arrived (or the list was found empty)
    total_changed = Signal(int)  # how many dossiers match the filters

    def __init__(
        self, ctx: AppContext, page_size: int = PAGE_SIZE, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)  # owned by its page: never outlives the widgets
        self.ctx = ctx
        self.page_size = page_size
        self.filters = DossierFilter()
        self.sort_order = DossierSort()
        self.total: int | None = None
        self._rows: list[DossierRow] = []
        self._next: PageKey | None = None
        self._more = False
        self._fetching = False
        self._generation = 0  # answers to an older query are dropped

    # --- querying ------------------------------------------------------------------------

    def set_query(self, filters: DossierFilter, sort: DossierSort | None = None) -> None:
        self.filters = filters
        self.sort_order = sort or self.sort_order
        self.reload()

    def reload(self) -> None:
        """Start again from the first page (after a filter change or a write)."""
        self.beginResetModel()
        self._generation += 1
        # Marked fetching before the reset ends: the view asks canFetchMore() right then.
        self._rows, self._next, self._more, self._fetching = [], None, True, True
        self.endResetModel()
        self._request_page()
        gen, filters = self._generation, self.filters
        dossier_ops.count(self.ctx, filters=filters).success(
            lambda n: self._on_total(gen, n)
        ).guard(self).run()

    def _request_page(self) -> None:
        self._fetching = True
        gen, filters, sort, after, limit = (
            self._generation,
            self.filters,
            self.sort_order,
            self._next,
            self.page_size,
        )
        dossier_ops.page(self.ctx, filters=filters, sort=sort, after=after, limit=limit).success(
            lambda page: self._on_page(gen, page)
        ).guard(self).run()

    def _on_page(self, generation: int, page: DossierPage) -> None:
        if generation != self._generation:
            return
        if page.rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self.endInsertRows()
        self._next, self._more, self._fetching = page.next_key, page.next_key is not None, False
        self.page_loaded.emit()

    def _on_total(self, generation: int, total: int) -> None:
        if generation == self._generation:
            self.total = total
            self.total_changed.emit(total)

    def loading(self) -> bool:
        return self._fetching

    # --- lazy loading ----------------------------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and not self._fetching

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._request_page()

    # --- the table -------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def row_at(self, row: int) -> DossierRow:
        return self._rows[row]

    def row_of(self, code: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.code == code), -1)

    # Any: Qt's headerData()/data() answer a QVariant whose type depends on the role (text,
    # brush, alignment, the record itself), as PySide6's stubs declare them.
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return tr(HEADERS[section])
            if role == Qt.ItemDataRole.ToolTipRole and section in SORT_KEYS:
                return QCoreApplication.translate("DossierTable", "Bấm để sắp xếp theo cột này")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(r, col)
        if role == ROW_ROLE:
            return r
        if role == Qt.ItemDataRole.BackgroundRole and r.late:
            return QBrush(LATE_COLOURS[r.late])
        if role == Qt.ItemDataRole.ForegroundRole:
            if r.late and col in (COL_DUE, COL_STATUS):
                return QBrush(QColor(LATE_TEXT[r.late]))
            if col == COL_SYNC and r.sync_state is SyncState.ERROR:
                return QBrush(QColor("#a61b1b"))
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_SYNC and r.sync_error:
                return r.sync_error
            if col == COL_PROCEDURE:
                return r.procedure_name
        return None

    def _text(self, r: DossierRow, col: int) -> str:
        if col == COL_CODE:
            return r.code
        if col == COL_APPLICANT:
            return r.applicant_name
        if col == COL_PROCEDURE:
            return r.procedure_name
        if col == COL_RECEIVED:
            return fmt_date(r.received_at)  # the hour is in the detail pane
        if col == COL_DUE:
            return fmt_datetime(r.due_at) if r.due_at else "—"
        if col == COL_STATUS:
            text = status_label(r.status)
            # The warning first, so a narrow column still shows it.
            return f"{tr(LATE_WORDS[r.late])} — {text}" if r.late else text
        if col == COL_SYNC:
            return sync_label(r.sync_state)
        return ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(column)
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if DossierSort(key, descending) != self.sort_order:
            self.set_query(self.filters, DossierSort(key, descending))
