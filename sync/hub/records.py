"""What the hub accepts from a desk, checked before anything is stored.

One desk's record is another office's pull: a snapshot the hub lets through is applied by
every desk of the offices it names. So a payload is parsed against the typed models of the
API (`models.PushPayload`), nested no deeper than real dossiers are, and a new dossier's code
must carry the pushing desk's own prefix. docs/security-hub.md says what each check defends.
"""

from __future__ import annotations

import base64
import json
import re
from typing import Any

from pydantic import ValidationError

from .models import PushPayload
from .storage import Desk

# A dossier snapshot nests four levels (dossier > documents > list > document); the extra
# fields of a newer desk get some room, a hostile nesting none.
MAX_DEPTH = 16
ED25519_KEY_BYTES = 32


class PayloadError(ValueError):
    """Why a record was refused, in words that never quote the record's values."""


def depth_exceeds(value: Any, limit: int = MAX_DEPTH) -> bool:
    """True if `value` nests deeper than `limit` (iterative: a deep value cannot recurse us)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def parse_payload(text: str) -> PushPayload:
    """The record's payload as a typed change, or PayloadError saying which fields are wrong."""
    if "\\u0000" in text or "\x00" in text:
        raise PayloadError("NUL character in the payload")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise PayloadError("payload is not JSON") from exc
    if depth_exceeds(data):
        raise PayloadError(f"payload nested deeper than {MAX_DEPTH} levels")
    try:
        # What is stored must encode: a lone surrogate (a "\ud800" escape) parses but does not.
        json.dumps(data, ensure_ascii=False).encode()
    except UnicodeEncodeError:
        raise PayloadError("payload has text that is not Unicode (a lone surrogate)") from None
    try:
        change = PushPayload.model_validate(data)
    except ValidationError as exc:
        raise PayloadError(problems(exc)) from exc
    handout = change.dossier.extra.get("handout_unit")
    if handout is not None and (not isinstance(handout, str) or not 0 < len(handout) <= 200):
        raise PayloadError("dossier.extra.handout_unit: must be an agency code")
    return change


def problems(exc: ValidationError, most: int = 5) -> str:
    """Where and what, never the offending value (it may be a citizen's data)."""
    errors = exc.errors(include_input=False, include_url=False)
    words = [f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in errors[:most]]
    more = f" (+{len(errors) - most} more)" if len(errors) > most else ""
    return "; ".join(words) + more


def own_code(code: str, desk: Desk) -> bool:
    """A new dossier's code has the desk's own prefix: `<agency>-<yyMMdd>-<desk digit><NNN>`
    (docs/architecture.md), so no desk can take a number another desk will issue."""
    pattern = rf"{re.escape(desk.agency_code)}-\d{{6}}-{re.escape(desk.desk)}\d{{3,}}"
    return re.fullmatch(pattern, code) is not None


# Curve25519 in Edwards form (RFC 8032): the prime and the curve constant d.
_P = 2**255 - 19
_D = (-121665 * pow(121666, _P - 2, _P)) % _P


def ed25519_key(text: str) -> bool:
    """True if `text` is an Ed25519 public key as a desk sends it: base64url (no padding) of
    32 bytes that decode to a point of the curve (RFC 8032, 5.1.3). The crypto library takes
    any 32 bytes, so a junk key would only fail later, at every receipt check."""
    if not re.fullmatch(r"[A-Za-z0-9_-]{43}", text):
        return False
    raw = base64.urlsafe_b64decode(text + "=")
    y = int.from_bytes(raw, "little") & ((1 << 255) - 1)
    sign = raw[31] >> 7
    if y >= _P:
        return False
    u, v = (y * y - 1) % _P, (_D * y * y + 1) % _P
    x = (u * pow(v, 3, _P) * pow(u * pow(v, 7, _P), (_P - 5) // 8, _P)) % _P
    if (v * x * x - u) % _P != 0:
        x = x * pow(2, (_P - 1) // 4, _P) % _P
        if (v * x * x - u) % _P != 0:
            return False
    if x == 0 and sign == 1:
        return False
    if x & 1 != sign:
        x = _P - x
    return not _small_order(x, y)


def _small_order(x: int, y: int) -> bool:
    """A point of order 1, 2, 4 or 8: it verifies forged signatures, so no key is one."""
    for _ in range(3):  # times 8: three doublings on the twisted Edwards curve (a = -1)
        t = _D * x * x * y * y % _P
        x, y = (
            (2 * x * y) * pow(1 + t, _P - 2, _P) % _P,
            (y * y + x * x) * pow(1 - t, _P - 2, _P) % _P,
        )
    return x == 0 and y == 1
