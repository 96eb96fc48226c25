"""The national calendar of the current and the next year, against a reviewed snapshot.

`holidays` is pinned (==) in pyproject.toml because a new release may move a day off, and so
a legal due date; this test makes such a move visible at the upgrade instead of at a counter.
Run as a module to print the snapshot for review (see the header of the snapshot file).
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

from counter_app import clock
from counter_app.calendar import national_days

SNAPSHOT = Path(__file__).with_name("calendar_vn_snapshot.txt")
PINNED = "0.109"


def snapshot_header() -> list[str]:
    return [line for line in SNAPSHOT.read_text(encoding="utf-8").splitlines() if line[:1] == "#"]


def snapshot_days() -> list[str]:
    text = SNAPSHOT.read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and line[:1] != "#"]


def computed_days(years: list[int]) -> list[str]:
    return [
        f"{o.day.isoformat()} {o.kind} {o.reason}" for year in years for o in national_days(year)
    ]


def snapshot_years() -> list[int]:
    return sorted({int(line[:4]) for line in snapshot_days()})


def test_the_installed_holidays_is_the_pinned_one() -> None:
    pin = f"holidays=={PINNED}"
    assert pin in (Path(__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert version("holidays") == PINNED


def test_the_national_calendar_matches_the_reviewed_snapshot() -> None:
    assert computed_days(snapshot_years()) == snapshot_days()


def test_the_snapshot_covers_this_year_and_the_next() -> None:
    year = clock.now().year
    assert {year, year + 1} <= set(snapshot_years()), (
        f"review the national calendar of {year} and {year + 1} and add it to {SNAPSHOT.name}"
    )


def test_the_comparison_sees_a_moved_day() -> None:
    moved = [line.replace("2026-09-01", "2026-09-03") for line in snapshot_days()]
    assert computed_days(snapshot_years()) != moved


if __name__ == "__main__":
    now = clock.now().year
    print(
        "\n".join([*snapshot_header(), *computed_days(sorted({*snapshot_years(), now, now + 1}))])
    )
