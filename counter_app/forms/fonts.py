"""The embedded font: Liberation Serif (metric-compatible with Times New Roman, which the official
forms use; full Vietnamese coverage; SIL OFL 1.1, see resources/fonts/OFL.txt).

Shipped in resources/fonts/ so a PDF never depends on the fonts of the PC that prints it.
Registered once per process: parsing a TrueType file costs more than drawing a receipt.
"""

from __future__ import annotations

import threading
from functools import lru_cache

from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..resources import RESOURCES

FAMILY = "LiberationSerif"
REGULAR = FAMILY
BOLD = f"{FAMILY}-Bold"
ITALIC = f"{FAMILY}-Italic"
BOLD_ITALIC = f"{FAMILY}-BoldItalic"
# Style letters used by the form templates.
BY_STYLE = {"": REGULAR, "b": BOLD, "i": ITALIC, "bi": BOLD_ITALIC}

_FILES = {
    REGULAR: "LiberationSerif-Regular.ttf",
    BOLD: "LiberationSerif-Bold.ttf",
    ITALIC: "LiberationSerif-Italic.ttf",
    BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
}
_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, filename in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(RESOURCES / "fonts" / filename)))
        addMapping(FAMILY, 0, 0, REGULAR)
        addMapping(FAMILY, 1, 0, BOLD)
        addMapping(FAMILY, 0, 1, ITALIC)
        addMapping(FAMILY, 1, 1, BOLD_ITALIC)
        # Compressed streams stay binary: ASCII85 on top would only make them bigger and slower.
        rl_config.useA85 = 0
        _registered = True


def font(style: str) -> str:
    return BY_STYLE[style]


@lru_cache(maxsize=8192)
def width(text: str, style: str, size: float) -> float:
    """Cached: the forms' own words come back on every receipt, and reportlab measures in
    pure Python."""
    return float(pdfmetrics.stringWidth(text, BY_STYLE[style], size))
