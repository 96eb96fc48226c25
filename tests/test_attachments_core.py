"""Attached files in the core: checked by content, stored once under their SHA-256 with private
modes, a row + event + outbox entry in one transaction, verified by `check`, kept by `backup`."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path
from typing import Any

import pytest
from attachment_files import make_jpeg, make_pdf, make_png, make_tiff
from cli_intake import intake_args
from conftest import PASSWORD

from counter_app.attachments import FOLDER
from counter_app.counter import Counter
from counter_app.intake import IntakeRequest
from counter_app.lifecycle import Status
from counter_app.models import User
from counter_app.store.schema import SCHEMA_VERSION


def take_in(counter: Counter, clerk: User) -> str:
    req = IntakeRequest(
        procedure_code="1.001193",
        full_name="Đặng Văn Đức",
        id_number="001090123456",
        phone="0912345678",
    )
    return counter.dossiers.intake(clerk, req).code


def counts(counter: Counter) -> tuple[int, int, int]:
    conn = counter._store.conn
    return tuple(  # type: ignore[return-value]
        conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("attachments", "events", "outbox")
    )


def test_a_scan_is_stored_once_privately_with_row_event_and_outbox(
    counter: Counter, clerk: User, tmp_path: Path
) -> None:
    code = take_in(counter, clerk)
    pdf = make_pdf(tmp_path / "cccd.pdf", pages=3)
    before = counts(counter)
    row = counter.attachments.attach(clerk, code, pdf, item=1)
    assert (row.kind, row.item, row.pages, row.media_type) == ("intake", 1, 3, "application/pdf")
    assert row.sha256 == hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert counts(counter) == (before[0] + 1, before[1] + 1, before[2] + 1)
    stored = counter.attachments.path(row.sha256)
    assert stored.read_bytes() == pdf.read_bytes()
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert stat.S_IMODE((counter._store.path.parent / FOLDER).stat().st_mode) == 0o700
    event = counter.dossiers.events(code)[-1]
    assert event.kind == "attach" and event.data["sha256"] == row.sha256

    # The same scan on another item: a second row, still one file.
    counter.attachments.attach(clerk, code, pdf, item=2)
    files = [p for p in (counter._store.path.parent / FOLDER).rglob("*") if p.is_file()]
    assert files == [stored]
    assert [a.item for a in counter.attachments.of(code)] == [1, 2]


def test_images_are_recognised_by_content_and_tiff_pages_counted(
    counter: Counter, clerk: User, tmp_path: Path
) -> None:
    code = take_in(counter, clerk)
    # Names lie; content decides.
    png = make_png(tmp_path / "scan.pdf")
    jpg = make_jpeg(tmp_path / "a.bin")
    tif = make_tiff(tmp_path / "b.tif", pages=3)
    kinds = [counter.attachments.attach(clerk, code, p, item=1) for p in (png, jpg, tif)]
    assert [(k.media_type, k.pages) for k in kinds] == [
        ("image/png", 1),
        ("image/jpeg", 1),
        ("image/tiff", 3),
    ]


@pytest.mark.parametrize("problem", ["wrong_type", "too_big", "cut_pdf", "no_item", "empty"])
def test_a_bad_file_is_refused_in_words_and_nothing_changes(
    counter: Counter, clerk: User, supervisor: User, tmp_path: Path, problem: str
) -> None:
    code = take_in(counter, clerk)
    item: int | None = 1
    path = tmp_path / "x.pdf"
    if problem == "wrong_type":
        path.write_bytes(b"PK\x03\x04 a zip, not a scan")
    elif problem == "too_big":
        counter.set_setting(supervisor, "attachment_max_mb", 0.01)
        make_pdf(path, pages=1, noise_bytes=30_000)
    elif problem == "cut_pdf":
        whole = make_pdf(tmp_path / "whole.pdf").read_bytes()
        path.write_bytes(whole[: len(whole) // 2])
    elif problem == "no_item":
        make_pdf(path)
        item = 99
    else:
        path.write_bytes(b"")
    before = counts(counter)
    with pytest.raises(Exception) as raised:
        counter.attachments.attach(clerk, code, path, item=item)
    words = str(raised.value)
    expected = {
        "wrong_type": "không phải PDF, JPEG, PNG hay TIFF",
        "too_big": "quá giới hạn",
        "cut_pdf": "không mở được",
        "no_item": "thành phần hồ sơ",
        "empty": "tệp rỗng",
    }[problem]
    assert expected in words
    assert counts(counter) == before
    assert not (counter._store.path.parent / FOLDER).exists()


def test_a_result_needs_a_result_ready_dossier(
    counter: Counter, clerk: User, supervisor: User, tmp_path: Path
) -> None:
    code = take_in(counter, clerk)
    pdf = make_pdf(tmp_path / "kq.pdf")
    with pytest.raises(Exception, match="đã có kết quả"):
        counter.attachments.attach(clerk, code, pdf, result=True)
    for status in (Status.PROCESSING, Status.RESULT_READY):
        counter.dossiers.change_status(supervisor, code, status)
    row = counter.attachments.attach(clerk, code, pdf, result=True)
    assert (row.kind, row.item) == ("result", None)


def test_check_finds_an_altered_or_missing_file(
    counter: Counter, clerk: User, tmp_path: Path
) -> None:
    code = take_in(counter, clerk)
    row = counter.attachments.attach(clerk, code, make_pdf(tmp_path / "a.pdf"), item=1)
    assert counter.check() == []
    stored = counter.attachments.path(row.sha256)
    stored.write_bytes(stored.read_bytes() + b"x")
    assert any("đã bị thay đổi" in p for p in counter.check())
    stored.unlink()
    assert any("tệp bị thiếu" in p for p in counter.check())
    # Backups keep the files sealed inside: tests/test_backup_files.py.


def test_the_migration_is_the_last_and_counts_digitisation(
    counter: Counter, clerk: User, supervisor: User, tmp_path: Path
) -> None:
    assert counter._store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    full, partial = take_in(counter, clerk), take_in(counter, clerk)
    items = len(counter.dossiers.get(full).documents)
    for n in range(1, items + 1):
        counter.attachments.attach(clerk, full, make_png(tmp_path / f"{n}.png", "red"), item=n)
    counter.attachments.attach(clerk, partial, make_png(tmp_path / "p.png"), item=1)
    for status in (Status.PROCESSING, Status.RESULT_READY):
        counter.dossiers.change_status(supervisor, full, status)
    counter.attachments.attach(clerk, full, make_pdf(tmp_path / "kq.pdf"), result=True)
    rates = counter.attachments.digitisation("2000-01-01", "2100-01-01")
    assert items > 1
    assert (rates["received"], rates["digitised_at_intake"]) == (2, 1)
    assert (rates["results_issued"], rates["results_digitised"]) == (1, 1)
    assert rates["intake_rate"] == 0.5 and rates["result_rate"] == 1.0


def test_cli_attach_and_list(office: Any, tmp_path: Path) -> None:
    cli = office
    r = cli(
        *intake_args(),
        "--json",
    )
    code = r.json()["code"]
    pdf = make_pdf(tmp_path / "giay-to.pdf")
    assert cli("attach", code, str(pdf), "--document", "1").code == 0
    bad = tmp_path / "virus.pdf"
    bad.write_bytes(b"MZ\x90\x00")
    r = cli("attach", code, str(bad), "--document", "1")
    assert (
        r.code == 2 and "không phải PDF, JPEG, PNG hay TIFF" in r.err and "Traceback" not in r.err
    )
    listed = cli("attachments", code, "--json").json()
    assert [(a["name"], a["item"], a["kind"], a["sync_state"]) for a in listed] == [
        ("giay-to.pdf", 1, "intake", "waiting")
    ]
    assert listed[0]["sha256"] == hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert PASSWORD not in r.err


def test_the_portal_record_lists_the_scans_and_sets_the_digitised_flag(
    counter: Counter, clerk: User, supervisor: User, tmp_path: Path
) -> None:
    from sync.portal import to_portal

    code = take_in(counter, clerk)
    bare = to_portal(counter.dossiers.get(code), counter.dossiers.events(code), counter.office())
    assert bare["HoSoCoThanhPhanSoHoa"] == "0"
    assert all(f["DuongDanTaiTepTin"] == "" for f in bare["TaiLieuNop"])
    row = counter.attachments.attach(clerk, code, make_pdf(tmp_path / "to-khai.pdf"), item=1)
    for status in (Status.PROCESSING, Status.RESULT_READY):
        counter.dossiers.change_status(supervisor, code, status)
    result = counter.attachments.attach(
        clerk, code, make_pdf(tmp_path / "kq.pdf", seed=2), result=True
    )
    record = to_portal(counter.dossiers.get(code), counter.dossiers.events(code), counter.office())
    assert record["HoSoCoThanhPhanSoHoa"] == "1"
    first = record["TaiLieuNop"][0]
    assert (first["TepDinhKemId"], first["TenTepDinhKem"], first["MaThanhPhanHoSo"]) == (
        row.uuid,
        "to-khai.pdf",
        "1",
    )
    assert first["DuongDanTaiTepTin"] == f"/v1/files/{row.sha256}"
    assert len(record["TaiLieuNop"]) == len(counter.dossiers.get(code).documents)
    assert [f["TepDinhKemId"] for f in record["DanhSachGiayToKetQua"]] == [result.uuid]


def test_the_report_gives_the_digitisation_rates(office: Any, tmp_path: Path) -> None:
    cli = office
    codes = [
        cli(
            "intake",
            "--procedure",
            "1.001193",
            "--name",
            f"Người {n}",
            "--documents",
            "1",
            "--id-number",
            "001090123456",
            "--phone",
            "0912345678",
            "--json",
        ).json()["code"]
        for n in range(2)
    ]
    assert cli("attach", codes[0], str(make_pdf(tmp_path / "a.pdf")), "--document", "1").code == 0
    report = cli("report", "--from", "2000-01-01", "--to", "2100-01-01", "--json")
    assert report.code == 0, report.err
    assert report.json()["digitisation"] | {} == {
        "received": 2,
        "digitised_at_intake": 1,
        "results_issued": 0,
        "results_digitised": 0,
        "intake_rate": 0.5,
        "result_rate": None,
    }
    text = cli("report", "--from", "2000-01-01", "--to", "2100-01-01").out
    assert "Số hóa khi tiếp nhận: 1/2 (50.00%)" in text
