"""The hub's routes for attached files: resumable uploads and ranged downloads.

The core of the tus protocol (tus.io, 1.0.0): HEAD answers `Upload-Offset`, PATCH appends at
`Upload-Offset` with `Content-Type: application/offset+octet-stream`, 409 for an offset that
is not the hub's, and its checksum extension (`Upload-Checksum: sha256 <base64>`, 460 when a
chunk arrived altered). Creation is a JSON POST of our own instead of tus's headers, because
the hub must learn the whole file's SHA-256 and its dossier, and answer "already held" for a
file it has, so that nothing is sent twice. docs/sync-protocol.md, "Attached files".
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import logging
import os
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route

from .files import FILES_ENV, FsFileStore
from .service import Hub
from .storage import Desk
from .storage_sql import SqlHubStorage
from .uploads import UploadRefused, Uploads, max_age_days, prune_abandoned

UPLOADS = "/v1/uploads"
FILES = "/v1/files"
TUS_VERSION = "1.0.0"
CHUNK_TYPE = "application/offset+octet-stream"
WRITE_EVERY = 1 << 20  # bytes gathered before each write to the staging file


class UploadRequest(BaseModel):
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    size: int = Field(gt=0)
    dossier_uuid: str = Field(min_length=1, max_length=64)
    media_type: str


class UploadState(BaseModel):
    id: str
    offset: int
    size: int
    complete: bool


PRUNE_EVERY = timedelta(hours=6)
log = logging.getLogger(__name__)

DeskOf = Callable[[Request], Awaitable[Desk]]
OffLoop = Callable[..., Awaitable[Any]]


def start_pruning(hub: Hub, root: Path | None, off_loop: OffLoop) -> asyncio.Task[None] | None:
    """While the hub serves: drop abandoned uploads at start, then every 6 hours (the same as
    `province-hub prune-uploads`, which a province may run from cron instead)."""
    if root is None or not isinstance(hub.storage, SqlHubStorage):
        return None
    storage = hub.storage

    async def loop() -> None:
        while True:
            try:
                age = timedelta(days=max_age_days())
                removed = await off_loop(prune_abandoned, storage, root / "incoming", age)
                if removed:
                    log.info("pruned %d abandoned uploads", removed)
            except Exception as exc:  # a bad setting or a busy database: try again later
                log.warning("pruning abandoned uploads failed: %s", type(exc).__name__)
            await asyncio.sleep(PRUNE_EVERY.total_seconds())

    return asyncio.create_task(loop())


def routes(hub: Hub, root: Path | None, desk_of: DeskOf, off_loop: OffLoop) -> list[Route]:
    from .app import HttpError, read_model, reply

    if root is None:
        return _unconfigured(desk_of)
    uploads = Uploads(hub, FsFileStore(root), root / "incoming")
    locks: dict[str, asyncio.Lock] = {}

    async def state(desk: Desk, upload_id: str) -> Any:
        try:
            return await off_loop(uploads.state, desk, upload_id)
        except UploadRefused as exc:
            raise HttpError(exc.status, exc.message) from exc

    def tus(offset: int, size: int, status: int = 204, body: bytes = b"") -> Response:
        headers = {
            "Tus-Resumable": TUS_VERSION,
            "Upload-Offset": str(offset),
            "Upload-Length": str(size),
            "Cache-Control": "no-store",
        }
        return Response(body, status, headers=headers)

    async def create(request: Request) -> Response:
        desk = await desk_of(request)
        body = await read_model(request, UploadRequest)
        try:
            answer = await off_loop(
                uploads.open, desk, body.sha256, body.size, body.dossier_uuid, body.media_type
            )
        except UploadRefused as exc:
            raise HttpError(exc.status, exc.message) from exc
        return reply(request, answer)

    async def head(request: Request) -> Response:
        upload_id = request.path_params["upload_id"]
        # Waits for a PATCH still recording what it received before a cut.
        async with locks.setdefault(upload_id, asyncio.Lock()):
            up = await state(await desk_of(request), upload_id)
        return tus(up.size if up.complete else up.received, up.size, 200)

    async def patch(request: Request) -> Response:
        upload_id = request.path_params["upload_id"]
        if request.headers.get("content-type") != CHUNK_TYPE:
            raise HttpError(415, f"Content-Type must be {CHUNK_TYPE}")
        expected = _checksum(request.headers.get("upload-checksum"))
        # The lock before any await: a HEAD sent after this request was cut arrives later, so
        # it waits until what this request brought is counted.
        async with locks.setdefault(upload_id, asyncio.Lock()):
            up = await state(await desk_of(request), upload_id)
            if up.complete:
                return tus(up.size, up.size)
            try:
                offset = int(request.headers.get("upload-offset", ""))
            except ValueError as exc:
                raise HttpError(400, "Upload-Offset header required") from exc
            if offset != up.received:
                return tus(up.received, up.size, 409, b'{"error":"offset differs: ask HEAD"}')
            written, cut, too_long, digest = await _receive(request, uploads, up, off_loop)
            end = offset + written
            if not cut and expected is not None and digest != expected:
                await off_loop(uploads.undo, up, offset)
                return tus(offset, up.size, 460, b'{"error":"chunk checksum mismatch"}')
            await off_loop(uploads.record, up.id, end)
            if too_long:
                await off_loop(uploads.undo, up, offset)
                return tus(offset, up.size, 413, b'{"error":"more bytes than announced"}')
            if end == up.size and not await off_loop(uploads.finish, up):
                body = b'{"error":"the whole file\'s SHA-256 differs: upload starts again"}'
                return tus(0, up.size, 422, body)
            return tus(end, up.size)

    async def download(request: Request) -> Response:
        desk = await desk_of(request)
        sha = request.path_params["sha256"]
        try:
            size = await off_loop(uploads.readable, desk, sha)
        except ValueError as exc:
            raise HttpError(400, "not a SHA-256") from exc
        if size is None:
            raise HttpError(404, "no such file for this office")
        start, end = _range(request.headers.get("range"), size)
        data = await off_loop(uploads.files.get_range, sha, start, end)
        headers = {"Accept-Ranges": "bytes", "Cache-Control": "no-store"}
        if request.headers.get("range"):
            headers["Content-Range"] = f"bytes {start}-{end - 1}/{size}"
            return Response(data, 206, headers=headers, media_type="application/octet-stream")
        return Response(data, 200, headers=headers, media_type="application/octet-stream")

    return [
        Route(UPLOADS, create, methods=["POST"]),
        Route(UPLOADS + "/{upload_id}", head, methods=["HEAD"]),
        Route(UPLOADS + "/{upload_id}", patch, methods=["PATCH"]),
        Route(FILES + "/{sha256}", download, methods=["GET"]),
    ]


def _unconfigured(desk_of: DeskOf) -> list[Route]:
    from .app import HttpError

    async def refuse(request: Request) -> Response:
        await desk_of(request)
        raise HttpError(503, f"the hub has no folder for attached files: set {FILES_ENV}")

    return [
        Route(UPLOADS, refuse, methods=["POST"]),
        Route(UPLOADS + "/{upload_id}", refuse, methods=["HEAD", "PATCH"]),
        Route(FILES + "/{sha256}", refuse, methods=["GET"]),
    ]


async def _receive(
    request: Request, uploads: Uploads, up: Any, off_loop: OffLoop
) -> tuple[int, bool, bool, str]:
    """Append the body to the staging file as it arrives; on a cut, keep what came.
    Returns (bytes written, cut, more than announced, sha256 of the chunk)."""
    room = up.size - up.received
    digest = hashlib.sha256()
    f = await off_loop(uploads.open_part, up.id)
    buf = bytearray()
    written, cut, too_long = 0, False, False
    try:
        try:
            async for piece in request.stream():
                if written + len(buf) + len(piece) > room:
                    too_long = True
                    break
                digest.update(piece)
                buf += piece
                if len(buf) >= WRITE_EVERY:
                    await off_loop(f.write, bytes(buf))
                    written += len(buf)
                    buf.clear()
        except ClientDisconnect:
            cut = True
        if buf:
            await off_loop(f.write, bytes(buf))
            written += len(buf)
        await off_loop(_sync, f)
    finally:
        await off_loop(f.close)
    return written, cut, too_long, digest.hexdigest()


def _sync(f: Any) -> None:
    f.flush()
    os.fsync(f.fileno())


def _checksum(header: str | None) -> str | None:
    if not header:
        return None
    algorithm, _, value = header.partition(" ")
    from .app import HttpError

    if algorithm != "sha256":
        raise HttpError(400, "Upload-Checksum: only sha256 is supported")
    try:
        return base64.b64decode(value, validate=True).hex()
    except ValueError as exc:
        raise HttpError(400, "Upload-Checksum: not base64") from exc


def _range(header: str | None, size: int) -> tuple[int, int]:
    if not header:
        return 0, size
    from .app import HttpError

    unit, _, spec = header.partition("=")
    first, _, last = spec.partition("-")
    try:
        if unit.strip() != "bytes" or not first:
            raise ValueError
        start = int(first)
        end = int(last) + 1 if last else size
    except ValueError as exc:
        raise HttpError(416, "Range: bytes=START- or bytes=START-END") from exc
    if not 0 <= start < size or end <= start:
        raise HttpError(416, "range outside the file")
    return start, min(end, size)


_WORDS = {
    400: "malformed request",
    401: "unknown or revoked desk token",
    404: "no such upload or file for this desk",
    409: "see the summary",
    413: "larger than allowed",
    415: f"Content-Type is not {CHUNK_TYPE}",
    416: "range outside the file",
    422: "the whole file's SHA-256 differs: starts again",
    460: "the chunk's Upload-Checksum differs: resend it",
    503: "the hub has no folder for attached files (PROVINCE_HUB_FILES)",
}


def _errors(*codes: int) -> dict[str, Any]:
    return {str(c): {"description": _WORDS[c]} for c in codes}


def openapi_paths(ref: Callable[[type[BaseModel]], dict[str, Any]]) -> dict[str, Any]:
    """The routes above for the hub's OpenAPI document (openapi.py)."""
    sec: list[dict[str, list[str]]] = [{"deskToken": []}]
    offset_headers = {
        name: {"schema": {"type": "integer"}} for name in ("Upload-Offset", "Upload-Length")
    }
    chunk = {"content": {CHUNK_TYPE: {"schema": {"type": "string", "format": "binary"}}}}
    id_param = [{"name": "upload_id", "in": "path", "required": True, "schema": {"type": "string"}}]
    return {
        UPLOADS: {
            "post": {
                "summary": "Open (or find again) the upload of a file of a dossier; complete at once "
                "when the hub already holds a file with this SHA-256. 409: the dossier's "
                "record is not on the hub yet",
                "security": sec,
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": ref(UploadRequest)}},
                },
                "responses": {
                    "200": {
                        "description": "the upload's state",
                        "content": {"application/json": {"schema": ref(UploadState)}},
                    },
                    **_errors(400, 401, 409, 413, 503),
                },
            }
        },
        UPLOADS + "/{upload_id}": {
            "head": {
                "summary": "How many bytes the hub holds (tus core)",
                "security": sec,
                "parameters": id_param,
                "responses": {
                    "200": {"description": "offset", "headers": offset_headers},
                    **_errors(401, 404, 503),
                },
            },
            "patch": {
                "summary": "Append bytes at Upload-Offset (tus core, checksum extension); bytes "
                "received before a cut are kept. 409: Upload-Offset is not the "
                "hub's, ask HEAD",
                "security": sec,
                "parameters": id_param,
                "requestBody": chunk,
                "responses": {
                    "204": {"description": "appended", "headers": offset_headers},
                    **_errors(400, 401, 404, 409, 413, 415, 422, 460, 503),
                },
            },
        },
        FILES + "/{sha256}": {
            "get": {
                "summary": "A stored file of a dossier of the desk's office; Range: bytes=N-",
                "security": sec,
                "parameters": [
                    {
                        "name": "sha256",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                    }
                ],
                "responses": {
                    "200": {"description": "the file"},
                    "206": {"description": "the requested range"},
                    **_errors(400, 401, 404, 416, 503),
                },
            }
        },
    }
