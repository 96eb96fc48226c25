"""Intake drafts in the core: kept per user across a reopen (a crash or a power cut between
two keystrokes), replaced as typing goes on, deleted when empty or discarded; and the intake
check that names every problem at once without writing."""

from __future__ import annotations

from pathlib import Path

from counter_app.counter import Counter
from counter_app.intake import IntakeRequest
from counter_app.models import User
from counter_app.store.schema import MIGRATIONS, SCHEMA_VERSION


def test_a_draft_survives_a_reopen_and_belongs_to_its_user(
    counter: Counter, supervisor: User, clerk: User, data_dir: Path
) -> None:
    counter.drafts.save(clerk, {"full_name": "Lê Văn", "procedure": ""})
    counter.drafts.save(clerk, {"full_name": "Lê Văn Tám", "phone": "0912"})
    counter.close()  # as if the power went out right after the last save

    again = Counter.open(data_dir)
    try:
        draft = again.drafts.load(clerk)
        assert draft is not None and draft.fields == {"full_name": "Lê Văn Tám", "phone": "0912"}
        assert draft.updated_at
        assert again.drafts.load(supervisor) is None  # one clerk's draft is not another's
        again.drafts.save(clerk, {"full_name": "", "phone": ""})  # an emptied form
        assert again.drafts.load(clerk) is None
        again.drafts.save(clerk, {"full_name": "X"})
        again.drafts.discard(clerk)
        assert again.drafts.load(clerk) is None
        assert len(MIGRATIONS) == SCHEMA_VERSION
    finally:
        again.close()


def test_check_intake_names_every_problem_and_writes_nothing(counter: Counter) -> None:
    code = counter.catalogue.procedures(active_only=True)[0].code
    before = counter.dossiers.count()
    problems = counter.dossiers.check_intake(
        IntakeRequest(procedure_code=code, full_name="", id_number="12ab", phone="12")
    )
    assert set(problems) >= {"full_name", "id_number", "phone"}
    assert counter.dossiers.count() == before
    good = IntakeRequest(
        procedure_code=code, full_name="Lê Văn Tám", id_number="001090012345", phone="0912345678"
    )
    assert counter.dossiers.check_intake(good) == {}
