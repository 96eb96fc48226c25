"""A desk synced with a real hub, with receipts whose QR opens the hub's citizen page."""

from __future__ import annotations

from pathlib import Path

from forms_helpers import ADDRESS, EMAIL, ID_NUMBER, NAME, OWNER, PHONE, decode, take_in, write
from sync_support import OFFICE_A, HubServer, make_counter

from counter_app.counter import Counter
from counter_app.forms import render_form
from counter_app.lifecycle import Status
from counter_app.models import Dossier, User
from counter_app.text import fold
from sync.engine import sync_now

RECIPIENT = "Trần Thị Mai"
PERSONAL = (NAME, OWNER, ADDRESS, EMAIL, ID_NUMBER, PHONE, RECIPIENT)


def desk(tmp_path: Path, hub: HubServer, number: int = 1) -> tuple[Counter, User]:
    return make_counter(tmp_path / f"desk-{number}", OFFICE_A, number, hub)


def scanned_link(c: Counter, dossier: Dossier, tmp_path: Path) -> str:
    """What a phone camera reads from the printed receipt."""
    pdf = write(tmp_path, render_form(c, "receipt", dossier.code, parts=1), f"{dossier.code}.pdf")
    return decode(pdf, tmp_path)["qr"]


def returned(c: Counter, actor: User, **fields: object) -> Dossier:
    """A dossier taken in, processed and handed back, synced to the hub."""
    d = take_in(c, actor, **fields)
    c.dossiers.change_status(actor, d.code, Status.PROCESSING)
    c.dossiers.change_status(actor, d.code, Status.RESULT_READY)
    c.dossiers.return_result(actor, d.code, RECIPIENT)
    assert sync_now(c).ok
    return d


def personal_data_in(page: str) -> list[str]:
    """Which of the applicant's data appear in a page (accents folded, so no spelling hides)."""
    folded = fold(page)
    return [p for p in PERSONAL if p in page or fold(p) in folded]
