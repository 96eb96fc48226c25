"""The Windows installer script agrees with the PyInstaller spec and keeps away from the data.

Inno Setup does not run on Linux; these read the script as text. The build itself is checked
by `make dist-check` (packaging/tests).
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = (ROOT / "packaging" / "mot-cua.spec").read_text(encoding="utf-8")
ISS_BYTES = (ROOT / "packaging" / "windows" / "mot-cua.iss").read_bytes()
ISS = ISS_BYTES.decode("utf-8-sig")


def sections(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            found.setdefault(current, [])
        elif current:
            found[current].append(line)
    return found


def test_the_script_is_utf8_with_a_bom_so_inno_setup_reads_the_vietnamese_name() -> None:
    assert ISS_BYTES.startswith(b"\xef\xbb\xbf")
    assert '#define AppName "Một Cửa"' in ISS


def test_it_installs_the_folder_the_spec_builds_with_the_programs_the_spec_names() -> None:
    executables = re.findall(r'name="([^"]+)",\n\s*console=', SPEC)
    assert sorted(executables) == ["counter-app", "mot-cua"]
    assert re.search(r'COLLECT\([^)]*name="mot-cua"', SPEC)
    assert r'"..\..\dist\mot-cua"' in ISS
    files = sections(ISS)["Files"]
    assert files == [
        'Source: "{#Bundle}\\*"; DestDir: "{app}"; '
        "Flags: ignoreversion recursesubdirs createallsubdirs"
    ]


def test_per_machine_with_start_menu_and_desktop_shortcuts_named_mot_cua() -> None:
    setup = sections(ISS)["Setup"]
    assert "PrivilegesRequired=admin" in setup
    assert any(line.startswith("AppId={{") for line in setup)
    icons = sections(ISS)["Icons"]
    places = {line.split(";")[0] for line in icons}
    assert places == {'Name: "{autoprograms}\\{#AppName}"', 'Name: "{autodesktop}\\{#AppName}"'}
    assert all('Filename: "{app}\\mot-cua.exe"' in line for line in icons)
    run = sections(ISS)["Run"]
    assert all("runasoriginaluser" in line for line in run)  # the data folder is the user's


def test_install_upgrade_and_uninstall_never_name_the_data_folder() -> None:
    parts = sections(ISS)
    touched = [
        line
        for name in ("Files", "InstallDelete", "UninstallDelete", "Dirs")
        for line in parts.get(name, [])
    ]
    assert touched
    for line in touched:
        assert "{app}" in line
        assert not re.search(r"localappdata|userappdata|commonappdata|mot-cua\\", line, re.I)
