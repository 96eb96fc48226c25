"""A small HTTP-aware TCP proxy for fault injection between a counter and the hub.

It relays requests one by one and, when told, breaks the next matching one in a chosen way:
cut before the request reaches the hub, cut after the hub got it (the answer is lost), cut in
the middle of the answer, cut in the middle of the request's body, alter the body's last
byte, reset the connection, answer 500 itself, hold the answer until the client times out,
or relay slowly (a thin link). Given several upstreams (hub processes behind
a load balancer), it sends each request to the next one in turn.
"""

from __future__ import annotations

import socket
import struct
import threading
from collections import deque
from dataclasses import dataclass

FAULTS = (
    "cut_before",
    "cut_after_request",
    "cut_mid_response",
    "reset",
    "http500",
    "timeout",
    "slow",
    "cut_mid_body",
    "corrupt_body",
)


@dataclass
class Fault:
    kind: str
    path: str
    remaining: int
    skip: int = 0


def _read_message(sock: socket.socket, buffer: bytearray) -> bytes | None:
    """One HTTP message (headers + Content-Length body) from `sock`; None at EOF."""
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        buffer += chunk
    head_end = buffer.index(b"\r\n\r\n") + 4
    length = 0
    for line in bytes(buffer[:head_end]).split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    while len(buffer) < head_end + length:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        buffer += chunk
    message = bytes(buffer[: head_end + length])
    del buffer[: head_end + length]
    return message


class FaultProxy:
    def __init__(self, upstream: tuple[str, int], *more: tuple[str, int]) -> None:
        self.upstream = upstream
        self.upstreams = [upstream, *more]
        self.turn = 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.faults: deque[Fault] = deque()
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.injected: list[str] = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def fault(self, kind: str, path: str = "/", count: int = 1, skip: int = 0) -> None:
        """Break the next `count` requests whose path starts with `path`, after `skip` of them
        went through untouched."""
        assert kind in FAULTS, kind
        with self.lock:
            self.faults.append(Fault(kind, path, count, skip))

    def clear(self) -> None:
        with self.lock:
            self.faults.clear()

    def close(self) -> None:
        self.stopping.set()
        self.listener.close()

    def _take(self, path: str, method: str = "") -> str | None:
        with self.lock:
            for f in self.faults:
                if path.startswith(f.path):
                    if f.skip > 0:
                        f.skip -= 1
                        return None
                    f.remaining -= 1
                    if f.remaining <= 0:
                        self.faults.remove(f)
                    self.injected.append(f.kind)
                    return f.kind
        return None

    def _accept(self) -> None:
        while not self.stopping.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _next_upstream(self) -> tuple[str, int]:
        with self.lock:
            self.turn += 1
            return self.upstreams[self.turn % len(self.upstreams)]

    def _serve(self, client: socket.socket) -> None:
        upstream: socket.socket | None = None
        target: tuple[str, int] | None = None
        buffer, up_buffer = bytearray(), bytearray()
        try:
            while not self.stopping.is_set():
                request = _read_message(client, buffer)
                if request is None:
                    return
                method, path = (part.decode() for part in request.split(b" ", 2)[:2])
                fault = self._take(path, method)
                if fault == "cut_before":
                    return
                if fault == "reset":
                    client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    return
                if fault == "http500":
                    body = b'{"error":"injected"}'
                    client.sendall(
                        b"HTTP/1.1 500 Internal Server Error\r\nContent-Type: "
                        b"application/json\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)
                    )
                    continue
                chosen = self._next_upstream()
                if upstream is not None and chosen != target:
                    upstream.close()
                    upstream, up_buffer = None, bytearray()
                if upstream is None:
                    target = chosen
                    upstream = socket.create_connection(chosen)
                if fault == "cut_mid_body":
                    # The hub gets the head and half the body, then the link drops.
                    body_at = request.index(b"\r\n\r\n") + 4
                    upstream.sendall(request[: body_at + (len(request) - body_at) // 2])
                    return
                if fault == "corrupt_body" and len(request) > request.index(b"\r\n\r\n") + 4:
                    flipped = bytearray(request)
                    flipped[-1] ^= 0xFF  # one bit pattern changed on the way
                    request = bytes(flipped)
                upstream.sendall(request)
                response = _read_message(upstream, up_buffer)
                if response is None:
                    return
                if fault == "cut_after_request":
                    return
                if fault == "timeout":
                    self.stopping.wait(30)  # hold until the client gives up (or the test ends)
                    return
                if fault == "cut_mid_response":
                    client.sendall(response[: max(1, len(response) // 2)])
                    return
                if fault == "slow":
                    for start in range(0, len(response), 512):
                        client.sendall(response[start : start + 512])
                        if self.stopping.wait(0.002):
                            return
                    continue
                client.sendall(response)
        except OSError:
            return
        finally:
            client.close()
            if upstream is not None:
                upstream.close()
