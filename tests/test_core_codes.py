"""Dossier codes: two desks of one office, both offline, never issue the same code."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from conftest import AGENCY, PASSWORD
from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app import clock, codes
from counter_app.counter import Counter
from counter_app.errors import ValidationError
from counter_app.intake import IntakeRequest
from counter_app.models import Office, User
from counter_app.resources import demo_procedures

NOW = "2026-03-10T09:30:00+07:00"
TEMPLATES = [
    codes.DEFAULT_FORMAT,
    "{agency}-{date:%Y%m%d}-{desk}{seq:06d}",
    "{agency}/{date:%Y}/{desk}.{seq}",  # one counter per year
    "{agency}-{desk}{seq:05d}",  # no date at all: never restarts
]


def make_desk(folder: Path, number: int) -> tuple[Counter, User]:
    c = Counter.open(folder)
    admin = c.setup(
        Office(agency_code=AGENCY, name="UBND xã Tân Phú"),
        f"Quầy {number}",
        "admin",
        "Nguyễn Văn Tâm",
        PASSWORD,
        desk_number=number,
        training=True,
    )
    c.catalogue.load_procedures(demo_procedures())
    return c, admin


def request(n: int, received_at: datetime | None = None) -> IntakeRequest:
    return IntakeRequest(
        procedure_code="1.001193",
        full_name=f"Người nộp {n}",
        id_number="001090123456",
        phone="0912345678",
        received_at=received_at,
    )


@pytest.fixture
def two_desks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[list[tuple[Counter, User]]]:
    monkeypatch.setenv("COUNTER_APP_NOW", NOW)
    desks = [make_desk(tmp_path / f"desk{n}", n) for n in (1, 2)]
    yield desks
    for c, _ in desks:
        c.close()


def test_two_offline_desks_of_one_office_issue_disjoint_codes_on_the_same_day(
    two_desks: list[tuple[Counter, User]],
) -> None:
    issued: list[set[str]] = []
    for c, admin in two_desks:
        issued.append({c.dossiers.intake(admin, request(n)).code for n in range(120)})
    one, two = issued
    assert len(one) == len(two) == 120
    assert not one & two
    assert "000.00.06.H56-260310-1001" in one and "000.00.06.H56-260310-2001" in two
    for c, _ in two_desks:
        assert c.check() == []


def test_a_desk_past_999_dossiers_a_day_keeps_unique_codes() -> None:
    day = datetime(2026, 3, 10, 9, tzinfo=clock.VN_TZ)
    made = {
        codes.make_code(codes.DEFAULT_FORMAT, AGENCY, d, day, s)
        for d in range(1, 10)
        for s in range(1, 1200)
    }
    assert len(made) == 9 * 1199
    assert codes.make_code(codes.DEFAULT_FORMAT, AGENCY, 1, day, 1000) == f"{AGENCY}-260310-11000"


positions = st.tuples(
    st.integers(1, 9),
    st.dates().map(lambda d: datetime(d.year, d.month, d.day, 8)),
    st.integers(1, 100_000),
)


@given(st.sampled_from(TEMPLATES), positions, positions)
def test_equal_codes_only_come_from_one_scope_and_one_number(
    template: str, a: tuple[int, datetime, int], b: tuple[int, datetime, int]
) -> None:
    """The design's invariant: within a scope numbers never repeat, so codes cannot collide
    unless two issues share both scope and number."""
    code_a = codes.make_code(template, AGENCY, *a)
    code_b = codes.make_code(template, AGENCY, *b)
    scope_a = codes.sequence_scope(AGENCY, a[0], a[1], template)
    scope_b = codes.sequence_scope(AGENCY, b[0], b[1], template)
    if code_a == code_b:
        assert scope_a == scope_b and a[2] == b[2]
    if a[0] != b[0]:
        assert scope_a != scope_b  # desks never share a counter


@pytest.fixture(scope="module")
def desk_pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[tuple[Counter, User]]]:
    desks = [make_desk(tmp_path_factory.mktemp(f"desk{n}"), n) for n in (1, 2)]
    yield desks
    for c, _ in desks:
        c.close()


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 1), st.integers(0, 40)), min_size=1, max_size=30))
def test_random_interleavings_of_backdated_intakes_never_collide(
    desk_pair: list[tuple[Counter, User]], plan: list[tuple[int, int]]
) -> None:
    now = clock.parse_iso(NOW)
    for n, (desk, days_back) in enumerate(plan):
        c, admin = desk_pair[desk]
        c.dossiers.intake(admin, request(n, now - timedelta(days=days_back)))
    all_codes = [code for c, _ in desk_pair for code in c._store.dossiers.all_codes()]
    assert len(all_codes) == len(set(all_codes))


def test_a_template_without_a_date_does_not_restart_each_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COUNTER_APP_NOW", NOW)
    c, admin = make_desk(tmp_path, 3)
    with c._store.write():
        c._store.meta.set("setting.code_format", "{agency}-{desk}{seq:05d}")
    now = clock.parse_iso(NOW)
    made = [
        c.dossiers.intake(admin, request(n, now - timedelta(days=n % 3))).code for n in range(9)
    ]
    assert len(set(made)) == 9 and made[0] == f"{AGENCY}-300001"
    c.close()


def test_desk_numbers_outside_one_to_nine_are_refused(tmp_path: Path) -> None:
    c = Counter.open(tmp_path)
    with pytest.raises(ValidationError) as exc:
        c.setup(Office(agency_code=AGENCY, name="UBND"), "Quầy", "admin", "A", PASSWORD, 10)
    assert "desk_number" in exc.value.errors and not c.is_configured()
    c.close()


def test_a_format_without_desk_or_number_is_refused() -> None:
    with pytest.raises(ValidationError):
        codes.check_format("{agency}-{date:%y%m%d}-{seq:04d}")
    codes.check_format(codes.DEFAULT_FORMAT)
