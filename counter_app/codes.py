"""Dossier codes that stay unique across a province while every desk is offline.

Default `<agency code>-<yyMMdd>-<NNNN>`, where the first digit of NNNN is the desk number
(1–9, given at setup or enrollment, unique within the office) and the other three count that
desk's dossiers of the day. Two desks of one office therefore draw from disjoint ranges
(desk 1: 1001–1999, desk 2: 2001–2999, …) and need no network to agree. A desk that passes
999 dossiers in one day keeps counting (`11000`), still unique because the desk digit leads.
The format is a template so that a new circular's layout is configuration, not code.
"""

from __future__ import annotations

from datetime import datetime

from counter_app.i18n import _

from .errors import ValidationError

DEFAULT_FORMAT = "{agency}-{date:%y%m%d}-{desk}{seq:03d}"
REQUIRED_FIELDS = ("{agency}", "{desk}", "{seq")


def check_format(template: str) -> None:
    missing = [f for f in REQUIRED_FIELDS if f not in template]
    if missing:
        raise ValidationError(
            {
                "code_format": _("mẫu mã hồ sơ thiếu {value}").format(
                    value=", ".join(missing), missing=missing
                )
            }
        )


class _SeqSlot:
    """Stands in for the sequence number when a template is rendered into its scope."""

    def __format__(self, spec: str) -> str:
        return "#"


def sequence_scope(
    agency: str, desk_number: int, received: datetime, template: str = DEFAULT_FORMAT
) -> str:
    """The counter a code's number is drawn from: the code itself with the number left out.

    Codes that differ outside the number can never collide, so they may share a number; codes
    that render alike (same agency, desk and whatever part of the date the template shows)
    draw from one counter. A template showing only the month thus counts by month, and one
    without a date never restarts.
    """
    return template.format(agency=agency, date=received, desk=desk_number, seq=_SeqSlot())


def make_code(template: str, agency: str, desk_number: int, received: datetime, seq: int) -> str:
    return template.format(agency=agency, date=received, desk=desk_number, seq=seq)


def check_desk_number(value: int) -> None:
    if not 1 <= value <= 9:
        raise ValidationError({"desk_number": _("số quầy phải từ 1 đến 9")})
