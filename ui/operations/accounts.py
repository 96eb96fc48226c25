"""Operations of the accounts: Quản trị → Người dùng, the password dialogs and the idle lock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from counter_app.models import Role, User

from . import Op

if TYPE_CHECKING:
    # Types only, as in the package: the core's services load on the database worker.
    from counter_app.accounts import Account

    from ..context import AppContext


def listing(ctx: AppContext) -> Op[tuple[list[Account], int]]:
    """Every account and the idle lock, read together for the users tab."""
    return ctx.op(lambda c: (c.accounts.listing(), c.accounts.idle_lock_minutes()))


def add_user(
    ctx: AppContext, *, actor: User, username: str, full_name: str, role: Role, password: str
) -> Op[User]:
    return ctx.op(
        lambda c: c.accounts.add(actor, username, full_name, role, password), changes={"users"}
    )


def unlock(ctx: AppContext, *, actor: User, username: str) -> Op[None]:
    return ctx.op(lambda c: c.accounts.unlock(actor, username), changes={"users"})


def disable(ctx: AppContext, *, actor: User, username: str) -> Op[None]:
    return ctx.op(lambda c: c.accounts.disable(actor, username), changes={"users"})


def enable(ctx: AppContext, *, actor: User, username: str) -> Op[None]:
    return ctx.op(lambda c: c.accounts.enable(actor, username), changes={"users"})


def change_password(ctx: AppContext, *, username: str, old: str, new: str, again: str) -> Op[User]:
    return ctx.op(
        lambda c: c.accounts.change_password(username, old, new, again), changes={"users"}
    )


def reset_password(
    ctx: AppContext, *, actor: User, username: str, new: str, again: str
) -> Op[None]:
    return ctx.op(
        lambda c: c.accounts.reset_password(actor, username, new, again), changes={"users"}
    )


def idle_lock_minutes(ctx: AppContext) -> Op[int]:
    return ctx.op(lambda c: c.accounts.idle_lock_minutes())


def set_idle_lock_minutes(ctx: AppContext, *, actor: User, minutes: int) -> Op[None]:
    # "settings": every desk's session re-reads its idle time (ui/session.py).
    return ctx.op(lambda c: c.accounts.set_idle_lock_minutes(actor, minutes), changes={"settings"})
