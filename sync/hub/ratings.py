"""Citizens' satisfaction ratings taken by the hub's public page: the survey, and its rules.

The questions are those of the national satisfaction survey that provinces use at the return
desk (manner of the staff, time taken, fees as published, overall), each on the desk's own
three-level scale, so a rating from a phone and one keyed at the desk count the same way. A
dossier has one rating: it can be given once its result was handed over, and changed for a
day after it was first given; the hub hands it to the receiving office's desks on their pull.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from counter_app import clock
from counter_app.lifecycle import Status

from .storage import HubDossier, HubRating, HubStorage

CHANNEL = "web"
QUESTIONS: tuple[tuple[str, str], ...] = (
    ("manner", "Thái độ, cách ứng xử của công chức"),
    ("time", "Thời gian giải quyết hồ sơ"),
    ("fees", "Phí, lệ phí đúng như đã niêm yết"),
    ("overall", "Mức độ hài lòng chung"),
)
LEVELS: tuple[tuple[str, str], ...] = (
    ("rat_hai_long", "Rất hài lòng"),
    ("hai_long", "Hài lòng"),
    ("khong_hai_long", "Không hài lòng"),
)
CHANGE_WINDOW = timedelta(days=1)


class RatingRefused(Exception):
    """Why a rating was not taken, in Vietnamese words for the citizen."""


def can_rate(d: HubDossier) -> bool:
    return d.status == Status.RETURNED.value


def check_answers(form: dict[str, str]) -> dict[str, str]:
    levels = {code for code, _ in LEVELS}
    answers = {key: form.get(key, "") for key, _ in QUESTIONS}
    if any(value not in levels for value in answers.values()):
        raise RatingRefused("Xin chọn một mức cho mỗi câu hỏi.")
    return answers


def rate(storage: HubStorage, d: HubDossier, answers: dict[str, str]) -> HubRating:
    """Store or change the dossier's rating, in one write transaction of the hub."""
    now = clock.now()
    with storage.transaction():
        if not can_rate(d):
            raise RatingRefused("Hồ sơ chưa trả kết quả: chỉ đánh giá được sau khi nhận kết quả.")
        old = storage.rating(d.uuid)
        if old is not None and now - clock.parse_iso(old.rated_at) > CHANGE_WINDOW:
            raise RatingRefused("Đánh giá chỉ sửa được trong một ngày kể từ khi gửi.")
        version = storage.next_version()
        stamp = clock.iso(now)
        rating = HubRating(
            d.uuid,
            d.code,
            d.receiving_unit,
            answers,
            answers["overall"],
            CHANNEL,
            stamp,
            stamp,
            version,
        )
        if old is not None:
            rating = replace(rating, rated_at=old.rated_at)
        storage.put_rating(rating)
    return rating


def rating_change(r: HubRating) -> dict[str, Any]:
    """A rating as a desk's pull receives it (no citizen data: the dossier names it)."""
    return {
        "dossier_uuid": r.dossier_uuid,
        "code": r.code,
        "level": r.level,
        "answers": r.answers,
        "channel": r.channel,
        "rated_at": r.rated_at,
        "changed_at": r.changed_at,
        "version": r.version,
    }
