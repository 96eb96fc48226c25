"""The main window's pages, one module per page (Vorta's one file per view).

Each module exposes `PAGE`, a `Page` subclass. The navigation bar lists them in the order of
PAGE_SPECS; the spec repeats each page's key, title and role so the window can list every
page without importing it: a page module (and the core modules it needs) is imported and
built the first time the page is shown, which keeps start-up short. Supervisor-only pages are
never even built for a clerk. A test checks the specs against the modules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from ..i18n import QT_TRANSLATE_NOOP
from .base import Page


@dataclass(frozen=True)
class PageSpec:
    module: str
    key: str
    title: str  # source text, translated in the "Nav" context
    importer: Callable[[], type[Page]]
    supervisor_only: bool = False

    def load(self) -> type[Page]:
        return self.importer()

    def translated_title(self) -> str:
        return QCoreApplication.translate("Nav", self.title)


# One importer per page: a plain import inside a function, so the page module loads on first
# show and still appears to readers and to the type checker.
def _intake() -> type[Page]:
    from .intake import PAGE

    return PAGE


def _dossiers() -> type[Page]:
    from .dossiers import PAGE

    return PAGE


def _returns() -> type[Page]:
    from .returns import PAGE

    return PAGE


def _sync() -> type[Page]:
    from .sync_page import PAGE

    return PAGE


def _reports() -> type[Page]:
    from .reports import PAGE

    return PAGE


def _admin() -> type[Page]:
    from .admin import PAGE

    return PAGE


PAGE_SPECS = (
    PageSpec("intake", "intake", QT_TRANSLATE_NOOP("Nav", "Tiếp nhận"), _intake),
    PageSpec("dossiers", "dossiers", QT_TRANSLATE_NOOP("Nav", "Hồ sơ"), _dossiers),
    PageSpec("returns", "returns", QT_TRANSLATE_NOOP("Nav", "Trả kết quả"), _returns),
    PageSpec("sync_page", "sync", QT_TRANSLATE_NOOP("Nav", "Đồng bộ"), _sync, True),
    PageSpec("reports", "reports", QT_TRANSLATE_NOOP("Nav", "Báo cáo"), _reports, True),
    PageSpec("admin", "admin", QT_TRANSLATE_NOOP("Nav", "Quản trị"), _admin, True),
)
PAGE_MODULES = tuple(spec.module for spec in PAGE_SPECS)


def page_classes() -> list[type[Page]]:
    return [spec.load() for spec in PAGE_SPECS]
