"""Accounts in the core: lockout counted atomically, passwords changed and reset, unlock,
enable, the role table, and the same from the command line."""

from __future__ import annotations

import multiprocessing
import threading
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from counter_app import clock, passwords
from counter_app.counter import Counter
from counter_app.errors import AuthError, PermissionDenied, ValidationError
from counter_app.intake import IntakeRequest
from counter_app.lifecycle import Status
from counter_app.models import Role, User
from counter_app.roles import ROLE_TABLE, Action, allowed

PASSWORD = "matkhau-123"
NEW = "mat-khau-moi-9"


def _wrong_once(data_dir: Path, barrier: Any) -> str:
    """One desk (its own connection) typing a wrong password at the same moment as others."""
    c = Counter.open(data_dir)
    try:
        barrier.wait()
        try:
            c.accounts.login("lan", "sai-mat-khau")
        except AuthError as exc:
            return str(exc)
        return "logged in"
    finally:
        c.close()


def _failures(c: Counter) -> tuple[int, str | None]:
    state = c._store.users.login_state("lan")
    assert state is not None
    return state.failed_attempts, state.locked_until


def test_parallel_wrong_passwords_from_threads_all_count_and_lock(
    counter: Counter, data_dir: Path
) -> None:
    barrier = threading.Barrier(passwords.MAX_FAILED_ATTEMPTS)
    answers: list[str] = []
    threads = [
        threading.Thread(target=lambda: answers.append(_wrong_once(data_dir, barrier)))
        for _ in range(passwords.MAX_FAILED_ATTEMPTS)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(answers) == passwords.MAX_FAILED_ATTEMPTS
    assert any("khóa đến" in a for a in answers), answers
    with pytest.raises(AuthError, match="khóa đến"):
        counter.accounts.login("lan", PASSWORD)


def test_ten_parallel_wrong_passwords_from_processes_lock_the_account(
    counter: Counter, data_dir: Path
) -> None:
    ctx = multiprocessing.get_context("spawn")
    with ctx.Manager() as manager:
        barrier = manager.Barrier(10)
        with ctx.Pool(10) as pool:
            answers = pool.starmap(_wrong_once, [(data_dir, barrier)] * 10)
    assert "logged in" not in answers
    assert any("khóa đến" in a for a in answers), answers
    _failed, locked_until = _failures(counter)
    assert locked_until is not None and clock.parse_iso(locked_until) > clock.now()
    with pytest.raises(AuthError, match="khóa đến"):
        counter.accounts.login("lan", PASSWORD)


def test_a_warning_comes_before_the_last_try(counter: Counter) -> None:
    for _ in range(passwords.MAX_FAILED_ATTEMPTS - 2):
        with pytest.raises(AuthError) as exc:
            counter.accounts.login("lan", "sai-mat-khau")
        assert "Còn 1 lần thử" not in str(exc.value)
    with pytest.raises(AuthError, match="Còn 1 lần thử"):
        counter.accounts.login("lan", "sai-mat-khau")


def test_a_supervisor_unlocks_a_locked_clerk_and_the_list_says_until_when(
    counter: Counter, supervisor: User, clerk: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COUNTER_APP_NOW", "2026-03-10T09:00:00+07:00")
    for _ in range(passwords.MAX_FAILED_ATTEMPTS):
        with pytest.raises(AuthError):
            counter.accounts.login("lan", "sai-mat-khau")
    listed = {a.user.username: a for a in counter.accounts.listing()}
    assert listed["lan"].locked_until == datetime(2026, 3, 10, 9, 15, tzinfo=clock.VN_TZ)
    assert listed["admin"].locked_until is None
    with pytest.raises(PermissionDenied):
        counter.accounts.unlock(clerk, "lan")
    counter.accounts.unlock(supervisor, "lan")
    assert counter.accounts.login("lan", PASSWORD).username == "lan"
    assert all(a.locked_until is None for a in counter.accounts.listing())


def test_an_expired_lock_is_not_listed(counter: Counter, monkeypatch: pytest.MonkeyPatch) -> None:
    start = datetime(2026, 3, 10, 9, 0, tzinfo=clock.VN_TZ)
    monkeypatch.setenv("COUNTER_APP_NOW", clock.iso(start))
    for _ in range(passwords.MAX_FAILED_ATTEMPTS):
        with pytest.raises(AuthError):
            counter.accounts.login("lan", "sai-mat-khau")
    monkeypatch.setenv("COUNTER_APP_NOW", clock.iso(start + timedelta(minutes=16)))
    assert all(a.locked_until is None for a in counter.accounts.listing())


def test_changing_ones_own_password(counter: Counter) -> None:
    with pytest.raises(ValidationError, match="không khớp"):
        counter.accounts.change_password("lan", PASSWORD, NEW, NEW + "x")
    with pytest.raises(ValidationError, match="cả chữ và số"):
        counter.accounts.change_password("lan", PASSWORD, "abcdefghij", "abcdefghij")
    with pytest.raises(ValidationError, match="quá dễ đoán"):
        counter.accounts.change_password("lan", PASSWORD, "12345678a", "12345678a")
    with pytest.raises(ValidationError, match="khác mật khẩu cũ"):
        counter.accounts.change_password("lan", PASSWORD, PASSWORD, PASSWORD)
    with pytest.raises(AuthError, match="Sai tên đăng nhập"):
        counter.accounts.change_password("lan", "sai-mat-khau", NEW, NEW)
    assert counter.accounts.login("lan", PASSWORD).username == "lan"  # nothing changed so far
    counter.accounts.change_password("lan", PASSWORD, NEW, NEW)
    with pytest.raises(AuthError):
        counter.accounts.login("lan", PASSWORD)
    assert counter.accounts.login("lan", NEW).username == "lan"


def test_a_wrong_old_password_counts_towards_the_lockout(counter: Counter) -> None:
    for _ in range(passwords.MAX_FAILED_ATTEMPTS - 1):
        with pytest.raises(AuthError):
            counter.accounts.change_password("lan", "sai-mat-khau", NEW, NEW)
    with pytest.raises(AuthError, match="khóa đến"):
        counter.accounts.change_password("lan", "sai-mat-khau", NEW, NEW)


def test_a_reset_password_must_be_changed_at_next_login(
    counter: Counter, supervisor: User, clerk: User
) -> None:
    with pytest.raises(PermissionDenied):
        counter.accounts.reset_password(clerk, "admin", NEW, NEW)
    with pytest.raises(ValidationError):
        counter.accounts.reset_password(supervisor, "admin", NEW, NEW)  # not one's own
    counter.accounts.reset_password(supervisor, "lan", "tam-thoi-2026", "tam-thoi-2026")
    user = counter.accounts.login("lan", "tam-thoi-2026")
    assert user.must_change_password
    changed = counter.accounts.change_password("lan", "tam-thoi-2026", NEW, NEW)
    assert not changed.must_change_password
    assert not counter.accounts.login("lan", NEW).must_change_password


def test_disable_then_enable(counter: Counter, supervisor: User, clerk: User) -> None:
    counter.accounts.disable(supervisor, "lan")
    with pytest.raises(AuthError, match="vô hiệu hóa"):
        counter.accounts.login("lan", PASSWORD)
    with pytest.raises(PermissionDenied):
        counter.accounts.enable(clerk, "lan")
    counter.accounts.enable(supervisor, "lan")
    assert counter.accounts.login("lan", PASSWORD).active


def test_the_idle_lock_is_a_supervisors_setting(
    counter: Counter, supervisor: User, clerk: User
) -> None:
    assert counter.accounts.idle_lock_minutes() == 10
    with pytest.raises(PermissionDenied):
        counter.accounts.set_idle_lock_minutes(clerk, 5)
    with pytest.raises(ValidationError):
        counter.accounts.set_idle_lock_minutes(supervisor, 0)
    counter.accounts.set_idle_lock_minutes(supervisor, 5)
    assert counter.accounts.idle_lock_minutes() == 5


def test_the_role_table_covers_every_action_and_the_core_enforces_it(
    counter: Counter, clerk: User, supervisor: User
) -> None:
    assert set(ROLE_TABLE) == set(Action)
    assert allowed(clerk, Action.INTAKE) and not allowed(clerk, Action.STOP_DOSSIER)
    d = counter.dossiers.intake(
        clerk,
        IntakeRequest(
            procedure_code="1.000894",
            full_name="Lê Văn A",
            id_number="079090123456",
            phone="0901234567",
        ),
    )
    with pytest.raises(PermissionDenied):
        counter.dossiers.change_status(clerk, d.code, Status.STOPPED)
    assert counter.dossiers.get(d.code).status is Status.RECEIVED
    assert (
        counter.dossiers.change_status(supervisor, d.code, Status.STOPPED).status is Status.STOPPED
    )
    with pytest.raises(PermissionDenied):
        counter.set_setting(clerk, "receipt_paper", "a5")


# --- the command line ----------------------------------------------------------------------


@pytest.fixture
def office(counter: Counter, cli: Any) -> Any:
    counter.close()
    return cli


def test_cli_clerk_cannot_stop_a_dossier(office: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNTER_APP_USER", "lan")
    r = office(
        "intake",
        "--procedure",
        "1.000894",
        "--name",
        "Lê Văn A",
        "--id-number",
        "079090123456",
        "--phone",
        "0901234567",
        "--json",
    )
    assert r.code == 0, r.err
    code = r.json()["code"]
    r = office("status", code, "--to", "stopped", "--note", "Công dân xin dừng")
    assert r.code == 1 and "Chỉ lãnh đạo" in r.err
    assert office("show", code, "--json").json()["status"] == "received"
    assert (
        office(
            "--user", "admin", "status", code, "--to", "stopped", "--note", "Công dân xin dừng"
        ).code
        == 0
    )


def test_cli_lock_list_unlock_enable(office: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNTER_APP_NOW", "2026-03-10T09:00:00+07:00")
    for _ in range(passwords.MAX_FAILED_ATTEMPTS):
        r = office("--user", "lan", "user", "unlock", "admin", COUNTER_APP_PASSWORD="sai-mk-1")
        assert (r.code == 1 and "Sai tên" in r.err) or "khóa đến" in r.err
    out = office("user", "list", COUNTER_APP_PASSWORD=PASSWORD).out
    assert "Đang khóa đến 09:15" in out
    assert office("user", "unlock", "lan").code == 0
    assert "Đang khóa" not in office("user", "list").out
    assert office("user", "disable", "lan").code == 0
    assert "vô hiệu hóa" in office("--user", "lan", "user", "passwd").err
    assert office("user", "enable", "lan").code == 0
    users = {u["username"]: u for u in office("user", "list", "--json").json()}
    assert users["lan"]["active"] and users["lan"]["locked_until"] is None


def test_cli_reset_then_passwd(office: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNTER_APP_NEW_PASSWORD", "tam-thoi-2026")
    assert office("user", "reset-password", "lan").code == 0
    monkeypatch.setenv("COUNTER_APP_USER", "lan")
    monkeypatch.setenv("COUNTER_APP_PASSWORD", "tam-thoi-2026")
    r = office("status", "X", "--to", "processing")
    assert r.code == 1 and "user passwd" in r.err  # nothing else until it is changed
    monkeypatch.setenv("COUNTER_APP_NEW_PASSWORD", "tam-thoi-2026")
    assert "khác mật khẩu cũ" in office("user", "passwd").err
    monkeypatch.setenv("COUNTER_APP_NEW_PASSWORD", NEW)
    r = office("user", "passwd")
    assert r.code == 0, r.err
    monkeypatch.setenv("COUNTER_APP_PASSWORD", NEW)
    users = {u["username"]: u for u in office("user", "list", "--json").json()}
    assert not users["lan"]["must_change_password"]
    r = office("status", "X", "--to", "processing")
    assert "không có hồ sơ" in r.err  # past the login now


def test_cli_real_office_without_a_catalogue_is_told_where_one_comes_from(
    cli: Any, data_dir: Path
) -> None:
    r = cli(
        "setup",
        "--agency-code",
        "000.00.06.H56",
        "--office-name",
        "UBND phường X",
        "--desk",
        "Quầy 1",
        "--admin",
        "admin",
    )
    assert r.code == 0, r.err
    assert "procedures import" in r.out and "procedures.json" in r.out
    assert "Quản trị" in r.out


def test_cli_setup_imports_a_catalogue_file(cli: Any, data_dir: Path) -> None:
    from counter_app.office_setup import BUNDLED_CATALOGUE

    r = cli(
        "setup",
        "--agency-code",
        "000.00.06.H56",
        "--office-name",
        "UBND phường X",
        "--desk",
        "Quầy 1",
        "--admin",
        "admin",
        "--catalogue",
        str(BUNDLED_CATALOGUE),
    )
    assert r.code == 0, r.err
    assert "procedures import" not in r.out
    assert len(cli("procedures", "list", "--json").json()) > 5


def test_cli_setup_with_a_bad_catalogue_sets_up_nothing(
    cli: Any, data_dir: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    r = cli(
        "setup",
        "--agency-code",
        "000.00.06.H56",
        "--office-name",
        "UBND phường X",
        "--desk",
        "Quầy 1",
        "--admin",
        "admin",
        "--catalogue",
        str(bad),
    )
    assert r.code == 2 and "bad.json" in r.err
    c = Counter.open(data_dir)
    try:
        assert not c.is_configured()
    finally:
        c.close()


def test_roles_of_the_first_supervisor(counter: Counter) -> None:
    assert counter.accounts.login("admin", PASSWORD).role is Role.SUPERVISOR
