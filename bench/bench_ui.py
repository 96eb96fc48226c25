"""Opening the dossier list (Hồ sơ) on a 1,000,000-dossier database, against a bare PySide6
window with a table, each in a fresh process, alternating runs.

"Ours" builds the real DossiersPage (lazy table model, DB worker, keyset pages from the core)
on the million-dossier database of bench_core (built once, cached under /tmp) and stops when
the first rows are on screen and the total count has arrived. "Bare" shows a QTableView over
an in-memory model of the same 200 rows. Figures: time from process start to first rows, and
peak resident memory (VmHWM). Goals (issue 5): under 300 MB, first rows without loading all.
Cold start of the whole main window is measured by bench_ui_start. Both sides run from byte
code after a warm-up run, as an installed app does.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import conditions

ROUNDS = 5

PROBE = """
import os, sys, time
T0 = time.perf_counter()
def peak_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
"""

BARE = (
    PROBE
    + """
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QTableView
app = QApplication([])
class Model(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()): return 200
    def columnCount(self, parent=QModelIndex()): return 7
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return f"000.00.06.H56-250314-{index.row():04d}"
view = QTableView(); model = Model(); view.setModel(model); view.resize(1280, 800); view.show()
app.processEvents()
print(f"0 0 {time.perf_counter() - T0:.4f} {peak_mb():.1f} 200 200")
"""
)

OURS = (
    PROBE
    + """
from pathlib import Path
from PySide6.QtCore import QSettings, QTimer
from ui.app import make_app
from ui.context import AppContext
from ui.pages.dossiers import DossiersPage
app = make_app()
ctx = AppContext(Path(sys.argv[1]), QSettings(sys.argv[2], QSettings.Format.IniFormat))
page = DossiersPage(ctx); page.resize(1280, 800); page.show()
asked = time.perf_counter()
page.activated()
shown = []
def check():
    if page.model.rowCount() and not shown:
        app.processEvents()  # paint the first rows
        shown.append(time.perf_counter())
    if shown and page.model.total is not None:
        app.quit()
    else:
        QTimer.singleShot(1, check)
check()
app.exec()
held, total = page.model.rowCount(), page.model.total
ctx.close()
print(f"{asked - T0:.4f} {shown[0] - asked:.4f} {shown[0] - T0:.4f} {peak_mb():.1f} {held} {total}")
"""
)


def run(code: str, pycache: Path, *args: str) -> tuple[float, float, float, float, int, int]:
    # Both sides from byte code, as an installed app runs (see bench_ui_start): written once
    # to a private PYTHONPYCACHEPREFIX by the warm-up, never into the checkout.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPYCACHEPREFIX": str(pycache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    start, data, seconds, mb, held, total = out.stdout.split()[-6:]
    return float(start), float(data), float(seconds), float(mb), int(held), int(total)


def main() -> None:
    from bench.bench_core import BIG, CACHE, build_big

    if not CACHE.exists():
        print(f"building the {BIG:,}-dossier database (once; cached under {CACHE.parent}):")
        build_big(CACHE)
    with tempfile.TemporaryDirectory(prefix="bench-ui-") as folder:
        data_dir = Path(folder) / "counter"
        data_dir.mkdir()
        # A hard link: the app opens "its" database without copying 800 MB.
        os.link(CACHE, data_dir / "counter.sqlite3")
        settings = str(Path(folder) / "settings.ini")
        pyc = Path(folder) / "pycache"
        run(BARE, pyc), run(OURS, pyc, str(data_dir), settings)  # byte code, OS file cache
        ours, bare = [], []
        for _ in range(ROUNDS):
            ours.append(run(OURS, pyc, str(data_dir), settings))
            bare.append(run(BARE, pyc))
    t_ours = statistics.median(r[2] for r in ours)
    t_bare = statistics.median(r[2] for r in bare)
    t_start = statistics.median(r[0] for r in ours)
    t_data = statistics.median(r[1] for r in ours)
    mb_ours = max(r[3] for r in ours)
    mb_bare = max(r[3] for r in bare)
    held, total = ours[-1][4], ours[-1][5]
    print(f"dossier list on {total:,} dossiers, median of {ROUNDS} fresh processes:")
    print(
        f"  first rows shown   ours {t_ours * 1000:7.0f} ms   bare table {t_bare * 1000:6.0f} ms"
        f"   ratio {t_ours / t_bare:.2f}x (goal <= 2x)"
    )
    print(
        f"    of which: imports and page built {t_start * 1000:.0f} ms, "
        f"first page from the worker {t_data * 1000:.0f} ms"
    )
    print(
        f"  peak resident      ours {mb_ours:7.1f} MB   bare table {mb_bare:6.1f} MB"
        f"   (goal < 300 MB: {'ok' if mb_ours < 300 else 'MISSED'})"
    )
    print(f"  rows held in model {held:,} of {total:,} (lazy: {'ok' if held < total else 'NO'})")
    print(conditions.line())


if __name__ == "__main__":
    main()
