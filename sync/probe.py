"""Is the provincial hub reachable? One quick GET /v1/health, never raises."""

from __future__ import annotations

import requests

from .errors import SyncError
from .protocol import HEALTH, PROTOCOL_VERSION
from .transport import check_url

PROBE_TIMEOUT = 3.0


def is_reachable(url: str, ca_file: str | None = None, timeout: float = PROBE_TIMEOUT) -> bool:
    try:
        resp = requests.get(check_url(url) + HEALTH, timeout=timeout, verify=ca_file or True)
        return bool(resp.ok and resp.json().get("protocol") == PROTOCOL_VERSION)
    except (requests.RequestException, ValueError, SyncError):
        return False
