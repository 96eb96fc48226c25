"""Help > About names the version and the data folder; the smoke report names the first window."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from counter_app import __version__
from ui import smoke
from ui.context import AppContext
from ui.main_window import MainWindow


def test_about_shows_the_version_and_the_data_folder(app_ctx: AppContext, qtbot: QtBot) -> None:
    window = MainWindow(app_ctx)
    qtbot.addWidget(window)
    menus = [action.text() for action in window.menuBar().actions()]
    assert "Trợ giúp" in menus
    action = window.findChild(type(window.menuBar().actions()[0]), "aboutAction")
    assert action is not None and action.shortcut().toString() == "F1"
    seen: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.windowTitle() + "\n" + box.text())
        box.accept()

    QTimer.singleShot(0, read_and_close)
    action.trigger()  # modal: returns once read_and_close has closed the box
    assert len(seen) == 1
    assert "Giới thiệu Một Cửa" in seen[0]
    assert f"Một Cửa {__version__}" in seen[0]
    assert str(app_ctx.data_dir) in seen[0]
    assert "mã nguồn" in seen[0]  # run from the checkout, not the bundle


def test_smoke_report_names_the_first_window_once_it_is_shown(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = tmp_path / "smoke.json"
    monkeypatch.setenv(smoke.ENV, str(report))
    smoke.arm(qapp)
    window = QWidget()
    window.setWindowTitle("Một Cửa — Thiết lập quầy")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(report.exists)
    assert json.loads(report.read_text(encoding="utf-8")) == {
        "title": "Một Cửa — Thiết lập quầy",
        "class": "QWidget",
        "platform": "offscreen",
        "version": __version__,
    }
    assert report.with_suffix(".png").stat().st_size > 0
