"""The house's layers (docs/architecture.md), checked by import-linter's contracts in
pyproject.toml, plus the two things an import graph cannot show: imports by name at run time
and reaching through `Counter._store`."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("counter_app", "ui", "sync")
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
CONTRACTS = ("core-alone", "sync-without-qt", "store-private")  # ids in pyproject.toml


def lint_imports(
    cwd: Path, *contracts: str, extra_path: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if extra_path is not None:
        env["PYTHONPATH"] = str(extra_path)  # ahead of the editable install of the checkout
    command = [str(LINT_IMPORTS), "--no-cache", str(ROOT / "pyproject.toml")]
    command += [arg for c in contracts for arg in ("--contract", c)]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def test_the_layer_contracts_are_kept() -> None:
    run = lint_imports(ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert " 0 broken" in run.stdout
    assert all(f'id = "{c}"' in (ROOT / "pyproject.toml").read_text() for c in CONTRACTS)


def test_a_violating_import_breaks_its_contract(tmp_path: Path) -> None:
    """A copy of the tree with one forbidden import per contract: each contract fails."""
    for package in PACKAGES:
        ignore = shutil.ignore_patterns("__pycache__")
        shutil.copytree(ROOT / package, tmp_path / package, ignore=ignore)
    leaks = {
        "core-alone": (
            "counter_app/leak_to_ui.py",
            "def launch() -> None:\n    from ui import app\n",
        ),
        "sync-without-qt": ("sync/leak_to_qt.py", "import PySide6.QtCore\n"),
        "store-private": ("ui/leak_to_store.py", "from counter_app.store import Store\n"),
    }
    assert lint_imports(tmp_path, *CONTRACTS, extra_path=tmp_path).returncode == 0  # the copy
    for contract, (path, text) in leaks.items():
        (tmp_path / path).write_text(text)
        run = lint_imports(tmp_path, contract, extra_path=tmp_path)
        assert run.returncode != 0, run.stdout
        assert path.removesuffix(".py").replace("/", ".") in run.stdout
        (tmp_path / path).unlink()


def _python_files() -> list[Path]:
    return sorted(f for package in PACKAGES for f in (ROOT / package).rglob("*.py"))


def _imports_by_name(node: ast.AST) -> bool:
    if not isinstance(node, ast.Call):
        return False
    if isinstance(node.func, ast.Attribute):
        return node.func.attr == "import_module"
    return isinstance(node.func, ast.Name) and node.func.id in {"__import__", "import_module"}


def _calls_by_name(tree: ast.AST) -> list[int]:
    return [node.lineno for node in ast.walk(tree) if _imports_by_name(node)]


def test_no_import_by_name_that_the_contracts_cannot_see() -> None:
    """Lazy imports are plain imports inside a function; extensions come by entry point."""
    found = {
        str(f.relative_to(ROOT)): lines
        for f in _python_files()
        if (lines := _calls_by_name(ast.parse(f.read_text(encoding="utf-8"))))
    }
    assert found == {}


# live-accounts is replacing the wizard's one transaction around setup with a core service.
STORE_USERS_PENDING = {"ui/setup_wizard.py"}


def _store_reaches(tree: ast.AST) -> list[int]:
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr in {"store", "_store"}
    ]


def test_only_the_core_reaches_its_store() -> None:
    outside = [
        f for f in _python_files() if f.parts[len(ROOT.parts)] != "counter_app" or "cli" in f.parts
    ]
    found = {
        name: lines
        for f in outside
        if (name := str(f.relative_to(ROOT))) not in STORE_USERS_PENDING
        and (lines := _store_reaches(ast.parse(f.read_text(encoding="utf-8"))))
    }
    assert found == {}


def test_the_checkers_see_what_they_look_for() -> None:
    sample = ast.parse(
        "import importlib\nm = importlib.import_module('ui.app')\nn = __import__('sync')\n"
        "def f(c):\n    with c.store.write():\n        c._store.meta.get('x')\n"
    )
    assert _calls_by_name(sample) == [2, 3]
    assert sorted(_store_reaches(sample)) == [5, 6]


def test_the_cli_finds_sync_and_the_desktop_app_by_entry_point() -> None:
    from counter_app.cli import COMMANDS_GROUP, DESKTOP_GROUP, build_parser, extensions

    assert [e.value for e in extensions(COMMANDS_GROUP)] == ["sync.cli:register"]
    [desktop] = extensions(DESKTOP_GROUP)
    assert desktop.value == "ui.app:main"
    commands = next(a for a in build_parser()._actions if a.dest == "command")
    assert {"server", "sync", "sync-log"} <= set(commands.choices or {})
