"""The return desk's search and waiting list in the core: by name with or without accents, ID
number, phone or the last digits of the code; ready results first, by appointment."""

from __future__ import annotations

from datetime import timedelta

from counter_app import clock
from counter_app.counter import Counter
from counter_app.intake import IntakeRequest
from counter_app.lifecycle import Status
from counter_app.models import User


def _intake(c: Counter, clerk: User, name: str, id_number: str, phone: str) -> str:
    code = c.catalogue.procedures(active_only=True)[0].code
    return c.dossiers.intake(clerk, IntakeRequest(code, name, id_number, phone)).code


def test_find_by_what_the_citizen_can_tell(counter: Counter, clerk: User) -> None:
    duc = _intake(counter, clerk, "Đặng Văn Đức", "079090001234", "0903123456")
    hoa = _intake(counter, clerk, "Nguyễn Thị Hoa", "001185009876", "0912000111")
    counter.dossiers.change_status(clerk, hoa, Status.RESULT_READY)
    desk = counter.return_desk
    assert [d.code for d in desk.find("dang van duc")] == [duc]  # without accents
    assert [d.code for d in desk.find("Đặng Văn Đức")] == [duc]
    assert [d.code for d in desk.find("001185009876")] == [hoa]  # ID number
    assert [d.code for d in desk.find("0912000111")] == [hoa]  # phone
    assert [d.code for d in desk.find(hoa[-3:])] == [hoa]  # the end of the code
    assert [d.code for d in desk.find(duc[-4:])] == [duc]
    assert desk.find("") == [] and desk.find("  ") == []
    both = desk.find("0")  # one digit is too few for a code end, but a prefix of both phones
    assert [d.code for d in both] == [hoa, duc]  # ready to hand over first


def test_waiting_list_is_ready_results_by_appointment(counter: Counter, clerk: User) -> None:
    codes = [
        _intake(counter, clerk, f"Người {n}", f"07909000{n:04d}", "0903123456") for n in range(4)
    ]
    for code in codes[:3]:
        counter.dossiers.change_status(clerk, code, Status.RESULT_READY)
    waiting = counter.return_desk.waiting()
    assert {d.code for d in waiting} == set(codes[:3])
    dues = [d.due_at or "" for d in waiting]
    assert dues == sorted(dues)
    far_past = (clock.now() - timedelta(days=400)).date()
    assert counter.return_desk.waiting(today=far_past) == []  # none was due back then
    far_future = (clock.now() + timedelta(days=400)).date()
    assert len(counter.return_desk.waiting(today=far_future)) == 3
