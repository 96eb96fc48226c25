"""Layering: the core never imports Qt, the desktop app or requests; sync never imports Qt."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {
    "counter_app": {"PySide6", "PyQt5", "PyQt6", "shiboken6", "ui", "requests"},
    "sync": {"PySide6", "PyQt5", "PyQt6", "shiboken6", "ui"},
}


def imported_modules(path: Path) -> tuple[set[str], set[str]]:
    """Top-level names of (static imports anywhere, even inside functions; run-time
    importlib.import_module("...") lookups with a literal name)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    static: set[str] = set()
    dynamic: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            static.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            static.add(node.module.split(".")[0])
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in {"import_module", "__import__"} and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):  # fmt: skip
            dynamic.add(node.args[0].value.split(".")[0])
    return static, dynamic


def files_of(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


# `counter-app` without a command opens the desktop app: the CLI looks `ui.app` up by name at
# run time, so the core still loads where Qt is missing. That is the only sanctioned reach.
LAUNCHER = Path("counter_app/cli/__init__.py")


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_never_imports_forbidden_modules(package: str) -> None:
    files = files_of(package)
    assert files, f"{package}/ has no Python files"
    offenders: dict[str, list[str]] = {}
    for f in files:
        static, dynamic = imported_modules(f)
        if f.relative_to(ROOT) == LAUNCHER:
            dynamic -= {"ui"}
        if bad := sorted((static | dynamic) & FORBIDDEN[package]):
            offenders[str(f.relative_to(ROOT))] = bad
    assert offenders == {}


def test_the_launcher_reaches_the_desktop_app_only_by_name() -> None:
    static, dynamic = imported_modules(ROOT / LAUNCHER)
    assert "ui" in dynamic and "ui" not in static


def test_the_checker_catches_every_form_of_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import PySide6.QtWidgets\nfrom ui.app import main\n"
        "def f():\n    import requests\n    from requests import get\n"
        "importlib.import_module('shiboken6')\n",
        encoding="utf-8",
    )
    static, dynamic = imported_modules(sample)
    assert {"PySide6", "ui", "requests"} <= static and dynamic == {"shiboken6"}
