"""The hub's rules, apart from HTTP: who may push what, idempotent acks, conflicts, pulls.

Protocol v1 (docs/sync-protocol.md). Every method that writes runs in one storage
transaction, so an answer is only ever given for what is committed.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass, replace
from typing import Any

from counter_app import clock, competence
from counter_app.errors import NotFound, ValidationError
from counter_app.i18n import both
from counter_app.lifecycle import NATIONAL_CODE, WITHOUT_DUE_DATE, Status, check_transition
from counter_app.offices import OFFICES_KIND

from ..protocol import summarise_days, text_hash
from .storage import Desk, HubDossier, HubStorage

PROVINCE = "province"
# A desk's own bookkeeping inside its dossier snapshots; meaningless at the hub.
LOCAL_ONLY = ("sync_state", "sync_error")
PULL_LIMIT_MAX = 1000
KEY_MAX = 200


def token_hash(token: str) -> str:
    # Tokens are 256-bit random strings, so a plain SHA-256 is enough to store them safely.
    return hashlib.sha256(token.encode()).hexdigest()


class Hub:
    def __init__(self, storage: HubStorage) -> None:
        self.storage = storage

    # --- desks -----------------------------------------------------------------------------

    def enroll(self, agency_code: str, desk: str) -> str:
        if not agency_code or not desk:
            raise ValidationError({"desk": "cần mã cơ quan và tên quầy / agency code and desk"})
        token = secrets.token_urlsafe(32)
        with self.storage.transaction():
            self.storage.add_desk(agency_code, desk, token_hash(token), clock.iso(clock.now()))
        return token

    def authenticate(self, token: str) -> Desk | None:
        return self.storage.desk_by_token(token_hash(token)) if token else None

    def register_key(self, desk: Desk, public_key: str) -> bool:
        """The desk's QR-signing key, kept from its first sync on; False if it differs."""
        if desk.public_key == public_key:
            return True
        if desk.public_key:
            return False
        with self.storage.transaction():
            # The first key wins, also when two processes register two keys at once.
            return self.storage.set_desk_key(desk.id, public_key) == public_key

    # --- push --------------------------------------------------------------------------------

    def push(self, desk: Desk, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        now = clock.iso(clock.now())
        with self.storage.transaction():
            batch = PushBatch(self.storage, records)
            answers = [self._push_one(batch, desk, rec, now) for rec in records]
            batch.flush(desk.id, now)
            return [self._with_current(answer, desk) for answer in answers]

    def _push_one(self, db: PushBatch, desk: Desk, rec: Any, now: str) -> dict[str, Any]:
        uuid = rec.get("uuid") if isinstance(rec, dict) else None
        if not isinstance(uuid, str) or not uuid:
            return {"uuid": uuid, "status": "rejected", "error": "record without uuid"}
        first = db.record_answer(uuid)
        if first is not None:
            return {**first, "repeat": True}
        try:
            text = rec["payload"]
            if not isinstance(text, str):
                raise TypeError("payload must be the JSON text of the change")
            payload = db.parsed.get(id(rec)) or json.loads(text)
            d, event = payload["dossier"], payload["event"]
            d_uuid, code, unit = str(d["uuid"]), str(d["code"]), str(d["receiving_unit"])
            received_day = str(d["received_at"])[:10]
            Status(d["status"])
            event_uuid = str(event["uuid"])
            day = str(rec["created_at"])[:10]
            seq = int(rec.get("seq") or 0)
            base = int(rec.get("base_version") or 0)
            _check_keys(d_uuid, code, unit, event_uuid, str(d.get("resolving_unit") or ""),
                        str((d.get("extra") or {}).get("handout_unit") or ""))  # fmt: skip
            if "\\u0000" in text:
                raise ValueError("NUL character in the payload")
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            return _rejected(uuid, f"malformed record: {exc!r}")
        d = {k: v for k, v in d.items() if k not in LOCAL_ONLY}
        hub = db.dossier(d_uuid)
        office = desk.agency_code
        if hub is None and unit != office:
            return _rejected(uuid, f"dossier received by {unit}, this desk belongs to {office}")
        if hub is not None and office not in (
            hub.receiving_unit,
            hub.resolving_unit,
            hub.handout_unit,
        ):
            return _rejected(uuid, f"dossier {code} is not handled by office {office}")
        if hub is None and db.dossier_by_code(code) is not None:
            return _rejected(uuid, f"dossier code {code} is already used by another dossier")
        if problem := self._competence_problem(hub, d, event, office):
            return _rejected(uuid, problem)
        version = db.next_version()
        conflict = hub is not None and hub.origin != desk.origin and hub.version > base
        h = text_hash(text)
        if conflict:
            assert hub is not None
            db.add_conflict(d_uuid, uuid, desk.id, now, {
                "hub_status": hub.status, "desk_status": d["status"], "hub_version": hub.version,
                "base_version": base,
            })  # fmt: skip
        elif hub is None or not _stale(hub, desk, seq):
            # The offices are fixed at intake: a desk's later snapshot cannot move them.
            units = _new_units(d, unit) if hub is None else (
                hub.receiving_unit, hub.resolving_unit, hub.handout_unit)  # fmt: skip
            db.put_dossier(
                HubDossier(d_uuid, code, *units, d["status"], {**d, "origin_seq": seq}, version,
                           desk.origin),
                received_day,
            )  # fmt: skip
        db.add_event(event_uuid, d_uuid, version, desk.origin, event)
        answer = {"uuid": uuid, "status": "conflict" if conflict else "stored",
                  "version": version, "hash": h}  # fmt: skip
        db.save_record(uuid, desk.id, d_uuid, day, h, answer, now)
        return answer

    def _competence_problem(
        self, hub: HubDossier | None, d: dict[str, Any], event: dict[str, Any], office: str
    ) -> str | None:
        """Only the resolving office decides, only the hand-out office returns; the receiving
        office of a new dossier names a resolving office the province published."""
        receiving, resolving, handout = (
            _new_units(d, str(d["receiving_unit"])) if hub is None
            else (hub.receiving_unit, hub.resolving_unit, hub.handout_unit)
        )  # fmt: skip
        units = _Units(receiving, resolving)
        if hub is None and resolving != receiving:
            published = self.storage.publication(OFFICES_KIND)
            known = {str(o.get("agency_code")) for o in published[1]} if published else set()
            if resolving not in known:
                return f"resolving office {resolving} is not among the province's offices"
        if event.get("kind") == "apology":
            return both(lambda: competence.apology_problem(units, office))
        old, new = event.get("old_status"), event.get("new_status")
        if not old or not new or old == new:
            return None
        try:
            old_status, new_status = Status(old), Status(new)
        except ValueError:
            return f"unknown status in event: {old!r} -> {new!r}"
        if new_status is Status.RETURNED:
            return both(lambda: competence.return_problem(units, office, handout))
        # Both languages, as before the catalogs: each desk shows the half of its own.
        return both(lambda: competence.change_problem(units, office, old_status, new_status))

    def _with_current(self, answer: dict[str, Any], desk: Desk) -> dict[str, Any]:
        """A conflict's answer carries the hub's state as it is now, even on a repeat."""
        if answer.get("status") != "conflict":
            return answer
        current = self.storage.dossier(self.storage.record_dossier(answer["uuid"]))
        if current is None:
            return answer
        events = self.storage.events_since(current.uuid, 0, desk.origin)
        return {**answer, "current": {"dossier": _public(current), "version": current.version,
                                      "events": events}}  # fmt: skip

    # --- pull --------------------------------------------------------------------------------

    def pull(self, desk: Desk, cursor: int, limit: int, known: dict[str, int]) -> dict[str, Any]:
        # One snapshot: the events and keys of the page are those of the same committed state.
        with self.storage.snapshot():
            return self._pull(desk, cursor, limit, known)

    def _pull(self, desk: Desk, cursor: int, limit: int, known: dict[str, int]) -> dict[str, Any]:
        limit = max(1, min(limit, PULL_LIMIT_MAX))
        rows = self.storage.changes_since(desk.agency_code, cursor, limit + 1)
        more = len(rows) > limit
        rows = rows[:limit]
        # The desk's own latest changes are not echoed: it has them already.
        theirs = [d for d in rows if d.origin != desk.origin]
        events = self.storage.events_since_many([d.uuid for d in theirs], cursor, desk.origin)
        changes = [{"dossier": _public(d), "version": d.version, "events": events.get(d.uuid, [])}
                   for d in theirs]  # fmt: skip
        answer: dict[str, Any] = {
            "cursor": rows[-1].version if rows else cursor,
            "more": more,
            "changes": changes,
        }
        for kind in ("calendar", "procedures", OFFICES_KIND):
            published = self.storage.publication(kind)
            if published and published[0] > known.get(kind, 0):
                answer[kind] = {"version": published[0], "data": published[1]}
        units = {desk.agency_code} | {d.receiving_unit for d in rows}
        answer["desk_keys"] = [
            {"agency_code": k.agency_code, "desk": k.desk, "public_key": k.public_key}
            for k in self.storage.office_desk_keys(units) if k.id != desk.id
        ]  # fmt: skip
        return answer

    # --- reconciliation ------------------------------------------------------------------------

    def reconcile(self, desk: Desk) -> dict[str, Any]:
        with self.storage.snapshot():
            return {
                "desk": summarise_days(self.storage.desk_days(desk.id)),
                "office": summarise_days(self.storage.office_days(desk.agency_code)),
            }

    # --- what the province does ------------------------------------------------------------------

    def set_status(
        self, code: str, to: Status, note: str | None = None, handout_unit: str | None = None
    ) -> HubDossier:
        now = clock.now()
        with self.storage.transaction():
            d = self.storage.dossier_by_code(code)
            if d is None:
                raise NotFound(f"không có hồ sơ '{code}' ở tỉnh / no dossier {code} at the hub")
            old = Status(d.status)
            if to is not old:
                check_transition(old, to)
            data = dict(d.data)
            data.update(status=to.value, national_status=NATIONAL_CODE[to],
                        updated_at=clock.iso(now))  # fmt: skip
            if to is Status.RESULT_READY:
                data["result_at"] = clock.iso(now)
            if to in WITHOUT_DUE_DATE:
                data["due_at"] = None
            if handout_unit:
                data["extra"] = {**(data.get("extra") or {}), "handout_unit": handout_unit}
            version = self.storage.next_version()
            updated = replace(d, status=to.value, data=data, version=version, origin=PROVINCE,
                              handout_unit=handout_unit or d.handout_unit)  # fmt: skip
            self.storage.put_dossier(updated, str(data["received_at"])[:10])
            event = {
                "uuid": f"province-{version}-{secrets.token_hex(8)}", "dossier_uuid": d.uuid,
                "at": clock.iso(now), "username": PROVINCE, "kind": "status",
                "old_status": old.value, "new_status": to.value, "note": note,
                "data": {"handout_unit": handout_unit} if handout_unit else {},
            }  # fmt: skip
            self.storage.add_event(str(event["uuid"]), d.uuid, version, PROVINCE, event)
        return updated

    def publish(self, kind: str, data: Any) -> int:
        with self.storage.transaction():
            return self.storage.publish(kind, data, clock.iso(clock.now()))


class PushBatch:
    """The storage as one push sees it: everything its records may read is fetched at once
    at the start, and what they write is kept and stored with one executemany per table at
    the end (`flush`), all inside the push's transaction. A later record of the same push
    sees what an earlier one did (a dossier taken in and changed in one batch)."""

    def __init__(self, storage: HubStorage, records: list[dict[str, Any]]) -> None:
        self.storage = storage
        uuids, dossiers, codes = [], [], []
        # Each payload is parsed once, here; _push_one takes it from this (by the record).
        self.parsed: dict[int, Any] = {}
        for rec in records:
            uuid = rec.get("uuid") if isinstance(rec, dict) else None
            if isinstance(uuid, str) and len(uuid) <= KEY_MAX and "\x00" not in uuid:
                uuids.append(uuid)
            try:
                payload = json.loads(rec["payload"])
                self.parsed[id(rec)] = payload
                d = payload["dossier"]
                d_uuid, code = str(d["uuid"]), str(d["code"])
                _check_keys(d_uuid, code)
            except (KeyError, TypeError, ValueError):
                continue  # _push_one words the problem
            dossiers.append(d_uuid)
            codes.append(code)
        self.answers, by_uuid, by_code = storage.push_reads(uuids, dossiers, codes)
        self.dossiers: dict[str, HubDossier | None] = dict(by_uuid)
        self.codes = {code: d.uuid for code, d in by_code.items()}
        self.versions: list[int] = []
        self.wanted = len(records)
        self.puts: list[tuple[HubDossier, str]] = []
        self.events: list[tuple[str, str, int, str, dict[str, Any]]] = []
        self.records: list[tuple[str, int, str, str, str, dict[str, Any], str]] = []
        self.conflicts: list[tuple[str, str, int, str, dict[str, Any]]] = []

    def record_answer(self, uuid: str) -> dict[str, Any] | None:
        return self.answers.get(uuid)

    def dossier(self, uuid: str) -> HubDossier | None:
        return self.dossiers.get(uuid)

    def dossier_by_code(self, code: str) -> str | None:
        return self.codes.get(code)

    def next_version(self) -> int:
        # One block for the whole push; numbers left over are gaps, which pulls never miss.
        if not self.versions:
            self.versions = self.storage.reserve_versions(max(1, self.wanted))[::-1]
        self.wanted -= 1
        return self.versions.pop()

    def put_dossier(self, d: HubDossier, received_day: str) -> None:
        self.puts.append((d, received_day))
        self.dossiers[d.uuid] = d
        self.codes[d.code] = d.uuid

    def add_event(
        self, uuid: str, dossier_uuid: str, seq: int, origin: str, data: dict[str, Any]
    ) -> None:
        self.events.append((uuid, dossier_uuid, seq, origin, data))

    def save_record(
        self, uuid: str, desk_id: int, dossier_uuid: str, day: str, content_hash: str,
        answer: dict[str, Any], at: str,
    ) -> None:  # fmt: skip
        self.records.append((uuid, desk_id, dossier_uuid, day, content_hash, answer, at))
        self.answers[uuid] = answer

    def add_conflict(
        self, dossier_uuid: str, record_uuid: str, desk_id: int, at: str, detail: dict[str, Any]
    ) -> None:
        self.conflicts.append((dossier_uuid, record_uuid, desk_id, at, detail))

    def flush(self, desk_id: int, now: str) -> None:
        self.storage.write_push(self.puts, self.events, self.records, self.conflicts,
                                (desk_id, now))  # fmt: skip


def _check_keys(*values: str) -> None:
    """Identifiers and office codes are indexed: short, and without NUL (PostgreSQL's text
    cannot hold one)."""
    for value in values:
        if len(value) > KEY_MAX or "\x00" in value:
            raise ValueError(f"an identifier longer than {KEY_MAX} characters or with NUL")


def _stale(hub: HubDossier, desk: Desk, seq: int) -> bool:
    """An older snapshot from the same desk arriving after a newer one (retries reorder)."""
    return hub.origin == desk.origin and seq <= int(hub.data.get("origin_seq") or 0)


def _public(d: HubDossier) -> dict[str, Any]:
    data = {k: v for k, v in d.data.items() if k != "origin_seq"}
    data["resolving_unit"] = d.resolving_unit
    data["handout_unit"] = d.handout_unit or d.receiving_unit
    data["holder"] = competence.holder_of(
        Status(d.status), d.receiving_unit, d.resolving_unit, d.handout_unit or ""
    )
    return data


@dataclass(frozen=True)
class _Units:
    receiving_unit: str
    resolving_unit: str


def _new_units(d: dict[str, Any], receiving: str) -> tuple[str, str, str | None]:
    """(receiving, resolving, hand-out) of a dossier the hub has not seen yet, from its first
    snapshot (the province's own handout_unit in extra, from before the field, still counts)."""
    resolving = str(d.get("resolving_unit") or receiving)
    extra = d.get("extra") or {}
    handout = d.get("handout_unit") or extra.get("handout_unit") or None
    return receiving, resolving, None if handout is None else str(handout)


def _rejected(uuid: str, error: str) -> dict[str, Any]:
    return {"uuid": uuid, "status": "rejected", "error": error}
