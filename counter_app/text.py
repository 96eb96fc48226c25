"""Text normalisation: NFC on the way in, and a folded form for search."""

from __future__ import annotations

import unicodedata

# FTS5's remove_diacritics leaves Đ/đ alone (it is a letter, not a D with a mark).
_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "d"})


def nfc(value: str) -> str:
    """Vietnamese keyboards and scanners send composed and decomposed forms alike."""
    return unicodedata.normalize("NFC", value).strip()


def fold(value: str) -> str:
    """Lower-case, without diacritics, with đ as d: 'Đặng Văn Đức' -> 'dang van duc'."""
    decomposed = unicodedata.normalize("NFD", value.translate(_FOLD_TABLE))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


def clean_optional(value: str | None) -> str | None:
    if value is None:
        return None
    value = nfc(value)
    return value or None
