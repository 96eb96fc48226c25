"""The citizen's page behind the receipt's QR, served by a real hub: what it shows and hides."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
import requests
from citizen_support import desk, personal_data_in, returned, scanned_link
from forms_helpers import decode, take_in
from sync_support import HubServer

from counter_app.counter import Counter
from counter_app.forms import render_form
from counter_app.lifecycle import Status
from counter_app.models import User
from counter_app.signing import receipt_payload, verify_receipt_payload
from sync.engine import sync_now


@pytest.fixture
def hub(hub_db: str) -> Iterator[HubServer]:
    server = HubServer(hub_db)
    yield server
    server.stop()


@pytest.fixture
def synced(tmp_path: Path, hub: HubServer) -> tuple[Counter, User]:
    return desk(tmp_path, hub)


def page_of(hub: HubServer, payload: str) -> requests.Response:
    return requests.get(f"{hub.url}/tra-cuu?mc={quote(payload, safe='')}", timeout=10)


def test_receipt_qr_opens_the_hub_page_and_still_verifies_offline(
    synced: tuple[Counter, User], hub: HubServer, tmp_path: Path
) -> None:
    c, clerk = synced
    d = take_in(c, clerk)
    assert sync_now(c).ok
    link = scanned_link(c, d, tmp_path)
    assert link.startswith(f"{hub.url}/tra-cuu?mc=MC1%7C")
    assert verify_receipt_payload(c, link).code == d.code
    page = requests.get(link, timeout=10)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    html = page.text
    assert d.code in html and d.procedure_name in html and "Đã tiếp nhận" in html
    assert "<script" not in html and "<link" not in html  # one request, no script
    assert "@media print" in html and 'name="viewport"' in html
    assert len(page.content) < 12_000
    assert personal_data_in(html) == []


def test_page_follows_the_dossier_and_names_what_is_missing(
    synced: tuple[Counter, User], hub: HubServer
) -> None:
    c, clerk = synced
    d = take_in(c, clerk)
    c.dossiers.change_status(clerk, d.code, Status.PROCESSING)
    c.dossiers.change_status(clerk, d.code, Status.SUPPLEMENT_REQUESTED, "Bản sao giấy chứng sinh")
    assert sync_now(c).ok
    html = page_of(hub, receipt_payload(c, d)).text
    assert "Yêu cầu bổ sung" in html and "Bản sao giấy chứng sinh" in html
    c.dossiers.change_status(clerk, d.code, Status.PROCESSING)
    c.dossiers.change_status(clerk, d.code, Status.RESULT_READY)
    assert sync_now(c).ok
    html = page_of(hub, receipt_payload(c, d)).text
    assert "Đã có kết quả" in html and "mời ông/bà đến nhận" in html
    assert "Bản sao giấy chứng sinh" not in html
    assert "Đánh giá mức độ hài lòng" not in html  # only once the result was handed over


def test_no_personal_data_on_any_page_of_a_generated_set(
    synced: tuple[Counter, User], hub: HubServer
) -> None:
    c, clerk = synced
    dossiers = [take_in(c, clerk) for _ in range(3)]
    c.dossiers.change_status(clerk, dossiers[1].code, Status.PROCESSING)
    c.dossiers.change_status(
        clerk, dossiers[1].code, Status.SUPPLEMENT_REQUESTED, "Tờ khai có chữ ký"
    )
    dossiers.append(returned(c, clerk))
    dossiers.append(take_in(c, clerk, owner_name=None, email=None))
    assert sync_now(c).ok
    for d in dossiers:
        page = page_of(hub, receipt_payload(c, d))
        assert page.status_code == 200, d.code
        assert personal_data_in(page.text) == [], d.code


def test_tampered_and_unknown_payloads_give_the_same_404(
    synced: tuple[Counter, User], hub: HubServer, tmp_path: Path
) -> None:
    c, clerk = synced
    known = take_in(c, clerk)
    assert sync_now(c).ok
    never_synced = take_in(c, clerk)  # signed by the desk, not at the hub
    prefix, code, agency, when, number, signature = receipt_payload(c, known).split("|")
    other_desk, other_admin = desk(tmp_path, hub, number=2)  # enrolled, key not yet sent
    stranger = take_in(other_desk, other_admin)
    bad = [
        "|".join(
            (prefix, code[:-1] + ("7" if code[-1] != "7" else "8"), agency, when, number, signature)
        ),
        "|".join(
            (
                prefix,
                code,
                agency,
                when,
                number,
                ("B" if signature[0] == "A" else "A") + signature[1:],
            )
        ),
        receipt_payload(c, never_synced),
        receipt_payload(other_desk, stranger),
        "MC1|nonsense",
        "",
        "x" * 5000,
    ]
    answers = [page_of(hub, payload) for payload in bad]
    assert {a.status_code for a in answers} == {404}
    assert len({a.text for a in answers}) == 1
    assert "Không tìm thấy hồ sơ" in answers[0].text
    assert requests.get(f"{hub.url}/tra-cuu", timeout=10).text == answers[0].text


@pytest.mark.parametrize("paper", ["a5", "thermal80"])
def test_the_link_still_scans_on_small_papers(
    synced: tuple[Counter, User], hub: HubServer, tmp_path: Path, paper: str
) -> None:
    c, clerk = synced
    d = take_in(c, clerk)
    pdf = tmp_path / f"{paper}.pdf"
    pdf.write_bytes(render_form(c, "receipt", d.code, paper=paper, parts=1))
    link = decode(pdf, tmp_path, dpi=300)["qr"]
    assert link.startswith(f"{hub.url}/tra-cuu?mc=") and verify_receipt_payload(c, link)
