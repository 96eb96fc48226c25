"""Every core command of `counter-app`, run in-process on a real database folder."""

from __future__ import annotations

import json
import shlex
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from attachment_files import make_pdf
from cli_intake import INTAKE
from conftest import AGENCY, PASSWORD

from counter_app.cli import build_parser
from counter_app.sealed_backup import unseal
from counter_app.store import DB_FILENAME


def one_line_error(r: Any, *words: str) -> None:
    assert r.code != 0
    assert r.err.startswith("counter-app: ") and r.err.count("\n") == 1, r.err
    assert "Traceback" not in r.err
    for word in words:
        assert word in r.err


def test_setup_creates_the_office_and_refuses_a_second_time(office: Any, data_dir: Path) -> None:
    assert (data_dir / DB_FILENAME).exists()
    again = office(
        "setup", "--agency-code", AGENCY, "--office-name", "X", "--desk", "Q", "--admin", "admin"
    )
    one_line_error(again, "đã được thiết lập")


def test_setup_rejects_a_bad_agency_code(cli: Any) -> None:
    r = cli(
        "setup", "--agency-code", "abc def", "--office-name", "X", "--desk", "Q", "--admin", "admin"
    )
    one_line_error(r, "agency_code")
    assert r.code == 2


def test_user_add_list_disable(office: Any) -> None:
    r = office(
        "user",
        "add",
        "lan",
        "--role",
        "clerk",
        "--full-name",
        "Trần Thị Lan",
        COUNTER_APP_NEW_PASSWORD="mat-khau-cua-lan",
    )
    assert r.code == 0, r.err
    users = office("user", "list", "--json").json()
    assert {u["username"]: u["role"] for u in users} == {"admin": "supervisor", "lan": "clerk"}
    assert "Trần Thị Lan" in office("user", "list").out
    assert office("user", "disable", "lan").code == 0
    assert [
        u["active"] for u in office("user", "list", "--json").json() if u["username"] == "lan"
    ] == [False]


def test_user_add_without_a_new_password_fails_cleanly(
    office: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COUNTER_APP_NEW_PASSWORD", raising=False)
    r = office("user", "add", "lan", "--role", "clerk", "--full-name", "Lan")
    one_line_error(r, "COUNTER_APP_NEW_PASSWORD")


def test_a_clerk_cannot_add_users_or_import_procedures(
    office: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COUNTER_APP_NEW_PASSWORD", "mat-khau-cua-lan")
    assert office("user", "add", "lan", "--role", "clerk", "--full-name", "Lan").code == 0
    monkeypatch.setenv("COUNTER_APP_PASSWORD", "mat-khau-cua-lan")
    r = office("--user", "lan", "user", "add", "minh", "--role", "clerk", "--full-name", "Minh")
    one_line_error(r, "Chỉ lãnh đạo")
    catalogue = tmp_path / "c.json"
    catalogue.write_text(json.dumps([{"code": "9.1", "name": "X", "time_unit": "same_day"}]))
    one_line_error(office("--user", "lan", "procedures", "import", str(catalogue)), "Chỉ lãnh đạo")
    assert office("--user", "lan", *INTAKE).code == 0  # but takes dossiers in


def test_procedures_import_and_list(office: Any, tmp_path: Path) -> None:
    catalogue = tmp_path / "catalogue.json"
    catalogue.write_text(
        json.dumps(
            {
                "procedures": [
                    {
                        "code": "1.009999",
                        "name": "Chứng thực bản sao",
                        "time_unit": "working_hours",
                        "time_value": 4,
                        "documents": [{"name": "Bản chính", "originals": 1}],
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    r = office("procedures", "import", str(catalogue))
    assert r.code == 0 and "1" in r.out
    listed = office("procedures", "list", "--json").json()
    assert "1.009999" in {p["code"] for p in listed} and len(listed) > 1
    assert "Chứng thực bản sao" in office("procedures", "list").out
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    one_line_error(office("procedures", "import", str(broken)), "không đọc được")


def test_intake_prints_the_code_or_the_whole_record(office: Any) -> None:
    r = office(
        *INTAKE,
        "--address",
        "Số 1 Lê Duẩn",
        "--email",
        "duc@example.vn",
        "--dob",
        "1990-01-01",
        "--documents",
        "1",
        "2=0/1/2",
        "--received-at",
        "2026-01-05T08:15:00+07:00",
    )
    assert r.code == 0, r.err
    assert r.out.strip() == f"{AGENCY}-260105-1001"
    data = office(*INTAKE, "--json").json()
    assert data["status"] == "received" and data["national_status"] == 2
    assert data["applicant"]["full_name"] == "Đặng Văn Đức" and data["code"].endswith("-1001")
    shown = office("show", f"{AGENCY}-260105-1001", "--json").json()
    assert shown["received_at"] == "2026-01-05T08:15:00+07:00"
    assert [d["certified_copies"] for d in shown["documents"]] == [0, 1]
    assert shown["applicant"]["email"] == "duc@example.vn"


def test_an_invalid_intake_names_each_field_and_writes_nothing(office: Any, data_dir: Path) -> None:
    r = office(
        "intake",
        "--procedure",
        "1.001193",
        "--name",
        " ",
        "--id-number",
        "999",
        "--phone",
        "12",
        "--email",
        "x@",
        "--documents",
        "7",
    )
    one_line_error(r, "full_name", "id_number", "phone", "email", "documents")
    assert r.code == 2
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    assert conn.execute("SELECT count(*) FROM dossiers").fetchone()[0] == 0
    conn.close()


def test_show_has_status_names_national_codes_and_events(office: Any) -> None:
    code = office(*INTAKE).out.strip()
    data = office("show", code, "--json").json()
    assert (data["status"], data["national_status"]) == ("received", 2)
    assert [e["kind"] for e in data["events"]] == ["intake"]
    text = office("show", code).out
    assert code in text and "Đặng Văn Đức" in text and "received" in text
    assert office("show", code.lower()).code == 0
    one_line_error(office("show", "NO-SUCH-CODE"), "không có hồ sơ")


def test_search_with_limit_json_and_zero_for_all(office: Any) -> None:
    codes = [office(*INTAKE).out.strip() for _ in range(3)]
    found = office("search", "dang van duc", "--json").json()
    assert [d["code"] for d in found] == codes[::-1]
    assert len(office("search", "duc", "--limit", "2", "--json").json()) == 2
    assert len(office("search", "duc", "--limit", "0", "--json").json()) == 3
    assert codes[0] in office("search", "0912").out
    assert office("search", "nobody", "--json").json() == []
    one_line_error(office("search", "duc", "--limit", "-1"), "limit")


def test_status_and_return_follow_the_life_cycle(office: Any) -> None:
    code = office(*INTAKE).out.strip()
    r = office("status", code, "--to", "processing", "--note", "Chuyển Tư pháp", "--json")
    assert r.code == 0 and r.json()["national_status"] == 4
    one_line_error(office("status", code, "--to", "result_ready", "--note", "x" * 3000), "note")
    one_line_error(office("status", code, "--to", "returned"), "--to-person")
    one_line_error(office("status", code, "--to", "finished"), "trạng thái không hợp lệ")
    one_line_error(office("return", code, "--to-person", "Đức"), "không thể chuyển hồ sơ")
    assert office("status", code, "--to", "result_ready").code == 0
    r = office("return", code, "--to-person", "Đặng Văn Đức", "--json")
    assert r.code == 0 and r.json()["status"] == "returned" and r.json()["national_status"] == 10
    events = office("show", code, "--json").json()["events"]
    assert [e["new_status"] for e in events] == [
        "received",
        "processing",
        "result_ready",
        "returned",
    ]


def test_national_codes_are_accepted_as_status_names(office: Any) -> None:
    code = office(*INTAKE).out.strip()
    assert office("status", code, "--to", "4", "--json").json()["status"] == "processing"


def test_backup_and_check(office: Any, tmp_path: Path) -> None:
    code = office(*INTAKE).out.strip()
    target = tmp_path / "backup.mcb"
    assert (
        office("backup-passphrase", COUNTER_APP_BACKUP_PASSPHRASE="một cửa sao lưu 2026").code == 0
    )
    assert office("backup", "--out", str(target)).code == 0
    (tmp_path / "backup.sqlite3").write_bytes(unseal(target.read_bytes(), "một cửa sao lưu 2026"))
    conn = sqlite3.connect(tmp_path / "backup.sqlite3")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT code FROM dossiers").fetchall() == [(code,)]
    conn.close()
    assert office("check").out.strip() == "ok"
    assert office("check", "--json").json() == {"ok": True, "problems": []}


def test_check_fails_on_a_broken_invariant(office: Any, data_dir: Path) -> None:
    office(*INTAKE)
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    conn.execute("DELETE FROM outbox")
    conn.commit()
    conn.close()
    r = office("check", "--json")
    assert r.code == 1 and not r.json()["ok"] and r.json()["problems"]


def test_changing_commands_need_a_user_and_the_right_password(
    office: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COUNTER_APP_USER")
    one_line_error(office(*INTAKE), "COUNTER_APP_USER")
    assert office("--user", "admin", *INTAKE).code == 0
    monkeypatch.setenv("COUNTER_APP_PASSWORD", "wrong-password")
    one_line_error(office("--user", "admin", *INTAKE), "Sai tên đăng nhập hoặc mật khẩu")


def test_data_dir_comes_from_the_environment_when_not_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from counter_app.cli import main

    monkeypatch.setenv("COUNTER_APP_DATA", str(tmp_path / "env-dir"))
    monkeypatch.setenv("COUNTER_APP_PASSWORD", PASSWORD)
    assert (
        main(
            [
                "setup",
                "--agency-code",
                AGENCY,
                "--office-name",
                "X",
                "--desk",
                "Q",
                "--admin",
                "admin",
            ]
        )
        == 0
    )
    assert (tmp_path / "env-dir" / DB_FILENAME).exists()
    capsys.readouterr()


def test_commands_before_setup_say_so(cli: Any) -> None:
    one_line_error(cli(*INTAKE), "chưa được thiết lập")


def test_a_corrupt_database_gives_one_line(cli: Any, data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / DB_FILENAME).write_bytes(b"garbage" * 1000)
    one_line_error(cli("search", "x"), "Không mở được cơ sở dữ liệu")


def test_every_read_command_has_json() -> None:
    parser = build_parser()
    reads = [
        ["user", "list"],
        ["procedures", "list"],
        ["show", "X"],
        ["search", "x"],
        ["check"],
        ["intake", "--procedure", "p", "--name", "n", "--id-number", "1", "--phone", "0"],
        ["status", "X", "--to", "processing"],
        ["return", "X", "--to-person", "A"],
    ]
    for argv in reads:
        assert parser.parse_args([*argv, "--json"]).json is True, argv


def readme_commands() -> list[list[str]]:
    """The sh block of README's "## Command line", one argv per command."""
    text = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = text.split("## Command line", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh", 1)[1].split("```", 1)[0].replace("\\\n", " ")
    commands = []
    for raw in block.splitlines():
        argv = shlex.split(raw, comments=True)
        if argv:
            assert argv[0] == "counter-app", raw
            commands.append(argv[1:])
    return commands


def test_every_example_in_the_readme_runs(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fails when the documentation drifts from the command line."""
    monkeypatch.setenv("COUNTER_APP_NOW", "2026-03-10T09:00:00+07:00")
    monkeypatch.setenv("COUNTER_APP_NEW_PASSWORD", PASSWORD)
    monkeypatch.setenv("COUNTER_APP_BACKUP_PASSPHRASE", "một cửa sao lưu 2026")
    catalogue = tmp_path / "catalogue.json"
    catalogue.write_text(
        json.dumps([{"code": "1.009999", "name": "Chứng thực", "time_unit": "same_day"}])
    )
    commands = readme_commands()
    documented = {argv[2] if argv[0] == "--user" else argv[0] for argv in commands}
    assert {
        "setup",
        "user",
        "procedures",
        "intake",
        "show",
        "search",
        "status",
        "return",
        "backup",
        "check",
    } <= documented
    for argv in commands:
        argv = [str(catalogue) if a == "catalogue.json" else a for a in argv]
        argv = [str(tmp_path / "usb.mcb") if a.startswith("/media/") else a for a in argv]
        argv = [str(make_pdf(tmp_path / a)) if a.endswith(".pdf") else a for a in argv]
        r = cli(*argv)
        assert r.code == 0, (argv, r.err)
