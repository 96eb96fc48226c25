"""The status bar: server reachability, background sync, changes waiting, last sync, user.

Everything is read through the workers; a timer and every data change refresh it. The
background sync's outcome outranks the probe: a hub that answers its health check but refuses
this desk's token is not "Trực tuyến".
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from . import operations as ops
from .context import AppContext
from .formatting import fmt_datetime
from .sync_service import DESK_REFUSED, UNREACHABLE, SyncOutcome

REFRESH_MS = 15_000


class CounterStatusBar(QStatusBar):
    server_shown = Signal()  # the server's state was (re)drawn: handy for tests

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("statusBar")
        self.server = self._label("statusServer")
        self.pending = self._label("statusPending")
        self.auto = self._label("statusAuto")
        self.last_sync = self._label("statusLastSync")
        self.user = self._label("statusUser")
        self.server.setText(self.tr("Máy chủ tỉnh: đang kiểm tra…"))
        self._auto_words = ""
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        ctx.changed.connect(self._on_changed)
        ctx.sync.started.connect(self._on_sync_started)
        ctx.sync.finished.connect(self._on_sync_finished)
        self._show_user()
        self.refresh()

    def _label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setContentsMargins(8, 0, 8, 0)
        self.addPermanentWidget(label)
        return label

    def _show_user(self) -> None:
        user = self.ctx.user
        if user is None:
            self.user.setText("")
            return
        role = self.tr("Lãnh đạo/giám sát") if user.is_supervisor else self.tr("Cán bộ một cửa")
        self.user.setText(self.tr("Người dùng: {0} ({1})").format(user.full_name, role))

    @Slot(object)
    def _on_changed(self, _areas: object) -> None:
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        ops.status_snapshot(self.ctx).success(self._show).guard(self).run()

    @Slot(str)
    def _on_sync_started(self, _trigger: str) -> None:
        self.auto.setText(self.tr("Đang đồng bộ…"))

    @Slot(object)
    def _on_sync_finished(self, outcome: SyncOutcome) -> None:
        self.auto.setText(self._auto_words)
        if not self._show_outcome(outcome) and outcome.online:
            self._set_server(True, self.tr("Trực tuyến"))

    def _show_outcome(self, outcome: SyncOutcome) -> bool:
        """Words from the last sync when it said more than the probe can; True if shown."""
        if outcome.kind == DESK_REFUSED:
            self._set_server(
                False, self.tr("Máy chủ tỉnh không nhận mã của quầy — cần đăng ký lại"), alarm=True
            )
            return True
        if outcome.kind == UNREACHABLE:
            self._set_server(False, self.tr("Ngoại tuyến — sẽ tự thử lại"))
            return True
        return False

    def _show(self, snap: ops.StatusSnapshot) -> None:
        self.pending.setText(self.tr("Chờ đồng bộ: {0}").format(snap.pending))
        self._auto_words = (
            self.tr("Tự động đồng bộ: bật") if snap.auto else self.tr("Tự động đồng bộ: tắt")
        )
        if not self.ctx.sync.running:
            self.auto.setText(self._auto_words)
        when = fmt_datetime(snap.last_sync_at) if snap.last_sync_at else self.tr("chưa có")
        self.last_sync.setText(self.tr("Đồng bộ lần cuối: {0}").format(when))
        if snap.server_url is None:
            self._set_server(False, self.tr("Ngoại tuyến — chưa cấu hình máy chủ tỉnh"))
            return
        ops.probe_server(self.ctx, url=snap.server_url).success(self._show_probe).failure(
            lambda _exc: self._set_server(False, self.tr("Ngoại tuyến"))
        ).guard(self).run()

    def _show_probe(self, reachable: bool | None) -> None:
        last = self.ctx.sync.last
        if reachable and last is not None and last.kind == DESK_REFUSED:
            self._show_outcome(last)
            return  # the hub answers, but the last sync said more (e.g. the token is refused)
        if reachable is None:
            self._set_server(False, self.tr("Máy chủ tỉnh: chưa kiểm tra được"))
        elif reachable:
            self._set_server(True, self.tr("Trực tuyến"))
        else:
            self._set_server(False, self.tr("Ngoại tuyến"))

    def _set_server(self, online: bool, text: str, alarm: bool = False) -> None:
        self.server.setProperty("online", online)
        # Green/grey/red dot plus words: never colour alone.
        colour = "#a61b1b" if alarm else "#1b7f3b" if online else "#6b6b6b"
        self.server.setText(f"<span style='color:{colour}'>●</span> {text}")
        self.server_shown.emit()
