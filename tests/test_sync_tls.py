"""TLS: the hub's certificate is verified by default; a province's own CA is configurable."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import subprocess
import sys
import threading
from pathlib import Path

import requests
import uvicorn
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sync_support import OFFICE_A, make_counter, wait_for

from sync.engine import sync_now
from sync.hub.app import build_app
from sync.hub.service import Hub
from sync.hub.storage import open_storage


def self_signed(tmp: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Sở Nội vụ test CA")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp / "hub.pem", tmp / "hub.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


def test_https_hub_is_verified_and_a_ca_file_makes_it_trusted(tmp_path: Path) -> None:
    cert, key = self_signed(tmp_path)
    storage = open_storage(tmp_path / "hub.sqlite3")
    hub = Hub(storage)
    sock = socket.create_server(("127.0.0.1", 0))
    url = f"https://127.0.0.1:{sock.getsockname()[1]}"
    config = uvicorn.Config(
        build_app(hub),
        log_level="error",
        lifespan="off",
        ssl_certfile=str(cert),
        ssl_keyfile=str(key),
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()

    def up() -> bool:
        try:
            return requests.get(url + "/v1/health", verify=str(cert), timeout=1).ok
        except requests.RequestException:
            return False

    try:
        wait_for(up, what="the TLS hub")
        c, _ = make_counter(tmp_path / "a1", OFFICE_A, 1)
        token = hub.enroll(OFFICE_A, "1")
        c.sync_book.set_server(url, token)
        refused = sync_now(c)
        assert not refused.ok and "TLS" in refused.errors[0]
        c.sync_book.set_server(url, token, ca_file=str(cert))
        result = sync_now(c)
        assert result.ok, result.errors
    finally:
        server.should_exit = True
        thread.join(10)
        storage.close()


def test_province_hub_serve_answers_health(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    script = Path(sys.executable).parent / "province-hub"
    proc = subprocess.Popen(
        [str(script), "serve", "--db", str(tmp_path / "hub.sqlite3"), "--port", str(port)],
        stdout=subprocess.DEVNULL,
    )

    def up() -> bool:
        try:
            return requests.get(f"http://127.0.0.1:{port}/v1/health", timeout=1).json()["ok"]
        except (requests.RequestException, ValueError):
            return False

    try:
        wait_for(lambda: up() or proc.poll() is not None, 30, "province-hub serve")
        assert proc.poll() is None and up()
        assert (tmp_path / "hub.sqlite3").exists()
    finally:
        proc.terminate()
        proc.wait(10)
