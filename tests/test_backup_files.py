"""Attached files travel INSIDE the sealed backup: a citizen's scan on a USB stick is as
unreadable as the database, and `restore` gives the files back byte for byte, verified by hash.
A wrong passphrase, a changed or cut backup changes nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from attachment_files import make_pdf
from cli_intake import intake_args

from counter_app import backup_archive
from counter_app.counter import Counter
from counter_app.sealed_backup import BackupError
from counter_app.store import DB_FILENAME

PASSPHRASE = "một cửa sao lưu 2026"
MARKER = "SCAN-BI-MAT-7731"  # written in clear inside the scan


def _tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _office_with_scans(cli: Any, tmp_path: Path) -> tuple[str, list[dict[str, Any]]]:
    code = cli(
        *intake_args(),
        "--json",
    ).json()["code"]
    scan = tmp_path / "cccd.pdf"
    make_pdf(scan, pages=2, noise_bytes=300_000)  # several chunks of the sealed stream
    # The marker in clear, where a scan's text layer has the citizen's details; the same
    # length, so the PDF's cross-reference offsets still hold.
    pdf = make_pdf(tmp_path / "ket-qua.pdf", pages=1)
    pdf.write_bytes(pdf.read_bytes().replace(b"Trang 1 / page 1", MARKER.encode()))
    assert MARKER.encode() in pdf.read_bytes()
    assert cli("attach", code, str(scan), "--document", "1").code == 0
    assert cli("status", code, "--to", "processing").code == 0
    r = cli("status", code, "--to", "result_ready", "--result-file", str(pdf))
    assert r.code == 0, r.err
    assert cli("backup-passphrase", COUNTER_APP_BACKUP_PASSPHRASE=PASSPHRASE).code == 0
    return code, cli("attachments", code, "--json").json()


def test_backup_seals_the_files_and_restore_gives_them_back(
    office: Any, data_dir: Path, tmp_path: Path
) -> None:
    cli = office
    code, rows = _office_with_scans(cli, tmp_path)
    files_before = _tree(data_dir / "attachments")
    target = tmp_path / "usb" / "mot-cua.mcb"
    r = cli("backup", "--out", str(target))
    assert r.code == 0, r.err
    sealed = target.read_bytes()
    assert MARKER.encode() not in sealed and b"%PDF" not in sealed
    assert not Path(str(target) + ".attachments").exists()  # nothing in clear beside it
    assert len(sealed) > sum(row["size"] for row in rows)  # the files are in it

    # The office PC dies: the data folder is gone; the backup brings all of it back.
    for p in sorted(data_dir.rglob("*"), reverse=True):
        p.unlink() if p.is_file() else p.rmdir()
    data_dir.rmdir()
    r = cli("restore", str(target), COUNTER_APP_BACKUP_PASSPHRASE=PASSPHRASE)
    assert r.code == 0, r.err
    assert _tree(data_dir / "attachments") == files_before
    r = cli("check")
    assert r.code == 0, r.out + r.err
    assert cli("attachments", code, "--json").json() == rows
    assert not list((data_dir / "attachments").glob(".restoring-*"))


def test_a_wrong_passphrase_a_changed_or_cut_backup_changes_nothing(
    office: Any, data_dir: Path, tmp_path: Path
) -> None:
    cli = office
    _office_with_scans(cli, tmp_path)
    target = tmp_path / "mot-cua.mcb"
    assert cli("backup", "--out", str(target)).code == 0
    sealed = target.read_bytes()
    db_before = hashlib.sha256((data_dir / DB_FILENAME).read_bytes()).hexdigest()
    files_before = _tree(data_dir / "attachments")
    changed = bytearray(sealed)
    changed[len(sealed) // 2] ^= 1  # inside a file's chunk
    cut = sealed[: len(sealed) - 40]  # the end record gone
    cases = {"changed.mcb": bytes(changed), "cut.mcb": cut, "extra.mcb": sealed + b"\x00"}
    for name, blob in cases.items():
        (tmp_path / name).write_bytes(blob)
    attempts = [(target, "không phải mật khẩu")] + [(tmp_path / n, PASSPHRASE) for n in cases]
    for path, passphrase in attempts:
        r = cli("restore", str(path), COUNTER_APP_BACKUP_PASSPHRASE=passphrase)
        assert r.code != 0, path.name
        assert "không thay đổi gì" in r.err or "hỏng" in r.err, r.err
        assert hashlib.sha256((data_dir / DB_FILENAME).read_bytes()).hexdigest() == db_before
        assert _tree(data_dir / "attachments") == files_before
        assert not [p for p in data_dir.iterdir() if "restor" in p.name]


def test_records_cannot_be_reordered_or_taken_from_another_backup(
    counter: Counter, tmp_path: Path
) -> None:
    files = counter.attachments.files
    for n in range(2):
        data = make_pdf(tmp_path / f"{n}.pdf", seed=n).read_bytes()
        files.put(hashlib.sha256(data).hexdigest(), data)
    image = counter._store.image()
    one, two = tmp_path / "1.mcb", tmp_path / "2.mcb"
    assert backup_archive.write(one, image, files, PASSPHRASE) == []
    assert backup_archive.write(two, image, files, PASSPHRASE) == []
    assert backup_archive.image_of(one.read_bytes(), PASSPHRASE) == image
    # The same records under another backup's header (another key): refused.
    header = len(backup_archive.MAGIC2) + 16 + 3
    spliced = two.read_bytes()[:header] + one.read_bytes()[header:]
    with pytest.raises(BackupError):
        backup_archive.image_of(spliced, PASSPHRASE)


def test_a_stored_file_altered_on_the_desk_is_left_out_and_named(
    counter: Counter, tmp_path: Path
) -> None:
    data = make_pdf(tmp_path / "a.pdf").read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    counter.attachments.files.put(sha, data)
    counter.attachments.path(sha).write_bytes(data + b"x")
    problems = backup_archive.write(
        tmp_path / "b.mcb", counter._store.image(), counter.attachments.files, PASSPHRASE
    )
    assert len(problems) == 1 and sha[:12] in problems[0]
