"""Every font in every form is embedded; layouts come from versioned template sets."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from forms_helpers import pdf_fonts, pdf_text, take_in, write

from counter_app import clock
from counter_app.counter import Counter
from counter_app.forms import render_form, render_register
from counter_app.forms.templates import TEMPLATE_DIR, TemplateRegistry
from counter_app.lifecycle import Status
from counter_app.models import User


@pytest.fixture(autouse=True)
def office_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNTER_APP_NOW", "2026-03-02T09:05:00+07:00")


def every_form(counter: Counter, actor: User) -> dict[str, bytes]:
    dossier = take_in(counter, actor)
    counter.dossiers.change_status(actor, dossier.code, Status.PROCESSING)
    counter.dossiers.record_apology(
        actor, dossier.code, "Chờ xác minh", datetime(2026, 3, 20, 9, 0, tzinfo=clock.VN_TZ)
    )
    pdfs = {
        form: render_form(counter, form, dossier.code, copy=True)
        for form in ("receipt", "supplement", "refusal", "apology", "control")
    }
    pdfs["thermal"] = render_form(counter, "receipt", dossier.code, paper="thermal80")
    pdfs["register"] = render_register(counter, "2026-03-01", "2026-03-31")
    return pdfs


def test_every_font_of_every_form_is_embedded(
    counter: Counter, supervisor: User, tmp_path: Path
) -> None:
    for name, pdf in every_form(counter, supervisor).items():
        fonts = pdf_fonts(write(tmp_path, pdf, f"{name}.pdf"))
        assert fonts, name
        for font in fonts:
            assert font["emb"] == "yes" and font["uni"] == "yes", (name, font)
            assert "LiberationSerif" in font["name"], (name, font)  # no Helvetica left over


def later_set(tmp_path: Path, effective_from: str, forms: dict[str, object]) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    shutil.copy(TEMPLATE_DIR / "tt01-2018.json", folder / "tt01-2018.json")
    base = json.loads((TEMPLATE_DIR / "tt01-2018.json").read_text(encoding="utf-8"))
    data = {
        **base,
        "id": "tt03-2025",
        "name": "Thông tư 03/2025/TT-VPCP",
        "effective_from": effective_from,
        "forms": forms,
    }
    (folder / "tt03-2025.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder


def test_a_later_circular_is_a_new_template_file(
    counter: Counter, clerk: User, tmp_path: Path
) -> None:
    base = json.loads((TEMPLATE_DIR / "tt01-2018.json").read_text(encoding="utf-8"))
    refusal = {**base["forms"]["refusal"], "title": "THÔNG BÁO TỪ CHỐI TIẾP NHẬN HỒ SƠ (MẪU MỚI)"}
    registry = TemplateRegistry.from_dir(later_set(tmp_path, "2026-03-01", {"refusal": refusal}))
    dossier = take_in(counter, clerk)

    def text(form: str) -> str:
        return pdf_text(
            write(tmp_path, render_form(counter, form, dossier.code, registry=registry))
        )

    assert "THÔNG BÁO TỪ CHỐI TIẾP NHẬN HỒ SƠ (MẪU MỚI)" in text("refusal")
    # Forms the new set does not define fall back to the set before it.
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text("receipt")


def test_a_set_not_yet_in_force_is_not_used(counter: Counter, clerk: User, tmp_path: Path) -> None:
    base = json.loads((TEMPLATE_DIR / "tt01-2018.json").read_text(encoding="utf-8"))
    refusal = {**base["forms"]["refusal"], "title": "MẪU CHƯA CÓ HIỆU LỰC"}
    registry = TemplateRegistry.from_dir(later_set(tmp_path, "2027-01-01", {"refusal": refusal}))
    dossier = take_in(counter, clerk)
    pdf = render_form(counter, "refusal", dossier.code, registry=registry)
    text = pdf_text(write(tmp_path, pdf))
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "MẪU CHƯA CÓ HIỆU LỰC" not in text


def test_a_template_with_an_unknown_block_is_refused(
    counter: Counter, clerk: User, tmp_path: Path
) -> None:
    from counter_app.errors import ValidationError

    base = json.loads((TEMPLATE_DIR / "tt01-2018.json").read_text(encoding="utf-8"))
    control = {**base["forms"]["control"], "blocks": [{"type": "hologram"}]}
    registry = TemplateRegistry.from_dir(later_set(tmp_path, "2026-01-01", {"control": control}))
    dossier = take_in(counter, clerk)
    with pytest.raises(ValidationError, match="hologram"):
        render_form(counter, "control", dossier.code, registry=registry)
