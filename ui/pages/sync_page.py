"""Đồng bộ (supervisor): sync now with progress and cancel, the log of past runs, and the
dossiers in error or conflict with what to do about each.

The run itself is the app's sync service's (ui/sync_service.py): on the NETWORK worker with a
connection of its own to the database, shared with the background schedule.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from counter_app.lifecycle import Status
from counter_app.sync_records import SyncRun

from ..context import AppContext
from ..formatting import fmt_datetime
from ..i18n import QT_TRANSLATE_NOOP, pick
from ..labels import status_label
from ..operations import sync_page as sync_ops
from ..operations.sync_page import SyncOverview
from ..record_model import Column, RecordTableModel
from ..sync_service import CANCELLED, OFF, OK, SyncOutcome, outcome_words
from ..widgets.tables import table_view
from ..worker import Task
from .base import Page

PHASES = {
    # After a restore (sync/recovery.py): before anything is pushed.
    "recover": QT_TRANSLATE_NOOP("SyncPage", "Đang lấy lại từ tỉnh những gì quầy đã gửi"),
    "push": QT_TRANSLATE_NOOP("SyncPage", "Đang gửi hồ sơ lên tỉnh"),
    "pull": QT_TRANSLATE_NOOP("SyncPage", "Đang nhận thay đổi từ tỉnh"),
    "reconcile": QT_TRANSLATE_NOOP("SyncPage", "Đang đối chiếu số liệu"),
}


@dataclass(frozen=True)
class Problem:
    """A dossier the supervisor must look at: a conflict, or a record the province refused."""

    code: str
    kind: str  # "conflict" | "error"
    what: str
    todo: str
    conflict_id: int | None = None


def _status_words(value: str | None) -> str:
    try:
        return status_label(Status(value)) if value else "—"
    except ValueError:
        return value or "—"


def problems(view: SyncOverview) -> list[Problem]:
    found = [
        Problem(
            c.code,
            "conflict",
            QCoreApplication.translate("SyncPage", "Xung đột: ở đây «{0}», ở tỉnh «{1}»").format(
                _status_words(c.local_status), _status_words(c.remote_status)
            ),
            QCoreApplication.translate(
                "SyncPage",
                "Mở hồ sơ, đối chiếu với cấp tỉnh, làm lại thay đổi nếu còn cần, rồi bấm "
                "“Đã xử lý xung đột”.",
            ),
            c.id,
        )
        for c in view.conflicts
    ]
    found += [
        Problem(
            code,
            "error",
            QCoreApplication.translate("SyncPage", "Tỉnh từ chối: {0}").format(
                pick(error) if error else QCoreApplication.translate("SyncPage", "không rõ lý do")
            ),
            QCoreApplication.translate(
                "SyncPage",
                "Sửa thông tin hồ sơ theo lỗi (hoặc báo bộ phận kỹ thuật), rồi Đồng bộ ngay.",
            ),
        )
        for code, error in view.errors
    ]
    return found


def t(text: str) -> str:
    return QCoreApplication.translate("SyncPage", text)


class SyncPage(Page):
    KEY = "sync"
    TITLE = QT_TRANSLATE_NOOP("Nav", "Đồng bộ")
    SUPERVISOR_ONLY = True

    refreshed = Signal(object)  # SyncOverview
    finished = Signal(object)  # the sync service's SyncOutcome

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.view: SyncOverview | None = None
        self.task: Task | None = None

        self.server = QLabel()
        self.server.setObjectName("syncServer")
        self.server.setWordWrap(True)
        self.pending = QLabel()
        self.pending.setObjectName("syncPending")
        self.sync_button = QPushButton(self.tr("Đồng bộ ngay"))
        self.sync_button.setObjectName("syncNow")
        self.sync_button.setStyleSheet("QPushButton { padding: 6px 18px; font-weight: bold; }")
        self.sync_button.clicked.connect(self.sync_now)
        self.cancel_button = QPushButton(self.tr("Hủy"))
        self.cancel_button.setObjectName("syncCancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setObjectName("syncProgress")
        self.progress.setTextVisible(True)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat("")  # no "0%" while idle
        self.phase = QLabel()
        self.phase.setObjectName("syncPhase")
        self.phase.setWordWrap(True)

        line = QHBoxLayout()
        line.addWidget(self.sync_button)
        line.addWidget(self.cancel_button)
        line.addWidget(self.progress, 1)
        top = QVBoxLayout()
        top.addWidget(self.server)
        top.addWidget(self.pending)
        top.addLayout(line)
        top.addWidget(self.phase)

        self.log_model: RecordTableModel[SyncRun] = RecordTableModel(
            [
                Column(self.tr("Bắt đầu"), lambda r: fmt_datetime(r.started_at)),
                Column(self.tr("Kết quả"), self._run_outcome, warn=lambda r: r.ok is not True),
                Column(self.tr("Đã gửi"), lambda r: str(r.pushed), numeric=True),
                Column(self.tr("Đã nhận"), lambda r: str(r.pulled), numeric=True),
                Column(self.tr("Xung đột"), lambda r: str(r.conflicts), numeric=True),
                Column(self.tr("Còn chờ"), lambda r: str(r.pending), numeric=True),
                Column(self.tr("Lỗi"), lambda r: "; ".join(_words(e) for e in r.errors)),
            ],
            self,
        )
        self.log = table_view(self.log_model, "syncLog")
        self.problem_model: RecordTableModel[Problem] = RecordTableModel(
            [
                Column(self.tr("Mã hồ sơ"), lambda p: p.code),
                Column(self.tr("Vấn đề"), lambda p: p.what, warn=lambda p: True),
                Column(self.tr("Cần làm"), lambda p: p.todo),
            ],
            self,
        )
        self.problem_table = table_view(self.problem_model, "syncProblems")
        self.problem_table.setWordWrap(True)
        self.resolve_button = QPushButton(self.tr("Đã xử lý xung đột"))
        self.resolve_button.setObjectName("resolveConflict")
        self.resolve_button.clicked.connect(self.resolve_selected)
        self.problem_label = QLabel()

        log_box = QGroupBox(self.tr("Nhật ký đồng bộ"))
        QVBoxLayout(log_box).addWidget(self.log)
        problem_box = QGroupBox(self.tr("Hồ sơ lỗi hoặc xung đột"))
        problem_layout = QVBoxLayout(problem_box)
        problem_layout.addWidget(self.problem_label)
        problem_layout.addWidget(self.problem_table)
        problem_layout.addWidget(self.resolve_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(problem_box)
        splitter.addWidget(log_box)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        ctx.changed.connect(self._on_changed)
        ctx.sync.started.connect(self._on_started)
        ctx.sync.progressed.connect(self._on_progress)
        ctx.sync.finished.connect(self._on_done)
        ctx.sync.waiting.connect(self._on_waiting)
        if ctx.sync.running:
            self._on_started(ctx.sync.trigger)

    # --- reading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        sync_ops.sync_overview(self.ctx).success(self._show).guard(self).run()

    def _show(self, view: SyncOverview) -> None:
        self.view = view
        running = self.ctx.sync.running or self.ctx.sync.manual_waiting
        if view.server_url:
            self.server.setText(self.tr("Máy chủ tỉnh: {0}").format(view.server_url))
        else:
            self.server.setText(
                self.tr(
                    "Chưa cấu hình máy chủ tỉnh: hồ sơ được lưu an toàn tại quầy và chờ gửi. "
                    "Nhập địa chỉ máy chủ và mã truy cập ở trang Quản trị → Cơ quan."
                )
            )
        self.server.setStyleSheet("" if view.server_url else "color: #7a5200; font-weight: bold;")
        self.sync_button.setEnabled(bool(view.server_url) and not running)
        self.pending.setText(self.tr("Thay đổi chờ gửi lên tỉnh: {0}").format(view.pending))
        self.log_model.set_records(view.runs)
        found = problems(view)
        self.problem_model.set_records(found)
        self.problem_table.resizeRowsToContents()
        self.problem_label.setText(
            self.tr("Không có hồ sơ nào cần xử lý.")
            if not found
            else self.tr("{0} hồ sơ cần xử lý.").format(len(found))
        )
        self.resolve_button.setEnabled(any(p.kind == "conflict" for p in found))
        self.refreshed.emit(view)

    def _run_outcome(self, r: SyncRun) -> str:
        if r.ok is None:
            return self.tr("Dở dang")
        return self.tr("Thành công") if r.ok else self.tr("Có lỗi")

    # --- running ---------------------------------------------------------------------------
    # The run is the app's sync service's (ui/sync_service.py): the same one the background
    # schedule starts, so a press during a background run waits for it instead of a second run.

    def sync_now(self) -> None:
        if self.ctx.sync.manual_waiting:
            return
        self.sync_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.ctx.sync.sync_now()

    def cancel(self) -> None:
        self.ctx.sync.cancel()
        self.cancel_button.setEnabled(False)
        self.phase.setText(self.tr("Đang dừng sau bước hiện tại…"))

    def _on_started(self, trigger: str) -> None:
        self.task = self.ctx.sync.task
        self.sync_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setFormat("")
        self.progress.setRange(0, 0)  # busy until the first figures arrive
        self.phase.setStyleSheet("")
        self.phase.setText(
            self.tr("Đang kết nối máy chủ tỉnh…")
            if trigger == "manual"
            else self.tr("Đang đồng bộ tự động…")
        )

    def _on_waiting(self) -> None:
        self.phase.setText(self.tr("Đang chờ lượt đồng bộ tự động xong, rồi đồng bộ ngay…"))

    def _on_progress(self, done: int, total: int, phase: str) -> None:
        self.progress.setFormat("%v/%m")
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))
        words = self.tr(PHASES[phase]) if phase in PHASES else phase
        self.phase.setText(f"{words}: {done}/{total}" if total else words)

    def _on_done(self, outcome: SyncOutcome) -> None:
        self.task = None
        waiting = self.ctx.sync.manual_waiting
        self.cancel_button.setEnabled(waiting)
        self.sync_button.setEnabled(bool(self.view and self.view.server_url) and not waiting)
        self.progress.setFormat("")
        self.progress.setRange(0, 1)
        # Full only on success: a failure never looks like a finished bar.
        self.progress.setValue(1 if outcome.ok else 0)
        self.phase.setText(outcome_words(outcome))
        trouble = outcome.kind not in (OK, CANCELLED, OFF)
        self.phase.setStyleSheet("color: #a61b1b; font-weight: bold;" if trouble else "")
        self.finished.emit(outcome)

    # --- conflicts -------------------------------------------------------------------------

    def resolve_selected(self) -> None:
        rows = self.problem_table.selectionModel().selectedRows()
        chosen = [self.problem_model.record(i.row()) for i in rows]
        conflict = next((p for p in chosen if p.conflict_id is not None), None)
        if conflict is None or self.ctx.user is None:
            self.problem_label.setText(self.tr("Chọn một dòng xung đột trong bảng trước."))
            return
        user, conflict_id = self.ctx.user, conflict.conflict_id
        assert conflict_id is not None
        sync_ops.resolve_conflict(self.ctx, actor=user, conflict_id=conflict_id).guard(self).run()

    def _on_changed(self, areas: object) -> None:
        if isinstance(areas, (set, frozenset)) and areas & {"sync", "dossiers"}:
            self.refresh()

    def activated(self) -> None:
        self.refresh()


def _words(error: str) -> str:
    """The core's messages are 'Vietnamese / English': shown in the app's language."""
    return pick(error)


PAGE = SyncPage
