"""Operations of the Trả kết quả page: the scan box's lookup and the waiting list.
(Handing the result over and the rating are in ui.operations: the desk's common ones.)"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from counter_app import clock
from counter_app.errors import NotFound
from counter_app.models import Dossier
from counter_app.sync_records import AttachmentRow

from . import Op

if TYPE_CHECKING:
    from counter_app.counter import Counter

    from ..context import AppContext


def look_up(ctx: AppContext, *, scanned: str) -> Op[Lookup | list[Dossier]]:
    return ctx.op(lambda c: lookup(c, scanned))


def waiting(ctx: AppContext, *, today_only: bool) -> Op[list[Dossier]]:
    """Results ready to hand over, by appointment; today's only, or all of them."""
    return ctx.op(lambda c: waiting_list(c, today_only))


def result_files(ctx: AppContext, *, code: str) -> Op[list[ResultFile]]:
    """The dossier's electronic result files, and whether each is on this desk yet."""
    return ctx.op(
        lambda c: [ResultFile(r, c.result_files.here(r)) for r in c.result_files.of(code)]
    )


def viewable_copy(ctx: AppContext, *, row: AttachmentRow) -> Op[Path]:
    """A copy under the file's own name that the system viewer can open."""
    return ctx.op(lambda c: c.result_files.viewable_copy(row))


@dataclass(frozen=True)
class ResultFile:
    row: AttachmentRow
    here: bool  # downloaded (or attached here); else still on its way from the hub


@dataclass(frozen=True)
class Lookup:
    dossier: Dossier
    signed: bool  # the QR signature was checked and is genuine
    own_desk: bool


def looks_signed(text: str) -> bool:
    return "MC1|" in text or "://" in text


def lookup(counter: Counter, scanned: str) -> Lookup | list[Dossier]:
    """On the worker: verify a scanned receipt payload (the fastest path), take a typed code
    as it is, or else search by name, ID number, phone or the end of a code: one match is
    opened, several (or none) are listed."""
    text = scanned.strip()
    if looks_signed(text):
        from counter_app.signing import verify_receipt_payload  # cryptography: on first scan

        verified = verify_receipt_payload(counter, text)
        return Lookup(counter.dossiers.get(verified.code), True, bool(verified.own_desk))
    try:
        return Lookup(counter.dossiers.get(text), False, False)
    except NotFound:
        found = counter.return_desk.find(text)
    if len(found) == 1:
        return Lookup(found[0], False, False)
    return found


def waiting_list(counter: Counter, today_only: bool) -> list[Dossier]:
    return counter.return_desk.waiting(clock.now().date() if today_only else None)
