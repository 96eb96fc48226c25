"""Hostile pushes and pulls, generated (hypothesis, bounded), against the real hub on loopback,
on both backends: valid records with one field replaced by any JSON value or removed, broken
payload text, odd envelopes and query strings. No answer is a 500, and whatever the hub
stores is a typed snapshot of the pushing desk's own office and code range, which another
desk of that office then pulls as a valid change (issue 13)."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from hub_records import dossier_snapshot, record_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_support import OFFICE_A, HubServer

from sync.hub.models import PullResponse, PushResponse

EXAMPLES = 60
_numbers = itertools.count(1)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False)
    # Any code point, lone surrogates and control characters included.
    | st.text(st.characters(exclude_categories=()), max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
DOSSIER_FIELDS = sorted(dossier_snapshot(OFFICE_A, "x", "u"))
EVENT_FIELDS = ["uuid", "dossier_uuid", "at", "username", "kind", "new_status", "data"]
ENVELOPE_FIELDS = ["uuid", "entity", "entity_uuid", "created_at", "seq", "base_version"]


@st.composite
def hostile_records(draw: st.DrawFn) -> dict[str, Any]:
    n = next(_numbers)
    code = f"{OFFICE_A}-261125-1{n:03d}"
    dossier = dossier_snapshot(OFFICE_A, code, f"fuzz-{n}")
    record = record_of(dossier, n)
    payload = json.loads(record["payload"])
    where = draw(st.sampled_from(["dossier", "event", "envelope", "text", "applicant"]))
    value = draw(json_values)
    remove = draw(st.booleans())
    if where == "text":
        text = record["payload"]
        cut = len(text) * draw(st.integers(0, 1000)) // 1000  # drawn apart from the text
        record["payload"] = draw(
            st.sampled_from(
                [
                    text[:cut],
                    text[:cut] + draw(st.text(max_size=20)) + text[cut:],
                    "null",
                    "[]",
                    json.dumps(value),
                ]
            )
        )
        return record
    if where == "envelope":
        target, field = record, draw(st.sampled_from(ENVELOPE_FIELDS))
    else:
        target = {
            "dossier": payload["dossier"],
            "event": payload["event"],
            "applicant": payload["dossier"]["applicant"],
        }[where]
        fields = {
            "dossier": DOSSIER_FIELDS,
            "event": EVENT_FIELDS,
            "applicant": ["full_name", "id_number", "phone"],
        }[where]
        field = draw(st.sampled_from(fields))
    if remove:
        target.pop(field, None)
    else:
        target[field] = value
    if where != "envelope":
        record["payload"] = json.dumps(payload, ensure_ascii=False)
    return record


@pytest.fixture
def hub(hub_db: str) -> Iterator[HubServer]:
    server = HubServer(hub_db)
    yield server
    server.stop()


def test_hostile_pushes_and_pulls_get_no_500_and_store_nothing_they_should_not(
    hub: HubServer,
) -> None:
    pusher, reader = hub.enroll(OFFICE_A, 1), hub.enroll(OFFICE_A, 2)
    push_session, pull_session = requests.Session(), requests.Session()
    push_session.headers["Authorization"] = f"Bearer {pusher}"
    pull_session.headers["Authorization"] = f"Bearer {reader}"
    own_code = re.compile(rf"{re.escape(OFFICE_A)}-\d{{6}}-1\d{{3,}}")

    @given(records=st.lists(hostile_records(), min_size=1, max_size=3))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def push(records: list[dict[str, Any]]) -> None:
        answer = push_session.post(hub.url + "/v1/push", json={"records": records}, timeout=30)
        assert answer.status_code in (200, 400), answer.text
        if answer.status_code == 200:
            acks = PushResponse.model_validate(answer.json()).acks
            assert len(acks) == len(records)

    push()

    @given(
        query=st.dictionaries(
            st.sampled_from(["cursor", "limit", "calendar", "procedures"]),
            st.text(max_size=12) | st.integers(-(2**65), 2**65).map(str),
        )
    )
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def pull(query: dict[str, str]) -> None:
        answer = pull_session.get(hub.url + "/v1/pull", params=query, timeout=30)
        assert answer.status_code in (200, 400), answer.text
        if answer.status_code == 200:
            PullResponse.model_validate(answer.json())

    pull()

    # Everything stored is what another desk of the office can take in: typed, of this office,
    # in the pushing desk's code range.
    cursor, pulled = 0, []
    while True:
        page = PullResponse.model_validate(
            pull_session.get(hub.url + "/v1/pull", params={"cursor": cursor}, timeout=30).json()
        )
        pulled += [change.dossier for change in page.changes]
        cursor = page.cursor
        if not page.more:
            break
    assert pulled, "the fuzz stored nothing at all: the mutations are too coarse"
    for dossier in pulled:
        assert dossier.receiving_unit == OFFICE_A and own_code.fullmatch(dossier.code)
