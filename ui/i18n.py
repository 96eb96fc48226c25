"""Vietnamese by default, English as a choice: Qt translators built from the sources.

The sources are written in Vietnamese; resources/i18n/mot_cua_en.qm (pyside6-lupdate +
pyside6-lrelease, `make translations`) turns them into English. The core's messages have
catalogs of their own (counter_app/i18n.py): `install()` sets the core's language too, so what
the core raises reads in the language chosen at login. `pick()` keeps one half of a message
still written "vi / en" (an older hub's).

Qt's own words (OK/Cancel, Yes/No, the file dialog, the edit menu) come from Qt's qtbase_vi
translation when PySide6 ships one, else from ours (resources/i18n/qtbase_vi.ts): Qt has none.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from counter_app import i18n as core_i18n
from counter_app.i18n import pick
from counter_app.resources import RESOURCES

I18N_DIR = RESOURCES / "i18n"
LANGUAGES = ("vi", "en")

_state = {"language": "vi"}
_installed: list[QTranslator] = []


# lupdate finds QT_TRANSLATE_NOOP calls by their name, whichever module defines it; PySide6's
# own is declared to return `object`, which would make every marked string untyped.
def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Mark `source` for translation in `context`; translated where it is shown."""
    return source


def language() -> str:
    return _state["language"]


def install(app: QCoreApplication, lang: str) -> bool:
    """Switch the app's language; returns False when the translation file is missing."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    _state["language"] = lang if lang in LANGUAGES else "vi"
    core_i18n.set_language(_state["language"])
    QLocale.setDefault(
        QLocale(QLocale.Language.Vietnamese if lang == "vi" else QLocale.Language.English)
    )
    if _state["language"] == "vi":
        _install_qt_vietnamese(app)
        return True
    translator = QTranslator(app)
    if not translator.load(str(I18N_DIR / f"mot_cua_{lang}.qm")):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True


def _install_qt_vietnamese(app: QCoreApplication) -> bool:
    translator = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not (translator.load("qtbase_vi", qt_dir) or translator.load(str(I18N_DIR / "qtbase_vi"))):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True


__all__ = ["LANGUAGES", "install", "language", "pick"]
