"""Help > About: the version an IT officer asks for on the phone, and where the data lives.

Installed into the main window by one call, so the window's own code barely changes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6 import __version__ as qt_version
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from counter_app import __version__


def about_text(data_dir: Path) -> str:
    python = ".".join(str(n) for n in sys.version_info[:3])
    build = (
        QCoreApplication.translate("About", "bản cài đặt")
        if getattr(sys, "frozen", False)
        else QCoreApplication.translate("About", "mã nguồn")
    )
    return (
        f"<h3>Một Cửa {__version__}</h3>"
        + "<p>"
        + QCoreApplication.translate(
            "About", "Phần mềm tiếp nhận và trả kết quả một cửa cấp xã, chạy được khi mất mạng."
        )
        + "</p><p>"
        + QCoreApplication.translate("About", "Thư mục dữ liệu: {0}").format(
            f"<code>{data_dir}</code>"
        )
        + "<br>"
        + QCoreApplication.translate("About", "Chạy từ: {0} (Python {1}, Qt {2})").format(
            build, python, qt_version
        )
        + "</p><p>"
        + QCoreApplication.translate(
            "About", "Giấy phép MIT; phông chữ Liberation Serif theo SIL OFL 1.1."
        )
        + "</p>"
    )


def show_about(parent: QWidget, data_dir: Path) -> None:
    QMessageBox.about(
        parent, QCoreApplication.translate("About", "Giới thiệu Một Cửa"), about_text(data_dir)
    )


def install(window: QMainWindow, data_dir: Path) -> QAction:
    """A Help menu with About (also on F1); returns the action for tests."""
    menu = window.menuBar().addMenu(QCoreApplication.translate("About", "Trợ giúp"))
    action = QAction(QCoreApplication.translate("About", "Giới thiệu Một Cửa…"), window)
    action.setObjectName("aboutAction")
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    action.triggered.connect(lambda: show_about(window, data_dir))
    menu.addAction(action)
    return action
