"""The dossier life cycle: our status names, the legal transitions, the national status codes."""

from __future__ import annotations

from enum import StrEnum

from counter_app.i18n import _

from .errors import TransitionError


class Status(StrEnum):
    RECEIVED = "received"
    PROCESSING = "processing"
    SUPPLEMENT_REQUESTED = "supplement_requested"
    PAYMENT_REQUESTED = "payment_requested"
    RESULT_READY = "result_ready"
    RETURNED = "returned"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"
    STOPPED = "stopped"


# Outward mapping to TrangThaiHoSo; code 1 (registered online, not yet received) has no
# counter-side status because a dossier exists here only once it is received or refused.
NATIONAL_CODE: dict[Status, int] = {
    Status.RECEIVED: 2,
    Status.REFUSED: 3,
    Status.PROCESSING: 4,
    Status.SUPPLEMENT_REQUESTED: 5,
    Status.PAYMENT_REQUESTED: 6,
    Status.WITHDRAWN: 7,
    Status.STOPPED: 8,
    Status.RESULT_READY: 9,
    Status.RETURNED: 10,
}
FROM_NATIONAL_CODE: dict[int, Status] = {code: status for status, code in NATIONAL_CODE.items()}

# The satisfaction scale of the return desk and of the hub's page (the national survey's three
# levels), keyed by dossier.
SATISFACTION_LEVELS = ("rat_hai_long", "hai_long", "khong_hai_long")

LABEL_VI: dict[Status, str] = {
    Status.RECEIVED: "Đã tiếp nhận",
    Status.PROCESSING: "Đang xử lý",
    Status.SUPPLEMENT_REQUESTED: "Yêu cầu bổ sung",
    Status.PAYMENT_REQUESTED: "Yêu cầu thực hiện nghĩa vụ tài chính",
    Status.RESULT_READY: "Đã có kết quả",
    Status.RETURNED: "Đã trả kết quả",
    Status.REFUSED: "Từ chối tiếp nhận",
    Status.WITHDRAWN: "Công dân rút hồ sơ",
    Status.STOPPED: "Dừng xử lý",
}

_ENDINGS = {Status.REFUSED, Status.WITHDRAWN, Status.STOPPED}
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.RECEIVED: frozenset(
        {
            Status.PROCESSING,
            Status.SUPPLEMENT_REQUESTED,
            Status.PAYMENT_REQUESTED,
            Status.RESULT_READY,
        }
        | _ENDINGS
    ),
    Status.PROCESSING: frozenset(
        {Status.SUPPLEMENT_REQUESTED, Status.PAYMENT_REQUESTED, Status.RESULT_READY} | _ENDINGS
    ),
    Status.SUPPLEMENT_REQUESTED: frozenset({Status.PROCESSING} | _ENDINGS),
    Status.PAYMENT_REQUESTED: frozenset({Status.PROCESSING, Status.RESULT_READY} | _ENDINGS),
    Status.RESULT_READY: frozenset({Status.RETURNED}),
    Status.RETURNED: frozenset(),
    Status.REFUSED: frozenset(),
    Status.WITHDRAWN: frozenset(),
    Status.STOPPED: frozenset(),
}

FINAL = frozenset(s for s, nxt in TRANSITIONS.items() if not nxt)
# Statuses after which a dossier has no due date any more.
WITHOUT_DUE_DATE = frozenset(_ENDINGS)


def parse_status(value: str) -> Status:
    """Accept our names and the national codes 1–10 (as the province hub does)."""
    value = value.strip()
    # isdigit() is true of "²" and other digits int() refuses: ASCII digits only.
    if value.isascii() and value.isdigit() and int(value) in FROM_NATIONAL_CODE:
        return FROM_NATIONAL_CODE[int(value)]
    try:
        return Status(value)
    except ValueError:
        names = ", ".join(s.value for s in Status)
        raise TransitionError(
            _("trạng thái không hợp lệ {value!a} (một trong: {names})").format(
                value=value[:40], names=names
            )
        ) from None


def check_transition(old: Status, new: Status) -> None:
    if new not in TRANSITIONS[old]:
        allowed = ", ".join(sorted(s.value for s in TRANSITIONS[old])) or "none (final status)"
        raise TransitionError(
            _("không thể chuyển hồ sơ từ '{value}' sang '{value2}'").format(
                value=old.value, value2=new.value, allowed=allowed
            )
        )
