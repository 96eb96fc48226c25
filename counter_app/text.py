"""Text normalisation: NFC on the way in, and a folded form for search."""

from __future__ import annotations

import re
import unicodedata

# FTS5's remove_diacritics leaves Đ/đ alone (it is a letter, not a D with a mark).
_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "d"})
# The combining marks of the Combining Diacritical Marks block (all of it but U+034F, the
# grapheme joiner, which is not a combining mark): every mark Vietnamese uses. One regex pass
# instead of a Python test per character; fold() runs at every intake and every keystroke.
_MARKS = re.compile("[\u0300-\u034e\u0350-\u036f]+")


def nfc(value: str) -> str:
    """Vietnamese keyboards and scanners send composed and decomposed forms alike."""
    return unicodedata.normalize("NFC", value).strip()


def fold(value: str) -> str:
    """Lower-case, without diacritics, with đ as d: 'Đặng Văn Đức' -> 'dang van duc'."""
    decomposed = unicodedata.normalize("NFD", value.translate(_FOLD_TABLE))
    stripped = _MARKS.sub("", decomposed)
    if not stripped.isascii():  # marks of other blocks (rare): the general test
        stripped = "".join(ch for ch in stripped if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


def clean_optional(value: str | None) -> str | None:
    if value is None:
        return None
    value = nfc(value)
    return value or None
