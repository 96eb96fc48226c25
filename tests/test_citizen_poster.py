"""The rating poster at a return desk: it rates the dossier just handed over there, nothing else."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import requests
from citizen_support import desk, returned
from console_support import ADMIN, Console, add_users
from sync_support import OFFICE_A, HubServer

from counter_app import clock
from sync.hub.ratings import QUESTIONS

ALL_GOOD = {key: "hai_long" for key, _ in QUESTIONS}


@pytest.fixture
def hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[HubServer]:
    server = HubServer(tmp_path / "hub.sqlite3")
    add_users(server, monkeypatch)
    yield server
    server.stop()


def test_the_poster_rates_only_the_dossier_just_returned_at_its_desk(
    hub: HubServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    c, clerk = desk(tmp_path, hub)
    first = returned(c, clerk)
    last = returned(c, clerk)
    poster = Console(hub, ADMIN).get("/tinh/quay/1/ap-phich")
    assert poster.status_code == 200 and "<svg" in poster.text
    link = re.search(r'<p class="muted" style="overflow-wrap:anywhere">([^<]+)</p>', poster.text)
    assert link is not None
    url = link.group(1).replace("&amp;", "&")
    assert url == f"{hub.url}/danh-gia?o={OFFICE_A}&q=1"
    page = requests.get(url, timeout=10)
    assert page.status_code == 200 and last.code in page.text and first.code not in page.text
    assert "Nguyễn" not in page.text and "0912345678" not in page.text

    def post(code: str) -> requests.Response:
        return requests.post(
            f"{hub.url}/danh-gia",
            allow_redirects=False,
            timeout=10,
            data={"o": OFFICE_A, "q": "1", "code": code, **ALL_GOOD},
        )

    assert post(first.code).status_code == 409  # not the one just returned
    assert post(last.code).status_code == 303
    reader = hub.reader()
    try:
        assert reader.rating(first.uuid) is None
        rating = reader.rating(last.uuid)
        assert rating is not None and rating.level == "hai_long"
    finally:
        reader.close()
    assert requests.get(f"{hub.url}/danh-gia?o={OFFICE_A}&q=9", timeout=10).status_code == 200
    assert (
        "Chưa có hồ sơ nào vừa trả"
        in requests.get(f"{hub.url}/danh-gia?o={OFFICE_A}&q=9", timeout=10).text
    )
    monkeypatch.setenv("COUNTER_APP_NOW", clock.iso(clock.now() + timedelta(minutes=16)))
    assert "Chưa có hồ sơ nào vừa trả" in requests.get(url, timeout=10).text
    assert post(last.code).status_code == 409
