"""What every command shares: the data folder, the opened counter and the acting user."""

from __future__ import annotations

import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

from counter_app.i18n import _

from ..counter import Counter
from ..errors import AuthError, ValidationError
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

    def password(self, prompt: str | None = None) -> str:
        env = os.environ.get("COUNTER_APP_PASSWORD")
        if env is not None:
            return env
        if not sys.stdin.isatty():
            raise AuthError(_("Cần mật khẩu: đặt COUNTER_APP_PASSWORD"))
        return getpass.getpass(_("Mật khẩu: ") if prompt is None else prompt)

    def new_password(self, username: str) -> str:
        """The password for a new user: COUNTER_APP_NEW_PASSWORD, or asked twice on a terminal."""
        env = os.environ.get("COUNTER_APP_NEW_PASSWORD")
        if env is not None:
            return env
        if not sys.stdin.isatty():
            raise AuthError(_("Cần mật khẩu mới: đặt COUNTER_APP_NEW_PASSWORD"))
        first = getpass.getpass(_("Mật khẩu cho {username}: ").format(username=username))
        if getpass.getpass(_("Nhập lại: ")) != first:
            raise AuthError(_("Hai lần nhập không khớp"))
        return first

    def backup_passphrase(self, twice: bool) -> str:
        """COUNTER_APP_BACKUP_PASSPHRASE, or asked on a terminal (twice when setting it)."""
        env = os.environ.get("COUNTER_APP_BACKUP_PASSPHRASE")
        if env is not None:
            return env
        if not sys.stdin.isatty():
            raise AuthError(_("Cần mật khẩu sao lưu: đặt COUNTER_APP_BACKUP_PASSPHRASE"))
        first = getpass.getpass(_("Mật khẩu sao lưu: "))
        if twice and getpass.getpass(_("Nhập lại: ")) != first:
            raise AuthError(_("Hai lần nhập không khớp"))
        return first

    def username(self) -> str:
        username = self._username or os.environ.get("COUNTER_APP_USER")
        if not username:
            raise AuthError(_("Cần --user hoặc COUNTER_APP_USER"))
        self.counter.office()
        return username

    def actor(self) -> User:
        """The user a changing command acts as, after checking the password."""
        user = self.counter.accounts.login(self.username(), self.password())
        if user.must_change_password:
            raise AuthError(_("Mật khẩu đã được đặt lại: đổi trước bằng 'counter-app user passwd'"))
        return user

    def close(self) -> None:
        if self._counter is not None:
            self._counter.close()


def emit_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def add_token_options(parser: Any, required: bool) -> None:
    """--token TOKEN, or --token-file FILE ('-': standard input): a token on the command line
    is seen by every local user (ps, shell history), so the file is the way to prefer."""
    group = parser.add_mutually_exclusive_group(required=required)
    group.add_argument("--token", help="printed by 'province-hub enroll' (prefer --token-file)")
    group.add_argument(
        "--token-file",
        metavar="FILE",
        help="read the token from FILE, or from standard input with '-'",
    )


def read_token(args: Any) -> str | None:
    if getattr(args, "token_file", None) is None:
        token: str | None = args.token
        return token
    try:
        if args.token_file == "-":
            text = sys.stdin.readline()
        else:
            text = Path(args.token_file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError(
            {"token": _("không đọc được tệp mã truy cập: {exc}").format(exc=exc)}
        ) from None
    token = text.strip()
    if not token or not token.isprintable():
        raise ValidationError({"token": _("tệp mã truy cập trống")})
    return token
