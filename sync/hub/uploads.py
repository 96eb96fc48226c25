"""Resumable uploads of attached files, without the web framework (attachments_api.py serves
them over HTTP).

A desk opens an upload for a file it names by SHA-256 and size; the hub keeps the bytes it
received in a staging file and their count (`received`) in its database, written only after
the bytes are on disk. So the count never claims a byte the hub does not hold, and what was
received stays received, even when a connection drops in the middle of a request. When the
last byte arrives the hub hashes the whole file; only a file whose hash is the one announced
moves, by rename, under its final name in the file store.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

from counter_app import clock
from counter_app.i18n import _

from .files import FileStore, check_sha256
from .service import Hub
from .storage import Desk
from .storage_sql import SqlHubStorage
from .storage_uploads import Upload, UploadTable

# Uploads opened and never finished are dropped after this many days without a byte
# (`province-hub prune-uploads`); a desk that comes back later opens its upload again.
MAX_AGE_ENV = "PROVINCE_HUB_UPLOAD_MAX_AGE_DAYS"
DEFAULT_MAX_AGE_DAYS = 7.0
MAX_FILE = 200 * 1024 * 1024  # far above any office's setting; a bound on the hub's disk
MEDIA_TYPES = frozenset({"application/pdf", "image/jpeg", "image/png", "image/tiff"})


class UploadRefused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class Uploads:
    def __init__(self, hub: Hub, files: FileStore, staging: Path) -> None:
        assert isinstance(hub.storage, SqlHubStorage)
        self.hub = hub
        self.table = UploadTable(hub.storage)
        self.files = files
        self.staging = staging

    def open(
        self, desk: Desk, sha256: str, size: int, dossier_uuid: str, media_type: str
    ) -> dict[str, Any]:
        try:
            check_sha256(sha256)
        except ValueError as exc:
            raise UploadRefused(400, "sha256: 64 lower-case hex digits") from exc
        if not 0 < size <= MAX_FILE:
            raise UploadRefused(413, f"size must be 1..{MAX_FILE} bytes")
        if media_type not in MEDIA_TYPES:
            raise UploadRefused(400, "media_type: PDF, JPEG, PNG or TIFF")
        dossier = self.hub.storage.dossier(dossier_uuid)
        if dossier is None or desk.agency_code not in _units(dossier):
            raise UploadRefused(409, "the dossier's record has not reached the hub: push it first")
        upload = Upload(
            str(uuid.uuid4()), desk.id, sha256, size, dossier_uuid, media_type, 0, False
        )
        now = clock.iso(clock.now())
        if self.table.is_complete(sha256) and self.files.has(sha256):
            # The hub already holds this file: nothing is sent again.
            self.table.link(upload, now)
            return self._answer(self.table.open(upload, now))
        opened = self.table.open(upload, now)
        if opened.complete:
            # Marked complete, yet the store lacks the file (lost or deleted): send it again.
            self.table.reopen(sha256, now)
        return self._answer(self.state(desk, opened.id))

    def state(self, desk: Desk, upload_id: str) -> Upload:
        """The upload as the hub holds it; its staging file cut back to the recorded count
        (bytes written after the last record were never promised)."""
        found = self.table.get(upload_id)
        if found is None or found.desk_id != desk.id:
            raise UploadRefused(404, "no such upload for this desk: open it again")
        if found.complete:
            return found
        part = self.part(found.id)
        held = part.stat().st_size if part.exists() else 0
        if held > found.received:
            with part.open("r+b") as f:
                f.truncate(found.received)
        elif held < found.received:  # the staging file was lost: resume from what is there
            self.table.set_received(found.id, held, clock.iso(clock.now()))
            found = self.table.get(upload_id) or found
        return found

    def part(self, upload_id: str) -> Path:
        return self.staging / f"{upload_id}.part"

    def open_part(self, upload_id: str) -> Any:
        self.staging.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(self.part(upload_id), os.O_CREAT | os.O_WRONLY, 0o600)
        f = os.fdopen(fd, "r+b")
        f.seek(0, os.SEEK_END)
        return f

    def record(self, upload_id: str, received: int) -> None:
        self.table.set_received(upload_id, received, clock.iso(clock.now()))

    def undo(self, upload: Upload, back_to: int) -> None:
        """Drop the bytes of a refused chunk."""
        with self.part(upload.id).open("r+b") as f:
            f.truncate(back_to)
        self.record(upload.id, back_to)

    def finish(self, upload: Upload) -> bool:
        """The last byte is in: accept the file if its hash is the one announced, else start
        the upload again from zero."""
        part = self.part(upload.id)
        if _sha256_of(part) != upload.sha256:
            part.unlink(missing_ok=True)
            self.record(upload.id, 0)
            return False
        if not self.files.has(upload.sha256):
            self.files.put(upload.sha256, part)
        else:
            part.unlink(missing_ok=True)
        self.table.set_complete(upload.sha256, clock.iso(clock.now()))
        return True

    def readable(self, desk: Desk, sha256: str) -> int | None:
        """The size of a stored file this desk's office may read (a dossier it received,
        resolves or hands out), else None."""
        check_sha256(sha256)
        for dossier_uuid in self.table.dossiers_of(sha256):
            dossier = self.hub.storage.dossier(dossier_uuid)
            if dossier is not None and desk.agency_code in _units(dossier):
                return self.files.size(sha256)
        return None

    def _answer(self, upload: Upload) -> dict[str, Any]:
        return {
            "id": upload.id,
            "offset": upload.size if upload.complete else upload.received,
            "size": upload.size,
            "complete": upload.complete,
        }


def max_age_days() -> float:
    """PROVINCE_HUB_UPLOAD_MAX_AGE_DAYS, else 7; ValueError in words for a bad value."""
    text = os.environ.get(MAX_AGE_ENV, "")
    try:
        days = float(text) if text else DEFAULT_MAX_AGE_DAYS
    except ValueError:
        days = -1.0
    if not days > 0:
        raise ValueError(_("{name}: cần một số ngày dương").format(name=MAX_AGE_ENV))
    return days


def prune_abandoned(storage: SqlHubStorage, staging: Path, older_than: timedelta) -> int:
    """Delete the staging files and rows of uploads opened and never finished, untouched for
    `older_than`; returns how many went. A completed file is never touched: its row is marked
    complete and its bytes live in the file store, not in the staging folder."""
    cutoff = clock.now() - older_than
    before = clock.iso(cutoff)
    table = UploadTable(storage)
    removed = 0
    for upload_id in table.abandoned(before):
        if table.forget_abandoned(upload_id, before):
            (staging / f"{upload_id}.part").unlink(missing_ok=True)
            removed += 1
    # A staging file whose row is gone (the hub stopped between the two steps) goes too.
    if staging.is_dir():
        for part in staging.glob("*.part"):
            old = part.stat().st_mtime < cutoff.timestamp()
            if old and table.get(part.name.removesuffix(".part")) is None:
                part.unlink(missing_ok=True)
    return removed


def dossier_files(storage: SqlHubStorage, code: str) -> list[dict[str, Any]] | None:
    """The files a dossier's events announce and whether the hub holds each whole (complete);
    None for a dossier the hub does not know."""
    dossier = storage.dossier_by_code(code)
    if dossier is None:
        return None
    table = UploadTable(storage)
    found: dict[str, dict[str, Any]] = {}
    for event in storage.events_since(dossier.uuid, 0, ""):
        data = event.get("data") or {}
        if event.get("kind") == "attach" and isinstance(data.get("sha256"), str):
            sha = data["sha256"]
            found[str(data.get("uuid"))] = {
                "name": data.get("name"),
                "kind": data.get("kind"),
                "item": data.get("item"),
                "sha256": sha,
                "size": data.get("size"),
                "complete": table.is_complete(sha),
            }
    return list(found.values())


def _units(dossier: Any) -> set[str]:
    return {dossier.receiving_unit, dossier.resolving_unit, dossier.handout_unit or ""}


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
