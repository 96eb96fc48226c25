"""The province's console accounts: its staff, separate from the desks' tokens.

Passwords are Argon2id hashes (counter_app/passwords.py, the desks' own rule: 8+ characters,
5 failures lock the account for 15 minutes, counted atomically in the database). A session is
a random token in a cookie, stored hashed, with its own CSRF token for every form.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from counter_app import clock
from counter_app.errors import ValidationError
from counter_app.passwords import (
    LOCKOUT,
    MAX_FAILED_ATTEMPTS,
    hash_password,
    password_problem,
    verify_password,
)

from .service import token_hash
from .storage import HubStorage
from .storage_console import ConsoleUser

ROLES = ("viewer", "administrator")
SESSION_LIFETIME = timedelta(hours=8)
# Verified when the username is unknown, so an unknown name takes as long as a wrong password.
_DUMMY_HASH = hash_password("not-a-real-password")


class LoginRefused(Exception):
    """The words the login page shows (never which of name or password was wrong)."""


@dataclass(frozen=True)
class Session:
    token: str
    csrf: str
    user: ConsoleUser


def add_user(storage: HubStorage, username: str, full_name: str, password: str, role: str) -> int:
    errors = {}
    username = username.strip()
    if not username or len(username) > 64:
        errors["username"] = "cần tên đăng nhập (tối đa 64 ký tự) / a username (64 at most)"
    if role not in ROLES:
        errors["role"] = f"một trong / one of {', '.join(ROLES)}"
    if problem := password_problem(password):
        errors["password"] = problem
    if errors:
        raise ValidationError(errors)
    with storage.transaction():
        if storage.console_user(username) is not None:
            raise ValidationError({"username": f"'{username}' đã có / already exists"})
        return storage.add_console_user(
            username,
            full_name.strip() or username,
            hash_password(password),
            role,
            clock.iso(clock.now()),
        )


def log_in(storage: HubStorage, username: str, password: str) -> Session:
    now = clock.now()
    user = storage.console_user(username.strip())
    if user is None:
        verify_password(_DUMMY_HASH, password)
        raise LoginRefused("Sai tên đăng nhập hoặc mật khẩu.")
    if user.locked_until and now < clock.parse_iso(user.locked_until):
        raise LoginRefused("Tài khoản đang bị khóa vì nhập sai nhiều lần; xin thử lại sau 15 phút.")
    if not verify_password(user.password_hash, password):
        with storage.transaction():
            storage.console_login_failed(user.id, MAX_FAILED_ATTEMPTS, clock.iso(now + LOCKOUT))
        raise LoginRefused("Sai tên đăng nhập hoặc mật khẩu.")
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    with storage.transaction():
        storage.console_login_ok(user.id)
        storage.add_session(token_hash(token), user.id, csrf, clock.iso(now + SESSION_LIFETIME))
    return Session(token, csrf, user)


def session_of(storage: HubStorage, token: str) -> Session | None:
    if not token:
        return None
    found = storage.session(token_hash(token))
    if found is None:
        return None
    user, csrf, expires = found
    if clock.now() >= clock.parse_iso(expires):
        return None
    return Session(token, csrf, user)


def log_out(storage: HubStorage, token: str) -> None:
    with storage.transaction():
        storage.drop_session(token_hash(token))
