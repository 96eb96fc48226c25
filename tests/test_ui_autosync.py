"""The app's background sync against a real hub on 127.0.0.1: started and stopped, a change
reaches the hub without anyone pressing the button, errors in words (whose problem, what to
do), never two runs at once, never success shown on failure.

The schedule's clock is a list the test moves forward; each round is real (network worker,
real hub, real database), awaited with waitSignal, never with a sleep.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sync_support import HubServer, hub_state

from counter_app import clock
from counter_app.counter import Counter
from counter_app.intake import IntakeRequest
from ui import demo_data
from ui import operations as ops
from ui.context import AppContext
from ui.pages.sync_page import SyncPage
from ui.status_bar import CounterStatusBar
from ui.sync_service import DESK_REFUSED, OFF, OK, UNREACHABLE, SyncOutcome

PASSWORD = "matkhau-123"
AGENCY = "000.00.06.H56"
TIMEOUT = 30_000


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubServer]:
    server = HubServer(tmp_path / "hub.sqlite3")
    yield server
    server.stop()


@pytest.fixture
def now(supervisor_ctx: AppContext) -> list[float]:
    """The schedule's clock, moved by the test; the timer never fires by itself."""
    moment = [1000.0]
    supervisor_ctx.sync.clock = lambda: moment[0]
    supervisor_ctx.sync.timer.setInterval(24 * 3600 * 1000)
    return moment


def _prepare(data_dir: Path, hub: HubServer, token: str | None = None, url: str = "") -> int:
    c = Counter.open(data_dir)
    try:
        codes = demo_data.fill(c, [c.accounts.login("lan", PASSWORD)], clock.now(), count=4)
        c.sync_book.set_server(url or hub.url, token or hub.enroll(AGENCY, 1))
        return len(codes)
    finally:
        c.close()


def _round(ctx: AppContext, qtbot: QtBot, start: bool = False) -> SyncOutcome:
    with qtbot.waitSignal(ctx.sync.finished, timeout=TIMEOUT) as done:
        if start:
            ctx.sync.start()
        else:
            ctx.sync.tick()
        assert ctx.sync.running
    outcome: SyncOutcome = done.args[0]
    return outcome


def _sync_page(ctx: AppContext, qtbot: QtBot) -> SyncPage:
    page = SyncPage(ctx)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.refreshed):
        page.activated()
    return page


def test_a_change_reaches_the_hub_without_anyone_pressing_the_button(
    supervisor_ctx: AppContext, data_dir: Path, hub: HubServer, now: list[float], qtbot: QtBot
) -> None:
    ctx = supervisor_ctx
    count = _prepare(data_dir, hub)
    bar = CounterStatusBar(ctx)
    qtbot.addWidget(bar)
    first = _round(ctx, qtbot, start=True)  # at login: at once
    assert first.kind == OK and first.trigger == "auto" and first.result.pushed >= count
    assert len(hub_state(hub)["dossiers"]) == count
    qtbot.waitUntil(lambda: "Trực tuyến" in bar.server.text())

    req = IntakeRequest(
        procedure_code=first_procedure(data_dir),
        full_name="Lê Văn Tám",
        id_number="001090012345",
        phone="0912345678",
    )
    with qtbot.waitSignal(ctx.changed):
        ops.intake(ctx, actor=ctx.user, req=req).run()  # type: ignore[arg-type]
    now[0] += 5
    ctx.sync.tick()
    assert not ctx.sync.running  # a burst of changes travels together...
    now[0] += 6
    second = _round(ctx, qtbot)  # ...well within the minute
    assert second.kind == OK and second.result.pushed >= 1
    assert len(hub_state(hub)["dossiers"]) == count + 1

    now[0] += 60
    ctx.sync.tick()
    assert not ctx.sync.running  # nothing changed here: the next pull is on its schedule
    now[0] += 300
    assert _round(ctx, qtbot).kind == OK

    ctx.sync.stop()
    now[0] += 3600
    ctx.sync.tick()
    assert not ctx.sync.running  # logged out: no more rounds


def first_procedure(data_dir: Path) -> str:
    c = Counter.open(data_dir)
    try:
        return c.catalogue.procedures(active_only=True)[0].code
    finally:
        c.close()


def test_offline_says_so_backs_off_and_never_shows_success(
    supervisor_ctx: AppContext, data_dir: Path, hub: HubServer, now: list[float], qtbot: QtBot
) -> None:
    ctx = supervisor_ctx
    _prepare(data_dir, hub, url="http://127.0.0.1:9")  # nothing listens there
    bar = CounterStatusBar(ctx)
    qtbot.addWidget(bar)
    page = _sync_page(ctx, qtbot)

    offline = _round(ctx, qtbot, start=True)
    assert offline.kind == UNREACHABLE and not offline.ok
    assert "Mạng/máy chủ tỉnh không trả lời — sẽ tự thử lại" in page.phase.text()
    assert page.progress.value() == 0
    assert "Ngoại tuyến — sẽ tự thử lại" in bar.server.text()
    first_wait = ctx.sync.retry_at - now[0]
    now[0] += first_wait / 2
    ctx.sync.tick()
    assert not ctx.sync.running  # backing off
    now[0] = ctx.sync.retry_at
    assert _round(ctx, qtbot).kind == UNREACHABLE
    assert ctx.sync.retry_at - now[0] > first_wait / 2  # the wait grows

    # The supervisor presses the button anyway: the real error, in words, and the dossiers
    # are not blamed for the network.
    with qtbot.waitSignal(page.finished, timeout=TIMEOUT) as done:
        page.sync_now()
    manual = done.args[0]
    assert manual.kind == UNREACHABLE and manual.trigger == "manual"
    assert page.phase.text().startswith("Mạng/máy chủ tỉnh không trả lời")
    assert "Tỉnh từ chối" not in page.phase.text() and "ConnectionError" not in page.phase.text()
    assert page.progress.value() == 0
    qtbot.waitUntil(lambda: page.view is not None and page.problem_model.rowCount() == 0)
    c = Counter.open(data_dir)
    try:
        assert c.sync_book.runs()[0].ok is False
        rows = c.dossiers.page(every_dossier(), limit=100).rows
        assert rows and all(r.sync_error is None for r in rows)
    finally:
        c.close()


def every_dossier() -> object:
    from counter_app.dossier_view import DossierFilter

    return DossierFilter()


def test_a_refused_token_is_not_online_and_says_to_enrol_again(
    supervisor_ctx: AppContext, data_dir: Path, hub: HubServer, now: list[float], qtbot: QtBot
) -> None:
    ctx = supervisor_ctx
    _prepare(data_dir, hub, token="revoked-or-never-issued")
    bar = CounterStatusBar(ctx)
    qtbot.addWidget(bar)
    page = _sync_page(ctx, qtbot)
    outcome = _round(ctx, qtbot, start=True)
    assert outcome.kind == DESK_REFUSED
    assert "cần đăng ký lại quầy" in page.phase.text()
    assert "HTTP 401" not in page.phase.text()
    assert page.progress.value() == 0
    # The hub answers its health check, but this desk is not online for it.
    with qtbot.waitSignal(bar.server_shown, timeout=TIMEOUT):
        bar.refresh()
    assert "không nhận mã của quầy" in bar.server.text() and "Trực tuyến" not in bar.server.text()
    assert bar.server.property("online") is False


def test_a_manual_press_during_a_background_run_waits_for_it(
    supervisor_ctx: AppContext, data_dir: Path, hub: HubServer, now: list[float], qtbot: QtBot
) -> None:
    ctx = supervisor_ctx
    _prepare(data_dir, hub)
    page = _sync_page(ctx, qtbot)
    outcomes: list[SyncOutcome] = []
    ctx.sync.finished.connect(outcomes.append)
    ctx.sync.start()
    assert ctx.sync.running and not page.sync_button.isEnabled()
    with qtbot.waitSignal(ctx.sync.waiting):
        page.sync_now()
    qtbot.waitUntil(lambda: len(outcomes) == 2, timeout=TIMEOUT)
    assert [o.trigger for o in outcomes] == ["auto", "manual"]
    assert all(o.ok for o in outcomes)
    c = Counter.open(data_dir)
    try:
        manual, auto = c.sync_book.runs()[:2]
    finally:
        c.close()
    assert (manual.trigger, auto.trigger) == ("manual", "auto")
    assert auto.ended_at is not None and auto.ended_at <= manual.started_at  # one at a time
    qtbot.waitUntil(lambda: page.sync_button.isEnabled())


def test_switched_off_by_a_supervisor_nothing_goes_out(
    supervisor_ctx: AppContext, data_dir: Path, hub: HubServer, now: list[float], qtbot: QtBot
) -> None:
    ctx = supervisor_ctx
    _prepare(data_dir, hub)
    c = Counter.open(data_dir)
    try:
        c.sync_book.set_auto_enabled(False)  # what `counter-app server auto off` does
    finally:
        c.close()
    bar = CounterStatusBar(ctx)
    qtbot.addWidget(bar)
    assert _round(ctx, qtbot, start=True).kind == OFF
    assert hub_state(hub)["dossiers"] == {}
    qtbot.waitUntil(lambda: bar.auto.text() == "Tự động đồng bộ: tắt")

    from ui.pages.admin import OfficeTab

    tab = OfficeTab(ctx)
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.saved, timeout=TIMEOUT):
        tab.refresh()
        qtbot.waitUntil(lambda: tab.server.text() == hub.url)
        assert not tab.auto_sync.isChecked()
        tab.auto_sync.setChecked(True)
        tab.save()
    # Switched on: the schedule looks again at once.
    assert _round(ctx, qtbot).kind == OK
    assert hub_state(hub)["dossiers"]
    qtbot.waitUntil(lambda: bar.auto.text() == "Tự động đồng bộ: bật")


def test_logging_out_during_a_run_stops_it_cleanly(
    supervisor_ctx: AppContext, data_dir: Path, hub: HubServer, now: list[float], qtbot: QtBot
) -> None:
    ctx = supervisor_ctx
    _prepare(data_dir, hub)
    with qtbot.waitSignal(ctx.sync.finished, timeout=TIMEOUT) as done:
        ctx.sync.start()
        ctx.sync.stop()  # logout right after login: the round stops after its current step
    outcome = done.args[0]
    assert outcome.kind in ("ok", "cancelled") and not ctx.sync.running
    assert not ctx.sync.timer.isActive()
    now[0] += 3600
    ctx.sync.tick()
    assert not ctx.sync.running
    c = Counter.open(data_dir)
    try:
        runs = c.sync_book.runs()
        assert all(r.ended_at is not None for r in runs)  # no run left half-open
    finally:
        c.close()
