"""The status bar: server reachability, changes waiting to sync, last sync, signed-in user.

Everything is read through the workers; a timer and every data change refresh it.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from . import operations as ops
from .context import AppContext
from .formatting import fmt_datetime

REFRESH_MS = 15_000


class CounterStatusBar(QStatusBar):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("statusBar")
        self.server = self._label("statusServer")
        self.pending = self._label("statusPending")
        self.last_sync = self._label("statusLastSync")
        self.user = self._label("statusUser")
        self.server.setText(self.tr("Máy chủ tỉnh: đang kiểm tra…"))
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        ctx.changed.connect(self._on_changed)
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

    def _show(self, snap: ops.StatusSnapshot) -> None:
        self.pending.setText(self.tr("Chờ đồng bộ: {0}").format(snap.pending))
        when = fmt_datetime(snap.last_sync_at) if snap.last_sync_at else self.tr("chưa có")
        self.last_sync.setText(self.tr("Đồng bộ lần cuối: {0}").format(when))
        if snap.server_url is None:
            self._set_server(False, self.tr("Ngoại tuyến — chưa cấu hình máy chủ tỉnh"))
            return
        ops.probe_server(self.ctx, url=snap.server_url).success(self._show_probe).failure(
            lambda _exc: self._set_server(False, self.tr("Ngoại tuyến"))
        ).guard(self).run()

    def _show_probe(self, reachable: bool | None) -> None:
        if reachable is None:
            self._set_server(False, self.tr("Máy chủ tỉnh: chưa kiểm tra được"))
        elif reachable:
            self._set_server(True, self.tr("Trực tuyến"))
        else:
            self._set_server(False, self.tr("Ngoại tuyến"))

    def _set_server(self, online: bool, text: str) -> None:
        self.server.setProperty("online", online)
        # Green/grey dot plus words: never colour alone.
        colour = "#1b7f3b" if online else "#6b6b6b"
        self.server.setText(f"<span style='color:{colour}'>●</span> {text}")
