"""The two form sets read back from the PDFs: Circular 01/2018 for dossiers received before
15/9/2025 (also when reprinted later), Circular 03/2025 from that day; the office's heading,
Ông/Bà from the recorded gender, Mẫu 04 with both dates, Mẫu 05 with its reason."""

from __future__ import annotations

import stat
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from forms_helpers import NAME, flat, pdf_fonts, pdf_text, take_in, write

from counter_app import clock
from counter_app.counter import Counter
from counter_app.errors import NotFound, PermissionDenied, ValidationError
from counter_app.forms import (
    dossier_forms,
    form_info,
    printable_forms,
    render_form,
    render_register,
)
from counter_app.intake import IntakeRequest
from counter_app.lifecycle import Status
from counter_app.models import Dossier, User

SET_2018 = {
    "receipt": ("Mẫu số 01", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"),
    "supplement": ("Mẫu số 02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"),
    "refusal": ("Mẫu số 03", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"),
    "apology": ("Mẫu số 04", "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"),
    "control": ("Mẫu số 05", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"),
    "register": ("Mẫu số 06", "SỔ THEO DÕI HỒ SƠ"),
}
SET_2025 = {
    "receipt": ("Mẫu số 01", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"),
    "supplement": ("Mẫu số 02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"),
    "refusal": ("Mẫu số 03", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"),
    "apology": ("Mẫu số 04", "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"),
    "stop": ("Mẫu số 05", "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"),
    "control": ("Mẫu số 06", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"),
    "register": ("Mẫu số 07", "SỔ THEO DÕI HỒ SƠ"),
}
CENTER = "Trung tâm Phục vụ hành chính công phường Bến Nghé"


def at(monkeypatch: pytest.MonkeyPatch, when: str) -> None:
    monkeypatch.setenv("COUNTER_APP_NOW", when)


def every_form(
    counter: Counter, actor: User, monkeypatch: pytest.MonkeyPatch, received: str, printed: str
) -> dict[str, bytes]:
    """Dossiers received at `received` taken through every form's flow; printed at `printed`."""
    at(monkeypatch, received)
    main = take_in(counter, actor)
    withdrawn = take_in(counter, actor, full_name="Lê Thị Mai", id_number="079190123456")
    refused = counter.dossiers.refuse_intake(
        actor,
        IntakeRequest(
            procedure_code="1.004884",
            full_name="Vũ Văn An",
            id_number="001090123456",
            phone="0912345678",
        ),
        "Không thuộc thẩm quyền",
    )
    counter.dossiers.change_status(actor, main.code, Status.PROCESSING)
    counter.dossiers.change_status(actor, main.code, Status.SUPPLEMENT_REQUESTED, "Thiếu bản sao")
    counter.dossiers.change_status(actor, main.code, Status.PROCESSING)
    due = clock.parse_iso(counter.dossiers.get(main.code).due_at or "")
    counter.dossiers.record_apology(actor, main.code, "Chờ xác minh", due + timedelta(days=3))
    counter.dossiers.change_status(
        actor, withdrawn.code, Status.WITHDRAWN, "Công dân xin rút hồ sơ"
    )
    at(monkeypatch, printed)
    pdfs = {
        form: render_form(counter, form, main.code, actor=actor)
        for form in ("receipt", "supplement", "apology", "control")
    }
    pdfs["refusal"] = render_form(counter, "refusal", refused.code, actor=actor)
    if "stop" in dossier_forms(counter.dossiers.get(withdrawn.code)):
        pdfs["stop"] = render_form(counter, "stop", withdrawn.code, actor=actor)
    day = received[:10]
    pdfs["register"] = render_register(counter, day, day)
    return pdfs


def first_page(tmp_path: Path, name: str, pdf: bytes) -> str:
    return flat(pdf_text(write(tmp_path, pdf, f"{name}.pdf")).split("\f")[0])


@pytest.mark.parametrize(
    ("received", "printed", "expected"),
    [
        ("2025-09-12T09:00:00+07:00", "2025-09-12T15:00:00+07:00", SET_2018),
        # A reprint long after the change keeps the set of the dossier's receipt.
        ("2025-09-12T09:00:00+07:00", "2026-03-02T09:00:00+07:00", SET_2018),
        ("2025-09-15T08:00:00+07:00", "2025-09-15T15:00:00+07:00", SET_2025),
    ],
    ids=["2018", "2018-reprinted-2026", "2025"],
)
def test_each_set_prints_its_numbers_and_titles(
    counter: Counter,
    supervisor: User,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    received: str,
    printed: str,
    expected: dict[str, tuple[str, str]],
) -> None:
    pdfs = every_form(counter, supervisor, monkeypatch, received, printed)
    assert set(pdfs) == set(expected)  # every form of the set, and no other
    other = SET_2025 if expected is SET_2018 else SET_2018
    for form, pdf in pdfs.items():
        text = first_page(tmp_path, form, pdf)
        number, title = expected[form]
        assert text.startswith(number), (form, text[:80])
        assert title in text, form
        if form in other and other[form][0] != number:
            assert not text.startswith(other[form][0]), form
        if form in other and other[form][1] != title:
            assert other[form][1] not in text, form
    if expected is SET_2018:
        receipt = first_page(tmp_path, "r", pdfs["receipt"])
        assert "UBND phường Bến Nghé tiếp nhận hồ sơ của:" in receipt  # as it was printed then
        assert "Bộ phận tiếp nhận và trả kết quả" in receipt


def test_every_font_of_both_sets_is_embedded(
    counter: Counter, supervisor: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdfs = every_form(
        counter, supervisor, monkeypatch, "2025-09-12T09:00:00+07:00", "2025-09-12T15:00:00+07:00"
    )
    pdfs |= {
        f"{k}-2025": v
        for k, v in every_form(
            counter,
            supervisor,
            monkeypatch,
            "2025-09-16T09:00:00+07:00",
            "2025-09-16T15:00:00+07:00",
        ).items()
    }
    assert len(pdfs) == 13
    for name, pdf in pdfs.items():
        fonts = pdf_fonts(write(tmp_path, pdf, f"{name}.pdf"))
        assert fonts, name
        for font in fonts:
            assert font["emb"] == "yes" and font["uni"] == "yes", (name, font)


def test_the_2018_set_has_no_stop_notice(
    counter: Counter, supervisor: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    at(monkeypatch, "2025-09-12T09:00:00+07:00")
    dossier = take_in(counter, supervisor)
    counter.dossiers.change_status(supervisor, dossier.code, Status.WITHDRAWN, "Rút")
    assert "stop" not in dossier_forms(counter.dossiers.get(dossier.code))
    with pytest.raises(NotFound, match="12/09/2025"):
        render_form(counter, "stop", dossier.code)


def test_form_names_come_from_the_sets(counter: Counter, supervisor: User) -> None:
    assert form_info("control", datetime(2025, 9, 14).date()).number == "Mẫu số 05"
    assert form_info("control", datetime(2025, 9, 15).date()).number == "Mẫu số 06"
    assert form_info("register", datetime(2025, 9, 15).date()).label == (
        "Mẫu số 07 — Sổ theo dõi hồ sơ"
    )
    with pytest.raises(ValidationError):
        form_info("invoice")


def test_heading_is_the_configured_name_with_the_center_by_default(
    counter: Counter,
    supervisor: User,
    clerk: User,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    at(monkeypatch, "2026-03-02T09:05:00+07:00")
    assert counter.form_heading() == CENTER
    dossier = take_in(counter, clerk)
    text = first_page(tmp_path, "r", render_form(counter, "receipt", dossier.code))
    assert text.index("UBND PHƯỜNG BẾN NGHÉ") < text.index(CENTER.upper())
    assert f"{CENTER} tiếp nhận hồ sơ của:" in text

    with pytest.raises(PermissionDenied):
        counter.set_form_heading(clerk, "Bộ phận một cửa")
    with pytest.raises(ValidationError):
        counter.set_form_heading(supervisor, "   ")
    with pytest.raises(ValidationError):
        counter.set_form_heading(supervisor, "x" * 201)
    assert counter.form_heading() == CENTER  # nothing changed
    counter.set_form_heading(supervisor, "  Trung tâm Phục vụ  hành chính công xã Hòa Phú ")
    assert counter.form_heading() == "Trung tâm Phục vụ hành chính công xã Hòa Phú"
    for form in ("receipt", "control"):
        text = first_page(tmp_path, form, render_form(counter, form, dossier.code))
        assert "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ HÒA PHÚ" in text, form
        assert "Bộ phận tiếp nhận và trả kết quả" not in text


@pytest.mark.parametrize(
    ("gender", "id_number", "label", "running"),
    [
        ("Nam", "001090123456", "Ông:", "Ông"),
        ("Nữ", "001190123456", "Bà:", "Bà"),
        (None, "001090123456", "Ông (Bà):", "Ông/Bà"),
    ],
)
def test_honorific_from_the_recorded_gender(
    counter: Counter,
    clerk: User,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    gender: str | None,
    id_number: str,
    label: str,
    running: str,
) -> None:
    at(monkeypatch, "2026-03-02T09:05:00+07:00")
    dossier = take_in(counter, clerk, gender=gender, id_number=id_number)
    receipt = first_page(tmp_path, "r", render_form(counter, "receipt", dossier.code))
    assert f"{label} {NAME}" in receipt
    supplement = first_page(tmp_path, "s", render_form(counter, "supplement", dossier.code))
    assert f"Yêu cầu {running} hoàn thiện hồ sơ" in supplement
    if gender is not None:
        assert "Ông (Bà)" not in receipt and "Ông/Bà" not in supplement


def test_apology_states_reason_original_and_new_date_after_two_apologies(
    counter: Counter, supervisor: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at(monkeypatch, "2026-03-02T09:05:00+07:00")
    dossier = take_in(counter, supervisor)
    counter.dossiers.change_status(supervisor, dossier.code, Status.PROCESSING)
    at(monkeypatch, "2026-03-05T09:00:00+07:00")
    first = datetime(2026, 3, 12, 16, 0, tzinfo=clock.VN_TZ)
    counter.dossiers.record_apology(supervisor, dossier.code, "Chờ xác minh", first)
    at(monkeypatch, "2026-03-10T09:00:00+07:00")
    second = datetime(2026, 3, 19, 16, 0, tzinfo=clock.VN_TZ)
    counter.dossiers.record_apology(supervisor, dossier.code, "Chờ ý kiến sở", second)
    text = first_page(tmp_path, "a", render_form(counter, "apology", dossier.code))
    assert "hẹn trả kết quả: 09 giờ 05 phút, ngày 09 tháng 03 năm 2026" in text  # the original
    assert "Lý do: Chờ ý kiến sở" in text
    assert "hẹn trả kết quả vào: 16 giờ 00 phút, ngày 19 tháng 03 năm 2026" in text
    assert "Bến Nghé, ngày 10 tháng 03 năm 2026" in text  # dated the day it was recorded
    receipt = first_page(tmp_path, "r", render_form(counter, "receipt", dossier.code))
    assert "5. Thời gian trả kết quả giải quyết hồ sơ: 09 giờ 05 phút, ngày 09 tháng 03" in receipt
    assert "Gia hạn thời gian trả kết quả (Mẫu số 04) đến: 16 giờ 00 phút, ngày 19" in receipt


@pytest.mark.parametrize("status", [Status.WITHDRAWN, Status.STOPPED])
def test_stop_notice_with_the_reason_of_the_status_change(
    counter: Counter,
    supervisor: User,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    status: Status,
) -> None:
    at(monkeypatch, "2026-03-02T09:05:00+07:00")
    dossier = take_in(counter, supervisor, gender="Nam")
    with pytest.raises(ValidationError):
        render_form(counter, "stop", dossier.code)  # still in progress: nothing to notify
    assert "stop" not in printable_forms(dossier, counter.dossiers.events(dossier.code))
    at(monkeypatch, "2026-03-04T10:30:00+07:00")
    counter.dossiers.change_status(
        supervisor, dossier.code, status, "Công dân đề nghị dừng để nộp lại"
    )
    stopped = counter.dossiers.get(dossier.code)
    assert "stop" in printable_forms(stopped, counter.dossiers.events(dossier.code))
    text = first_page(tmp_path, "s", render_form(counter, "stop", dossier.code, actor=supervisor))
    for part in (
        "Mẫu số 05",
        "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
        f"Kính gửi: Ông {NAME}",
        f"mã hồ sơ: {dossier.code}",
        "hẹn trả kết quả: 09 giờ 05 phút, ngày 09 tháng 03",
        "Theo đề nghị của Ông ngày 04/03/2026",
        "dừng giải quyết hồ sơ nêu trên kể từ 10 giờ 30 phút, ngày 04 tháng 03 năm 2026",
        "Lý do: Công dân đề nghị dừng để nộp lại",
        "Nguyễn Thị Lan",
    ):
        assert part in text, part


def test_printable_forms_follow_the_dossier(
    counter: Counter, clerk: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    at(monkeypatch, "2026-03-02T09:05:00+07:00")
    dossier: Dossier = take_in(counter, clerk)
    assert printable_forms(dossier, counter.dossiers.events(dossier.code)) == ["receipt", "control"]
    labels = {role: info.label for role, info in dossier_forms(dossier).items()}
    assert labels["stop"] == "Mẫu số 05 — Thông báo dừng giải quyết hồ sơ"
    assert len(labels) == 7


def test_cli_prints_every_form_and_the_2025_register(
    counter: Counter, supervisor: User, cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at(monkeypatch, "2026-03-02T09:05:00+07:00")
    dossier = take_in(counter, supervisor)
    other = take_in(counter, supervisor, full_name="Lê Thị Mai", id_number="079190123456")
    counter.dossiers.change_status(supervisor, dossier.code, Status.PROCESSING)
    counter.dossiers.record_apology(
        supervisor, dossier.code, "Chờ xác minh", datetime(2026, 3, 20, 9, 0, tzinfo=clock.VN_TZ)
    )
    counter.dossiers.change_status(supervisor, other.code, Status.WITHDRAWN, "Xin rút")
    for form, code in [
        ("receipt", dossier.code),
        ("supplement", dossier.code),
        ("refusal", dossier.code),
        ("apology", dossier.code),
        ("stop", other.code),
        ("control", dossier.code),
    ]:
        out = tmp_path / f"{form}.pdf"
        result = cli("print", form, code, "--out", str(out), "--reason", "Thiếu giấy tờ")
        assert result.code == 0, (form, result.err)
        assert stat.S_IMODE(out.stat().st_mode) == 0o600  # a citizen's data: owner only
        number, title = SET_2025[form]
        text = flat(pdf_text(out))
        assert text.startswith(number) and title in text, form
    out = tmp_path / "register.pdf"
    result = cli(
        "print", "register", "--from", "2026-03-01", "--to", "2026-03-31", "--out", str(out)
    )
    assert result.code == 0, result.err
    assert flat(pdf_text(out)).startswith("Mẫu số 07 ")
    refused = cli("print", "stop", dossier.code, "--out", str(tmp_path / "no.pdf"))
    assert refused.code != 0 and not (tmp_path / "no.pdf").exists()
    assert [e.data["form"] for e in counter.dossiers.events(other.code) if e.kind == "print"] == [
        "stop"
    ]


def test_setup_asks_for_the_form_heading(cli: Any, tmp_path: Path) -> None:
    data = tmp_path / "fresh"
    result = cli(
        "--data-dir",
        str(data),
        "setup",
        "--agency-code",
        "000.00.07.H56",
        "--office-name",
        "UBND xã Hòa Phú",
        "--desk",
        "Quầy 1",
        "--admin",
        "admin",
    )
    assert result.code == 0, result.err
    assert "Trung tâm Phục vụ hành chính công xã Hòa Phú" in result.out
    other = tmp_path / "named"
    result = cli(
        "--data-dir",
        str(other),
        "setup",
        "--agency-code",
        "000.00.08.H56",
        "--office-name",
        "UBND xã Hòa Nhơn",
        "--desk",
        "Quầy 1",
        "--admin",
        "admin",
        "--form-heading",
        "Trung tâm Phục vụ hành chính công xã Hòa Nhơn (cơ sở 2)",
    )
    assert result.code == 0, result.err
    assert "(cơ sở 2)" in result.out
    assert heading_of(other) == "Trung tâm Phục vụ hành chính công xã Hòa Nhơn (cơ sở 2)"
    empty = tmp_path / "empty"
    result = cli(
        "--data-dir",
        str(empty),
        "setup",
        "--agency-code",
        "000.00.09.H56",
        "--office-name",
        "UBND xã An Phú",
        "--desk",
        "Quầy 1",
        "--admin",
        "admin",
        "--form-heading",
        " ",
    )
    assert result.code != 0 and "form_heading" in result.err
    assert heading_of(empty) is None  # refused before anything was written


def heading_of(data_dir: Path) -> str | None:
    c = Counter.open(data_dir)
    try:
        return c.form_heading() if c.is_configured() else None
    finally:
        c.close()


def test_a_setup_plan_carries_the_form_heading_all_or_nothing(tmp_path: Path) -> None:
    from counter_app.models import Office
    from counter_app.office_setup import SetupPlan, set_up_office

    office = Office(agency_code="000.00.10.H56", name="UBND xã Tân Phú")
    plan = SetupPlan(
        office, "Quầy 1", 1, "admin", "Lê Văn A", "mat-khau-dai", form_heading="x" * 201
    )
    c = Counter.open(tmp_path / "d")
    try:
        with pytest.raises(ValidationError) as refused:
            set_up_office(c, plan)
        assert "form_heading" in refused.value.errors and not c.is_configured()
        set_up_office(
            c,
            SetupPlan(
                office,
                "Quầy 1",
                1,
                "admin",
                "Lê Văn A",
                "mat-khau-dai",
                form_heading=" Trung tâm PVHCC  xã Tân Phú ",
            ),
        )
        assert c.form_heading() == "Trung tâm PVHCC xã Tân Phú"
    finally:
        c.close()
