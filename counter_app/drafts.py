"""Intake drafts: what a clerk has typed of an intake not yet accepted, kept in the database as
it is typed (the desktop app saves a few hundred milliseconds after the last key), so closing
the window, a crash or a power cut loses nothing; the next login offers it back.

A draft is the form's own fields as plain strings (the app decides what they are); it is never
synced, printed or logged, and it is deleted once the intake is accepted, refused or dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from counter_app.i18n import _

from . import clock
from .errors import ValidationError

if TYPE_CHECKING:
    from .counter import Counter
    from .models import User

MAX_DRAFT_CHARS = 20_000  # a form's worth of text; anything bigger is not a form


@dataclass(frozen=True)
class Draft:
    fields: dict[str, Any]
    updated_at: str


class DraftBook:
    def __init__(self, counter: Counter) -> None:
        self.store = counter._store

    def save(self, user: User, fields: dict[str, Any]) -> None:
        """Keep (or replace) this user's draft; an empty form deletes it."""
        if not any(v for v in fields.values()):
            self.discard(user)
            return
        if len(repr(fields)) > MAX_DRAFT_CHARS:
            raise ValidationError({"draft": _("bản nháp quá lớn")})
        with self.store.write():
            self.store.drafts.save(user.username, fields, clock.iso(clock.now()))

    def load(self, user: User) -> Draft | None:
        found = self.store.drafts.get(user.username)
        return None if found is None else Draft(found[0], found[1])

    def discard(self, user: User) -> None:
        with self.store.write():
            self.store.drafts.delete(user.username)
