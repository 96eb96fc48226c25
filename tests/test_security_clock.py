"""Issue 13, finding 9 (clock half): pinning the clock is for tests and demos only, and a clock
that jumps back behind what the desk already wrote is noticed and reported."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import AGENCY, PASSWORD

from counter_app.counter import Counter
from counter_app.errors import PermissionDenied
from counter_app.intake import IntakeRequest
from counter_app.models import Office
from counter_app.resources import demo_procedures

SETUP = [
    "setup",
    "--agency-code",
    AGENCY,
    "--office-name",
    "UBND phường Bến Nghé",
    "--desk",
    "Quầy 1",
    "--admin",
    "admin",
]


def test_a_pinned_clock_is_refused_on_a_real_office(cli: Any, data_dir: Path) -> None:
    assert cli(*SETUP).code == 0
    r = cli("search", "x", COUNTER_APP_NOW="2026-12-31T08:00:00+07:00")
    assert r.code == 1 and "Traceback" not in r.err
    assert "COUNTER_APP_NOW" in r.err and "cơ quan thật" in r.err
    with pytest.raises(PermissionDenied):
        Counter.open(data_dir)


def test_a_pinned_clock_cannot_wait_out_a_lockout(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = Counter.open(data_dir)
    c.setup(Office(agency_code=AGENCY, name="UBND"), "Quầy 1", "admin", "Admin", PASSWORD)
    c.close()
    monkeypatch.setenv("COUNTER_APP_NOW", "2099-01-01T08:00:00+07:00")
    with pytest.raises(PermissionDenied, match="COUNTER_APP_NOW"):
        Counter.open(data_dir)


def test_a_demo_office_may_pin_its_clock(cli: Any) -> None:
    assert cli(*SETUP, "--demo").code == 0
    r = cli("search", "x", COUNTER_APP_NOW="2026-12-31T08:00:00+07:00")
    assert r.code == 0, r.err


def _intake(c: Counter, n: int) -> str:
    admin = c.accounts.login("admin", PASSWORD)
    req = IntakeRequest(
        procedure_code="1.001193",
        full_name=f"Nguyễn Văn {n}",
        id_number=f"00109012345{n}",
        phone="0912345678",
    )
    return c.dossiers.intake(admin, req).code


def test_a_clock_set_back_is_noticed_and_reported(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, cli: Any
) -> None:
    c = Counter.open(data_dir)
    c.setup(
        Office(agency_code=AGENCY, name="UBND"), "Quầy 1", "admin", "Admin", PASSWORD, training=True
    )
    c.catalogue.load_procedures(demo_procedures())
    monkeypatch.setenv("COUNTER_APP_NOW", "2026-03-10T10:00:00+07:00")
    _intake(c, 1)
    monkeypatch.setenv("COUNTER_APP_NOW", "2026-03-10T09:58:00+07:00")  # a small correction
    _intake(c, 2)
    assert c.clock_jumps() == []
    monkeypatch.setenv("COUNTER_APP_NOW", "2026-03-09T15:00:00+07:00")
    code = _intake(c, 3)
    # The event keeps the device's time as it was: nothing is silently corrected.
    assert c.dossiers.events(code)[0].at == "2026-03-09T15:00:00+07:00"
    assert c.clock_jumps() == [
        {"device_time": "2026-03-09T15:00:00+07:00", "latest_event": "2026-03-10T10:00:00+07:00"}
    ]
    c.close()
    r = cli("check")
    assert r.code == 0, r.err
    assert "đồng hồ máy lùi về 2026-03-09T15:00:00+07:00" in r.err
