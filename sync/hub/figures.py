"""The province's on-time figures by office: ONE layer for `province-hub stats --json` and the
console's pages and XLSX.

The rules are the desk's report's (counter_app/stats.py, Decision 766 indicators as provincial
systems implement them), applied to the hub's copies of the dossiers: received in the period;
settled when processing ended in it (result ready, else returned, else stopped / refused /
withdrawn, else a supplement request still waiting); late when it ended after its original due
date or had more than one supplement request, early when it ended on an earlier day, else on
time; on-time rate = (early + on time) / settled; satisfaction index = 100% − (late rate + share
of settled dossiers rated "không hài lòng"), the desk's own rating first, else the citizen's.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from counter_app import clock

from .storage import HubStorage
from .storage_console import FigureRow

ENDINGS = ("stopped", "refused", "withdrawn")
SORTS = (
    "office",
    "received",
    "settled",
    "on_time_or_early",
    "late",
    "on_time_rate",
    "satisfaction_index",
)


@dataclass
class OfficeFigures:
    office: str
    received: int = 0
    settled: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    in_progress_late: int = 0
    rated: int = 0
    dissatisfied: int = 0

    @property
    def on_time_or_early(self) -> int:
        return self.early + self.on_time

    @property
    def on_time_rate(self) -> float | None:
        return None if not self.settled else round(100 * self.on_time_or_early / self.settled, 2)

    @property
    def satisfaction_index(self) -> float | None:
        if not self.settled:
            return None
        return round(100 - 100 * (self.late + self.dissatisfied) / self.settled, 2)

    def add(self, other: OfficeFigures) -> None:
        for name in (
            "received",
            "settled",
            "early",
            "on_time",
            "late",
            "in_progress_late",
            "rated",
            "dissatisfied",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def to_dict(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "on_time_or_early": self.on_time_or_early,
            "on_time_rate": self.on_time_rate,
            "satisfaction_index": self.satisfaction_index,
        }


@dataclass(frozen=True)
class LateDossier:
    office: str
    code: str
    procedure: str
    due_at: str | None
    ended_at: str | None
    reason: str


@dataclass
class Figures:
    date_from: date
    date_to: date
    judged_at: str
    offices: list[OfficeFigures] = field(default_factory=list)
    total: OfficeFigures = field(default_factory=lambda: OfficeFigures("total"))
    late: list[LateDossier] = field(default_factory=list)

    def sorted_by(self, key: str, descending: bool = False) -> list[OfficeFigures]:
        key = key if key in SORTS else "office"

        def value(o: OfficeFigures) -> Any:
            v = getattr(o, key)
            return (v is None, v if v is not None else 0)

        return sorted(self.offices, key=value, reverse=descending)

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.date_from.isoformat(),
            "to": self.date_to.isoformat(),
            "judged_at": self.judged_at,
            "offices": {o.office: o.to_dict() for o in self.offices},
            "total": self.total.to_dict(),
            "late": [asdict(d) for d in self.late],
        }


def office_figures(
    storage: HubStorage, date_from: date, date_to: date, now: datetime | None = None
) -> Figures:
    if date_to < date_from:
        raise ValueError("ngày cuối trước ngày đầu / 'to' is before 'from'")
    start = clock.iso(datetime.combine(date_from, time(0), clock.VN_TZ))
    end_day = date_to + timedelta(days=1)
    end = clock.iso(datetime.combine(end_day, time(0), clock.VN_TZ))
    judged = min(end, clock.iso(now or clock.now()))
    figures = Figures(date_from, date_to, judged)
    offices: dict[str, OfficeFigures] = {}
    for row in storage.figure_rows(end_day.isoformat()):
        office = offices.setdefault(row.unit, OfficeFigures(row.unit))
        _count(office, figures.late, row, start, end, judged)
    figures.offices = [offices[k] for k in sorted(offices)]
    for office in figures.offices:
        figures.total.add(office)
    return figures


def _count(
    o: OfficeFigures, late: list[LateDossier], row: FigureRow, start: str, end: str, judged: str
) -> None:
    d, extra = row.data, row.data.get("extra") or {}
    received = str(d.get("received_at") or "")
    if row.status == "refused" and extra.get("refusal_reason"):
        return  # refused at intake: never received
    if start <= received < end:
        o.received += 1
    due = extra.get("original_due_at") or d.get("due_at") or extra.get("due_at_when_ended")
    ended = _ended(row)
    many = int(extra.get("supplement_count") or 0) > 1
    procedure = str(d.get("procedure_name") or d.get("procedure_code") or "")
    if ended is not None and start <= ended < end:
        o.settled += 1
        if many or (due and ended > due):
            o.late += 1
            late.append(
                LateDossier(
                    row.unit, row.code, procedure, due, ended, _reason(many, "trả kết quả sau hạn")
                )
            )
        elif due and ended[:10] < str(due)[:10]:
            o.early += 1
        else:
            o.on_time += 1
        level = d.get("satisfaction") or row.web_level
        if level:
            o.rated += 1
            o.dissatisfied += level == "khong_hai_long"
    elif (ended is None or ended >= end) and (many or (due and str(due) < judged)):
        o.in_progress_late += 1
        late.append(
            LateDossier(
                row.unit, row.code, procedure, due, None, _reason(many, "đang xử lý, đã quá hạn")
            )
        )


def _reason(many: bool, otherwise: str) -> str:
    return "yêu cầu bổ sung quá một lần" if many else otherwise


def _ended(row: FigureRow) -> str | None:
    d = row.data
    if d.get("result_at"):
        return str(d["result_at"])
    if d.get("returned_at"):
        return str(d["returned_at"])
    if row.status in ENDINGS:
        return str(d.get("updated_at") or d.get("received_at"))
    if row.status == "supplement_requested":
        requested = (d.get("extra") or {}).get("supplement_requested_at")
        return str(requested) if requested else None
    return None
