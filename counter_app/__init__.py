"""Một Cửa core: domain, storage, calendar, forms and command line. Never imports Qt or requests."""

from __future__ import annotations

__version__ = "0.1.0"
