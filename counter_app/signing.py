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
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
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
_B64URL = re.compile(r"^[A-Za-z0-9_-]+$")
_SIGNATURE_CHARS = 86  # 64 bytes in base64url without padding


@dataclass(frozen=True)
class DeskKey:
    desk: str
    agency_code: str
    public_key: str

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
        ) from None  # fmt: skip


def known_keys(meta: MetaTable) -> list[DeskKey]:
    stored: dict[str, str] = meta.get(KNOWN_KEYS_META, {})
    keys = []
    for name, public in sorted(stored.items()):
        agency, _bar, desk = name.partition("|")
        keys.append(DeskKey(desk=desk, agency_code=agency, public_key=public))
    return keys


def add_known_key(meta: MetaTable, desk: str, agency_code: str, public_key: str) -> None:
    """Register (or replace, when a desk was re-installed) another desk's key, in the caller's
    transaction."""
    check_public_key(public_key)
    stored: dict[str, str] = meta.get(KNOWN_KEYS_META, {})
    stored[_key_name(agency_code.strip(), desk.strip())] = public_key
    meta.set(KNOWN_KEYS_META, stored)


# --- payloads ----------------------------------------------------------------------------


def signed_text(code: str, agency_code: str, received: datetime, desk: str) -> str:
    return "|".join(
        (PREFIX, code, agency_code, received.astimezone(clock.VN_TZ).strftime(TIME_FORMAT), desk)
    )


def receipt_payload(counter: Counter, dossier: Dossier) -> str:
    """The signed compact text for a dossier taken in at this desk."""
    key = counter.signing_key()
    text = signed_text(
        dossier.code, counter.office().agency_code, clock.parse_iso(dossier.received_at),
        desk_id(counter),
    )  # fmt: skip
    return f"{text}|{b64url(key.sign(text.encode('utf-8')))}"


def qr_text(counter: Counter, payload: str) -> str:
    """The payload itself, or the province's lookup URL around it when one is configured."""
    template = counter.setting(PORTAL_URL_SETTING)
    if not template:
        return payload
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
    public, own = _public_key_for(counter, agency, desk)
    if public is None:
        raise InvalidReceipt(
            "unknown_desk",
            _("không biết khóa của quầy {desk} thuộc {agency} (cần đồng bộ)").format(
                desk=desk, agency=agency
            ),
        )
    from cryptography.exceptions import InvalidSignature

    try:
        public.verify(raw_signature, "|".join(parts[:5]).encode("utf-8"))
    except InvalidSignature:
        raise InvalidReceipt(
            "tampered", _("chữ ký không khớp: biên nhận bị sửa hoặc giả")
        ) from None  # fmt: skip
    return VerifiedReceipt(
        code=code, agency_code=agency, received_at=received, desk=desk, own_desk=own
    )


def _public_key_for(
    counter: Counter, agency: str, desk: str
) -> tuple[Ed25519PublicKey | None, bool]:
    if (
        counter.is_configured()
        and agency == counter.office().agency_code
        and desk == desk_id(counter)
    ):
        return counter.signing_key().public_key(), True
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    for known in counter.known_desk_keys():
        if known.agency_code == agency and known.desk == desk:
            return Ed25519PublicKey.from_public_bytes(unb64url(known.public_key)), False
    return None, False
