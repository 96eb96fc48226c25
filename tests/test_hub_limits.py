"""What one request may cost the hub (issue 13, finding 5), against a real `province-hub serve`
process on 127.0.0.1 whose peak memory (VmHWM, from /proc) is read before and after: a gzip
bomb, a chunked upload without end, deep nesting, too many records, and a stream of wrong
tokens. The limits concern the HTTP layer only, so one backend (SQLite) serves them."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from hub_processes import HubProcess, SharedDb
from hub_records import new_dossier_record
from sync_support import OFFICE_A

MIB = 1024 * 1024


def peak_rss(pid: int) -> int:
    """The process's peak resident memory so far, in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM in /proc")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[HubProcess, str]]:
    db = str(tmp_path_factory.mktemp("hub") / "hub.sqlite3")
    token = SharedDb(db).enroll(OFFICE_A, 1)
    hub = HubProcess(db)
    # Warm up: the first push loads the modules a push needs, counted before any attack.
    warm = requests.post(
        hub.url + "/v1/push",
        json={"records": [new_dossier_record(OFFICE_A, 1, 1)]},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    assert warm.json()["acks"][0]["status"] == "stored"
    yield hub, token
    hub.stop()


def auth(token: str, **more: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "Content-Type": "application/json", **more}


def test_a_gzip_bomb_is_refused_without_inflating_it(served: tuple[HubProcess, str]) -> None:
    hub, token = served
    assert hub.proc is not None
    # Just under the 64 MiB the hub used to allow, and parsed it would be 32 million items.
    inflated = b'{"records": [' + b"0," * (32 * MIB - 16) + b"0]}"
    bomb = gzip.compress(inflated, compresslevel=9)
    assert len(bomb) < 70 * 1024
    before = peak_rss(hub.proc.pid)
    answer = requests.post(
        hub.url + "/v1/push",
        data=bomb,
        headers=auth(token, **{"Content-Encoding": "gzip"}),
        timeout=60,
    )
    assert answer.status_code == 413 and "too large" in answer.json()["error"]
    grown = peak_rss(hub.proc.pid) - before
    assert grown < 48 * MIB, f"the hub's peak memory grew {grown // MIB} MiB"
    assert requests.get(hub.url + "/v1/health", timeout=10).json()["ok"] is True


def test_a_chunked_upload_over_the_limit_is_refused_before_it_is_buffered(
    served: tuple[HubProcess, str],
) -> None:
    hub, token = served
    assert hub.proc is not None
    sent = 0

    def endless() -> Iterator[bytes]:
        nonlocal sent
        yield b'{"records": ['
        chunk = b" " * MIB
        for _ in range(400):
            sent += len(chunk)
            yield chunk

    before = peak_rss(hub.proc.pid)
    try:
        answer = requests.post(
            hub.url + "/v1/push", data=endless(), headers=auth(token), timeout=60
        )
        assert answer.status_code == 413
    except requests.ConnectionError:
        pass  # the hub answered and closed while the client was still sending
    grown = peak_rss(hub.proc.pid) - before
    assert sent < 100 * MIB, f"the hub read {sent // MIB} MiB before refusing"
    assert grown < 48 * MIB, f"the hub's peak memory grew {grown // MIB} MiB"
    assert requests.get(hub.url + "/v1/health", timeout=10).json()["ok"] is True


def test_nesting_and_record_count_are_bounded_and_answered_in_words(
    served: tuple[HubProcess, str],
) -> None:
    hub, token = served
    deep = b'{"records": ' + b"[" * 200_000 + b"]" * 200_000 + b"}"
    for body, encoding in [(deep, ""), (gzip.compress(deep), "gzip")]:
        headers = auth(token, **({"Content-Encoding": encoding} if encoding else {}))
        answer = requests.post(hub.url + "/v1/push", data=body, headers=headers, timeout=60)
        assert answer.status_code == 400 and "error" in answer.json()
    record = new_dossier_record(OFFICE_A, 1, 2)
    many = json.dumps({"records": [record] * 5001}).encode()
    answer = requests.post(hub.url + "/v1/push", data=many, headers=auth(token), timeout=60)
    assert answer.status_code == 400 and "records" in answer.json()["error"]
    for junk, encoding in [(b"\x1f\x8b\x08junk", "gzip"), (b"{}", "br")]:
        answer = requests.post(
            hub.url + "/v1/push",
            data=junk,
            timeout=60,
            headers=auth(token, **{"Content-Encoding": encoding}),
        )
        assert answer.status_code in (400, 415) and "error" in answer.json()


def test_failed_authentications_are_limited_per_address(served: tuple[HubProcess, str]) -> None:
    hub, _ = served
    statuses = [
        requests.get(
            hub.url + "/v1/pull", headers={"Authorization": f"Bearer guess-{n}"}, timeout=10
        ).status_code
        for n in range(30)
    ]
    assert statuses[:20] == [401] * 20 and set(statuses[20:]) == {429}
    assert requests.get(hub.url + "/v1/health", timeout=10).status_code == 200
