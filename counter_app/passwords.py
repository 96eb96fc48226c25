"""Password hashing (Argon2id, memory-hard) and the lockout rule."""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING

from counter_app.i18n import _

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


# Passwords a colleague would guess first; compared without case and separators.
_COMMON = frozenset(
    {
        "12345678",
        "123456789",
        "1234567890",
        "87654321",
        "11111111",
        "00000000",
        "password",
        "password1",
        "matkhau",
        "motcua123",
        "admin123",
        "qwerty123",
        "abc12345",
        "abcd1234",
        "12345678a",
        "a12345678",
    }
)


def password_problem(password: str, username: str = "") -> str | None:
    """The minimum strength of a new password: long enough, of two kinds of characters
    (letters, digits, others), not the user name itself and not a password everyone tries."""
    if len(password) < MIN_LENGTH:
        return _("mật khẩu cần ít nhất {MIN_LENGTH} ký tự").format(MIN_LENGTH=MIN_LENGTH)
    kinds = {"letter" if c.isalpha() else "digit" if c.isdigit() else "other" for c in password}
    if len(kinds) < 2:
        return _("mật khẩu cần cả chữ và số (hoặc ký hiệu)")
    bare = "".join(c for c in _nfc(password).casefold() if c.isalnum())
    name = "".join(c for c in _nfc(username).casefold() if c.isalnum())
    if bare in _COMMON or bare == name:
        return _("mật khẩu quá dễ đoán")
    return None


def is_locked(locked_until: datetime | None, now: datetime) -> bool:
    return locked_until is not None and now < locked_until
