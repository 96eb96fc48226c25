"""Attached files: scans of a dossier's papers taken at intake and its electronic result.

Files are checked by their content, never by their name: the first bytes must be those of a
PDF, JPEG, PNG or TIFF, and a PDF must have the structure a reader needs to open it (header,
cross-reference offset, trailer, at least one page). That structural check is cheap and needs
no dependency on the office PC; a full parse (pypdf) would add a package to the installer for
little more: a scanner's PDF that passes it opens.

Each file is stored once under its SHA-256 in `<data folder>/attachments/` (0700 folder, 0600
files, written to a temporary name and renamed, so a crash leaves no half file under a hash);
a row per attachment says which dossier and item it belongs to. File contents and names never
go to a log.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import uuid as uuidlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from . import clock
from .errors import NotFound, TransitionError, ValidationError
from .i18n import _
from .lifecycle import Status
from .models import Dossier, User
from .sync_records import AttachmentRow
from .text import nfc

if TYPE_CHECKING:
    from .intake import IntakeRequest
    from .store import Store

FOLDER = "attachments"
MAX_MB_SETTING = "attachment_max_mb"
DEFAULT_MAX_MB = 25
MEDIA_TYPES = ("application/pdf", "image/jpeg", "image/png", "image/tiff")
# A result can be attached once the dossier has one.
RESULT_STATUSES = frozenset({Status.RESULT_READY, Status.RETURNED})
_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
# Circular 03 Art. 5 exempts papers only shown (xuất trình) from scanning. The catalogue has no
# field for it; the published checklists say so in the item's name, in either case.
SHOWN_ONLY_MARKERS = ("xuất trình", "XUẤT TRÌNH")


@dataclass(frozen=True)
class FileFacts:
    media_type: str
    pages: int
    size: int
    sha256: str


def media_type(data: bytes) -> str | None:
    """The type told by the first bytes (magic numbers), or None."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return "image/tiff"
    return None


def pdf_pages(data: bytes) -> int:
    """Pages of a PDF whose structure a reader can open; raises ValueError in words."""
    tail = data[-2048:]
    if b"%%EOF" not in tail:
        raise ValueError(_("thiếu dấu kết thúc %%EOF (tệp bị cắt?)"))
    found = re.search(rb"startxref\s+(\d+)\s+%%EOF", tail)
    if found is None:
        raise ValueError(_("thiếu startxref"))
    offset = int(found.group(1))
    at = data[offset : offset + 64]
    # A classic table ("xref") or a cross-reference stream ("N 0 obj ... /Type /XRef").
    if not (at.startswith(b"xref") or re.match(rb"\d+\s+\d+\s+obj", at)):
        raise ValueError(_("bảng tham chiếu chéo hỏng"))
    pages = len(_PAGE.findall(data))
    if pages == 0 and b"/ObjStm" not in data:
        raise ValueError(_("không có trang nào"))
    # Pages kept inside compressed object streams are not counted here: at least one.
    return max(pages, 1)


def tiff_pages(data: bytes) -> int:
    """Pages of a TIFF: the length of its chain of image directories."""
    order: Literal["little", "big"] = "little" if data[:2] == b"II" else "big"
    offset, pages, seen = int.from_bytes(data[4:8], order), 0, set()
    while offset and offset not in seen and offset + 2 <= len(data):
        seen.add(offset)
        entries = int.from_bytes(data[offset : offset + 2], order)
        end = offset + 2 + 12 * entries
        if end + 4 > len(data):
            raise ValueError(_("thư mục ảnh TIFF hỏng"))
        pages += 1
        offset = int.from_bytes(data[end : end + 4], order)
    if pages == 0:
        raise ValueError(_("không có ảnh nào"))
    return pages


def shown_only(item_name: str) -> bool:
    """A checklist item the citizen only shows (xuất trình): nothing to scan."""
    text = nfc(item_name)
    return any(marker in text or marker in text.lower() for marker in SHOWN_ONLY_MARKERS)


def read_file(source: Path, max_bytes: int, name: str | None = None) -> tuple[bytes, FileFacts]:
    """A file's bytes and what it is, or ValidationError in words; too large a file is refused
    before it is read into memory."""
    shown = nfc(name or source.name)
    try:
        size = source.stat().st_size
        if size > max_bytes:
            raise ValidationError({"file": _too_big(shown, size, max_bytes)})
        data = source.read_bytes()
    except OSError as exc:
        raise ValidationError(
            {
                "file": _("{name}: không đọc được tệp ({why})").format(
                    name=shown, why=exc.strerror or type(exc).__name__
                )
            }
        ) from exc
    return data, examine(data, shown, max_bytes)


def check_file(source: Path, max_bytes: int, name: str | None = None) -> FileFacts:
    """What a file is, checked as attach would check it; nothing is stored."""
    return read_file(source, max_bytes, name)[1]


@dataclass(frozen=True)
class StagedFile:
    """A file the clerk put on item `item` (from 1, of the documents received) before accepting."""

    item: int
    path: Path
    name: str | None = None


def examine(data: bytes, name: str, max_bytes: int) -> FileFacts:
    """What a file is, or ValidationError in words (the file is not stored)."""
    if not data:
        raise ValidationError({"file": _("{name}: tệp rỗng").format(name=name)})
    if len(data) > max_bytes:
        raise ValidationError({"file": _too_big(name, len(data), max_bytes)})
    kind = media_type(data)
    if kind is None:
        raise ValidationError(
            {
                "file": _("{name}: không phải PDF, JPEG, PNG hay TIFF (theo nội dung tệp)").format(
                    name=name
                )
            }
        )
    pages = 1
    try:
        if kind == "application/pdf":
            pages = pdf_pages(data)
        elif kind == "image/tiff":
            pages = tiff_pages(data)
    except ValueError as exc:
        raise ValidationError(
            {"file": _("{name}: tệp hỏng, không mở được: {problem}").format(name=name, problem=exc)}
        ) from exc
    return FileFacts(kind, pages, len(data), hashlib.sha256(data).hexdigest())


def _too_big(name: str, size: int, limit: int) -> str:
    return _("{name}: {size} MB, quá giới hạn {limit} MB (thiết lập {setting})").format(
        name=name,
        size=f"{size / 1048576:.1f}",
        limit=f"{limit / 1048576:g}",
        setting=MAX_MB_SETTING,
    )


class ContentStore:
    """Files under their SHA-256: `<root>/<first two hex>/<hash>`."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        if not _HEX64.match(sha256):
            raise ValueError("not a SHA-256 in hex")
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def put(self, sha256: str, data: bytes) -> bool:
        """Store the bytes (already hashed by the caller); False when already there."""
        target = self.path(sha256)
        if target.is_file():
            return False
        for folder in (self.root, target.parent):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = target.with_name(f".{sha256}.{uuidlib.uuid4().hex}.part")
        fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return True

    def put_file(self, sha256: str, source: Path) -> bool:
        """Move a downloaded file in after checking its hash; False when already there."""
        if sha256_of(source) != sha256:
            source.unlink()  # the next sync downloads it again from the start
            raise ValueError("the file's SHA-256 is not the one expected")
        target = self.path(sha256)
        if target.is_file():
            source.unlink()
            return False
        for folder in (self.root, target.parent):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(source, 0o600)
        os.replace(source, target)
        return True

    def problems(self, hashes: list[str]) -> list[str]:
        """Every listed file present and whole (its hash recomputed)."""
        found = []
        for sha in hashes:
            path = self.path(sha)
            if not path.is_file():
                found.append(_("tệp đính kèm {sha}…: tệp bị thiếu").format(sha=sha[:12]))
            elif sha256_of(path) != sha:
                found.append(_("tệp đính kèm {sha}…: nội dung đã bị thay đổi").format(sha=sha[:12]))
        return found


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def backup_folder(target: Path) -> Path:
    """Where a format-1 backup (before the files went inside, backup_archive.py) kept the
    files beside the database copy: `<backup>.attachments/`."""
    return target.with_name(target.name + ".attachments")


def copy_tree(source: Path, target: Path) -> int:
    """Copy stored files not yet present (content-addressed: a present file is the same)."""
    copied = 0
    if not source.is_dir():
        return 0
    for path in sorted(source.glob("??/*")):
        if path.name.startswith(".") or not _HEX64.match(path.name):
            continue
        dest = target / path.parent.name / path.name
        if dest.exists():
            continue
        for folder in (target, dest.parent):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = dest.with_name(f".{path.name}.part")
        shutil.copyfile(path, tmp)
        os.chmod(tmp, 0o600)
        os.replace(tmp, dest)
        copied += 1
    return copied


def restore_files(backup_db: Path, data_dir: Path) -> int:
    """Give back the files of a format-1 backup (its `.attachments` folder) into a data
    folder; returns how many were copied."""
    return copy_tree(backup_folder(backup_db), data_dir / FOLDER)


LogEvent = Callable[[int, Any, User, str, dict[str, Any]], None]


class Attachments:
    """The core's service for attached files; `Counter.attachments` hands it out."""

    def __init__(self, store: Store, setting: Callable[[str, Any], Any], log: LogEvent) -> None:
        self._store = store
        self._setting = setting
        self._log = log
        self.files = ContentStore(store.path.parent / FOLDER)

    def max_bytes(self) -> int:
        try:
            mb = float(self._setting(MAX_MB_SETTING, DEFAULT_MAX_MB))
        except (TypeError, ValueError):
            mb = DEFAULT_MAX_MB
        return int((mb if mb > 0 else DEFAULT_MAX_MB) * 1048576)

    def attach(
        self,
        actor: User,
        code: str,
        source: Path,
        item: int | None = None,
        result: bool = False,
        name: str | None = None,
    ) -> AttachmentRow:
        """Attach a file to item `item` (from 1) of what was received, or as the result. The
        file is checked first; the row, its event and its outbox entry are one transaction."""
        shown = nfc(name or source.name)
        data, facts = read_file(source, self.max_bytes(), shown)
        # The file goes in before its row: a crash between leaves an unreferenced file
        # (harmless, reused by the next attach), never a row without its file.
        self._target(code, item, result)  # refused before anything is stored
        self.files.put(facts.sha256, data)
        with self._store.write():
            return self._record(actor, code, item, result, shown, facts)

    def _record(
        self, actor: User, code: str, item: int | None, result: bool, name: str, facts: FileFacts
    ) -> AttachmentRow:
        """The row, its event and its outbox entry, in the caller's transaction."""
        dossier_id, dossier = self._target(code, item, result)
        row = AttachmentRow(
            uuid=str(uuidlib.uuid4()),
            dossier_uuid=dossier.uuid,
            code=dossier.code,
            item=item,
            kind="result" if result else "intake",
            name=name,
            media_type=facts.media_type,
            pages=facts.pages,
            size=facts.size,
            sha256=facts.sha256,
            added_by=actor.username,
            added_at=clock.iso(clock.now()),
        )
        self._store.attachments.insert(dossier_id, row)
        self._log(dossier_id, dossier, actor, "attach", event_data(row))
        return row

    def accept_intake(
        self,
        actor: User,
        req: IntakeRequest,
        staged: list[StagedFile],
        create: Callable[[User, IntakeRequest], Dossier],
    ) -> Dossier:
        """Accept a dossier with the files the clerk staged on its items, all or nothing.

        `create` is the Counter's intake (passed in, so this service needs no Counter). Every
        file is read and checked first, and a bad one refuses the whole intake with its name;
        the bytes go into the content store before the transaction (harmless if it then
        fails: the store is content-addressed), and the dossier, its events, its attachment
        rows and their outbox entries are one transaction: no accepted dossier lacks a file
        the clerk put on it, no row lacks its dossier."""
        limit = self.max_bytes()
        received = len(req.documents or ())
        checked: list[tuple[StagedFile, str, FileFacts]] = []
        for file in staged:
            shown = nfc(file.name or file.path.name)
            if not 1 <= file.item <= received:
                raise ValidationError(
                    {
                        "documents": _(
                            "{name}: gắn vào thành phần số {item}, hồ sơ chỉ nhận {count}"
                        ).format(name=shown, item=file.item, count=received)
                    }
                )
            data, facts = read_file(file.path, limit, shown)
            # Stored as each is read (one file in memory at a time); if a later one is bad,
            # those stored stay unreferenced, which is harmless and reused by a later attach.
            self.files.put(facts.sha256, data)
            checked.append((file, shown, facts))
        with self._store.write():
            dossier = create(actor, req)
            for file, shown, facts in checked:
                self._record(actor, dossier.code, file.item, False, shown, facts)
        return dossier

    def _target(self, code: str, item: int | None, result: bool) -> tuple[int, Dossier]:
        found = self._store.dossiers.by_code(nfc(code)) or self._store.dossiers.by_code(
            nfc(code).upper()
        )
        if found is None:
            raise NotFound(_("không có hồ sơ '{code}'").format(code=code))
        dossier = found[1]
        if result:
            if item is not None:
                raise ValidationError({"item": _("kết quả không gắn với thành phần hồ sơ")})
            if dossier.status not in RESULT_STATUSES:
                raise TransitionError(
                    _("Chỉ đính kèm kết quả khi hồ sơ đã có kết quả (hiện tại: {status})").format(
                        status=dossier.status
                    )
                )
        elif item is None or not 1 <= item <= len(dossier.documents):
            raise ValidationError(
                {
                    "item": _("chọn thành phần hồ sơ 1..{count} (--document N)").format(
                        count=len(dossier.documents)
                    )
                }
            )
        return found

    def of(self, code: str) -> list[AttachmentRow]:
        found = self._store.dossiers.by_code(nfc(code)) or self._store.dossiers.by_code(
            nfc(code).upper()
        )
        if found is None:
            raise NotFound(_("không có hồ sơ '{code}'").format(code=code))
        return self._store.attachments.of_dossier(found[0])

    def path(self, sha256: str) -> Path:
        return self.files.path(sha256)

    # --- sync --------------------------------------------------------------------------

    def unsent(self, limit: int = 100) -> list[AttachmentRow]:
        return self._store.attachments.unsent(limit)

    def unsent_count(self) -> int:
        return self._store.attachments.unsent_count()

    def mark_sent(self, sha256: str) -> None:
        with self._store.write():
            self._store.attachments.set_sync_state(sha256, "synced", None)

    def mark_failed(self, sha256: str, error: str) -> None:
        with self._store.write():
            self._store.attachments.set_sync_state(sha256, "error", error[:500])

    def missing_remote(self) -> list[tuple[str, dict[str, Any]]]:
        """(dossier uuid, attach event data) of files other offices attached to dossiers this
        desk pulled, whose file is not here yet: the resolving office downloads them."""
        return [
            (dossier_uuid, data)
            for dossier_uuid, data in self._store.attachments.missing_from_events()
            if _HEX64.match(str(data.get("sha256", ""))) and data.get("uuid")
        ]

    def download_part(self, sha256: str) -> Path:
        """Where a download from the hub grows until whole (kept across a cut or a crash)."""
        folder = self.files.root / "incoming"
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        part = folder / f"{self.files.path(sha256).name}.part"
        if not part.exists():
            os.close(os.open(part, os.O_CREAT | os.O_WRONLY, 0o600))
        return part

    def take_download(self, dossier_uuid: str, data: dict[str, Any], source: Path) -> None:
        """A file fetched from the hub: checked against its hash, then listed here too."""
        self.files.put_file(str(data["sha256"]), source)
        with self._store.write():
            found = self._store.dossiers.by_uuid(dossier_uuid)
            if found is None or self._store.attachments.exists(str(data["uuid"])):
                return
            row = AttachmentRow(
                uuid=str(data["uuid"]),
                dossier_uuid=dossier_uuid,
                code=found[1].code,
                item=data.get("item"),
                kind=str(data["kind"]),
                name=str(data["name"]),
                media_type=str(data["media_type"]),
                pages=int(data["pages"]),
                size=int(data["size"]),
                sha256=str(data["sha256"]),
                added_by=str(data.get("added_by", "")),
                added_at=str(data.get("added_at", "")),
                sync_state="synced",
            )
            self._store.attachments.insert(found[0], row)

    # --- maintenance -------------------------------------------------------------------

    def problems(self) -> list[str]:
        return self.files.problems(self._store.attachments.hashes())

    def digitisation(self, date_from: str, date_to: str) -> dict[str, Any]:
        counts = self._store.attachments.digitisation_counts(date_from, date_to)
        return {
            **counts,
            "intake_rate": _rate(counts["digitised_at_intake"], counts["received"]),
            "result_rate": _rate(counts["results_digitised"], counts["results_issued"]),
        }


def event_data(row: AttachmentRow) -> dict[str, Any]:
    """What the dossier's event (and so the hub) learns of an attachment."""
    return {
        "uuid": row.uuid,
        "item": row.item,
        "kind": row.kind,
        "name": row.name,
        "media_type": row.media_type,
        "pages": row.pages,
        "size": row.size,
        "sha256": row.sha256,
        "added_by": row.added_by,
        "added_at": row.added_at,
    }


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None
