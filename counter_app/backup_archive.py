"""A sealed backup holding the database AND the attached files: citizens' scans on a lost USB
stick are as unreadable as their names in the database, and any change to either is detected.

Format 2 (format 1, the database alone, is still read: `sealed_backup`): a header (magic, the
scrypt salt and parameters), then records, each `kind (1 byte) | length (4) | AES-256-GCM
ciphertext`. Every record is authenticated with the header, its position and its kind, so a
record cannot be altered, moved, dropped or replayed from another backup; the last one says how
many came before it, so a cut file is refused too. Nonces are the record's position: the key
is new for every backup (a fresh salt), so none is ever used twice with the same key.

Files are streamed a chunk at a time: a desk's scans may add up to gigabytes, the database
image is tens of megabytes. A restore checks everything, every file's SHA-256 included, before
it touches the data folder.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import struct
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from counter_app.i18n import _

from . import sealed_backup
from .attachments import FOLDER, ContentStore, restore_files, sha256_of
from .errors import NotFound
from .sealed_backup import LOG2_N, MAGIC, BackupError, P, R, _key
from .store import Store

MAGIC2 = b"MOTCUA-BACKUP-2\n"
_HEADER = struct.Struct(">16s16sBBB")  # magic, salt, log2(n), r, p
_RECORD = struct.Struct(">BI")  # kind, ciphertext length
DATABASE, FILE, CHUNK, END = 1, 2, 3, 4
_FILE = struct.Struct(">32sQ")  # sha256 (raw), size
CHUNK_SIZE = 1 << 20
_TAG = 16


def is_format_1(head: bytes) -> bool:
    return head.startswith(MAGIC)


class _Sealer:
    def __init__(self, out: BinaryIO, passphrase: str) -> None:
        salt = os.urandom(16)
        self.header = _HEADER.pack(MAGIC2, salt, LOG2_N, R, P)
        self.aead = AESGCM(_key(passphrase, salt, LOG2_N, R, P))
        self.out = out
        self.index = 0
        out.write(self.header)

    def record(self, kind: int, payload: bytes) -> None:
        sealed = self.aead.encrypt(_nonce(self.index), payload, _aad(self.header, self.index, kind))
        self.out.write(_RECORD.pack(kind, len(sealed)) + sealed)
        self.index += 1


def write(target: Path, image: bytes, files: ContentStore, passphrase: str) -> list[str]:
    """The database image and every stored file, sealed into `target` (0600, written to a
    temporary name and moved into place when whole). Returns the problems met: a stored file
    whose content no longer matches its hash is left out (and named), not copied as it is."""
    problems: list[str] = []
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            sealer = _Sealer(out, passphrase)
            sealer.record(DATABASE, image)
            for sha, path in _stored(files):
                if sha256_of(path) != sha:
                    problems.append(
                        _("tệp đính kèm {sha}… đã bị thay đổi: không đưa vào bản sao lưu").format(
                            sha=sha[:12]
                        )
                    )
                    continue
                _seal_file(sealer, sha, path)
            sealer.record(END, struct.pack(">Q", sealer.index))
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return problems


def _seal_file(sealer: _Sealer, sha: str, path: Path) -> None:
    with path.open("rb") as f:
        size = os.fstat(f.fileno()).st_size
        sealer.record(FILE, _FILE.pack(bytes.fromhex(sha), size))
        left = size
        while left:
            block = f.read(min(CHUNK_SIZE, left))
            if not block:
                raise BackupError(_("tệp đính kèm bị cắt ngắn trong khi sao lưu"))
            sealer.record(CHUNK, block)
            left -= len(block)


def _stored(files: ContentStore) -> Iterator[tuple[str, Path]]:
    if not files.root.is_dir():
        return
    for path in sorted(files.root.glob("??/*")):
        name = path.name
        if len(name) == 64 and all(c in "0123456789abcdef" for c in name) and path.is_file():
            yield name, path


def read(source: Path, passphrase: str, staging: Path) -> bytes:
    """The database image of a format 2 backup; its files are written into `staging`, each
    checked against its SHA-256. Anything wrong (passphrase, a changed or cut record, a file
    whose hash differs) raises BackupError and leaves no staging folder behind."""
    staging.mkdir(mode=0o700, parents=True)
    try:
        with source.open("rb") as f:
            return _read(f, passphrase, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


class _Incoming:
    """A file being restored: written to the staging folder, hashed as it comes."""

    def __init__(self, staging: Path | None, payload: bytes) -> None:
        raw, self.left = _FILE.unpack(payload)
        self.sha = raw.hex()
        self.digest = hashlib.sha256()
        self.out = (staging / self.sha).open("wb") if staging else io.BytesIO()

    def add(self, block: bytes) -> None:
        if len(block) > self.left:
            raise BackupError(_("bản sao lưu hỏng"))
        if isinstance(self.out, io.BufferedWriter):
            self.out.write(block)
        self.digest.update(block)
        self.left -= len(block)

    def finish(self) -> None:
        self.out.close()
        if self.digest.hexdigest() != self.sha:
            raise BackupError(
                _("tệp đính kèm {sha}… trong bản sao lưu không đúng mã băm").format(
                    sha=self.sha[:12]
                )
            )


def image_of(blob: bytes, passphrase: str) -> bytes:
    """The database image of a format 2 backup held in memory, the whole backup checked
    (files hashed, not kept): what `sealed_backup.unseal` answers for this format."""
    return _read(io.BytesIO(blob), passphrase, None)


def _read(f: BinaryIO, passphrase: str, staging: Path | None) -> bytes:
    header = f.read(_HEADER.size)
    if len(header) < _HEADER.size or not header.startswith(MAGIC2):
        raise BackupError(_("Tệp này không phải bản sao lưu Một Cửa đã mã hóa"))
    _magic, salt, log2_n, r, p = _HEADER.unpack(header)
    # Bounds, so a crafted file cannot ask for gigabytes of memory before a tag is checked.
    if not (14 <= log2_n <= 20 and 1 <= r <= 16 and 1 <= p <= 4):
        raise BackupError(_("bản sao lưu hỏng"))
    aead = AESGCM(_key(passphrase, salt, log2_n, r, p))
    kind, image = _open_record(f, aead, header, 0)
    if kind != DATABASE:
        raise BackupError(_("bản sao lưu hỏng"))
    index, current = 1, None
    try:
        while True:
            kind, payload = _open_record(f, aead, header, index)
            index += 1
            if current is not None and kind != CHUNK:
                raise BackupError(_("bản sao lưu hỏng"))
            if kind == FILE and len(payload) == _FILE.size:
                current = _Incoming(staging, payload)
            elif kind == CHUNK and current is not None:
                current.add(payload)
            elif kind == END and payload == struct.pack(">Q", index - 1) and not f.read(1):
                return image
            else:
                raise BackupError(_("bản sao lưu hỏng"))
            if current is not None and current.left == 0:
                current.finish()
                current = None
    finally:
        if current is not None:
            current.out.close()


def _open_record(f: BinaryIO, aead: AESGCM, header: bytes, index: int) -> tuple[int, bytes]:
    head = f.read(_RECORD.size)
    if len(head) < _RECORD.size:
        raise BackupError(_("bản sao lưu bị cắt ngắn (thiếu phần cuối); không thay đổi gì"))
    kind, length = _RECORD.unpack(head)
    if length < _TAG:
        raise BackupError(_("bản sao lưu hỏng"))
    sealed = f.read(length)
    if len(sealed) < length:
        raise BackupError(_("bản sao lưu bị cắt ngắn (thiếu phần cuối); không thay đổi gì"))
    try:
        return kind, aead.decrypt(_nonce(index), sealed, _aad(header, index, kind))
    except InvalidTag:
        raise BackupError(
            _("Sai mật khẩu sao lưu hoặc tệp đã bị sửa/hỏng; không thay đổi gì")
        ) from None


def restore(data_dir: Path, backup: Path, passphrase: str) -> Path:
    """Database and files of a sealed backup put in place; returns where the database it
    replaced was kept. Everything is checked first: a wrong passphrase, a changed or cut
    backup, or a database that is not a Một Cửa one changes nothing."""
    try:
        with backup.open("rb") as f:
            head = f.read(len(MAGIC2))
    except OSError as exc:
        raise NotFound(_("không đọc được tệp sao lưu: {exc}").format(exc=exc)) from None
    if is_format_1(head):  # the database alone; its files, if any, were copied beside it
        kept = Store.restore_image(data_dir, sealed_backup.unseal(backup.read_bytes(), passphrase))
        restore_files(backup, data_dir)
        return kept
    if not head.startswith(MAGIC2):
        raise BackupError(_("Tệp này không phải bản sao lưu Một Cửa đã mã hóa"))
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    (data_dir / FOLDER).mkdir(mode=0o700, exist_ok=True)
    staging = staging_for(data_dir)
    image = read(backup, passphrase, staging)
    try:
        kept = Store.restore_image(data_dir, image)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    take_files(staging, ContentStore(data_dir / FOLDER))
    return kept


def take_files(staging: Path, files: ContentStore) -> int:
    """Move restored files into the data folder's store (hash checked again on the way);
    returns how many were new here."""
    taken = 0
    for path in sorted(staging.iterdir()):
        taken += files.put_file(path.name, path)
    shutil.rmtree(staging, ignore_errors=True)
    return taken


def staging_for(data_dir: Path) -> Path:
    """Beside the store, so that moving a restored file into place is a rename."""
    return data_dir / FOLDER / f".restoring-{uuid.uuid4().hex}"


def _nonce(index: int) -> bytes:
    return struct.pack(">4xQ", index)


def _aad(header: bytes, index: int, kind: int) -> bytes:
    return header + struct.pack(">QB", index, kind)
