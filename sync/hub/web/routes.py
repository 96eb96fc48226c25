"""Every web page of the hub, for `build_app` to mount beside the sync API."""

from __future__ import annotations

from starlette.routing import Route

from ..service import Hub
from .citizen import citizen_routes
from .console import console_routes


def web_routes(hub: Hub) -> list[Route]:
    return [*citizen_routes(hub), *console_routes(hub)]
