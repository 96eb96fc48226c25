"""The core's messages in one language at a time: Vietnamese in the sources, English by catalog.

Messages are written in Vietnamese and wrapped in `_()`; resources/locale/en/LC_MESSAGES/
counter_app.mo (Babel: `make messages` extracts, updates and compiles it) turns them into
English. The language is the one `set_language()` chose (the desktop app's choice at login, the
CLI's `--lang`), else COUNTER_APP_LANG, else the locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG):
English only when it says English, Vietnamese otherwise.

A message is translated when it is made, so build it where it is raised or printed, never at
import time: a module-level constant is marked with `N_()` and passed through `_()` where used.

`pick()` keeps one half of a message that comes in both languages, "tiếng Việt / English":
the hub's answers to desks (`both()`), which do not know the desk's language.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from functools import cache

DOMAIN = "counter_app"
LANGUAGES = ("vi", "en")
DEFAULT = "vi"
# Who may choose, most specific first; the GNU order of the locale variables.
ENVIRONMENT = ("COUNTER_APP_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_chosen: dict[str, str] = {}
# both() renders one message in each language; per thread and task, so others are not disturbed.
_rendering: ContextVar[str | None] = ContextVar("counter_app_rendering", default=None)


def normalise(value: str) -> str:
    """'en_GB.UTF-8', 'en:vi', 'EN' -> 'en'; anything not English (C, POSIX, vi_VN) -> 'vi'."""
    first = value.split(":")[0].strip().lower()
    code = first.replace("-", "_").split("_")[0].split(".")[0]
    return code if code in LANGUAGES else DEFAULT


def from_environment(environ: Mapping[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    for name in ENVIRONMENT:
        value = env.get(name)
        if value:
            return normalise(value)
    return DEFAULT


def set_language(lang: str | None) -> None:
    """The app's or the command line's choice; None goes back to the environment's."""
    if lang is None:
        _chosen.clear()
    else:
        _chosen["language"] = normalise(lang)


def language() -> str:
    return _rendering.get() or _chosen.get("language") or from_environment()


def both(make: Callable[[], str | None]) -> str | None:
    """'tiếng Việt / English' of the message `make` builds, for a reader whose language is not
    known here: the hub's answers to desks, where each desk's pick() keeps its own half."""
    halves = []
    for lang in LANGUAGES:
        token = _rendering.set(lang)
        try:
            halves.append(make())
        finally:
            _rendering.reset(token)
    vi, en = halves
    if vi is None or en is None or en == vi:
        return vi
    return f"{vi} / {en}"


@cache
def _catalog(lang: str) -> gettext.NullTranslations:
    if lang == DEFAULT:
        return gettext.NullTranslations()
    # Imported here: resources.py has messages of its own, so it imports this module.
    from .resources import RESOURCES

    return gettext.translation(DOMAIN, RESOURCES / "locale", languages=[lang], fallback=True)


def _(message: str) -> str:
    """The message in the current language (the Vietnamese source when no translation)."""
    return _catalog(language()).gettext(message)


def N_(message: str) -> str:
    """Marks a message for extraction where it cannot be translated yet (module constants)."""
    return message


def pick(text: str) -> str:
    """'tiếng Việt / English' -> the half in the current language (whole text if not bilingual).

    For the hub's answers (and those of an older hub); the core's own messages use `_()`."""
    vi, sep, en = text.partition(" / ")
    if not sep:
        return text
    return en.strip() if language() == "en" else vi.strip()
