"""The Hồ sơ page: the lazy table model, filters and search, the detail pane and its actions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from pytestqt.qtbot import QtBot
from ui_support import CLERK, type_text

from counter_app import clock
from counter_app.counter import Counter
from counter_app.intake import IntakeRequest
from counter_app.lifecycle import Status
from counter_app.models import SyncState
from counter_app.store import DB_FILENAME
from ui import demo_data
from ui.context import AppContext
from ui.dossier_model import COL_DUE, COL_STATUS, COL_SYNC, DossierTableModel
from ui.pages.dossiers import DossiersPage
from ui.printing import PrintPreview

PASSWORD = "matkhau-123"
NOW = "2026-03-20T10:00:00+07:00"


@pytest.fixture
def demo(app_ctx: AppContext, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """40 realistic dossiers, one with a sync error; the clock pinned at NOW."""
    monkeypatch.setenv("COUNTER_APP_NOW", NOW)
    c = Counter.open(data_dir)
    try:
        users = [c.accounts.login("lan", PASSWORD), c.accounts.login("admin", PASSWORD)]
        codes = demo_data.fill(c, users, clock.parse_iso(NOW))
        demo_data.mark_sync_error(c, codes[3], "HTTP 422: thiếu mã xã")
        return codes
    finally:
        c.close()


def many(data_dir: Path, n: int) -> None:
    c = Counter.open(data_dir)
    try:
        clerk = c.accounts.login("lan", PASSWORD)
        for i in range(n):
            c.dossiers.intake(
                clerk,
                IntakeRequest("1.004884", f"Người thứ {i}", f"0010901234{i:02d}", "0912345678"),
            )
    finally:
        c.close()


def loaded(model: DossierTableModel, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: not model.loading() and model.total is not None)


def opened(ctx: AppContext, qtbot: QtBot) -> DossiersPage:
    """The page as a clerk opens it: shown, activated, first page loaded."""
    page = DossiersPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.activated()
    loaded(page.model, qtbot)
    return page


def test_model_loads_lazily_a_page_at_a_time_and_passes_modeltester(
    app_ctx: AppContext, data_dir: Path, qtbot: QtBot, qtmodeltester: object
) -> None:
    many(data_dir, 45)
    model = DossierTableModel(app_ctx, page_size=20)
    assert model.rowCount() == 0 and not model.canFetchMore()
    with qtbot.waitSignal(model.page_loaded):
        model.reload()
    loaded(model, qtbot)
    assert model.rowCount() == 20 and model.total == 45  # only the first page is held
    assert model.canFetchMore()
    with qtbot.waitSignal(model.page_loaded):
        model.fetchMore()
    assert model.rowCount() == 40
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not model.canFetchMore() and not model.loading())
    assert model.rowCount() == 45
    codes = [model.row_at(i).code for i in range(45)]
    assert len(set(codes)) == 45


def test_filters_search_colours_and_sorting(
    app_ctx: AppContext, demo: list[str], qtbot: QtBot, qtmodeltester: object
) -> None:
    page = opened(app_ctx, qtbot)
    assert page.model.total == len(demo) and page.total.text() == f"{len(demo)} hồ sơ"
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]

    page.set_flag("late")
    loaded(page.model, qtbot)
    late = [page.model.row_at(i) for i in range(page.model.rowCount())]
    assert late and all(r.late == "late" for r in late)
    index = page.model.index(0, COL_STATUS)
    assert "QUÁ HẠN" in page.model.data(index)  # words, not colour alone
    assert page.model.data(index, 8) is not None  # BackgroundRole

    page.set_flag("sync_error")
    loaded(page.model, qtbot)
    assert page.model.rowCount() == 1 and page.model.row_at(0).code == demo[3]
    assert page.model.data(page.model.index(0, COL_SYNC)) == "Lỗi đồng bộ"

    page.set_flag(None)
    page.status_choice.setCurrentIndex(page.status_choice.findData("supplement_requested"))
    loaded(page.model, qtbot)
    assert page.model.rowCount() >= 1
    assert all(
        page.model.row_at(i).status is Status.SUPPLEMENT_REQUESTED
        for i in range(page.model.rowCount())
    )
    page.status_choice.setCurrentIndex(0)

    loaded(page.model, qtbot)
    type_text(page.search, "dang van duc")  # typed without accents; searched after a pause
    qtbot.waitUntil(lambda: page.model.filters.text == "dang van duc")
    loaded(page.model, qtbot)
    names = {page.model.row_at(i).applicant_name for i in range(page.model.rowCount())}
    assert names == {"Đặng Văn Đức"}

    page.search.clear()
    page.apply_filters()
    loaded(page.model, qtbot)
    page.model.sort(COL_DUE, Qt.SortOrder.AscendingOrder)
    loaded(page.model, qtbot)
    dues = [page.model.row_at(i).due_at or "~" for i in range(page.model.rowCount())]
    assert dues == sorted(dues)


def test_detail_shows_everything_and_changes_status_through_the_worker(
    app_ctx: AppContext, demo: list[str], data_dir: Path, qtbot: QtBot
) -> None:
    page = opened(app_ctx, qtbot)
    code = demo[3]  # the dossier with the sync error
    with qtbot.waitSignal(page.detail.loaded) as shown:
        assert page.select_code(code)
    data = shown.args[0]
    assert data.dossier.code == code
    texts = " ".join(label.text() for label in page.detail.findChildren(type(page.total)))
    assert data.dossier.applicant.full_name in texts
    assert "Lỗi đồng bộ: HTTP 422: thiếu mã xã" in texts
    assert data.dossier.documents[0].name in texts
    assert "Tiếp nhận" in texts  # the timeline
    status = data.dossier.status
    assert Status.STOPPED not in page.detail.status_buttons  # a clerk cannot stop a dossier
    target = Status.RESULT_READY if status is Status.PROCESSING else Status.PROCESSING
    assert target in page.detail.status_buttons
    dialog = page.detail.request_status(target)
    assert dialog is not None
    dialog.note.setText("Chuyển bộ phận chuyên môn")
    with qtbot.waitSignal(page.detail.changed) as changed:
        dialog.submitted.emit()  # what OK does
    assert changed.args[0].status is target
    qtbot.waitUntil(
        lambda: page.detail.data is not None and page.detail.data.dossier.status is target
    )
    c = Counter.open(data_dir)
    try:
        events = c.dossiers.events(code)
        assert events[-1].new_status == target.value and events[-1].username == CLERK.username
        assert events[-1].note == "Chuyển bộ phận chuyên môn"
        assert c.dossiers.get(code).sync_state is SyncState.WAITING
    finally:
        c.close()
    # The pane read the citizen's data as the logged-in clerk, and that read is recorded.
    with sqlite3.connect(data_dir / DB_FILENAME) as conn:
        reads = conn.execute("SELECT username, action, dossier_uuid FROM access_log").fetchall()
    assert (CLERK.username, "view", data.dossier.uuid) in reads


def test_supervisor_may_stop_a_dossier_and_write_an_apology(
    supervisor_ctx: AppContext, demo: list[str], data_dir: Path, qtbot: QtBot
) -> None:
    # An apology comes at least one working day before the due date: a dossier due in 5 days.
    c = Counter.open(data_dir)
    try:
        code = c.dossiers.intake(
            c.accounts.login("lan", PASSWORD),
            IntakeRequest("1.004884", "Người chờ gia hạn", "001090123499", "0912345678"),
        ).code
    finally:
        c.close()
    page = DossiersPage(supervisor_ctx)
    qtbot.addWidget(page)
    page.show()
    loaded(page.model, qtbot)
    with qtbot.waitSignal(page.detail.loaded):
        page.select_code(code)
    assert Status.STOPPED in page.detail.status_buttons
    dialog = page.detail.request_apology()
    assert dialog is not None
    dialog.reason.setText("Cần xác minh thêm tại nơi cư trú")
    chosen = dialog.new_due.dateTime()
    dialog.new_due.setDateTime(QDateTime(QDate(2026, 3, 29), QTime(9, 0)))  # a Sunday
    dialog.submitted.emit()
    qtbot.waitUntil(lambda: dialog.error.text() != "")
    assert "giờ làm việc" in dialog.error.text() and dialog.isVisible()  # said, and kept open
    dialog.new_due.setDateTime(chosen)
    with qtbot.waitSignal(page.detail.changed) as changed:
        dialog.submitted.emit()  # what OK does
    d = changed.args[0]
    assert d.extra["apology_count"] == 1 and d.extended_due_at > d.due_at


def test_reprint_opens_the_preview_and_records_the_print(
    app_ctx: AppContext, demo: list[str], data_dir: Path, qtbot: QtBot, tmp_path: Path
) -> None:
    page = opened(app_ctx, qtbot)
    code = page.model.row_at(0).code
    with qtbot.waitSignal(page.detail.loaded):
        page.select_code(code)
    assert page.detail.form_choice.currentData() == "receipt"
    page.detail.reprint("receipt")
    qtbot.waitUntil(lambda: bool(page.detail.findChildren(PrintPreview)))
    preview = page.detail.findChildren(PrintPreview)[0]
    out = tmp_path / "receipt.pdf"
    preview.save_pdf(out)
    assert out.read_bytes().startswith(b"%PDF")
    qtbot.waitUntil(
        lambda: page.detail.data is not None and page.detail.data.events[-1].kind == "print"
    )
    assert page.detail.data is not None
    assert page.detail.data.events[-1].data["form"] == "receipt"
