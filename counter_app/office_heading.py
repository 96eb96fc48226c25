"""The office's own name at the head of every form (Circular 03/2025: the commune's Public
Administration Service Center), kept as the office setting `form_heading`.

Its own module because the setup command, the wizard and the forms all need it and none of
them should carry the default wording.
"""

from __future__ import annotations

from counter_app.i18n import _

from .errors import ValidationError
from .models import Office
from .text import nfc

SETTING = "form_heading"
CENTER = "Trung tâm Phục vụ hành chính công"
MAX_LENGTH = 200
# How a commune's People's Committee is written before its commune name.
_COMMITTEE_PREFIXES = ("UBND ", "Ủy ban nhân dân ", "Uỷ ban nhân dân ")


def commune_name(office: Office) -> str:
    """'UBND phường Bến Nghé' -> 'phường Bến Nghé'."""
    name = nfc(office.name)
    for prefix in _COMMITTEE_PREFIXES:
        if name.lower().startswith(prefix.lower()):
            return name[len(prefix) :].strip()
    return name


def default_heading(office: Office) -> str:
    """A new office is the commune's service center, unless its name already says what it is."""
    name = nfc(office.name)
    if name.lower().startswith(CENTER.lower()):
        return name
    return f"{CENTER} {commune_name(office)}"


def heading(office: Office, configured: object) -> str:
    text = nfc(str(configured)) if configured else ""
    return text or default_heading(office)


def problems(name: str) -> dict[str, str]:
    value = " ".join(nfc(name).split())
    if not value:
        return {"form_heading": _("tên đơn vị in trên mẫu biểu không được để trống")}
    if len(value) > MAX_LENGTH:
        return {
            "form_heading": _("tên đơn vị dài quá {MAX_LENGTH} ký tự").format(MAX_LENGTH=MAX_LENGTH)
        }
    return {}


def check(name: str) -> str:
    if errors := problems(name):
        raise ValidationError(errors)
    return " ".join(nfc(name).split())
