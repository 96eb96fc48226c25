"""Fixtures for the desktop app's tests: an AppContext whose worker owns its own connection
to the test database, and QSettings in tmp_path so tests never touch the user's settings.

Registered for every test by `pytest_plugins` in tests/conftest.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from counter_app.counter import Counter
from counter_app.models import Office, Role, User
from ui import i18n
from ui.context import AppContext

ADMIN = User("admin", "Nguyễn Thị Lan", Role.SUPERVISOR)
CLERK = User("lan", "Trần Thị Lan", Role.CLERK)


def make_ctx(data_dir: Path, tmp_path: Path, user: User | None) -> AppContext:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(data_dir, settings)
    ctx.user = user
    return ctx


@pytest.fixture
def app_ctx(counter: Counter, data_dir: Path, tmp_path: Path, qapp: object) -> Iterator[AppContext]:
    """Signed in as the clerk 'lan' of the `counter` fixture's office."""
    office: Office = counter.office()
    counter.close()  # the worker must own the only connection the app uses
    i18n.install(qapp, "vi")  # type: ignore[arg-type]
    ctx = make_ctx(data_dir, tmp_path, CLERK)
    ctx.office = office
    yield ctx
    ctx.close()


@pytest.fixture
def supervisor_ctx(app_ctx: AppContext) -> AppContext:
    app_ctx.user = ADMIN
    return app_ctx


def type_text(widget: QWidget, text: str) -> None:
    """Type like a keyboard (or a USB scanner) does, Vietnamese letters included.

    QTest.keyClicks only knows ASCII keys, so each character is sent as a key event that
    carries its text, as the platform delivers it from an IME or a scanner.
    """
    for ch in text:
        key = Qt.Key(ord(ch.upper())) if ch.isascii() and ch.isalnum() else Qt.Key.Key_unknown
        if ch == " ":
            key = Qt.Key.Key_Space
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))
