"""The main window's place on screen: it fits the screen it opens on (1366×768 and 1280×720
laptops included, the taskbar left alone) and comes back where the clerk left it, maximised
or not (QSettings, key window/main)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSettings, QSize
from PySide6.QtWidgets import QWidget

KEY = "window/main"
PREFERRED = QSize(1280, 800)
MINIMUM = QSize(960, 600)
# Below this, a window with a title bar cannot show a page and its buttons comfortably:
# open maximised instead (the common 1366×768 and 1280×720 laptop screens).
MAXIMISE_BELOW = QSize(1440, 900)
FRAME_ALLOWANCE = QSize(16, 40)  # title bar and borders, which resize() does not count


def first_placement(available: QRect) -> tuple[QRect, bool]:
    """Where a window with no remembered place opens: (geometry, maximised)."""
    room = available.size() - FRAME_ALLOWANCE
    size = PREFERRED.boundedTo(room).expandedTo(MINIMUM.boundedTo(room))
    rect = QRect(0, 0, size.width(), size.height())
    rect.moveCenter(available.center())
    small = (
        available.width() < MAXIMISE_BELOW.width() or available.height() < MAXIMISE_BELOW.height()
    )
    return rect, small


def fit(rect: QRect, available: QRect) -> QRect:
    """A remembered geometry brought back onto this screen (it may be smaller than the last)."""
    room = available.size() - FRAME_ALLOWANCE
    size = rect.size().boundedTo(room)
    fitted = QRect(rect.topLeft(), size)
    if not available.contains(fitted.topLeft()) or not available.contains(fitted.bottomRight()):
        fitted.moveCenter(available.center())
    return fitted


def restore(window: QWidget, settings: QSettings) -> bool:
    """Size and place the window before it is shown; returns whether it should be maximised."""
    window.setMinimumSize(MINIMUM)
    screen = window.screen()
    available = screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)
    window.setMinimumSize(MINIMUM.boundedTo(available.size() - FRAME_ALLOWANCE))
    saved = settings.value(KEY)
    if isinstance(saved, QByteArray) and window.restoreGeometry(saved):
        window.setGeometry(fit(window.geometry(), available))
        return window.isMaximized() or bool(settings.value(KEY + "/maximised", False, bool))
    rect, maximised = first_placement(available)
    window.setGeometry(rect)
    return maximised


def save(window: QWidget, settings: QSettings) -> None:
    settings.setValue(KEY, window.saveGeometry())
    settings.setValue(KEY + "/maximised", window.isMaximized())
