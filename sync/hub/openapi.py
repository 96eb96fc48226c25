"""The OpenAPI description served at /openapi.json (hand-written: it is the contract)."""

from __future__ import annotations

from typing import Any

_JSON_GZ = {"application/json": {"schema": {"type": "object"}}}
_AUTH: list[dict[str, list[str]]] = [{"deskToken": []}]


def _op(summary: str, *, body: bool = False, auth: bool = True, **extra: Any) -> dict[str, Any]:
    op: dict[str, Any] = {
        "summary": summary,
        "responses": {
            "200": {"description": "OK (gzip when Accept-Encoding allows)", "content": _JSON_GZ},
            "400": {"description": "malformed request"},
            "401": {"description": "unknown or revoked desk token"},
        },
    }
    if auth:
        op["security"] = _AUTH
    else:
        op["security"] = []
    if body:
        op["requestBody"] = {"required": True, "content": _JSON_GZ,
                             "description": "JSON, sent with Content-Encoding: gzip"}  # fmt: skip
    op.update(extra)
    return op


def _query(name: str, description: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": {"type": "integer", "minimum": 0}}  # fmt: skip


OPENAPI: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": "Một Cửa provincial hub",
        "version": "1",
        "description": "Sync protocol v1 between commune counters and the province; "
        "see docs/sync-protocol.md.",
    },
    "components": {
        "securitySchemes": {
            "deskToken": {
                "type": "http",
                "scheme": "bearer",
                "description": "per-desk token from enrollment",
            }
        },
    },
    "paths": {
        "/v1/health": {"get": _op("Reachability probe and protocol version", auth=False)},
        "/v1/push": {
            "post": _op(
                "Push outbox records; one acknowledgement (version, content hash) per record. "
                "A repeated record UUID gets its first answer.",
                body=True,
            )
        },
        "/v1/pull": {
            "get": _op(
                "Changes for the desk's office since a cursor, plus catalogue and calendar",
                parameters=[
                    _query("cursor", "last version seen"),
                    _query("limit", "page size"),
                    _query("calendar", "calendar version held"),
                    _query("procedures", "catalogue version held"),
                ],
            )
        },
        "/v1/reconcile": {"get": _op("Per-day counts and digests of the desk and its office")},
        "/v1/desk-key": {"put": _op("Register the desk's QR-signing public key", body=True)},
    },
}
