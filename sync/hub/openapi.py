"""The OpenAPI description served at /openapi.json, generated from the typed models."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from . import attachments_api
from . import models as m

_REF = "#/components/schemas/{model}"
_BODIES: list[type[BaseModel]] = [
    m.PushRequest,
    m.PushResponse,
    m.PullResponse,
    m.RecoveryResponse,
    m.ReconcileResponse,
    m.DeskKeyRequest,
    m.Ok,
    m.Health,
    m.Readiness,
    m.ErrorBody,
    m.ChainError,
    m.ChainHeadResponse,
    attachments_api.UploadRequest,
    attachments_api.UploadState,
]


def _ref(model: type[BaseModel]) -> dict[str, Any]:
    return {"$ref": _REF.format(model=model.__name__)}


def _json(model: type[BaseModel]) -> dict[str, Any]:
    return {"application/json": {"schema": _ref(model)}}


def _op(
    summary: str,
    answer: type[BaseModel],
    *,
    body: type[BaseModel] | None = None,
    auth: bool = True,
    errors: tuple[int, ...] = (400, 401, 429),
    **extra: Any,
) -> dict[str, Any]:
    words = {
        400: "malformed request",
        401: "unknown or revoked desk token",
        409: "a different key was registered first (enroll the desk again to change it)",
        413: "request body too large",
        415: "content encoding other than gzip",
        429: "too many failed authentications from this address",
        503: "not ready",
    }
    responses: dict[str, Any] = {
        "200": {"description": "OK (gzip when Accept-Encoding allows)", "content": _json(answer)}
    }
    for status in errors:
        responses[str(status)] = {"description": words[status], "content": _json(m.ErrorBody)}
    op: dict[str, Any] = {
        "summary": summary,
        "responses": responses,
        "security": [{"deskToken": []}] if auth else [],
    }
    if body is not None:
        op["requestBody"] = {
            "required": True,
            "content": _json(body),
            "description": "JSON; may be sent with Content-Encoding: gzip",
        }
    op.update(extra)
    return op


def _chain_refusal(op: dict[str, Any]) -> dict[str, Any]:
    op["responses"]["409"] = {
        "description": "the event chain does not continue what the hub holds for this desk, "
        "or its head is not signed by the desk's key; nothing was stored",
        "content": _json(m.ChainError),
    }
    return op


def _query(model: type[BaseModel]) -> list[dict[str, Any]]:
    schema = model.model_json_schema()
    return [
        {"name": name, "in": "query", "required": False, "schema": prop}
        for name, prop in schema["properties"].items()
    ]


def _schemas() -> dict[str, Any]:
    _, top = models_json_schema([(model, "validation") for model in _BODIES], ref_template=_REF)
    return dict(top.get("$defs", {}))


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
        "schemas": _schemas(),
    },
    "paths": {
        "/v1/health": {
            "get": _op(
                "Alive: reachability probe and protocol version", m.Health, auth=False, errors=()
            )
        },
        "/v1/ready": {
            "get": _op(
                "Ready: database reachable and schema current",
                m.Readiness,
                auth=False,
                errors=(503,),
            )
        },
        "/v1/push": {
            "post": _chain_refusal(
                _op(
                    "Push outbox records; one acknowledgement (version, content hash) per record. "
                    "A repeated record UUID gets its first answer (only the desk that sent it).",
                    m.PushResponse,
                    body=m.PushRequest,
                    errors=(400, 401, 413, 415, 429),
                )
            )
        },
        "/v1/chain-head": {
            "get": _op(
                "The last link of this desk's event hash chain the hub holds",
                m.ChainHeadResponse,
            )
        },
        "/v1/pull": {
            "get": _op(
                "Changes for the desk's office since a cursor, plus catalogue and calendar",
                m.PullResponse,
                parameters=_query(m.PullQuery),
            )
        },
        "/v1/recovery": {
            "get": _op(
                "After a restore: the desk's own dossiers changed past a version (paged), the "
                "highest outbox sequence number and the highest code of each day it pushed",
                m.RecoveryResponse,
                parameters=_query(m.RecoveryQuery),
            )
        },
        "/v1/reconcile": {
            "get": _op("Per-day counts and digests of the desk and its office", m.ReconcileResponse)
        },
        "/v1/desk-key": {
            "put": _op(
                "Register the desk's QR-signing public key",
                m.Ok,
                body=m.DeskKeyRequest,
                errors=(400, 401, 409, 413, 415, 429),
            )
        },
    },
}
OPENAPI["paths"].update(attachments_api.openapi_paths(_ref))
