"""Operations of the setup wizard: a new office set up in one go."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from counter_app import clock, office_setup

from .. import demo_data
from . import Op, StartupState

if TYPE_CHECKING:
    from counter_app.counter import Counter

    from ..context import AppContext


def set_up_office(
    ctx: AppContext, *, plan: office_setup.SetupPlan, catalogue: Path | None
) -> Op[StartupState]:
    """The wizard's plan (and the catalogue file, read on the worker) applied together."""
    return ctx.op(lambda c: run_setup(c, plan, catalogue))


def run_setup(c: Counter, plan: office_setup.SetupPlan, catalogue: Path | None) -> StartupState:
    """On the worker: the catalogue file is read here, then everything is set up in one go."""
    from counter_app.resources import load_procedures_file

    if catalogue is not None:
        from dataclasses import replace

        plan = replace(plan, procedures=tuple(load_procedures_file(catalogue)))
    admin = office_setup.set_up_office(c, plan)
    if plan.training:  # the demo office opens with a few weeks of work, so every page shows it
        demo_data.seed(
            c,
            [*(u for u in c.accounts.users() if u.username != admin.username), admin],
            clock.now(),
        )
    return StartupState(True, c.office())
