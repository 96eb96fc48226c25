"""Checks run by `make run` before Qt starts: a display, and the system libraries Qt's xcb
platform needs. Prints one plain line per problem and exits non-zero, never a Qt trace."""

from __future__ import annotations

import os
import sys


def display_problem() -> str | None:
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform.split(":")[0] in (
        "offscreen",
        "minimal",
        "vnc",
        "eglfs",
        "linuxfb",
        "windows",
        "cocoa",
    ):
        return None
    if sys.platform in ("win32", "darwin"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "no display found (DISPLAY and WAYLAND_DISPLAY are unset); run it in a desktop session, "
        "or headless with: xvfb-run make run"
    )
