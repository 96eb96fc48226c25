"""Sealed backups of this desk: the supervisor's passphrase and the backup itself (the
database and the attached files sealed with it); Counter hands it out as
`counter.backups`. Putting a backup back in place is `Counter.restore`, before any Counter of
that folder is open."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from counter_app.i18n import _

from . import backup_archive, sealed_backup
from .errors import ValidationError
from .models import User
from .roles import require_supervisor
from .secret_store import BACKUP_PASSPHRASE

if TYPE_CHECKING:
    from .counter import Counter


class Backups:
    def __init__(self, counter: Counter) -> None:
        self._counter = counter
        self._store = counter._store

    def set_passphrase(self, actor: User, passphrase: str) -> None:
        """The supervisor's passphrase that seals every backup (kept with the other secrets,
        so that backups can be made without asking; `restore` always asks for it)."""
        require_supervisor(actor)
        if problem := sealed_backup.passphrase_problem(passphrase):
            raise ValidationError({"passphrase": problem})
        self._counter.secrets.set(BACKUP_PASSPHRASE, passphrase)

    def backup(self, target: Path) -> list[str]:
        """The database and the attached files sealed with the backup passphrase, written
        privately and moved into place only when complete; returns the stored files left out
        (altered on this desk). No secret is in it: they live outside the database."""
        passphrase = self._counter.secrets.get(BACKUP_PASSPHRASE)
        if not passphrase:
            raise ValidationError(
                {"passphrase": _("chưa đặt mật khẩu sao lưu: chạy 'counter-app backup-passphrase'")}
            )
        # The attached files go inside, sealed with the same key (counter_app/backup_archive.py).
        return backup_archive.write(
            target, self._store.image(), self._counter.attachments.files, passphrase
        )
