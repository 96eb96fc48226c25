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


def test_intake_fits_a_1280_wide_screen_without_scrolling_sideways(
    app_ctx: AppContext, qtbot: QtBot
) -> None:
    """The walk at 1280 wide found the documents' columns and the resolving office cut off
    behind a sideways scroll bar: the office list sized itself to its longest name."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from ui.pages.intake import IntakePage

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    small = app.font()
    font = QFont(small)
    font.setPointSize(max(font.pointSize(), 11))  # as the app sets it (ui/app.py)
    app.setFont(font)
    try:
        window = MainWindow(app_ctx)
        qtbot.addWidget(window)
        window.show()
        window.showNormal()
        window.setGeometry(0, 0, 1280, 720 - TASKBAR - 30)  # maximised, less the title bar
        page = window.show_page("intake")
        assert isinstance(page, IntakePage)
        qtbot.waitUntil(lambda: len(page.picker.visible_codes()) > 0)
        page.picker.search.setText("1.001193")
        page.picker.choose_current()
        qtbot.waitUntil(lambda: len(page.checklist.rows) > 0)
        qtbot.waitUntil(lambda: page.office_picker.combo.count() > 0)
        bar = page.form_scroll.horizontalScrollBar()
        sideways = bar.maximum() if bar.isVisible() else 0
        page.clear()  # nothing half-typed: closing the window asks nothing
        assert sideways == 0
    finally:
        app.setFont(small)
