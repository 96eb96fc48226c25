"""Issue 13: a bounded fuzz of the desk's pull applier and the ID-card QR parser. `make test`
runs a few examples; `make fuzz` runs many (MOT_CUA_FUZZ_EXAMPLES). No input may raise
anything but the documented refusal, and nothing written may break what reads it later."""

from __future__ import annotations

import copy
import json
import os
import uuid
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_support import OFFICE_A, intake, make_counter

from counter_app.counter import Counter
from counter_app.errors import ValidationError
from counter_app.idcard import parse_idcard_qr
from counter_app.validation import control_character

EXAMPLES = int(os.environ.get("MOT_CUA_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=EXAMPLES <= 100,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

JSON: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@pytest.fixture(scope="module")
def desks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Counter, dict[str, Any]]]:
    """The desk under test, and a sound change made at another desk of its office."""
    base = tmp_path_factory.mktemp("fuzz")
    other, admin = make_counter(base / "other", OFFICE_A, 2)
    code = intake(other, admin, 1)
    change = json.loads(
        json.dumps(
            {
                "dossier": other.dossiers.get(code).to_dict(),
                "version": 1,
                "events": [asdict(e) for e in other.dossiers.events(code)],
            }
        )
    )
    other.close()
    desk, _ = make_counter(base / "desk", OFFICE_A, 1)
    yield desk, change
    desk.close()


def _fresh(sound: dict[str, Any], code: int) -> dict[str, Any]:
    """The sound change as a new dossier: its own UUID, code and event UUIDs."""
    change = copy.deepcopy(sound)
    change["dossier"]["uuid"] = str(uuid.uuid4())
    change["dossier"]["code"] = f"{OFFICE_A}-261202-{code}"
    for event in change["events"]:
        event["uuid"] = str(uuid.uuid4())
    return change


def _paths(change: dict[str, Any]) -> list[tuple[str, ...]]:
    paths: list[tuple[str, ...]] = [("version",), ("events",), ("dossier",)]
    paths += [("dossier", k) for k in change["dossier"]]
    paths += [("dossier", "applicant", k) for k in change["dossier"]["applicant"]]
    paths += [("events", "0", k) for k in change["events"][0]]
    return paths


def _set(change: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    """Replace the value at `path`, when an earlier mutation left a path there."""
    target: Any = change
    for key in path[:-1]:
        if isinstance(target, dict) and key in target:
            target = target[key]
        elif isinstance(target, list) and key.isdigit() and int(key) < len(target):
            target = target[int(key)]
        else:
            return
    if isinstance(target, dict):
        target[path[-1]] = value


@FUZZ
@given(data=st.data())
def test_the_pull_applier_takes_any_page_without_a_traceback(
    desks: tuple[Counter, dict[str, Any]], data: st.DataObject
) -> None:
    desk, sound = desks
    changes: list[Any] = []
    for _ in range(data.draw(st.integers(1, 3))):
        change = _fresh(sound, data.draw(st.integers(2000, 9999)))
        for path in data.draw(st.lists(st.sampled_from(_paths(sound)), max_size=3)):
            _set(change, path, data.draw(JSON))
        changes.append(change)
    if data.draw(st.booleans()):
        changes.append(data.draw(JSON))
    applied, _conflicts, skipped = desk.sync_book.apply_page(changes, 1)
    assert applied + len(skipped) <= len(changes)
    assert not any("Nguyễn Văn" in reason for reason in skipped)  # no names in the log
    # Whatever was written reads back: the views and the checks a clerk runs.
    assert desk.check() == []
    for dossier in desk.dossiers.search("Nguyễn", None):
        desk.dossiers.get(dossier.code)
        desk.dossiers.events(dossier.code)


FIELD = st.text(max_size=40) | st.sampled_from(["", "Nam", "Nữ", "01011990", "012345678"])


@FUZZ
@given(
    st.one_of(
        st.text(max_size=300),
        st.lists(FIELD, min_size=5, max_size=9).map(lambda f: "001090123456|" + "|".join(f)),
    )
)
def test_the_idcard_parser_reads_or_refuses_in_words(payload: str) -> None:
    try:
        card = parse_idcard_qr(payload)
    except ValidationError:
        return
    for value in (card.full_name, card.address or "", card.old_id_number or ""):
        assert not control_character(value)
    assert len(card.full_name) <= 100 and len(card.address or "") <= 300


def test_the_fuzz_covers_a_sound_change(desks: tuple[Counter, dict[str, Any]]) -> None:
    """The base of the fuzz is itself accepted, so the fuzz is not only refusals."""
    desk, sound = desks
    assert desk.sync_book.apply_page([_fresh(sound, 1999)], 1)[0] == 1
