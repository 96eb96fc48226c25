"""Issue 13 finding 11 at the desk: a tampered database no longer passes `check`.

Each attack drops the append-only triggers, changes the file behind the app's back, and puts the
triggers back exactly as they were, which `check` did not notice before the hash chain."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from counter_app.counter import Counter
from counter_app.errors import ValidationError
from counter_app.event_chain import GENESIS, link_hash
from counter_app.intake import IntakeRequest
from counter_app.lifecycle import Status
from counter_app.models import User
from counter_app.store import DB_FILENAME
from counter_app.store.schema import SCHEMA_VERSION

NAME, ID_NUMBER = "Phạm Thị Hoa", "001190123456"
EVENT = "uuid, dossier_id, at, username, kind, old_status, new_status, note, data"


def take_in(c: Counter, actor: User) -> str:
    return c.dossiers.intake(
        actor,
        IntakeRequest(
            procedure_code="1.001193", full_name=NAME, id_number=ID_NUMBER, phone="0912345678"
        ),
    ).code


@pytest.fixture
def three(counter: Counter, supervisor: User) -> Iterator[tuple[Counter, list[str]]]:
    """Three dossiers, the second moved on twice: five links."""
    codes = [take_in(counter, supervisor) for _n in range(3)]
    counter.dossiers.change_status(supervisor, codes[1], Status.PROCESSING)
    counter.dossiers.change_status(supervisor, codes[1], Status.RESULT_READY)
    assert counter.check() == []
    yield counter, codes


def behind_the_app(c: Counter, *statements: str) -> None:
    """Drop the triggers, run the statements, recreate the triggers as they were."""
    conn: sqlite3.Connection = c._store.conn
    triggers = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'"
    ).fetchall()
    for name, _sql in triggers:
        conn.execute(f"DROP TRIGGER {name}")
    for statement in statements:
        conn.execute(statement)
    for _name, sql in triggers:
        conn.execute(sql)


def only_problem(c: Counter) -> str:
    problems = c.check()
    assert len(problems) == 1, problems
    assert NAME not in problems[0] and ID_NUMBER not in problems[0]
    return problems[0]


def test_an_edited_event_is_the_first_broken_link(three: tuple[Counter, list[str]]) -> None:
    c, _codes = three
    behind_the_app(c, "UPDATE events SET note = 'đã sửa' WHERE chain_seq = 3")
    assert only_problem(c) == "Chuỗi sự kiện đứt ở sự kiện số 3: nội dung sự kiện đã bị sửa"


def test_a_deleted_event_breaks_the_next_link(three: tuple[Counter, list[str]]) -> None:
    c, _codes = three
    behind_the_app(c, "DELETE FROM events WHERE chain_seq = 4")
    assert "sự kiện số 5" in only_problem(c)


def test_a_deleted_last_event_leaves_its_dossier_unlike_the_event_before(
    three: tuple[Counter, list[str]],
) -> None:
    c, codes = three
    behind_the_app(c, "DELETE FROM events WHERE chain_seq = (SELECT max(chain_seq) FROM events)")
    c._store.conn.execute(
        "UPDATE dossiers SET status = 'processing' WHERE code = ?", (codes[1],)
    )  # and the status put back so the old status check passes too
    problem = only_problem(c)
    assert codes[1] in problem and "không khớp" in problem


@pytest.mark.parametrize(
    "column, value",
    [("status", "'returned'"), ("applicant_name", "'Kẻ Giả Mạo'"), ("id_number", "'079000000001'")],
)
def test_a_dossier_changed_outside_the_app_is_named_by_its_code(
    three: tuple[Counter, list[str]], column: str, value: str
) -> None:
    c, codes = three
    statements = [f"UPDATE dossiers SET {column} = {value} WHERE code = '{codes[2]}'"]
    if column == "status":  # a forged status comes with a forged event, as the old check wanted
        statements.append(
            "INSERT INTO events (uuid, dossier_id, at, username, kind, old_status, new_status) "
            f"SELECT 'forged', id, '2026-01-01T00:00:00+07:00', 'admin', 'status', 'received', "
            f"'returned' FROM dossiers WHERE code = '{codes[2]}'"
        )
    behind_the_app(c, *statements)
    problem = only_problem(c)
    assert codes[2] in problem


def test_outbox_rows_marked_synced_that_the_hub_never_acknowledged(
    three: tuple[Counter, list[str]],
) -> None:
    c, _codes = three
    c._store.conn.execute("UPDATE outbox SET state = 'synced' WHERE id > 2")
    assert only_problem(c) == (
        "Hàng đợi đồng bộ ghi sự kiện số 3 là đã gửi nhưng máy chủ tỉnh chưa xác nhận nó"
    )


def test_a_chain_rewritten_whole_is_caught_by_the_head_the_hub_acknowledged(
    three: tuple[Counter, list[str]],
) -> None:
    """Whoever has the database can recompute every hash; not the head the hub holds."""
    c, _codes = three
    c.event_chain.note_hub_head(c.event_chain.head())
    conn = c._store.conn
    behind_the_app(c, "UPDATE events SET note = 'đã sửa' WHERE chain_seq = 2")
    rechain(conn)
    assert "lịch sử đã bị viết lại" in only_problem(c)


def rechain(conn: sqlite3.Connection) -> None:
    """What a tamperer with the code and the database (not the key) can do."""
    triggers = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'"
    ).fetchall()
    for name, _sql in triggers:
        conn.execute(f"DROP TRIGGER {name}")
    prev = GENESIS
    rows = conn.execute(
        f"SELECT chain_seq, chain_snapshot, {EVENT} FROM events WHERE chain_seq IS NOT NULL "
        "ORDER BY chain_seq"
    ).fetchall()
    for seq, snapshot, *event in rows:
        digest = link_hash(seq, prev, event, snapshot)
        conn.execute(
            "UPDATE events SET chain_prev = ?, chain_hash = ? WHERE chain_seq = ?",
            (prev, digest, seq),
        )
        prev = digest
    for _name, sql in triggers:
        conn.execute(sql)


def test_the_triggers_still_refuse_changes_made_through_sql(
    three: tuple[Counter, list[str]],
) -> None:
    conn = three[0]._store.conn
    for statement in (
        "UPDATE events SET note = 'x' WHERE chain_seq = 1",
        "UPDATE events SET chain_hash = 'x' WHERE chain_seq = 1",
        "DELETE FROM events WHERE chain_seq = 1",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute(statement)


def test_an_upgraded_database_is_chained_in_order_and_passes(
    three: tuple[Counter, list[str]], data_dir: Path
) -> None:
    """The migration links the events an older version wrote, oldest first."""
    c, codes = three
    c.close()
    conn = sqlite3.connect(data_dir / DB_FILENAME, isolation_level=None)
    for name in ("events_no_update", "events_chain_once"):
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("UPDATE events SET chain_seq = NULL, chain_prev = NULL, chain_hash = NULL")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    conn.close()
    upgraded = Counter.open(data_dir)
    try:
        assert upgraded.check() == []
        seqs = upgraded._store.conn.execute("SELECT chain_seq FROM events ORDER BY id").fetchall()
        assert [s for (s,) in seqs] == list(range(1, 6))
        assert upgraded.dossiers.get(codes[1]).status is Status.RESULT_READY
    finally:
        upgraded.close()


def test_adopting_the_hubs_head_continues_the_chain_from_it(
    three: tuple[Counter, list[str]], supervisor: User
) -> None:
    c, _codes = three
    hub_hash = "ab" * 32
    with pytest.raises(ValidationError):
        c.event_chain.adopt_chain_head(3, hub_hash)  # passed, and this desk's link 3 differs
    own = c.event_chain.head()
    c.event_chain.adopt_chain_head(own.seq, own.hash)  # a head it already has: noted only
    assert c.event_chain.head() == own == c.event_chain.hub_head()
    with pytest.raises(ValidationError):
        c.event_chain.adopt_chain_head(12, "not a hash")
    c.event_chain.adopt_chain_head(12, hub_hash)
    c.event_chain.adopt_chain_head(12, hub_hash)  # again: nothing changes
    take_in(c, supervisor)
    row = c._store.conn.execute(
        "SELECT chain_seq, chain_prev FROM events ORDER BY id DESC LIMIT 1"
    ).fetchone()
    assert row == (13, hub_hash)
    assert c.check() == []


def test_no_personal_data_in_any_chain_column(three: tuple[Counter, list[str]]) -> None:
    rows = (
        three[0]
        ._store.conn.execute("SELECT chain_prev, chain_hash, chain_snapshot FROM events")
        .fetchall()
    )
    assert all(NAME not in json.dumps(r, ensure_ascii=False) for r in rows)


def test_the_command_line_check_names_the_break_and_fails(office: Any, data_dir: Path) -> None:
    """`counter-app check` as a supervisor runs it: ok, then the first break in words."""
    args = ["intake", "--procedure", "1.001193", "--name", NAME, "--id-number", ID_NUMBER]
    assert office(*args, "--phone", "0912345678").code == 0
    assert office(*args, "--phone", "0912345679").code == 0
    assert office("check").out.strip() == "ok"
    conn = sqlite3.connect(data_dir / DB_FILENAME, isolation_level=None)
    conn.execute("DROP TRIGGER events_no_update")
    conn.execute("UPDATE events SET at = '2020-01-01T08:00:00+07:00' WHERE chain_seq = 1")
    conn.close()
    r = office("check")
    assert r.code == 1
    assert "sự kiện số 1: nội dung sự kiện đã bị sửa" in r.out
    assert NAME not in r.out and ID_NUMBER not in r.out
