"""The hub's rules, apart from HTTP: who may push what, idempotent acks, conflicts, pulls.

Protocol v1 (docs/sync-protocol.md). Every method that writes runs in one storage
transaction, so an answer is only ever given for what is committed.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from counter_app import clock, competence
from counter_app.errors import NotFound, ValidationError
from counter_app.event_chain import ChainHead
from counter_app.i18n import both
from counter_app.lifecycle import NATIONAL_CODE, WITHOUT_DUE_DATE, Status, check_transition
from counter_app.offices import OFFICES_KIND

from ..protocol import summarise_days, text_hash
from .chains import current_head, take_chain
from .models import PushPayload
from .ratings import rating_change
from .records import PayloadError, ed25519_key, own_code, parse_payload
from .storage import Desk, HubDossier, HubStorage

PROVINCE = "province"
# A desk's own bookkeeping inside its dossier snapshots; meaningless at the hub.
LOCAL_ONLY = ("sync_state", "sync_error")
# The hub's own bookkeeping inside a stored snapshot: the desk's number and record that wrote it.
HUB_ONLY = ("origin_seq", "origin_record")
PULL_LIMIT_MAX = 1000
RECOVERY_LIMIT_MAX = 500
# No desk's origin: events of every origin.
NO_ORIGIN = ""
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
        if not re.fullmatch(r"[1-9]", desk):
            # The desk number is the first digit of every code the desk issues (codes.py).
            raise ValidationError({"desk": "số quầy phải từ 1 đến 9 / desk number must be 1–9"})
        if not re.fullmatch(r"[0-9A-Za-z.]{1,40}", agency_code):
            raise ValidationError({"agency_code": "mã cơ quan không hợp lệ / invalid agency code"})
        token = new_desk_token()
        with self.storage.transaction():
            self.storage.add_desk(agency_code, desk, token_hash(token), clock.iso(clock.now()))
        return token

    def authenticate(self, token: str) -> Desk | None:
        return self.storage.desk_by_token(token_hash(token)) if token else None

    def register_key(self, desk: Desk, public_key: str) -> bool:
        """The installation's QR-signing key, kept from its first sync on (until the desk is
        enrolled again); False if it differs. Not a valid Ed25519 key: ValidationError."""
        if not ed25519_key(public_key):
            raise ValidationError(
                {
                    "public_key": "khóa công khai không phải Ed25519 (32 byte "
                    "base64url) / not an Ed25519 public key (32 bytes, base64url)"
                }
            )
        if desk.public_key == public_key:
            return True
        if desk.public_key:
            return False
        with self.storage.transaction():
            # The first key wins, also when two processes register two keys at once.
            now = clock.iso(clock.now())
            return self.storage.set_desk_key(desk.id, public_key, now) == public_key

    # --- push --------------------------------------------------------------------------------

    def push(
        self, desk: Desk, records: list[dict[str, Any]], head: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        return self.push_chained(desk, records, head)[0]

    def push_chained(
        self, desk: Desk, records: list[dict[str, Any]], head: dict[str, Any] | None
    ) -> tuple[list[dict[str, Any]], ChainHead | None]:
        """The acks, and the head of the desk's event chain the hub holds after this push.
        ChainBroken (chains.py) when the chain does not continue: nothing is stored."""
        now = clock.iso(clock.now())
        # Parsed and checked before the write lock is taken: the lock is the whole province's.
        changes = [_parse(rec) for rec in records]
        with self.storage.transaction():
            held = take_chain(self.storage, desk, records, head, now)
            batch = PushBatch(self.storage, records, changes)
            answers = [
                self._push_one(batch, desk, rec, change, now)
                for rec, change in zip(records, changes, strict=True)
            ]
            batch.flush(desk.id, now)
            return [self._with_current(answer, desk) for answer in answers], held

    def chain_head(self, desk: Desk) -> ChainHead | None:
        """The last link of this desk's event chain the hub holds (a restored desk continues
        from it: Counter.event_chain.adopt_chain_head)."""
        with self.storage.snapshot():
            return current_head(self.storage, desk)

    def _push_one(
        self, db: PushBatch, desk: Desk, rec: Any, change: PushPayload | str, now: str
    ) -> dict[str, Any]:
        uuid = rec.get("uuid") if isinstance(rec, dict) else None
        if not isinstance(uuid, str) or not uuid:
            return {"uuid": uuid, "status": "rejected", "error": "record without uuid"}
        first = db.record_answer(uuid, desk.id)
        if first is not None:
            return {**first, "repeat": True}
        if db.taken_by_another(uuid, desk.id):
            # Idempotency keys belong to the desk that sent them: never another desk's answer.
            return _rejected(uuid, "record uuid already used by another desk")
        if isinstance(change, str):
            return _rejected(uuid, f"malformed record: {change}")
        text = rec["payload"]
        day = str(rec.get("created_at") or change.dossier.received_at)[:10]
        seq = int(rec.get("seq") or 0)
        base = int(rec.get("base_version") or 0)
        d = change.dossier.model_dump(mode="json", exclude=set(LOCAL_ONLY) | set(HUB_ONLY))
        event = change.event.model_dump(mode="json")
        d_uuid, code, unit = change.dossier.uuid, change.dossier.code, change.dossier.receiving_unit
        if change.event.dossier_uuid != d_uuid:
            return _rejected(uuid, "malformed record: the event belongs to another dossier")
        hub = db.dossier(d_uuid)
        office = desk.agency_code
        if hub is None and unit != office:
            return _rejected(uuid, f"dossier received by {unit}, this desk belongs to {office}")
        if hub is None and not own_code(code, desk):
            return _rejected(
                uuid,
                f"dossier code {code} is not of this desk ({office}, desk "
                f"{desk.desk}): a new code must be {office}-yyMMdd-{desk.desk}NNN",
            )
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
        if hub is not None:
            # What the hub owns is never the desk's to change: the code, where it was taken in.
            d.update(code=hub.code, receiving_unit=hub.receiving_unit)
            code, unit = hub.code, hub.receiving_unit
        received_day = d["received_at"][:10] if hub is None else str(hub.data["received_at"])[:10]
        version = db.next_version()
        conflict = hub is not None and hub.origin != desk.origin and hub.version > base
        stale = hub is not None and _stale(hub, desk, seq)
        h = text_hash(text)
        if conflict:
            assert hub is not None
            db.add_conflict(
                d_uuid,
                uuid,
                desk.id,
                now,
                {
                    "hub_status": hub.status,
                    "desk_status": d["status"],
                    "hub_version": hub.version,
                    "base_version": base,
                },
            )
        elif not stale:
            # The offices are fixed at intake: a desk's later snapshot cannot move them.
            units = (
                _new_units(d, unit)
                if hub is None
                else (hub.receiving_unit, hub.resolving_unit, hub.handout_unit)
            )
            db.put_dossier(
                HubDossier(
                    d_uuid,
                    code,
                    *units,
                    d["status"],
                    {**d, "origin_seq": seq, "origin_record": uuid},
                    version,
                    desk.origin,
                ),
                received_day,
            )
        db.add_event(change.event.uuid, d_uuid, version, desk.origin, event)
        answer: dict[str, Any] = {
            "uuid": uuid,
            "status": "conflict" if conflict else "stale" if stale else "stored",
            "version": version,
            "hash": h,
        }
        if stale:
            # Its event is kept, its snapshot is not: one of this desk with a higher sequence
            # number is here. Either retries reordered the desk's own records, or the desk
            # was restored from a backup and reuses numbers (docs/sync-protocol.md, Recovery);
            # `seq` lets the desk tell which.
            assert hub is not None
            answer["seq"] = int(hub.data.get("origin_seq") or 0)
            answer["record"] = hub.data.get("origin_record")
        db.save_record(uuid, desk.id, d_uuid, day, h, answer, now)
        return answer

    def _competence_problem(
        self, hub: HubDossier | None, d: dict[str, Any], event: dict[str, Any], office: str
    ) -> str | None:
        """Only the resolving office decides, only the hand-out office returns; the receiving
        office of a new dossier names a resolving office the province published."""
        receiving, resolving, handout = (
            _new_units(d, str(d["receiving_unit"]))
            if hub is None
            else (hub.receiving_unit, hub.resolving_unit, hub.handout_unit)
        )
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
        return {
            **answer,
            "current": {"dossier": _public(current), "version": current.version, "events": events},
        }

    # --- recovery of a desk restored from a backup ----------------------------------------

    def recovery(self, desk: Desk, since: int, limit: int) -> dict[str, Any]:
        """What the hub holds from this desk past a version: the dossiers of its office it
        wrote an event of (snapshot and every event, oldest change first, paged), the highest
        outbox sequence number its snapshots carry, and its own highest dossier code of each
        day. Nothing of another desk's dossiers or of another office."""
        limit = max(1, min(limit, RECOVERY_LIMIT_MAX))
        with self.storage.snapshot():
            rows = self.storage.desk_changes_since(desk.agency_code, desk.origin, since, limit + 1)
            more = len(rows) > limit
            rows = rows[:limit]
            # Every event, not only those after `since`: a dossier the desk lost entirely must
            # come back whole (its events lead to its status).
            events = self.storage.events_since_many([d.uuid for d in rows], 0, NO_ORIGIN)
            # The desk's own records of them, so its reconciliation counts them again.
            records = self.storage.desk_records_of(desk.id, [d.uuid for d in rows])
            seq = self.storage.highest_seq(desk.origin, since)
            codes = _highest_codes(
                (c, day)
                for c, day in self.storage.codes_since(desk.agency_code, since)
                if own_code(c, desk)
            )
        return {
            "cursor": rows[-1].version if rows else since,
            "more": more,
            "seq": seq,
            "codes": codes,
            "records": [{"uuid": u, "dossier_uuid": d, "day": day} for u, d, day in records],
            "changes": [
                {"dossier": _public(d), "version": d.version, "events": events.get(d.uuid, [])}
                for d in rows
            ],
        }

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
        changes = [
            {"dossier": _public(d), "version": d.version, "events": events.get(d.uuid, [])}
            for d in theirs
        ]
        answer: dict[str, Any] = {
            "cursor": rows[-1].version if rows else cursor,
            "more": more,
            "changes": changes,
        }
        # Citizens' ratings share the version sequence: those up to the page's last change,
        # or all of them on the last page (then the cursor may move past the last change).
        ratings = self.storage.ratings_since(
            desk.agency_code, cursor, answer["cursor"] if more else None
        )
        if ratings:
            answer["ratings"] = [rating_change(r) for r in ratings]
            answer["cursor"] = max(answer["cursor"], ratings[-1].version)
        for kind in ("calendar", "procedures", OFFICES_KIND):
            published = self.storage.publication(kind)
            if published and published[0] > known.get(kind, 0):
                answer[kind] = {"version": published[0], "data": published[1]}
        units = {desk.agency_code} | {d.receiving_unit for d in rows}
        # Retired keys too, with their validity: receipts signed before a reinstall still
        # verify (at the reinstalled desk as well, so only its current key is left out).
        answer["desk_keys"] = [
            {
                "agency_code": k.agency_code,
                "desk": k.desk,
                "public_key": k.public_key,
                "valid_from": k.valid_from,
                "valid_until": k.valid_until,
            }
            for k in self.storage.office_desk_keys(units)
            if k.desk_id != desk.id or k.valid_until is not None
        ]
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
            data.update(
                status=to.value, national_status=NATIONAL_CODE[to], updated_at=clock.iso(now)
            )
            if to is Status.RESULT_READY:
                data["result_at"] = clock.iso(now)
            if to in WITHOUT_DUE_DATE:
                data["due_at"] = None
            if handout_unit:
                data["extra"] = {**(data.get("extra") or {}), "handout_unit": handout_unit}
            version = self.storage.next_version()
            updated = replace(
                d,
                status=to.value,
                data=data,
                version=version,
                origin=PROVINCE,
                handout_unit=handout_unit or d.handout_unit,
            )
            self.storage.put_dossier(updated, str(data["received_at"])[:10])
            event = {
                "uuid": f"province-{version}-{secrets.token_hex(8)}",
                "dossier_uuid": d.uuid,
                "at": clock.iso(now),
                "username": PROVINCE,
                "kind": "status",
                "old_status": old.value,
                "new_status": to.value,
                "note": note,
                "data": {"handout_unit": handout_unit} if handout_unit else {},
            }
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

    def __init__(
        self,
        storage: HubStorage,
        records: list[dict[str, Any]],
        changes: list[PushPayload | str],
    ) -> None:
        self.storage = storage
        uuids, dossiers, codes = [], [], []
        for rec, change in zip(records, changes, strict=True):
            uuid = rec.get("uuid") if isinstance(rec, dict) else None
            if isinstance(uuid, str) and len(uuid) <= KEY_MAX and "\x00" not in uuid:
                uuids.append(uuid)
            if not isinstance(change, str):
                dossiers.append(change.dossier.uuid)
                codes.append(change.dossier.code)
        self.answers, by_uuid, by_code = storage.push_reads(uuids, dossiers, codes)
        self.dossiers: dict[str, HubDossier | None] = dict(by_uuid)
        self.codes = {code: d.uuid for code, d in by_code.items()}
        self.versions: list[int] = []
        self.wanted = len(records)
        self.puts: list[tuple[HubDossier, str]] = []
        self.events: list[tuple[str, str, int, str, dict[str, Any]]] = []
        self.records: list[tuple[str, int, str, str, str, dict[str, Any], str]] = []
        self.conflicts: list[tuple[str, str, int, str, dict[str, Any]]] = []

    def record_answer(self, uuid: str, desk_id: int) -> dict[str, Any] | None:
        """The answer this desk was given for this record UUID, if it sent it before."""
        found = self.answers.get(uuid)
        return found[1] if found is not None and found[0] == desk_id else None

    def taken_by_another(self, uuid: str, desk_id: int) -> bool:
        found = self.answers.get(uuid)
        return found is not None and found[0] != desk_id

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
        self,
        uuid: str,
        desk_id: int,
        dossier_uuid: str,
        day: str,
        content_hash: str,
        answer: dict[str, Any],
        at: str,
    ) -> None:
        self.records.append((uuid, desk_id, dossier_uuid, day, content_hash, answer, at))
        self.answers[uuid] = (desk_id, answer)

    def add_conflict(
        self, dossier_uuid: str, record_uuid: str, desk_id: int, at: str, detail: dict[str, Any]
    ) -> None:
        self.conflicts.append((dossier_uuid, record_uuid, desk_id, at, detail))

    def flush(self, desk_id: int, now: str) -> None:
        self.storage.write_push(
            self.puts, self.events, self.records, self.conflicts, (desk_id, now)
        )


def _stale(hub: HubDossier, desk: Desk, seq: int) -> bool:
    """An older snapshot from the same desk arriving after a newer one (retries reorder)."""
    return hub.origin == desk.origin and seq <= int(hub.data.get("origin_seq") or 0)


def _highest_codes(codes: Iterable[tuple[str, str]]) -> list[dict[str, str]]:
    """The highest code of each received day (a longer number is a higher one: 11000 > 1999)."""
    best: dict[str, str] = {}
    for code, day in codes:
        number = code.rsplit("-", 1)[-1]
        held = best.get(day, "").rsplit("-", 1)[-1]
        if (len(number), number) > (len(held), held):
            best[day] = code
    return [{"code": code, "received_day": day} for day, code in sorted(best.items())]


def _public(d: HubDossier) -> dict[str, Any]:
    data = {k: v for k, v in d.data.items() if k not in HUB_ONLY}
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


def _parse(rec: Any) -> PushPayload | str:
    """The record's change, typed, or why it is refused."""
    text = rec.get("payload") if isinstance(rec, dict) else None
    if not isinstance(text, str):
        return "payload must be the JSON text of the change"
    try:
        return parse_payload(text)
    except PayloadError as exc:
        return str(exc)


def _rejected(uuid: str, error: str) -> dict[str, Any]:
    return {"uuid": uuid, "status": "rejected", "error": error}


def new_desk_token() -> str:
    """A desk's bearer token. Never starting with "-": pasted after `--token` on a command line
    (setup, server set), argparse would take it for an option (1 token in 64 did)."""
    while (token := secrets.token_urlsafe(32)).startswith("-"):
        pass
    return token
