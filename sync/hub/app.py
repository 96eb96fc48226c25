"""The hub's HTTP face: Starlette routes over `Hub`, gzip JSON in and out, bearer tokens.

Handlers are `async` only to read the body; every piece of database work runs in the thread
pool (`off_loop`), where each call takes its own connection (a thread's SQLite connection, or
one from the PostgreSQL pool), so a slow query or a lock wait never stalls the event loop.
`create_app` is the factory each `serve --workers N` process calls for itself.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from counter_app.errors import ValidationError as CounterValidationError

from ..protocol import (
    CHAIN_HEAD,
    DESK_KEY,
    GZIP_LEVEL,
    HEALTH,
    PROTOCOL_VERSION,
    PULL,
    PUSH,
    RECONCILE,
    RECOVERY,
)
from . import attachments_api, files, observe
from .chains import ChainBroken
from .limits import MAX_WIRE, BadEncoding, BodyTooLarge, FailedAuthLimiter, read_limited
from .models import DeskKeyRequest, PullQuery, PushRequest, RecoveryQuery
from .openapi import OPENAPI
from .service import Hub
from .storage import Desk, StorageBusy, open_storage
from .storage_migrations import SCHEMA_VERSION
from .web.routes import web_routes

READY = "/v1/ready"
METRICS = "/metrics"
DB_ENV = "PROVINCE_HUB_DB"
POOL_ENV = "PROVINCE_HUB_POOL"

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)


class HttpError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


async def off_loop(fn: Callable[..., T], *args: Any) -> T:
    return await run_in_threadpool(fn, *args)


async def reply_off_loop(request: Request, data: Any) -> Response:
    """`reply` for answers that may be large (a push's acks, a pull page): JSON and gzip of
    megabytes take milliseconds that the event loop must not wait for."""
    return await off_loop(reply, request, data)


def reply(request: Request, data: Any, status: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    headers = {"Cache-Control": "no-store"}
    if "gzip" in request.headers.get("accept-encoding", "") and len(body) > 200:
        body = gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)
        headers["Content-Encoding"] = "gzip"
    return Response(body, status, headers=headers, media_type="application/json")


async def read_body(request: Request) -> bytes:
    """The body, decompressed, refused as soon as it passes a limit (limits.py)."""
    encoding = request.headers.get("content-encoding", "").strip().lower()
    if encoding not in ("", "identity", "gzip"):
        raise HttpError(415, f"unsupported content encoding {encoding[:20]!r}: send gzip")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_WIRE:
        raise HttpError(413, "request body too large")
    try:
        return await read_limited(request.stream(), encoding == "gzip")
    except BodyTooLarge:
        raise HttpError(413, "request body too large") from None
    except BadEncoding as exc:
        raise HttpError(400, f"body is not (gzip-compressed) JSON: {exc}") from exc


async def read_model(request: Request, model: type[M]) -> M:
    """The body parsed straight into its model (no intermediate Python objects; the JSON
    parser's own nesting limit applies)."""
    body = await read_body(request)
    try:
        return await off_loop(model.model_validate_json, body)
    except ValidationError as exc:
        raise HttpError(400, f"{model.__name__}: {_problems(exc)}") from exc


def parse(model: type[M], data: Any) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise HttpError(400, f"{model.__name__}: {_problems(exc)}") from exc


def _problems(exc: ValidationError, most: int = 5) -> str:
    """Where and what, never the offending value (it may be a citizen's data)."""
    errors = exc.errors(include_input=False, include_url=False)
    words = [f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in errors[:most]]
    more = f" (+{len(errors) - most} more)" if len(errors) > most else ""
    return "; ".join(words) + more


def build_app(
    hub: Hub, *, close_on_shutdown: bool = False, files_root: Path | None = None
) -> Starlette:
    failures = FailedAuthLimiter()

    def authenticate(request: Request, address: str) -> Desk:
        auth = request.headers.get("authorization", "")
        scheme, _, token = auth.partition(" ")
        desk = hub.authenticate(token.strip()) if scheme.lower() == "bearer" else None
        if desk is None:
            failures.failed(address)
            raise HttpError(401, "unknown or revoked desk token: enroll the desk again")
        request.state.desk_id = desk.id
        return desk

    async def desk_of(request: Request) -> Desk:
        address = request.client.host if request.client else ""
        if failures.blocked(address):
            raise HttpError(429, "too many failed authentications from this address: wait")
        return await off_loop(authenticate, request, address)

    async def health(request: Request) -> Response:
        return reply(request, {"ok": True, "protocol": PROTOCOL_VERSION})

    def readiness() -> tuple[bool, str]:
        try:
            hub.storage.ping()
            found = hub.storage.schema_version()
        except Exception as exc:  # any failure of the database is "not ready", in words
            return False, f"database unreachable: {type(exc).__name__}"
        if found != SCHEMA_VERSION:
            return False, f"schema {found}, this hub needs {SCHEMA_VERSION}"
        return True, "ready"

    async def ready(request: Request) -> Response:
        ok, detail = await off_loop(readiness)
        body = {"ok": ok, "detail": detail, "schema_version": SCHEMA_VERSION}
        return reply(request, body, 200 if ok else 503)

    async def push(request: Request) -> Response:
        desk = await desk_of(request)
        body = await read_model(request, PushRequest)
        # The service takes the records as sent: their payload text is hashed byte for byte.
        records = [r.model_dump() for r in body.records]
        head = None if body.head is None else body.head.model_dump()
        try:
            acks, held = await off_loop(hub.push_chained, desk, records, head)
        except ChainBroken as exc:
            return reply(request, exc.body(), 409)
        observe.count_push(acks)
        answer: dict[str, Any] = {"acks": acks}
        if held is not None:  # absent for a desk without a chain: what older desks were sent
            answer["head"] = held.to_dict()
        return await reply_off_loop(request, answer)

    async def chain_head(request: Request) -> Response:
        desk = await desk_of(request)
        held = await off_loop(hub.chain_head, desk)
        return reply(request, {"head": None if held is None else held.to_dict()})

    async def pull(request: Request) -> Response:
        desk = await desk_of(request)
        q = parse(PullQuery, dict(request.query_params))
        known = {"calendar": q.calendar, "procedures": q.procedures, "offices": q.offices}
        answer = await off_loop(hub.pull, desk, q.cursor, q.limit, known)
        observe.count_pull(len(answer["changes"]))
        return await reply_off_loop(request, answer)

    async def recovery(request: Request) -> Response:
        desk = await desk_of(request)
        q = parse(RecoveryQuery, dict(request.query_params))
        return await reply_off_loop(request, await off_loop(hub.recovery, desk, q.since, q.limit))

    async def reconcile(request: Request) -> Response:
        desk = await desk_of(request)
        return await reply_off_loop(request, await off_loop(hub.reconcile, desk))

    async def desk_key(request: Request) -> Response:
        desk = await desk_of(request)
        key = (await read_model(request, DeskKeyRequest)).public_key
        try:
            registered = await off_loop(hub.register_key, desk, key)
        except CounterValidationError as exc:
            raise HttpError(400, str(exc)) from exc
        if not registered:
            raise HttpError(
                409,
                "this desk registered a different key at its first sync: enroll it again to change its key",
            )
        return reply(request, {"ok": True})

    async def openapi(request: Request) -> Response:
        return reply(request, OPENAPI)

    last_contact = observe.LastContact(hub.storage.desks_last_seen)

    async def metrics(request: Request) -> Response:
        body, media_type = await off_loop(observe.metrics_page, last_contact)
        return Response(body, media_type=media_type)

    async def on_http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HttpError)
        response = reply(request, {"error": exc.message}, exc.status)
        if exc.status == 413:
            # Otherwise the server drains the rest of an endless upload to reuse the connection.
            response.headers["Connection"] = "close"
        return response

    async def on_busy(request: Request, exc: Exception) -> Response:
        # A full pool is a moment's overload, not a fault: 503 with a hint, which the desk's
        # transport retries, instead of a 500 that reads as a broken hub.
        response = reply(request, {"error": str(exc)}, 503)
        response.headers["Retry-After"] = "5"
        return response

    root = files_root or default_files(hub)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        pruning = attachments_api.start_pruning(hub, root, off_loop)
        yield
        if pruning is not None:
            pruning.cancel()
        if close_on_shutdown:
            await off_loop(hub.storage.close)

    routes = [
        Route(HEALTH, health, methods=["GET"]),
        Route(READY, ready, methods=["GET"]),
        Route(PUSH, push, methods=["POST"]),
        Route(PULL, pull, methods=["GET"]),
        Route(RECONCILE, reconcile, methods=["GET"]),
        Route(RECOVERY, recovery, methods=["GET"]),
        Route(DESK_KEY, desk_key, methods=["PUT"]),
        Route(CHAIN_HEAD, chain_head, methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
        Route(METRICS, metrics, methods=["GET"]),
        *web_routes(hub),
        *attachments_api.routes(hub, root, desk_of, off_loop),
    ]
    return Starlette(
        routes=routes,
        middleware=[Middleware(observe.AccessLog, routes={r.path for r in routes})],
        exception_handlers={HttpError: on_http_error, StorageBusy: on_busy},
        lifespan=lifespan,
    )


def default_files(hub: Hub) -> Path | None:
    """Attached files beside a SQLite database, or where PROVINCE_HUB_FILES says; None for a
    PostgreSQL hub without it (its file routes then answer 503 in words)."""
    try:
        return files.default_root(getattr(hub.storage, "path", "postgresql://"))
    except ValueError:
        return None


def create_app() -> Starlette:
    """One hub process: its own storage (and pool) on the database named by the environment."""
    observe.setup_logging()
    storage = open_storage(os.environ[DB_ENV], pool_size=int(os.environ.get(POOL_ENV, "10")))
    return build_app(Hub(storage), close_on_shutdown=True)
