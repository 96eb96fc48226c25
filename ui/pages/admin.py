"""Quản trị page — placeholder. Part B of the desktop app (issue 5) owns this module and
replaces it with the real page; the shell only needs `PAGE`."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from .base import PlaceholderPage


class AdminPage(PlaceholderPage):
    KEY = "admin"
    TITLE = QT_TRANSLATE_NOOP("Nav", "Quản trị")
    SUPERVISOR_ONLY = True


PAGE = AdminPage
