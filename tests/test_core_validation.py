"""Field validation (ID numbers per codes.md, phones, emails) and the ID card's QR parser."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.errors import ValidationError
from counter_app.idcard import looks_like_idcard_qr, parse_idcard_qr
from counter_app.validation import (
    ID_PROVINCE_CODES,
    check_email,
    check_id_number,
    check_phone,
    normalise_phone,
    parse_date,
)

THIS_YEAR = date.today().year
provinces = st.sampled_from(sorted(ID_PROVINCE_CODES))
serials = st.text("0123456789", min_size=6, max_size=6)


@st.composite
def personal_ids(draw: st.DrawFn) -> tuple[str, int, bool]:
    """A plausible 12-digit ID with the birth year and sex it encodes."""
    year = draw(st.integers(1900, THIS_YEAR))
    female = draw(st.booleans())
    century = (year // 100 - 19) * 2 + int(female)
    number = f"{draw(provinces)}{century}{year % 100:02d}{draw(serials)}"
    return number, year, female


@given(personal_ids())
def test_plausible_personal_ids_pass_with_matching_birth_year_and_sex(
    case: tuple[str, int, bool],
) -> None:
    number, year, female = case
    assert check_id_number(number) is None
    assert check_id_number(number, date(year, 6, 15), female) is None


@given(personal_ids(), st.integers(1, 99))
def test_a_birth_year_that_disagrees_with_the_id_is_refused(
    case: tuple[str, int, bool], shift: int
) -> None:
    number, year, female = case
    other = 1900 + (year - 1900 + shift) % (THIS_YEAR - 1899)
    problem = check_id_number(number, date(other, 1, 1), female)
    assert problem is not None and "năm sinh" in problem


@given(personal_ids())
def test_the_century_digit_must_agree_with_the_sex(case: tuple[str, int, bool]) -> None:
    number, year, female = case
    problem = check_id_number(number, date(year, 1, 1), not female)
    assert problem is not None and "giới tính" in problem


@given(st.integers(0, 999).filter(lambda n: f"{n:03d}" not in ID_PROVINCE_CODES), serials)
def test_a_province_code_outside_the_list_is_refused(province: int, serial: str) -> None:
    problem = check_id_number(f"{province:03d}090{serial}")
    assert problem is not None and "mã tỉnh" in problem


@given(provinces, st.integers(4, 9), st.integers(0, 99), serials)
def test_a_century_digit_for_an_unborn_century_is_refused(
    province: str, century: int, yy: int, serial: str
) -> None:
    problem = check_id_number(f"{province}{century}{yy:02d}{serial}")
    assert problem is not None and "thế kỷ" in problem


def test_a_2000s_id_for_a_year_still_to_come_is_refused() -> None:
    future = (THIS_YEAR + 1) % 100
    assert check_id_number(f"0012{future:02d}123456") is not None


@given(st.text("0123456789", min_size=9, max_size=9))
def test_any_nine_digit_old_cmnd_is_accepted(number: str) -> None:
    assert check_id_number(number) is None


@given(st.text("0123456789", min_size=1, max_size=15).filter(lambda s: len(s) not in (9, 12)))
def test_other_lengths_are_refused(number: str) -> None:
    problem = check_id_number(number)
    assert problem is not None and "12 chữ số" in problem


@pytest.mark.parametrize("number", ["00109012345a", "001 90123456", "٠٠١٠٩٠١٢٣٤٥٦", ""])
def test_non_ascii_digits_and_letters_are_refused(number: str) -> None:
    assert check_id_number(number) is not None


@given(st.sampled_from(["3", "5", "7", "8", "9"]), st.text("0123456789", min_size=8, max_size=8))
def test_vietnamese_mobile_numbers_in_every_usual_spelling_normalise_alike(
    lead: str, rest: str
) -> None:
    local = f"0{lead}{rest}"
    spellings = [
        local,
        f"+84{lead}{rest}",
        f"84{lead}{rest}",
        f"+84 {lead}{rest[:2]} {rest[2:]}",
        f"{local[:4]}.{local[4:7]}.{local[7:]}",
        f"({local[:4]}) {local[4:]}",
    ]
    for spelling in spellings:
        assert normalise_phone(spelling) == local
        assert check_phone(spelling) is None


@pytest.mark.parametrize(
    "phone",
    ["", "912345678", "091234567", "091234567890", "0912abc678", "+1 650 253 0000", "1900 1234"],
)
def test_bad_phone_numbers_are_refused(phone: str) -> None:
    assert check_phone(phone) is not None


def test_landline_numbers_with_eleven_digits_pass() -> None:
    assert check_phone("024 3825 1234") is None  # 0243 825 1234: 11 digits with the area code


@pytest.mark.parametrize("email", ["lan@ubnd.gov.vn", "a.b+c@x.vn", "nguyễn@ví-dụ.vn"])
def test_good_emails_pass(email: str) -> None:
    assert check_email(email) is None


@pytest.mark.parametrize(
    "email", ["", "lan", "lan@", "@x.vn", "lan@x", "l an@x.vn", "a@b@c.vn", "x" * 250 + "@x.vn"]
)
def test_bad_emails_are_refused(email: str) -> None:
    assert check_email(email) is not None


@given(st.emails())
def test_generated_emails_pass_unless_they_lack_a_dot_in_the_domain(email: str) -> None:
    domain = email.rsplit("@", 1)[1]
    assert (check_email(email) is None) == ("." in domain and len(email) <= 254)


@given(st.dates(date(1900, 1, 1), date(2100, 12, 31)))
def test_dates_parse_in_iso_and_vietnamese_order(day: date) -> None:
    assert parse_date(day.isoformat()) == day
    assert parse_date(f"{day:%d/%m/%Y}") == day
    assert parse_date(f"{day.day}/{day.month}/{day.year}") == day


# --- the ID card's QR payload ----------------------------------------------------------

NAME = "Nguyễn Văn Đức"
ADDRESS = "Số 5, phường Bến Nghé, TP. Hồ Chí Minh"


def test_seven_fields_with_the_old_number() -> None:
    data = parse_idcard_qr(f"001090123456|012345678|{NAME}|01011990|Nam|{ADDRESS}|15042021")
    assert (data.id_number, data.old_id_number, data.full_name) == (
        "001090123456",
        "012345678",
        NAME,
    )
    assert data.birth_date == date(1990, 1, 1) and data.issue_date == date(2021, 4, 15)
    assert (data.gender, data.address) == ("Nam", ADDRESS)


def test_seven_fields_with_an_empty_old_number() -> None:
    data = parse_idcard_qr(f"001190123456||{NAME}|01011990|Nữ|{ADDRESS}|15042021")
    assert data.old_id_number is None and data.full_name == NAME and data.gender == "Nữ"
    assert data.issue_date == date(2021, 4, 15)


def test_six_fields_without_the_old_number() -> None:
    data = parse_idcard_qr(f"001090123456|{NAME}|01011990|Nam|{ADDRESS}|15042021")
    assert data.old_id_number is None and data.full_name == NAME
    assert data.address == ADDRESS and data.issue_date == date(2021, 4, 15)


def test_six_fields_with_an_empty_old_number_and_no_issue_date() -> None:
    data = parse_idcard_qr(f"001090123456||{NAME}|01011990|Nam|{ADDRESS}")
    assert data.full_name == NAME and data.issue_date is None


def test_more_fields_at_the_end_are_ignored_with_or_without_the_old_number() -> None:
    with_old = parse_idcard_qr(f"001090123456|012345678|{NAME}|01011990|Nam|{ADDRESS}|15042021|x|y")
    without = parse_idcard_qr(f"001090123456|{NAME}|01011990|Nam|{ADDRESS}|15042021|x")
    assert with_old.full_name == without.full_name == NAME
    assert with_old.old_id_number == "012345678" and without.old_id_number is None


def test_mixed_composed_and_decomposed_text_comes_out_composed() -> None:
    nfd = unicodedata.normalize("NFD", NAME)
    payload = (
        f"001190123456||{nfd}|01011990|{unicodedata.normalize('NFD', 'Nữ')}|{ADDRESS}|15042021"
    )
    data = parse_idcard_qr(payload + "\r\n")
    assert data.full_name == NAME and data.gender == "Nữ"
    assert unicodedata.is_normalized("NFC", data.full_name)


# Names without control characters (refused since issue 13) and no longer than a name may be.
NAMES = st.text(
    st.characters(
        exclude_categories=("Cc",),
        exclude_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
    ),
    min_size=1,
    max_size=60,
)


@given(NAMES.map(str.strip).filter(bool), st.booleans(), st.booleans())
def test_any_name_survives_every_variant(name: str, with_old: bool, nfd: bool) -> None:
    name = name.replace("|", " ").replace("\r", " ").replace("\n", " ").strip()
    if not name or name.isdigit():
        name = "Lê Thị Hà " + name
    text = unicodedata.normalize("NFD" if nfd else "NFC", name)
    old = "012345678|" if with_old else ""
    data = parse_idcard_qr(f"001090123456|{old}{text}|01011990|Nam|{ADDRESS}|15042021")
    assert data.full_name == unicodedata.normalize("NFC", text).strip()


@pytest.mark.parametrize(
    "payload",
    [
        "",
        "hello",
        "001090123456|a|b|c|d",
        "12345|x|y|z|w|v|u",
        "00109012345X|012345678|Ann|01011990|Nam|Here|15042021",
        "001090123456|012345678||01011990|Nam|Here|15042021",
    ],
)
def test_payloads_that_are_not_id_cards_are_refused(payload: str) -> None:
    with pytest.raises(ValidationError) as exc:
        parse_idcard_qr(payload)
    assert "qr" in exc.value.errors


def test_a_scanner_string_is_recognised() -> None:
    assert looks_like_idcard_qr(f"001090123456|012345678|{NAME}|01011990|Nam|{ADDRESS}|15042021")
    assert not looks_like_idcard_qr("Nguyễn Văn An")


@settings(max_examples=50)
@given(st.dates(date(1900, 1, 1), date(2030, 12, 31)))
def test_dates_on_the_card_read_as_day_month_year(day: date) -> None:
    data = parse_idcard_qr(f"001090123456||{NAME}|{day:%d%m%Y}|Nam|{ADDRESS}|{day:%d%m%Y}")
    assert data.birth_date == day == data.issue_date
