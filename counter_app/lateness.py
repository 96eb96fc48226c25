"""Late flags: dossiers past their due date, or due within one working day, still being
processed; and the checks for the apology letter (Mẫu 04) that sets a new date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from counter_app.i18n import _

from . import clock
from .calendar import WorkCalendar
from .errors import ValidationError
from .lifecycle import Status
from .models import Dossier
from .store import Store
from .text import nfc
from .validation import check_length

LateState = Literal["late", "due_soon"]
# The clock runs in these statuses; a dossier waiting for the citizen's supplement is paused,
# and one with its result ready is no longer at risk.
RUNNING = (Status.RECEIVED, Status.PROCESSING, Status.PAYMENT_REQUESTED)
# An apology may be sent while the dossier is not finished (Decree 61 asks for it at least one
# working day before the due date, so it is not limited to dossiers already late).
APOLOGY_ALLOWED = (*RUNNING, Status.SUPPLEMENT_REQUESTED)


@dataclass(frozen=True)
class LateFlag:
    code: str
    procedure_code: str
    procedure_name: str
    status: str
    received_at: str
    due_at: str
    state: LateState

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "procedure_code": self.procedure_code,
            "procedure_name": self.procedure_name,
            "status": self.status,
            "received_at": self.received_at,
            "due_at": self.due_at,
            "state": self.state,
        }


def horizon(calendar: WorkCalendar, now: datetime) -> datetime:
    """Due on or before this moment = late or late within one working day."""
    return calendar.add_working_time(now, calendar.day_length)


def state_of(due_at: str, now: datetime) -> LateState:
    return "late" if clock.parse_iso(due_at) < now else "due_soon"


def dossier_state(d: Dossier, calendar: WorkCalendar, now: datetime) -> LateState | None:
    """Judged against the appointment the citizen holds: the extension when there is one."""
    due = d.appointment
    if d.status not in RUNNING or not due:
        return None
    if clock.parse_iso(due) > horizon(calendar, now):
        return None
    return state_of(due, now)


def running_late(store: Store, calendar: WorkCalendar, now: datetime) -> list[LateFlag]:
    """Dossiers late or late within one working day, soonest due first."""
    rows = store.reports.due_before(  # judged against the appointment, extension included
        tuple(s.value for s in RUNNING), clock.iso(horizon(calendar, now))
    )
    return [
        LateFlag(code, proc_code, proc_name, status, received, due, state_of(due, now))
        for code, proc_code, proc_name, status, received, due in rows
    ]


def check_apology(
    d: Dossier,
    reason: str,
    new_due: datetime,
    calendar: WorkCalendar,
    now: datetime,
    lead_days: float = 1,
) -> str:
    """The cleaned reason, or ValidationError: a reason, an unfinished dossier whose current
    appointment is at least `lead_days` working days away, and a new date in working time
    after it."""
    errors: dict[str, str] = {}
    reason = nfc(reason)
    if not reason:
        errors["reason"] = _("cần ghi lý do")
    elif problem := check_length(reason, "reason"):
        errors["reason"] = problem
    current = d.appointment
    if d.status not in APOLOGY_ALLOWED or not current:
        errors["code"] = _("hồ sơ {code} đang ở trạng thái '{value}', không hẹn lại được").format(
            code=d.code, value=d.status.value
        )
    elif (due := clock.parse_iso(current)) <= now:
        errors["code"] = _(
            "đã quá hạn trả kết quả ({due:%H:%M %d/%m/%Y}): văn bản xin lỗi và đề nghị gia hạn phải gửi trước ngày hẹn"
        ).format(due=due)
    elif calendar.add_working_time(now, calendar.day_length * lead_days) > due:
        errors["code"] = _(
            "còn chưa đến {lead_days:g} ngày làm việc trước hạn ({due:%H:%M %d/%m/%Y}): văn bản xin lỗi phải gửi trước ít nhất {lead_days:g} ngày làm việc"
        ).format(lead_days=lead_days, due=due)
    elif new_due <= due:
        errors["new_due"] = _("ngày hẹn mới phải sau ngày hẹn cũ")
    elif not calendar.is_working_time(new_due):
        errors["new_due"] = _("ngoài giờ làm việc; giờ mở cửa tiếp theo: {value}").format(
            value=clock.iso(calendar.next_opening(new_due))
        )
    if errors:
        raise ValidationError(errors)
    return reason
