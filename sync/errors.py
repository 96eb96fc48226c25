"""Sync's errors, all CounterErrors so the CLI and the UI put them into words the usual way."""

from __future__ import annotations

from counter_app.errors import CounterError
from counter_app.i18n import N_


class SyncError(CounterError):
    """The sync could not finish; the message says why, for a supervisor."""


class HubUnreachable(SyncError):
    """No answer from the hub (network down, timeout, connection cut)."""


class HubRefused(SyncError):
    """The hub answered with an error (bad token, bad request, server error)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class ChainRefused(HubRefused):
    """The hub holds this desk's event chain and the push does not continue it (409): this
    desk's history was changed after it was sent, its head is not signed by its key, or the
    database is an older copy put back by hand. `head` is the head the hub holds, as it said."""

    def __init__(self, message: str, status: int, head: object = None) -> None:
        super().__init__(message, status)
        self.head = head


# Whose problem a failed run is, for the words the desk shows (the engine's SyncResult.problem).
UNREACHABLE = "unreachable"  # network or hub down: nobody at the desk has to do anything
DESK_REFUSED = "desk_refused"  # the hub does not accept this desk's token: enrol it again
HUB_ERROR = "hub_error"  # the hub answered with an error of its own: the province's technicians
REJECTED = "rejected"  # the hub judged some records and refused them: those dossiers

# Marked, not translated: each use passes them through `_()` in the language of the moment.
WORDS = {
    UNREACHABLE: N_("Mạng/máy chủ tỉnh không trả lời — sẽ tự thử lại"),
    DESK_REFUSED: N_("Máy chủ tỉnh không nhận mã của quầy này — cần đăng ký lại quầy"),
    HUB_ERROR: N_("Máy chủ tỉnh đang gặp lỗi — sẽ tự thử lại; nếu kéo dài, báo kỹ thuật của tỉnh"),
}


def problem_of(exc: SyncError) -> str:
    """Which of the kinds above an exception that stopped a run is."""
    if isinstance(exc, HubUnreachable):
        return UNREACHABLE
    if isinstance(exc, HubRefused) and exc.status in (401, 403):
        return DESK_REFUSED
    return HUB_ERROR
