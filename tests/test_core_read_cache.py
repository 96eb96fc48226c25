"""Intake caches the office, the settings and the procedures it reads (store/freshness.py):
what another process commits, what we write, and what a failed write leaves must all show."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from counter_app.counter import Counter
from counter_app.intake import IntakeRequest
from counter_app.models import User

CODE = "1.001193"


def take_in(c: Counter, actor: User) -> str:
    return c.dossiers.intake(
        actor,
        IntakeRequest(
            procedure_code=CODE,
            full_name="Phạm Thị Hoa",
            id_number="001190123456",
            phone="0912345678",
        ),
    ).code


def test_a_setting_changed_by_another_process_reaches_the_next_intake(
    counter: Counter, supervisor: User, data_dir: Path
) -> None:
    assert take_in(counter, supervisor).startswith("000.00.06.H56-")  # cached from here on
    other = Counter.open(data_dir)  # e.g. the CLI, on the same database file
    try:
        other.set_setting(supervisor, "code_format", "X{agency}-{desk}{seq:03d}")
    finally:
        other.close()
    assert take_in(counter, supervisor).startswith("X000.00.06.H56-1")


def test_a_procedure_renamed_by_another_process_reaches_the_next_intake(
    counter: Counter, supervisor: User, data_dir: Path
) -> None:
    before = counter.catalogue.procedure(CODE)
    other = Counter.open(data_dir)
    try:
        other.catalogue.load_procedures([replace(before, name="Tên mới của thủ tục")])
    finally:
        other.close()
    code = take_in(counter, supervisor)
    assert counter.dossiers.get(code).procedure_name == "Tên mới của thủ tục"


def test_our_own_writes_are_read_back(counter: Counter, supervisor: User) -> None:
    counter.catalogue.procedure(CODE)
    counter.setting("code_format")
    counter.catalogue.load_procedures([replace(counter.catalogue.procedure(CODE), fee=12_000)])
    counter.set_setting(supervisor, "code_format", "Y{agency}-{desk}{seq:03d}")
    assert counter.catalogue.procedure(CODE).fee == 12_000
    assert counter.setting("code_format") == "Y{agency}-{desk}{seq:03d}"


def test_a_write_rolled_back_leaves_no_cached_value(counter: Counter) -> None:
    store = counter._store
    original = counter.setting("receipt_paper", "a4")
    with pytest.raises(RuntimeError), store.write():
        store.meta.set("setting.receipt_paper", "thermal80")
        assert counter.setting("receipt_paper") == "thermal80"  # read inside: now cached
        raise RuntimeError("the write fails after the read")
    assert counter.setting("receipt_paper", "a4") == original


def test_a_write_by_any_code_on_our_own_connection_is_read_back(counter: Counter) -> None:
    counter.setting("receipt_paper")  # cached
    with counter._store.write():  # SQL that bypasses MetaTable.set, as a migration might
        counter._store.conn.execute(
            "INSERT INTO meta (key, value) VALUES ('setting.receipt_paper', '\"thermal80\"')"
        )
    assert counter.setting("receipt_paper") == "thermal80"
