"""English as a choice: the translation file covers the sources and switches the words."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui import i18n
from ui.context import AppContext
from ui.i18n import I18N_DIR, pick
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parent.parent
TS = I18N_DIR / "mot_cua_en.ts"


def _sources(ts: Path) -> set[tuple[str, str]]:
    root = ET.parse(ts).getroot()
    return {
        (ctx.findtext("name", ""), msg.findtext("source", ""))
        for ctx in root.iter("context")
        for msg in ctx.iter("message")
        if msg.find("translation") is None or msg.find("translation").get("type") != "obsolete"  # type: ignore[union-attr]
    }


def test_translation_file_lists_every_ui_string(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh)], check=True, capture_output=True)
    missing = _sources(fresh) - _sources(TS)
    assert not missing, f"run `make translations` and translate: {sorted(missing)[:5]}"


def test_english_switches_the_navigation(app_ctx: AppContext, qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert i18n.install(app, "en")
    try:
        window = MainWindow(app_ctx)
        qtbot.addWidget(window)
        labels = [window.nav.item(i).text() for i in range(window.nav.count())]
        assert labels == ["Intake", "Dossiers", "Return"]
        assert pick("sai mật khẩu / wrong password") == "wrong password"
    finally:
        i18n.install(app, "vi")
    assert pick("sai mật khẩu / wrong password") == "sai mật khẩu"


def test_qts_own_dialogs_and_buttons_speak_vietnamese(qapp: QApplication, qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox

    i18n.install(qapp, "vi")
    box = QMessageBox()
    qtbot.addWidget(box)
    box.setStandardButtons(
        QMessageBox.StandardButton.Ok
        | QMessageBox.StandardButton.Cancel
        | QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
    )
    words = {
        box.button(b).text()
        for b in (
            QMessageBox.StandardButton.Ok,
            QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Yes,
            QMessageBox.StandardButton.No,
        )
    }
    assert words == {"Đồng ý", "Hủy", "&Có", "&Không"}
    dialog = QFileDialog(None, "", "", "PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    texts = {b.text() for b in buttons.buttons()}
    assert "Hủy" in texts and "&Lưu" in texts, texts
    i18n.install(qapp, "en")
    try:
        english = QMessageBox()
        qtbot.addWidget(english)
        english.setStandardButtons(QMessageBox.StandardButton.Cancel)
        assert english.button(QMessageBox.StandardButton.Cancel).text() == "Cancel"
    finally:
        i18n.install(qapp, "vi")


def test_the_core_follows_the_language_chosen_in_the_app(qapp: QApplication) -> None:
    from counter_app.validation import check_id_number

    assert i18n.install(qapp, "en")
    try:
        assert check_id_number("12a") == "digits only"
    finally:
        i18n.install(qapp, "vi")
    assert check_id_number("12a") == "chỉ gồm chữ số"
