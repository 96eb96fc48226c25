"""Background sync, reachability probe, backoff, cancellation and resumption."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sync_support import OFFICE_A, HubServer, intake, make_counter

from counter_app.counter import Counter
from sync.auto import AutoSync
from sync.engine import SyncEngine, SyncResult, sync_now
from sync.probe import is_reachable
from sync.schedule import AdaptiveBatch, next_attempt
from sync.transport import HubClient


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubServer]:
    server = HubServer(tmp_path / "hub.sqlite3")
    yield server
    server.stop()


def test_probe(hub: HubServer) -> None:
    assert is_reachable(hub.url)
    assert not is_reachable("http://127.0.0.1:9", timeout=1)
    assert not is_reachable("http://hub.example.vn")  # plain http off loopback: refused


def test_auto_sync_runs_when_reachable_and_backs_off_when_not(
    hub: HubServer, tmp_path: Path
) -> None:
    c, admin = make_counter(tmp_path / "a1", OFFICE_A, 1, hub)
    intake(c, admin, 1)
    results: list[SyncResult] = []
    got = threading.Event()

    def on_result(result: SyncResult) -> None:
        results.append(result)
        got.set()

    auto = AutoSync(lambda: Counter.open(tmp_path / "a1"), on_result=on_result)
    thread = threading.Thread(target=auto.run, daemon=True)
    thread.start()
    # The loop's first round syncs at once; stopping interrupts its wait.
    assert got.wait(30)
    auto.stop()
    thread.join(10)
    assert not thread.is_alive()
    assert results and results[0].ok and results[0].pushed == 1
    assert c.sync_book.runs()[0].trigger == "auto"

    c.sync_book.set_auto_enabled(False)
    assert auto.run_once() is None
    c.sync_book.set_auto_enabled(True)
    token = c.sync_book.server().token  # type: ignore[union-attr]
    c.sync_book.set_server("http://127.0.0.1:9", token)
    assert auto.run_once() is None
    delays = [auto.next_delay(None) for _ in range(12)]
    assert delays[0] <= timedelta(minutes=1) and delays[-1] <= timedelta(hours=1)
    assert delays[-1] > delays[0]
    assert auto.next_delay(results[0]) == timedelta(minutes=5)


def test_backoff_schedule_grows_with_jitter() -> None:
    from counter_app import clock

    now = clock.now()
    waits = [next_attempt(now, n) - now for n in range(1, 12)]
    assert timedelta(seconds=30) <= waits[0] <= timedelta(minutes=1)
    assert waits[-1] <= timedelta(hours=6) and waits[-1] >= timedelta(hours=3)
    batch = AdaptiveBatch(size=100)
    batch.failed()
    assert batch.size == 25
    batch.succeeded(0.01)
    assert batch.size == 50
    batch.succeeded(10)
    assert batch.size == 25


def test_cancel_then_resume_and_background_waits_for_next_attempt(
    hub: HubServer, tmp_path: Path
) -> None:
    c, admin = make_counter(tmp_path / "a1", OFFICE_A, 1, hub)
    for n in range(9):
        intake(c, admin, n)
    seen: list[tuple[str, int, int]] = []

    def progress(phase: str, done: int, total: int) -> None:
        seen.append((phase, done, total))

    s = c.sync_book.server()
    assert s is not None
    client = HubClient(s.url, s.token)
    engine = SyncEngine(
        c,
        client,
        progress=progress,
        cancel=lambda: len(seen) >= 2,
        batch=AdaptiveBatch(size=3, maximum=3),
    )
    result = engine.run()
    client.close()
    assert result.cancelled and not result.ok
    # Stopped after the batch in flight when it was cancelled: not all nine were sent.
    assert 3 <= result.pushed < 9 and result.pending == 9 - result.pushed
    assert seen[0] == ("push", 0, 9) and seen[1] == ("push", 3, 9)
    resumed = sync_now(c)
    assert resumed.ok and resumed.pushed == 9 - result.pushed and resumed.pending == 0

    # A hub that does not answer is nobody's fault at the desk: the run says so in words, the
    # record waits without an error or a delay of its own (the loop backs off instead), and
    # goes out with the next background run once the hub answers.
    code = intake(c, admin, 99)
    c.sync_book.set_server("http://127.0.0.1:9", s.token)
    offline = sync_now(c, timeout=(1, 1))
    assert not offline.ok and offline.problem == "unreachable"
    assert offline.errors[0].startswith("Mạng/máy chủ tỉnh không trả lời — sẽ tự thử lại")
    d = c.dossiers.get(code)
    assert d.sync_state.value == "waiting" and d.sync_error is None
    c.sync_book.set_server(s.url, s.token)
    assert sync_now(c, force=False).pushed == 1
