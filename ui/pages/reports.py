"""Báo cáo page — placeholder. Part B of the desktop app (issue 5) owns this module and
replaces it with the real page; the shell only needs `PAGE`."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from .base import PlaceholderPage


class ReportsPage(PlaceholderPage):
    KEY = "reports"
    TITLE = QT_TRANSLATE_NOOP("Nav", "Báo cáo")
    SUPERVISOR_ONLY = True


PAGE = ReportsPage
