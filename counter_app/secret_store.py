"""Where this desk keeps its secrets: the hub token, the receipt-signing key and the backup
passphrase. Never in the database, so never in a backup of it.

The operating system's credential store when there is one (Windows Credential Manager, macOS
Keychain, Secret Service on Linux, through `keyring`); otherwise one file per secret in
`<data folder>/secrets/`, 0600 in a 0700 folder. The file is as safe as the account that owns
it, which is also what the credential store protects against on a shared office PC; either way
a copied database or backup no longer carries them.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path
from typing import Any

SERVICE = "mot-cua"
HUB_TOKEN = "hub_token"
SIGNING_KEY = "desk_signing_key"
BACKUP_PASSPHRASE = "backup_passphrase"
_NAME_RE = re.compile(r"[a-z_]+")


class SecretStore:
    def __init__(self, data_dir: Path, scope: str) -> None:
        """`scope` tells desks apart in the one credential store of a PC (the desk's UUID)."""
        self.folder = data_dir / "secrets"
        self.scope = scope

    def get(self, name: str) -> str | None:
        # The file first: it exists only where the credential store could not take the secret,
        # and reading it spares loading keyring (over a second on a busy PC, once a process).
        try:
            return self._file(name).read_text(encoding="utf-8")
        except FileNotFoundError:
            pass
        ring = _keyring()
        if ring is None:
            return None
        try:
            value = ring.get_password(SERVICE, self._account(name))
        except Exception:  # a locked or broken credential store: nothing to read
            return None
        return None if value is None else str(value)

    def set(self, name: str, value: str) -> None:
        ring = _keyring()
        if ring is not None:
            try:
                ring.set_password(SERVICE, self._account(name), value)
            except Exception:
                pass  # no usable credential store after all: the private file below
            else:
                self._file(name).unlink(missing_ok=True)
                return
        self._write_file(name, value)

    def delete(self, name: str) -> None:
        ring = _keyring()
        if ring is not None:
            with contextlib.suppress(Exception):  # it was not there
                ring.delete_password(SERVICE, self._account(name))
        self._file(name).unlink(missing_ok=True)

    def where(self) -> str:
        ring = _keyring()
        return f"keyring ({type(ring).__name__})" if ring is not None else str(self.folder)

    def _account(self, name: str) -> str:
        return f"{self.scope}:{name}"

    def _file(self, name: str) -> Path:
        if not _NAME_RE.fullmatch(name):
            raise ValueError(f"not a secret's name: {name!r}")
        return self.folder / f"{name}.secret"

    def _write_file(self, name: str, value: str) -> None:
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.name == "posix":
            os.chmod(self.folder, 0o700)
        path = self._file(name)
        tmp = path.with_name(path.name + ".part")
        tmp.unlink(missing_ok=True)
        fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(value)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)


def _keyring() -> Any:
    """The platform's credential store, or None where there is none (a Linux PC without a
    Secret Service, a CI runner): keyring then offers only its 'fail' backend."""
    try:
        import keyring
    except ImportError:
        return None
    try:
        ring = keyring.get_keyring()
    except Exception:
        return None
    return ring if getattr(ring, "priority", 0) > 0 else None
