"""The procedure catalogue and the province's offices; Counter hands it out as
`counter.catalogue`. Entries are checked and normalised before they are stored.

Catalogues come from files typed by people and from the province; their Vietnamese text may be
composed or decomposed, so every name is stored in NFC like everything else.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import TYPE_CHECKING, Any

from counter_app.i18n import _

from . import clock
from .errors import NotFound, ValidationError
from .models import Procedure, User
from .offices import OFFICES_KEY, ProvinceOffice, parse_offices
from .roles import Action, require
from .text import nfc

if TYPE_CHECKING:
    from .counter import Counter


class Catalogue:
    def __init__(self, counter: Counter) -> None:
        self._counter = counter
        self._store = counter._store

    def import_procedures(self, actor: User, procedures: list[Procedure]) -> int:
        require(actor, Action.IMPORT_PROCEDURES)
        return self.load_procedures(procedures)

    def load_procedures(self, procedures: list[Procedure]) -> int:
        """Used by setup's demo data and by the sync engine's catalogue pull."""
        at = clock.iso(clock.now())
        procedures = normalise(procedures)
        with self._store.write():
            for proc in procedures:
                self._store.procedures.upsert(proc, at)
        return len(procedures)

    def procedures(self, active_only: bool = False) -> list[Procedure]:
        return self._store.procedures.all(active_only)

    def procedure(self, code: str) -> Procedure:
        proc = self._store.procedures.get(code)
        if proc is None:
            raise NotFound(_("không có thủ tục '{code}'").format(code=code))
        return proc

    # --- the province's offices (dossiers received for another commune) ------------------

    def province_offices(self) -> list[ProvinceOffice]:
        """The offices of the province a dossier may be received for, as the hub publishes
        them with the catalogue; this office first."""
        own = self._counter.office()
        listed = [ProvinceOffice(**o) for o in self._store.meta.get(OFFICES_KEY, [])]
        others = [o for o in listed if o.agency_code != own.agency_code]
        return [ProvinceOffice(own.agency_code, own.name), *others]

    def load_province_offices(self, offices: list[dict[str, Any]]) -> int:
        """Replaces the list (the sync engine's pull, or a file); every bad entry is named."""
        clean = parse_offices(offices)
        with self._store.write():
            self._store.meta.set(OFFICES_KEY, [asdict(o) for o in clean])
        return len(clean)


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
            documents=tuple(replace(d, name=nfc(d.name)) for d in proc.documents),
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
