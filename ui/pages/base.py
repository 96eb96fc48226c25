"""What every page of the main window has: the shared context and a navigation entry."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui import qtfix  # noqa: F401  (before any signal is emitted; see the module)

from ..context import AppContext


class Page(QWidget):
    KEY: ClassVar[str] = ""
    # Source text of the navigation entry; translated in the "Nav" context by title().
    TITLE: ClassVar[str] = ""
    SUPERVISOR_ONLY: ClassVar[bool] = False

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(f"page_{self.KEY}")

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Nav", cls.TITLE)

    def activated(self) -> None:
        """Called each time the page is shown: refresh and put the cursor where work starts."""

    def can_leave(self, closing: bool = False) -> bool:
        """May the clerk leave this page (switch page; with closing, log out or quit)?
        A page with unsaved work asks; the others always say yes."""
        return True


class PlaceholderPage(Page):
    """A page whose real content is still being built: says so instead of staying blank."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        label = QLabel(
            QCoreApplication.translate("PlaceholderPage", "Trang này đang được hoàn thiện.")
        )
        label.setObjectName("placeholder")
        layout.addWidget(label)
        layout.addStretch(1)
