"""Issue 13, finding 6: a hub the desk trusts too far. Each test runs a real misbehaving HTTP
server on 127.0.0.1 and checks the desk gives up in words instead of following it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import pytest
from hostile_hub import HostileHub, send_json

from counter_app.counter import Counter
from sync import transport
from sync.engine import MAX_PULL_PAGES, sync_now
from sync.errors import HubRefused, HubUnreachable


@pytest.fixture
def hubs() -> Iterator[list[HostileHub]]:
    started: list[HostileHub] = []
    yield started
    for hub in started:
        hub.stop()


def _serve(hubs: list[HostileHub], behaviour: object) -> HostileHub:
    hub = HostileHub(behaviour)  # type: ignore[arg-type]
    hubs.append(hub)
    return hub


def _quiet_hub(pull: dict[str, object] | None = None) -> object:
    """Answers everything but pull like an empty hub."""

    def behave(h: BaseHTTPRequestHandler, method: str, path: str) -> None:
        if path.startswith("/v1/reconcile"):
            send_json(h, {"desk": {}, "office": {}})
        else:
            send_json(h, {"ok": True})

    return behave


def test_a_hub_that_always_says_more_is_left_after_the_page_limit(
    counter: Counter, hubs: list[HostileHub]
) -> None:
    pages = iter(range(1, 10**9))
    gave_up_at = MAX_PULL_PAGES * 5  # old code pulled until the hub itself stopped

    def behave(h: BaseHTTPRequestHandler, method: str, path: str) -> None:
        if path.startswith("/v1/pull"):
            n = next(pages)
            send_json(h, {"changes": [], "cursor": n, "more": n < gave_up_at})
        else:
            _quiet_hub()(h, method, path)  # type: ignore[operator]

    hub = _serve(hubs, behave)
    counter.sync_book.set_server(hub.url, "token")
    result = sync_now(counter)
    assert hub.hits["/v1/pull"] == MAX_PULL_PAGES
    assert not result.ok
    assert any(f"{MAX_PULL_PAGES} trang" in e for e in result.errors), result.errors
    assert counter.sync_book.runs(1)[0].ok is False
    # What was pulled is kept: the next run goes on from the last cursor.
    assert counter.sync_book.cursor() == MAX_PULL_PAGES


def test_a_hub_whose_cursor_does_not_move_is_left_at_once(
    counter: Counter, hubs: list[HostileHub]
) -> None:
    pulls = iter(range(10**9))

    def behave(h: BaseHTTPRequestHandler, method: str, path: str) -> None:
        if path.startswith("/v1/pull"):
            send_json(h, {"changes": [], "cursor": 7, "more": next(pulls) < 500})
        else:
            _quiet_hub()(h, method, path)  # type: ignore[operator]

    hub = _serve(hubs, behave)
    counter.sync_book.set_server(hub.url, "token")
    result = sync_now(counter)
    assert hub.hits["/v1/pull"] == 2
    assert not result.ok
    assert any("con trỏ không tiến" in e for e in result.errors), result.errors


def test_a_slow_drip_answer_meets_the_total_deadline(hubs: list[HostileHub]) -> None:
    """Each byte arrives well within the read timeout; the whole answer would not."""
    release = threading.Event()

    def behave(h: BaseHTTPRequestHandler, method: str, path: str) -> None:
        body = b'{"ok": true, "pad": "' + b"x" * 200 + b'"}'
        h.send_response(200)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        for byte in body:
            h.wfile.write(bytes([byte]))
            h.wfile.flush()
            if release.wait(0.05):  # a drip, ended early once the desk has given up
                return

    hub = _serve(hubs, behave)
    client = transport.HubClient(hub.url, "token", timeout=(0.5, 0.5))
    try:
        assert client.deadline == pytest.approx(1.5)
        with pytest.raises(HubUnreachable, match=r"quá thời hạn"):
            client.health()
    finally:
        release.set()
        client.close()


def test_a_huge_answer_is_not_read_whole(hubs: list[HostileHub]) -> None:
    written: list[int] = []

    def behave(h: BaseHTTPRequestHandler, method: str, path: str) -> None:
        chunk = b"x" * 65536
        total = 150 * 1024 * 1024
        h.send_response(200)
        h.send_header("Content-Type", "application/json")
        h.send_header("Connection", "close")  # no length: read until the hub stops
        h.close_connection = True
        h.end_headers()
        h.wfile.write(b'{"pad": "')
        sent = 0
        try:
            while sent < total:
                h.wfile.write(chunk)
                sent += len(chunk)
            h.wfile.write(b'", "a": 1}')
        finally:
            written.append(sent)

    hub = _serve(hubs, behave)
    client = transport.HubClient(hub.url, "token")
    try:
        with pytest.raises(HubRefused, match=r"quá lớn"):
            client.health()
    finally:
        client.close()


def test_a_redirect_does_not_resend_records_to_another_host(
    counter: Counter, hubs: list[HostileHub]
) -> None:
    elsewhere = _serve(hubs, lambda h, m, p: send_json(h, {"acks": []}))

    def behave(h: BaseHTTPRequestHandler, method: str, path: str) -> None:
        h.send_response(307)
        h.send_header("Location", elsewhere.url + path)
        h.send_header("Content-Length", "0")
        h.end_headers()

    hub = _serve(hubs, behave)
    client = transport.HubClient(hub.url, "token")
    try:
        with pytest.raises(HubRefused, match=r"chuyển hướng"):
            client.push([{"uuid": "u", "payload": "{}"}])
    finally:
        client.close()
    assert elsewhere.posted == []
    assert elsewhere.hits == {}
