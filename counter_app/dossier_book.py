"""The dossiers of this office: intake and refusal, the life cycle (status, return, rating,
apology letters), prints and reads; Counter hands it out as `counter.dossiers`.

Every write is one transaction that changes the dossier, appends its event and queues the
outbox record together, so no crash can leave one without the others.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from counter_app.i18n import _

from . import clock, codes, competence, dossier_view, result_files, supplement
from .dossier_view import DossierFilter, DossierPage, DossierSort, PageKey
from .errors import NotFound, TransitionError, ValidationError
from .intake import IntakeRequest, validate
from .lateness import LateFlag, LateState, check_apology, dossier_state, running_late
from .lifecycle import SATISFACTION_LEVELS, WITHOUT_DUE_DATE, Status, check_transition
from .models import Applicant, Dossier, Event, Office, SyncState, User
from .roles import Action, require, require_supervisor, status_action
from .stats import OnTimeReport, on_time_report
from .store.access import AccessEntry
from .sync_records import Rating
from .text import nfc
from .validation import check_length

if TYPE_CHECKING:
    from .counter import Counter

# Provincial practice (unconfirmed): the apology comes at least one working day before the date.
DEFAULT_APOLOGY_LEAD_DAYS = 1.0
# Stopped before a decision, at the applicant's request or by the office: a notice (Mẫu 05).
STOP_NOTICE = frozenset({Status.WITHDRAWN, Status.STOPPED})
CLOCK_LATEST_KEY = "clock.latest"  # the latest device time an event was written at
CLOCK_JUMPS_KEY = "clock.jumps"
# A clock set back by less than this is a correction (NTP, a manual fix), not worth a report.
CLOCK_SLACK = timedelta(minutes=5)
CLOCK_STEP = timedelta(minutes=1)  # well under the slack, so no jump goes unseen


def new_uuid() -> str:
    return str(uuid.uuid4())


class Dossiers:
    def __init__(self, counter: Counter) -> None:
        self._counter = counter
        self._store = counter._store

    # --- late dossiers and apology letters (counter_app/lateness.py) ---------------------

    def lateness(self, code: str, now: datetime | None = None) -> LateState | None:
        """'late', 'due_soon' (due within one working day) or None."""
        return dossier_state(
            self.get(code), self._counter.calendar_book.current(), now or clock.now()
        )

    def late_dossiers(self, now: datetime | None = None) -> list[LateFlag]:
        return running_late(self._store, self._counter.calendar_book.current(), now or clock.now())

    def on_time_report(
        self, date_from: date, date_to: date, by: str = "all", granularity: str | None = None
    ) -> OnTimeReport:
        """Received / settled / early / on time / late / in progress per group (stats.py)."""
        return on_time_report(self._store, date_from, date_to, by, early_granularity=granularity)

    def record_apology(self, actor: User, code: str, reason: str, new_due: datetime) -> Dossier:
        """Mẫu 04: an apology with a new appointment, in extended_due_at; due_at stays the
        original one, which the statistics judge against. Refused once the current appointment
        has passed, or closer to it than the lead time (setting `apology_lead_days`, in working
        days, default 1: provincial practice, unconfirmed)."""
        require(actor, Action.APOLOGY)
        now, new_due = clock.now(), clock.parse_iso(new_due.isoformat())
        lead = self.apology_lead_days()
        with self._store.write():
            dossier_id, d = self._get(code)
            competence.check(competence.apology_problem(d, self._counter.office().agency_code))
            reason = check_apology(
                d, reason, new_due, self._counter.calendar_book.current(), now, lead
            )
            extra = dict(d.extra)
            extra["apology_count"] = int(extra.get("apology_count", 0)) + 1
            self._store.dossiers.update(
                dossier_id,
                extended_due_at=clock.iso(new_due),
                extra=extra,
                updated_at=clock.iso(now),
            )
            updated = self._get(code)[1]
            data = {
                "reason": reason,
                "old_due_at": d.appointment,
                "new_due_at": updated.extended_due_at,
                "original_due_at": d.due_at,
                "number": extra["apology_count"],
            }
            self._log(dossier_id, updated, actor, "apology", None, None, reason, now, data)
        return updated

    def apology_lead_days(self) -> float:
        """Working days an apology letter must come before the appointment (a setting)."""
        value = self._counter.setting("apology_lead_days", DEFAULT_APOLOGY_LEAD_DAYS)
        try:
            lead = float(value)
        except (TypeError, ValueError):
            return DEFAULT_APOLOGY_LEAD_DAYS
        return lead if lead >= 0 else DEFAULT_APOLOGY_LEAD_DAYS

    # --- intake and the life cycle -------------------------------------------------------

    def intake(self, actor: User, req: IntakeRequest) -> Dossier:
        return self._create(actor, req, refuse_reason=None)

    def refuse_intake(self, actor: User, req: IntakeRequest, reason: str) -> Dossier:
        """Mẫu 03: the refusal is recorded as a dossier of its own, refused, without a due date."""
        if not nfc(reason):
            raise ValidationError({"reason": _("cần ghi lý do từ chối")})
        if problem := check_length(nfc(reason), "reason"):
            raise ValidationError({"reason": problem})
        return self._create(actor, req, refuse_reason=nfc(reason))

    def _create(self, actor: User, req: IntakeRequest, refuse_reason: str | None) -> Dossier:
        require(actor, Action.INTAKE)
        self._counter.sync_book.recovery.refuse_changes()  # early, before a code is drawn
        self._counter.event_chain.refuse_intake()  # the hub said: an older copy (chain_book.py)
        office, desk = self._counter.office(), self._counter.desk()
        now = clock.now()
        proc = self._store.procedures.get(nfc(req.procedure_code))
        valid = validate(req, proc, now)
        assert proc is not None  # validate() refuses an unknown procedure
        # Office time: the code's date and the due date follow the office's calendar day.
        received = clock.parse_iso(req.received_at.isoformat()) if req.received_at else now
        status = Status.REFUSED if refuse_reason else Status.RECEIVED
        due = (
            None
            if refuse_reason
            else clock.iso(self._counter.calendar_book.current().due_at(received, proc))
        )
        # A refusal at intake (Mẫu 03) is this office's act and goes nowhere else.
        own = (office.agency_code, office.agency_code)
        resolving, handout = own if refuse_reason else self._units(office, req)
        template = self._counter.setting("code_format", codes.DEFAULT_FORMAT)
        with self._store.write():
            seq = self._store.meta.next_sequence(
                codes.sequence_scope(office.agency_code, desk["number"], received, template)
            )
            dossier = Dossier(
                uuid=new_uuid(),
                code=codes.make_code(template, office.agency_code, desk["number"], received, seq),
                procedure_code=proc.code,
                procedure_name=proc.name,
                applicant=valid.applicant,
                received_at=clock.iso(received),
                due_at=due,
                status=status,
                received_by=actor.username,
                receiving_unit=office.agency_code,
                resolving_unit=resolving,
                handout_unit=handout,
                channel=req.channel,
                owner_name=valid.owner_name,
                owner_id_number=valid.owner_id_number,
                documents=valid.documents,
                sets=valid.sets,
                fee=proc.fee,
                notes=valid.notes,
                updated_at=clock.iso(now),
                extra={"refusal_reason": refuse_reason} if refuse_reason else {},
            )
            dossier_id = self._store.dossiers.insert(dossier)
            self._log(dossier_id, dossier, actor, "intake", None, status, refuse_reason, now)
        return dossier

    def _units(self, office: Office, req: IntakeRequest) -> tuple[str, str]:
        """(resolving, hand-out) office of a new dossier: this office unless the clerk picked
        another office of the province as competent."""
        resolving = nfc(req.resolving_unit or "").upper() or office.agency_code
        if resolving != office.agency_code and resolving not in {
            o.agency_code for o in self._counter.catalogue.province_offices()
        }:
            raise ValidationError(
                {
                    "resolving_unit": (
                        _(
                            "{resolving} không có trong danh sách cơ quan của tỉnh (đồng bộ để tải về)"
                        ).format(resolving=resolving)
                    )
                }
            )
        if req.handout not in ("receiving", "resolving"):
            raise ValidationError({"handout": _("'receiving' hoặc 'resolving'")})
        return resolving, resolving if req.handout == "resolving" else office.agency_code

    def _log(
        self,
        dossier_id: int,
        dossier: Dossier,
        actor: User,
        kind: str,
        old: Status | None,
        new: Status | None,
        note: str | None,
        at: datetime,
        data: dict[str, Any] | None = None,
    ) -> Event:
        """Append the event and queue the dossier's new state for the province, in the caller's
        transaction. Refused while a restore waits for recovery: the one place every desk
        event is written, so no change slips past (the caller's transaction is rolled back)."""
        self._counter.sync_book.recovery.refuse_changes()
        event = Event(
            uuid=new_uuid(),
            dossier_uuid=dossier.uuid,
            at=clock.iso(at),
            username=actor.username,
            kind=kind,
            old_status=old.value if old else None,
            new_status=new.value if new else None,
            note=note,
            data=data or {},
        )
        self._store.dossiers.add_event(dossier_id, event)
        self._watch_clock()
        # vars(), not asdict(): the payload is JSON-encoded at once, so a deep copy of the
        # event (asdict's) was pure cost on every intake.
        self._store.outbox.add(
            new_uuid(),
            "dossier",
            dossier.uuid,
            {"dossier": dossier.to_dict(), "event": vars(event)},
            event.at,
        )
        if kind != "intake":  # a new dossier is inserted waiting already
            self._store.dossiers.set_sync_state(dossier.uuid, SyncState.WAITING)
        return event

    def _get(self, code: str) -> tuple[int, Dossier]:
        # Codes are typed back by hand, often in lower case: try as given, then upper-cased.
        found = self._store.dossiers.by_code(nfc(code)) or self._store.dossiers.by_code(
            nfc(code).upper()
        )
        if found is None:
            raise NotFound(_("không có hồ sơ '{code}'").format(code=code))
        return found

    def get(self, code: str) -> Dossier:
        return self._get(code)[1]

    def events(self, code: str) -> list[Event]:
        return self._store.dossiers.events(self._get(code)[0])

    def change_status(
        self,
        actor: User,
        code: str,
        to: Status,
        note: str | None = None,
        at: datetime | None = None,
    ) -> Dossier:
        if note and (problem := check_length(nfc(note), "notes")):
            raise ValidationError({"note": problem})
        if to is Status.RETURNED:
            # Handing over needs the recipient's name (Mẫu 06, the portal's NgayTra/ThongTinTra).
            raise TransitionError(
                _("Trả kết quả phải ghi người nhận: dùng 'counter-app return CODE --to-person TÊN'")
            )
        require(actor, status_action(to))
        now = at or clock.now()
        with self._store.write():
            dossier_id, d = self._get(code)
            check_transition(d.status, to)
            result_files.refuse_without_file(self._store, self._counter.setting, dossier_id, d, to)
            office = self._counter.office().agency_code
            competence.check(competence.change_problem(d, office, d.status, to))
            fields: dict[str, Any] = {"status": to.value, "updated_at": clock.iso(now)}
            extra = dict(d.extra)
            if to is Status.SUPPLEMENT_REQUESTED:
                extra = supplement.pause(extra, now)
            if d.status is Status.SUPPLEMENT_REQUESTED and d.due_at:
                proc = self._store.procedures.get(d.procedure_code)
                unit = proc.time_unit if proc else None
                resumed = supplement.resume(
                    self._counter.calendar_book.current(),
                    clock.parse_iso(d.due_at),
                    extra,
                    now,
                    unit,
                )
                fields["due_at"], extra = clock.iso(resumed.due_at), resumed.extra
                if d.extended_due_at:  # the new appointment moves by the same pause
                    moved = supplement.resume(
                        self._counter.calendar_book.current(),
                        clock.parse_iso(d.extended_due_at),
                        d.extra,
                        now,
                        unit,
                    )
                    fields["extended_due_at"] = clock.iso(moved.due_at)
            if to is Status.RESULT_READY:
                fields["result_at"] = clock.iso(now)
            if to in WITHOUT_DUE_DATE:
                # Kept for the on-time statistics, which judge the stop against it.
                if last_due := fields.get("due_at", d.due_at):
                    extra["due_at_when_ended"] = last_due
                fields["due_at"] = None
            data: dict[str, Any] = {}
            if to in STOP_NOTICE:
                # Mẫu 05 (notice of stopping) prints this reason; the portal record carries it.
                data = {"reason": _clean(note) or "", "stop_notice": True}
                extra["stop_reason"] = data["reason"]
                extra["stopped_at"] = clock.iso(now)
            fields["extra"] = extra
            self._store.dossiers.update(dossier_id, **fields)
            updated = self._get(code)[1]
            self._log(dossier_id, updated, actor, "status", d.status, to, _clean(note), now, data)
        return updated

    def return_result(
        self, actor: User, code: str, to_person: str, at: datetime | None = None
    ) -> Dossier:
        require(actor, Action.RETURN_RESULT)
        person = nfc(to_person)
        if not person:
            raise ValidationError({"to_person": _("cần ghi người nhận kết quả")})
        now = at or clock.now()
        with self._store.write():
            dossier_id, d = self._get(code)
            check_transition(d.status, Status.RETURNED)
            office = self._counter.office().agency_code
            competence.check(competence.return_problem(d, office, d.handout_unit))
            self._store.dossiers.update(
                dossier_id,
                status=Status.RETURNED.value,
                returned_at=clock.iso(now),
                returned_to=person,
                updated_at=clock.iso(now),
            )
            updated = self._get(code)[1]
            self._log(
                dossier_id,
                updated,
                actor,
                "return",
                d.status,
                Status.RETURNED,
                None,
                now,
                {"returned_to": person},
            )
        return updated

    def rate(self, actor: User, code: str, level: str) -> Dossier:
        require(actor, Action.RATE)
        if level not in SATISFACTION_LEVELS:
            raise ValidationError(
                {"level": _("một trong {value}").format(value=", ".join(SATISFACTION_LEVELS))}
            )
        now = clock.now()
        with self._store.write():
            dossier_id, _dossier = self._get(code)
            self._store.dossiers.update(dossier_id, satisfaction=level, updated_at=clock.iso(now))
            updated = self._get(code)[1]
            self._log(dossier_id, updated, actor, "rating", None, None, level, now)
        return updated

    def ratings(self, code: str) -> list[Rating]:
        """The dossier's satisfaction ratings, each with its channel: the desk's own key
        ('desk') and the citizen's from the hub's page ('web', received on pull)."""
        dossier_id, d = self._get(code)
        found = self._store.ratings.of(dossier_id)
        if d.satisfaction:
            at = next(
                (
                    e.at
                    for e in reversed(self._store.dossiers.events(dossier_id))
                    if e.kind == "rating"
                ),
                d.updated_at,
            )
            found.insert(0, Rating("desk", d.satisfaction, {}, at))
        return found

    def record_print(self, actor: User, code: str, form: str) -> bool:
        """Log who printed which form; returns True when this is a reprint (a copy)."""
        require(actor, Action.PRINT)
        now = clock.now()
        with self._store.write():
            dossier_id, d = self._get(code)
            copy = printed_before(self._store.dossiers.events(dossier_id), form)
            self._log(
                dossier_id, d, actor, "print", None, None, None, now, {"form": form, "copy": copy}
            )
        return copy

    def already_printed(self, code: str, form: str) -> bool:
        """A form printed before prints as a copy (BẢN SAO): decided before rendering, so a
        failed render records nothing."""
        return printed_before(self.events(code), form)

    def search(self, text: str, limit: int | None = 50) -> list[Dossier]:
        return self._store.dossiers.search(text, limit)

    # --- reads of a citizen's data by a user, recorded ------------------------------------

    def view(self, actor: User, code: str) -> tuple[Dossier, list[Event]]:
        """A dossier and its history as a user reads them; the read is recorded (who, which
        dossier, when: nothing of the citizen)."""
        dossier_id, dossier = self._get(code)
        events = self._store.dossiers.events(dossier_id)
        self.record_access(actor, "view", [dossier.uuid])
        return dossier, events

    def search_as(self, actor: User, text: str, limit: int | None = 50) -> list[Dossier]:
        """`search` by a user: each dossier found is recorded as read (the words searched for
        are not: they are a citizen's name or number)."""
        found = self.search(text, limit)
        self.record_access(actor, "search", [d.uuid for d in found])
        return found

    def record_access(self, actor: User, action: str, dossier_uuids: list[str]) -> None:
        with self._store.write():
            self._store.access.record(clock.iso(clock.now()), actor.username, action, dossier_uuids)

    def access_log(self, actor: User, limit: int = 200) -> list[AccessEntry]:
        """The latest reads of citizens' data, newest first; supervisors only."""
        require_supervisor(actor)
        return self._store.access.recent(limit)

    def page(
        self,
        filters: DossierFilter | None = None,
        sort: DossierSort | None = None,
        after: PageKey | None = None,
        limit: int = 200,
    ) -> DossierPage:
        """One page of the dossier list (keyset: pass the previous page's next_key)."""
        return dossier_view.page(
            self._store,
            self._counter.calendar_book.current(),
            clock.now(),
            filters or DossierFilter(),
            sort or DossierSort(),
            after,
            limit,
        )

    def count(self, filters: DossierFilter | None = None) -> int:
        return dossier_view.count(
            self._store,
            self._counter.calendar_book.current(),
            clock.now(),
            filters or DossierFilter(),
        )

    def known_applicant(self, id_number: str) -> Applicant | None:
        d = self._store.dossiers.latest_by_id_number(nfc(id_number))
        return None if d is None else d.applicant

    def check_intake(self, req: IntakeRequest) -> dict[str, str]:
        """Every problem of an intake at once ({} when none), writing nothing: what the desk
        shows before it asks about missing documents."""
        proc = self._store.procedures.get(nfc(req.procedure_code))
        try:
            validate(req, proc, clock.now())
        except ValidationError as exc:
            return dict(exc.errors)
        return {}

    def _watch_clock(self) -> None:
        """In the caller's transaction: note a device clock behind the latest event."""
        now = clock.now()
        latest = self._store.meta.get(CLOCK_LATEST_KEY)
        # Moved forward at most once a minute: a meta write on every intake would also empty
        # the store's read cache of office and settings (store/freshness.py) every time.
        if latest is None or now > clock.parse_iso(latest) + CLOCK_STEP:
            self._store.meta.set(CLOCK_LATEST_KEY, clock.iso(now))
        elif now < clock.parse_iso(latest) - CLOCK_SLACK:
            jumps = list(self._store.meta.get(CLOCK_JUMPS_KEY, []))[-49:]
            jumps.append({"device_time": clock.iso(now), "latest_event": latest})
            self._store.meta.set(CLOCK_JUMPS_KEY, jumps)


def printed_before(events: list[Event], form: str) -> bool:
    return any(e.kind == "print" and e.data.get("form") == form for e in events)


def _clean(note: str | None) -> str | None:
    return nfc(note) or None if note else None
