"""The one HTTP client of the sync engine: a requests.Session with timeouts, TLS checks,
short retries for idempotent requests only, gzip bodies and errors in words.

The hub is trusted with the office's data, not with the desk's resources: every request has a
total deadline (a slow drip does not beat it), an answer is read in pieces and dropped past a
size limit, and a redirect is refused (a 307 would re-post citizens' records to another host)."""

from __future__ import annotations

import ipaddress
import json
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from counter_app.i18n import _, pick

from .errors import ChainRefused, HubRefused, HubUnreachable, SyncError
from .protocol import (
    CHAIN_HEAD,
    DESK_KEY,
    HEALTH,
    PULL,
    PUSH,
    RECONCILE,
    RECOVERY,
    decode_body,
    encode_body,
)

CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 30.0
# Bytes of one answer as they come off the wire (compressed). A pull page of 500 dossiers with
# their events is about 1 MB before gzip; the limit leaves room for a large catalogue.
MAX_ANSWER = 16 * 1024 * 1024
_CHUNK = 64 * 1024


def check_url(url: str) -> str:
    """https anywhere; plain http only to this machine (a hub under test or a local proxy)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SyncError(_("Địa chỉ máy chủ không hợp lệ: {url}").format(url=url))
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise SyncError(
            _("Từ chối gửi dữ liệu không mã hóa tới {hostname}: dùng https://").format(
                hostname=parts.hostname
            )
        )
    return url.rstrip("/")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass
class WireStats:
    requests: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0
    extra: dict[str, int] = field(default_factory=dict)


class HubClient:
    def __init__(
        self,
        url: str,
        token: str,
        ca_file: str | None = None,
        timeout: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT),
        retries: int = 2,
        max_answer: int = MAX_ANSWER,
    ) -> None:
        self.url = check_url(url)
        self.timeout = timeout
        # One connect and two reads' worth for the whole request, however the bytes trickle in.
        self.deadline = timeout[0] + 2 * timeout[1]
        self.max_answer = max_answer
        self.stats = WireStats()
        self.session = requests.Session()
        # Passed with every request: a session-level setting loses to REQUESTS_CA_BUNDLE.
        self.verify: str | bool = ca_file or True
        self.session.headers.update(
            {
                "Authorization": f"Bearer {token}",
                "Accept-Encoding": "gzip",
                "User-Agent": "mot-cua-counter/1",
            }
        )
        # Only GET and PUT are repeated at this level: a POST whose answer was lost is resent by
        # the engine's own schedule, which the hub's idempotency keys make safe.
        retry = Retry(
            total=retries,
            connect=retries,
            read=retries,
            status=retries,
            backoff_factor=0.2,
            status_forcelist=(502, 503, 504),
            allowed_methods=frozenset({"GET", "PUT"}),
            raise_on_status=False,
            respect_retry_after_header=False,
            redirect=0,
        )
        adapter = HTTPAdapter(max_retries=retry)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    def close(self) -> None:
        self.session.close()

    def health(self, timeout: float | None = None) -> dict[str, Any]:
        return self._call("GET", HEALTH, timeout=timeout)

    def push(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return self.push_chained(records, None)[0]

    def push_chained(
        self, records: list[dict[str, Any]], head: dict[str, Any] | None
    ) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
        """The acks, and the head of this desk's event chain the hub holds (None if it has
        none or did not say). `head` is the batch's last link, signed (EventChain.signed)."""
        body: dict[str, Any] = {"records": records}
        if head is not None:
            body["head"] = head
        answer = self._call("POST", PUSH, body=body)
        acks = answer.get("acks")
        if not isinstance(acks, list):
            raise HubRefused("the hub's answer has no acknowledgements", 502)
        held = answer.get("head")
        return acks, held if isinstance(held, dict) else None

    def chain_head(self) -> dict[str, Any] | None:
        """The last link of this desk's event chain the hub holds, for a restored desk."""
        held = self._call("GET", CHAIN_HEAD).get("head")
        return held if isinstance(held, dict) else None

    def pull(self, cursor: int, limit: int, known: dict[str, int]) -> dict[str, Any]:
        query = urlencode({"cursor": cursor, "limit": limit, **known})
        return self._call("GET", f"{PULL}?{query}")

    def recovery(self, since: int, limit: int) -> dict[str, Any]:
        """What the hub holds from this desk past a version (after a restore)."""
        return self._call("GET", f"{RECOVERY}?{urlencode({'since': since, 'limit': limit})}")

    def reconcile(self) -> dict[str, Any]:
        return self._call("GET", RECONCILE)

    def register_key(self, public_key: str) -> None:
        self._call("PUT", DESK_KEY, body={"public_key": public_key})

    def _call(
        self, method: str, path: str, body: Any = None, timeout: float | None = None
    ) -> dict[str, Any]:
        headers = {}
        data = None
        if body is not None:
            data = encode_body(body)
            headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
        limits = (timeout, timeout) if timeout else self.timeout
        budget = 2 * timeout if timeout else self.deadline
        deadline = time.monotonic() + budget
        try:
            resp = self.session.request(
                method,
                self.url + path,
                data=data,
                headers=headers,
                timeout=limits,
                stream=True,
                verify=self.verify,
                allow_redirects=False,
            )
            try:
                _refuse_redirect(resp)
                raw = self._read_answer(resp, deadline, budget)
            finally:
                resp.close()
        except requests.exceptions.SSLError as exc:
            raise SyncError(
                _("Chứng chỉ TLS của máy chủ không hợp lệ: {exc}").format(exc=exc)
            ) from exc
        except (requests.exceptions.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
            raise HubUnreachable(_unreachable_words(exc)) from exc
        self.stats.requests += 1
        self.stats.bytes_sent += len(data or b"")
        self.stats.bytes_received += len(raw)
        try:
            answer = decode_body(raw, resp.headers.get("content-encoding")) if raw else {}
        except (OSError, EOFError, ValueError, RecursionError) as exc:
            if resp.status_code >= 400:
                raise HubRefused(
                    f"the hub answered HTTP {resp.status_code}", resp.status_code
                ) from exc
            raise HubUnreachable(f"the hub's answer was cut off or garbled ({exc})") from exc
        if resp.status_code >= 400:
            message = answer.get("error") if isinstance(answer, dict) else None
            if isinstance(answer, dict) and answer.get("kind") == "chain_broken":
                raise ChainRefused(pick(str(message)), resp.status_code, answer.get("head"))
            raise HubRefused(
                _("Máy chủ tỉnh từ chối (HTTP {status_code}): {value}").format(
                    status_code=resp.status_code,
                    value=pick(str(message)) if message else json.dumps(answer)[:200],
                ),
                resp.status_code,
            )
        if not isinstance(answer, dict):
            raise HubRefused("the hub's answer is not a JSON object", resp.status_code)
        return answer

    def _read_answer(self, resp: requests.Response, deadline: float, budget: float) -> bytes:
        """The body as sent (still gzipped), in pieces: each piece is checked against the total
        deadline and the running size, so neither a drip nor a flood is waited for."""
        declared = resp.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_answer:
            raise _too_large(self.max_answer, resp.status_code)
        parts: list[bytes] = []
        size = 0
        while True:
            if time.monotonic() > deadline:
                raise HubUnreachable(
                    _("máy chủ trả lời quá thời hạn ({budget:g} s)").format(budget=budget)
                )
            part = resp.raw.read1(_CHUNK, decode_content=False)
            if not part:
                return b"".join(parts)
            size += len(part)
            if size > self.max_answer:
                raise _too_large(self.max_answer, resp.status_code)
            parts.append(part)


def _refuse_redirect(resp: requests.Response) -> None:
    if 300 <= resp.status_code < 400:
        where = urlsplit(resp.headers.get("location") or "").hostname or "?"
        raise HubRefused(
            _("Máy chủ tỉnh chuyển hướng tới {where}: không gửi theo").format(
                where=where, status_code=resp.status_code
            ),
            resp.status_code,
        )


def _too_large(limit: int, status: int) -> HubRefused:
    return HubRefused(
        _("Câu trả lời của máy chủ quá lớn (trên {value} MB), đã bỏ").format(
            value=limit // (1024 * 1024)
        ),
        status,
    )


def _unreachable_words(exc: Exception) -> str:
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        what = _("kết nối quá lâu")
    elif isinstance(exc, requests.exceptions.ReadTimeout):
        what = _("máy chủ không trả lời kịp")
    elif isinstance(exc, requests.exceptions.ConnectionError):
        what = _("mất kết nối tới máy chủ tỉnh")
    else:
        what = _("lỗi mạng")
    return f"{what} ({type(exc).__name__})"
