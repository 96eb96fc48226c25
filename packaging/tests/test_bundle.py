"""The built bundle (`make dist`) on a PC with no Python: run by `make dist-check`, not `make test`.

Every program runs from dist/mot-cua with an environment of its own: PATH is one empty
folder (no python, no venv), no PYTHON* variable, the working folder outside the checkout.
The desktop app runs under Xvfb on Qt's xcb plugin from the bundle and reports its first
window through MOT_CUA_SMOKE_FILE (ui/smoke.py). What the bundle wrote is then read back with
the source checkout's core, as the IT officer's other tools would.
Needs xvfb-run (Debian: apt-get install xvfb xauth), pdffonts and pdftoppm (poppler-utils),
which .ci/run installs.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from sync_support import HubServer  # the test suite's real hub on 127.0.0.1 (see conftest)

from counter_app import __version__
from counter_app.counter import Counter
from counter_app.signing import verify_receipt_payload
from counter_app.store import DB_FILENAME
from counter_app.store.schema import MIGRATIONS, SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "mot-cua"
EXE = ".exe" if os.name == "nt" else ""
PASSWORD = "mat-khau-quay-1"
TIMEOUT = 120  # a hung start fails the test instead of hanging CI


@pytest.fixture(scope="session")
def bundle() -> Path:
    assert (BUNDLE / f"counter-app{EXE}").is_file(), "no bundle in dist/mot-cua: run `make dist`"
    return BUNDLE


@pytest.fixture
def pc(tmp_path: Path) -> Path:
    """A home and working folder of the office PC, outside the checkout."""
    home = tmp_path / "pc"
    (home / "empty-bin").mkdir(parents=True)
    return home


def bare_env(pc: Path, **extra: str) -> dict[str, str]:
    env = {"HOME": str(pc), "PATH": str(pc / "empty-bin"), **extra}
    assert shutil.which("python3", path=env["PATH"]) is None
    assert shutil.which("python", path=env["PATH"]) is None
    return env


def run_cli(bundle: Path, pc: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    env = bare_env(pc, COUNTER_APP_DATA=str(pc / "data"), **extra)
    return subprocess.run(
        [str(bundle / f"counter-app{EXE}"), *args],
        env=env,
        cwd=pc,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIMEOUT,
    )


def set_up_office(bundle: Path, pc: Path) -> None:
    done = run_cli(
        bundle,
        pc,
        "setup",
        "--agency-code",
        "000.00.06.H56",
        "--office-name",
        "UBND phường Bến Nghé",
        "--desk",
        "Quầy 1",
        "--desk-number",
        "1",
        "--admin",
        "admin",
        "--demo",
        COUNTER_APP_PASSWORD=PASSWORD,
    )
    assert done.returncode == 0, done.stderr


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_bundle_carries_every_resource_and_the_qt_plugins_it_needs(bundle: Path) -> None:
    inside = bundle / "_internal"
    for folder in ("forms", "fonts"):
        shipped = {p.name for p in (ROOT / "resources" / folder).iterdir() if p.is_file()}
        assert shipped and shipped <= {p.name for p in (inside / "resources" / folder).iterdir()}
    assert (inside / "resources" / "procedures.json").is_file()
    assert (inside / "resources" / "i18n" / "mot_cua_en.qm").is_file()
    plugins = inside / "PySide6" / "Qt" / "plugins"
    platforms = {p.name for p in (plugins / "platforms").iterdir()}
    wanted = ["offscreen", "xcb"] if sys.platform.startswith("linux") else ["offscreen"]
    for name in wanted:
        assert any(name in p for p in platforms), (name, platforms)
    assert any((plugins / "printsupport").iterdir())
    libs = " ".join(p.name for p in inside.rglob("*Qt6*"))
    for module in ("Pdf", "PrintSupport", "Charts"):
        assert f"Qt6{module}" in libs, module


def test_the_first_launch_wizard_opens_under_xvfb_with_no_python(bundle: Path, pc: Path) -> None:
    report = pc / "smoke.json"
    env = bare_env(pc, COUNTER_APP_DATA=str(pc / "data"), MOT_CUA_SMOKE_FILE=str(report))
    pairs = [f"{key}={value}" for key, value in env.items()]
    # xvfb-run is a shell script that needs the ordinary PATH; the app gets only `env`'s.
    inner = 'exec env -i DISPLAY="$DISPLAY" XAUTHORITY="$XAUTHORITY" "$@"'
    done = subprocess.run(
        [
            "xvfb-run",
            "-a",
            "-s",
            "-screen 0 1366x768x24",
            "sh",
            "-c",
            inner,
            "sh",
            *pairs,
            str(bundle / f"mot-cua{EXE}"),
        ],
        cwd=pc,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert done.returncode == 0, done.stderr
    shown = json.loads(report.read_text(encoding="utf-8"))
    assert shown["class"] == "SetupWizard"
    assert shown["title"] == "Một Cửa — Thiết lập quầy"
    assert shown["platform"] == "xcb"
    assert shown["version"] == __version__
    with Image.open(report.with_suffix(".png")) as picture:
        assert picture.width >= 400 and picture.height >= 300


def test_counter_app_sets_up_takes_in_prints_a_receipt_and_checks(bundle: Path, pc: Path) -> None:
    version = run_cli(bundle, pc, "--version")
    assert version.stdout.strip() == f"Một Cửa {__version__}"
    set_up_office(bundle, pc)
    intake = run_cli(
        bundle,
        pc,
        "--user",
        "admin",
        "intake",
        "--procedure",
        "1.004884",
        "--name",
        "Đặng Văn Đức",
        "--id-number",
        "001090123456",
        "--phone",
        "0912345678",
        "--dob",
        "1990-01-01",
        "--documents",
        "1",
        COUNTER_APP_PASSWORD=PASSWORD,
    )
    assert intake.returncode == 0, intake.stderr
    code = intake.stdout.strip()
    assert code.startswith("000.00.06.H56-")
    receipt = pc / "bien-nhan.pdf"
    printed = run_cli(
        bundle,
        pc,
        "--user",
        "admin",
        "print",
        "receipt",
        code,
        "--out",
        str(receipt),
        COUNTER_APP_PASSWORD=PASSWORD,
    )
    assert printed.returncode == 0, printed.stderr

    fonts = subprocess.run(
        ["pdffonts", str(receipt)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts
    assert all("LiberationSerif" in line for line in fonts)
    scan = pc / "scan"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "200",
            "-f",
            "1",
            "-l",
            "1",
            "-gray",
            "-png",
            "-singlefile",
            str(receipt),
            str(scan),
        ],
        check=True,
    )
    with Image.open(f"{scan}.png") as image:
        codes = {r.format: r.text for r in zxingcpp.read_barcodes(image)}
    qr = codes[zxingcpp.BarcodeFormat.QRCode]
    assert "001090123456" not in qr and "Đức" not in qr
    counter = Counter.open(pc / "data")  # the checkout's core verifies the bundle's signature
    try:
        assert verify_receipt_payload(counter, qr).code == code
    finally:
        counter.close()

    check = run_cli(bundle, pc, "check")
    assert check.returncode == 0, check.stdout + check.stderr


def test_an_older_database_is_backed_up_then_migrated_by_the_bundle(bundle: Path, pc: Path) -> None:
    """A real file at the previous schema version, as the last release left it."""
    data = pc / "data"
    data.mkdir()
    path = data / DB_FILENAME
    raw = sqlite3.connect(path, isolation_level=None)
    for number, migration in enumerate(MIGRATIONS[:-1], 1):
        raw.execute("BEGIN")
        migration(raw)
        raw.execute(f"PRAGMA user_version = {number}")
        raw.execute("COMMIT")
    raw.execute("INSERT INTO meta (key, value) VALUES ('kept-by-upgrade', '\"yes\"')")
    raw.close()

    run_cli(bundle, pc, "check")  # opening is enough; an office never set up is not the point

    old = sqlite3.connect(data / f"{DB_FILENAME}.before-v{SCHEMA_VERSION}.bak")
    assert old.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION - 1
    assert old.execute("SELECT value FROM meta WHERE key = 'kept-by-upgrade'").fetchone()
    old.close()
    upgraded = sqlite3.connect(path)
    assert upgraded.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    kept = upgraded.execute("SELECT value FROM meta WHERE key = 'kept-by-upgrade'").fetchone()
    upgraded.close()
    assert kept == ('"yes"',)


def test_a_database_from_a_newer_version_is_refused_in_words(bundle: Path, pc: Path) -> None:
    set_up_office(bundle, pc)
    path = pc / "data" / DB_FILENAME
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA journal_mode=DELETE")  # one file, so the digest covers everything
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.commit()
    raw.close()
    before = digest(path)
    refused = run_cli(bundle, pc, "check")
    assert refused.returncode == 1
    # One language at a time: Vietnamese by default, English from the bundled catalog.
    assert "phiên bản mới hơn" in refused.stderr and "Traceback" not in refused.stderr
    english = run_cli(bundle, pc, "check", COUNTER_APP_LANG="en")
    assert english.returncode == 1 and "update the app" in english.stderr
    assert "Traceback" not in english.stderr
    assert digest(path) == before


def test_the_bundle_syncs_with_a_real_hub(bundle: Path, pc: Path) -> None:
    """requests, urllib3 and the sync engine as frozen, against the checkout's hub over HTTP."""
    hub = HubServer(pc / "hub.sqlite3")
    try:
        set_up_office(bundle, pc)
        token = hub.enroll("000.00.06.H56", 1)
        server = run_cli(
            bundle,
            pc,
            "--user",
            "admin",
            "server",
            "set",
            hub.url,
            "--token",
            token,
            COUNTER_APP_PASSWORD=PASSWORD,
        )
        assert server.returncode == 0, server.stderr
        intake = run_cli(
            bundle,
            pc,
            "--user",
            "admin",
            "intake",
            "--procedure",
            "1.004884",
            "--name",
            "Đặng Văn Đức",
            "--id-number",
            "001090123456",
            "--phone",
            "0912345678",
            COUNTER_APP_PASSWORD=PASSWORD,
        )
        assert intake.returncode == 0, intake.stderr
        synced = run_cli(
            bundle, pc, "--user", "admin", "sync", "--json", COUNTER_APP_PASSWORD=PASSWORD
        )
        assert synced.returncode == 0, synced.stderr
        result = json.loads(synced.stdout)
        assert result["pushed"] >= 1 and result["pending"] == 0, result
    finally:
        hub.stop()
