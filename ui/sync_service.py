"""The desk's background sync: started after login, stopped at logout and quit.

A scheduler on the GUI thread decides WHEN (a timer ticks, nothing else); each run is one
`sync.auto.run_round` on the NETWORK worker with a database connection of its own, so neither
the window nor the desk's own writes wait on the network. The network worker runs one job at a
time and this service starts a run only when none is going, so two syncs never overlap: a
supervisor's "Đồng bộ ngay" during a background run waits for it, then runs (forced).

When: a change made at the desk goes out `push_delay` after it was made (a burst of changes
travels together), pulls come in every `pull_interval` and with every push, and while the hub
does not answer the rounds back off (30 s doubling, jittered, up to `max_backoff`). The clock
and the intervals are injectable so tests drive the schedule without waiting.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

from .errors import user_message
from .i18n import pick

if TYPE_CHECKING:
    from .context import AppContext
    from .worker import Task

PUSH_DELAY = 10.0  # seconds after a change: well within the promised minute
PULL_INTERVAL = 300.0  # seconds between rounds when nothing changed here
MAX_BACKOFF = 300.0  # the longest wait while offline: the hub's return is noticed soon
TICK_MS = 5_000

# Kinds of outcome (the sync package's words for them, plus the app's own)
OK = "ok"
OFF = "off"
UNCONFIGURED = "unconfigured"
UNREACHABLE = "unreachable"
DESK_REFUSED = "desk_refused"
HUB_ERROR = "hub_error"
REJECTED = "rejected"
CANCELLED = "cancelled"
FAILED = "failed"  # something else went wrong (the message says what)


@dataclass(frozen=True)
class SyncOutcome:
    trigger: str  # "auto" | "manual"
    kind: str
    result: Any = None  # the engine's SyncResult when a run happened
    message: str = ""  # for FAILED: the error in words

    @property
    def ok(self) -> bool:
        return self.kind == OK

    @property
    def online(self) -> bool | None:
        """Did the hub answer and accept this desk? None: not known from this outcome."""
        if self.kind in (OK, REJECTED, HUB_ERROR):
            return True
        if self.kind in (UNREACHABLE, DESK_REFUSED):
            return False
        return None


def outcome_words(o: SyncOutcome) -> str:
    """One sentence saying what happened, whose problem it is and what to do."""
    r = o.result
    if o.kind == OK:
        return QCoreApplication.translate(
            "SyncService", "Xong: gửi {0}, nhận {1}, xung đột {2}."
        ).format(r.pushed, r.pulled, r.conflicts)
    if o.kind == OFF:
        return QCoreApplication.translate(
            "SyncService", "Đồng bộ tự động đang tắt (bật lại ở Quản trị → Cơ quan)."
        )
    if o.kind == UNCONFIGURED:
        return QCoreApplication.translate(
            "SyncService", "Chưa cấu hình máy chủ tỉnh: hồ sơ được lưu an toàn tại quầy và chờ gửi."
        )
    if o.kind == UNREACHABLE:
        return QCoreApplication.translate(
            "SyncService",
            "Mạng/máy chủ tỉnh không trả lời — sẽ tự thử lại. Hồ sơ vẫn lưu an toàn tại quầy.",
        )
    if o.kind == DESK_REFUSED:
        return QCoreApplication.translate(
            "SyncService",
            "Máy chủ tỉnh không nhận mã của quầy này — cần đăng ký lại quầy: xin tỉnh mã mới "
            "và nhập ở Quản trị → Cơ quan.",
        )
    if o.kind == HUB_ERROR:
        return QCoreApplication.translate(
            "SyncService",
            "Máy chủ tỉnh đang gặp lỗi — sẽ tự thử lại; nếu kéo dài, báo bộ phận kỹ thuật của tỉnh.",
        )
    if o.kind == REJECTED:
        return QCoreApplication.translate(
            "SyncService",
            "Tỉnh chưa nhận một số hồ sơ: xem từng hồ sơ và lý do trong bảng bên dưới.",
        )
    if o.kind == CANCELLED:
        return QCoreApplication.translate(
            "SyncService", "Đã hủy. Lần đồng bộ sau sẽ tiếp tục từ chỗ dừng."
        )
    if r is not None and r.errors:
        return QCoreApplication.translate("SyncService", "Có lỗi: {0}").format(pick(r.errors[0]))
    return QCoreApplication.translate("SyncService", "Không đồng bộ được: {0}").format(o.message)


def classify(trigger: str, state: str, result: Any) -> SyncOutcome:
    if state != "done":
        return SyncOutcome(trigger, state, result)
    if result.cancelled:
        return SyncOutcome(trigger, CANCELLED, result)
    if result.ok:
        return SyncOutcome(trigger, OK, result)
    return SyncOutcome(trigger, result.problem or FAILED, result)


def run_round(data_dir: Path, trigger: str, task: Task) -> SyncOutcome:
    """On the network worker: one round with its own connection to the database."""
    from counter_app.counter import Counter
    from sync import auto  # requests loads with the first round, not with the window

    counter = Counter.open(data_dir)
    try:
        round_ = auto.run_round(
            counter,
            force=trigger == "manual",
            trigger=trigger,
            cancel=task.cancelled,
            progress=lambda phase, done, total: task.progress(done, total, phase),
        )
    finally:
        counter.close()
    return classify(trigger, round_.state, round_.result)


class SyncService(QObject):
    started = Signal(str)  # trigger
    progressed = Signal(int, int, str)  # done, total, phase
    finished = Signal(object)  # SyncOutcome
    waiting = Signal()  # a manual run waits for the background one to end

    def __init__(
        self,
        ctx: AppContext,
        *,
        push_delay: float = PUSH_DELAY,
        pull_interval: float = PULL_INTERVAL,
        max_backoff: float = MAX_BACKOFF,
        tick_ms: int = TICK_MS,
        clock: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.push_delay = push_delay
        self.pull_interval = pull_interval
        self.max_backoff = max_backoff
        self.clock = clock
        self.rng = rng or random.Random()
        self.active = False
        self.task: Task | None = None
        self.trigger = ""
        self.manual_waiting = False
        self.changed_since: float | None = None
        self.next_pull_at = 0.0
        self.retry_at = 0.0
        self.failures = 0
        self.last: SyncOutcome | None = None
        self._own_change = False
        self.timer = QTimer(self)
        self.timer.setInterval(tick_ms)
        self.timer.timeout.connect(self.tick)
        ctx.changed.connect(self._on_changed)

    # --- life --------------------------------------------------------------------------------

    def start(self) -> None:
        """After login: the first round at once, then on schedule."""
        self.active = True
        self.next_pull_at = self.retry_at = 0.0
        self.failures = 0
        self.timer.start()
        self.tick()

    def stop(self) -> None:
        """At logout and quit: no new rounds; the one running stops after its current step."""
        self.active = False
        self.manual_waiting = False
        self.timer.stop()
        if self.task is not None:
            self.task.cancel()

    @property
    def running(self) -> bool:
        return self.task is not None

    # --- schedule ----------------------------------------------------------------------------

    @Slot(object)
    def _on_changed(self, areas: object) -> None:
        if self._own_change or not isinstance(areas, (set, frozenset)):
            return
        if "dossiers" in areas and self.changed_since is None:
            self.changed_since = self.clock()
        if "settings" in areas or "sync" in areas:
            self.next_pull_at = self.retry_at = 0.0  # switched on, or a new hub or token

    @Slot()
    def tick(self) -> None:
        if not self.active or self.running:
            return
        now = self.clock()
        if now < self.retry_at:
            return
        pushing = self.changed_since is not None and now >= self.changed_since + self.push_delay
        retrying = self.failures > 0  # past the backoff: try again
        if pushing or retrying or now >= self.next_pull_at:
            self._run("auto")

    def sync_now(self) -> None:
        """A supervisor's "Đồng bộ ngay": now, or as soon as the background run ends."""
        if self.running:
            self.manual_waiting = True
            self.waiting.emit()
            return
        self._run("manual")

    def cancel(self) -> None:
        self.manual_waiting = False
        if self.task is not None:
            self.task.cancel()

    def _run(self, trigger: str) -> None:
        self.trigger = trigger
        self.changed_since = None  # changes made from here on go with the next round
        data_dir = self.ctx.data_dir
        self.task = (
            self.ctx.net_op(lambda task: run_round(data_dir, trigger, task))
            .progress(self.progressed.emit)
            .success(self._done)
            .failure(self._failed)
            .run()
        )
        self.started.emit(trigger)

    def _failed(self, exc: BaseException) -> None:
        from .worker import Cancelled

        if isinstance(exc, Cancelled):
            self._done(SyncOutcome(self.trigger, CANCELLED))
        else:
            self._done(SyncOutcome(self.trigger, FAILED, message=user_message(exc)))

    def _done(self, outcome: SyncOutcome) -> None:
        self.task = None
        now = self.clock()
        if outcome.kind in (UNREACHABLE, DESK_REFUSED, HUB_ERROR, FAILED):
            self.failures += 1
            ceiling = min(self.max_backoff, 30.0 * (1 << min(self.failures - 1, 16)))
            self.retry_at = now + ceiling * self.rng.uniform(0.5, 1.0)
        else:
            self.failures = 0
            self.retry_at = 0.0
        self.next_pull_at = now + self.pull_interval
        self.last = outcome
        self.finished.emit(outcome)
        self._own_change = True
        try:
            self.ctx.changed.emit({"sync", "dossiers"})
        finally:
            self._own_change = False
        if self.manual_waiting and self.active:
            self.manual_waiting = False
            self._run("manual")
