"""Backups sealed with the supervisor's passphrase: a backup on a lost USB stick holds every
citizen's name and ID number, so it is unreadable without the passphrase and any change to it
is detected.

scrypt (memory-hard: guessing costs memory as well as time) derives a 256-bit key; AES-256-GCM
encrypts and authenticates the database image and the header (the KDF's parameters included,
so they cannot be weakened in the file). The whole image is held in memory: a commune desk's
database is tens of megabytes.
"""

from __future__ import annotations

import os
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from counter_app.i18n import _

from .errors import CounterError

MAGIC = b"MOTCUA-BACKUP-1\n"
_HEADER = struct.Struct(">16s16sBBB12s")  # magic, salt, log2(n), r, p, nonce
LOG2_N, R, P = 15, 8, 1  # 32 MiB and about 0.1 s per derivation
MIN_PASSPHRASE = 12


class BackupError(CounterError):
    """A backup that cannot be opened: wrong passphrase, damaged or not a backup."""


def passphrase_problem(passphrase: str) -> str | None:
    if len(passphrase) < MIN_PASSPHRASE:
        return _("mật khẩu sao lưu cần ít nhất {MIN_PASSPHRASE} ký tự").format(
            MIN_PASSPHRASE=MIN_PASSPHRASE
        )
    return None


def seal(image: bytes, passphrase: str) -> bytes:
    salt, nonce = os.urandom(16), os.urandom(12)
    header = _HEADER.pack(MAGIC, salt, LOG2_N, R, P, nonce)
    key = _key(passphrase, salt, LOG2_N, R, P)
    return header + AESGCM(key).encrypt(nonce, image, header)


def unseal(blob: bytes, passphrase: str) -> bytes:
    """The database image of a backup, either format (counter_app/backup_archive.py)."""
    from . import backup_archive

    if blob.startswith(backup_archive.MAGIC2):
        return backup_archive.image_of(blob, passphrase)
    if len(blob) < _HEADER.size or not blob.startswith(MAGIC):
        raise BackupError(_("Tệp này không phải bản sao lưu Một Cửa đã mã hóa"))
    _magic, salt, log2_n, r, p, nonce = _HEADER.unpack_from(blob)
    # Bounds, so a crafted file cannot ask for gigabytes of memory before the tag is checked.
    if not (14 <= log2_n <= 20 and 1 <= r <= 16 and 1 <= p <= 4):
        raise BackupError(_("bản sao lưu hỏng"))
    header = blob[: _HEADER.size]
    try:
        return AESGCM(_key(passphrase, salt, log2_n, r, p)).decrypt(
            nonce, blob[_HEADER.size :], header
        )
    except InvalidTag:
        raise BackupError(
            _("Sai mật khẩu sao lưu hoặc tệp đã bị sửa/hỏng; không thay đổi gì")
        ) from None


def _key(passphrase: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=2**log2_n, r=r, p=p).derive(passphrase.encode())
