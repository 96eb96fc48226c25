"""A throwaway PostgreSQL server for the hub's tests, and a `hub_db` fixture over both backends.

One cluster per test session (initdb + pg_ctl of the machine, in a temporary folder, on a unix
socket only, trust authentication, no password), a fresh database per test. As root (CI), the
server programs run as the `postgres` system user, since initdb refuses root. Without the
programs, PostgreSQL tests are skipped with one line saying how to get them.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

HOW = "PostgreSQL server programs not found: apt-get install postgresql"
_names = itertools.count(1)


def bindir() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[-3])
    )
    return Path(versions[-1]).parent if versions else None


class PgCluster:
    def __init__(self, bindir: Path, durable: bool = False) -> None:
        self.bindir = bindir
        self.dir = Path(tempfile.mkdtemp(prefix="hub-pg-"))
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.data = self.dir / "data"
        self._pg(
            "initdb",
            "-D",
            str(self.data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--no-sync",
            "--locale=C.UTF-8",
        )
        # Throwaway data for tests: no fsync (a bench keeps PostgreSQL's durable defaults).
        # Enough connections for two hub processes and the tests.
        options = (
            f"-c listen_addresses='' -c unix_socket_directories={self.dir} -c max_connections=200"
        )
        if not durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._pg(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.dir / "server.log"),
            "-w",
            "start",
        )

    def _pg(self, program: str, *args: str) -> None:
        subprocess.run(
            [*self.as_user, str(self.bindir / program), *args],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def url(self, dbname: str) -> str:
        return f"postgresql://postgres@/{dbname}?host={self.dir}"

    def new_database(self) -> str:
        import psycopg

        name = f"hub_{os.getpid()}_{next(_names)}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        self._pg("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    programs = bindir()
    if programs is None:
        pytest.skip(HOW)
    cluster = PgCluster(programs)
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster: PgCluster) -> str:
    """A fresh, empty database (schema not yet migrated)."""
    return pg_cluster.new_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def hub_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The hub's database, once per backend: a SQLite path or a migrated PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "hub.sqlite3")
    from sync.hub.storage import open_storage

    url = request.getfixturevalue("pg_cluster").new_database()
    open_storage(url, migrate=True).close()
    return str(url)
