"""Who may do what to a dossier received for another office (Decree 118: receiving
regardless of administrative boundaries).

The receiving office takes the dossier in and hands the result out (unless the citizen chose
the resolving office for that); the resolving (competent) office decides: it moves the dossier
through processing to result ready, asks for supplements, stops it. The receiving office passes
a supplement request to the citizen and takes the supplement in, and records a withdrawal made
at its counter. The same rules run in the core and at the province hub (sync/hub/service.py).
For a dossier of one office, that office does everything.
"""

from __future__ import annotations

from typing import Protocol

from counter_app.i18n import _

from .errors import PermissionDenied
from .lifecycle import Status


class Units(Protocol):
    @property
    def receiving_unit(self) -> str: ...
    @property
    def resolving_unit(self) -> str: ...


# What the receiving office may still do to a dossier another office decides: take in the
# supplement the citizen brings (the clock restarts) and record the citizen's withdrawal.
_RECEIVING_MAY: frozenset[tuple[Status, Status]] = frozenset(
    {(Status.SUPPLEMENT_REQUESTED, Status.PROCESSING)} | {(old, Status.WITHDRAWN) for old in Status}
)


def handout_office(d: Units, handout_unit: str | None) -> str:
    return handout_unit or d.receiving_unit


def holder_of(status: Status, receiving: str, resolving: str, handout: str) -> str:
    """The office holding the dossier now: the result at the hand-out office, a supplement
    request (and an ended dossier) back with the receiving office, else the resolving one."""
    if status in (Status.RESULT_READY, Status.RETURNED):
        return handout or receiving
    if status in (Status.SUPPLEMENT_REQUESTED, Status.REFUSED, Status.WITHDRAWN):
        return receiving
    return resolving


def holder(d: Units) -> str:
    status = getattr(d, "status")  # noqa: B009 - Dossier and the hub's record both have it
    return holder_of(
        Status(status), d.receiving_unit, d.resolving_unit, getattr(d, "handout_unit", "") or ""
    )


def change_problem(d: Units, office: str, old: Status, new: Status) -> str | None:
    """Why `office` may not move the dossier from `old` to `new`, or None."""
    if office == d.resolving_unit or ((old, new) in _RECEIVING_MAY and office == d.receiving_unit):
        return None
    if new is Status.RETURNED:
        return None  # judged by return_problem
    return _("chỉ cơ quan giải quyết {resolving_unit} được chuyển hồ sơ sang '{value}'").format(
        resolving_unit=d.resolving_unit, value=new.value
    )


def return_problem(d: Units, office: str, handout_unit: str | None) -> str | None:
    handout = handout_office(d, handout_unit)
    if office == handout:
        return None
    return _("kết quả được trả tại {handout}, không phải tại {office}").format(
        handout=handout, office=office
    )


def apology_problem(d: Units, office: str) -> str | None:
    if office == d.resolving_unit:
        return None
    return _("văn bản xin lỗi do cơ quan giải quyết {resolving_unit} gửi").format(
        resolving_unit=d.resolving_unit
    )


def check(problem: str | None) -> None:
    if problem is not None:
        raise PermissionDenied(problem)
