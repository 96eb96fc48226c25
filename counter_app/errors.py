"""The core's typed errors. The UI and the CLI turn them into words in one place each."""

from __future__ import annotations


class CounterError(Exception):
    """Base of every error the core raises on purpose; its message is fit for a user."""


class ValidationError(CounterError):
    """Bad input: one message per offending field. Nothing was written."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{field}: {msg}" for field, msg in self.errors.items()))


class NotFound(CounterError):
    pass


class TransitionError(CounterError):
    """A status change that the dossier life cycle does not allow."""


class AuthError(CounterError):
    """Wrong user or password, a disabled user, or a locked account."""


class PermissionDenied(CounterError):
    """The user's role does not allow the action."""


class StorageError(CounterError):
    """The database cannot be used as it is (newer version, corrupt, not set up)."""


class NotConfigured(CounterError):
    """The counter has no office yet: run setup first."""


class InvalidReceipt(CounterError):
    """A scanned receipt payload that does not verify; `reason` is tampered, unknown_desk or
    malformed, so the return desk can say which."""

    def __init__(self, reason: str, message: str) -> None:
        self.reason = reason
        super().__init__(message)
