"""The desk's side of the event hash chain (issue 13 finding 11), as `Counter.event_chain`:
the signed head a push carries, the head the hub acknowledged, `check`'s first broken link, and
the anchor a restored desk takes over from the hub. Hashing: counter_app/event_chain.py; SQL:
counter_app/store/chain.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from counter_app.i18n import _

from . import clock
from .errors import PermissionDenied, ValidationError
from .event_chain import ChainHead, sign_head, valid_hash
from .store.chain import HUB_HEAD_META

# Set when the hub refused a push and holds links of this desk past the last one this database
# saw acknowledged: {"hub": its head's number, "acknowledged": ours}.
OLDER_COPY_META = "event_chain.older_copy"

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from .store import Store
    from .store.chain import Break


class EventChain:
    def __init__(self, store: Store, key: Callable[[], Ed25519PrivateKey]) -> None:
        self._store = store
        self._key = key

    def head(self) -> ChainHead:
        """This desk's last link (or the anchor it adopted, if later)."""
        return self._store.chain.head()

    def desk_uuid(self) -> str:
        return str((self._store.meta.get("desk") or {}).get("uuid") or "")

    def signed(self, head: ChainHead) -> dict[str, Any]:
        """`head` as a push carries it: desk, seq, hash and the desk key's signature."""
        desk = self.desk_uuid()
        return {**head.to_dict(), "desk": desk, "signature": sign_head(self._key(), desk, head)}

    def hub_head(self) -> ChainHead | None:
        value = self._store.meta.get(HUB_HEAD_META)
        return None if not value else ChainHead(int(value["seq"]), str(value["hash"]))

    def note_hub_head(self, head: ChainHead) -> None:
        """The hub answered a push holding `head` for this desk: it took the push, so this
        database is no older copy in its eyes (refused_by_hub)."""
        if head != self.hub_head() or self._store.meta.get(OLDER_COPY_META) is not None:
            with self._store.write():
                self._store.meta.set(HUB_HEAD_META, head.to_dict())
                self._store.meta.set(OLDER_COPY_META, None)

    def refuse_intake(self) -> None:
        """No new code while the hub says this database is an older copy put back by hand: the
        next code may be one the hub already holds from this desk, printed on a citizen's
        receipt and never accepted. Lifted by a push the hub takes, or by a restore."""
        older = self._store.meta.get(OLDER_COPY_META)
        if isinstance(older, dict):
            raise PermissionDenied(
                _(
                    "Máy chủ tỉnh cho biết cơ sở dữ liệu này là một bản cũ hơn được chép đè vào "
                    "(chuỗi sự kiện của quầy tới số {hub} ở máy chủ, số {mine} ở đây): mã hồ sơ "
                    "mới có thể trùng mã máy chủ đã giữ, nên quầy không tiếp nhận. Báo kỹ thuật "
                    "của tỉnh (docs/security.md, F8)."
                ).format(hub=older.get("hub"), mine=older.get("acknowledged"))
            )

    def refused_by_hub(self, held: object) -> int | None:
        """The hub refused a push and holds `held` ({"seq", "hash"} as it said) of this desk:
        noted, so `check` names the break against it. Returns the last link this database saw
        acknowledged when the hub holds links past it (an older copy of the database put back
        by hand, not through `restore`: its changes since reuse numbers the hub holds), else
        None (this desk's history was changed after it was sent)."""
        if not isinstance(held, dict) or not valid_hash(held.get("hash")):
            return None
        seq = held.get("seq")
        if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
            return None
        with self._store.write():
            self._store.meta.set(HUB_HEAD_META, {"seq": seq, "hash": str(held["hash"])})
            acknowledged = self._store.chain.acknowledged()
            if seq <= acknowledged:
                return None
            self._store.meta.set(OLDER_COPY_META, {"hub": seq, "acknowledged": acknowledged})
        return acknowledged

    def adopt_chain_head(self, seq: int, hash: str) -> None:
        """After a restore: the hub holds this desk's chain up to (seq, hash), past what the
        backup had. The next event written here is link seq + 1 with `hash` as its previous,
        so the hub's continuity check passes; `check` accepts the gap at exactly this anchor.
        Refused (ValidationError, nothing written) for a malformed hash or a seq not ahead of
        this desk's own head; adopting the same head again changes nothing. A head this desk
        already has (its own link at `seq` has that hash: the backup was taken after the last
        push) is only noted as the hub's. A head this desk has passed with a different link at
        `seq` is refused: its chain and the hub's differ."""
        if not isinstance(seq, int) or seq < 1 or not valid_hash(hash):
            raise ValidationError({"chain": _("mốc chuỗi sự kiện không hợp lệ")})
        head = ChainHead(seq, hash)
        with self._store.write():
            current = self._store.chain.head()
            if current.seq >= seq:
                if current != head and self._store.chain.hash_at(seq) != hash:
                    raise ValidationError(
                        {
                            "chain": _(
                                "chuỗi sự kiện của quầy đã tới số {mine} và khác bản máy chủ "
                                "tỉnh ở số {seq}"
                            ).format(mine=current.seq, seq=seq)
                        }
                    )
            else:
                self._store.chain.adopt(head, clock.iso(clock.now()))
            self._store.meta.set(HUB_HEAD_META, head.to_dict())

    def problems(self) -> list[str]:
        """The first broken link, in words without personal data ([] when the chain holds)."""
        found = self._store.chain.first_break(self.hub_head())
        return [] if found is None else [break_words(found)]


def break_words(b: Break) -> str:
    seq, code = b.seq, b.code
    if b.kind == "edited":
        return _("Chuỗi sự kiện đứt ở sự kiện số {seq}: nội dung sự kiện đã bị sửa").format(seq=seq)
    if b.kind == "missing":
        return _(
            "Chuỗi sự kiện đứt ở sự kiện số {seq}: sự kiện ngay trước nó đã bị xóa hoặc thay"
        ).format(seq=seq)
    if b.kind == "snapshot":
        return _(
            "Hồ sơ {code} không khớp với sự kiện cuối của nó (số {seq}): hồ sơ đã bị sửa "
            "ngoài ứng dụng"
        ).format(code=code, seq=seq)
    if b.kind == "pulled":
        return _(
            "Hồ sơ {code} không khớp với trạng thái lần đồng bộ cuối mang về: hồ sơ đã bị sửa "
            "ngoài ứng dụng"
        ).format(code=code)
    if b.kind == "rewritten":
        return _(
            "Sự kiện số {seq} khác với bản máy chủ tỉnh đã nhận: lịch sử đã bị viết lại"
        ).format(seq=seq)
    if b.kind == "behind_hub":
        return _(
            "Chuỗi sự kiện dừng ở số {seq}, trước mốc máy chủ tỉnh đã nhận: các sự kiện cuối "
            "đã bị xóa (hoặc bản sao lưu được khôi phục mà chưa nhận lại từ máy chủ)"
        ).format(seq=seq)
    if b.kind == "synced_unsent":
        return _(
            "Hàng đợi đồng bộ ghi sự kiện số {seq} là đã gửi nhưng máy chủ tỉnh chưa xác nhận nó"
        ).format(seq=seq)
    return _("Hồ sơ {code} có sự kiện nằm ngoài chuỗi (được chèn ngoài ứng dụng)").format(code=code)
