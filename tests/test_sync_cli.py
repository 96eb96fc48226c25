"""The counter-side sync commands and the portal export, run through `counter-app`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sync_support import OFFICE_A, HubServer, intake

from counter_app.counter import Counter
from counter_app.models import User
from sync.auto import run_round
from sync.hub import cli as hub_cli
from sync.transport import check_url


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubServer]:
    server = HubServer(tmp_path / "hub.sqlite3")
    yield server
    server.stop()


def test_setup_with_server_then_sync_and_log(
    hub: HubServer, cli: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        hub_cli.main(["enroll", "--db", str(hub.db), "--agency-code", OFFICE_A, "--desk", "1"]) == 0
    )
    token = capsys.readouterr().out.strip().splitlines()[-1]
    r = cli(
        "setup",
        "--agency-code",
        OFFICE_A,
        "--office-name",
        "UBND phường Bến Nghé",
        "--desk",
        "Quầy 1",
        "--admin",
        "admin",
        "--demo",
        "--server",
        hub.url,
        "--token",
        token,
    )
    assert r.code == 0, r.err
    r = cli(
        "intake",
        "--procedure",
        "1.001193",
        "--name",
        "Trần Văn Bình",
        "--id-number",
        "001090123456",
        "--phone",
        "0912345678",
    )
    assert r.code == 0, r.err
    code = r.out.strip()

    r = cli("sync", "--json")
    assert r.code == 0, r.err
    result = r.json()
    assert (result["pushed"], result["pending"], result["errors"]) == (1, 0, [])
    r = cli("sync")
    assert r.code == 0 and "pending: 0" in r.out and "pushed: 0" in r.out

    assert hub_cli.main(["status", "--db", str(hub.db), code, "--to", "processing"]) == 0
    assert cli("sync").out.splitlines()[1] == "pulled: 1"
    assert cli("show", code, "--json").json()["status"] == "processing"

    log = cli("sync-log", "--json").json()
    assert [run["ok"] for run in log] == [True, True, True]
    assert log[0]["pulled"] == 1 and log[-1]["pushed"] == 1
    assert "ok" in cli("sync-log").out

    assert hub_cli.main(["stats", "--db", str(hub.db), "--json"]) == 0
    assert '"processing": 1' in capsys.readouterr().out


def test_sync_fails_with_words_and_nonzero_exit_when_the_hub_is_down(
    counter: Counter, cli: Any
) -> None:
    assert cli("sync").code == 1
    assert "server set" in cli("sync").err
    assert cli("server", "set", "http://127.0.0.1:9", "--token", "t").code == 0
    r = cli("sync", "--timeout", "1")
    assert r.code == 1 and "connection" in r.err.lower()
    assert cli("sync-log", "--json").json()[0]["ok"] is False
    shown = cli("server", "show", "--json").json()
    assert shown["url"] == "http://127.0.0.1:9" and shown["token_set"] is True
    assert shown.get("token") != "t"


def test_plain_http_only_to_loopback(counter: Counter, cli: Any) -> None:
    r = cli("server", "set", "http://hub.example.vn", "--token", "t")
    assert r.code == 1 and "https" in r.err
    assert counter.sync_book.server() is None
    assert check_url("https://hub.example.vn/") == "https://hub.example.vn"
    assert check_url("http://[::1]:8000") == "http://[::1]:8000"
    assert check_url("http://localhost:8000") == "http://localhost:8000"


def test_export_portal_maps_to_dongbohosomc(counter: Counter, clerk: User, cli: Any) -> None:
    code = intake(counter, clerk, 7, email="a@b.vn")
    record = cli("export", "portal", code).json()
    assert record["MaHoSo"] == code and record["SoBienNhan"] == code
    assert record["TrangThaiHoSo"] == "2" and record["KenhThucHien"] == "1"
    received = counter.dossiers.get(code).received_at
    assert record["NgayTiepNhan"] == received[:19].replace("-", "").replace("T", "").replace(
        ":", ""
    )
    assert len(record["NgayTiepNhan"]) == 14
    assert record["DinhDanhCHS"] == [{"LoaiDinhDanh": "1", "SoDinhDanh": "001090100007"}]
    assert record["TaiLieuNop"] and record["TaiLieuNop"][0]["IsDeleted"] is False
    assert record["Email"] == "a@b.vn" and record["NgayTuChoi"] == ""


def test_server_auto_switches_the_flag_the_background_sync_reads(
    counter: Counter, cli: Any, data_dir: Path
) -> None:
    counter.sync_book.set_server("http://127.0.0.1:9", "desk-token")
    counter.close()
    assert cli("server", "auto", "off").code == 0
    assert cli("server", "show", "--json").json()["auto"] is False
    c = Counter.open(data_dir)
    try:
        assert run_round(c).state == "off"  # what the app's background round finds
    finally:
        c.close()
    assert cli("server", "auto", "on").code == 0
    assert cli("server", "show", "--json").json()["auto"] is True
    assert cli("server", "auto", "off", COUNTER_APP_USER="lan").code != 0  # supervisors only
