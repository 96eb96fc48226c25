"""Where the counter keeps its database."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "mot-cua"


def data_dir(override: str | None = None) -> Path:
    """--data-dir, then COUNTER_APP_DATA, then the platform's user data directory."""
    chosen = override or os.environ.get("COUNTER_APP_DATA")
    if chosen:
        return Path(chosen).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
