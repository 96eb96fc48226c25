"""Misbehaving hubs for the desk's defences (issue 13, finding 6): small threaded HTTP servers
on 127.0.0.1 that each break the protocol one way. Real sockets, no mocks of the client."""

from __future__ import annotations

import contextlib
import gzip
import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# (handler, method, path) -> None; the handler writes the whole answer itself.
Behaviour = Callable[[BaseHTTPRequestHandler, str, str], None]


def send_json(handler: BaseHTTPRequestHandler, data: Any, status: int = 200) -> None:
    body = json.dumps(data).encode()
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


class HostileHub:
    """Serves `behaviour` for every request; counts requests by path and keeps what was posted."""

    def __init__(self, behaviour: Behaviour) -> None:
        self.behaviour = behaviour
        self.hits: dict[str, int] = {}
        self.posted: list[bytes] = []
        self.lock = threading.Lock()
        hub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _serve(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                path = self.path.split("?")[0]
                with hub.lock:
                    hub.hits[path] = hub.hits.get(path, 0) + 1
                    if body:
                        hub.posted.append(body)
                # The desk hanging up mid-answer is what several tests expect of it.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    hub.behaviour(self, method, self.path)

            def do_GET(self) -> None:
                self._serve("GET")

            def do_POST(self) -> None:
                self._serve("POST")

            def do_PUT(self) -> None:
                self._serve("PUT")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def gzip_json(data: Any) -> bytes:
    return gzip.compress(json.dumps(data).encode())
