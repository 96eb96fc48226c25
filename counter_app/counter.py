"""The core's public API: the CLI, the desktop app and the sync engine all go through it.

Counter opens and closes an office's folder, holds its office, desk and settings, and hands out
the core's services, each in its own module (as Anki's Collection hands out col.decks,
col.sched): `dossiers` (intake and the life cycle), `catalogue` (procedures, the province's
offices), `calendar_book` (sessions, days off, due dates), `accounts` (users, login),
`keys` (receipt signing), `backups`, `attachments`, `sync_book`, `return_desk`, `drafts`.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from counter_app.i18n import _

from . import backup_archive, clock, codes, office_heading, signing
from .accounts import Accounts
from .attachments import Attachments
from .backups import Backups
from .calendar_book import CalendarBook
from .catalogue import Catalogue
from .chain_book import EventChain
from .desk_keys import DeskKeys
from .dossier_book import CLOCK_JUMPS_KEY, Dossiers
from .drafts import DraftBook
from .errors import CounterError, NotConfigured, PermissionDenied, ValidationError
from .models import Dossier, Office, Role, User
from .office_setup import office_problems
from .result_files import ResultFiles
from .return_desk import ReturnDesk
from .roles import Action, require
from .roles import require_supervisor as require_supervisor  # the sync CLI's import
from .secret_store import SecretStore
from .store import Store
from .syncbook import SyncBook
from .text import nfc

TRAINING_KEY = "office.training"


class Counter:
    def __init__(self, store: Store) -> None:
        self._store = store
        self.accounts = Accounts(store)
        self.dossiers = Dossiers(self)
        self.catalogue = Catalogue(self)
        self.calendar_book = CalendarBook(self)
        self.keys = DeskKeys(self)
        self.backups = Backups(self)

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

    def set_setting(self, actor: User, key: str, value: Any) -> None:
        """An office setting read by setting() (e.g. receipt_paper); supervisors only."""
        require(actor, Action.CHANGE_SETTINGS)
        with self._store.write():
            self._store.meta.set(f"setting.{key}", value)

    @cached_property
    def secrets(self) -> SecretStore:
        """The hub token, the signing key and the backup passphrase: kept outside the database
        (counter_app/secret_store.py)."""
        desk = self._store.meta.get("desk") or {}
        return SecretStore(self._store.path.parent, str(desk.get("uuid") or "unset"))

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
                "desk", {"name": nfc(desk_name), "number": desk_number, "uuid": str(uuid.uuid4())}
            )
            self._store.meta.set("setting.code_format", codes.DEFAULT_FORMAT)
            self._store.meta.set(TRAINING_KEY, training)
            self.__dict__.pop("secrets", None)  # its scope is the desk made just now
            signing.create_key(self.secrets)
            return self.accounts.add_first(admin, admin_full_name, Role.SUPERVISOR, password)

    # --- the services of this round's attachments, sync and the return desk ----------------

    @cached_property
    def attachments(self) -> Attachments:
        """Attached files: scans at intake, electronic results (counter_app/attachments.py)."""
        return Attachments(self._store, self.setting, self._log_attachment)

    def _log_attachment(
        self, dossier_id: int, dossier: Dossier, actor: User, kind: str, data: dict[str, Any]
    ) -> None:
        self.dossiers._log(dossier_id, dossier, actor, kind, None, None, None, clock.now(), data)

    @cached_property
    def event_chain(self) -> EventChain:
        """The hash chain of this desk's events (counter_app/chain_book.py)."""
        return EventChain(self._store, self.keys.signing_key)

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

    @staticmethod
    def restore(data_dir: Path, backup: Path, passphrase: str) -> Path:
        """Put a sealed backup in place of this folder's database; returns where the database
        it replaced was kept. A wrong passphrase or a damaged file changes nothing."""
        return backup_archive.restore(data_dir, backup, passphrase)
