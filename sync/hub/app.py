"""The hub's HTTP face: Starlette routes over `Hub`, gzip JSON in and out, bearer tokens.

Handlers are `async` and call the storage directly: one SQLite connection owned by the event
loop's thread serialises every write, which is what a single-server pilot wants.
"""

from __future__ import annotations

import gzip
import json
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..protocol import (
    DESK_KEY,
    GZIP_LEVEL,
    HEALTH,
    MAX_BODY,
    PROTOCOL_VERSION,
    PULL,
    PUSH,
    RECONCILE,
    decode_body,
)
from .openapi import OPENAPI
from .service import Hub
from .storage import Desk

MAX_RECORDS = 5000


class HttpError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def reply(request: Request, data: Any, status: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    headers = {"Cache-Control": "no-store"}
    if "gzip" in request.headers.get("accept-encoding", "") and len(body) > 200:
        body = gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)
        headers["Content-Encoding"] = "gzip"
    return Response(body, status, headers=headers, media_type="application/json")


async def read_json(request: Request) -> Any:
    body = await request.body()
    if len(body) > MAX_BODY:
        raise HttpError(413, "request body too large")
    try:
        return decode_body(body, request.headers.get("content-encoding"))
    except (OSError, EOFError, ValueError) as exc:
        raise HttpError(400, f"body is not (gzip-compressed) JSON: {exc}") from exc


def build_app(hub: Hub) -> Starlette:
    def desk_of(request: Request) -> Desk:
        auth = request.headers.get("authorization", "")
        scheme, _, token = auth.partition(" ")
        desk = hub.authenticate(token.strip()) if scheme.lower() == "bearer" else None
        if desk is None:
            raise HttpError(401, "unknown or revoked desk token: enroll the desk again")
        return desk

    async def health(request: Request) -> Response:
        return reply(request, {"ok": True, "protocol": PROTOCOL_VERSION})

    async def push(request: Request) -> Response:
        desk = desk_of(request)
        body = await read_json(request)
        records = body.get("records") if isinstance(body, dict) else None
        if not isinstance(records, list) or len(records) > MAX_RECORDS:
            raise HttpError(400, f"'records' must be a list of at most {MAX_RECORDS} records")
        return reply(request, {"acks": hub.push(desk, records)})

    async def pull(request: Request) -> Response:
        desk = desk_of(request)
        q = request.query_params
        try:
            cursor, limit = int(q.get("cursor", "0")), int(q.get("limit", "500"))
            known = {k: int(q.get(k, "0")) for k in ("calendar", "procedures", "offices")}
        except ValueError as exc:
            raise HttpError(400, "cursor, limit, calendar and procedures are integers") from exc
        return reply(request, hub.pull(desk, cursor, limit, known))

    async def reconcile(request: Request) -> Response:
        return reply(request, hub.reconcile(desk_of(request)))

    async def desk_key(request: Request) -> Response:
        desk = desk_of(request)
        body = await read_json(request)
        key = body.get("public_key") if isinstance(body, dict) else None
        if not isinstance(key, str) or not key:
            raise HttpError(400, "'public_key' is required")
        if not hub.register_key(desk, key):
            raise HttpError(409, "this desk registered a different key at its first sync")
        return reply(request, {"ok": True})

    async def openapi(request: Request) -> Response:
        return reply(request, OPENAPI)

    async def on_http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HttpError)
        return reply(request, {"error": exc.message}, exc.status)

    return Starlette(
        routes=[
            Route(HEALTH, health, methods=["GET"]),
            Route(PUSH, push, methods=["POST"]),
            Route(PULL, pull, methods=["GET"]),
            Route(RECONCILE, reconcile, methods=["GET"]),
            Route(DESK_KEY, desk_key, methods=["PUT"]),
            Route("/openapi.json", openapi, methods=["GET"]),
        ],
        exception_handlers={HttpError: on_http_error},
    )
