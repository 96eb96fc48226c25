"""The core's public API. The CLI, the desktop app and the sync engine all go through it.

Every write is one transaction that changes the dossier, appends its event and queues the
outbox record together, so no crash can leave one without the others.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, replace
from datetime import date, datetime, time, timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from counter_app.i18n import _

from . import (
    backup_archive,
    catalogue,
    clock,
    codes,
    competence,
    dossier_view,
    office_heading,
    result_files,
    sealed_backup,
    signing,
    supplement,
)
from .accounts import Accounts
from .attachments import Attachments
from .calendar import CalendarOverride, WorkCalendar
from .chain_book import EventChain
from .dossier_view import DossierFilter, DossierPage, DossierSort, PageKey
from .drafts import DraftBook
from .errors import (
    CounterError,
    NotConfigured,
    NotFound,
    PermissionDenied,
    TransitionError,
    ValidationError,
)
from .intake import IntakeRequest, validate
from .lateness import LateFlag, LateState, check_apology, dossier_state, running_late
from .lifecycle import SATISFACTION_LEVELS, WITHOUT_DUE_DATE, Status, check_transition
from .local_calendar import CalendarEntry, LocalCalendar
from .models import Applicant, Dossier, Event, Office, Procedure, Role, SyncState, User
from .office_setup import office_problems
from .offices import OFFICES_KEY, ProvinceOffice, parse_offices
from .result_files import ResultFiles
from .return_desk import ReturnDesk
from .roles import Action, require, status_action
from .secret_store import BACKUP_PASSPHRASE, SecretStore
from .stats import OnTimeReport, on_time_report
from .store import Store
from .store.access import AccessEntry
from .sync_records import Rating
from .syncbook import SyncBook
from .text import nfc
from .validation import check_length

if TYPE_CHECKING:  # imported where a key is used (counter_app/signing.py): not at start
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

# Provincial practice (unconfirmed): the apology comes at least one working day before the date.
DEFAULT_APOLOGY_LEAD_DAYS = 1.0
# Stopped before a decision, at the applicant's request or by the office: a notice (Mẫu 05).
STOP_NOTICE = frozenset({Status.WITHDRAWN, Status.STOPPED})
TRAINING_KEY = "office.training"
CLOCK_LATEST_KEY = "clock.latest"  # the latest device time an event was written at
CLOCK_JUMPS_KEY = "clock.jumps"
# A clock set back by less than this is a correction (NTP, a manual fix), not worth a report.
CLOCK_SLACK = timedelta(minutes=5)
CLOCK_STEP = timedelta(minutes=1)  # well under the slack, so no jump goes unseen


def new_uuid() -> str:
    return str(uuid.uuid4())


class Counter:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._calendar = LocalCalendar(store)
        self.accounts = Accounts(store)

    @classmethod
    def open(cls, data_dir: Path) -> Counter:
        counter = cls(Store.open_dir(data_dir))
        try:
            counter._refuse_pinned_clock()
        except CounterError:
            counter.close()
            raise
        return counter

    def _refuse_pinned_clock(self) -> None:
        """COUNTER_APP_NOW makes demos and tests reproducible; on a real office's database it
        would let any local user backdate events or wait out a lockout in a second."""
        if clock.pinned() is None or not self.is_configured() or self.is_training():
            return
        raise PermissionDenied(
            _(
                "COUNTER_APP_NOW chỉ dùng cho thử nghiệm và trình diễn, không dùng cho cơ sở dữ liệu của một cơ quan thật: bỏ biến này"
            )
        )

    def is_training(self) -> bool:
        """A demo or training office (set at setup): its clock may be pinned."""
        return bool(self._store.meta.get(TRAINING_KEY, False))

    def close(self) -> None:
        self._store.close()

    # --- configuration -------------------------------------------------------------------

    def is_configured(self) -> bool:
        return self._store.meta.get("office") is not None

    def office(self) -> Office:
        data = self._store.meta.get("office")
        if data is None:
            raise NotConfigured(_("Quầy chưa được thiết lập: chạy 'counter-app setup'"))
        return Office(**data)

    def desk(self) -> dict[str, Any]:
        self.office()
        return dict(self._store.meta.get("desk"))

    def setting(self, key: str, default: Any = None) -> Any:
        return self._store.meta.get(f"setting.{key}", default)

    def form_heading(self) -> str:
        """The office's own name as it heads every form (setting `form_heading`); an office
        that never set it is the commune's Public Administration Service Center."""
        return office_heading.heading(self.office(), self.setting(office_heading.SETTING))

    def set_form_heading(self, actor: User, name: str) -> str:
        """Supervisors only; the name is refused when empty or too long, and nothing changes."""
        value = office_heading.check(name)
        self.set_setting(actor, office_heading.SETTING, value)
        return value

    # --- receipt signing keys (counter_app/signing.py) ---------------------------------

    @cached_property
    def secrets(self) -> SecretStore:
        """The hub token, the signing key and the backup passphrase: kept outside the database
        (counter_app/secret_store.py)."""
        desk = self._store.meta.get("desk") or {}
        return SecretStore(self._store.path.parent, str(desk.get("uuid") or "unset"))

    def signing_key(self) -> Ed25519PrivateKey:
        """This desk's Ed25519 key; made on first use for a counter set up before keys."""
        key = signing.private_key(self.secrets)
        if key is None:
            with self._store.write():
                key = signing.private_key(self.secrets) or signing.create_key(self.secrets)
        return key

    def desk_public_key(self) -> str:
        """Base64url of the raw 32-byte public key that the province registers for this desk."""
        return signing.public_key_text(self.signing_key())

    def add_known_desk_key(
        self, desk: str, agency_code: str, public_key: str, valid_until: str | None = None
    ) -> None:
        """Another desk's key, so its receipts verify here; `desk` is its desk number as text,
        as printed in its receipts' QR payload."""
        with self._store.write():
            signing.add_known_key(self._store.meta, desk, agency_code, public_key, valid_until)

    def known_desk_keys(self) -> list[signing.DeskKey]:
        return signing.known_keys(self._store.meta)

    def setup(
        self,
        office: Office,
        desk_name: str,
        admin: str,
        admin_full_name: str,
        password: str,
        desk_number: int = 1,
        training: bool = False,
    ) -> User:
        if self.is_configured():
            raise ValidationError({"office": _("quầy đã được thiết lập")})
        codes.check_desk_number(desk_number)
        if errors := office_problems(office):
            raise ValidationError(errors)
        office = replace(office, name=nfc(office.name), address=nfc(office.address))
        with self._store.write():
            self._store.meta.set("office", asdict(office))
            self._store.meta.set(
                "desk", {"name": nfc(desk_name), "number": desk_number, "uuid": new_uuid()}
            )
            self._store.meta.set("setting.code_format", codes.DEFAULT_FORMAT)
            self._store.meta.set(TRAINING_KEY, training)
            self.__dict__.pop("secrets", None)  # its scope is the desk made just now
            signing.create_key(self.secrets)
            return self.accounts.add_first(admin, admin_full_name, Role.SUPERVISOR, password)

    # --- users and login (counter_app/accounts.py) -------------------------------------
    # Thin delegates kept for the many callers of this round; new code uses counter.accounts.

    def login(self, username: str, password: str) -> User:
        return self.accounts.login(username, password)

    def add_user(
        self, actor: User, username: str, full_name: str, role: Role, password: str
    ) -> User:
        return self.accounts.add(actor, username, full_name, role, password)

    def users(self) -> list[User]:
        return self.accounts.users()

    def disable_user(self, actor: User, username: str) -> None:
        self.accounts.disable(actor, username)

    # --- catalogue ---------------------------------------------------------------------

    def import_procedures(self, actor: User, procedures: list[Procedure]) -> int:
        require(actor, Action.IMPORT_PROCEDURES)
        return self.load_procedures(procedures)

    def load_procedures(self, procedures: list[Procedure]) -> int:
        """Used by setup's demo data and by the sync engine's catalogue pull."""
        at = clock.iso(clock.now())
        procedures = catalogue.normalise(procedures)
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

    # --- calendar ----------------------------------------------------------------------

    def calendar(self) -> WorkCalendar:
        """The office's working calendar (counter_app/local_calendar.py); cached, so intake may
        call it every time: rebuilt only after a change of the calendar or the sessions."""
        return self._calendar.current()

    def due_date(self, procedure_code: str, received_at: datetime) -> datetime:
        return self.calendar().due_at(received_at, self.procedure(procedure_code))

    def work_sessions(self) -> tuple[tuple[time, time], ...]:
        return self._calendar.sessions()

    def set_work_sessions(self, actor: User, sessions: tuple[tuple[time, time], ...]) -> None:
        require(actor, Action.EDIT_CALENDAR)
        self._calendar.set_sessions(sessions)

    def add_day_off(self, actor: User, day: date, reason: str) -> CalendarOverride:
        require(actor, Action.EDIT_CALENDAR)
        return self._calendar.set_local(actor, day, "off", reason)

    def add_working_day(self, actor: User, day: date, reason: str) -> CalendarOverride:
        require(actor, Action.EDIT_CALENDAR)
        return self._calendar.set_local(actor, day, "work", reason)

    def remove_calendar_day(self, actor: User, day: date) -> None:
        """Removes this office's entry; a provincial entry on that date applies again."""
        require(actor, Action.EDIT_CALENDAR)
        self._calendar.remove_local(actor, day)

    def calendar_days(self, year: int) -> list[CalendarOverride]:
        """Stored overrides of a year, local and provincial; national days: national_days()."""
        return self._calendar.days(year)

    def calendar_entries(self, year: int) -> list[CalendarEntry]:
        """The year's listing: national days and overrides, which one decides each date, and
        who changed it (`counter-app calendar list`)."""
        return self._calendar.entries(year)

    def apply_published_calendar(self, days: list[CalendarOverride], version: int) -> int:
        """The province's calendar replaces its earlier entries (local ones win on a date);
        returns the dates added, changed or removed, 0 for a version already applied."""
        return self._calendar.apply_published(days, version)

    def published_calendar_version(self) -> int:
        return self._calendar.published_version()

    # --- late dossiers and apology letters (counter_app/lateness.py) ---------------------

    def lateness(self, code: str, now: datetime | None = None) -> LateState | None:
        """'late', 'due_soon' (due within one working day) or None."""
        return dossier_state(self.dossier(code), self.calendar(), now or clock.now())

    def late_dossiers(self, now: datetime | None = None) -> list[LateFlag]:
        return running_late(self._store, self.calendar(), now or clock.now())

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
            competence.check(competence.apology_problem(d, self.office().agency_code))
            reason = check_apology(d, reason, new_due, self.calendar(), now, lead)
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
        value = self.setting("apology_lead_days", DEFAULT_APOLOGY_LEAD_DAYS)
        try:
            lead = float(value)
        except (TypeError, ValueError):
            return DEFAULT_APOLOGY_LEAD_DAYS
        return lead if lead >= 0 else DEFAULT_APOLOGY_LEAD_DAYS

    # --- the province's offices (dossiers received for another commune) ------------------

    def province_offices(self) -> list[ProvinceOffice]:
        """The offices of the province a dossier may be received for, as the hub publishes
        them with the catalogue; this office first."""
        own = self.office()
        listed = [ProvinceOffice(**o) for o in self._store.meta.get(OFFICES_KEY, [])]
        others = [o for o in listed if o.agency_code != own.agency_code]
        return [ProvinceOffice(own.agency_code, own.name), *others]

    def load_province_offices(self, offices: list[dict[str, Any]]) -> int:
        """Replaces the list (the sync engine's pull, or a file); every bad entry is named."""
        clean = parse_offices(offices)
        with self._store.write():
            self._store.meta.set(OFFICES_KEY, [asdict(o) for o in clean])
        return len(clean)

    # --- dossiers ----------------------------------------------------------------------

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
        self.sync_book.recovery.refuse_changes()  # early, before a code is drawn; see _log
        self.event_chain.refuse_intake()  # the hub said: an older copy (chain_book.py)
        office, desk = self.office(), self.desk()
        now = clock.now()
        proc = self._store.procedures.get(nfc(req.procedure_code))
        valid = validate(req, proc, now)
        assert proc is not None  # validate() refuses an unknown procedure
        # Office time: the code's date and the due date follow the office's calendar day.
        received = clock.parse_iso(req.received_at.isoformat()) if req.received_at else now
        status = Status.REFUSED if refuse_reason else Status.RECEIVED
        due = None if refuse_reason else clock.iso(self.calendar().due_at(received, proc))
        # A refusal at intake (Mẫu 03) is this office's act and goes nowhere else.
        own = (office.agency_code, office.agency_code)
        resolving, handout = own if refuse_reason else self._units(office, req)
        template = self.setting("code_format", codes.DEFAULT_FORMAT)
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
            o.agency_code for o in self.province_offices()
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
            raise ValidationError({"handout": "'receiving' hoặc/or 'resolving'"})
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
        self.sync_book.recovery.refuse_changes()
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

    def dossier(self, code: str) -> Dossier:
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
            result_files.refuse_without_file(self._store, self.setting, dossier_id, d, to)
            office = self.office().agency_code
            competence.check(competence.change_problem(d, office, d.status, to))
            fields: dict[str, Any] = {"status": to.value, "updated_at": clock.iso(now)}
            extra = dict(d.extra)
            if to is Status.SUPPLEMENT_REQUESTED:
                extra = supplement.pause(extra, now)
            if d.status is Status.SUPPLEMENT_REQUESTED and d.due_at:
                proc = self._store.procedures.get(d.procedure_code)
                unit = proc.time_unit if proc else None
                resumed = supplement.resume(
                    self.calendar(), clock.parse_iso(d.due_at), extra, now, unit
                )
                fields["due_at"], extra = clock.iso(resumed.due_at), resumed.extra
                if d.extended_due_at:  # the new appointment moves by the same pause
                    moved = supplement.resume(
                        self.calendar(), clock.parse_iso(d.extended_due_at), d.extra, now, unit
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
            office = self.office().agency_code
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

    def view_dossier(self, actor: User, code: str) -> tuple[Dossier, list[Event]]:
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

    def dossier_page(
        self,
        filters: DossierFilter | None = None,
        sort: DossierSort | None = None,
        after: PageKey | None = None,
        limit: int = 200,
    ) -> DossierPage:
        """One page of the dossier list (keyset: pass the previous page's next_key)."""
        return dossier_view.page(
            self._store,
            self.calendar(),
            clock.now(),
            filters or DossierFilter(),
            sort or DossierSort(),
            after,
            limit,
        )

    def count_dossiers(self, filters: DossierFilter | None = None) -> int:
        return dossier_view.count(
            self._store, self.calendar(), clock.now(), filters or DossierFilter()
        )

    def set_setting(self, actor: User, key: str, value: Any) -> None:
        """An office setting read by setting() (e.g. receipt_paper); supervisors only."""
        require(actor, Action.CHANGE_SETTINGS)
        with self._store.write():
            self._store.meta.set(f"setting.{key}", value)

    def known_applicant(self, id_number: str) -> Applicant | None:
        d = self._store.dossiers.latest_by_id_number(nfc(id_number))
        return None if d is None else d.applicant

    def pending_sync_count(self) -> int:
        return self._store.outbox.pending_count()

    @cached_property
    def attachments(self) -> Attachments:
        """Attached files: scans at intake, electronic results (counter_app/attachments.py)."""
        return Attachments(self._store, self.setting, self._log_attachment)

    def _log_attachment(
        self, dossier_id: int, dossier: Dossier, actor: User, kind: str, data: dict[str, Any]
    ) -> None:
        self._log(dossier_id, dossier, actor, kind, None, None, None, clock.now(), data)

    @cached_property
    def event_chain(self) -> EventChain:
        """The hash chain of this desk's events (counter_app/chain_book.py)."""
        return EventChain(self._store, self.signing_key)

    @property
    def result_files(self) -> ResultFiles:
        """Electronic results: the required setting, result ready with its file."""
        return ResultFiles(self, self._store)

    @property
    def sync_book(self) -> SyncBook:
        """Sync bookkeeping for the sync engine and the supervisor (counter_app/syncbook.py)."""
        return SyncBook(self, self._store)

    @property
    def return_desk(self) -> ReturnDesk:
        """Finding a dossier without its receipt; results waiting (counter_app/return_desk.py)."""
        return ReturnDesk(self)

    @property
    def drafts(self) -> DraftBook:
        """Half-typed intakes kept as they are typed (counter_app/drafts.py)."""
        return DraftBook(self)

    def check_intake(self, req: IntakeRequest) -> dict[str, str]:
        """Every problem of an intake at once ({} when none), writing nothing: what the desk
        shows before it asks about missing documents."""
        proc = self._store.procedures.get(nfc(req.procedure_code))
        try:
            validate(req, proc, clock.now())
        except ValidationError as exc:
            return dict(exc.errors)
        return {}

    def set_server(self, url: str, token: str, ca_file: str | None = None) -> None:
        """The provincial hub this desk syncs with, and the token it was enrolled with."""
        self.sync_book.set_server(url, token, ca_file)

    # --- maintenance -------------------------------------------------------------------

    def check(self) -> list[str]:
        return (
            self._store.integrity_errors()
            + self._store.dossiers.invariant_errors()
            + self.attachments.problems()
            + self.event_chain.problems()
        )

    def clock_jumps(self) -> list[dict[str, str]]:
        """Times this desk's clock was found behind an event it had already written: events
        keep the device time as it was; this is what a supervisor (and `check`) is told."""
        return list(self._store.meta.get(CLOCK_JUMPS_KEY, []))

    def _watch_clock(self) -> None:
        """In the caller's transaction: note a device clock behind the latest event."""
        now = clock.now()
        latest = self._store.meta.get(CLOCK_LATEST_KEY)
        # Moved forward at most once a minute: a meta write on every intake would also empty
        # the store's read cache of office and settings (store/freshness.py) every time.
        if latest is None or now > clock.parse_iso(latest) + CLOCK_STEP:
            self._store.meta.set(CLOCK_LATEST_KEY, clock.iso(now))
        elif now < clock.parse_iso(latest) - CLOCK_SLACK:
            jumps = self.clock_jumps()[-49:]
            jumps.append({"device_time": clock.iso(now), "latest_event": latest})
            self._store.meta.set(CLOCK_JUMPS_KEY, jumps)

    def set_backup_passphrase(self, actor: User, passphrase: str) -> None:
        """The supervisor's passphrase that seals every backup (kept with the other secrets,
        so that backups can be made without asking; `restore` always asks for it)."""
        require_supervisor(actor)
        if problem := sealed_backup.passphrase_problem(passphrase):
            raise ValidationError({"passphrase": problem})
        self.secrets.set(BACKUP_PASSPHRASE, passphrase)

    def backup(self, target: Path) -> list[str]:
        """The database and the attached files sealed with the backup passphrase, written
        privately and moved into place only when complete; returns the stored files left out
        (altered on this desk). No secret is in it: they live outside the database."""
        passphrase = self.secrets.get(BACKUP_PASSPHRASE)
        if not passphrase:
            raise ValidationError(
                {
                    "passphrase": (
                        _("chưa đặt mật khẩu sao lưu: chạy 'counter-app backup-passphrase'")
                    )
                }
            )
        # The attached files go inside, sealed with the same key (counter_app/backup_archive.py).
        return backup_archive.write(target, self._store.image(), self.attachments.files, passphrase)

    @staticmethod
    def restore(data_dir: Path, backup: Path, passphrase: str) -> Path:
        """Put a sealed backup in place of this folder's database; returns where the database
        it replaced was kept. A wrong passphrase or a damaged file changes nothing."""
        return backup_archive.restore(data_dir, backup, passphrase)


def require_supervisor(actor: User) -> None:
    """Kept for the sync CLI of this round: its commands are roles.Action.MANAGE_SYNC."""
    require(actor, Action.MANAGE_SYNC)


def printed_before(events: list[Event], form: str) -> bool:
    return any(e.kind == "print" and e.data.get("form") == form for e in events)


def _is_agency_code(code: str) -> bool:
    return len(code) <= 35 and all(c.isdigit() or ("A" <= c <= "Z") or c == "." for c in code)


def _clean(note: str | None) -> str | None:
    return nfc(note) or None if note else None
