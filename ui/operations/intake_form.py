"""Operations of the Tiếp nhận form beyond the intake itself (ui.operations.intake, a name this
module must not take: a submodule would shadow that function): the check that names every
problem at once, the guidance form for missing documents, and the typed drafts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from counter_app.models import Dossier, Procedure, User

from . import Op

if TYPE_CHECKING:
    from counter_app.drafts import Draft
    from counter_app.intake import IntakeRequest

    from ..context import AppContext
    from ..printing import RenderedForm


def check(ctx: AppContext, *, req: IntakeRequest) -> Op[dict[str, str]]:
    """Every problem of the request by field; nothing is saved."""
    return ctx.op(lambda c: c.dossiers.check_intake(req))


def guidance(
    ctx: AppContext, *, actor: User, req: IntakeRequest, missing: list[str]
) -> Op[RenderedForm]:
    """Mẫu 02 for a citizen who still lacks documents, rendered for a request never saved."""
    from .. import printing  # Qt PDF loads when a form is first shown, not with the page

    return ctx.op(lambda c: printing.render_guidance(c, actor, req, missing))


def procedure(ctx: AppContext, *, code: str) -> Op[Procedure]:
    return ctx.op(lambda c: c.catalogue.procedure(code))


def save_draft(ctx: AppContext, *, user: User, fields: dict[str, Any]) -> Op[None]:
    return ctx.op(lambda c: c.drafts.save(user, fields))


def load_draft(ctx: AppContext, *, user: User) -> Op[Draft | None]:
    return ctx.op(lambda c: c.drafts.load(user))


def discard_draft(ctx: AppContext, *, user: User) -> Op[None]:
    return ctx.op(lambda c: c.drafts.discard(user))


def accept(
    ctx: AppContext, *, actor: User, req: IntakeRequest, staged: list[tuple[int, Path]]
) -> Op[Dossier]:
    """The dossier and the scans staged on its items (item from 1, file), in one transaction."""
    from counter_app.attachments import StagedFile

    files = [StagedFile(item, path) for item, path in staged]
    return ctx.op(
        lambda c: c.attachments.accept_intake(actor, req, files, c.dossiers.intake),
        changes={"dossiers"},
    )


def attachment_limit(ctx: AppContext) -> Op[int]:
    """The largest file the office accepts, in bytes (setting attachment_max_mb)."""
    return ctx.op(lambda c: c.attachments.max_bytes())
