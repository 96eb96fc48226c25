"""Vietnamese by default, English as a choice: Qt translators built from the sources.

The sources are written in Vietnamese; resources/i18n/mot_cua_en.qm (pyside6-lupdate +
pyside6-lrelease, `make translations`) turns them into English. The core's messages are
bilingual ("vi / en"); `pick()` keeps the half for the current language.

Qt's own words (OK/Cancel, Yes/No, the file dialog, the edit menu) come from Qt's qtbase_vi
translation when PySide6 ships one, else from ours (resources/i18n/qtbase_vi.ts): Qt has none.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

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


def pick(text: str) -> str:
    """'tiếng Việt / English' -> the half in the current language (whole text if not bilingual)."""
    vi, sep, en = text.partition(" / ")
    if not sep:
        return text
    return en.strip() if _state["language"] == "en" else vi.strip()
