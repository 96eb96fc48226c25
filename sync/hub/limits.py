"""Bounds on what one request may cost the hub: body bytes as they arrive, bytes out of the
gzip decompressor as they are produced, and failed authentications per address.

A body is read chunk by chunk and refused (413) the moment it passes a limit, so neither a
chunked upload without a length nor a small gzip that inflates a thousandfold is ever held
whole: memory stays within the limit whatever the client sends. The structure of what is
read (records per push, nesting) is bounded by the models and by `records.MAX_DEPTH`.
"""

from __future__ import annotations

import threading
import time
import zlib
from collections.abc import AsyncIterator

# A desk sends at most 1000 records a push (sync/schedule.py), each a few kilobytes; eight
# times that is room enough and keeps a hostile body's parsed form to tens of megabytes.
MAX_PLAIN = 16 * 1024 * 1024
MAX_WIRE = MAX_PLAIN
# Decompressed in steps of this size, so a bomb is refused after one step past the limit.
STEP = 256 * 1024


class BodyTooLarge(Exception):
    pass


class BadEncoding(Exception):
    pass


async def read_limited(
    chunks: AsyncIterator[bytes],
    gzipped: bool,
    max_plain: int = MAX_PLAIN,
    max_wire: int = MAX_WIRE,
) -> bytes:
    """The body, decompressed if `gzipped`, or BodyTooLarge as soon as either the bytes
    received or the bytes they decompress to pass their limit."""
    out = bytearray()
    wire = 0
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS) if gzipped else None
    async for chunk in chunks:
        wire += len(chunk)
        if wire > max_wire:
            raise BodyTooLarge
        if inflate is None:
            out += chunk
        else:
            _inflate(inflate, chunk, out, max_plain)
        if len(out) > max_plain:
            raise BodyTooLarge
    if inflate is not None and not inflate.eof:
        raise BadEncoding("the gzip stream is truncated")
    if inflate is not None and inflate.unused_data:
        raise BadEncoding("data after the gzip stream")
    return bytes(out)


def _inflate(inflate: zlib._Decompress, chunk: bytes, out: bytearray, max_plain: int) -> None:
    data = chunk
    while data and not inflate.eof:
        try:
            out += inflate.decompress(data, STEP)
        except zlib.error as exc:
            raise BadEncoding(f"not gzip: {exc}") from exc
        if len(out) > max_plain:
            raise BodyTooLarge
        data = inflate.unconsumed_tail
    if inflate.eof and data:
        raise BadEncoding("data after the gzip stream")


class FailedAuthLimiter:
    """At most `limit` failed authentications per address per `window` seconds (per hub
    process); past it, the address is answered 429 without its token being looked up."""

    def __init__(self, limit: int = 20, window: float = 60.0, most_addresses: int = 100_000):
        self.limit, self.window, self.most = limit, window, most_addresses
        self._lock = threading.Lock()
        self._failures: dict[str, tuple[float, int]] = {}

    def blocked(self, address: str) -> bool:
        with self._lock:
            start, count = self._failures.get(address, (0.0, 0))
            return count >= self.limit and time.monotonic() - start < self.window

    def failed(self, address: str) -> None:
        now = time.monotonic()
        with self._lock:
            start, count = self._failures.get(address, (now, 0))
            if now - start >= self.window:
                start, count = now, 0
            if len(self._failures) >= self.most and address not in self._failures:
                self._forget_old(now)
            self._failures[address] = (start, count + 1)

    def _forget_old(self, now: float) -> None:
        old = [a for a, (start, _) in self._failures.items() if now - start >= self.window]
        for address in old or list(self._failures)[: self.most // 2]:
            del self._failures[address]
