"""Words for the core's codes (statuses), in the app's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from counter_app.lifecycle import Status

from .i18n import QT_TRANSLATE_NOOP

STATUS_LABELS: dict[Status, str] = {
    Status.RECEIVED: QT_TRANSLATE_NOOP("Status", "Đã tiếp nhận"),
    Status.PROCESSING: QT_TRANSLATE_NOOP("Status", "Đang xử lý"),
    Status.SUPPLEMENT_REQUESTED: QT_TRANSLATE_NOOP("Status", "Yêu cầu bổ sung"),
    Status.PAYMENT_REQUESTED: QT_TRANSLATE_NOOP("Status", "Yêu cầu thực hiện nghĩa vụ tài chính"),
    Status.RESULT_READY: QT_TRANSLATE_NOOP("Status", "Đã có kết quả"),
    Status.RETURNED: QT_TRANSLATE_NOOP("Status", "Đã trả kết quả"),
    Status.REFUSED: QT_TRANSLATE_NOOP("Status", "Từ chối tiếp nhận"),
    Status.WITHDRAWN: QT_TRANSLATE_NOOP("Status", "Công dân rút hồ sơ"),
    Status.STOPPED: QT_TRANSLATE_NOOP("Status", "Dừng xử lý"),
}


def status_label(status: Status) -> str:
    return QCoreApplication.translate("Status", STATUS_LABELS[status])
