"""This desk's receipt signing key and the keys of the province's other desks, so that their
receipts verify here (the rules: signing.py); Counter hands it out as `counter.keys`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import signing

if TYPE_CHECKING:  # imported where a key is used (counter_app/signing.py): not at start
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from .counter import Counter


class DeskKeys:
    def __init__(self, counter: Counter) -> None:
        self._counter = counter
        self._store = counter._store

    def signing_key(self) -> Ed25519PrivateKey:
        """This desk's Ed25519 key; made on first use for a counter set up before keys."""
        secrets = self._counter.secrets
        key = signing.private_key(secrets)
        if key is None:
            with self._store.write():
                key = signing.private_key(secrets) or signing.create_key(secrets)
        return key

    def public_key(self) -> str:
        """Base64url of the raw 32-byte public key that the province registers for this desk."""
        return signing.public_key_text(self.signing_key())

    def add_known(
        self, desk: str, agency_code: str, public_key: str, valid_until: str | None = None
    ) -> None:
        """Another desk's key, so its receipts verify here; `desk` is its desk number as text,
        as printed in its receipts' QR payload."""
        with self._store.write():
            signing.add_known_key(self._store.meta, desk, agency_code, public_key, valid_until)

    def known(self) -> list[signing.DeskKey]:
        return signing.known_keys(self._store.meta)
