"""Nothing lost at the desk: a half-typed intake is kept in the database as it is typed, the
next login after a crash offers it back, and closing the window or switching page asks."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from ui_support import CLERK, make_ctx, type_text

from counter_app.counter import Counter
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.pages.intake import IntakePage

PROCEDURE = "1.001193"


def _page(ctx: AppContext, qtbot: QtBot) -> IntakePage:
    page = IntakePage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitUntil(lambda: len(page.picker.visible_codes()) > 0)
    return page


def _half_fill(page: IntakePage, qtbot: QtBot) -> None:
    page.picker.search.setText(PROCEDURE)
    page.picker.choose_current()
    with qtbot.waitSignal(page.draft_saved):
        type_text(page.full_name, "Lê Văn Hùng")
        page.phone.setText("0903123456")
        page.checklist.rows[0][0].setChecked(True)


def _answer(button: str) -> None:
    """Press a button of the question box once it is up (it runs its own event loop)."""

    def press() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox), box
        found = box.findChild(QPushButton, button)
        assert found is not None, button
        found.click()

    QTimer.singleShot(0, press)


def _draft_fields(data_dir: Path) -> dict[str, object] | None:
    c = Counter.open(data_dir)
    try:
        draft = c.drafts.load(c.accounts.login("lan", "matkhau-123"))
        return None if draft is None else draft.fields
    finally:
        c.close()


def test_a_draft_kept_as_typed_is_offered_back_after_a_crash(
    app_ctx: AppContext, data_dir: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    page = _page(app_ctx, qtbot)
    _half_fill(page, qtbot)
    fields = _draft_fields(data_dir)  # in the database already: a power cut loses nothing
    assert fields is not None and fields["full_name"] == "Lê Văn Hùng"
    assert fields["procedure"] == PROCEDURE and fields["documents"]

    # The next login (a new app after the crash): the draft is offered, not forced.
    again = make_ctx(data_dir, tmp_path / "after-crash", CLERK)
    try:
        fresh = IntakePage(again)
        qtbot.addWidget(fresh)
        fresh.show()
        with qtbot.waitSignal(fresh.draft_offered) as offered:
            pass
        assert offered.args[0] is not None
        assert fresh.draft_box.isVisible() and "Lê Văn Hùng" in fresh.draft_label.text()
        assert fresh.full_name.text() == ""
        with qtbot.waitSignal(fresh.draft_restored):
            fresh.restore_button.click()
        assert fresh.full_name.text() == "Lê Văn Hùng"
        assert fresh.phone.text() == "0903123456"
        assert fresh.procedure is not None and fresh.procedure.code == PROCEDURE
        assert fresh.checklist.rows[0][0].isChecked()
        assert not fresh.checklist.rows[-1][0].isChecked() or len(fresh.checklist.rows) == 1
        assert not fresh.draft_box.isVisible()

        # Done with it: accepted intakes leave no draft behind.
        fresh.checklist.tick_all()
        type_text(fresh.id_number, "079090001234")
        with qtbot.waitSignal(fresh.accepted, timeout=10_000):
            fresh.accept_intake()
        qtbot.waitUntil(lambda: _draft_fields(data_dir) is None)
    finally:
        again.close()


def test_closing_or_switching_page_with_a_half_typed_intake_asks(
    app_ctx: AppContext, data_dir: Path, qtbot: QtBot
) -> None:
    window = MainWindow(app_ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.page("intake")
    assert isinstance(page, IntakePage)
    qtbot.waitUntil(lambda: len(page.picker.visible_codes()) > 0)
    _half_fill(page, qtbot)

    _answer("stayOnIntake")
    window.show_page("returns")
    assert window.stack.currentWidget() is page and window.nav.currentRow() == 0

    _answer("keepDraft")  # "Để đó, nhập tiếp sau": the form stays as it is
    window.show_page("returns")
    assert window.stack.currentWidget() is window.page("returns")
    window.show_page("intake")
    assert page.full_name.text() == "Lê Văn Hùng"

    _answer("stayOnIntake")  # Alt+F4 / the close button
    assert not window.close()
    assert window.isVisible()

    _answer("keepDraft")
    assert window.close()
    qtbot.waitUntil(lambda: _draft_fields(data_dir) is not None)
    assert _draft_fields(data_dir)["full_name"] == "Lê Văn Hùng"  # type: ignore[index]


def test_dropping_the_intake_when_asked_clears_it_and_its_draft(
    app_ctx: AppContext, data_dir: Path, qtbot: QtBot
) -> None:
    window = MainWindow(app_ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.page("intake")
    assert isinstance(page, IntakePage)
    qtbot.waitUntil(lambda: len(page.picker.visible_codes()) > 0)
    _half_fill(page, qtbot)
    _answer("dropIntake")
    assert window.can_leave()  # what logout calls first
    assert page.full_name.text() == "" and page.procedure is None
    qtbot.waitUntil(lambda: _draft_fields(data_dir) is None)
    assert window.can_leave()  # nothing typed: no question
