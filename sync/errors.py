"""Sync's errors, all CounterErrors so the CLI and the UI put them into words the usual way."""

from __future__ import annotations

from counter_app.errors import CounterError


class SyncError(CounterError):
    """The sync could not finish; the message says why, for a supervisor."""


class HubUnreachable(SyncError):
    """No answer from the hub (network down, timeout, connection cut)."""


class HubRefused(SyncError):
    """The hub answered with an error (bad token, bad request, server error)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status
