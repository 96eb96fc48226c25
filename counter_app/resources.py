"""Files shipped in resources/ (demo catalogue, fonts, translations)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from counter_app.i18n import _

from .errors import ValidationError
from .models import Procedure
from .offices import ProvinceOffice, parse_offices


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
        text = path.read_text(encoding="utf-8")
        data: Any = json.loads(text)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(
            {"file": _("không đọc được {path}: {exc}").format(path=path, exc=exc)}
        ) from exc
    items = data.get("procedures") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise ValidationError({"file": _("{path}: thiếu danh sách 'procedures'").format(path=path)})
    procedures = []
    errors: dict[str, str] = {}
    for number, item in enumerate(items, 1):
        try:
            procedures.append(Procedure.from_dict(item))
        except (KeyError, TypeError, ValueError) as exc:
            code = item.get("code") if isinstance(item, dict) else None
            label = f" ({code})" if code else ""
            errors[f"procedures[{number}]"] = _(
                "{where}: thủ tục thứ {number}{label} không hợp lệ: {reason}"
            ).format(
                where=f"{path}{_line_of(text, item)}",
                number=number,
                label=label,
                reason=_words(exc),
            )
    if errors:
        # Every bad entry at once, and nothing imported.
        raise ValidationError(errors)
    return procedures


def _words(exc: Exception) -> str:
    return _("thiếu {exc}").format(exc=exc) if isinstance(exc, KeyError) else str(exc)


def _line_of(text: str, item: Any) -> str:
    """', dòng N' (', line N') of the entry's time limit in the file (else of its code), found
    from the entry's code onwards, since codes are unique and time values are not."""
    if not isinstance(item, dict):
        return ""
    start = _value_at(text, "code", item.get("code"), 0)
    if start < 0:
        return ""
    for key in ("time_text", "time_value", "time_unit"):
        if item.get(key) is not None and (at := _value_at(text, key, item[key], start)) >= 0:
            start = at
            break
    line = text.count("\n", 0, start) + 1
    return _(", dòng {line}").format(line=line)


def _value_at(text: str, key: str, value: Any, start: int) -> int:
    """Where `"key": value` first occurs from `start`, or -1."""
    if value is None:
        return -1
    needle = json.dumps(value, ensure_ascii=False)
    at = text.find(f'"{key}"', start)
    while at >= 0:
        rest = text[at + len(key) + 2 : at + len(key) + 2 + len(needle) + 16].lstrip()
        if rest.startswith(":") and rest[1:].lstrip().startswith(needle):
            return at
        at = text.find(f'"{key}"', at + 1)
    return -1


def load_offices_file(path: Path) -> list[ProvinceOffice] | None:
    """The province's offices listed in a catalogue file ({"procedures": [...], "offices":
    [{"agency_code", "name"}]}), checked; None when the file lists none."""
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(
            {"file": _("không đọc được {path}: {exc}").format(path=path, exc=exc)}
        ) from exc
    if not isinstance(data, dict) or "offices" not in data:
        return None
    return parse_offices(data["offices"])


def demo_procedures() -> list[Procedure]:
    return load_procedures_file(RESOURCES / "procedures.json")
