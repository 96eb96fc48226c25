"""Screens that fit: the main window on 1366×768 and 1280×720 laptops, and the place, size and
maximised state it was left in, remembered across sessions."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from pytestqt.qtbot import QtBot

from ui import window_geometry
from ui.context import AppContext
from ui.main_window import MainWindow

TASKBAR = 40


def _available(width: int, height: int) -> QRect:
    return QRect(0, 0, width, height - TASKBAR)


def test_first_placement_fits_small_laptop_screens_and_maximises_there() -> None:
    for width, height in ((1366, 768), (1280, 720)):
        available = _available(width, height)
        rect, maximised = window_geometry.first_placement(available)
        framed = rect.adjusted(0, 0, *window_geometry.FRAME_ALLOWANCE.toTuple())
        assert available.contains(rect) and framed.height() <= available.height(), (width, rect)
        assert maximised  # all of the screen for the pages and their buttons
        assert window_geometry.MINIMUM.height() + 40 <= available.height()
    rect, maximised = window_geometry.first_placement(_available(1920, 1080))
    assert rect.size() == QSize(1280, 800) and not maximised
    assert rect.center() == _available(1920, 1080).center()


def test_a_remembered_place_from_a_bigger_screen_is_brought_back_on_screen() -> None:
    available = _available(1366, 768)
    fitted = window_geometry.fit(QRect(700, 400, 1280, 800), available)
    assert available.contains(fitted)
    assert fitted.height() <= available.height() - window_geometry.FRAME_ALLOWANCE.height()
    assert window_geometry.fit(QRect(20, 30, 900, 600), available) == QRect(20, 30, 900, 600)


def test_the_window_comes_back_as_it_was_left(app_ctx: AppContext, qtbot: QtBot) -> None:
    first = MainWindow(app_ctx)
    qtbot.addWidget(first)
    first.show()
    first.showNormal()
    first.setGeometry(50, 60, 784, 650)
    qtbot.waitUntil(lambda: first.size() == QSize(784, 650))
    assert first.close()

    second = MainWindow(app_ctx)
    qtbot.addWidget(second)
    assert not second.start_maximised
    assert second.size() == QSize(784, 650)
    second.show()
    second.showMaximized()
    qtbot.waitUntil(second.isMaximized)
    assert second.close()

    third = MainWindow(app_ctx)
    qtbot.addWidget(third)
    assert third.start_maximised
