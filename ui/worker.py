"""Background workers: one thread owns the database Counter, another does network work.

The pattern is Anki's: the GUI submits small callables; a single-threaded executor runs them
in order against the resource it owns (so writes are serialised and the SQLite connection
never crosses threads); the outcome comes back to the GUI thread by a queued signal, where the
caller's callbacks run. Cancellation is cooperative (`Task.cancelled()`), never terminate().
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QThread, Signal, Slot

from ui import qtfix  # noqa: F401  (before any signal is emitted; see the module)

if TYPE_CHECKING:
    from counter_app.counter import Counter

log = logging.getLogger(__name__)

_ids = itertools.count(1)


class Cancelled(Exception):
    """Raised by Task.check() inside a job once the user pressed Cancel."""


class Task:
    """Handed to long jobs: cooperative cancellation and progress reports."""

    def __init__(self, job_id: int, report: Callable[[int, int, int, str], None]) -> None:
        self.id = job_id
        self._cancel = threading.Event()
        self._report = report

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def progress(self, done: int, total: int, text: str = "") -> None:
        self._report(self.id, done, total, text)


@dataclass
class _Job:
    task: Task
    fn: Callable[[Any, Task], Any]
    on_success: Callable[[Any], None] | None
    on_failure: Callable[[BaseException], None] | None
    on_progress: Callable[[int, int, str], None] | None = None
    guard: QObject | None = None  # callbacks are dropped once this widget is deleted
    name: str = ""
    # The job replaces the resource's file (a restore): the resource is closed first, the job
    # gets None, and the next job opens it afresh.
    releases: bool = False


@dataclass
class _Outcome:
    job_id: int
    value: Any = None
    error: BaseException | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class _Executor(QObject):
    """Lives on the worker thread; runs one job at a time against the resource it owns."""

    finished = Signal(object)  # _Outcome
    progressed = Signal(int, int, int, str)

    def __init__(
        self, opener: Callable[[], Any] | None, closer: Callable[[Any], None] | None
    ) -> None:
        super().__init__()
        self._opener = opener
        self._closer = closer
        # Any: the Counter on the database worker, nothing on the network one.
        self._resource: Any = None

    @Slot(object)
    def execute(self, job: _Job) -> None:
        outcome = _Outcome(job.task.id)
        try:
            job.task.check()
            if job.releases:
                self.shutdown()
            elif self._resource is None and self._opener is not None:
                # Opened here, on the worker thread, so the connection belongs to it.
                self._resource = self._opener()
            outcome.value = job.fn(self._resource, job.task)
        except BaseException as exc:  # handed to the GUI thread, which shows or logs it
            outcome.error = exc
        self.finished.emit(outcome)

    @Slot()
    def shutdown(self) -> None:
        if self._resource is not None and self._closer is not None:
            try:
                self._closer(self._resource)
            except Exception:
                log.exception("closing the worker's resource failed")
        self._resource = None


class Worker(QObject):
    """GUI-side handle of one worker thread. submit() from the GUI thread only."""

    _request = Signal(object)
    _stop = Signal()
    job_finished = Signal(int)  # after the job's callbacks ran: handy for tests and spinners
    busy_changed = Signal(bool)

    def __init__(
        self,
        name: str,
        opener: Callable[[], Any] | None = None,
        closer: Callable[[Any], None] | None = None,
    ) -> None:
        super().__init__()
        self._pending: dict[int, _Job] = {}
        self._thread = QThread()
        self._thread.setObjectName(name)
        self._executor = _Executor(opener, closer)
        self._executor.moveToThread(self._thread)
        self._request.connect(self._executor.execute)
        self._stop.connect(self._executor.shutdown)
        self._executor.finished.connect(self._deliver)
        self._executor.progressed.connect(self._on_progress)
        self._thread.start()
        self._closed = False

    def submit(
        self,
        fn: Callable[[Any, Task], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        guard: QObject | None = None,
        name: str = "",
        releases: bool = False,
    ) -> Task:
        if self._closed:
            raise RuntimeError("worker is closed")
        task = Task(next(_ids), self._executor.progressed.emit)
        job = _Job(task, fn, on_success, on_failure, on_progress, guard, name, releases)
        self._pending[task.id] = job
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        self._request.emit(job)
        return task

    def pending(self) -> int:
        return len(self._pending)

    @property
    def closed(self) -> bool:
        return self._closed

    def cancel_all(self) -> None:
        for job in self._pending.values():
            job.task.cancel()

    @Slot(int, int, int, str)
    def _on_progress(self, job_id: int, done: int, total: int, text: str) -> None:
        job = self._pending.get(job_id)
        if job is not None and job.on_progress is not None and _alive(job.guard):
            job.on_progress(done, total, text)

    @Slot(object)
    def _deliver(self, outcome: _Outcome) -> None:
        job = self._pending.pop(outcome.job_id, None)
        if job is None:
            return
        try:
            if not _alive(job.guard):
                if outcome.error is not None and not isinstance(outcome.error, Cancelled):
                    log.error(
                        "job %s failed after its window closed", job.name, exc_info=outcome.error
                    )
            elif outcome.error is None:
                if job.on_success is not None:
                    job.on_success(outcome.value)
            elif job.on_failure is not None:
                job.on_failure(outcome.error)
            elif not isinstance(outcome.error, Cancelled):
                from .errors import report_unhandled

                report_unhandled(outcome.error, job.guard)
        finally:
            if not self._pending:
                self.busy_changed.emit(False)
            self.job_finished.emit(outcome.job_id)

    def close(self) -> None:
        """Let queued jobs finish (a dossier being saved must be saved), then stop the thread."""
        if self._closed:
            return
        self._closed = True
        self._stop.emit()
        self._thread.quit()
        self._thread.wait()
        # Every queued job has run (the wait above), so its writes are done; only its answer,
        # still queued as a signal to this thread, is dropped: its callbacks would update a
        # window that is closing. Named in the debug log so a lost answer can be traced.
        for job in list(self._pending.values()):
            log.debug("job %s finished during shutdown", job.name)
        self._pending.clear()


def _alive(guard: QObject | None) -> bool:
    return guard is None or shiboken6.isValid(guard)


def _open_counter(data_dir: Path) -> Counter:
    # Imported here, on the worker thread: the GUI shows its window meanwhile.
    from counter_app.counter import Counter

    return Counter.open(data_dir)


def database_worker(data_dir: Path) -> Worker:
    """The one thread that owns this counter's database."""
    return Worker(
        "counter-db",
        opener=lambda: _open_counter(data_dir),
        closer=lambda counter: counter.close(),
    )


def network_worker() -> Worker:
    """Network work (sync, server probes): never blocks the database worker or the GUI."""
    return Worker("counter-net")
