"""Checks and normalisation of procedure catalogue entries before they are stored.

Catalogues come from files typed by people and from the province; their Vietnamese text may be
composed or decomposed, so every name is stored in NFC like everything else.
"""

from __future__ import annotations

from dataclasses import replace

from counter_app.i18n import _

from .errors import ValidationError
from .models import Procedure, RequiredDocument
from .text import nfc


def normalise(procedures: list[Procedure]) -> list[Procedure]:
    """NFC text and sane numbers; every bad entry is named at once and nothing is returned."""
    errors: dict[str, str] = {}
    result: list[Procedure] = []
    seen: set[str] = set()
    for number, proc in enumerate(procedures, 1):
        clean = replace(
            proc,
            code=nfc(proc.code),
            name=nfc(proc.name),
            local_code=nfc(proc.local_code),
            field=nfc(proc.field),
            documents=tuple(
                RequiredDocument(nfc(d.name), d.originals, d.certified_copies, d.photocopies)
                for d in proc.documents
            ),
        )
        if problem := _problem(clean, seen):
            errors[f"procedures[{number}]"] = problem
        seen.add(clean.code)
        result.append(clean)
    if errors:
        raise ValidationError(errors)
    return result


def _problem(proc: Procedure, seen: set[str]) -> str | None:
    if not proc.code or not proc.name:
        return _("thiếu mã hoặc tên thủ tục")
    if proc.code in seen:
        return _("mã {code} lặp lại").format(code=proc.code)
    if proc.time_value < 0 or proc.fee < 0:
        return _("thời hạn và lệ phí không được âm")
    if proc.cutoff_hour is not None and not 0 <= proc.cutoff_hour <= 24:
        return _("giờ chốt từ 0 đến 24")
    for doc in proc.documents:
        if not doc.name:
            return _("giấy tờ không có tên")
        if min(doc.originals, doc.certified_copies, doc.photocopies) < 0:
            return _("số lượng âm ở '{name}'").format(name=doc.name)
    return None
