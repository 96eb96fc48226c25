"""Every form's text as pdftotext reads it back: headings in the official order, values exact NFC."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from forms_helpers import (
    ADDRESS,
    EMAIL,
    NAME,
    OWNER,
    PHONE,
    flat,
    page_sizes,
    pdf_text,
    take_in,
    write,
)

from counter_app import clock
from counter_app.counter import Counter
from counter_app.errors import NotFound, ValidationError
from counter_app.forms import render_form, render_register, render_request_form
from counter_app.intake import IntakeRequest
from counter_app.lifecycle import Status
from counter_app.models import User

PROC_NAME = "Đăng ký lại khai sinh"
A4 = (595.3, 841.9)
A5 = (419.5, 595.3)


@pytest.fixture(autouse=True)
def office_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNTER_APP_NOW", "2026-03-02T09:05:00+07:00")


def text_of(tmp_path: Path, pdf: bytes) -> str:
    text = pdf_text(write(tmp_path, pdf))
    assert unicodedata.is_normalized("NFC", text)
    return flat(text)


def in_order(text: str, *parts: str) -> None:
    position = 0
    for part in parts:
        found = text.find(part, position)
        assert found >= 0, f"{part!r} missing or out of order in: {text[position:]}"
        position = found + len(part)


def test_receipt_has_every_field_of_form_01_in_order(
    counter: Counter, supervisor: User, tmp_path: Path
) -> None:
    dossier = take_in(counter, supervisor)
    text = text_of(tmp_path, render_form(counter, "receipt", dossier.code))
    in_order(
        text,
        "Mẫu số 01",
        "UBND PHƯỜNG BẾN NGHÉ",
        "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG BẾN NGHÉ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Bến Nghé, ngày 02 tháng 03 năm 2026",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "Liên 1: Giao người nộp hồ sơ",
        f"Mã hồ sơ: {dossier.code}",
        "Trung tâm Phục vụ hành chính công phường Bến Nghé tiếp nhận hồ sơ của:",
        f"Ông (Bà): {NAME}",
        "Số định danh cá nhân: 001090123456",
        f"Chủ hồ sơ: {OWNER}",
        f"Địa chỉ: {ADDRESS}",
        f"Số điện thoại: {PHONE}",
        f"Email: {EMAIL}",
        f"Nội dung yêu cầu giải quyết: {PROC_NAME} (1.004884)",
        "1. Thành phần hồ sơ nộp gồm:",
        "TT",
        "Tên giấy tờ",
        "Tờ khai đăng ký lại khai sinh",
        "Bản chính",
        "Bản chứng thực",
        "Bản photo",
        "2. Số lượng hồ sơ: 01 (bộ)",
        "3. Thời gian giải quyết hồ sơ theo quy định: 05 ngày làm việc",
        "4. Thời gian nhận hồ sơ: 09 giờ 05 phút, ngày 02 tháng 03 năm 2026",
        "5. Thời gian trả kết quả giải quyết hồ sơ: 09 giờ 05 phút, ngày 09 tháng 03 năm 2026",
        "6. Đăng ký nhận kết quả tại: Trung tâm Phục vụ hành chính công phường Bến Nghé",
        "Vào Sổ theo dõi hồ sơ, Quyển số:",
        "Số thứ tự:",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "(Ký và ghi rõ họ tên)",
        NAME,
        "Nguyễn Thị Lan",
        # the second part (liên) for the office's file
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "Liên 2: Lưu tại nơi tiếp nhận hồ sơ",
    )
    assert "BẢN SAO" not in text
    assert "Bộ phận tiếp nhận và trả kết quả" not in text  # the 2018 wording
    rows = flat(
        pdf_text(write(tmp_path, render_form(counter, "receipt", dossier.code)), layout=True)
    )
    assert "1 Tờ khai đăng ký lại khai sinh 1" in rows  # No. | document | originals


def test_decomposed_input_prints_back_as_nfc(counter: Counter, clerk: User, tmp_path: Path) -> None:
    name = unicodedata.normalize("NFD", "Trịnh Thị Ngọc Ánh")
    address = unicodedata.normalize("NFD", "Thôn Phú Xuân, xã Hòa Phú")
    dossier = take_in(counter, clerk, full_name=name, address=address, owner_name=None)
    text = text_of(tmp_path, render_form(counter, "receipt", dossier.code, parts=1))
    assert "Ông (Bà): Trịnh Thị Ngọc Ánh" in text
    assert "Địa chỉ: Thôn Phú Xuân, xã Hòa Phú" in text
    assert "Chủ hồ sơ" not in text  # filed in person: no owner line


def test_missing_values_print_as_dotted_blanks(
    counter: Counter, clerk: User, tmp_path: Path
) -> None:
    dossier = take_in(counter, clerk, address=None, email=None)
    text = text_of(tmp_path, render_form(counter, "receipt", dossier.code, parts=1))
    assert "Địa chỉ: ....." in text
    assert "Email: ....." in text


def test_reprint_is_marked_as_copy(counter: Counter, clerk: User, tmp_path: Path) -> None:
    dossier = take_in(counter, clerk)
    text = text_of(tmp_path, render_form(counter, "receipt", dossier.code, copy=True))
    assert text.startswith("BẢN SAO")
    assert text.count("BẢN SAO") == 2  # on both parts


def test_a5_and_thermal_receipts(counter: Counter, clerk: User, tmp_path: Path) -> None:
    dossier = take_in(counter, clerk)
    a5 = write(
        tmp_path, render_form(counter, "receipt", dossier.code, paper="a5", parts=1), "a5.pdf"
    )
    assert page_sizes(a5) == [A5]
    thermal = write(
        tmp_path, render_form(counter, "receipt", dossier.code, paper="thermal80"), "t.pdf"
    )
    (width, height), *more = page_sizes(thermal)
    assert (round(width / 72 * 25.4), more) == (80, [])
    assert height > width  # one continuous slip, as long as its content
    text = flat(pdf_text(thermal))
    in_order(
        text,
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        f"Mã hồ sơ: {dossier.code}",
        f"Người nộp: {NAME}",
        f"Thủ tục: {PROC_NAME}",
        "Hẹn trả kết quả: 09 giờ 05 phút",
    )


def test_receipt_paper_comes_from_the_setting(
    counter: Counter, clerk: User, tmp_path: Path
) -> None:
    dossier = take_in(counter, clerk)
    with counter._store.write():
        counter._store.meta.set("setting.receipt_paper", "a5")
    path = write(tmp_path, render_form(counter, "receipt", dossier.code))
    assert page_sizes(path) == [A5] * 2


def test_supplement_lists_the_documents_not_handed_in(
    counter: Counter, clerk: User, tmp_path: Path
) -> None:
    dossier = take_in(counter, clerk)
    text = text_of(tmp_path, render_form(counter, "supplement", dossier.code, actor=clerk))
    in_order(
        text,
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        f"Hồ sơ của: Ông (Bà) {NAME}",
        f"Nội dung yêu cầu giải quyết: {PROC_NAME}",
        f"Địa chỉ: {ADDRESS}",
        "Yêu cầu Ông/Bà hoàn thiện hồ sơ gồm những nội dung như sau:",
        "Bản sao giấy tờ chứng minh nội dung khai sinh",
        "Lý do:",
        "liên hệ với Trần Thị Lan, số điện thoại 02838",
        "NGƯỜI HƯỚNG DẪN",
        "Trần Thị Lan",
    )
    assert "Tờ khai đăng ký lại khai sinh" not in text  # handed in: not asked again


def test_supplement_with_a_given_reason_and_list(
    counter: Counter, clerk: User, tmp_path: Path
) -> None:
    dossier = take_in(counter, clerk, all_documents=True)
    pdf = render_form(
        counter,
        "supplement",
        dossier.code,
        reason="Ảnh mờ, không đọc được",
        missing=["Giấy xác nhận cư trú"],
    )
    text = text_of(tmp_path, pdf)
    in_order(text, "Giấy xác nhận cư trú", "Lý do: Ảnh mờ, không đọc được")


def test_refusal_takes_the_reason_recorded_at_intake(
    counter: Counter, clerk: User, tmp_path: Path
) -> None:
    req = IntakeRequest(
        procedure_code="1.004884",
        full_name=NAME,
        id_number="001090123456",
        phone=PHONE,
        address=ADDRESS,
    )
    refused = counter.dossiers.refuse_intake(
        clerk, req, "Thủ tục không thuộc thẩm quyền của phường"
    )
    text = text_of(tmp_path, render_form(counter, "refusal", refused.code))
    in_order(
        text,
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        "tiếp nhận hồ sơ của:",
        f"Ông (Bà): {NAME}",
        f"Địa chỉ: {ADDRESS}",
        f"Nội dung yêu cầu giải quyết: {PROC_NAME}",
        "thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:",
        "Thủ tục không thuộc thẩm quyền của phường",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Trần Thị Lan",
    )
    with pytest.raises(ValidationError):
        render_form(counter, "receipt", refused.code)  # a refused dossier gets no receipt


def test_refusal_with_a_given_reason(counter: Counter, clerk: User, tmp_path: Path) -> None:
    dossier = take_in(counter, clerk)
    text = text_of(tmp_path, render_form(counter, "refusal", dossier.code, reason="Hồ sơ giả mạo"))
    assert "lý do cụ thể như sau: Hồ sơ giả mạo" in text


def test_apology_letter_from_the_recorded_apology(
    counter: Counter, supervisor: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dossier = take_in(counter, supervisor)
    with pytest.raises(NotFound):
        render_form(counter, "apology", dossier.code)  # nothing to apologise for yet
    # At least one working day before the due date (Monday 9 March 09:05).
    monkeypatch.setenv("COUNTER_APP_NOW", "2026-03-05T08:00:00+07:00")
    counter.dossiers.change_status(supervisor, dossier.code, Status.PROCESSING)
    new_due = datetime(2026, 3, 20, 16, 0, tzinfo=clock.VN_TZ)
    counter.dossiers.record_apology(
        supervisor, dossier.code, "Phải xác minh tại nơi đăng ký cũ", new_due
    )
    text = text_of(tmp_path, render_form(counter, "apology", dossier.code, actor=supervisor))
    in_order(
        text,
        "Mẫu số 04",
        "Bến Nghé, ngày 05 tháng 03 năm 2026",
        "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
        f"Kính gửi: Ông (Bà) {NAME}",
        f"Địa chỉ: {ADDRESS}",
        "Ngày 02/03/2026",
        f"{PROC_NAME}",
        f"mã hồ sơ: {dossier.code}",
        "Thời gian hẹn trả kết quả giải quyết hồ sơ theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả: "
        "09 giờ 05 phút, ngày 09 tháng 03 năm 2026",
        "chưa thể giải quyết xong",
        "Lý do: Phải xác minh tại nơi đăng ký cũ",
        "xin lỗi",
        "đề nghị gia hạn thời gian giải quyết, hẹn trả kết quả vào: "
        "16 giờ 00 phút, ngày 20 tháng 03 năm 2026",
        "Nơi nhận:",
        "THỦ TRƯỞNG CƠ QUAN",
        "Nguyễn Thị Lan",
    )


def test_control_slip(
    counter: Counter, clerk: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dossier = take_in(counter, clerk)
    monkeypatch.setenv("COUNTER_APP_NOW", "2026-03-02T14:30:00+07:00")
    counter.dossiers.change_status(clerk, dossier.code, Status.PROCESSING)
    monkeypatch.setenv("COUNTER_APP_NOW", "2026-03-05T10:00:00+07:00")
    counter.dossiers.change_status(clerk, dossier.code, Status.RESULT_READY)
    text = text_of(tmp_path, render_form(counter, "control", dossier.code))
    in_order(
        text,
        "Mẫu số 06",
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        f"Kèm theo hồ sơ của: Ông (Bà) {NAME}",
        f"Mã hồ sơ: {dossier.code}",
        f"Nội dung yêu cầu giải quyết: {PROC_NAME}",
        "Thời gian nhận hồ sơ: 09 giờ 05 phút, ngày 02 tháng 03 năm 2026",
        "Thời gian trả kết quả giải quyết hồ sơ: 09 giờ 05 phút, ngày 09 tháng 03 năm 2026",
        "Cơ quan (bộ phận) giải quyết hồ sơ: UBND phường Bến Nghé",
        "TÊN CƠ QUAN",
        "THỜI GIAN GIAO, NHẬN HỒ SƠ",
        "1. Giao: Trung tâm Phục vụ hành chính công phường Bến Nghé",
        "2. Nhận: UBND phường Bến Nghé",
        "14 giờ 30 phút, ngày 02 tháng 03 năm 2026",
        "Người giao",
        "Người nhận",
        "10 giờ 00 phút, ngày 05 tháng 03",
        "Trước hạn",
    )
    assert "KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/ đúng hạn/ quá hạn)" in text
    assert "GHI CHÚ" in text


def test_register_is_a_landscape_table_of_the_period(
    counter: Counter, clerk: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = take_in(counter, clerk)
    monkeypatch.setenv("COUNTER_APP_NOW", "2026-04-01T09:00:00+07:00")
    later = take_in(counter, clerk, full_name="Lý Thị Hoa")
    path = write(tmp_path, render_register(counter, "2026-03-01", "2026-03-31"))
    assert page_sizes(path)[0] == (A4[1], A4[0])
    text = flat(pdf_text(path))
    in_order(
        text,
        "Mẫu số 07",
        "SỔ THEO DÕI HỒ SƠ",
        "Từ ngày 01/03/2026 đến ngày 31/03/2026",
        "STT",
        "Mã hồ sơ",
    )
    for heading in (
        "Tên thủ tục hành chính",
        "Số lượng hồ sơ (bộ)",
        "Tên cá nhân, tổ chức",
        "Địa chỉ",
        "Số điện thoại",
        "Ghi chú",
        "Trang 1",
    ):
        assert heading in text
    row = flat(pdf_text(path, layout=True))
    # One row, left to right: No., code, procedure, sets, owner, address, phone, dates.
    assert "0912345678 02/03/2026 09/03/2026" in row
    assert f"1 {first.code} {PROC_NAME} 1 Nguyễn Thị" in row
    assert first.code.split("-")[-1] in text
    assert later.code not in text and "Lý Thị Hoa" not in text
    with pytest.raises(ValidationError):
        render_register(counter, "2026-03-31", "2026-03-01")


def test_a_long_register_runs_onto_pages_with_the_header_repeated(
    counter: Counter, clerk: User, tmp_path: Path
) -> None:
    for n in range(40):
        take_in(counter, clerk, owner_name=f"Người nộp số {n}")
    path = write(tmp_path, render_register(counter, "2026-03-02", "2026-03-02"))
    pages = pdf_text(path).split("\f")
    filled = [p for p in pages if p.strip()]
    assert len(filled) >= 2
    assert all("Mã hồ sơ" in p and "Ghi chú" in p for p in filled)
    assert "Người nộp số 39" in flat(pages[-2] if not pages[-1].strip() else pages[-1])


def test_unknown_form_and_dossier(counter: Counter, clerk: User) -> None:
    dossier = take_in(counter, clerk)
    with pytest.raises(ValidationError):
        render_form(counter, "invoice", dossier.code)
    with pytest.raises(NotFound):
        render_form(counter, "receipt", "000.00.06.H56-000000-9999")


def test_guidance_for_a_request_not_taken_in_prints_no_code(
    counter: Counter, clerk: User, tmp_path: Path
) -> None:
    req = IntakeRequest(
        procedure_code="1.004884",
        full_name=NAME,
        id_number="001190123456",
        phone=PHONE,
        address=ADDRESS,
        gender="Nữ",
    )
    before = counter.dossiers.count()
    pdf = render_request_form(
        counter, "supplement", req, actor=clerk, missing=["Giấy xác nhận cư trú"]
    )
    text = text_of(tmp_path, pdf)
    in_order(
        text,
        "Mẫu số 02",
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        f"Hồ sơ của: Bà {NAME}",
        f"Nội dung yêu cầu giải quyết: {PROC_NAME}",
        "Yêu cầu Bà hoàn thiện hồ sơ",
        "Giấy xác nhận cư trú",
        "NGƯỜI HƯỚNG DẪN",
        "Trần Thị Lan",
    )
    assert "Mã hồ sơ" not in text
    assert counter.dossiers.count() == before  # nothing saved


def test_refusal_of_a_request_not_taken_in(counter: Counter, clerk: User, tmp_path: Path) -> None:
    req = IntakeRequest(
        procedure_code="1.004884",
        full_name=NAME,
        id_number="001090123456",
        phone=PHONE,
        gender="Nam",
    )
    pdf = render_request_form(counter, "refusal", req, actor=clerk, reason="Không thuộc thẩm quyền")
    text = text_of(tmp_path, pdf)
    in_order(
        text,
        "Mẫu số 03",
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        f"Ông: {NAME}",
        "lý do cụ thể như sau: Không thuộc thẩm quyền",
        "để Ông được biết",
    )
    assert "Mã hồ sơ" not in text
    with pytest.raises(ValidationError):
        render_request_form(counter, "refusal", req, actor=clerk, reason=" ")
    with pytest.raises(ValidationError):  # validated as an intake: a bad ID number is refused
        render_request_form(counter, "supplement", replace(req, id_number="12"), actor=clerk)
    with pytest.raises(ValidationError):
        render_request_form(counter, "receipt", req, actor=clerk)  # a receipt needs a dossier
    assert counter.dossiers.count() == 0
