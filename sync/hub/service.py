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
from counter_app.lifecycle import NATIONAL_CODE, WITHOUT_DUE_DATE, Status, check_transition
from counter_app.offices import OFFICES_KIND

from ..protocol import day_digest, text_hash
from .storage import Desk, HubDossier, HubStorage

PROVINCE = "province"
# A desk's own bookkeeping inside its dossier snapshots; meaningless at the hub.
LOCAL_ONLY = ("sync_state", "sync_error")
PULL_LIMIT_MAX = 1000


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
            self.storage.set_desk_key(desk.id, public_key)
        return True

    # --- push --------------------------------------------------------------------------------

    def push(self, desk: Desk, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        now = clock.iso(clock.now())
        with self.storage.transaction():
            answers = [self._push_one(desk, rec, now) for rec in records]
            self.storage.touch_desk(desk.id, now)
        return answers

    def _push_one(self, desk: Desk, rec: Any, now: str) -> dict[str, Any]:
        uuid = rec.get("uuid") if isinstance(rec, dict) else None
        if not isinstance(uuid, str) or not uuid:
            return {"uuid": uuid, "status": "rejected", "error": "record without uuid"}
        first = self.storage.record_answer(uuid)
        if first is not None:
            return self._with_current({**first, "repeat": True}, desk)
        try:
            text = rec["payload"]
            if not isinstance(text, str):
                raise TypeError("payload must be the JSON text of the change")
            payload = json.loads(text)
            d, event = payload["dossier"], payload["event"]
            d_uuid, code, unit = str(d["uuid"]), str(d["code"]), str(d["receiving_unit"])
            received_day = str(d["received_at"])[:10]
            Status(d["status"])
            event_uuid = str(event["uuid"])
            day = str(rec["created_at"])[:10]
            seq = int(rec.get("seq") or 0)
            base = int(rec.get("base_version") or 0)
        except (KeyError, TypeError, ValueError) as exc:
            return _rejected(uuid, f"malformed record: {exc!r}")
        d = {k: v for k, v in d.items() if k not in LOCAL_ONLY}
        hub = self.storage.dossier(d_uuid)
        office = desk.agency_code
        if hub is None and unit != office:
            return _rejected(uuid, f"dossier received by {unit}, this desk belongs to {office}")
        if hub is not None and office not in (
            hub.receiving_unit,
            hub.resolving_unit,
            hub.handout_unit,
        ):
            return _rejected(uuid, f"dossier {code} is not handled by office {office}")
        if hub is None and self.storage.dossier_by_code(code) is not None:
            return _rejected(uuid, f"dossier code {code} is already used by another dossier")
        if problem := self._competence_problem(hub, d, event, office):
            return _rejected(uuid, problem)
        version = self.storage.next_version()
        conflict = hub is not None and hub.origin != desk.origin and hub.version > base
        h = text_hash(text)
        if conflict:
            assert hub is not None
            self.storage.add_conflict(d_uuid, uuid, desk.id, now, {
                "hub_status": hub.status, "desk_status": d["status"], "hub_version": hub.version,
                "base_version": base,
            })  # fmt: skip
        elif hub is None or not _stale(hub, desk, seq):
            # The offices are fixed at intake: a desk's later snapshot cannot move them.
            units = _new_units(d, unit) if hub is None else (
                hub.receiving_unit, hub.resolving_unit, hub.handout_unit)  # fmt: skip
            self.storage.put_dossier(
                HubDossier(d_uuid, code, *units, d["status"], {**d, "origin_seq": seq}, version,
                           desk.origin),
                received_day,
            )  # fmt: skip
        self.storage.add_event(event_uuid, d_uuid, version, desk.origin, event)
        answer = {"uuid": uuid, "status": "conflict" if conflict else "stored",
                  "version": version, "hash": h}  # fmt: skip
        self.storage.save_record(uuid, desk.id, d_uuid, day, h, answer, now)
        return self._with_current(answer, desk)

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
            return competence.apology_problem(units, office)
        old, new = event.get("old_status"), event.get("new_status")
        if not old or not new or old == new:
            return None
        try:
            old_status, new_status = Status(old), Status(new)
        except ValueError:
            return f"unknown status in event: {old!r} -> {new!r}"
        if new_status is Status.RETURNED:
            return competence.return_problem(units, office, handout)
        return competence.change_problem(units, office, old_status, new_status)

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
        limit = max(1, min(limit, PULL_LIMIT_MAX))
        rows = self.storage.changes_since(desk.agency_code, cursor, limit + 1)
        more = len(rows) > limit
        rows = rows[:limit]
        changes = []
        for d in rows:
            if d.origin == desk.origin:
                continue  # the desk's own change: it has it already
            changes.append({
                "dossier": _public(d), "version": d.version,
                "events": self.storage.events_since(d.uuid, cursor, desk.origin),
            })  # fmt: skip
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
        return {
            "desk": _summarise(self.storage.desk_days(desk.id)),
            "office": _summarise(self.storage.office_days(desk.agency_code)),
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


def _summarise(days: dict[str, list[str]]) -> dict[str, dict[str, Any]]:
    return {day: {"count": len(u), "digest": day_digest(u)} for day, u in sorted(days.items())}
