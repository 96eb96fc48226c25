"""Issue 13, finding 13: input limits. Every text field has a length limit, control characters
are refused (also through the ID-card QR parser), receipt times are bounded, and the inputs
that gave tracebacks give a usage error in words. Nothing is written for any of them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cli_intake import INTAKE

from counter_app.errors import ValidationError
from counter_app.idcard import parse_idcard_qr
from counter_app.store import DB_FILENAME
from counter_app.validation import normalise_phone


def _refused(r: Any, *words: str) -> None:
    assert r.code == 2, (r.code, r.err)
    assert "Traceback" not in r.err
    for word in words:
        assert word in r.err, r.err


def _nothing_written(cli: Any) -> None:
    assert cli("search", "Đức", "--json").json() == []


@pytest.mark.parametrize(
    ("option", "value", "field"),
    [
        ("--owner-name", "Nguyễn " * 3000, "owner_name"),
        ("--name", "Nguyễn " * 3000, "full_name"),
        ("--address", "x" * 20000, "address"),
        ("--notes", "x" * 20000, "notes"),
        ("--name", "Đặng\x1b[2JVăn", "full_name"),
        ("--name", "Đặng\x00Văn", "full_name"),
        ("--owner-name", "Lê\x1b]0;pwned\x07Văn", "owner_name"),
        ("--address", "Số 1\x00Lê Duẩn", "address"),
        ("--notes", "ghi chú\x1b[31m", "notes"),
        ("--phone", "0912\x00345678", "phone"),
    ],
)
def test_long_text_and_control_characters_are_refused(
    office: Any, option: str, value: str, field: str
) -> None:
    args = [a for a in INTAKE]
    if option in args:
        args[args.index(option) + 1] = value
    else:
        args += [option, value]
    _refused(office(*args), field)
    _nothing_written(office)


def test_notes_may_hold_several_lines(office: Any) -> None:
    r = office(*INTAKE, "--notes", "dòng 1\ndòng 2")
    assert r.code == 0, r.err


@pytest.mark.parametrize("when", ["0001-01-01T00:00", "1900-01-01T08:00", "1999-12-31T08:00"])
def test_receipt_times_are_bounded(office: Any, when: str) -> None:
    _refused(office(*INTAKE, "--received-at", when), "received_at")
    _nothing_written(office)


def test_international_phone_numbers_are_normalised() -> None:
    assert normalise_phone("+840912345678") == "0912345678"
    assert normalise_phone("+84912345678") == "0912345678"
    assert normalise_phone("+84 91 234 5678") == "0912345678"
    assert normalise_phone("84912345678") == "0912345678"


def test_a_status_that_is_not_a_digit_is_a_usage_error(office: Any) -> None:
    code = office(*INTAKE).out.strip()
    r = office("status", code, "--to", "²")
    assert r.code == 1 and "Traceback" not in r.err
    assert "trạng thái không hợp lệ" in r.err


def test_the_hub_cli_refuses_a_status_that_is_not_a_digit(tmp_path: Path) -> None:
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "sync.hub.cli",
            "status",
            "--db",
            str(tmp_path / "hub.sqlite3"),
            "X-1",
            "--to",
            "²",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    assert "trạng thái không hợp lệ" in r.stderr


def test_a_schema_page_with_bad_utf8_is_refused_in_words(office: Any, data_dir: Path) -> None:
    db = data_dir / DB_FILENAME
    raw = bytearray(db.read_bytes())
    at = raw.find(b"tabledossiersdossiers")
    assert at > 0
    raw[at + 5] = 0xFF
    db.write_bytes(bytes(raw))
    for command in (("check",), ("search", "x"), ("show", "X")):
        r = office(*command)
        assert r.code == 1
        assert "Traceback" not in r.err and r.err.count("\n") == 1, r.err
        assert "Không mở được cơ sở dữ liệu" in r.err


QR = "001090123456|123456789|Đặng Văn Đức|01021990|Nam|Số 1 Lê Duẩn, Bến Nghé|01012021"


@pytest.mark.parametrize(
    "payload",
    [
        QR.replace("Đặng", "Đặng\x1b[2J"),
        QR.replace("Số 1", "Số\x001"),
        QR.replace("Đặng Văn Đức", "Đặng " * 500),
        QR + "|" + "x" * 5000,
    ],
)
def test_the_idcard_qr_parser_refuses_control_characters_and_floods(payload: str) -> None:
    with pytest.raises(ValidationError):
        parse_idcard_qr(payload)


def test_the_idcard_qr_parser_still_reads_a_real_card() -> None:
    card = parse_idcard_qr(QR)
    assert card.full_name == "Đặng Văn Đức"
