"""Hồ sơ page — placeholder. Part B of the desktop app (issue 5) owns this module and
replaces it with the real page; the shell only needs `PAGE`."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from .base import PlaceholderPage


class DossiersPage(PlaceholderPage):
    KEY = "dossiers"
    TITLE = QT_TRANSLATE_NOOP("Nav", "Hồ sơ")
    SUPERVISOR_ONLY = False


PAGE = DossiersPage
