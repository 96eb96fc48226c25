"""The intake desk driven like a clerk does it: keyboard only, a scanner, a refusal."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot
from ui_support import type_text

from counter_app.counter import Counter
from counter_app.lifecycle import Status
from ui.context import AppContext
from ui.pages.intake import IntakePage
from ui.printing import PrintPreview

ID_NUMBER = "079090001234"  # HCMC, man born in 1990
OWNER_ID = "079322001235"  # his daughter, born in 2022 (the birth is registered for her)
SCAN = f"{ID_NUMBER}|025123456|Lê Văn Hùng|15061990|Nam|12 Nguyễn Huệ, phường Bến Nghé|01022022"


def _page(app_ctx: AppContext, qtbot: QtBot) -> IntakePage:
    page = IntakePage(app_ctx)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitUntil(lambda: len(page.picker.visible_codes()) > 0)
    return page


def _type(qtbot: QtBot, text: str) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    type_text(widget, text)


def _key(
    qtbot: QtBot, key: Qt.Key, mod: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key, mod)


def _events(data_dir: Path, code: str) -> list[str]:
    c = Counter.open(data_dir)
    try:
        return [e.kind for e in c.dossiers.events(code)]
    finally:
        c.close()


def test_search_ignores_diacritics_and_finds_codes(app_ctx: AppContext, qtbot: QtBot) -> None:
    page = _page(app_ctx, qtbot)
    page.picker.search.setText("khai sinh")
    accented = page.picker.visible_codes()
    page.picker.search.setText("khai sinh".upper())
    assert page.picker.visible_codes() == accented
    page.picker.search.setText("Khai Sinh")
    assert "1.001193" in page.picker.visible_codes()
    page.picker.search.setText("đăng ký khai sinh")
    assert page.picker.visible_codes()[0] in accented
    page.picker.search.setText("1.001193")
    assert page.picker.visible_codes()[0] == "1.001193"


def test_keyboard_only_intake_to_a_receipt_saved_as_pdf(
    app_ctx: AppContext, data_dir: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    app_ctx.settings.setValue("printing/pdf_dir", str(tmp_path / "pdf"))
    page = _page(app_ctx, qtbot)
    page.activateWindow()
    page.activated()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.picker.search)
    previews: list[PrintPreview] = []
    page.preview_opened.connect(previews.append)

    _type(qtbot, "dang ky khai sinh")  # no accents, as typed on an English keyboard
    _key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: page.procedure is not None and page.due_label.text().startswith("Hẹn trả")
    )
    assert QApplication.focusWidget() is page.full_name
    _type(qtbot, "Lê Văn Hùng")
    _key(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, ID_NUMBER)
    _key(qtbot, Qt.Key.Key_Tab)  # past the (hidden) known-applicant button
    _type(qtbot, "15/06/1990")
    _key(qtbot, Qt.Key.Key_Tab)
    _key(qtbot, Qt.Key.Key_Down)  # gender: Nam
    _key(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, "0903123456")
    for _ in range(3):  # past email and address to the owner (chủ hồ sơ)
        _key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.owner_name
    _type(qtbot, "Lê Thị Bé")
    _key(qtbot, Qt.Key.Key_Return)  # Enter moves on, as in the other fields
    assert QApplication.focusWidget() is page.owner_id_number
    _type(qtbot, OWNER_ID)
    _key(qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # every document received
    _key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    qtbot.waitUntil(lambda: len(previews) == 1, timeout=15000)
    preview = previews[0]
    assert preview.page_count() >= 1
    code = preview.rendered.code
    assert preview.rendered.form == "receipt"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: preview.findChild(QFileDialog, "savePdfDialog") is not None)
    dialog = preview.findChild(QFileDialog, "savePdfDialog")
    assert dialog is not None
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    with qtbot.waitSignal(preview.printed):
        _key(qtbot, Qt.Key.Key_Return)  # the proposed name in the remembered folder

    pdf = tmp_path / "pdf" / f"{code}-receipt.pdf"
    assert pdf.exists()
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert code in text and "Lê Văn Hùng" in text
    qtbot.waitUntil(lambda: "print" in _events(data_dir, code))
    assert _events(data_dir, code) == ["intake", "print"]
    assert _owner(data_dir, code) == ("Lê Thị Bé", OWNER_ID)
    assert page.full_name.text() == "" and page.owner_name.text() == ""  # next citizen


def _owner(data_dir: Path, code: str) -> tuple[str | None, str | None]:
    c = Counter.open(data_dir)
    try:
        dossier = c.dossiers.get(code)
        return dossier.owner_name, dossier.owner_id_number
    finally:
        c.close()


def test_scanned_id_card_fills_the_form_wherever_the_cursor_is(
    app_ctx: AppContext, qtbot: QtBot
) -> None:
    page = _page(app_ctx, qtbot)
    page.phone.setText("0903")
    page.phone.setFocus()
    type_text(page.phone, SCAN)
    qtbot.keyClick(page.phone, Qt.Key.Key_Return)  # scanners end with Enter
    assert page.full_name.text() == "Lê Văn Hùng"
    assert page.id_number.text() == ID_NUMBER
    assert page.birth_date.text() == "15/06/1990"
    assert page.gender.currentData() == "Nam"
    assert page.address.text() == "12 Nguyễn Huệ, phường Bến Nghé"
    assert page.phone.text() == "0903"  # the field the scan landed in is put back


def test_known_id_number_offers_earlier_details(
    app_ctx: AppContext, data_dir: Path, qtbot: QtBot
) -> None:
    from counter_app.intake import IntakeRequest

    c = Counter.open(data_dir)
    c.dossiers.intake(
        c.accounts.login("lan", "matkhau-123"),
        IntakeRequest("1.001193", "Lê Văn Hùng", ID_NUMBER, "0903123456", address="12 Nguyễn Huệ"),
    )
    c.close()
    page = _page(app_ctx, qtbot)
    page.id_number.setFocus()
    qtbot.keyClicks(page.id_number, ID_NUMBER)
    qtbot.keyClick(page.id_number, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: page.known_box.isVisibleTo(page))
    assert "Lê Văn Hùng" in page.known_label.text()
    qtbot.keyClick(page.id_number, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert page.phone.text() == "0903123456"
    assert page.address.text() == "12 Nguyễn Huệ"


def test_errors_show_next_to_each_field_in_words(app_ctx: AppContext, qtbot: QtBot) -> None:
    page = _page(app_ctx, qtbot)
    page.picker.search.setText("1.001193")
    page.picker.choose_current()
    page.full_name.setText("Lê Văn Hùng")
    page.id_number.setText("12345")
    page.phone.setText("abc")
    page.owner_id_number.setText("0790")
    page.checklist.tick_all()
    page.accept_intake()
    qtbot.waitUntil(lambda: page.errors["phone"].isVisibleTo(page))
    assert "12 chữ số" in page.errors["owner_id_number"].text()
    assert page.errors["owner_id_number"].isVisibleTo(page)
    assert page.errors["phone"].text().startswith("Số điện thoại không hợp lệ")
    assert "12 chữ số" in page.errors["id_number"].text()
    assert not page.errors["full_name"].isVisibleTo(page)
    assert "/ " not in page.errors["phone"].text()  # one language, not both


def test_refusal_records_the_reason_and_prints_mau_03(
    app_ctx: AppContext, data_dir: Path, qtbot: QtBot
) -> None:
    page = _page(app_ctx, qtbot)
    page.picker.search.setText("1.001193")
    page.picker.choose_current()
    page.full_name.setText("Lê Văn Hùng")
    page.id_number.setText(ID_NUMBER)
    page.phone.setText("0903123456")
    previews: list[PrintPreview] = []
    page.preview_opened.connect(previews.append)
    with qtbot.waitSignal(page.refused) as refused:
        page.refuse_with("Không thuộc thẩm quyền của UBND phường")
    dossier = refused.args[0]
    assert dossier.status is Status.REFUSED
    qtbot.waitUntil(lambda: len(previews) == 1, timeout=15000)
    assert previews[0].rendered.form == "refusal"
    assert previews[0].rendered.code == dossier.code


def test_incomplete_prints_mau_02_listing_unticked_documents_and_saves_nothing(
    app_ctx: AppContext, data_dir: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    page = _page(app_ctx, qtbot)
    page.picker.search.setText("1.001193")
    page.picker.choose_current()
    page.full_name.setText("Lê Văn Hùng")
    page.id_number.setText(ID_NUMBER)
    page.phone.setText("0903123456")
    page.checklist.rows[0][0].setChecked(True)
    previews: list[PrintPreview] = []
    page.preview_opened.connect(previews.append)
    page.incomplete()
    qtbot.waitUntil(lambda: len(previews) == 1, timeout=15000)
    preview = previews[0]
    assert preview.rendered.form == "supplement"
    preview.save_pdf(tmp_path / "mau02.pdf")
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "mau02.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "Giấy chứng sinh" in text
    assert "Tờ khai đăng ký khai sinh" not in text.split("Giấy chứng sinh")[0].split("PHIẾU")[-1]
    c = Counter.open(data_dir)
    assert c.dossiers.search("Lê Văn Hùng") == []
    c.close()


def test_printing_through_qprinter_renders_every_page_and_records_it(
    app_ctx: AppContext, data_dir: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from counter_app.intake import IntakeRequest

    c = Counter.open(data_dir)
    d = c.dossiers.intake(
        c.accounts.login("lan", "matkhau-123"),
        IntakeRequest("1.001193", "Lê Văn Hùng", ID_NUMBER, "0903123456"),
    )
    c.close()
    page = _page(app_ctx, qtbot)
    previews: list[PrintPreview] = []
    page.preview_opened.connect(previews.append)
    page._print("receipt", d.code)
    qtbot.waitUntil(lambda: len(previews) == 1, timeout=15000)
    preview = previews[0]
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # Qt's own "print to file"
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    with qtbot.waitSignal(preview.printed):
        preview.print_to(printer)
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "printed.pdf")], capture_output=True, text=True
    )
    pages = next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))
    assert pages.split()[1] == str(preview.page_count())
    qtbot.waitUntil(lambda: "print" in _events(data_dir, d.code))
    # A second print of the same form is a copy (BẢN SAO).
    previews.clear()
    page._print("receipt", d.code)
    qtbot.waitUntil(lambda: len(previews) == 1, timeout=15000)
    assert previews[0].rendered.copy


def test_the_first_ctrl_enter_names_every_problem_at_once(
    app_ctx: AppContext, qtbot: QtBot
) -> None:
    """Empty name, bad ID number, bad phone AND missing documents on the first try, each a
    sentence with a capital letter, the cursor on the first one in reading order."""
    page = _page(app_ctx, qtbot)
    page.picker.search.setText("1.001193")
    page.picker.choose_current()
    page.id_number.setText("12345")
    page.phone.setText("abc")
    with qtbot.waitSignal(page.problems_shown) as shown:
        qtbot.keyClick(page.full_name, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert set(shown.args[0]) == {"full_name", "id_number", "phone", "documents"}
    for name in ("full_name", "id_number", "phone", "documents"):
        text = page.errors[name].text()
        assert page.errors[name].isVisibleTo(page) and text[0].isupper(), (name, text)
        assert text.endswith("."), text
    assert page.full_name.hasFocus() or not page.isActiveWindow()
    assert page.result_label.text() == "Chưa lưu: sửa các ô báo đỏ."

    # Without a procedure too: the procedure first, the others with it.
    page.clear()
    page.phone.setText("abc")
    with qtbot.waitSignal(page.problems_shown) as shown:
        page.accept_intake()
    assert {"procedure", "full_name", "phone"} <= set(shown.args[0])
    assert page.errors["procedure"].text().startswith("Chọn thủ tục trước")
