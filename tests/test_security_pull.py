"""Issue 13, finding 7: what a hub sends is checked before it is written. A bad record is
skipped with its reason in the sync log, the rest of the page is applied, and nothing the
desk reads afterwards (show, search, status, check) trips over it."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from dataclasses import asdict
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
from hostile_hub import HostileHub, send_json
from sync_support import OFFICE_A, intake, make_counter

from counter_app.counter import Counter
from counter_app.models import User
from sync.engine import sync_now


@pytest.fixture
def other_desk(tmp_path: Path) -> Iterator[tuple[Counter, User]]:
    c, admin = make_counter(tmp_path / "desk2", OFFICE_A, 2)
    yield c, admin
    c.close()


def _change(c: Counter, code: str, version: int) -> dict[str, Any]:
    d = c.dossiers.get(code).to_dict()
    events = [asdict(e) for e in c.dossiers.events(code)]
    return json.loads(json.dumps({"dossier": d, "version": version, "events": events}))


def _hub_serving(page: dict[str, Any]) -> HostileHub:
    def behave(h: BaseHTTPRequestHandler, method: str, path: str) -> None:
        if path.startswith("/v1/pull"):
            send_json(h, page)
        elif path.startswith("/v1/reconcile"):
            send_json(h, {"desk": {}, "office": {}})
        else:
            send_json(h, {"ok": True})

    return HostileHub(behave)


def _nest(depth: int) -> dict[str, Any]:
    inner: dict[str, Any] = {}
    for _ in range(depth):
        inner = {"a": inner}
    return inner


def test_bad_pulled_records_are_skipped_and_the_rest_applied(
    counter: Counter, other_desk: tuple[Counter, User], cli: Any
) -> None:
    b, admin = other_desk
    codes = [intake(b, admin, n) for n in range(8)]
    good = [_change(b, codes[0], 1), _change(b, codes[1], 2)]
    bad = [_change(b, code, 3 + n) for n, code in enumerate(codes[2:])]
    bad[0]["dossier"]["status"] = "bogus_status"
    bad[1]["version"] = "x"
    bad[2]["dossier"]["extra"] = _nest(200)
    bad[3]["dossier"]["receiving_unit"] = bad[3]["dossier"]["resolving_unit"] = "000.00.99.H56"
    bad[4]["dossier"]["applicant"]["full_name"] = "Nguyễn\x1b[2J\x00Văn"
    bad[5]["dossier"]["extended_due_at"] = [None]  # found by the fuzz suite
    hub = _hub_serving(
        {"changes": [bad[0], good[0], *bad[1:], good[1]], "cursor": 9, "more": False}
    )
    desk = counter
    try:
        desk.sync_book.set_server(hub.url, "token")
        result = sync_now(desk)
        assert result.pulled == 2
        assert not result.ok
        log = desk.sync_book.runs(1)[0]
        assert log.ok is False
        assert len({e for e in log.errors if "bỏ qua bản ghi nhận về" in e}) == 6
        assert any("status" in e for e in log.errors)
        assert any("version" in e for e in log.errors)
        assert any("nested" in e for e in log.errors)
        assert any("none of this office" in e for e in log.errors)
        assert any("control characters" in e for e in log.errors)
        assert any("extended_due_at" in e for e in log.errors)
        assert not any("Nguyễn" in e for e in log.errors)  # no personal data in the log
        assert desk.sync_book.cursor() == 9
        assert desk.dossiers.get(codes[0]).code == codes[0]
        for code in codes[2:]:
            assert not desk.dossiers.search(code)
    finally:
        hub.stop()
    assert cli("check").code == 0
    assert cli("search", "Nguyễn").code == 0
    assert cli("show", codes[1]).code == 0


def test_a_cursor_that_is_not_a_number_is_refused_in_words(counter: Counter) -> None:
    hub = _hub_serving({"changes": [], "cursor": "abc", "more": False})
    try:
        counter.sync_book.set_server(hub.url, "token")
        result = sync_now(counter)
    finally:
        hub.stop()
    assert not result.ok
    assert any("cursor" in e for e in result.errors), result.errors
    assert counter.sync_book.cursor() == 0
    assert counter.sync_book.runs(1)[0].ok is False


def test_a_run_that_raised_is_never_logged_as_ok(counter: Counter) -> None:
    hub = _hub_serving({"changes": [], "cursor": 1, "more": False})

    def broken_progress(phase: str, done: int, total: int) -> None:
        if phase == "pull":
            raise RuntimeError("a bug in the caller")

    try:
        counter.sync_book.set_server(hub.url, "token")
        with pytest.raises(RuntimeError):
            sync_now(counter, progress=broken_progress)
    finally:
        hub.stop()
    run = counter.sync_book.runs(1)[0]
    assert run.ok is False
    assert any("RuntimeError" in e for e in run.errors)


def test_a_broken_publication_is_an_error_in_words(counter: Counter) -> None:
    hub = _hub_serving(
        {
            "changes": [],
            "cursor": 1,
            "more": False,
            "procedures": {"version": "v", "data": [{"bogus": 1}]},
            "desk_keys": [{"desk": 1}],
        }
    )
    try:
        counter.sync_book.set_server(hub.url, "token")
        result = sync_now(counter)
    finally:
        hub.stop()
    assert not result.ok
    assert any("Danh mục" in e for e in result.errors), result.errors
    assert counter.sync_book.runs(1)[0].ok is False


def test_the_checks_leave_the_pulled_change_untouched(other_desk: tuple[Counter, User]) -> None:
    from counter_app.remote_records import bad_change_reason

    b, admin = other_desk
    change = _change(b, intake(b, admin, 1), 1)
    before = copy.deepcopy(change)
    assert bad_change_reason(change, OFFICE_A) is None
    assert change == before
