"""The return desk (trả kết quả): find a citizen's dossier without the receipt, and the list of
results waiting to be handed over.

`find` takes what the citizen can tell: a name with or without accents, an ID number, a phone
number, or the last digits of the dossier code on a lost receipt. Results ready to hand over
come first, then by appointment (due date). The receipt's QR code stays the fastest path (the
desktop app verifies it and opens the dossier directly); this is for when there is none.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from . import clock
from .lifecycle import Status
from .models import Dossier

if TYPE_CHECKING:
    from .counter import Counter

MIN_CODE_DIGITS = 3  # fewer digits than this match too many codes to be of use
LIMIT = 50


def _order(d: Dossier) -> tuple[bool, str, str]:
    return (d.status is not Status.RESULT_READY, d.due_at or "~", d.code)


class ReturnDesk:
    def __init__(self, counter: Counter) -> None:
        self.counter = counter
        self.store = counter._store

    def find(self, text: str, limit: int = LIMIT) -> list[Dossier]:
        """Dossiers matching a name, ID number, phone or the end of a code; ready ones first."""
        text = text.strip()
        if not text:
            return []
        found = {d.uuid: d for d in self.store.dossiers.search(text, limit)}
        digits = text.replace(" ", "")
        if digits.isdigit() and len(digits) >= MIN_CODE_DIGITS:
            for d in self.store.handout.by_code_end(digits, limit):
                found.setdefault(d.uuid, d)
        return sorted(found.values(), key=_order)[:limit]

    def waiting(self, today: date | None = None, limit: int = 500) -> list[Dossier]:
        """Results ready to hand over, earliest appointment first; with `today`, only those
        whose appointment is today or already past (the citizens expected at the desk)."""
        before = None
        if today is not None:
            start = datetime.combine(today + timedelta(days=1), time(0), clock.VN_TZ)
            before = clock.iso(start)
        return self.store.handout.waiting(Status.RESULT_READY.value, before, limit)
