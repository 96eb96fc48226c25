"""The main window's pages, one module per page (Vorta's one file per view).

Each module exposes `PAGE`, a `Page` subclass. The navigation bar lists them in the order of
PAGE_SPECS; the spec repeats each page's key, title and role so the window can list every
page without importing it: a page module (and the core modules it needs) is imported and
built the first time the page is shown, which keeps start-up short. Supervisor-only pages are
never even built for a clerk. A test checks the specs against the modules.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from .base import Page


@dataclass(frozen=True)
class PageSpec:
    module: str
    key: str
    title: str  # source text, translated in the "Nav" context
    supervisor_only: bool = False

    def load(self) -> type[Page]:
        cls: type[Page] = importlib.import_module(f"{__name__}.{self.module}").PAGE
        return cls

    def translated_title(self) -> str:
        return QCoreApplication.translate("Nav", self.title)


PAGE_SPECS = (
    PageSpec("intake", "intake", QT_TRANSLATE_NOOP("Nav", "Tiếp nhận")),
    PageSpec("dossiers", "dossiers", QT_TRANSLATE_NOOP("Nav", "Hồ sơ")),
    PageSpec("returns", "returns", QT_TRANSLATE_NOOP("Nav", "Trả kết quả")),
    PageSpec("sync_page", "sync", QT_TRANSLATE_NOOP("Nav", "Đồng bộ"), supervisor_only=True),
    PageSpec("reports", "reports", QT_TRANSLATE_NOOP("Nav", "Báo cáo"), supervisor_only=True),
    PageSpec("admin", "admin", QT_TRANSLATE_NOOP("Nav", "Quản trị"), supervisor_only=True),
)
PAGE_MODULES = tuple(spec.module for spec in PAGE_SPECS)


def page_classes() -> list[type[Page]]:
    return [spec.load() for spec in PAGE_SPECS]
