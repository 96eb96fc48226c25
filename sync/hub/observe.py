"""What operators watch: one JSON log line per request, and Prometheus metrics.

Log lines carry a request id (the caller's `X-Request-ID` when it is a short token, else a
new one; echoed in the answer), the method, the route, the status, the duration and the desk
number at the hub — never a dossier, a name, an ID number or a token.

Metrics live in prometheus_client's default registry. With several worker processes on one
host (`serve --workers N`), `serve` points PROMETHEUS_MULTIPROC_DIR at a fresh folder before
the workers start: each worker writes its counters there and any worker's /metrics answers
the sum for the host. Per-office last contact is read from the database at scrape time (the
one state all processes and hosts share), so it is right whichever process a desk talked to.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import time
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

ACCESS = logging.getLogger("province_hub.access")
MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

REQUESTS = Histogram(
    "hub_request_seconds",
    "Time to answer a request",
    ["route", "method", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
PUSHES = Counter("hub_pushes", "Push requests answered")
RECORDS = Counter("hub_records", "Pushed records by answer", ["status"])
CONFLICTS = Counter("hub_conflicts", "Records answered with a new conflict")
PULLS = Counter("hub_pulls", "Pull requests answered")
PULLED = Counter("hub_pulled_changes", "Dossier changes sent in pulls")


def count_push(acks: list[dict[str, Any]]) -> None:
    PUSHES.inc()
    for ack in acks:
        status = "repeat" if ack.get("repeat") else str(ack.get("status"))
        RECORDS.labels(status).inc()
        if status == "conflict":
            CONFLICTS.inc()


def count_pull(changes: int) -> None:
    PULLS.inc()
    PULLED.inc(changes)


class LastContact(Collector):
    """hub_office_last_contact_timestamp_seconds{office}: the latest contact of any desk of
    the office, from the desks table."""

    def __init__(self, last_seen: Callable[[], list[tuple[str, str, str | None]]]) -> None:
        self.last_seen = last_seen

    def collect(self) -> Iterable[GaugeMetricFamily]:
        from datetime import datetime

        family = GaugeMetricFamily(
            "hub_office_last_contact_timestamp_seconds",
            "Latest contact of a desk of the office (Unix time)",
            labels=["office"],
        )
        latest: dict[str, float] = {}
        try:
            rows = self.last_seen()
        except Exception:  # a database outage shows as a missing series, not a failed scrape
            rows = []
        for office, _desk, seen in rows:
            if seen:
                at = datetime.fromisoformat(seen).timestamp()
                latest[office] = max(at, latest.get(office, 0.0))
        for office, at in sorted(latest.items()):
            family.add_metric([office], at)
        yield family


def metrics_page(last_contact: LastContact) -> tuple[bytes, str]:
    registry: CollectorRegistry = REGISTRY
    if os.environ.get(MULTIPROC_ENV):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    extra = CollectorRegistry()
    extra.register(last_contact)
    return generate_latest(registry) + generate_latest(extra), CONTENT_TYPE_LATEST


class AccessLog:
    """ASGI middleware: request id, one JSON line per request, latency histogram."""

    def __init__(self, app: ASGIApp, routes: set[str]) -> None:
        self.app = app
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                message["headers"] = [
                    *message.get("headers", []),
                    (b"x-request-id", request_id.encode()),
                ]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            route = scope["path"] if scope["path"] in self.routes else "other"
            REQUESTS.labels(route, scope["method"], str(status)).observe(seconds)
            line = {
                "ts": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "request_id": request_id,
                "method": scope["method"],
                "route": route,
                "status": status,
                "ms": round(seconds * 1000, 1),
                "desk": scope["state"].get("desk_id"),
            }
            ACCESS.info(json.dumps(line, separators=(",", ":")))


def setup_logging() -> None:
    """JSON lines on standard output (journald or a log shipper takes them from there)."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(message)s"))
    ACCESS.handlers[:] = [handler]
    ACCESS.setLevel(logging.INFO)
    ACCESS.propagate = False
