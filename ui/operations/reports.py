"""Operations of the Báo cáo page: the on-time report and its export."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from counter_app.export import export_report
from counter_app.stats import OnTimeReport

from . import Op

if TYPE_CHECKING:
    from counter_app.counter import Counter

    from ..context import AppContext


def report(ctx: AppContext, *, start: date, end: date, by: str) -> Op[ReportView]:
    """The report of [start, end] grouped `by` ("procedure" or "clerk")."""
    return ctx.op(lambda c: load_report(c, start, end, by))


def export(ctx: AppContext, *, start: date, end: date, by: str, path: Path) -> Op[Path]:
    """The same report written to a spreadsheet at `path`."""

    def fn(c: Counter) -> Path:
        export_report(c.dossiers.on_time_report(start, end, by), path)
        return path

    return ctx.op(fn)


@dataclass(frozen=True)
class ReportView:
    report: OnTimeReport
    names: dict[str, str]  # group key -> what the supervisor reads (clerk's full name)


def load_report(counter: Counter, start: date, end: date, by: str) -> ReportView:
    report = counter.dossiers.on_time_report(start, end, by)
    names = {g.key: g.label or g.key for g in report.groups}
    if by == "clerk":
        full = {u.username: u.full_name for u in counter.accounts.users()}
        names = {key: full.get(key, key) for key in names}
    return ReportView(report, names)
