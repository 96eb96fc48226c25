"""Supervisor pages: sync against a real hub on 127.0.0.1, reports matching the core's report,
administration (users, holidays, settings), and the role limits of the main window."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot
from sync_support import HubServer

from counter_app import clock
from counter_app.counter import Counter
from counter_app.models import Procedure, TimeUnit
from ui import demo_data
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.pages.admin import AdminPage
from ui.pages.reports import ReportsPage
from ui.pages.sync_page import SyncPage

PASSWORD = "matkhau-123"
AGENCY = "000.00.06.H56"
NOW = "2026-03-20T10:00:00+07:00"


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubServer]:
    server = HubServer(tmp_path / "hub.sqlite3")
    yield server
    server.stop()


def _fill(data_dir: Path, hub: HubServer | None = None) -> list[str]:
    c = Counter.open(data_dir)
    try:
        users = [c.accounts.login("lan", PASSWORD), c.accounts.login("admin", PASSWORD)]
        codes = demo_data.fill(c, users, clock.parse_iso(NOW), count=12)
        if hub is not None:
            c.sync_book.set_server(hub.url, hub.enroll(AGENCY, 1))
        return codes
    finally:
        c.close()


def _page(ctx: AppContext, qtbot: QtBot) -> SyncPage:
    page = SyncPage(ctx)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.refreshed):
        page.activated()
    return page


def test_sync_page_without_a_server_says_so(supervisor_ctx: AppContext, qtbot: QtBot) -> None:
    page = _page(supervisor_ctx, qtbot)
    assert "Chưa cấu hình máy chủ tỉnh" in page.server.text()
    assert not page.sync_button.isEnabled()


def test_sync_now_pushes_everything_and_logs_the_run(
    supervisor_ctx: AppContext,
    data_dir: Path,
    hub: HubServer,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COUNTER_APP_NOW", NOW)
    codes = _fill(data_dir, hub)
    page = _page(supervisor_ctx, qtbot)
    assert page.view is not None and page.view.pending >= len(codes)
    assert page.sync_button.isEnabled() and hub.url in page.server.text()
    progressed: list[tuple[int, int]] = []
    page.progress.valueChanged.connect(lambda v: progressed.append((v, page.progress.maximum())))
    with qtbot.waitSignal(page.finished, timeout=30_000) as done:
        page.sync_now()
        assert page.cancel_button.isEnabled()
    outcome = done.args[0]
    assert outcome.ok and outcome.result.pushed >= len(codes), outcome
    qtbot.waitUntil(lambda: page.view is not None and page.view.pending == 0)
    assert page.log_model.rowCount() == 1
    assert page.log_model.data(page.log_model.index(0, 1)) == "Thành công"
    assert "Xong: gửi" in page.phase.text()
    assert progressed  # the bar moved with the engine's figures
    assert not page.cancel_button.isEnabled()


def test_sync_problems_list_says_what_to_do(
    supervisor_ctx: AppContext, data_dir: Path, qtbot: QtBot, qtmodeltester: object
) -> None:
    c = Counter.open(data_dir)
    try:
        codes = demo_data.fill(c, [c.accounts.login("lan", PASSWORD)], clock.now(), count=3)
        demo_data.mark_sync_error(c, codes[0], "mã xã không hợp lệ / invalid commune code")
    finally:
        c.close()
    page = _page(supervisor_ctx, qtbot)
    assert page.problem_model.rowCount() == 1
    problem = page.problem_model.record(0)
    assert problem.code == codes[0] and "mã xã không hợp lệ" in problem.what
    assert "Đồng bộ ngay" in problem.todo
    qtmodeltester.check(page.problem_model)  # type: ignore[attr-defined]


def test_a_clerk_sees_no_supervisor_pages_or_actions(app_ctx: AppContext, qtbot: QtBot) -> None:
    window = MainWindow(app_ctx)
    qtbot.addWidget(window)
    assert window.page_keys() == ["intake", "dossiers", "returns"]


def test_a_supervisor_sees_every_page(supervisor_ctx: AppContext, qtbot: QtBot) -> None:
    window = MainWindow(supervisor_ctx)
    qtbot.addWidget(window)
    assert window.page_keys() == ["intake", "dossiers", "returns", "sync", "reports", "admin"]


def test_reports_page_shows_the_cores_figures_charts_and_exports(
    supervisor_ctx: AppContext,
    data_dir: Path,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtmodeltester: object,
) -> None:
    monkeypatch.setenv("COUNTER_APP_NOW", NOW)
    _fill(data_dir)
    start, end = date(2026, 2, 20), date(2026, 3, 20)
    c = Counter.open(data_dir)
    try:
        expected = c.dossiers.on_time_report(start, end, "procedure")
        by_clerk = c.dossiers.on_time_report(start, end, "clerk")
    finally:
        c.close()
    assert expected.total.settled > 0  # the demo has settled dossiers to show

    page = ReportsPage(supervisor_ctx)
    qtbot.addWidget(page)
    page.show()
    page.set_period(start, end)
    with qtbot.waitSignal(page.shown):
        page.refresh()
    assert page.figures["received"].text() == str(expected.total.received)
    assert page.figures["settled"].text() == str(expected.total.settled)
    assert page.figures["late"].text() == str(expected.total.late)
    shown = {page.model.record(i).key: page.model.record(i) for i in range(page.model.rowCount())}
    assert {k: g.settled for k, g in shown.items()} == {g.key: g.settled for g in expected.groups}
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    assert page.chart.series() and page.chart.series()[0].count() == 3  # early, on time, late

    with qtbot.waitSignal(page.shown):
        page.by.setCurrentIndex(page.by.findData("clerk"))
    names = {page.model.data(page.model.index(i, 0)) for i in range(page.model.rowCount())}
    assert len(names) == len(by_clerk.groups) and "Trần Thị Lan" in names  # full names

    out = tmp_path / "report.xlsx"
    with qtbot.waitSignal(page.exported):
        page.export_to(out)
    from openpyxl import load_workbook

    sheet = load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[-1][0] == "Tổng cộng" and rows[-1][3] == by_clerk.total.settled


def _admin(ctx: AppContext, qtbot: QtBot) -> AdminPage:
    page = AdminPage(ctx)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.calendar.shown):
        page.activated()
    return page


def test_admin_adds_and_disables_a_user(
    supervisor_ctx: AppContext, data_dir: Path, qtbot: QtBot, qtmodeltester: object
) -> None:
    page = _admin(supervisor_ctx, qtbot)
    users = page.users
    qtbot.waitUntil(lambda: users.model.rowCount() == 2)
    qtmodeltester.check(users.model)  # type: ignore[attr-defined]
    users.username.setText("hoa")
    users.full_name.setText("Lê Thị Hoa")
    users.password.setText("ngan")  # too short: refused, said next to the form
    users.add_button.click()
    qtbot.waitUntil(lambda: users.error.text() != "")
    assert users.model.rowCount() == 2
    users.password.setText(PASSWORD)
    qtbot.keyClick(users.password, Qt.Key.Key_Return)  # Enter ends the form, as a clerk expects
    qtbot.waitUntil(lambda: users.model.rowCount() == 3)
    added = next(a for a in users.model.records if a.user.username == "hoa")
    assert added.user.full_name == "Lê Thị Hoa" and added.user.role.value == "clerk"
    users.table.selectRow(users.model.records.index(added))
    users.disable_button.click()
    qtbot.waitUntil(
        lambda: not next(a for a in users.model.records if a.user.username == "hoa").user.active
    )
    c = Counter.open(data_dir)
    try:
        assert not next(u for u in c.accounts.users() if u.username == "hoa").active
    finally:
        c.close()


def test_admin_holiday_calendar(supervisor_ctx: AppContext, qtbot: QtBot) -> None:
    page = _admin(supervisor_ctx, qtbot)
    cal = page.calendar
    cal.year.setValue(2026)
    qtbot.waitUntil(lambda: any(d.day == date(2026, 9, 2) for d in cal.model.records))
    cal.day.setDate(QDate(2026, 6, 12))
    cal.reason.setText("Bầu cử bổ sung")
    with qtbot.waitSignal(cal.shown):
        cal.off_button.click()
    local = [d for d in cal.model.records if d.day == date(2026, 6, 12)]
    assert local and local[0].kind == "off" and local[0].source == "local"
    cal.table.selectRow(cal.model.records.index(local[0]))
    with qtbot.waitSignal(cal.shown):
        cal.remove_button.click()
    assert not any(d.day == date(2026, 6, 12) for d in cal.model.records)


def test_admin_catalogue_office_and_printers(
    supervisor_ctx: AppContext, data_dir: Path, qtbot: QtBot, tmp_path: Path
) -> None:
    page = _admin(supervisor_ctx, qtbot)
    procs = page.procedures
    qtbot.waitUntil(lambda: procs.model.rowCount() > 0)
    before = procs.model.rowCount()
    extra = Procedure("9.999001", "Xác nhận tình trạng hôn nhân", 3, TimeUnit.WORKING_DAYS)
    catalogue = tmp_path / "catalogue.json"
    catalogue.write_text(json.dumps({"procedures": [extra.to_dict()]}, ensure_ascii=False))
    with qtbot.waitSignal(procs.imported):
        procs.import_file(catalogue)
    qtbot.waitUntil(lambda: procs.model.rowCount() == before + 1)
    assert "Đã nhập 1 thủ tục" in procs.message.text()

    office = page.office
    qtbot.waitUntil(lambda: "UBND phường Bến Nghé" in office.info.text())
    office.paper.setCurrentIndex(office.paper.findData("thermal80"))
    with qtbot.waitSignal(office.saved):
        office.save_button.click()
    c = Counter.open(data_dir)
    try:
        assert c.setting("receipt_paper") == "thermal80"
    finally:
        c.close()

    combo = page.printers.choices["receipt"]
    combo.addItem("Máy in quầy 1", "Máy in quầy 1")  # no printer offscreen: add one to choose
    combo.setCurrentIndex(combo.count() - 1)
    assert supervisor_ctx.settings.value("printing/receipt/printer") == "Máy in quầy 1"


def test_office_tab_sets_the_server_and_keeps_the_token_when_left_empty(
    supervisor_ctx: AppContext, data_dir: Path, qtbot: QtBot
) -> None:
    page = _admin(supervisor_ctx, qtbot)
    office = page.office
    qtbot.waitUntil(lambda: "UBND phường Bến Nghé" in office.info.text())
    office.server.setText("https://motcua.example.gov.vn")
    office.save_button.click()
    qtbot.waitUntil(lambda: office.message.text() != "")
    assert "mã truy cập" in office.message.text().lower()  # no token yet: said in words
    office.token.setText("desk-token-1")
    with qtbot.waitSignal(office.saved):
        office.save_button.click()
    office.server.setText("https://motcua2.example.gov.vn")
    with qtbot.waitSignal(office.saved):
        office.save_button.click()
    c = Counter.open(data_dir)
    try:
        server = c.sync_book.server()
        assert server is not None
        assert (server.url, server.token) == ("https://motcua2.example.gov.vn", "desk-token-1")
    finally:
        c.close()
