"""Đồng bộ page — placeholder. Part B of the desktop app (issue 5) owns this module and
replaces it with the real page; the shell only needs `PAGE`."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from .base import PlaceholderPage


class SyncPage(PlaceholderPage):
    KEY = "sync"
    TITLE = QT_TRANSLATE_NOOP("Nav", "Đồng bộ")
    SUPERVISOR_ONLY = True


PAGE = SyncPage
