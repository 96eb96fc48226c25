"""What every command shares: the data folder, the opened counter and the acting user."""

from __future__ import annotations

import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

from ..counter import Counter
from ..errors import AuthError
from ..models import User
from ..paths import data_dir


class Context:
    def __init__(self, data_dir: str | None, username: str | None) -> None:
        self._override = data_dir
        self._username = username
        self._counter: Counter | None = None

    @property
    def data_dir(self) -> Path:
        return data_dir(self._override)

    @property
    def counter(self) -> Counter:
        if self._counter is None:
            self._counter = Counter.open(self.data_dir)
        return self._counter

    def password(self, prompt: str = "Mật khẩu / Password: ") -> str:
        env = os.environ.get("COUNTER_APP_PASSWORD")
        if env is not None:
            return env
        if not sys.stdin.isatty():
            raise AuthError("Cần mật khẩu: đặt COUNTER_APP_PASSWORD / set COUNTER_APP_PASSWORD")
        return getpass.getpass(prompt)

    def new_password(self, username: str) -> str:
        """The password for a new user: COUNTER_APP_NEW_PASSWORD, or asked twice on a terminal."""
        env = os.environ.get("COUNTER_APP_NEW_PASSWORD")
        if env is not None:
            return env
        if not sys.stdin.isatty():
            raise AuthError(
                "Cần mật khẩu mới: đặt COUNTER_APP_NEW_PASSWORD / set COUNTER_APP_NEW_PASSWORD"
            )
        first = getpass.getpass(f"Mật khẩu cho / password for {username}: ")
        if getpass.getpass("Nhập lại / again: ") != first:
            raise AuthError("Hai lần nhập không khớp / the two passwords differ")
        return first

    def username(self) -> str:
        username = self._username or os.environ.get("COUNTER_APP_USER")
        if not username:
            raise AuthError("Cần --user hoặc COUNTER_APP_USER / give --user or COUNTER_APP_USER")
        self.counter.office()
        return username

    def actor(self) -> User:
        """The user a changing command acts as, after checking the password."""
        user = self.counter.accounts.login(self.username(), self.password())
        if user.must_change_password:
            raise AuthError(
                "Mật khẩu đã được đặt lại: đổi trước bằng 'counter-app user passwd' / your "
                "password was reset: change it first with 'counter-app user passwd'"
            )
        return user

    def close(self) -> None:
        if self._counter is not None:
            self._counter.close()


def emit_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
