"""`counter-app print` and `counter-app verify`: files written, prints recorded, copies marked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from forms_helpers import decode, flat, pdf_text, take_in

from counter_app.counter import Counter
from counter_app.lifecycle import Status
from counter_app.models import User


def prints(counter: Counter, code: str) -> list[tuple[str, str, bool]]:
    return [
        (e.username, e.data["form"], e.data["copy"])
        for e in counter.dossiers.events(code)
        if e.kind == "print"
    ]


def test_print_writes_the_pdf_and_records_it(
    counter: Counter, clerk: User, cli: Any, tmp_path: Path
) -> None:
    dossier = take_in(counter, clerk)
    out = tmp_path / "out" / "receipt.pdf"
    result = cli("print", "receipt", dossier.code, "--out", str(out), COUNTER_APP_USER="lan")
    assert result.code == 0, result.err
    assert "BẢN SAO" not in pdf_text(out)
    assert prints(counter, dossier.code) == [("lan", "receipt", False)]

    again = cli("print", "receipt", dossier.code, "--out", str(out), COUNTER_APP_USER="admin")
    assert again.code == 0 and "BẢN SAO" in again.out
    assert flat(pdf_text(out)).startswith("BẢN SAO")
    assert prints(counter, dossier.code) == [("lan", "receipt", False), ("admin", "receipt", True)]


def test_every_form_prints_and_is_recorded(
    counter: Counter, supervisor: User, cli: Any, tmp_path: Path
) -> None:
    dossier = take_in(counter, supervisor)
    counter.dossiers.change_status(supervisor, dossier.code, Status.PROCESSING)
    for form in ("supplement", "refusal", "control"):
        out = tmp_path / f"{form}.pdf"
        result = cli("print", form, dossier.code, "--out", str(out), "--reason", "Thiếu bản sao")
        assert result.code == 0, result.err
        assert out.stat().st_size > 1000
    out = tmp_path / "apology.pdf"
    result = cli(
        "print",
        "apology",
        dossier.code,
        "--out",
        str(out),
        "--reason",
        "Chờ xác minh",
        "--new-due",
        "2030-01-10T16:00:00+07:00",
    )
    assert result.code == 0, result.err
    assert "10 tháng 01 năm 2030" in flat(pdf_text(out))
    assert [form for _, form, _ in prints(counter, dossier.code)] == [
        "supplement",
        "refusal",
        "control",
        "apology",
    ]


def test_thermal_receipt_from_the_command_line(
    counter: Counter, clerk: User, cli: Any, tmp_path: Path
) -> None:
    dossier = take_in(counter, clerk)
    out = tmp_path / "slip.pdf"
    assert (
        cli("print", "receipt", dossier.code, "--paper", "thermal80", "--out", str(out)).code == 0
    )
    assert decode(out, tmp_path, dpi=300)["code128"] == dossier.code


def test_a_failed_print_writes_and_records_nothing(
    counter: Counter, clerk: User, cli: Any, tmp_path: Path
) -> None:
    dossier = take_in(counter, clerk)
    out = tmp_path / "nothing.pdf"
    result = cli("print", "apology", dossier.code, "--out", str(out))  # no apology recorded
    assert result.code != 0 and "thư xin lỗi" in result.err
    missing = cli("print", "receipt", "000.00.06.H56-000000-9999", "--out", str(out))
    assert missing.code != 0
    no_code = cli("print", "receipt", "--out", str(out))
    assert no_code.code == 2
    assert not out.exists()
    assert prints(counter, dossier.code) == []


def test_print_register(counter: Counter, clerk: User, cli: Any, tmp_path: Path) -> None:
    dossier = take_in(counter, clerk)
    day = dossier.received_at[:10]
    out = tmp_path / "register.pdf"
    result = cli("print", "register", "--from", day, "--to", day, "--out", str(out))
    assert result.code == 0, result.err
    text = flat(pdf_text(out))
    assert "SỔ THEO DÕI HỒ SƠ" in text and dossier.code.split("-")[-1] in text
    assert cli("print", "register", "--from", day, "--out", str(out)).code == 2
    assert cli("print", "register", "--from", "hôm qua", "--to", day, "--out", str(out)).code == 2


def test_verify(counter: Counter, clerk: User, cli: Any, tmp_path: Path) -> None:
    dossier = take_in(counter, clerk)
    out = tmp_path / "receipt.pdf"
    assert cli("print", "receipt", dossier.code, "--out", str(out)).code == 0
    payload = decode(out, tmp_path)["qr"]
    result = cli("verify", payload)
    assert (result.code, result.out.strip()) == (0, dossier.code)

    tampered = payload.replace(dossier.code, dossier.code[:-1] + "9")
    bad = cli("verify", tampered)
    assert bad.code != 0 and "tampered" in bad.err and bad.out == ""
    unknown = cli("verify", payload.replace("|1|", "|7|"))
    assert unknown.code != 0 and "unknown_desk" in unknown.err
    malformed = cli("verify", "MC1|nonsense")
    assert malformed.code != 0 and "malformed" in malformed.err
