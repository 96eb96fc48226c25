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
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import conditions

ROUNDS = 7

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
    c.setup(Office(agency_code="000.00.99.H99", name="UBND xã Demo"), "Quầy 1", "admin",
            "Quản trị", "bench-password")  # fmt: skip
    c.load_procedures(demo_procedures())
    c.close()
    return data


def _run(code: str, pycache: Path, *args: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPYCACHEPREFIX=str(pycache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    return (time.perf_counter() - start) * 1000


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


if __name__ == "__main__":
    main()
