"""Shared fixtures: real counter databases in temporary folders, and the CLI run in-process."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

# Secrets go to the platform's credential store when it has one: tests must never write to the
# developer's keyring, so they use the 0600-file store an office PC without one uses.
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
# The core speaks the locale's language (counter_app/i18n.py): tests read its Vietnamese, the
# default, whatever LANG the machine running them has; a test that wants English says so.
os.environ["COUNTER_APP_LANG"] = "vi"

from counter_app import i18n
from counter_app.cli import main as cli_main
from counter_app.counter import Counter
from counter_app.models import Office, Role, User
from counter_app.resources import demo_procedures

# The desktop app's fixtures (app_ctx, supervisor_ctx) live in tests/ui_support.py; the hub's
# PostgreSQL server and both-backends fixtures (pg_cluster, pg_url, hub_db) in tests/pg_support.py.
pytest_plugins = ("ui_support", "pg_support")

AGENCY = "000.00.06.H56"
PASSWORD = "matkhau-123"


@pytest.fixture(autouse=True)
def _core_language_from_environment() -> Iterator[None]:
    """A test that switches the core to English (the CLI's --lang, the app) leaves it after."""
    yield
    i18n.set_language(None)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "counter"


@pytest.fixture
def counter(data_dir: Path) -> Iterator[Counter]:
    """A set-up counter with the demo catalogue, a supervisor 'admin' and a clerk 'lan'."""
    c = Counter.open(data_dir)
    admin = c.setup(
        Office(
            agency_code=AGENCY,
            name="UBND phường Bến Nghé",
            province_code="79",
            commune_code="26740",
            address="Số 1 Lê Duẩn, phường Bến Nghé",
            phone="02838",
        ),
        "Quầy 1",
        "admin",
        "Nguyễn Thị Lan",
        PASSWORD,
        training=True,
    )  # a test office: tests may pin its clock (COUNTER_APP_NOW)
    c.catalogue.load_procedures(demo_procedures())
    c.accounts.add(admin, "lan", "Trần Thị Lan", Role.CLERK, PASSWORD)
    yield c
    c.close()


@pytest.fixture
def supervisor(counter: Counter) -> User:
    return counter.accounts.login("admin", PASSWORD)


@pytest.fixture
def clerk(counter: Counter) -> User:
    return counter.accounts.login("lan", PASSWORD)


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture
def cli(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Run `counter-app` in-process against `data_dir`, acting as admin unless told otherwise."""
    monkeypatch.setenv("COUNTER_APP_PASSWORD", PASSWORD)
    monkeypatch.setenv("COUNTER_APP_USER", "admin")
    monkeypatch.delenv("COUNTER_APP_DATA", raising=False)

    def run(*args: str, **env: str) -> CliResult:
        for key, value in env.items():
            monkeypatch.setenv(key, value)  # undone after the test, unlike os.environ
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = cli_main(["--data-dir", str(data_dir), *args])
        return CliResult(code, out.getvalue(), err.getvalue())

    return run


@pytest.fixture
def office(cli: Any) -> Any:
    """The command line of a demo office set up as README's quick start does."""
    r = cli(
        "setup",
        "--agency-code",
        AGENCY,
        "--office-name",
        "UBND phường Bến Nghé",
        "--desk",
        "Quầy 1",
        "--admin",
        "admin",
        "--admin-name",
        "Nguyễn Thị Lan",
        "--demo",
    )
    assert r.code == 0, r.err
    return cli
