"""The tracking register (Sổ theo dõi hồ sơ): one row per dossier received in a period.

Shared by the XLSX/CSV export (counter_app/export.py) and the printed PDF register.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from . import clock
from .lifecycle import LABEL_VI, Status
from .stats import period_bounds

if TYPE_CHECKING:
    from .counter import Counter

REGISTER_HEADERS = (
    "STT",
    "Mã hồ sơ",
    "Tên thủ tục",
    "Số bộ hồ sơ",
    "Tên chủ hồ sơ",
    "Địa chỉ",
    "Số điện thoại",
    "Ngày nhận hồ sơ",
    "Ngày hẹn trả kết quả",
    "Ngày có kết quả",
    "Đã trả: người giao",
    "Đã trả: người nhận",
    "Ghi chú",
)


@dataclass(frozen=True)
class RegisterRow:
    number: int
    code: str
    procedure_name: str
    sets: int
    owner_name: str
    address: str
    phone: str
    received_at: datetime
    due_at: datetime | None
    result_at: datetime | None
    returned_by: str
    returned_to: str
    notes: str

    def values(self) -> list[Any]:
        """Cells in REGISTER_HEADERS order; dates as date objects (no time of day)."""
        return [
            self.number,
            self.code,
            self.procedure_name,
            self.sets,
            self.owner_name,
            self.address,
            self.phone,
            _day(self.received_at),
            _day(self.due_at),
            _day(self.result_at),
            self.returned_by,
            self.returned_to,
            self.notes,
        ]

    def cells(self) -> list[str]:
        """Cells as text, dates dd/MM/yyyy, for CSV and the printed register."""
        return [vn_date(v) if isinstance(v, date) else str(v) for v in self.values()]


def vn_date(value: date | datetime | None) -> str:
    return "" if value is None else f"{value:%d/%m/%Y}"


def _day(value: datetime | None) -> date | None:
    return None if value is None else value.date()


def _time(value: str | None) -> datetime | None:
    return clock.parse_iso(value) if value else None


def _notes(notes: str | None, status: str, extra: dict[str, Any]) -> str:
    parts = [notes] if notes else []
    if status in (Status.STOPPED, Status.WITHDRAWN, Status.REFUSED):
        parts.append(LABEL_VI[Status(status)])
    if extra.get("extended_due_at"):
        parts.append(f"Gia hạn (Mẫu 04) đến {vn_date(_time(extra['extended_due_at']))}")
    if int(extra.get("supplement_count", 0)):
        parts.append(f"Yêu cầu bổ sung {extra['supplement_count']} lần")
    return "; ".join(parts)


def register_rows(counter: Counter, date_from: date, date_to: date) -> list[RegisterRow]:
    """Dossiers received in [date_from, date_to], in order of receipt (refusals at intake are
    not entered in the register). The due date shown is the current appointment."""
    start, end = period_bounds(date_from, date_to)
    rows = counter._store.reports.register(clock.iso(start), clock.iso(end))  # core-internal
    result = []
    for number, r in enumerate(rows, 1):
        (
            code,
            proc_name,
            sets,
            owner,
            address,
            phone,
            received,
            due,
            result_at,
            returned_at,
            returned_to,
            notes,
            status,
            extra_text,
            giver,
        ) = r
        extra = json.loads(extra_text)
        due = due or extra.get("due_at_when_ended")
        result_at = result_at or (returned_at if status == Status.RETURNED else None)
        row = RegisterRow(
            number=number,
            code=code,
            procedure_name=proc_name,
            sets=int(sets),
            owner_name=owner or "",
            address=address or "",
            phone=phone or "",
            received_at=clock.parse_iso(received),
            due_at=_time(due),
            result_at=_time(result_at),
            returned_by=giver or "",
            returned_to=returned_to or "",
            notes=_notes(notes, status, extra),
        )
        result.append(row)
    return result
