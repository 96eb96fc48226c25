"""One version, everywhere: package metadata, the CLI, and resources found when frozen."""

from __future__ import annotations

import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest

from counter_app import __version__, resources


def test_the_installed_metadata_takes_its_version_from_the_package() -> None:
    assert version("mot-cua") == __version__


def test_counter_app_version_prints_it(capsys: pytest.CaptureFixture[str]) -> None:
    from counter_app.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"Một Cửa {__version__}"


def test_resources_come_from_the_checkout_unless_frozen() -> None:
    assert (resources.RESOURCES / "procedures.json").is_file()
    assert Path(resources.__file__).resolve().parent.parent / "resources" == resources.RESOURCES


def test_a_frozen_build_finds_resources_in_its_bundle_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    frozen: Any = sys
    monkeypatch.setattr(frozen, "frozen", True, raising=False)
    monkeypatch.setattr(frozen, "_MEIPASS", str(tmp_path), raising=False)
    assert resources._resources_dir() == tmp_path / "resources"
