"""What both ends of protocol v1 agree on (docs/sync-protocol.md): paths, hashing, gzip."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from typing import Any

PROTOCOL_VERSION = 1
HEALTH = "/v1/health"
PUSH = "/v1/push"
PULL = "/v1/pull"
RECONCILE = "/v1/reconcile"
RECOVERY = "/v1/recovery"
DESK_KEY = "/v1/desk-key"
CHAIN_HEAD = "/v1/chain-head"
# Request bodies larger than this after decompression are refused (a gzip bomb guard).
MAX_BODY = 64 * 1024 * 1024
GZIP_LEVEL = 6


def text_hash(text: str) -> str:
    """The content hash of a pushed record: SHA-256 of its payload text exactly as sent."""
    return hashlib.sha256(text.encode()).hexdigest()


def encode_body(data: Any) -> bytes:
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    return gzip.compress(raw, compresslevel=GZIP_LEVEL, mtime=0)


def decode_body(body: bytes, encoding: str | None) -> Any:
    if encoding and encoding.lower() == "gzip":
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as f:
            body = f.read(MAX_BODY + 1)
        if len(body) > MAX_BODY:
            raise ValueError("body too large")
    return json.loads(body)


def day_digest(uuids: list[str]) -> str:
    """Digest of a day's set of record or dossier UUIDs, independent of their order."""
    return hashlib.sha256("\n".join(sorted(uuids)).encode()).hexdigest()


def summarise_days(days: dict[str, list[str]]) -> dict[str, dict[str, Any]]:
    """What desk and hub compare in a reconciliation: per day, the count and the digest."""
    return {day: {"count": len(u), "digest": day_digest(u)} for day, u in sorted(days.items())}
