"""Trả kết quả page (part A of the desktop app)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from .base import PlaceholderPage


class ReturnPage(PlaceholderPage):
    KEY = "returns"
    TITLE = QT_TRANSLATE_NOOP("Nav", "Trả kết quả")


PAGE = ReturnPage
