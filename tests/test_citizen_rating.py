"""Satisfaction ratings from the citizen's page: once per dossier, for a day, only with its
receipt, and on to the receiving office's desks at their next pull."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
import requests
from citizen_support import desk, returned
from forms_helpers import take_in
from sync_support import HubServer

from counter_app import clock
from counter_app.counter import Counter
from counter_app.models import User
from counter_app.signing import receipt_payload
from counter_app.stats import on_time_report
from sync.engine import sync_now
from sync.hub.ratings import QUESTIONS, rating_change
from sync.hub.storage import HubRating, open_storage
from sync.hub.web.citizen import AddressLimit

ALL_GOOD = {key: "rat_hai_long" for key, _ in QUESTIONS}


@pytest.fixture
def hub(hub_db: str) -> Iterator[HubServer]:
    server = HubServer(hub_db)
    yield server
    server.stop()


@pytest.fixture
def synced(tmp_path: Path, hub: HubServer) -> tuple[Counter, User]:
    return desk(tmp_path, hub)


def post(hub: HubServer, payload: str, answers: dict[str, str]) -> requests.Response:
    return requests.post(
        f"{hub.url}/tra-cuu/danh-gia",
        data={"mc": payload, **answers},
        allow_redirects=False,
        timeout=10,
    )


def stored(hub: HubServer, dossier_uuid: str) -> HubRating | None:
    reader = hub.reader()
    try:
        return reader.rating(dossier_uuid)
    finally:
        reader.close()


def test_a_returned_dossier_is_rated_once_and_changed_within_a_day(
    synced: tuple[Counter, User], hub: HubServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    c, clerk = synced
    d = returned(c, clerk)
    payload = receipt_payload(c, d)
    answer = post(hub, payload, ALL_GOOD)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/tra-cuu?mc=")
    first = stored(hub, d.uuid)
    assert first is not None and first.level == "rat_hai_long" and first.channel == "web"
    changed = {**ALL_GOOD, "time": "khong_hai_long", "overall": "hai_long"}
    assert post(hub, payload, changed).status_code == 303
    second = stored(hub, d.uuid)
    assert second is not None and second.answers == changed and second.level == "hai_long"
    assert second.rated_at == first.rated_at and second.version > first.version
    later = clock.parse_iso(first.rated_at) + timedelta(days=1, minutes=1)
    monkeypatch.setenv("COUNTER_APP_NOW", clock.iso(later))
    refused = post(hub, payload, ALL_GOOD)
    assert refused.status_code == 400 and "một ngày" in refused.text
    assert stored(hub, d.uuid) == second


def test_no_rating_before_the_result_is_handed_over_or_with_missing_answers(
    synced: tuple[Counter, User], hub: HubServer
) -> None:
    c, clerk = synced
    waiting = take_in(c, clerk)
    assert sync_now(c).ok
    early = post(hub, receipt_payload(c, waiting), ALL_GOOD)
    assert early.status_code == 400 and "chưa trả kết quả" in early.text
    d = returned(c, clerk)
    partial = post(hub, receipt_payload(c, d), {"overall": "hai_long"})
    assert partial.status_code == 400 and "mỗi câu hỏi" in partial.text
    odd = post(hub, receipt_payload(c, d), {**ALL_GOOD, "fees": "5 sao"})
    assert odd.status_code == 400
    assert stored(hub, waiting.uuid) is None and stored(hub, d.uuid) is None


def test_a_rating_cannot_be_forged_for_another_dossier(
    synced: tuple[Counter, User], hub: HubServer
) -> None:
    c, clerk = synced
    mine, theirs = returned(c, clerk), returned(c, clerk)
    prefix, _code, agency, when, number, signature = receipt_payload(c, mine).split("|")
    forged = "|".join((prefix, theirs.code, agency, when, number, signature))
    answer = post(hub, forged, ALL_GOOD)
    assert answer.status_code == 404 and "Không tìm thấy hồ sơ" in answer.text
    assert stored(hub, theirs.uuid) is None and stored(hub, mine.uuid) is None


def test_the_desk_counts_the_rating_after_its_next_pull(
    synced: tuple[Counter, User], hub: HubServer, tmp_path: Path
) -> None:
    c, clerk = synced
    other, _ = desk(tmp_path, hub, number=2)  # another desk of the same office
    d = returned(c, clerk)
    answer = post(hub, receipt_payload(c, d), {**ALL_GOOD, "overall": "khong_hai_long"})
    assert answer.status_code == 303
    assert sync_now(c).ok and sync_now(other).ok
    ratings = c.dossiers.ratings(d.code)
    assert [(r.channel, r.level) for r in ratings] == [("web", "khong_hai_long")]
    assert ratings[0].answers["manner"] == "rat_hai_long"
    assert [(r.channel, r.level) for r in other.dossiers.ratings(d.code)] == [
        ("web", "khong_hai_long")
    ]
    today = clock.now().date()
    report = on_time_report(c._store, today - timedelta(days=1), today)
    assert (report.total.rated, report.total.dissatisfied, report.total.rated_web) == (1, 1, 1)
    c.dossiers.rate(clerk, d.code, "hai_long")  # the desk's own key counts first, both are kept
    assert [r.channel for r in c.dossiers.ratings(d.code)] == ["desk", "web"]
    report = on_time_report(c._store, today - timedelta(days=1), date.today())
    assert (report.total.rated, report.total.satisfied, report.total.dissatisfied) == (1, 1, 0)
    assert report.total.rated_web == 0


def test_ratings_are_stored_and_paged_on_both_backends(hub_db: str) -> None:
    storage = open_storage(hub_db, migrate=True)
    try:
        with storage.transaction():
            for n, unit in enumerate(["A", "A", "B"], start=1):
                storage.put_rating(
                    HubRating(
                        f"u{n}",
                        f"C-{n}",
                        unit,
                        dict(ALL_GOOD),
                        "hai_long",
                        "web",
                        "2026-03-02T09:00:00+07:00",
                        "2026-03-02T09:00:00+07:00",
                        n * 10,
                    )
                )
        assert [r.code for r in storage.ratings_since("A", 0, None)] == ["C-1", "C-2"]
        assert [r.code for r in storage.ratings_since("A", 10, None)] == ["C-2"]
        assert [r.code for r in storage.ratings_since("A", 0, 15)] == ["C-1"]
        found = storage.rating("u3")
        assert found is not None and found.answers == ALL_GOOD
        assert rating_change(found)["code"] == "C-3"
    finally:
        storage.close()


def test_the_rating_limit_counts_per_address_in_a_sliding_hour() -> None:
    now = [0.0]
    limit = AddressLimit(2, window=3600, now=lambda: now[0])
    assert limit.allow("10.0.0.1") and limit.allow("10.0.0.1")
    assert not limit.allow("10.0.0.1")
    assert limit.allow("10.0.0.2")
    now[0] = 3601
    assert limit.allow("10.0.0.1")
