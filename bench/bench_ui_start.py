"""Cold start of the desktop app to an interactive main window, against a bare PySide6 window.

Each start is a fresh process (imports, Qt platform, fonts are all paid), offscreen. "Ours"
opens a set-up counter on the database worker, builds the main window with every page for a
supervisor and waits until the status bar shows figures read through the worker: the window
is then usable. "Bare" shows an empty QMainWindow. Runs alternate so machine load hits both.
Both run from byte code, as an installed app does (pip compiles a wheel on install): with
PYTHONDONTWRITEBYTECODE set (as in some shells and CI) our editable checkout would otherwise
be compiled from source at every start while PySide6 is not. The warm-up run writes the byte
code to a private PYTHONPYCACHEPREFIX folder, never into the checkout.
Goal (issue 16): at most 1.5x the bare start.

When `make dist` has built dist/mot-cua, the same run also times the whole program to its first
window on screen (a set-up counter: the login dialog, reported by ui/smoke.py), from the
checkout (`counter-app` as the venv runs it) and from the bundle, and compares the bundle's size
with the installed runtime dependencies it replaces.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

from bench import conditions

ROUNDS = 7
BUNDLE = Path(__file__).resolve().parent.parent / "dist" / "mot-cua"
FROM_SOURCE = "import sys; from counter_app.cli import main; sys.exit(main())"

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1280, 800); w.show()
app.processEvents()
"""

OURS = """
import sys
from pathlib import Path
from PySide6.QtCore import QSettings
from ui.app import make_app
from counter_app.models import Role, User
from ui.context import AppContext
from ui.main_window import MainWindow
app = make_app()
ctx = AppContext(Path(sys.argv[1]), QSettings(sys.argv[2], QSettings.Format.IniFormat))
ctx.user = User("admin", "Quản trị", Role.SUPERVISOR)
def ready(state):
    ctx.office = state.office
    w = MainWindow(ctx); w.show()
    def check():
        if w.status.pending.text():
            app.quit()
        else:
            QTimer.singleShot(1, check)
    check()
from PySide6.QtCore import QTimer
from ui import operations as ops
ops.startup_state(ctx).success(ready).run()
app.exec()
ctx.close()
"""


def _setup(folder: Path) -> Path:
    from counter_app.counter import Counter
    from counter_app.models import Office
    from counter_app.resources import demo_procedures

    data = folder / "counter"
    c = Counter.open(data)
    c.setup(
        Office(agency_code="000.00.99.H99", name="UBND xã Demo"),
        "Quầy 1",
        "admin",
        "Quản trị",
        "bench-password",
    )
    c.catalogue.load_procedures(demo_procedures())
    c.close()
    return data


def _run(code: str, pycache: Path, *args: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPYCACHEPREFIX=str(pycache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return (time.perf_counter() - start) * 1000


def _first_window(program: list[str], folder: Path, data: Path) -> float:
    """The program started as a clerk would start it, until its first window is mapped."""
    report = folder / "smoke.json"
    report.unlink(missing_ok=True)
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHONPYCACHEPREFIX=str(folder / "pyc"),
        COUNTER_APP_DATA=str(data),
        MOT_CUA_SMOKE_FILE=str(report),
        XDG_CONFIG_HOME=str(folder / "config"),
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    subprocess.run(
        program, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    elapsed = (time.perf_counter() - start) * 1000
    if not report.exists():
        raise RuntimeError(f"{program[0]} showed no window")
    return elapsed


def _tree_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _runtime_size() -> int:
    """Bytes of every installed distribution the app needs at run time (no extras): what a
    source install adds to Python itself, and what the bundle replaces."""
    seen: set[str] = set()
    todo = ["mot-cua"]
    total = 0
    while todo:
        name = todo.pop()
        dist = metadata.distribution(name)
        key = dist.metadata["Name"].lower().replace("_", "-")
        if key in seen:
            continue
        seen.add(key)
        if key != "mot-cua":
            total += sum(f.size or 0 for f in dist.files or [])
        for line in dist.requires or []:
            req = Requirement(line)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    return total


def _bundle(folder: Path, data: Path) -> None:
    program = BUNDLE / ("mot-cua.exe" if os.name == "nt" else "mot-cua")
    source = [sys.executable, "-c", FROM_SOURCE]
    _first_window(source, folder, data), _first_window([str(program)], folder, data)  # warm
    checkout, bundle = [], []
    for _ in range(ROUNDS):
        checkout.append(_first_window(source, folder, data))
        bundle.append(_first_window([str(program)], folder, data))
    c, b = statistics.median(checkout), statistics.median(bundle)
    print(f"first window (login), median of {ROUNDS} fresh processes (offscreen)")
    print(f"  from the checkout (venv):       {c:7.0f} ms")
    print(f"  from the bundle (dist/mot-cua): {b:7.0f} ms")
    print(f"  ratio bundle/checkout: {b / c:.2f}x")
    mb = 1024 * 1024
    print(
        f"  bundle size: {_tree_size(BUNDLE) / mb:.0f} MB on disk; the runtime "
        f"dependencies it replaces: {_runtime_size() / mb:.0f} MB + Python"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = _setup(folder)
        settings = str(folder / "settings.ini")
        pyc = folder / "pycache"
        # Warm the OS file cache for both, and write both sides' byte code.
        _run(BARE, pyc), _run(OURS, pyc, str(data), settings)
        bare, ours = [], []
        for _ in range(ROUNDS):
            bare.append(_run(BARE, pyc))
            ours.append(_run(OURS, pyc, str(data), settings))
        b, o = statistics.median(bare), statistics.median(ours)
        print(f"cold start, median of {ROUNDS} fresh processes (offscreen)")
        print(f"  bare PySide6 window:            {b:7.0f} ms")
        print(f"  Một Cửa main window, usable:    {o:7.0f} ms")
        print(f"  ratio: {o / b:.2f}x (goal <= 1.5x)")
        print(conditions.line())
        if BUNDLE.is_dir():
            _bundle(folder, data)
        else:
            print("  (no bundle in dist/mot-cua: `make dist` adds the bundle's figures)")


if __name__ == "__main__":
    main()
