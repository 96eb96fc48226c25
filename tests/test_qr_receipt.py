"""The receipt's QR code: printed, scanned by a real decoder, verified offline; no personal data."""

from __future__ import annotations

import base64
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from forms_helpers import ADDRESS, EMAIL, ID_NUMBER, NAME, OWNER, PHONE, decode, take_in, write

from counter_app.counter import Counter
from counter_app.errors import InvalidReceipt, ValidationError
from counter_app.forms import render_form
from counter_app.models import Office, User
from counter_app.secret_store import SIGNING_KEY
from counter_app.signing import receipt_payload, verify_receipt_payload
from counter_app.text import fold

OTHER_AGENCY = "000.00.07.H56"


def other_counter(tmp_path: Path, desk_number: int = 2) -> Counter:
    other = Counter.open(tmp_path / f"other-{desk_number}")
    other.setup(
        Office(agency_code=OTHER_AGENCY, name="UBND phường Sài Gòn"),
        "Quầy 2",
        "boss",
        "Lê Văn Tám",
        "matkhau-123",
        desk_number=desk_number,
    )
    from counter_app.resources import demo_procedures

    other.catalogue.load_procedures(demo_procedures())
    return other


def test_printed_qr_and_barcode_decode_to_what_was_signed(
    counter: Counter, clerk: User, tmp_path: Path
) -> None:
    dossier = take_in(counter, clerk)
    path = write(tmp_path, render_form(counter, "receipt", dossier.code))
    found = decode(path, tmp_path)
    assert found["qr"] == receipt_payload(counter, dossier)
    assert found["code128"] == dossier.code
    receipt = verify_receipt_payload(counter, found["qr"])
    assert (receipt.code, receipt.agency_code, receipt.desk, receipt.own_desk) == (
        dossier.code,
        "000.00.06.H56",
        "1",
        True,
    )
    assert receipt.received_at.isoformat()[:16] == dossier.received_at[:16]


@pytest.mark.parametrize("paper", ["a5", "thermal80"])
def test_small_papers_still_scan(counter: Counter, clerk: User, tmp_path: Path, paper: str) -> None:
    dossier = take_in(counter, clerk)
    path = write(tmp_path, render_form(counter, "receipt", dossier.code, paper=paper, parts=1))
    found = decode(path, tmp_path, dpi=300)
    assert verify_receipt_payload(counter, found["qr"]).code == dossier.code
    assert found["code128"] == dossier.code


def test_qr_holds_no_personal_data(counter: Counter, clerk: User) -> None:
    dossier = take_in(counter, clerk)
    payload = receipt_payload(counter, dossier)
    fields = payload.split("|")
    assert fields[:5] == ["MC1", dossier.code, "000.00.06.H56", fields[3], "1"]
    assert len(fields[3]) == 12 and fields[3].isdigit()
    folded = fold(payload)
    for personal in (NAME, OWNER, ADDRESS, EMAIL):
        assert fold(personal) not in folded
        assert fold(personal.split()[-1]) not in folded.split("|")
    assert ID_NUMBER not in payload and PHONE not in payload
    assert len(base64.urlsafe_b64decode(fields[5] + "==")) == 64


def test_portal_url_wraps_the_payload_and_still_verifies(
    counter: Counter, clerk: User, tmp_path: Path
) -> None:
    with counter._store.write():
        counter._store.meta.set(
            "setting.portal_lookup_url", "https://dvc.example.gov.vn/tra-cuu?mc="
        )
    dossier = take_in(counter, clerk)
    found = decode(
        write(tmp_path, render_form(counter, "receipt", dossier.code, parts=1)), tmp_path
    )
    assert found["qr"].startswith("https://dvc.example.gov.vn/tra-cuu?mc=MC1%7C")
    assert verify_receipt_payload(counter, found["qr"]).code == dossier.code


def _one_minute_later(when: str) -> str:
    """A valid but different receipt time (adding 1 to the digits breaks at :59)."""
    return (datetime.strptime(when, "%Y%m%d%H%M") + timedelta(minutes=1)).strftime("%Y%m%d%H%M")


def test_tampered_payloads_are_rejected(counter: Counter, clerk: User) -> None:
    payload = receipt_payload(counter, take_in(counter, clerk))
    prefix, code, agency, when, desk, signature = payload.split("|")
    forged_code = code[:-1] + ("2" if code[-1] != "2" else "3")
    altered = [
        "|".join((prefix, forged_code, agency, when, desk, signature)),
        "|".join((prefix, code, agency, _one_minute_later(when), desk, signature)),
        "|".join(
            (
                prefix,
                code,
                agency,
                when,
                desk,
                ("A" if signature[0] != "A" else "B") + signature[1:],
            )
        ),
    ]
    for text in altered:
        with pytest.raises(InvalidReceipt) as info:
            verify_receipt_payload(counter, text)
        assert info.value.reason == "tampered"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hello",
        "MC1|a|b|c|d",
        "MC2|A-1|000.00.06.H56|202603020905|1|" + "A" * 86,
        "MC1|A-1|000.00.06.H56|2026-03-02|1|" + "A" * 86,
        "MC1|A-1|000.00.06.H56|202603020905|1|short",
        "MC1|A-1|000.00.06.H56|202603020905|1|" + "*" * 86,
        "MC1||000.00.06.H56|202603020905|1|" + "A" * 86,
        "https://dvc.example.gov.vn/tra-cuu?mc=nothing",
    ],
)
def test_malformed_payloads_are_rejected(counter: Counter, text: str) -> None:
    with pytest.raises(InvalidReceipt) as info:
        verify_receipt_payload(counter, text)
    assert info.value.reason == "malformed"


def test_another_desks_receipt_verifies_once_its_key_is_known(
    counter: Counter, tmp_path: Path
) -> None:
    other = other_counter(tmp_path)
    boss = other.accounts.login("boss", "matkhau-123")
    payload = receipt_payload(other, take_in(other, boss))
    with pytest.raises(InvalidReceipt) as info:
        verify_receipt_payload(counter, payload)
    assert info.value.reason == "unknown_desk"
    counter.keys.add_known("2", OTHER_AGENCY, other.keys.public_key())
    receipt = verify_receipt_payload(counter, payload)
    assert (receipt.agency_code, receipt.desk, receipt.own_desk) == (OTHER_AGENCY, "2", False)
    assert [k.to_dict() for k in counter.keys.known()] == [
        {"desk": "2", "agency_code": OTHER_AGENCY, "public_key": other.keys.public_key()}
    ]
    # A key registered for the wrong desk does not make a forgery pass.
    impostor = other_counter(tmp_path, desk_number=3)
    forged = receipt_payload(
        impostor, take_in(impostor, impostor.accounts.login("boss", "matkhau-123"))
    )
    forged = forged.replace("|3|", "|2|")
    with pytest.raises(InvalidReceipt) as info:
        verify_receipt_payload(counter, forged)
    assert info.value.reason == "tampered"
    other.close()
    impostor.close()


def test_bad_public_keys_are_refused_and_change_nothing(counter: Counter) -> None:
    for bad in ("", "not base64!", base64.urlsafe_b64encode(b"x" * 31).decode().rstrip("=")):
        with pytest.raises(ValidationError):
            counter.keys.add_known("2", OTHER_AGENCY, bad)
    assert counter.keys.known() == []


def test_desk_key_is_made_at_setup_kept_and_made_lazily_for_older_databases(
    counter: Counter, data_dir: Path
) -> None:
    key = counter.keys.public_key()
    assert len(base64.urlsafe_b64decode(key + "=")) == 32
    counter.close()
    reopened = Counter.open(data_dir)
    assert reopened.keys.public_key() == key
    reopened.secrets.delete(SIGNING_KEY)  # a desk set up before receipts were signed
    fresh = reopened.keys.public_key()
    assert fresh != key and reopened.keys.public_key() == fresh
    assert oct(data_dir.joinpath("counter.sqlite3").stat().st_mode & 0o777) == "0o600"
    reopened.close()
