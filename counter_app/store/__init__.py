"""The storage façade: the only code that holds the SQLite connection.

One Store belongs to one thread (sqlite3 connections are not shared across threads);
the desktop app gives it to a single worker. Every multi-step write goes through
`Store.write()`, one IMMEDIATE transaction, so a crash leaves all of it or none of it.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from counter_app import clock
from counter_app.i18n import _

from ..errors import StorageError
from .access import AccessTable
from .attachments import AttachmentTable
from .calendar import CalendarTable
from .chain import ChainTable
from .dossiers import DossierTable
from .drafts import DraftTable
from .freshness import watch
from .handout import HandoutQueries
from .listing import DossierListing
from .meta import MetaTable
from .outbox import OutboxTable
from .procedures import ProcedureTable
from .ratings import RatingTable
from .recovery import RecoveryTable, mark_image
from .reports import ReportQueries
from .schema import MIGRATIONS, SCHEMA_VERSION
from .sync import SyncTable
from .users import UserTable

if TYPE_CHECKING:
    import sqlite_utils

DB_FILENAME = "counter.sqlite3"


class Store:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn = _connect(path)
        _migrate(self.conn, path)
        self.meta = MetaTable(self.conn)
        self.users = UserTable(self.conn)
        self.procedures = ProcedureTable(self.conn)
        self.dossiers = DossierTable(self.conn)
        self.listing = DossierListing(self.conn)
        self.outbox = OutboxTable(self.conn)
        self.calendar = CalendarTable(self.conn)
        self.reports = ReportQueries(self.conn)
        self.sync = SyncTable(self.conn)
        self.drafts = DraftTable(self.conn)
        self.handout = HandoutQueries(self.conn)
        watch(
            self.conn, {"meta": self.meta.cache.forget, "procedures": self.procedures.cache.forget}
        )
        self.access = AccessTable(self.conn)
        self.ratings = RatingTable(self.conn)
        self.attachments = AttachmentTable(self.conn)
        self.recovery = RecoveryTable(self.conn)
        self.chain = ChainTable(self.conn)

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, made on first use: importing it costs the
        desktop app's cold start ~70 ms, and only nested writes (savepoints) need it."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn, execute_plugins=False)

    @classmethod
    def open_dir(cls, data_dir: Path) -> Store:
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        return cls(data_dir / DB_FILENAME)

    @contextmanager
    def write(self) -> Iterator[None]:
        """One transaction; nested calls become savepoints of the outer one."""
        if self.conn.in_transaction:
            try:
                with self.db.atomic():
                    yield
            except BaseException:
                self._forget_cached()
                raise
            return
        # IMMEDIATE takes the write lock up front, so two processes (app and CLI) queue on
        # busy_timeout instead of failing half-way through a dossier.
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._forget_cached()
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self._forget_cached()
            raise

    def _forget_cached(self) -> None:
        """Values read or written in a transaction that did not commit are not the database's."""
        self.meta.cache.forget()
        self.procedures.cache.forget()

    def backup(self, target: Path) -> None:
        """A consistent copy taken with SQLite's online backup API, safe while in use."""
        _copy(self.conn, target)

    def image(self) -> bytes:
        """The whole database as one consistent image (a read transaction), for sealing."""
        return self.conn.serialize()

    @staticmethod
    def restore_image(data_dir: Path, image: bytes) -> Path:
        """Check a database image and put it in place; the database it replaces is kept beside
        it. Nothing is touched unless the image is a sound Một Cửa database."""
        target = data_dir / DB_FILENAME
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        incoming = target.with_name(target.name + ".restoring")
        write_private(incoming, image)
        try:
            _check_restorable(incoming)
            # Marked before it is in place: a crash after the restore cannot skip recovery.
            mark_image(incoming, {"restored_at": clock.iso(clock.now())})
        except BaseException:
            incoming.unlink(missing_ok=True)
            raise
        kept = target.with_name(f"{target.name}.before-restore-{int(time.time())}.bak")
        if target.exists():
            _settle(target)
            os.replace(target, kept)
        for suffix in ("-wal", "-shm"):
            target.with_name(target.name + suffix).unlink(missing_ok=True)
        os.replace(incoming, target)
        return kept

    def integrity_errors(self) -> list[str]:
        rows = self.conn.execute("PRAGMA integrity_check").fetchall()
        problems = [r[0] for r in rows if r[0] != "ok"]
        problems += [f"foreign key: {r}" for r in self.conn.execute("PRAGMA foreign_key_check")]
        return problems

    def close(self) -> None:
        self.conn.close()


def _connect(path: Path) -> sqlite3.Connection:
    is_new = not path.exists()
    if is_new:
        # Create the file ourselves so it is never world-readable, not even for a moment.
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    try:
        # Read before any pragma that writes: a corrupt file or one from a newer version must
        # be refused untouched (journal_mode=WAL would rewrite its header).
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        objects = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        # A corrupt schema page can hold bytes that are not UTF-8, even in SQLite's message.
        conn.close()
        raise StorageError(
            _("Không mở được cơ sở dữ liệu {path} (tệp hỏng hoặc không phải SQLite)").format(
                path=path, exc=exc
            )
        ) from exc
    problem = _version_problem(path, version, objects)
    if problem:
        conn.close()
        raise StorageError(problem)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        # FULL: a dossier whose receipt was printed must survive a power cut.
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=30000")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StorageError(
            _("Không mở được cơ sở dữ liệu {path}: {exc}").format(path=path, exc=exc)
        ) from exc
    if os.name == "posix":
        os.chmod(path, 0o600)
    return conn


def write_private(target: Path, data: bytes) -> None:
    """Created 0600, written whole and synced, then moved into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, target)


def _check_restorable(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        problem = _version_problem(path, version, 1)
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        office = (
            conn.execute("SELECT 1 FROM meta WHERE key = 'office'").fetchone() if version else None
        )
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        raise StorageError(_("bản sao lưu hỏng: {exc}").format(exc=exc)) from exc
    finally:
        conn.close()
    if problem:
        raise StorageError(problem)
    if not ok or office is None:
        raise StorageError(_("bản sao lưu không phải cơ sở dữ liệu Một Cửa đã thiết lập"))


def _settle(path: Path) -> None:
    """Fold the write-ahead log into the file before moving it, so the kept copy is whole."""
    try:
        conn = sqlite3.connect(path)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        pass  # a damaged database is kept as it is


def _version_problem(path: Path, version: int, objects: int) -> str | None:
    if version > SCHEMA_VERSION:
        return _(
            "Cơ sở dữ liệu được tạo bởi phiên bản mới hơn (lược đồ {version} > {SCHEMA_VERSION}); hãy cập nhật ứng dụng"
        ).format(version=version, SCHEMA_VERSION=SCHEMA_VERSION, path=path)
    if version == 0 and objects:
        return _("{path} không phải cơ sở dữ liệu Một Cửa").format(path=path)
    return None


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version == SCHEMA_VERSION:
        return
    if version > 0:
        _copy(conn, path.with_name(f"{path.name}.before-v{version + 1}.bak"))
    for number in range(version + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[number - 1](conn)
            conn.execute(f"PRAGMA user_version = {number}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


def _copy(conn: sqlite3.Connection, target: Path) -> None:
    """A consistent copy through SQLite's online backup API, created private (0600) and
    moved into place only when complete."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    os.close(os.open(tmp, os.O_CREAT | os.O_WRONLY, 0o600))
    dest = sqlite3.connect(tmp)
    try:
        conn.backup(dest)
    finally:
        dest.close()
    os.replace(tmp, target)
