"""The electronic result: a procedure may require it as a file; result ready is then refused
without one, and a dossier can become result ready with its file in one step."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from attachment_files import make_pdf
from cli_intake import intake_args
from sync_proxy import FaultProxy
from sync_support import OFFICE_A, OFFICE_B, HubServer, intake, make_counter
from test_attachments_core import counts, take_in
from test_attachments_sync import run_sync

from counter_app.counter import Counter
from counter_app.errors import NotFound, PermissionDenied, TransitionError, ValidationError
from counter_app.lifecycle import Status
from counter_app.models import User
from counter_app.resources import demo_procedures
from sync.hub import cli as hub_cli

PROC = "1.001193"


def test_result_ready_is_refused_without_the_required_file(
    counter: Counter, supervisor: User, clerk: User, tmp_path: Path
) -> None:
    code = take_in(counter, clerk)
    with pytest.raises(PermissionDenied):
        counter.result_files.set_required(clerk, PROC, True)
    counter.result_files.set_required(supervisor, PROC, True)
    assert counter.result_files.required(PROC)
    before = counts(counter)
    with pytest.raises(TransitionError, match="bắt buộc có kết quả điện tử"):
        counter.dossiers.change_status(clerk, code, Status.RESULT_READY)
    assert counter.dossiers.get(code).status is Status.RECEIVED
    assert counts(counter) == before

    # A bad file: refused in words, nothing changed.
    bad = tmp_path / "ket-qua.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(ValidationError, match=r"ket-qua\.pdf"):
        counter.result_files.mark_ready(clerk, code, bad)
    assert counter.dossiers.get(code).status is Status.RECEIVED
    assert counts(counter) == before

    # With the file: status and attachment together.
    pdf = make_pdf(tmp_path / "quyet-dinh.pdf", pages=2)
    d = counter.result_files.mark_ready(clerk, code, pdf, note="Đã ký")
    assert d.status is Status.RESULT_READY
    [row] = counter.result_files.of(code)
    assert (row.kind, row.name, row.pages) == ("result", "quyet-dinh.pdf", 2)
    assert [e.kind for e in counter.dossiers.events(code)[-2:]] == ["status", "attach"]
    assert counter.result_files.here(row)
    copy = counter.result_files.viewable_copy(row)
    assert copy.name == "quyet-dinh.pdf" and copy.read_bytes() == pdf.read_bytes()
    assert copy.stat().st_mode & 0o077 == 0 and copy.parent.stat().st_mode & 0o077 == 0
    assert counter.result_files.viewable_copy(row) == copy  # opened again: the same copy
    assert counter.check() == []  # the copy is no stored file


def test_a_procedure_without_the_setting_still_moves_freely(
    counter: Counter, supervisor: User, clerk: User
) -> None:
    code = take_in(counter, clerk)
    counter.result_files.set_required(supervisor, PROC, True)
    counter.result_files.set_required(supervisor, PROC, False)
    assert counter.result_files.required_procedures() == []
    assert (
        counter.dossiers.change_status(clerk, code, Status.RESULT_READY).status
        is Status.RESULT_READY
    )


def test_a_refused_change_with_a_good_file_stores_nothing(
    counter: Counter, supervisor: User, clerk: User, tmp_path: Path
) -> None:
    code = take_in(counter, clerk)
    counter.result_files.set_required(supervisor, PROC, True)
    counter.dossiers.change_status(
        clerk, code, Status.SUPPLEMENT_REQUESTED
    )  # not next to result ready
    before = counts(counter)
    pdf = make_pdf(tmp_path / "kq.pdf")
    with pytest.raises(TransitionError):
        counter.result_files.mark_ready(clerk, code, pdf)
    assert counts(counter) == before
    assert counter.result_files.of(code) == []
    assert not counter.attachments.files.root.exists()


def test_cli_sets_the_rule_and_attaches_with_the_status(office: Any, tmp_path: Path) -> None:
    cli = office
    r = cli("procedures", "result-file", PROC, "--required", "--json")
    assert r.code == 0, r.err
    assert r.json() == {"procedure": PROC, "result_file_required": True}
    r = cli("procedures", "result-file", "9.999999")
    assert r.code != 0 and "9.999999" in r.err
    code = cli(
        *intake_args(PROC),
        "--json",
    ).json()["code"]
    r = cli("status", code, "--to", "result_ready")
    assert r.code != 0 and "bắt buộc có kết quả điện tử" in r.err
    pdf = make_pdf(tmp_path / "giay-khai-sinh.pdf")
    r = cli("status", code, "--to", "result_ready", "--result-file", str(pdf), "--json")
    assert r.code == 0, r.err
    assert r.json()["status"] == "result_ready"
    [row] = cli("attachments", code, "--json").json()
    assert (row["kind"], row["name"]) == ("result", "giay-khai-sinh.pdf")


def test_the_province_publishes_which_results_are_required_as_files(tmp_path: Path) -> None:
    """A catalogue marked `"result_file_required": true` travels with the hub's publication
    (a real hub on 127.0.0.1) and the desk's setting takes it."""
    hub = HubServer(tmp_path / "hub.sqlite3")
    try:
        procedures = [p.to_dict() for p in demo_procedures()[:3]]
        procedures[1]["result_file_required"] = True
        catalogue = tmp_path / "catalogue.json"
        catalogue.write_text(json.dumps({"procedures": procedures}, ensure_ascii=False), "utf-8")
        assert hub_cli.main(["publish-procedures", "--db", str(hub.db), str(catalogue)]) == 0
        c, _admin = make_counter(tmp_path / "desk", OFFICE_A, 1, hub)
        try:
            assert not c.result_files.required(procedures[1]["code"])
            result, _sent = run_sync(c)
            assert result.ok, result.errors
            assert c.result_files.required_procedures() == [procedures[1]["code"]]
            assert not c.result_files.required(procedures[0]["code"])
        finally:
            c.close()
    finally:
        hub.stop()


def test_a_result_announced_by_the_resolving_office_shows_before_its_file_arrives(
    tmp_path: Path,
) -> None:
    """The hub told A of B's result file, but the download was cut: A lists it as not here;
    the next sync brings it."""
    hub = HubServer(tmp_path / "hub.sqlite3")
    proxy = FaultProxy(("127.0.0.1", hub.port))
    try:
        hub.hub.publish(
            "offices",
            [
                {"agency_code": OFFICE_A, "name": "Phường A"},
                {"agency_code": OFFICE_B, "name": "Xã B"},
            ],
        )
        a, admin_a = make_counter(tmp_path / "a", OFFICE_A, 1, hub, proxy.url)
        b, admin_b = make_counter(tmp_path / "b", OFFICE_B, 1, hub)
        assert run_sync(a)[0].ok
        code = intake(a, admin_a, 1, resolving_unit=OFFICE_B)
        assert run_sync(a)[0].ok and run_sync(b)[0].ok
        pdf = make_pdf(tmp_path / "quyet-dinh.pdf")
        b.result_files.mark_ready(admin_b, code, pdf)
        assert run_sync(b)[0].files_sent == 1
        proxy.fault("http500", "/v1/files/", count=1000)
        run_sync(a)
        assert a.dossiers.get(code).status is Status.RESULT_READY
        [row] = a.result_files.of(code)
        assert (row.name, row.sync_state) == ("quyet-dinh.pdf", "remote")
        assert not a.result_files.here(row)
        with pytest.raises(NotFound):
            a.result_files.viewable_copy(row)
        proxy.clear()
        assert run_sync(a)[0].files_received == 1
        [row] = a.result_files.of(code)
        assert a.result_files.here(row)
        assert a.result_files.viewable_copy(row).read_bytes() == pdf.read_bytes()
        a.close()
        b.close()
    finally:
        proxy.close()
        hub.stop()
