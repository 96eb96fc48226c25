"""The hub's web pages: the citizen's page behind the receipt's QR (public), kept apart from the
sync API (`sync/hub/app.py` mounts `web_routes`)."""

from __future__ import annotations

from pathlib import Path

from starlette.templating import Jinja2Templates

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
