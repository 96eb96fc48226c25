"""The main window: a navigation bar on the left, the pages, and the status bar.

Pages come from ui.pages (one module each); supervisor-only pages are not built for clerks.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from .context import AppContext
from .pages import page_classes
from .pages.base import Page
from .status_bar import CounterStatusBar


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("mainWindow")
        office = ctx.office.name if ctx.office else ""
        self.setWindowTitle(f"Một Cửa — {office}")
        self.resize(1280, 800)
        self.setMinimumSize(QSize(1024, 640))

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(190)
        self.nav.setStyleSheet(
            "QListWidget { font-size: 15px; background: #f3f5f8; border: none; }"
            "QListWidget::item { padding: 12px 14px; color: #1d2733; }"
            "QListWidget::item:selected { background: #1f5fa8; color: white; }"
        )
        self.stack = QStackedWidget()
        self.pages: dict[str, Page] = {}
        for number, cls in enumerate(self._visible_pages(), 1):
            page = cls(ctx)
            self.pages[cls.KEY] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(f"{cls.title()}")
            item.setData(Qt.ItemDataRole.UserRole, cls.KEY)
            item.setToolTip(f"Ctrl+{number}")
            self.nav.addItem(item)
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda key=cls.KEY: self.show_page(key))
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

    def _visible_pages(self) -> list[type[Page]]:
        return [c for c in page_classes() if self.ctx.is_supervisor or not c.SUPERVISOR_ONLY]

    def page_keys(self) -> list[str]:
        return list(self.pages)

    def show_page(self, key: str) -> Page:
        page = self.pages[key]
        self.nav.setCurrentRow(list(self.pages).index(key))
        return page

    @Slot(int)
    def _on_row(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        page = self.stack.currentWidget()
        if isinstance(page, Page):
            page.activated()

    def closeEvent(self, event: QCloseEvent) -> None:
        event.accept()
