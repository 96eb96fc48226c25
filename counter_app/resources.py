"""Files shipped in resources/ (demo catalogue, fonts, translations)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from .errors import ValidationError
from .models import Procedure


def _resources_dir() -> Path:
    """resources/ beside the packages in a checkout; inside the bundle when frozen.

    PyInstaller's bootloader sets sys._MEIPASS to the folder holding the bundled files (the
    `_internal` folder of a one-folder build), where packaging/mot-cua.spec puts resources/.
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


RESOURCES = _resources_dir()


def load_procedures_file(path: Path) -> list[Procedure]:
    """A catalogue file: {"procedures": [...]} or a bare list, in the format of procedures.json."""
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(
            {"file": f"không đọc được {path} / cannot read {path}: {exc}"}
        ) from exc
    items = data.get("procedures") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise ValidationError({"file": f"{path}: thiếu danh sách 'procedures' / no procedure list"})
    procedures = []
    for number, item in enumerate(items, 1):
        try:
            procedures.append(Procedure.from_dict(item))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValidationError(
                {
                    "file": f"{path}: thủ tục thứ {number} không hợp lệ / item {number} is invalid: {exc}"
                }
            ) from exc
    return procedures


def demo_procedures() -> list[Procedure]:
    return load_procedures_file(RESOURCES / "procedures.json")
