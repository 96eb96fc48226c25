"""The main window: a navigation bar on the left, the pages, and the status bar.

Pages come from ui.pages (one module each); supervisor-only pages are not built for clerks.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from . import about, window_geometry
from .context import AppContext
from .pages import PAGE_SPECS
from .pages.base import Page
from .session import SessionControl
from .status_bar import CounterStatusBar


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("mainWindow")
        office = ctx.office.name if ctx.office else ""
        self.setWindowTitle(f"Một Cửa — {office}")
        self.start_maximised = window_geometry.restore(self, ctx.settings)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(190)
        self.nav.setStyleSheet(
            "QListWidget { font-size: 15px; background: #f3f5f8; border: none; }"
            "QListWidget::item { padding: 12px 14px; color: #1d2733; }"
            "QListWidget::item:selected { background: #1f5fa8; color: white; }"
        )
        self.stack = QStackedWidget()
        self.specs = [s for s in PAGE_SPECS if ctx.is_supervisor or not s.supervisor_only]
        self.pages: dict[str, Page] = {}  # built so far; the others are built when first shown
        for number, spec in enumerate(self.specs, 1):
            item = QListWidgetItem(spec.translated_title())
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setToolTip(f"Ctrl+{number}")
            self.nav.addItem(item)
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda key=spec.key: self.show_page(key))
        self.nav.currentRowChanged.connect(self._on_row)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.status = CounterStatusBar(ctx)
        self.setStatusBar(self.status)
        self.nav.setCurrentRow(0)
        # Log out / switch user (Ctrl+L), own password, idle lock: ui/session.py.
        self.session = SessionControl(self, ctx)
        about.install(self, ctx.data_dir)  # Help last in the menu bar, as everywhere

    def show(self) -> None:
        """Shown as the clerk left it: maximised, or where it was (see window_geometry)."""
        if self.start_maximised:
            self.start_maximised = False
            self.showMaximized()
        else:
            super().show()

    def page_keys(self) -> list[str]:
        return [spec.key for spec in self.specs]

    def page(self, key: str) -> Page:
        """The page, built (and its module imported) on first use."""
        if key not in self.pages:
            spec = next(s for s in self.specs if s.key == key)
            page = spec.load()(self.ctx)
            self.pages[key] = page
            self.stack.addWidget(page)
        return self.pages[key]

    def show_page(self, key: str) -> Page:
        page = self.page(key)
        self.nav.setCurrentRow(self.page_keys().index(key))
        return page

    def can_leave(self) -> bool:
        """Before logout, switch user or quit: each page with unsaved work asks (the intake
        keeps a draft, drops it, or stays). False: the clerk chose to stay."""
        return all(page.can_leave(closing=True) for page in self.pages.values())

    @Slot(int)
    def _on_row(self, row: int) -> None:
        if row < 0:
            return
        current = self.stack.currentWidget()
        if (
            isinstance(current, Page)
            and self.specs[row].key != current.KEY
            and not current.can_leave()
        ):
            # Stay: put the navigation back without coming here again.
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(self.page_keys().index(current.KEY))
            self.nav.blockSignals(False)
            return
        page = self.page(self.specs[row].key)
        self.stack.setCurrentWidget(page)
        page.activated()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.can_leave():
            event.ignore()
            return
        self.ctx.sync.stop()  # no background round outlives the signed-in session
        window_geometry.save(self, self.ctx.settings)
        event.accept()
