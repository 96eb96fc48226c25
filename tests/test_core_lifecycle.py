"""The dossier life cycle as a hypothesis state machine over a real counter database."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from conftest import AGENCY, PASSWORD
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule

from counter_app.counter import Counter
from counter_app.errors import PermissionDenied, TransitionError
from counter_app.intake import IntakeRequest
from counter_app.lifecycle import NATIONAL_CODE, TRANSITIONS, Status, parse_status
from counter_app.models import Office, Role
from counter_app.resources import demo_procedures


def _counts(c: Counter) -> tuple[int, int, int]:
    row = c._store.conn.execute(
        "SELECT (SELECT count(*) FROM dossiers), (SELECT count(*) FROM events), "
        "(SELECT count(*) FROM outbox)"
    ).fetchone()
    return int(row[0]), int(row[1]), int(row[2])


class LifeCycle(RuleBasedStateMachine):
    dossiers = Bundle("dossiers")

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="lifecycle-"))
        self.c = Counter.open(self.folder)
        admin = self.c.setup(
            Office(agency_code=AGENCY, name="UBND"), "Quầy 1", "admin", "Admin", PASSWORD
        )
        self.c.catalogue.load_procedures(demo_procedures())
        self.clerk = self.c.accounts.add(admin, "lan", "Trần Thị Lan", Role.CLERK, PASSWORD)
        self.admin = admin
        self.model: dict[str, Status] = {}
        self.n = 0

    def teardown(self) -> None:
        assert self.c.check() == []
        self.c.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    @rule(target=dossiers)
    def intake(self) -> str:
        self.n += 1
        d = self.c.dossiers.intake(
            self.clerk,
            IntakeRequest(
                procedure_code="1.000894",
                full_name=f"Lê Văn {self.n}",
                id_number="079090123456",
                phone="0901234567",
            ),
        )
        self.model[d.code] = Status.RECEIVED
        return d.code

    @rule(
        code=dossiers,
        to=st.sampled_from(list(Status)),
        note=st.none() | st.text(max_size=20),
        boss=st.booleans(),
    )
    def change(self, code: str, to: Status, note: str | None, boss: bool) -> None:
        before, changes = _counts(self.c), self.c._store.conn.total_changes
        old = self.model[code]
        events_before = len(self.c.dossiers.events(code))
        actor = self.admin if boss else self.clerk
        if to is Status.STOPPED and not boss:  # the role table: only a supervisor stops
            with pytest.raises(PermissionDenied):
                self.c.dossiers.change_status(actor, code, to, note)
            assert self.c._store.conn.total_changes == changes
        elif to is Status.RETURNED:
            # Handing over goes through return_result, which records the recipient.
            with pytest.raises(TransitionError) as exc:
                self.c.dossiers.change_status(self.clerk, code, to, note)
            assert "--to-person" in str(exc.value)
            assert _counts(self.c) == before and self.c._store.conn.total_changes == changes
        elif to in TRANSITIONS[old]:
            d = self.c.dossiers.change_status(actor, code, to, note)
            self.model[code] = to
            assert d.status is to and d.national_status == NATIONAL_CODE[to]
            assert _counts(self.c) == (before[0], before[1] + 1, before[2] + 1)
            event = self.c.dossiers.events(code)[-1]
            assert (event.old_status, event.new_status) == (old.value, to.value)
            assert len(self.c.dossiers.events(code)) == events_before + 1
        else:
            with pytest.raises(TransitionError) as exc:
                self.c.dossiers.change_status(actor, code, to, note)
            assert f"từ '{old.value}' sang '{to.value}'" in str(exc.value)
            assert _counts(self.c) == before
            assert self.c._store.conn.total_changes == changes  # nothing written at all
            assert self.c.dossiers.get(code).status is old

    @rule(code=dossiers)
    def give_back(self, code: str) -> None:
        before = _counts(self.c)
        old = self.model[code]
        if old is Status.RESULT_READY:
            d = self.c.dossiers.return_result(self.clerk, code, "Lê Văn Nhận")
            self.model[code] = Status.RETURNED
            assert d.returned_to == "Lê Văn Nhận" and d.national_status == 10
            assert _counts(self.c) == (before[0], before[1] + 1, before[2] + 1)
        else:
            with pytest.raises(TransitionError):
                self.c.dossiers.return_result(self.clerk, code, "Lê Văn Nhận")
            assert _counts(self.c) == before

    @invariant()
    def stored_statuses_match_the_model(self) -> None:
        for code, status in self.model.items():
            assert self.c.dossiers.get(code).status is status


LifeCycle.TestCase.settings = settings(max_examples=8, stateful_step_count=25, deadline=None)
TestLifeCycle = LifeCycle.TestCase


def test_every_status_maps_to_a_distinct_national_code_two_to_ten() -> None:
    assert sorted(NATIONAL_CODE.values()) == list(range(2, 11))
    for status, code in NATIONAL_CODE.items():
        assert parse_status(str(code)) is status and parse_status(status.value) is status


def test_an_unknown_status_name_is_refused_with_the_list_of_names() -> None:
    with pytest.raises(TransitionError) as exc:
        parse_status("done")
    assert "received" in str(exc.value) and "supplement_requested" in str(exc.value)


def test_final_statuses_allow_nothing() -> None:
    for status in (Status.RETURNED, Status.REFUSED, Status.WITHDRAWN, Status.STOPPED):
        assert TRANSITIONS[status] == frozenset()
