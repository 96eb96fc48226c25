"""Form layouts as data: template sets (one per circular) chosen by effective date.

Each file in resources/forms/ is one set: its `effective_from` date and, per form, the title,
heading lines, labels and the order of blocks. A new circular is a new file with a later date;
forms it does not define fall back to the set before it.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from counter_app.i18n import _

from ..errors import NotFound, ValidationError
from ..resources import RESOURCES

TEMPLATE_DIR = RESOURCES / "forms"


@dataclass(frozen=True)
class TemplateSet:
    id: str
    name: str
    effective_from: date
    data: dict[str, Any]

    @property
    def forms(self) -> dict[str, Any]:
        forms: dict[str, Any] = self.data.get("forms", {})
        return forms


def _nfc(value: Any) -> Any:
    """Template text is compared with pdftotext output in tests and read by citizens: NFC."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfc(v) for k, v in value.items()}
    return value


def load_set(path: Path) -> TemplateSet:
    try:
        data = _nfc(json.loads(path.read_text(encoding="utf-8")))
        return TemplateSet(
            id=str(data["id"]),
            name=str(data["name"]),
            effective_from=date.fromisoformat(data["effective_from"]),
            data=data,
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValidationError(
            {"template": _("mẫu biểu {name} không hợp lệ: {exc}").format(name=path.name, exc=exc)}
        ) from exc


class TemplateRegistry:
    def __init__(self, sets: list[TemplateSet]) -> None:
        self.sets = sorted(sets, key=lambda s: s.effective_from)

    @classmethod
    def from_dir(cls, directory: Path) -> TemplateRegistry:
        return cls([load_set(p) for p in sorted(directory.glob("*.json"))])

    def in_force(self, on: date) -> list[TemplateSet]:
        """Sets in force on `on`, newest first (the fallback order)."""
        return [s for s in reversed(self.sets) if s.effective_from <= on]

    def form(self, name: str, on: date) -> tuple[TemplateSet, dict[str, Any]]:
        for template_set in self.in_force(on) or self.sets[:1]:
            if name in template_set.forms:
                return template_set, template_set.forms[name]
        raise NotFound(
            _("không có mẫu biểu '{name}' cho hồ sơ nhận ngày {on:%d/%m/%Y}").format(
                name=name, on=on
            )
        )

    def has(self, name: str, on: date) -> bool:
        return any(name in s.forms for s in self.in_force(on) or self.sets[:1])

    def info(self, name: str, on: date) -> FormInfo:
        """A form's number and title as the set in force on `on` names it."""
        template_set, spec = self.form(name, on)
        return FormInfo(
            role=name,
            number=str(spec.get("number", "")),
            title=str(spec["title"]),
            name=str(spec.get("name", spec["title"])),
            set_id=template_set.id,
        )


@dataclass(frozen=True)
class FormInfo:
    """What a screen or a file name calls a form; the numbers live in the template files."""

    role: str  # receipt, supplement, refusal, apology, stop, control, register
    number: str  # "Mẫu số 01"
    title: str  # as printed, upper case
    name: str  # the title in sentence case, for screens
    set_id: str  # "tt03-2025"

    @property
    def label(self) -> str:
        return f"{self.number} — {self.name}" if self.number else self.name


@lru_cache(maxsize=1)
def default_registry() -> TemplateRegistry:
    return TemplateRegistry.from_dir(TEMPLATE_DIR)
