"""Checks run by `make run` before Qt starts: the system libraries Qt's xcb platform needs,
and a display. One plain line per problem and a non-zero exit, never a Qt stack trace.

    python -m ui.preflight              # libraries, then the display
    python -m ui.preflight --libs-only  # libraries only (CI, `make check-qt-libs`)
"""

from __future__ import annotations

# argparse, ctypes.util, shutil and subprocess are imported by the library check and the
# command line that need them: the app itself only asks display_problem(), at every start.
import os
import sys
from collections.abc import Iterable, Sequence

# Debian/Ubuntu package -> the shared object Qt's xcb platform plugin loads from it.
QT_SYSTEM_LIBRARIES: dict[str, str] = {
    "libxcb-cursor0": "libxcb-cursor.so.0",
    "libxcb-icccm4": "libxcb-icccm.so.4",
    "libxcb-keysyms1": "libxcb-keysyms.so.1",
    "libxcb-image0": "libxcb-image.so.0",
    "libxcb-render-util0": "libxcb-render-util.so.0",
    "libxcb-shape0": "libxcb-shape.so.0",
    "libxcb-xkb1": "libxcb-xkb.so.1",
    "libxkbcommon-x11-0": "libxkbcommon-x11.so.0",
    "libegl1": "libEGL.so.1",
    "libgl1": "libGL.so.1",
    "libfontconfig1": "libfontconfig.so.1",
    "libdbus-1-3": "libdbus-1.so.3",
}

_NON_DISPLAY_PLATFORMS = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb")


def installed_sonames() -> set[str] | None:
    """Shared objects the dynamic linker knows (`ldconfig -p`); None if it cannot be asked."""
    import shutil
    import subprocess

    ldconfig = shutil.which("ldconfig") or next(
        (p for p in ("/sbin/ldconfig", "/usr/sbin/ldconfig") if os.path.exists(p)), None
    )
    if ldconfig is None:
        return None
    try:
        out = subprocess.run([ldconfig, "-p"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return {line.strip().split(" ", 1)[0] for line in out.splitlines()[1:] if line.strip()}


def _found_by_ctypes(soname: str) -> bool:
    import ctypes.util

    stem = soname.removeprefix("lib").split(".so")[0]
    return ctypes.util.find_library(stem) is not None


def missing_packages(sonames: Iterable[str] | None = None) -> list[str]:
    """Debian packages whose library is not installed."""
    known = set(sonames) if sonames is not None else installed_sonames()
    missing = []
    for package, soname in QT_SYSTEM_LIBRARIES.items():
        present = soname in known if known is not None else _found_by_ctypes(soname)
        if not present:
            missing.append(package)
    return missing


def libraries_problem(sonames: Iterable[str] | None = None) -> str | None:
    if not sys.platform.startswith("linux"):
        return None
    missing = missing_packages(sonames)
    if not missing:
        return None
    return (
        f"Qt cannot start: missing system libraries {', '.join(missing)}; "
        f"fix with: sudo apt-get install -y {' '.join(missing)}"
    )


def display_problem() -> str | None:
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0]
    if platform in _NON_DISPLAY_PLATFORMS or sys.platform in ("win32", "darwin"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "no display found (DISPLAY and WAYLAND_DISPLAY are unset): run it in a desktop "
        "session, or headless with: xvfb-run make run"
    )


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m ui.preflight", description=__doc__)
    parser.add_argument("--libs-only", action="store_true", help="check the libraries only")
    args = parser.parse_args(argv)
    problems = []
    offscreen = os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen")
    if args.libs_only or not offscreen:
        problems.append(libraries_problem())
    if not args.libs_only:
        problems.append(display_problem())
    shown = [p for p in problems if p]
    for problem in shown:
        print(f"make run: {problem}", file=sys.stderr)
    return 1 if shown else 0


if __name__ == "__main__":
    sys.exit(main())
