"""Work around a reference-counting bug of PySide6 6.12 on Python 3.11.

`SignalInstance.emit()` returns `True` without taking a reference to it, so every emit made
from Python drops one reference of the `True` singleton. An app (or a test run) that emits a
few thousand signals then aborts when the interpreter frees the last of them
("Fatal Python error: bool_dealloc: deallocating True or False"), usually at exit, after all
data is saved but with a non-zero status. Python 3.12+ makes True/False immortal, so there
the bug is harmless. Here we measure the leak once and, only if it is present, raise the
two singletons' reference counts out of reach (what 3.12 does for every immortal object).
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

_state = {"checked": False, "applied": False}


class _Probe(QObject):
    fired = Signal()


def emit_leaks_bools() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(16):
        probe.fired.emit()
    return sys.getrefcount(True) < before


def apply() -> bool:
    """Idempotent; returns True when the workaround was needed and applied."""
    if _state["checked"]:
        return _state["applied"]
    _state["checked"] = True
    if sys.version_info >= (3, 12) or not emit_leaks_bools():
        return False
    for singleton in (True, False):
        # ob_refcnt is the first field of every CPython object.
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40
    _state["applied"] = True
    return True


apply()
