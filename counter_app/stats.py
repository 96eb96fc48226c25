"""On-time statistics (Decision 766/QĐ-TTg indicators, as provincial systems implement them).

For a period [from, to] (whole days, office time):
- received: dossiers received in the period (refusals at intake are not received);
- settled: dossiers whose processing ended in the period. End of processing = the first
  "result ready", else "returned", else stopped / refused / withdrawn; a dossier still waiting
  for the citizen's supplement ended at the request time;
- each settled dossier is late when it ended after its due date or had more than one
  supplement request; otherwise early when it ended before the due date at the configured
  granularity ("day": an earlier calendar day; "minute": an earlier minute), else on time.
  The due date already includes the supplement pauses (the core pushes it when processing
  resumes), and an apology letter's new date does not excuse lateness: the original counts;
- in progress: received before the end of the period and not ended by then, judged at the
  end of the period (or now, if the period has not ended): late so far when the due date has
  passed or there was more than one supplement request;
- on-time rate = (early + on time) / settled; synced share = received and synced / received;
  satisfaction index = 100% − (late rate + share of settled dossiers rated "không hài lòng"),
  a dossier's rating being the desk's own key, else the citizen's from the hub's page
  (`rated_web` counts those).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

from counter_app.i18n import _

from . import clock
from .errors import ValidationError
from .store import Store

GroupBy = Literal["procedure", "clerk", "day", "all"]
GROUPINGS: tuple[str, ...] = ("procedure", "clerk", "day", "all")
GRANULARITY_KEY = "setting.early_granularity"
GRANULARITIES = {"day": 10, "minute": 16}  # characters of the ISO time compared


@dataclass
class GroupStats:
    key: str
    label: str = ""
    received: int = 0
    settled: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    in_progress: int = 0
    in_progress_late: int = 0
    synced: int = 0
    rated: int = 0
    satisfied: int = 0
    dissatisfied: int = 0
    rated_web: int = 0  # of `rated`: given on the hub's page (the rest at the desk)

    @property
    def on_time_or_early(self) -> int:
        return self.early + self.on_time

    @property
    def in_progress_on_time(self) -> int:
        return self.in_progress - self.in_progress_late

    @property
    def on_time_rate(self) -> float | None:
        return _share(self.on_time_or_early, self.settled)

    @property
    def synced_share(self) -> float | None:
        return _share(self.synced, self.received)

    @property
    def satisfaction_index(self) -> float | None:
        if not self.settled:
            return None
        return round(100 - 100 * (self.late + self.dissatisfied) / self.settled, 2)

    def add(self, other: GroupStats) -> None:
        for name in _COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(
            on_time_or_early=self.on_time_or_early,
            in_progress_on_time=self.in_progress_on_time,
            on_time_rate=self.on_time_rate,
            synced_share=self.synced_share,
            satisfaction_index=self.satisfaction_index,
        )
        return data


_COUNTS = (
    "received",
    "settled",
    "early",
    "on_time",
    "late",
    "in_progress",
    "in_progress_late",
    "synced",
    "rated",
    "satisfied",
    "dissatisfied",
    "rated_web",
)


# Counts that belong to the group of the receipt (day received) or of the end of processing.
_BY_RECEIPT = ("received", "in_progress", "in_progress_late", "synced")
_BY_END = ("settled", "early", "on_time", "late", "rated", "satisfied", "dissatisfied", "rated_web")


@dataclass
class OnTimeReport:
    date_from: date
    date_to: date
    by: str
    granularity: str
    judged_at: str
    groups: list[GroupStats] = field(default_factory=list)
    total: GroupStats = field(default_factory=lambda: GroupStats("total"))

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.date_from.isoformat(),
            "to": self.date_to.isoformat(),
            "by": self.by,
            "granularity": self.granularity,
            "judged_at": self.judged_at,
            "groups": [g.to_dict() for g in self.groups],
            "total": self.total.to_dict(),
        }


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 2) if whole else None


def granularity(store: Store) -> str:
    value = store.meta.get(GRANULARITY_KEY, "day")
    return value if value in GRANULARITIES else "day"


def period_bounds(date_from: date, date_to: date) -> tuple[datetime, datetime]:
    if date_to < date_from:
        raise ValidationError({"to": _("ngày cuối trước ngày đầu")})
    start = datetime.combine(date_from, time(0), clock.VN_TZ)
    return start, datetime.combine(date_to + timedelta(days=1), time(0), clock.VN_TZ)


def on_time_report(
    store: Store,
    date_from: date,
    date_to: date,
    by: str = "all",
    now: datetime | None = None,
    early_granularity: str | None = None,
) -> OnTimeReport:
    """`early_granularity` overrides the office setting `early_granularity` (day | minute)."""
    if by not in GROUPINGS:
        raise ValidationError({"by": _("một trong {value}").format(value=", ".join(GROUPINGS))})
    if early_granularity is not None and early_granularity not in GRANULARITIES:
        raise ValidationError({"granularity": "day | minute"})
    start, end = period_bounds(date_from, date_to)
    judged_at = min(end, now or clock.now())
    gran = early_granularity or granularity(store)
    report = OnTimeReport(date_from, date_to, by, gran, clock.iso(judged_at))
    rows = store.reports.on_time_rows(
        clock.iso(start), clock.iso(end), clock.iso(judged_at), by, GRANULARITIES[gran]
    )
    names = store.reports.procedure_names() if by == "procedure" else {}
    groups: dict[str, GroupStats] = {}
    for received_key, ended_key, *counts in rows:
        values = dict(zip(_COUNTS, (int(v or 0) for v in counts), strict=True))
        for key, fields in ((received_key, _BY_RECEIPT), (ended_key, _BY_END)):
            if not any(values[f] for f in fields):
                continue
            group = groups.setdefault(str(key), GroupStats(str(key), names.get(str(key), str(key))))
            for name in fields:
                setattr(group, name, getattr(group, name) + values[name])
    for key in sorted(groups):
        report.groups.append(groups[key])
        report.total.add(groups[key])
    return report
