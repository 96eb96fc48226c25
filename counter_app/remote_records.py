"""Checks of what the province's hub sends, before any of it is written here.

The hub is trusted with the office's dossiers, not with the shape of its answers: a broken or
hostile hub (or a broken desk whose records the hub passed on) must not put a status the life
cycle does not know, a date that cannot be read, another office's dossier or a deeply nested
blob into this desk's database. Each pulled change is checked here, in one place; a bad one
is skipped with a reason (no personal data in it: the reason goes to the sync log) and the
rest of the page is applied.

Plain Python rather than typed models: the desk reads what `Dossier.to_dict()` wrote, and the
hub's own API models (sync/hub/) are the hub's business; this module is the desk's side only.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from .lifecycle import Status
from .models import Applicant, Channel
from .validation import control_character

MAX_DEPTH = 6  # change > dossier > extra > value > ... ; what the desk writes is at most 4
MAX_EVENTS = 1000
MAX_DOCUMENTS = 100
MAX_INT = 2**53  # what JSON readers agree on
TEXT_LIMITS = {
    "full_name": 200,
    "owner_name": 200,
    "address": 500,
    "notes": 4000,
    "note": 4000,
    "procedure_name": 1000,
}
DEFAULT_TEXT_LIMIT = 300
MULTI_LINE = frozenset({"notes", "note", "address"})
_STATUSES = frozenset(s.value for s in Status)
_CHANNELS = frozenset(c.value for c in Channel)


class BadRecord(Exception):
    """One pulled change that must not be written; the message says which field and why."""


def bad_change_reason(change: Any, office_code: str) -> str | None:
    """None when the change may be applied at an office whose agency code is `office_code`."""
    try:
        check_change(change, office_code)
    except BadRecord as exc:
        return str(exc)
    return None


def check_change(change: Any, office_code: str) -> None:
    if not isinstance(change, dict):
        raise BadRecord("not an object")
    _check_depth(change)
    dossier = change.get("dossier")
    if not isinstance(dossier, dict):
        raise BadRecord("dossier: not an object")
    _int(change.get("version"), "version", minimum=1)
    _check_dossier(dossier)
    units = {
        dossier["receiving_unit"],
        dossier["resolving_unit"],
        (dossier.get("extra") or {}).get("handout_unit"),
    }
    if office_code not in units:
        raise BadRecord("the dossier belongs to none of this office's units")
    events = change.get("events")
    if events is None:
        return
    if not isinstance(events, list) or len(events) > MAX_EVENTS:
        raise BadRecord(f"events: not a list of at most {MAX_EVENTS}")
    for event in events:
        _check_event(event)


def check_cursor(value: Any) -> int:
    return _int(value, "cursor", minimum=0)


def _check_dossier(d: dict[str, Any]) -> None:
    _uuid(d.get("uuid"), "uuid")
    for key in (
        "code",
        "procedure_code",
        "procedure_name",
        "received_by",
        "receiving_unit",
        "resolving_unit",
    ):
        _text(d.get(key), key)
    for key in (
        "owner_name",
        "owner_id_number",
        "notes",
        "returned_to",
        "satisfaction",
        "updated_at",
    ):
        _text(d.get(key), key, required=False)
    if not _one_of(d.get("status"), _STATUSES):
        raise BadRecord("status: not a status of the dossier life cycle")
    if d.get("channel") is not None and not _one_of(d.get("channel"), _CHANNELS):
        raise BadRecord("channel: unknown")
    _moment(d.get("received_at"), "received_at")
    for key in ("due_at", "extended_due_at", "result_at", "returned_at"):
        _moment(d.get(key), key, required=False)
    applicant = d.get("applicant")
    if not isinstance(applicant, dict):
        raise BadRecord("applicant: not an object")
    for key in Applicant.__dataclass_fields__:
        _text(
            applicant.get(key),
            f"applicant.{key}",
            required=key in ("full_name", "id_number", "phone"),
            allow_empty=True,
        )
    documents = d.get("documents") or []
    if not isinstance(documents, list | tuple) or len(documents) > MAX_DOCUMENTS:
        raise BadRecord(f"documents: not a list of at most {MAX_DOCUMENTS}")
    for doc in documents:
        if not isinstance(doc, dict) or set(doc) - {
            "name",
            "originals",
            "certified_copies",
            "photocopies",
        }:
            raise BadRecord("documents: not a list of received documents")
        _text(doc.get("name"), "documents.name")
        for key in ("originals", "certified_copies", "photocopies"):
            _int(doc.get(key, 0), f"documents.{key}", minimum=0)
    for key in ("sets", "fee"):
        if d.get(key) is not None:
            _int(d[key], key, minimum=0)
    _text(d.get("handout_unit"), "handout_unit", required=False, allow_empty=True)
    if d.get("extra") is not None and not isinstance(d["extra"], dict):
        raise BadRecord("extra: not an object")
    if d.get("extra"):
        _text(d["extra"].get("handout_unit"), "extra.handout_unit", required=False)


def _check_event(e: Any) -> None:
    if not isinstance(e, dict):
        raise BadRecord("events: an event is not an object")
    _uuid(e.get("uuid"), "event.uuid")
    _moment(e.get("at"), "event.at")
    _text(e.get("username"), "event.username")
    _text(e.get("kind"), "event.kind")
    _text(e.get("note"), "note", required=False)
    for key in ("old_status", "new_status"):
        if e.get(key) is not None and not _one_of(e[key], _STATUSES):
            raise BadRecord(f"event.{key}: not a status of the dossier life cycle")
    if e.get("data") is not None and not isinstance(e["data"], dict):
        raise BadRecord("event.data: not an object")


def _one_of(value: Any, allowed: frozenset[str]) -> bool:
    return isinstance(value, str) and value in allowed


def _check_depth(value: Any) -> None:
    """Iterative, so a hostile nesting cannot exhaust the stack while being measured."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise BadRecord(f"nested deeper than {MAX_DEPTH} levels")
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)


def _text(value: Any, key: str, required: bool = True, allow_empty: bool = False) -> None:
    if value is None and not required:
        return
    if not isinstance(value, str) or (not value and not allow_empty and required):
        raise BadRecord(f"{key}: missing or not text")
    name = key.rsplit(".", 1)[-1]
    limit = TEXT_LIMITS.get(name, DEFAULT_TEXT_LIMIT)
    if len(value) > limit:
        raise BadRecord(f"{key}: longer than {limit} characters")
    if control_character(value, multi_line=name in MULTI_LINE):
        raise BadRecord(f"{key}: holds control characters")


def _int(value: Any, key: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value < MAX_INT:
        raise BadRecord(f"{key}: not a whole number from {minimum}")
    return value


# Desks name records with UUIDs; the hub names its own events "province-<version>-<hex>".
_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,79}")


def _uuid(value: Any, key: str) -> None:
    if not isinstance(value, str) or not _ID_RE.fullmatch(value):
        raise BadRecord(f"{key}: not an identifier")


def _moment(value: Any, key: str, required: bool = True) -> None:
    if value is None and not required:
        return
    if not isinstance(value, str) or len(value) > 40:
        raise BadRecord(f"{key}: not a date and time")
    try:
        dt = datetime.fromisoformat(value)
    except ValueError as exc:
        raise BadRecord(f"{key}: not a date and time") from exc
    if not 2000 <= dt.year <= 2200:
        raise BadRecord(f"{key}: outside the years 2000-2200")
