"""A dossier received for another commune, end to end: two offices, a real hub on 127.0.0.1.

Office A takes in a dossier that office B is competent for; B pulls it, processes it to result
ready; A pulls that and hands the result out. B cannot hand it out and A cannot decide it,
neither in the core nor at the hub.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest
from cli_intake import intake_args
from sync_support import OFFICE_A, OFFICE_B, HubServer, make_counter

from counter_app import clock
from counter_app.counter import Counter
from counter_app.errors import PermissionDenied, ValidationError
from counter_app.event_chain import ChainHead
from counter_app.intake import IntakeRequest
from counter_app.lifecycle import NATIONAL_CODE, Status
from counter_app.models import User
from sync.engine import sync_now
from sync.hub import cli as hub_cli
from sync.portal import to_portal
from sync.transport import HubClient

OFFICE_C = "000.00.08.H56"  # not published: no dossier may be received for it


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubServer]:
    server = HubServer(tmp_path / "hub.sqlite3")
    catalogue = tmp_path / "catalogue.json"
    catalogue.write_text(
        json.dumps(
            {
                "procedures": [
                    {
                        "code": "1.004837",
                        "name": "Đăng ký giám hộ",
                        "field": "Hộ tịch",
                        "field_code": "G09-HT01",
                        "time_text": "03 ngày làm việc",
                    }
                ],
                "offices": [
                    {"agency_code": OFFICE_A, "name": "Trung tâm PVHCC phường Bến Nghé"},
                    {"agency_code": OFFICE_B, "name": "Trung tâm PVHCC xã Bình Chánh"},
                ],
            },
            ensure_ascii=False,
        ),
        "utf-8",
    )
    assert hub_cli.main(["publish-procedures", "--db", str(server.db), str(catalogue)]) == 0
    yield server
    server.stop()


def intake(c: Counter, actor: User, n: int, **extra: Any) -> str:
    req = IntakeRequest(
        procedure_code="1.004837",
        full_name=f"Nguyễn Văn {n}",
        id_number=f"0010901{n:05d}",
        phone="0912345678",
        **extra,
    )
    return c.dossiers.intake(actor, req).code


def _offices(tmp_path: Path, hub: HubServer) -> tuple[Counter, User, Counter, User]:
    a, admin_a = make_counter(tmp_path / "a", OFFICE_A, 1, hub)
    b, admin_b = make_counter(tmp_path / "b", OFFICE_B, 1, hub)
    for c in (a, b):
        assert sync_now(c).ok  # the catalogue and the province's offices
    return a, admin_a, b, admin_b


def _forged(c: Counter, code: str, to: Status, kind: str = "status") -> dict[str, Any]:
    """The record a desk would push for a change its own core refuses, as another program
    talking to the hub could send it."""
    d = c.dossiers.get(code)
    snapshot = d.to_dict() | {"status": to.value, "national_status": NATIONAL_CODE[to]}
    event = {
        "uuid": str(uuid.uuid4()),
        "dossier_uuid": d.uuid,
        "at": clock.iso(clock.now()),
        "username": "admin",
        "kind": kind,
        "old_status": d.status.value,
        "new_status": to.value,
        "note": None,
        "data": {},
    }
    return {
        "uuid": str(uuid.uuid4()),
        "entity": "dossier",
        "entity_uuid": d.uuid,
        "created_at": event["at"],
        "seq": 10_000,
        "base_version": None,
        "payload": json.dumps({"dossier": snapshot, "event": event}, ensure_ascii=False),
    }


def _push_as(c: Counter, record: dict[str, Any]) -> dict[str, Any]:
    """Pushed as the desk itself would, with its token and key: a link continuing its event
    chain and the head signed (issue 13 finding 11), then the desk's chain taken past it."""
    server = c.sync_book.server()
    assert server is not None
    head = c.event_chain.head()
    link = ChainHead(head.seq + 1, hashlib.sha256(record["uuid"].encode()).hexdigest())
    record = {**record, "chain": {"seq": link.seq, "prev": head.hash, "hash": link.hash}}
    acks, _held = HubClient(server.url, server.token).push_chained(
        [record], c.event_chain.signed(link)
    )
    c.event_chain.adopt_chain_head(link.seq, link.hash)
    return acks[0]


def test_received_here_resolved_there_returned_here(tmp_path: Path, hub: HubServer) -> None:
    a, admin_a, b, admin_b = _offices(tmp_path, hub)
    assert [o.agency_code for o in a.catalogue.province_offices()] == [OFFICE_A, OFFICE_B]

    code = intake(a, admin_a, 3, resolving_unit=OFFICE_B)
    d = a.dossiers.get(code)
    assert code.startswith(OFFICE_A)  # the receiving office's code
    assert (d.receiving_unit, d.resolving_unit, d.handout_office, d.holder) == (
        OFFICE_A,
        OFFICE_B,
        OFFICE_A,
        OFFICE_B,
    )
    # A cannot decide it, in the core ...
    with pytest.raises(PermissionDenied, match="chỉ cơ quan giải quyết"):
        a.dossiers.change_status(admin_a, code, Status.PROCESSING)
    assert sync_now(a).ok
    # ... nor at the hub.
    answer = _push_as(a, _forged(a, code, Status.PROCESSING))
    assert answer["status"] == "rejected" and "resolving office" in answer["error"]

    # B receives it on its next pull and processes it to result ready.
    assert sync_now(b).ok
    got = b.dossiers.get(code)
    assert (got.receiving_unit, got.resolving_unit, got.status) == (
        OFFICE_A,
        OFFICE_B,
        Status.RECEIVED,
    )
    b.dossiers.change_status(admin_b, code, Status.PROCESSING)
    b.dossiers.change_status(admin_b, code, Status.RESULT_READY)
    with pytest.raises(PermissionDenied, match="kết quả được trả tại"):
        b.dossiers.return_result(admin_b, code, "Nguyễn Văn 3")  # in the core
    assert sync_now(b).ok
    answer = _push_as(b, _forged(b, code, Status.RETURNED, kind="return"))
    assert answer["status"] == "rejected" and "handed out by" in answer["error"]  # at the hub

    # A pulls the result and hands it out; B learns of it.
    assert sync_now(a).ok
    assert (
        a.dossiers.get(code).status is Status.RESULT_READY
        and a.dossiers.get(code).holder == OFFICE_A
    )
    a.dossiers.return_result(admin_a, code, "Nguyễn Văn 3")
    assert sync_now(a).ok and sync_now(b).ok
    assert b.dossiers.get(code).status is Status.RETURNED

    # Both see it in their lists with the holder; each counts it by the rule.
    for c in (a, b):
        row = next(r for r in c.dossiers.page().rows if r.code == code)
        assert (row.receiving_unit, row.resolving_unit, row.holder) == (
            OFFICE_A,
            OFFICE_B,
            OFFICE_A,
        )
    today = clock.now().date()
    report_a = a.dossiers.on_time_report(today, today).total
    report_b = b.dossiers.on_time_report(today, today).total
    assert (report_a.received, report_a.settled) == (1, 0)  # received where received
    assert (report_b.received, report_b.settled) == (0, 1)  # settled where settled
    assert code in {r.code for r in _register(a)} and code not in {r.code for r in _register(b)}

    # The portal record names both offices and the procedure's field.
    proc = b.catalogue.procedure("1.004837")
    record = to_portal(b.dossiers.get(code), b.dossiers.events(code), b.office(), procedure=proc)
    assert (record["DonViTiepNhan"], record["DonViXuLy"], record["DonViTraKetQua"]) == (
        OFFICE_A,
        OFFICE_B,
        OFFICE_A,
    )
    assert (record["MaLinhVuc"], record["TenLinhVuc"]) == ("G09-HT01", "Hộ tịch")
    assert record["DanhGiaHaiLong"] is None and record["ThongBaoDungGiaiQuyet"] is None
    a.dossiers.rate(admin_a, code, "hai_long")  # rated at the return desk
    record = to_portal(a.dossiers.get(code), a.dossiers.events(code), a.office(), procedure=proc)
    assert record["DanhGiaHaiLong"] == {"MucDo": "2", "TenMucDo": "Hài lòng"}


def _register(c: Counter) -> list[Any]:
    from counter_app.register import register_rows

    today = clock.now().date()
    return list(register_rows(c, today, today))


def test_supplement_goes_back_through_the_receiving_office(tmp_path: Path, hub: HubServer) -> None:
    a, admin_a, b, admin_b = _offices(tmp_path, hub)
    code = intake(a, admin_a, 3, resolving_unit=OFFICE_B, handout="resolving")
    assert a.dossiers.get(code).handout_office == OFFICE_B
    assert sync_now(a).ok and sync_now(b).ok
    b.dossiers.change_status(admin_b, code, Status.SUPPLEMENT_REQUESTED, note="Thiếu tờ khai")
    assert sync_now(b).ok and sync_now(a).ok
    assert a.dossiers.get(code).holder == OFFICE_A  # A hands the request to the citizen
    a.dossiers.change_status(admin_a, code, Status.PROCESSING, note="Đã nhận bổ sung")
    assert sync_now(a).ok and sync_now(b).ok
    assert b.dossiers.get(code).status is Status.PROCESSING
    b.dossiers.change_status(admin_b, code, Status.RESULT_READY)
    # The citizen chose to collect it at B: B hands it out, A may not.
    assert sync_now(b).ok and sync_now(a).ok
    with pytest.raises(PermissionDenied):
        a.dossiers.return_result(admin_a, code, "Nguyễn Văn 3")
    b.dossiers.return_result(admin_b, code, "Nguyễn Văn 3")
    assert sync_now(b).ok and sync_now(a).ok
    assert a.dossiers.get(code).status is Status.RETURNED


def test_an_office_not_published_is_refused_at_intake_and_at_the_hub(
    tmp_path: Path, hub: HubServer
) -> None:
    a, admin_a, _b, _ = _offices(tmp_path, hub)
    with pytest.raises(ValidationError, match="danh sách cơ quan của tỉnh"):
        intake(a, admin_a, 3, resolving_unit=OFFICE_C)
    before = a.dossiers.count()
    assert before == 0
    # A forged first snapshot naming an unpublished office is rejected by the hub.
    code = intake(a, admin_a, 4, resolving_unit=OFFICE_B)
    record = _forged(a, code, Status.RECEIVED, kind="intake")
    payload = json.loads(record["payload"])
    # A new dossier of this desk (own code prefix, its own event) naming an unpublished office.
    new_uuid = str(uuid.uuid4())
    payload["dossier"] |= {"uuid": new_uuid, "code": code[:-3] + "999", "resolving_unit": OFFICE_C}
    payload["event"] |= {"old_status": None, "dossier_uuid": new_uuid}
    record["payload"] = json.dumps(payload, ensure_ascii=False)
    answer = _push_as(a, record)
    assert answer["status"] == "rejected" and OFFICE_C in answer["error"]


def test_cli_intake_for_another_office_and_show_json(cli: Any, data_dir: Path) -> None:
    r = cli(
        "setup",
        "--agency-code",
        OFFICE_A,
        "--office-name",
        "Phường Bến Nghé",
        "--desk",
        "Quầy 1",
        "--admin",
        "admin",
        "--admin-name",
        "Nguyễn Thị Lan",
        "--demo",
    )
    assert r.code == 0, r.err
    c = Counter.open(data_dir)
    try:
        c.catalogue.load_province_offices([asdict(o) for o in _published()])
    finally:
        c.close()
    assert OFFICE_B in cli("offices").out
    r = cli(
        *intake_args("1.004837"),
        "--resolving-unit",
        OFFICE_B,
        "--handout",
        "resolving",
        "--json",
    )
    assert r.code == 0, r.err
    code = r.json()["code"]
    shown = cli("show", code, "--json").json()
    assert (shown["receiving_unit"], shown["resolving_unit"], shown["handout_unit"]) == (
        OFFICE_A,
        OFFICE_B,
        OFFICE_B,
    )
    r = cli("status", code, "--to", "processing")
    assert r.code != 0 and "chỉ cơ quan giải quyết" in r.err
    r = cli(
        *intake_args("1.004837"),
        "--resolving-unit",
        OFFICE_C,
    )
    assert r.code != 0 and OFFICE_C in r.err


def _published() -> list[Any]:
    from counter_app.offices import ProvinceOffice

    return [ProvinceOffice(OFFICE_A, "Phường Bến Nghé"), ProvinceOffice(OFFICE_B, "Xã Bình Chánh")]
