"""Typed core errors turned into words in one place; a global hook that logs and shows.

Nothing here swallows an error: every unexpected exception is written to the log file with its
trace and shown to the clerk in plain words.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import traceback
from io import TextIOWrapper
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, QThread
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from counter_app.errors import (
    AuthError,
    CounterError,
    NotConfigured,
    NotFound,
    PermissionDenied,
    StorageError,
    TransitionError,
    ValidationError,
)

from .i18n import QT_TRANSLATE_NOOP, pick

log = logging.getLogger("ui")

# Field names of ValidationError.errors shown to clerks, in the app's words.
FIELD_LABELS = {
    "full_name": QT_TRANSLATE_NOOP("errors", "Họ tên"),
    "id_number": QT_TRANSLATE_NOOP("errors", "Số định danh"),
    "phone": QT_TRANSLATE_NOOP("errors", "Số điện thoại"),
    "address": QT_TRANSLATE_NOOP("errors", "Địa chỉ"),
    "email": QT_TRANSLATE_NOOP("errors", "Email"),
    "birth_date": QT_TRANSLATE_NOOP("errors", "Ngày sinh"),
    "gender": QT_TRANSLATE_NOOP("errors", "Giới tính"),
    "procedure": QT_TRANSLATE_NOOP("errors", "Thủ tục"),
    "documents": QT_TRANSLATE_NOOP("errors", "Giấy tờ"),
    "sets": QT_TRANSLATE_NOOP("errors", "Số bộ"),
    "reason": QT_TRANSLATE_NOOP("errors", "Lý do"),
    "to_person": QT_TRANSLATE_NOOP("errors", "Người nhận"),
    "username": QT_TRANSLATE_NOOP("errors", "Tên đăng nhập"),
    "password": QT_TRANSLATE_NOOP("errors", "Mật khẩu"),
    "agency_code": QT_TRANSLATE_NOOP("errors", "Mã cơ quan"),
    "office_name": QT_TRANSLATE_NOOP("errors", "Tên cơ quan"),
    "form_heading": QT_TRANSLATE_NOOP("errors", "Tên in ở đầu mẫu biểu"),
    "owner_id_number": QT_TRANSLATE_NOOP("errors", "Số định danh chủ hồ sơ"),
    "notes": QT_TRANSLATE_NOOP("errors", "Ghi chú"),
    "qr": QT_TRANSLATE_NOOP("errors", "Mã QR"),
    "province_code": QT_TRANSLATE_NOOP("errors", "Mã tỉnh"),
    "commune_code": QT_TRANSLATE_NOOP("errors", "Mã xã/phường"),
    "desk_name": QT_TRANSLATE_NOOP("errors", "Tên quầy"),
    "desk_number": QT_TRANSLATE_NOOP("errors", "Số quầy"),
    "server": QT_TRANSLATE_NOOP("errors", "Địa chỉ máy chủ"),
    "token": QT_TRANSLATE_NOOP("errors", "Mã truy cập"),
    "new_password": QT_TRANSLATE_NOOP("errors", "Mật khẩu mới"),
    "file": QT_TRANSLATE_NOOP("errors", "Tệp"),
    "idle_lock_minutes": QT_TRANSLATE_NOOP("errors", "Khóa màn hình sau"),
}


# Dialog titles by error type, most specific first; the first isinstance match wins.
TITLES: tuple[tuple[type[BaseException], str], ...] = (
    (ValidationError, QT_TRANSLATE_NOOP("errors", "Thông tin chưa hợp lệ")),
    (AuthError, QT_TRANSLATE_NOOP("errors", "Không đăng nhập được")),
    (PermissionDenied, QT_TRANSLATE_NOOP("errors", "Không có quyền")),
    (NotFound, QT_TRANSLATE_NOOP("errors", "Không tìm thấy")),
    (TransitionError, QT_TRANSLATE_NOOP("errors", "Không chuyển được trạng thái")),
    (NotConfigured, QT_TRANSLATE_NOOP("errors", "Quầy chưa được thiết lập")),
    (StorageError, QT_TRANSLATE_NOOP("errors", "Lỗi cơ sở dữ liệu")),
    (CounterError, QT_TRANSLATE_NOOP("errors", "Không thực hiện được")),
    (OSError, QT_TRANSLATE_NOOP("errors", "Lỗi tệp hoặc thiết bị")),
)


def title_for(exc: BaseException) -> str:
    title = next(
        (text for kind, text in TITLES if isinstance(exc, kind)),
        QT_TRANSLATE_NOOP("errors", "Lỗi không mong đợi"),
    )
    return QCoreApplication.translate("errors", title)


def field_label(field: str) -> str:
    return QCoreApplication.translate("errors", FIELD_LABELS.get(field, field))


def user_message(exc: BaseException) -> str:
    """What the clerk reads. Core errors carry their own words; anything else is a bug."""
    if isinstance(exc, ValidationError):
        return "\n".join(f"{field_label(f)}: {pick(m)}" for f, m in exc.errors.items())
    if isinstance(exc, CounterError):
        return pick(str(exc))
    if isinstance(exc, PermissionError):
        return QCoreApplication.translate("errors", "Không có quyền ghi/đọc tệp: {0}").format(
            exc.filename or exc
        )
    if isinstance(exc, OSError):
        return QCoreApplication.translate("errors", "Không ghi/đọc được: {0}").format(
            exc.strerror or exc
        )
    return QCoreApplication.translate(
        "errors",
        "Đã xảy ra lỗi không mong đợi ({0}). Chi tiết đã được ghi vào nhật ký; hãy báo cho bộ phận kỹ thuật.",
    ).format(type(exc).__name__)


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Log (with a trace unless it is an ordinary core refusal) and show a message box."""
    if not isinstance(exc, CounterError):
        log.error("unexpected error", exc_info=exc)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title_for(exc))
    box.setText(user_message(exc))
    box.setObjectName("errorBox")
    box.open()


def report_unhandled(exc: BaseException, guard: QObject | None = None) -> None:
    parent = guard if isinstance(guard, QWidget) else QApplication.activeWindow()
    show_error(parent, exc)


def _hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    log.critical("uncaught exception:\n%s", "".join(traceback.format_exception(kind, exc, tb)))
    app = QApplication.instance()
    on_gui_thread = app is not None and QThread.currentThread() is app.thread()
    if on_gui_thread:
        show_error(QApplication.activeWindow(), exc)


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None:
        _hook(args.exc_type, args.exc_value, args.exc_traceback)


class _PrivateLogFile(RotatingFileHandler):
    """The log names users and dossier codes: its files are the owner's only (0600), also the
    ones opened after a rollover and one an older version left readable."""

    def _open(self) -> TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_CREAT | os.O_APPEND | os.O_WRONLY, 0o600)
        if os.name == "posix":
            os.fchmod(fd, 0o600)
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)


def install_excepthook(log_dir: Path | None) -> None:
    """Every uncaught exception is logged (file + stderr) and shown; none is swallowed."""
    if log_dir is not None:
        log_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.name == "posix":
            os.chmod(log_dir, 0o700)  # a folder made by an older version was 0755
        handler = _PrivateLogFile(
            log_dir / "app.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)
    sys.excepthook = _hook
    threading.excepthook = _thread_hook
