"""The core's messages by locale: Vietnamese by default, English from the catalog, one at a time."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from counter_app import i18n
from counter_app.errors import ValidationError
from counter_app.i18n import _, from_environment, pick
from counter_app.intake import IntakeRequest
from counter_app.validation import check_id_number

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "resources" / "locale" / "en" / "LC_MESSAGES"
PO = CATALOG / "counter_app.po"
FIX = "run `make messages` and translate the new entries in " + str(PO.relative_to(ROOT))


def _extracted() -> set[str]:
    """Every message of counter_app/ and sync/, as `make messages` extracts them."""
    found: set[str] = set()
    for folder in ("counter_app", "sync"):
        for _file, _line, message, _comments, _context in extract_from_dir(ROOT / folder):
            found.add(message if isinstance(message, str) else message[0])
    return found


def _catalog():  # type: ignore[no-untyped-def]
    with PO.open("rb") as fh:
        return read_po(fh)


def test_every_message_of_the_core_has_an_english_translation() -> None:
    catalog = _catalog()
    translated = {m.id for m in catalog if m.id and m.string and not m.fuzzy}
    missing = sorted(_extracted() - translated)
    assert not missing, f"{FIX}: {missing[:5]}"


def test_the_catalog_holds_no_message_the_sources_dropped() -> None:
    stale = sorted({m.id for m in _catalog() if m.id} - _extracted())
    assert not stale, f"{FIX} (it drops them): {stale[:5]}"


def test_translations_keep_the_placeholders_of_the_message() -> None:
    """A translation may not name a value the source does not pass to .format()."""
    field = re.compile(r"\{(\w+)")
    sources = "\n".join(
        p.read_text(encoding="utf-8")
        for d in ("counter_app", "sync")
        for p in (ROOT / d).rglob("*.py")
    )
    for message in _catalog():
        if not message.id:
            continue
        for name in set(field.findall(message.string)) - set(field.findall(message.id)):
            assert f"{name}=" in sources, f"{message.id!r} -> {message.string!r}: {{{name}}}"


def test_the_compiled_catalog_is_the_po_compiled() -> None:
    compiled = io.BytesIO()
    write_mo(compiled, _catalog())
    assert (CATALOG / "counter_app.mo").read_bytes() == compiled.getvalue(), FIX


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "vi"),
        ({"LANG": "C.UTF-8"}, "vi"),
        ({"LANG": "vi_VN.UTF-8"}, "vi"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "vi_VN.UTF-8", "LC_ALL": "en_GB.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "LANGUAGE": "vi:en"}, "vi"),
        ({"LANG": "en_US.UTF-8", "COUNTER_APP_LANG": "vi"}, "vi"),
        ({"COUNTER_APP_LANG": "EN"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "vi"),
    ],
)
def test_language_follows_the_locale(environ: dict[str, str], expected: str) -> None:
    assert from_environment(environ) == expected


def test_a_message_reads_in_the_language_chosen() -> None:
    assert check_id_number("12a") == "chỉ gồm chữ số"
    i18n.set_language("en")
    assert check_id_number("12a") == "digits only"
    assert _("dài quá {limit} ký tự").format(limit=5) == "longer than 5 characters"
    i18n.set_language("vi")
    assert check_id_number("12a") == "chỉ gồm chữ số"


def test_a_validation_error_of_intake_reads_in_english(counter, clerk) -> None:  # type: ignore[no-untyped-def]
    i18n.set_language("en")
    bad = IntakeRequest(procedure_code="NO-SUCH", full_name="", id_number="1", phone="x")
    with pytest.raises(ValidationError) as err:
        counter.dossiers.intake(clerk, bad)
    text = str(err.value)
    assert "unknown procedure NO-SUCH" in text
    assert not re.search(r"[À-ỹĐđ]", text), text


def test_pick_keeps_a_message_still_written_both_ways() -> None:
    assert pick("sai mật khẩu / wrong password") == "sai mật khẩu"
    assert pick("chỉ một thứ tiếng") == "chỉ một thứ tiếng"
    i18n.set_language("en")
    assert pick("sai mật khẩu / wrong password") == "wrong password"


def _cli(tmp_path: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {"PATH": "/usr/bin:/bin", "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    return subprocess.run(
        [
            str(Path(sys.executable).parent / "counter-app"),
            "--data-dir",
            str(tmp_path / "d"),
            *args,
        ],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        ((), {}, "counter-app: Cần --user hoặc COUNTER_APP_USER"),
        ((), {"LANG": "en_US.UTF-8"}, "counter-app: give --user or COUNTER_APP_USER"),
        (("--lang", "en"), {"LANG": "vi_VN.UTF-8"}, "counter-app: give --user or COUNTER_APP_USER"),
        (
            ("--lang", "vi"),
            {"COUNTER_APP_LANG": "en"},
            "counter-app: Cần --user hoặc COUNTER_APP_USER",
        ),
        ((), {"COUNTER_APP_LANG": "en"}, "counter-app: give --user or COUNTER_APP_USER"),
    ],
)
def test_the_cli_prints_one_language_at_a_time(
    tmp_path: Path, args: tuple[str, ...], env: dict[str, str], expected: str
) -> None:
    result = _cli(tmp_path, *args, "status", "X-1", "--to", "received", env=env)
    assert result.returncode == 1
    assert result.stderr.strip() == expected


def test_both_languages_for_a_reader_the_core_does_not_know() -> None:
    """The hub answers desks of either language: both halves, each desk's pick() keeps one."""
    i18n.set_language("en")
    answer = i18n.both(lambda: check_id_number("12a"))
    assert answer == "chỉ gồm chữ số / digits only"
    assert i18n.language() == "en" and pick(answer) == "digits only"
    assert i18n.both(lambda: None) is None


def _hub_cli(tmp_path: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {"PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [str(Path(sys.executable).parent / "province-hub"), *args, "--db", str(tmp_path / "h.db")],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "province-hub: lược đồ số "),
        ({"LANG": "vi_VN.UTF-8"}, "province-hub: lược đồ số "),
        ({"LANG": "en_US.UTF-8"}, "province-hub: schema version "),
        ({"COUNTER_APP_LANG": "en", "LANG": "vi_VN.UTF-8"}, "province-hub: schema version "),
    ],
)
def test_the_hub_cli_prints_one_language_at_a_time(
    tmp_path: Path, env: dict[str, str], expected: str
) -> None:
    result = _hub_cli(tmp_path, "migrate", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(expected)
    # The province's words in one language only: no Vietnamese letter in English, no " / ".
    assert " / " not in result.stdout
    if "schema" in expected:
        assert not re.search(r"[À-ỹĐđ]", result.stdout), result.stdout
