"""The hash chain of this desk's events (issue 13, finding 11): what is hashed, and how.

Each event written at this desk is one link, numbered from 1 (`seq`):

    hash = SHA-256(canonical JSON of [TAG, seq, prev hash, the event's fields, snapshot])

where `snapshot` is the SHA-256 of the dossier's columns right after the event (SNAPSHOT
columns of counter_app/store/chain.py). Editing an event, deleting one, or changing a dossier
behind the events' back breaks a link that `check` finds. Whoever holds the database can
recompute every hash, so the chain alone proves nothing against them: its head, signed with the
desk's key, travels with every push, and the hub refuses a chain that does not continue the head
it already holds (docs/security.md). SQL is in counter_app/store/chain.py; this module is pure.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

TAG = "MC-CHAIN-1"
GENESIS = "0" * 64  # the "previous hash" of a desk's first link
HEAD_TAG = "MC-HEAD-1"


@dataclass(frozen=True)
class ChainHead:
    """The last link of a chain: its number and hash (seq 0 and GENESIS for an empty one)."""

    seq: int
    hash: str

    def to_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "hash": self.hash}


EMPTY = ChainHead(0, GENESIS)


# One encoder for every hash: json.dumps with arguments builds a new one per call, which was a
# fifth of `check`'s walk over 100,000 links.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _canonical(value: Any) -> bytes:
    return _ENCODER.encode(value).encode()


def snapshot_hash(values: Sequence[Any]) -> str:
    """The dossier's state: its snapshot columns' values, in their fixed order."""
    return hashlib.sha256(_canonical([TAG, list(values)])).hexdigest()


def link_hash(seq: int, prev: str, event: Sequence[Any], snapshot: str) -> str:
    """One link: the event's stored fields (in the store's fixed order) bound to the link
    before it and to the dossier it left behind."""
    return hashlib.sha256(_canonical([TAG, seq, prev, list(event), snapshot])).hexdigest()


def head_message(desk_uuid: str, head: ChainHead) -> bytes:
    """What the desk signs for a push: this desk's chain reached `head`."""
    return f"{HEAD_TAG}|{desk_uuid}|{head.seq}|{head.hash}".encode()


def sign_head(key: Ed25519PrivateKey, desk_uuid: str, head: ChainHead) -> str:
    from .signing import b64url

    return b64url(key.sign(head_message(desk_uuid, head)))


def head_signature_ok(public_key: str, desk_uuid: str, head: ChainHead, signature: str) -> bool:
    """True when `signature` is the desk's signature of `head` under `public_key` (base64url
    raw Ed25519 key, as the hub registers it)."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from .signing import unb64url

    try:
        key = Ed25519PublicKey.from_public_bytes(unb64url(public_key))
        key.verify(unb64url(signature), head_message(desk_uuid, head))
    except (InvalidSignature, ValueError):
        return False
    return True


def valid_hash(text: object) -> bool:
    return isinstance(text, str) and len(text) == 64 and all(c in "0123456789abcdef" for c in text)
