"""Tiếp nhận page (part A of the desktop app)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from .base import PlaceholderPage


class IntakePage(PlaceholderPage):
    KEY = "intake"
    TITLE = QT_TRANSLATE_NOOP("Nav", "Tiếp nhận")


PAGE = IntakePage
