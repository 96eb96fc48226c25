"""The rating poster at a return desk: a QR that opens the survey for the dossier that desk
has just handed over, for a citizen who has no receipt in hand any more.

`GET /danh-gia?o=<agency>&q=<desk>` finds the dossier whose latest change was its return by
that desk, if that was less than `FRESH` ago; the form posts its code back and the hub takes
the rating only if that dossier is still the desk's latest return and still fresh, so the
poster rates nothing but what was just returned there. Ratings are limited per address like
the receipt's. The province prints each desk's poster from its console.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from counter_app import clock

from ..ratings import LEVELS, QUESTIONS, RatingRefused, check_answers, rate
from ..service import Hub
from ..storage import HubDossier
from . import TEMPLATES
from .citizen import HEADERS, AddressLimit
from .citizen_view import when

POSTER_PATH = "/danh-gia"
FRESH = timedelta(minutes=15)


def poster_link(base_url: str, agency: str, desk: str) -> str:
    return f"{base_url.rstrip('/')}{POSTER_PATH}?{urlencode({'o': agency, 'q': desk})}"


def just_returned(hub: Hub, agency: str, desk: str) -> HubDossier | None:
    keys = hub.storage.office_desk_keys({agency}) if agency else []
    found = next((k for k in keys if k.desk == desk), None)
    # The desk's origin, as its pushes are stamped (storage.Desk.origin).
    latest = None if found is None else hub.storage.latest_return(f"desk:{found.desk_id}")
    if latest is None:
        return None
    code, returned_at = latest
    try:
        fresh = clock.now() - clock.parse_iso(returned_at) <= FRESH
    except ValueError:
        return None
    return hub.storage.dossier_by_code(code) if fresh else None


def poster_routes(hub: Hub, limiter: AddressLimit) -> list[Route]:
    def page(
        request: Request,
        d: HubDossier | None,
        agency: str,
        desk: str,
        status: int = 200,
        **context: Any,
    ) -> Response:
        context.update(
            dossier=d,
            agency=agency,
            desk=desk,
            questions=QUESTIONS,
            levels=LEVELS,
            path=POSTER_PATH,
            returned_on=when(d.data.get("returned_at")) if d else None,
        )
        return TEMPLATES.TemplateResponse(request, "poster_rating.html", context, status, HEADERS)

    async def show(request: Request) -> Response:
        agency, desk = request.query_params.get("o", ""), request.query_params.get("q", "")
        d = await run_in_threadpool(just_returned, hub, agency[:64], desk[:16])
        return page(request, d, agency, desk, thanks=request.query_params.get("ok") == "1")

    async def take(request: Request) -> Response:
        async with request.form(max_files=0, max_fields=20, max_part_size=4096) as form:
            fields = {k: str(v) for k, v in form.items()}
        agency, desk = fields.get("o", "")[:64], fields.get("q", "")[:16]
        d = await run_in_threadpool(just_returned, hub, agency, desk)
        if d is None or d.code != fields.get("code"):
            return page(
                request,
                None,
                agency,
                desk,
                409,
                message="Hồ sơ này không còn là hồ sơ vừa trả tại quầy; xin đánh giá "
                "bằng mã QR trên giấy biên nhận.",
            )
        status = 400
        try:
            answers = check_answers(fields)
            if not limiter.allow(request.client.host if request.client else "?"):
                status = 429
                raise RatingRefused("Quá nhiều lượt đánh giá từ địa chỉ này; xin thử lại sau.")
            await run_in_threadpool(rate, hub.storage, d, answers)
        except RatingRefused as exc:
            return page(request, d, agency, desk, status, message=str(exc))
        url = f"{POSTER_PATH}?{urlencode({'o': agency, 'q': desk, 'ok': '1'})}"
        return RedirectResponse(url, 303, headers=HEADERS)

    return [Route(POSTER_PATH, show, methods=["GET"]), Route(POSTER_PATH, take, methods=["POST"])]
