"""The citizen's page behind the receipt's QR: public, no login, no JavaScript, one request.

`GET /tra-cuu?mc=<signed payload>` checks the payload's signature with the key the desk that
printed the receipt registered, and shows the dossier it names (`citizen_view`). A payload that
does not verify and a dossier the hub does not know give the same 404 page: the page must not
tell someone trying codes which of them exist. `POST /tra-cuu/danh-gia` takes the satisfaction
survey for that dossier; the signed payload is the proof of holding the receipt, so a rating
cannot be given for another dossier. Ratings are limited per client address (per process).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from counter_app.errors import InvalidReceipt
from counter_app.signing import CITIZEN_PATH, verify_with_keys

from ..ratings import LEVELS, QUESTIONS, RatingRefused, check_answers, rate
from ..service import Hub
from ..storage import HubDossier
from . import TEMPLATES
from .citizen_view import OPENING_HOURS, CitizenView, citizen_view, matches

RATE_PATH = f"{CITIZEN_PATH}/danh-gia"
PAYLOAD_MAX = 400
RATINGS_PER_HOUR = 20
HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
    "form-action 'self'; frame-ancestors 'none'",
}


class AddressLimit:
    """At most `most` events per address in a sliding hour."""

    def __init__(
        self, most: int, window: float = 3600.0, now: Callable[[], float] = time.monotonic
    ) -> None:
        self.most, self.window, self.now = most, window, now
        self.seen: dict[str, deque[float]] = {}
        self.lock = threading.Lock()

    def allow(self, address: str) -> bool:
        now = self.now()
        with self.lock:
            times = self.seen.setdefault(address, deque())
            while times and now - times[0] > self.window:
                times.popleft()
            if len(times) >= self.most:
                return False
            times.append(now)
            return True


def find_dossier(hub: Hub, payload: str) -> HubDossier | None:
    """The dossier a signed payload names, or None for anything else (all the same to the
    citizen: a bad signature, an unknown desk or dossier, a malformed text)."""
    if not payload or len(payload) > PAYLOAD_MAX:
        return None

    def key_for(agency: str, desk: str) -> str | None:
        keys = hub.storage.office_desk_keys({agency})
        return next((k.public_key for k in keys if k.desk == desk), None)

    try:
        receipt = verify_with_keys(payload, key_for)
    except (InvalidReceipt, ValueError):
        return None
    d = hub.storage.dossier_by_code(receipt.code)
    return d if d is not None and matches(d, receipt) else None


def lookup(hub: Hub, payload: str) -> CitizenView | None:
    d = find_dossier(hub, payload)
    return None if d is None else citizen_view(hub.storage, d, hub.storage.rating(d.uuid))


def citizen_routes(hub: Hub, limit: AddressLimit | None = None) -> list[Route]:
    limiter = limit or AddressLimit(RATINGS_PER_HOUR)

    def page(
        request: Request,
        view: CitizenView | None,
        payload: str,
        status: int = 200,
        message: str | None = None,
        thanks: bool = False,
    ) -> Response:
        context: dict[str, Any] = {
            "view": view,
            "payload": payload,
            "questions": QUESTIONS,
            "levels": LEVELS,
            "message": message,
            "thanks": thanks,
            "hours": OPENING_HOURS,
            "rate_path": RATE_PATH,
        }
        if view is None:
            return TEMPLATES.TemplateResponse(request, "not_found.html", context, 404, HEADERS)
        return TEMPLATES.TemplateResponse(request, "citizen.html", context, status, HEADERS)

    async def show(request: Request) -> Response:
        payload = request.query_params.get("mc", "")
        view = await run_in_threadpool(lookup, hub, payload)
        return page(request, view, payload, thanks=request.query_params.get("ok") == "1")

    async def rate_it(request: Request) -> Response:
        async with request.form(max_files=0, max_fields=20, max_part_size=4096) as form:
            fields = {k: str(v) for k, v in form.items()}
        payload = fields.get("mc", "")
        d = await run_in_threadpool(find_dossier, hub, payload)
        if d is None:
            return page(request, None, payload)
        address = request.client.host if request.client else "?"
        status = 400
        try:
            answers = check_answers(fields)
            if not limiter.allow(address):
                status = 429
                raise RatingRefused("Quá nhiều lượt đánh giá từ địa chỉ này; xin thử lại sau.")
            await run_in_threadpool(rate, hub.storage, d, answers)
        except RatingRefused as exc:
            view = await run_in_threadpool(lookup, hub, payload)
            return page(request, view, payload, status, message=str(exc))
        # Post/redirect/get: reloading the thank-you page does not send the form again.
        url = f"{CITIZEN_PATH}?{urlencode({'mc': payload, 'ok': '1'})}"
        return RedirectResponse(url, 303, headers=HEADERS)

    from .poster import poster_routes

    return [
        Route(CITIZEN_PATH, show, methods=["GET"], name="citizen"),
        Route(RATE_PATH, rate_it, methods=["POST"]),
        *poster_routes(hub, limiter),  # the same limit per address for both ways of rating
    ]
