"""The main window's pages, one module per page (Vorta's one file per view).

Each module exposes `PAGE`, a `Page` subclass. The navigation bar lists them in this order;
pages marked SUPERVISOR_ONLY are never even built for a clerk.
"""

from __future__ import annotations

import importlib

from .base import Page

PAGE_MODULES = ("intake", "dossiers", "returns", "sync_page", "reports", "admin")


def page_classes() -> list[type[Page]]:
    classes = []
    for name in PAGE_MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        classes.append(module.PAGE)
    return classes
