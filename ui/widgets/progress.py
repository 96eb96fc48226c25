"""Long work with a progress bar and a Cancel button (cooperative: the job checks its Task)."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..operations import Op
from ..worker import Cancelled, Task

T = TypeVar("T")


def run_with_progress(parent: QWidget, op: Op[T], title: str) -> Task:
    """Show a window-modal progress dialog while `op` runs; Cancel asks the job to stop.

    The op's own success/failure callbacks still run; a cancelled job fails with
    worker.Cancelled, which is not reported as an error.
    """
    dialog = QProgressDialog(title, QCoreApplication.translate("Progress", "Hủy"), 0, 0, parent)
    dialog.setObjectName("progressDialog")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    previous_success, previous_failure = op._success, op._failure

    def on_progress(done: int, total: int, text: str) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(done)
        if text:
            dialog.setLabelText(text)

    def on_success(value: T) -> None:
        dialog.reset()
        if previous_success is not None:
            previous_success(value)

    def on_failure(exc: BaseException) -> None:
        dialog.reset()
        if isinstance(exc, Cancelled):
            return
        if previous_failure is not None:
            previous_failure(exc)
        else:
            from ..errors import show_error

            show_error(parent, exc)

    task = op.progress(on_progress).success(on_success).failure(on_failure).run()
    dialog.canceled.connect(task.cancel)
    return task
