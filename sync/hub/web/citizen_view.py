"""What the citizen's page shows of a dossier: a whitelist of fields, never a person's data.

The hub's copy of a dossier holds the applicant's name, ID number, phone and address; the page
is public (whoever holds the receipt, or a photo of it), so `citizen_view` copies only the
procedure, the code, the dates, the status and the offices, and the supplement request's note
(what papers are missing, as the clerk wrote it for the citizen).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from counter_app import clock
from counter_app.lifecycle import LABEL_VI, Status
from counter_app.signing import VerifiedReceipt

from ..ratings import can_rate
from ..storage import HubDossier, HubRating, HubStorage

OPENING_HOURS = "Sáng 7:00–11:30, chiều 13:30–17:00, thứ Hai đến thứ Sáu"


@dataclass(frozen=True)
class CitizenView:
    code: str
    procedure: str
    received_on: str
    due_on: str | None
    extended_on: str | None
    status: str
    status_words: str
    collect_where: str
    collect_when: str
    missing: str | None
    can_rate: bool
    rating: dict[str, str] | None
    rated_on: str | None


def when(iso: Any) -> str | None:
    """Office time, as a Vietnamese reader writes it."""
    if not iso:
        return None
    return clock.parse_iso(str(iso)).astimezone(clock.VN_TZ).strftime("%H:%M ngày %d/%m/%Y")


def matches(d: HubDossier, receipt: VerifiedReceipt) -> bool:
    """The receipt names this dossier: same code, office and minute of receipt."""
    received = clock.parse_iso(str(d.data.get("received_at") or ""))
    minute = received.astimezone(clock.VN_TZ).strftime("%Y%m%d%H%M")
    return (
        d.code == receipt.code
        and d.receiving_unit == receipt.agency_code
        and minute == receipt.received_at.strftime("%Y%m%d%H%M")
    )


def citizen_view(storage: HubStorage, d: HubDossier, rating: HubRating | None) -> CitizenView:
    data = d.data
    extra = data.get("extra") or {}
    status = Status(d.status)
    due, original = data.get("due_at"), extra.get("original_due_at")
    extended = data.get("extended_due_at") or (due if original else None)
    return CitizenView(
        code=d.code,
        procedure=str(data.get("procedure_name") or data.get("procedure_code") or ""),
        received_on=when(data.get("received_at")) or "",
        due_on=when(original or due),
        extended_on=when(extended),
        status=status.value,
        status_words=LABEL_VI[status],
        collect_where=f"Bộ phận Một cửa của cơ quan mã {d.handout_unit or d.receiving_unit}",
        collect_when=_collect_when(status, data),
        missing=_missing(storage, d) if status is Status.SUPPLEMENT_REQUESTED else None,
        can_rate=can_rate(d),
        rating=None if rating is None else dict(rating.answers),
        rated_on=None if rating is None else when(rating.changed_at),
    )


def _collect_when(status: Status, data: dict[str, Any]) -> str:
    if status is Status.RESULT_READY:
        return f"Kết quả đã có từ {when(data.get('result_at'))}; mời ông/bà đến nhận trong giờ làm việc."
    if status is Status.RETURNED:
        return f"Kết quả đã được trả lúc {when(data.get('returned_at'))}."
    if status in (Status.REFUSED, Status.WITHDRAWN, Status.STOPPED):
        return "Hồ sơ đã dừng: không có kết quả để nhận."
    due = data.get("due_at")
    return f"Theo giấy hẹn: {when(due)}." if due else "Cơ quan sẽ báo khi có kết quả."


def _missing(storage: HubStorage, d: HubDossier) -> str | None:
    requests = [
        e
        for e in storage.events_since(d.uuid, 0, "")
        if e.get("new_status") == Status.SUPPLEMENT_REQUESTED.value
    ]
    note = requests[-1].get("note") if requests else None
    return str(note) if note else "Xin liên hệ Bộ phận Một cửa để biết giấy tờ cần bổ sung."
