"""Start-up smoke mode for the built bundle: report the first window on screen, then quit.

With MOT_CUA_SMOKE_FILE set, the app writes what it showed first (title, widget class, Qt
platform, version) as JSON to that file once the window system has mapped the window, and
quits, with a picture of the window beside it (same name, .png). `make dist-check` uses it to prove a bundle with no Python around really opens the
first-launch wizard under Xvfb; the bench uses it to time a cold start to the first window.
A file rather than stdout, because the Windows build is a windowed program without a console.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from counter_app import __version__

ENV = "MOT_CUA_SMOKE_FILE"
POLL_MS = 20


def arm(app: QApplication) -> None:
    """Does nothing unless the environment asks for the smoke report."""
    target = os.environ.get(ENV)
    if not target:
        return
    timer = QTimer(app)
    timer.setInterval(POLL_MS)
    timer.timeout.connect(lambda: _report_when_shown(app, timer, Path(target)))
    timer.start()


def _report_when_shown(app: QApplication, timer: QTimer, target: Path) -> None:
    for widget in app.topLevelWidgets():
        handle = widget.windowHandle()
        if widget.isVisible() and handle is not None and handle.isExposed():
            timer.stop()
            report = {
                "title": widget.windowTitle(),
                "class": type(widget).__name__,
                "platform": app.platformName(),
                "version": __version__,
            }
            widget.grab().save(str(target.with_suffix(".png")))
            target.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
            app.quit()
            return
