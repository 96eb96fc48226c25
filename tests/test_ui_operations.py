"""The operations layer: widgets run background work through named operations only, and an
operation announces the areas it declares changed once its write is done."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from ui.context import AppContext
from ui.operations import accounts as account_ops
from ui.operations import admin as admin_ops

UI = Path(__file__).resolve().parent.parent / "ui"
BUILDING_BLOCKS = {"op", "task_op", "net_op"}
# Callers of the building blocks that are not widgets, each for a reason.
ALLOWED = {
    "context.py": "defines them",
    "sync_service.py": "the background sync service runs its own round on the network worker",
    "printing.py": "render() is itself a named operation, beside the forms it renders",
    "screenshots.py": "a script that drives the app like a test",
}


def direct_calls(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in BUILDING_BLOCKS
        and isinstance(node.func.value, ast.Attribute | ast.Name)
        and (
            node.func.value.attr
            if isinstance(node.func.value, ast.Attribute)
            else node.func.value.id
        )
        == "ctx"
    ]


def test_widgets_call_named_operations_not_ctx_op() -> None:
    found = {
        str(path.relative_to(UI)): lines
        for path in sorted(UI.rglob("*.py"))
        if path.parent.name != "operations"
        and path.name not in ALLOWED
        and (lines := direct_calls(path))
    }
    assert found == {}, f"ctx.op() in a widget: make it a named operation in ui/operations: {found}"


def test_the_check_sees_a_direct_call(tmp_path: Path) -> None:
    widget = tmp_path / "widget.py"
    widget.write_text(
        "def refresh(self):\n    self.ctx.op(lambda c: c.catalogue.procedures()).run()\n"
    )
    assert direct_calls(widget) == [2]


def test_an_operation_announces_what_it_declared_changed(
    supervisor_ctx: AppContext, qtbot: QtBot
) -> None:
    actor = supervisor_ctx.user
    assert actor is not None
    day = date(2031, 3, 3)
    with qtbot.waitSignal(supervisor_ctx.changed) as changed:
        admin_ops.add_calendar_day(
            supervisor_ctx, actor=actor, day=day, reason="Thử", kind="off"
        ).run()
    assert changed.args == [frozenset({"calendar"})]

    with qtbot.waitSignal(supervisor_ctx.changed) as changed:
        account_ops.set_idle_lock_minutes(supervisor_ctx, actor=actor, minutes=7).run()
    assert changed.args == [frozenset({"settings"})]
    got: list[int] = []
    with qtbot.waitSignal(supervisor_ctx.db.job_finished):
        account_ops.idle_lock_minutes(supervisor_ctx).success(got.append).run()
    assert got == [7]
