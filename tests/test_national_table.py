"""The shipped table of national days (resources/national_calendar_vn.json) is exactly what the
pinned `holidays` computes, year by year: the table only spares the app importing `holidays` at
start (counter_app/calendar.py). Run as a module to regenerate it after a reviewed upgrade:
`.venv/bin/python -m tests.test_national_table`.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

from counter_app import calendar
from counter_app.resources import RESOURCES

TABLE = RESOURCES / calendar.NATIONAL_TABLE
YEARS = range(2024, 2031)


def computed(year: int) -> dict[str, Any]:
    return {
        "off": {
            d.isoformat(): name for d, name in sorted(calendar.computed_holidays(year).items())
        },
        "work": sorted(d.isoformat() for d in calendar.computed_workdays(year)),
    }


def table() -> dict[str, Any]:
    years: dict[str, Any] = json.loads(TABLE.read_text(encoding="utf-8"))["years"]
    return years


def test_the_table_is_what_the_pinned_holidays_computes() -> None:
    assert {year: computed(int(year)) for year in table()} == table()


def test_the_table_covers_this_year_and_the_next() -> None:
    this_year = date.today().year
    assert {str(this_year), str(this_year + 1)} <= set(table()), f"regenerate {TABLE.name}"


def test_a_due_date_in_the_table_years_does_not_import_holidays() -> None:
    code = (
        "import sys\n"
        "from datetime import datetime\n"
        "from counter_app.calendar import WorkCalendar\n"
        "from counter_app.clock import VN_TZ\n"
        "from counter_app.models import Procedure, TimeUnit\n"
        "proc = Procedure('1', 'x', 5, TimeUnit.WORKING_DAYS)\n"
        "due = WorkCalendar().due_at(datetime(2026, 8, 28, 9, tzinfo=VN_TZ), proc)\n"
        "print(due.date().isoformat(), 'holidays' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # Fri 28 Aug 09:00 + 5 working days skips the weekend, Mon 31 Aug (in lieu of Sat 22 Aug)
    # and 1-2 September (Quốc khánh): Wed 9 Sep, with no import of `holidays`.
    assert out.stdout.split() == ["2026-09-09", "False"]


def test_the_calendar_reads_the_table_and_computes_other_years() -> None:
    in_table = date(2026, 9, 2)  # Quốc khánh
    assert not calendar.WorkCalendar().is_working_day(in_table)
    assert calendar._national_holidays(2026) == calendar.computed_holidays(2026)
    assert "2031" not in table()
    assert calendar._national_holidays(2031) == calendar.computed_holidays(2031)


def write(path: Path = TABLE) -> None:
    data = {
        "_comment": "National days of Vietnam as holidays==0.109 computes them; "
        "regenerate with python -m tests.test_national_table (see that module).",
        "years": {str(year): computed(year) for year in YEARS},
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write()
    print(f"wrote {TABLE}")
