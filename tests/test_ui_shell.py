"""The shell: worker, operations, error words, the main window and its role limits."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from counter_app.errors import ValidationError
from ui.context import AppContext
from ui.errors import user_message
from ui.main_window import MainWindow


def test_worker_runs_jobs_on_its_own_thread_and_reports_back(
    app_ctx: AppContext, qtbot: QtBot
) -> None:
    import threading

    got: dict[str, Any] = {}

    def job(c: Any) -> tuple[str, str]:
        return c.office().name, threading.current_thread().name

    with qtbot.waitSignal(app_ctx.db.job_finished):
        app_ctx.op(job).success(lambda v: got.setdefault("ok", v)).run()
    assert got["ok"][0] == "UBND phường Bến Nghé"
    assert got["ok"][1] != threading.main_thread().name

    with qtbot.waitSignal(app_ctx.db.job_finished):
        app_ctx.op(lambda c: c.dossiers.get("NO-SUCH")).failure(
            lambda e: got.setdefault("err", e)
        ).run()
    assert "no dossier" not in user_message(got["err"])  # Vietnamese half by default
    assert "NO-SUCH" in user_message(got["err"])


def test_validation_errors_are_named_by_field_in_words() -> None:
    exc = ValidationError({"phone": "số điện thoại không hợp lệ / invalid phone"})
    assert user_message(exc) == "Số điện thoại: số điện thoại không hợp lệ"


def test_clerk_sees_no_supervisor_pages(app_ctx: AppContext, qtbot: QtBot) -> None:
    window = MainWindow(app_ctx)
    qtbot.addWidget(window)
    assert window.page_keys() == ["intake", "dossiers", "returns"]
    assert window.windowTitle() == "Một Cửa — UBND phường Bến Nghé"
    labels = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert labels == ["Tiếp nhận", "Hồ sơ", "Trả kết quả"]


def test_supervisor_sees_every_page_and_the_status_bar(
    supervisor_ctx: AppContext, qtbot: QtBot
) -> None:
    window = MainWindow(supervisor_ctx)
    qtbot.addWidget(window)
    assert window.page_keys() == ["intake", "dossiers", "returns", "sync", "reports", "admin"]
    qtbot.waitUntil(lambda: window.status.pending.text() != "")
    assert window.status.pending.text() == "Chờ đồng bộ: 0"
    assert "chưa cấu hình máy chủ tỉnh" in window.status.server.text()
    assert "Nguyễn Thị Lan" in window.status.user.text()


def test_long_job_reports_progress_and_stops_on_cancel(app_ctx: AppContext, qtbot: QtBot) -> None:
    import threading

    from PySide6.QtWidgets import QWidget

    from ui.widgets.progress import run_with_progress
    from ui.worker import Task

    release = threading.Event()
    results: list[str] = []

    def job(_counter: Any, task: Task) -> str:
        task.progress(1, 3, "một")
        release.wait(10)  # held until the test has pressed Cancel
        task.check()
        return "finished"

    parent = QWidget()
    qtbot.addWidget(parent)
    op = app_ctx.task_op(job).success(results.append)
    task = run_with_progress(parent, op, "Đang chạy")
    qtbot.waitUntil(lambda: task.id > 0 and app_ctx.db.pending() == 1)
    task.cancel()
    with qtbot.waitSignal(app_ctx.db.job_finished):
        release.set()
    assert results == []  # cancelled: no success, and no error box either
    assert task.cancelled()


def test_emitting_signals_cannot_exhaust_the_true_singleton() -> None:
    """PySide6 6.12's emit() drops a reference of True each time; ui.qtfix guards against it,
    otherwise a long day of signals ends in 'bool_dealloc' abort at exit."""
    import sys

    from ui import qtfix

    assert sys.getrefcount(True) > 1_000_000_000 or not qtfix.emit_leaks_bools()


def test_page_specs_match_the_page_modules() -> None:
    """The window lists pages from PAGE_SPECS without importing them; the specs must agree."""
    from ui.pages import PAGE_SPECS

    for spec in PAGE_SPECS:
        cls = spec.load()
        expected = (spec.key, spec.title, spec.supervisor_only)
        assert expected == (cls.KEY, cls.TITLE, cls.SUPERVISOR_ONLY), spec.module
        assert cls.__module__ == f"ui.pages.{spec.module}"
