"""Where the hub keeps attached files: one small interface, the file system by default.

A province that prefers an object store implements `FileStore` (put, a byte range, has,
delete) over it. Files are named by their SHA-256, so a file is written once and never
changes; `put` takes a complete local file that the caller has already checked.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Protocol

from counter_app.i18n import _

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
FILES_ENV = "PROVINCE_HUB_FILES"


def check_sha256(sha256: str) -> str:
    if not _HEX64.match(sha256):
        raise ValueError("not a lower-case hex SHA-256")
    return sha256


class FileStore(Protocol):
    def put(self, sha256: str, source: Path) -> None:
        """Take a complete, checked file (the source is moved or copied, then gone)."""

    def get_range(self, sha256: str, start: int, end: int) -> bytes:
        """Bytes [start, end) of a stored file."""

    def size(self, sha256: str) -> int | None: ...
    def has(self, sha256: str) -> bool: ...
    def delete(self, sha256: str) -> None: ...


class FsFileStore:
    """`<root>/<two hex>/<sha256>`, 0600 files in 0700 folders, moved in by rename."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, sha256: str) -> Path:
        check_sha256(sha256)
        return self.root / sha256[:2] / sha256

    def put(self, sha256: str, source: Path) -> None:
        target = self._path(sha256)
        for folder in (self.root, target.parent):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(source, 0o600)
        os.replace(source, target)  # same file system as the staging folder: atomic

    def get_range(self, sha256: str, start: int, end: int) -> bytes:
        with self._path(sha256).open("rb") as f:
            f.seek(start)
            return f.read(max(0, end - start))

    def size(self, sha256: str) -> int | None:
        try:
            return self._path(sha256).stat().st_size
        except FileNotFoundError:
            return None

    def has(self, sha256: str) -> bool:
        return self._path(sha256).is_file()

    def delete(self, sha256: str) -> None:
        self._path(sha256).unlink(missing_ok=True)


def default_root(db: str | Path) -> Path:
    """PROVINCE_HUB_FILES, else beside a SQLite database (`<db>.files/`); a PostgreSQL hub
    must name its folder."""
    if env := os.environ.get(FILES_ENV):
        return Path(env)
    if str(db).startswith(("postgresql://", "postgres://")):
        raise ValueError(
            _("đặt {name} cho thư mục tệp đính kèm của máy chủ tỉnh dùng PostgreSQL").format(
                name=FILES_ENV
            )
        )
    return Path(str(db) + ".files")
