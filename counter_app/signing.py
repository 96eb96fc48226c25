"""Signed receipt payloads: what the receipt's QR code carries and how anyone checks it offline.

The payload names the dossier, never the person:
`MC1|<dossier code>|<agency code>|<received yyyyMMddHHmm>|<desk>|<Ed25519 signature>`,
the signature (base64url, no padding) covering everything before its own `|`. `<desk>` is the
desk number, unique within the office, so (agency, desk) names the key that signed. Each desk
makes its key pair once (at setup, or on first use for a counter set up before this existed)
and keeps it in the database's meta table (the file is 0600); the province collects the public
keys at sync and hands them to the other desks, so a return desk can check a receipt from
another counter without a network.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from counter_app.i18n import _

from . import clock
from .errors import InvalidReceipt, ValidationError
from .models import Dossier
from .secret_store import SIGNING_KEY, SecretStore

if TYPE_CHECKING:
    # cryptography is imported where a key is used, not here: the desktop app's start (and
    # its first screen) signs nothing, and the import costs it tens of milliseconds.
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

    from .counter import Counter
    from .store.meta import MetaTable

PREFIX = "MC1"
PRIVATE_KEY_META = "desk_signing_key"  # where it was kept before issue 13 (see the migration)
KNOWN_KEYS_META = "known_desk_keys"
PORTAL_URL_SETTING = (
    "portal_lookup_url"  # e.g. "https://dichvucong.example.vn/tra-cuu?mc={payload}"
)
TIME_FORMAT = "%Y%m%d%H%M"
CITIZEN_PATH = "/tra-cuu"  # the hub's public page for a receipt (sync/hub/web/citizen.py)
_B64URL = re.compile(r"^[A-Za-z0-9_-]+$")
_SIGNATURE_CHARS = 86  # 64 bytes in base64url without padding


@dataclass(frozen=True)
class DeskKey:
    desk: str
    agency_code: str
    public_key: str
    # Set once the desk was enrolled again (reinstalled): receipts received up to then
    # verify with this key, later ones only with its next.
    valid_until: str | None = None

    def to_dict(self) -> dict[str, str]:
        return {"desk": self.desk, "agency_code": self.agency_code, "public_key": self.public_key}


@dataclass(frozen=True)
class VerifiedReceipt:
    code: str
    agency_code: str
    received_at: datetime
    desk: str
    own_desk: bool  # signed by this very desk


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64url(text: str) -> bytes:
    if not _B64URL.match(text):
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


# --- this desk's key ---------------------------------------------------------------------


def private_key(secrets: SecretStore) -> Ed25519PrivateKey | None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    stored = secrets.get(SIGNING_KEY)
    return None if stored is None else Ed25519PrivateKey.from_private_bytes(unb64url(stored))


def create_key(secrets: SecretStore) -> Ed25519PrivateKey:
    """Make the desk's key pair and keep the private half outside the database (a backup or
    a copied database must not let anyone sign receipts that verify at every desk)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    secrets.set(SIGNING_KEY, b64url(key.private_bytes_raw()))
    return key


def public_key_text(key: Ed25519PrivateKey) -> str:
    return b64url(key.public_key().public_bytes_raw())


def desk_id(counter: Counter) -> str:
    return str(counter.desk()["number"])


# --- known keys of other desks -----------------------------------------------------------


def _key_name(agency_code: str, desk: str) -> str:
    return f"{agency_code}|{desk}"


def check_public_key(public_key: str) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        raw = unb64url(public_key)
        Ed25519PublicKey.from_public_bytes(raw)
    except (ValueError, binascii.Error):
        raise ValidationError(
            {"public_key": _("khóa công khai không hợp lệ (32 byte base64url)")}
        ) from None


def _entries(value: Any) -> dict[str, str | None]:
    """A desk's keys as stored: {key: valid until}; a lone string is the older one-key form."""
    return {value: None} if isinstance(value, str) else dict(value)


def known_keys(meta: MetaTable) -> list[DeskKey]:
    stored: dict[str, Any] = meta.get(KNOWN_KEYS_META, {})
    keys = []
    for name, value in sorted(stored.items()):
        agency, _bar, desk = name.partition("|")
        for public, until in _entries(value).items():
            keys.append(DeskKey(desk, agency, public, until))
    return keys


def add_known_key(
    meta: MetaTable, desk: str, agency_code: str, public_key: str, valid_until: str | None = None
) -> None:
    """Register another desk's key, in the caller's transaction. A desk enrolled again (a
    reinstall) has a new key; its earlier ones are kept, so its old receipts still verify."""
    check_public_key(public_key)
    if valid_until is not None:
        try:
            clock.parse_iso(valid_until)
        except (TypeError, ValueError):
            raise ValidationError({"valid_until": _("thời điểm không hợp lệ")}) from None
    stored: dict[str, Any] = meta.get(KNOWN_KEYS_META, {})
    name = _key_name(agency_code.strip(), desk.strip())
    entries = _entries(stored.get(name, {}))
    entries[public_key] = valid_until
    stored[name] = entries
    meta.set(KNOWN_KEYS_META, stored)


# --- payloads ----------------------------------------------------------------------------


def signed_text(code: str, agency_code: str, received: datetime, desk: str) -> str:
    return "|".join(
        (PREFIX, code, agency_code, received.astimezone(clock.VN_TZ).strftime(TIME_FORMAT), desk)
    )


def receipt_payload(counter: Counter, dossier: Dossier) -> str:
    """The signed compact text for a dossier taken in at this desk."""
    key = counter.keys.signing_key()
    text = signed_text(
        dossier.code,
        counter.office().agency_code,
        clock.parse_iso(dossier.received_at),
        desk_id(counter),
    )
    return f"{text}|{b64url(key.sign(text.encode('utf-8')))}"


def qr_text(counter: Counter, payload: str) -> str:
    """The payload itself, or a link around it that still carries it whole: the province's
    lookup URL when one is configured, else the citizen's page of the hub this desk syncs
    with (sync/hub/web), so a phone camera opens the dossier and a desk still checks it."""
    template = counter.setting(PORTAL_URL_SETTING)
    if not template:
        server = counter.sync_book.server()
        if server is None:
            return payload
        template = f"{server.url.rstrip('/')}{CITIZEN_PATH}?mc="
    encoded = quote(payload, safe="")
    if "{payload}" in str(template):
        return str(template).replace("{payload}", encoded)
    return f"{template}{encoded}"


def extract_payload(scanned: str) -> str:
    """A scanner gives either the bare payload or the portal URL that wraps it."""
    text = scanned.strip()
    if "://" in text:
        text = unquote(text)
        start = text.find(PREFIX + "|")
        if start < 0:
            return text
        text = re.split(r"[&#\s]", text[start:], maxsplit=1)[0]
    return text


def _malformed(detail: str) -> InvalidReceipt:
    return InvalidReceipt(
        "malformed",
        _("mã QR không đúng định dạng biên nhận ({detail})").format(detail=detail),
    )


def verify_receipt_payload(counter: Counter, payload: str) -> VerifiedReceipt:
    """Check a scanned receipt against this desk's key and the known keys of other desks."""
    parts, raw_signature, received = _parsed(payload)
    candidates = _public_keys_for(counter, parts[2], parts[4], received)
    return _checked(parts, raw_signature, received, candidates)


def _parsed(payload: str) -> tuple[list[str], bytes, datetime]:
    text = extract_payload(payload)
    parts = text.split("|")
    if len(parts) != 6 or parts[0] != PREFIX:
        raise _malformed(_("cần 6 trường bắt đầu bằng {PREFIX}").format(PREFIX=PREFIX))
    _prefix, code, agency, when, desk, signature = parts
    if not code or not agency or not desk:
        raise _malformed(_("trường trống"))
    try:
        received = datetime.strptime(when, TIME_FORMAT).replace(tzinfo=clock.VN_TZ)
    except ValueError:
        raise _malformed(_("thời gian '{when}'").format(when=when)) from None
    try:
        if len(signature) != _SIGNATURE_CHARS:
            raise ValueError("length")
        raw_signature = unb64url(signature)
    except (ValueError, binascii.Error):
        raise _malformed(_("chữ ký")) from None
    return parts, raw_signature, received


def verify_with_keys(
    payload: str, public_key_for: Callable[[str, str], str | None]
) -> VerifiedReceipt:
    """Check a scanned receipt with the public key (base64url) that `public_key_for(agency,
    desk)` gives: what the hub does with the keys desks registered."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    parts, raw_signature, received = _parsed(payload)
    found = public_key_for(parts[2], parts[4])
    candidates = [] if not found else [(Ed25519PublicKey.from_public_bytes(unb64url(found)), False)]
    return _checked(parts, raw_signature, received, candidates)


def _checked(
    parts: list[str],
    raw_signature: bytes,
    received: datetime,
    candidates: list[tuple[Ed25519PublicKey, bool]],
) -> VerifiedReceipt:
    _prefix, code, agency, _when, desk, _signature = parts
    if not candidates:
        raise InvalidReceipt(
            "unknown_desk",
            _("không biết khóa của quầy {desk} thuộc {agency} (cần đồng bộ)").format(
                desk=desk, agency=agency
            ),
        )
    own = _signed_by_any(candidates, raw_signature, "|".join(parts[:5]).encode("utf-8"))
    if own is None:
        raise InvalidReceipt(
            "tampered", _("chữ ký không khớp: biên nhận bị sửa hoặc giả")
        ) from None
    return VerifiedReceipt(
        code=code, agency_code=agency, received_at=received, desk=desk, own_desk=own
    )


def _signed_by_any(
    candidates: list[tuple[Ed25519PublicKey, bool]], signature: bytes, text: bytes
) -> bool | None:
    """Whether the key that verifies is this desk's own; None if none verifies."""
    from cryptography.exceptions import InvalidSignature

    for public, own in candidates:
        try:
            public.verify(signature, text)
        except InvalidSignature:
            continue
        return own
    return None


def _public_keys_for(
    counter: Counter, agency: str, desk: str, received: datetime
) -> list[tuple[Ed25519PublicKey, bool]]:
    """The keys that may have signed a receipt of (agency, desk) received then: the desk's
    current key, and any earlier key still valid at that time (the desk was reinstalled)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    keys: list[tuple[Ed25519PublicKey, bool]] = []
    if (
        counter.is_configured()
        and agency == counter.office().agency_code
        and desk == desk_id(counter)
    ):
        keys.append((counter.keys.signing_key().public_key(), True))
    for known in counter.keys.known():
        if known.agency_code != agency or known.desk != desk:
            continue
        # The receipt's time is to the minute: a key retired within that minute still counts.
        if known.valid_until and clock.parse_iso(known.valid_until) < received:
            continue
        keys.append((Ed25519PublicKey.from_public_bytes(unb64url(known.public_key)), False))
    return keys
