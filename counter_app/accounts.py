"""Users and their passwords: login with lockout, password change and reset, unlock,
enable/disable. Counter hands it out as `counter.accounts`; who may do what is in roles.py.

The failure count is kept by SQLite inside one write transaction (UserTable.add_failure), so
wrong passwords typed at the same time on two desks, or by a script, all count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING

from counter_app.i18n import _

from . import clock, passwords
from .errors import AuthError, NotFound, ValidationError
from .models import Role, User
from .roles import Action, require
from .text import nfc

if TYPE_CHECKING:
    from .store import Store

DEFAULT_IDLE_LOCK_MINUTES = 10
IDLE_LOCK_RANGE = (1, 240)
_IDLE_SETTING = "setting.idle_lock_minutes"


@dataclass(frozen=True)
class Account:
    """A user as the supervisor's list shows it."""

    user: User
    locked_until: datetime | None  # only while the lock still holds


def _wrong() -> AuthError:
    return AuthError(_("Sai tên đăng nhập hoặc mật khẩu"))


def _locked(until: datetime) -> AuthError:
    return AuthError(
        _(
            "Tài khoản bị khóa đến {until:%H:%M} sau {MAX_FAILED_ATTEMPTS} lần sai; lãnh đạo có thể mở khóa ở trang Quản trị"
        ).format(until=until, MAX_FAILED_ATTEMPTS=passwords.MAX_FAILED_ATTEMPTS)
    )


def _last_try() -> AuthError:
    minutes = int(passwords.LOCKOUT.total_seconds() // 60)
    return AuthError(
        _(
            "Sai tên đăng nhập hoặc mật khẩu. Còn 1 lần thử: sai lần nữa tài khoản sẽ bị khóa {minutes} phút"
        ).format(minutes=minutes)
    )


def username_problem(username: str) -> str | None:
    if not username or not username.replace(".", "").replace("_", "").isalnum():
        return _("tên đăng nhập chỉ gồm chữ, số, '.', '_'")
    if len(username) > 64:
        return _("tên đăng nhập tối đa 64 ký tự")
    return None


def new_user_problems(username: str, full_name: str, password: str, again: str) -> dict[str, str]:
    """What is wrong with a new user as typed (no database needed: the wizard asks too)."""
    errors = {}
    if problem := username_problem(nfc(username)):
        errors["username"] = problem
    if not nfc(full_name):
        errors["full_name"] = _("họ tên không được để trống")
    if problem := new_password_problem(nfc(username), password, again):
        errors["password"] = problem
    return errors


def new_password_problem(username: str, password: str, again: str) -> str | None:
    if password != again:
        return _("hai lần nhập mật khẩu không khớp")
    return passwords.password_problem(password, username)


class Accounts:
    def __init__(self, store: Store) -> None:
        self._store = store

    # --- login ---------------------------------------------------------------------------

    def login(self, username: str, password: str) -> User:
        """The user, or AuthError in words: wrong password (with a warning before the last
        try), locked until HH:MM, or disabled. A user whose password was reset logs in with
        must_change_password set; the app and the CLI then ask for a new one."""
        username = nfc(username)
        now = clock.now()
        state = self._store.users.login_state(username)
        user = self._store.users.get(username)
        if state is None or user is None:
            # As slow as a known user's check, so timing does not tell which names exist.
            passwords.verify_password(_unknown_user_hash(), password)
            raise _wrong()
        if until := _lock_holds(state.locked_until, now):
            raise _locked(until)
        if not user.active:
            raise AuthError(_("Tài khoản đã bị vô hiệu hóa"))
        if not passwords.verify_password(state.password_hash, password):
            self._fail(username, now)
        with self._store.write():
            # Read again under the write lock: a parallel wrong password may have locked it.
            state = self._store.users.login_state(username)
            assert state is not None
            if until := _lock_holds(state.locked_until, now):
                raise _locked(until)
            if state.failed_attempts or state.locked_until:
                self._store.users.clear_failures(username)
        return user

    def _fail(self, username: str, now: datetime) -> None:
        until = None
        with self._store.write():
            count = self._store.users.add_failure(username)
            if count >= passwords.MAX_FAILED_ATTEMPTS:
                until = now + passwords.LOCKOUT
                self._store.users.lock(username, clock.iso(until))
        if until is not None:
            raise _locked(until)
        if count == passwords.MAX_FAILED_ATTEMPTS - 1:
            raise _last_try()
        raise _wrong()

    # --- users ---------------------------------------------------------------------------

    def users(self) -> list[User]:
        return self._store.users.all()

    def listing(self) -> list[Account]:
        """Every user with the lock that still holds, for the supervisor's list."""
        now, locks = clock.now(), self._store.users.locks()
        return [Account(u, _lock_holds(locks.get(u.username), now)) for u in self.users()]

    def add(self, actor: User, username: str, full_name: str, role: Role, password: str) -> User:
        require(actor, Action.MANAGE_USERS)
        return self.add_first(username, full_name, role, password)

    def add_first(self, username: str, full_name: str, role: Role, password: str) -> User:
        """Without an actor: the first supervisor at setup (and the demo's clerk)."""
        username = nfc(username)
        errors = new_user_problems(username, full_name, password, password)
        if "username" not in errors and self._store.users.get(username) is not None:
            errors["username"] = _("'{username}' đã tồn tại").format(username=username)
        if errors:
            raise ValidationError(errors)
        user = User(username=username, full_name=nfc(full_name), role=role)
        with self._store.write():
            self._store.users.add(user, passwords.hash_password(password), clock.iso(clock.now()))
        return user

    def disable(self, actor: User, username: str) -> None:
        username = self._other_user(actor, username)
        if username == actor.username:
            raise ValidationError({"username": _("không thể tự khóa mình")})
        with self._store.write():
            self._store.users.set_active(username, False)

    def enable(self, actor: User, username: str) -> None:
        username = self._other_user(actor, username)
        with self._store.write():
            self._store.users.set_active(username, True)

    def unlock(self, actor: User, username: str) -> None:
        """Lifts a lockout after wrong passwords (and forgets the failures so far)."""
        username = self._other_user(actor, username)
        with self._store.write():
            self._store.users.clear_failures(username)

    # --- passwords -----------------------------------------------------------------------

    def change_password(self, username: str, old: str, new: str, again: str) -> User:
        """One's own password: the old one is checked like a login (a wrong one counts
        towards the lockout), the new one typed twice and strong enough."""
        user = self.login(username, old)
        if problem := new_password_problem(user.username, new, again):
            raise ValidationError({"new_password": problem})
        if new == old:
            raise ValidationError({"new_password": _("mật khẩu mới phải khác mật khẩu cũ")})
        with self._store.write():
            self._store.users.set_password_hash(
                user.username, passwords.hash_password(new), must_change=False
            )
        changed = self._store.users.get(user.username)
        assert changed is not None
        return changed

    def reset_password(self, actor: User, username: str, new: str, again: str) -> None:
        """A supervisor gives a user a temporary password, to be changed at next login; the
        account is unlocked too, since that is why a reset is usually asked for."""
        username = self._other_user(actor, username)
        if username == actor.username:
            raise ValidationError({"username": _("đổi mật khẩu của mình bằng 'Đổi mật khẩu'")})
        if problem := new_password_problem(username, new, again):
            raise ValidationError({"new_password": problem})
        with self._store.write():
            self._store.users.set_password_hash(
                username, passwords.hash_password(new), must_change=True
            )
            self._store.users.clear_failures(username)

    # --- the idle lock of the desktop app ------------------------------------------------

    def idle_lock_minutes(self) -> int:
        value = self._store.meta.get(_IDLE_SETTING, DEFAULT_IDLE_LOCK_MINUTES)
        return int(value)

    def set_idle_lock_minutes(self, actor: User, minutes: int) -> None:
        require(actor, Action.CHANGE_SETTINGS)
        low, high = IDLE_LOCK_RANGE
        if not low <= minutes <= high:
            raise ValidationError(
                {"idle_lock_minutes": _("từ {low} đến {high} phút").format(low=low, high=high)}
            )
        with self._store.write():
            self._store.meta.set(_IDLE_SETTING, minutes)

    def _other_user(self, actor: User, username: str) -> str:
        require(actor, Action.MANAGE_USERS)
        username = nfc(username)
        if self._store.users.get(username) is None:
            raise NotFound(_("không có người dùng '{username}'").format(username=username))
        return username


@cache
def _unknown_user_hash() -> str:
    return passwords.hash_password("no user has this password")


def _lock_holds(locked_until: str | None, now: datetime) -> datetime | None:
    if not locked_until:
        return None
    until = clock.parse_iso(locked_until)
    return until if now < until else None
