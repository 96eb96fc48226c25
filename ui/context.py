"""What every window and page shares: the two workers, the signed-in user, the office and
the settings. Passed explicitly to each page (no global main window)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QSettings, Signal

from counter_app.models import Office, User

from .operations import Op
from .sync_service import SyncService
from .worker import Task, Worker, database_worker, network_worker

if TYPE_CHECKING:
    # Types only: the GUI thread does not import the core's storage at start-up (see worker).
    from counter_app.counter import Counter

T = TypeVar("T")


class AppContext(QObject):
    # Areas a write changed ("dossiers", "users", "catalogue", "settings", "sync"): views
    # refresh only what is named, as in Anki's OpChanges.
    changed = Signal(object)

    def __init__(self, data_dir: Path, settings: QSettings | None = None) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.settings = settings or default_settings()
        self.db: Worker = database_worker(data_dir)
        self.net: Worker = network_worker()
        self.user: User | None = None
        self.office: Office | None = None
        # Background sync: started after login (start()), stopped at logout (stop()).
        self.sync = SyncService(self)

    @property
    def is_supervisor(self) -> bool:
        return self.user is not None and self.user.is_supervisor

    # op(), task_op() and net_op() are the operations layer's building blocks (ui/operations):
    # widgets call a named operation, not these.

    def op(
        self, fn: Callable[[Counter], T], *, changes: frozenset[str] | set[str] = frozenset()
    ) -> Op[T]:
        """fn(counter) runs on the DB worker; `changes` names the areas a write changed."""
        return Op(self, self.db, lambda counter, _task: fn(counter), changes=changes)

    def task_op(
        self, fn: Callable[[Counter, Task], T], *, changes: frozenset[str] | set[str] = frozenset()
    ) -> Op[T]:
        """Like op(), for long jobs: fn(counter, task) may report progress and check cancel."""
        return Op(self, self.db, fn, changes=changes)

    def replace_op(
        self, fn: Callable[[Task], T], *, changes: frozenset[str] | set[str] = frozenset()
    ) -> Op[T]:
        """fn(task) runs on the DB worker with the database closed (it replaces the file, as a
        restore does); the next operation opens it again."""
        return Op(self, self.db, lambda _none, task: fn(task), changes=changes, releases=True)

    def net_op(self, fn: Callable[[Task], T]) -> Op[T]:
        """fn(task) runs on the network worker."""
        return Op(self, self.net, lambda _none, task: fn(task))

    def close(self) -> None:
        self.sync.stop()
        self.net.cancel_all()
        self.net.close()
        self.db.close()


def default_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "mot-cua", "mot-cua")
