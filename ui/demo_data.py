"""Realistic demo dossiers for screenshots, demos and the UI tests (no Qt here).

Everything goes through the Counter API, so the data is what a real desk would hold: intake
at office hours over the last weeks, status changes, results handed over and rated, a few
late dossiers, supplements asked for, most dossiers already at the province and the newest
still waiting, one sync error and a short sync log. `seed()` is what a new demo office opens
with, so every page shows what it is for. Two-level local government (2025): communes and
provinces, no districts.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from counter_app import clock
from counter_app.counter import Counter
from counter_app.intake import IntakeRequest
from counter_app.lifecycle import Status
from counter_app.models import DocumentReceived, User

PEOPLE = (
    ("Nguyễn Văn An", "079090001234", "0903123456", "12 Nguyễn Huệ, phường Bến Nghé"),
    ("Trần Thị Bích Ngọc", "079185004321", "0912876543", "45 Lê Lợi, phường Bến Nghé"),
    ("Lê Hoàng Phúc", "079092007788", "0938111222", "8 Hai Bà Trưng, phường Bến Nghé"),
    ("Phạm Thị Thu Hà", "079187009911", "0977333444", "102 Pasteur, phường Bến Nghé"),
    ("Đặng Văn Đức", "001090123456", "0909555666", "3 Tôn Đức Thắng, phường Bến Nghé"),
    ("Võ Minh Khoa", "079095002468", "0918777888", "27 Đồng Khởi, phường Bến Nghé"),
    ("Huỳnh Thị Mai", "079189001357", "0906999000", "60 Mạc Thị Bưởi, phường Bến Nghé"),
    ("Bùi Quang Huy", "079093008642", "0935246810", "15 Thi Sách, phường Bến Nghé"),
)
PROCEDURES = (
    "1.001193",
    "1.004884",
    "1.000894",
    "1.004222",
    "1.004194",
    "1.001612",
    "2.000815",
    "1.000656",
    "1.004837",
)


@contextmanager
def pinned(at: datetime) -> Iterator[None]:
    """The clock at `at` while the demo's past is written, so each event bears its own time."""
    before = os.environ.get("COUNTER_APP_NOW")
    os.environ["COUNTER_APP_NOW"] = clock.iso(at)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("COUNTER_APP_NOW", None)
        else:
            os.environ["COUNTER_APP_NOW"] = before


def request(counter: Counter, i: int, received: datetime) -> IntakeRequest:
    name, id_number, phone, address = PEOPLE[i % len(PEOPLE)]
    proc = counter.catalogue.procedure(PROCEDURES[i % len(PROCEDURES)])
    docs = tuple(
        DocumentReceived(d.name, d.originals, d.certified_copies, d.photocopies)
        for d in proc.documents
    )
    # A CCCD number carries the century and sex (4th digit) and the year of birth (5th-6th).
    century = 1900 + 100 * (int(id_number[3]) // 2)
    birth = f"{century + int(id_number[4:6])}-05-17"
    gender = "Nam" if int(id_number[3]) % 2 == 0 else "Nữ"
    return IntakeRequest(
        proc.code,
        name,
        id_number,
        phone,
        address=address,
        birth_date=birth,
        gender=gender,
        documents=docs,
        received_at=received,
    )


def fill(
    counter: Counter, clerks: list[User], now: datetime, count: int = 40, days: int = 21
) -> list[str]:
    """Up to `count` dossiers received from `days` days before `now`; returns their codes."""
    cal = counter.calendar_book.current()
    codes: list[str] = []
    at = now - timedelta(days=days)
    for i in range(count):
        at = cal.next_opening(at + timedelta(minutes=37 + 11 * (i % 5)))
        if at >= now:
            break
        user = clerks[i % len(clerks)]
        with pinned(at):
            d = counter.dossiers.intake(user, request(counter, i, at))
        codes.append(d.code)
        step = at + timedelta(hours=1)
        if step >= now:
            continue
        kind = i % 7
        if (
            kind in (0, 1, 2, 5, 6)
            and d.due_at
            and clock.parse_iso(d.due_at) < now - timedelta(hours=2)
        ):
            counter.dossiers.change_status(user, d.code, Status.PROCESSING, at=step)
            done = clock.parse_iso(d.due_at) - timedelta(hours=1 if kind else -20)
            if done < now:
                counter.dossiers.change_status(
                    user, d.code, Status.RESULT_READY, at=max(done, step)
                )
                handed = max(done, step) + timedelta(hours=2)
                if kind in (0, 5) and handed < now:
                    counter.dossiers.return_result(
                        user, d.code, PEOPLE[i % len(PEOPLE)][0], at=handed
                    )
                    with pinned(handed):
                        counter.dossiers.rate(user, d.code, ("rat_hai_long", "hai_long")[i % 2])
        elif kind == 3:
            counter.dossiers.change_status(user, d.code, Status.PROCESSING, at=step)
        elif kind == 4 and i % 3 == 0:
            counter.dossiers.change_status(
                user,
                d.code,
                Status.SUPPLEMENT_REQUESTED,
                "Thiếu bản sao giấy chứng nhận kết hôn",
                at=step,
            )
    return codes


def mark_sync_error(counter: Counter, code: str, error: str) -> None:
    """What the sync engine records when the province refuses a record (demo only)."""
    uuid = counter.dossiers.get(code).uuid
    records = [r.uuid for r in counter.sync_book.batch(100_000) if r.entity_uuid == uuid]
    counter.sync_book.mark_failed(records, error, None)


# The demo office's parent body: a province (districts no longer exist since 1 July 2025).
DEMO_PARENT = "UBND TỈNH DEMO"
OFFLINE_WORDS = (
    "Mạng/máy chủ tỉnh không trả lời — sẽ tự thử lại / the network or the provincial hub "
    "does not answer — the desk will retry by itself"
)


def seed(counter: Counter, clerks: list[User], now: datetime, days: int = 21) -> list[str]:
    """A few weeks of a commune desk's work as a new demo office opens with it."""
    codes = fill(counter, clerks, now, count=12 * days, days=days)
    book = counter.sync_book
    # Everything made before this morning's sync reached the province; today's work waits.
    last_sync = now.replace(hour=7, minute=35, second=0, microsecond=0)
    if last_sync > now:
        last_sync -= timedelta(days=1)
    stamp = clock.iso(last_sync)
    with pinned(last_sync):
        book.acknowledge([(r.uuid, 1) for r in book.batch(100_000) if r.created_at < stamp])
    if len(codes) > 2:
        mark_sync_error(
            counter,
            codes[-2],
            "mã xã chưa có trong danh mục của tỉnh / commune code not in the province's list",
        )
    runs: tuple[tuple[datetime, int, int, list[str]], ...] = (
        (last_sync - timedelta(hours=20), 42, 3, []),
        (last_sync - timedelta(hours=15), 0, 0, [OFFLINE_WORDS]),
        (last_sync, 9, 1, []),
    )
    for at, pushed, pulled, errors in runs:
        with pinned(at):
            run = book.start_run("auto")
            book.finish_run(run, not errors, pushed, pulled, 0, 11 if errors else 0, errors)
    return codes
