"""Each desk's event hash chain at the hub (issue 13 finding 11, docs/sync-protocol.md).

A push whose records carry chain links comes with the chain's head (the batch's last link)
signed by the desk's current key. The hub checks the signature, then that every link either is
one it already holds (same hash) or continues the head it holds for that desk and key. A desk
that never pushed a link starts its chain with its first; once started, a push without links or
without a signed head is refused. A refusal is raised inside the push's transaction, so the hub
keeps its state; the HTTP layer answers 409 with the typed body ChainError.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from counter_app.event_chain import ChainHead, head_signature_ok, valid_hash

from .storage import Desk, HubStorage


class ChainBroken(Exception):
    """The pushed chain does not continue what the hub holds; `head` is what it holds."""

    def __init__(self, message: str, head: ChainHead | None) -> None:
        super().__init__(message)
        self.message = message
        self.head = head

    def body(self) -> dict[str, Any]:
        return {
            "error": self.message,
            "kind": "chain_broken",
            "head": None if self.head is None else self.head.to_dict(),
        }


@dataclass(frozen=True)
class Link:
    seq: int
    prev: str
    hash: str


def links_of(records: list[Any]) -> list[Link]:
    found = []
    for rec in records:
        chain = rec.get("chain") if isinstance(rec, dict) else None
        if isinstance(chain, dict):
            found.append(Link(int(chain["seq"]), str(chain["prev"]), str(chain["hash"])))
    return found


def current_head(storage: HubStorage, desk: Desk) -> ChainHead | None:
    """The last link the hub holds of this desk's chain under its current key."""
    if not desk.public_key:
        return None
    row = storage.chain_head(desk.id, desk.public_key)
    return None if row is None else ChainHead(*row)


def take_chain(
    storage: HubStorage,
    desk: Desk,
    records: list[Any],
    head: dict[str, Any] | None,
    at: str,
) -> ChainHead | None:
    """Check the push's links and keep the new ones; returns the head the hub now holds.
    In the caller's transaction; raises ChainBroken (nothing kept) when the chain breaks."""
    held = current_head(storage, desk)
    links = links_of(records)
    if head is None or not links:
        if held is not None and records:
            raise ChainBroken(
                "chuỗi sự kiện của quầy đã bắt đầu: mỗi lần gửi phải kèm chuỗi và đầu chuỗi có "
                "chữ ký / this desk's chain has started: every push must carry its links and "
                "signed head",
                held,
            )
        return held  # a desk from before the chain: nothing to check yet
    key = desk.public_key
    if not key:
        raise ChainBroken(
            "hãy đăng ký khóa của quầy trước khi gửi chuỗi sự kiện / register this desk's key "
            "before pushing a chain",
            None,
        )
    last = links[-1]
    signed = ChainHead(int(head["seq"]), str(head["hash"]))
    if signed != ChainHead(last.seq, last.hash) or not head_signature_ok(
        key, str(head["desk"]), signed, str(head["signature"])
    ):
        raise ChainBroken(
            "đầu chuỗi sự kiện không có chữ ký đúng của quầy / the chain head is not signed "
            "by this desk's key",
            held,
        )
    known = storage.chain_links(desk.id, key, [link.seq for link in links])
    expect, new = held, []
    for link in links:
        if not (valid_hash(link.prev) and valid_hash(link.hash)):
            raise ChainBroken(
                f"mắt xích số {link.seq} hỏng / malformed chain link {link.seq}", held
            )
        if link.seq in known:
            if known[link.seq] != link.hash:
                raise ChainBroken(
                    f"sự kiện số {link.seq} khác với bản quầy đã gửi trước đây: lịch sử đã bị "
                    f"viết lại / event {link.seq} differs from the one this desk pushed before: "
                    "its history was rewritten",
                    held,
                )
            continue
        if expect is not None and link.seq <= expect.seq:
            continue  # before where the hub's copy starts: nothing to hold it against
        if expect is not None and (link.seq != expect.seq + 1 or link.prev != expect.hash):
            raise ChainBroken(
                f"sự kiện số {link.seq} không nối tiếp chuỗi máy chủ tỉnh đang giữ (tới số "
                f"{expect.seq}) / event {link.seq} does not continue the chain the hub holds "
                f"(up to {expect.seq})",
                held,
            )
        new.append((link.seq, link.prev, link.hash))
        expect = ChainHead(link.seq, link.hash)
    storage.add_chain_links(desk.id, key, new, at)
    return expect
