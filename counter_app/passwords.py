"""Password hashing (Argon2id, memory-hard) and the lockout rule."""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argon2 import PasswordHasher

MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=15)
MIN_LENGTH = 8


@cache
def _hasher() -> PasswordHasher:
    """Made at the first password checked: argon2's import would otherwise be paid by every
    start of the app before its first window."""
    from argon2 import PasswordHasher

    # 64 MiB and 2 passes: about 50 ms on an office PC, costly for anyone copying the file.
    return PasswordHasher(time_cost=2, memory_cost=64 * 1024, parallelism=1)


def hash_password(password: str) -> str:
    return _hasher().hash(_nfc(password))


def verify_password(password_hash: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(password_hash, _nfc(password))
    except (VerificationError, InvalidHashError):
        return False


def _nfc(password: str) -> str:
    """A Vietnamese password must work whichever keyboard (composed or decomposed) types it.
    Not stripped: spaces are part of a password."""
    return unicodedata.normalize("NFC", password)


def password_problem(password: str) -> str | None:
    if len(password) < MIN_LENGTH:
        return f"mật khẩu cần ít nhất {MIN_LENGTH} ký tự / password needs {MIN_LENGTH}+ characters"
    return None


def is_locked(locked_until: datetime | None, now: datetime) -> bool:
    return locked_until is not None and now < locked_until
