"""Intake and the life of a dossier from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from counter_app.i18n import _

from .. import clock
from ..dossier_book import STOP_NOTICE
from ..errors import NotFound, ValidationError
from ..intake import IntakeRequest, parse_document_args, validate
from ..lifecycle import LABEL_VI, Status, parse_status
from ..models import DocumentReceived, Dossier, Procedure
from .context import Context, emit_json


def register(sub: Any) -> None:
    p = sub.add_parser("intake", help="take in a dossier; prints its code")
    p.add_argument("--procedure", required=True, help="procedure code")
    p.add_argument("--name", required=True)
    p.add_argument("--id-number", required=True)
    p.add_argument("--phone", required=True)
    p.add_argument("--address")
    p.add_argument("--email")
    p.add_argument("--dob", help="YYYY-MM-DD or dd/mm/yyyy")
    p.add_argument("--gender", choices=["Nam", "Nữ"])
    p.add_argument("--owner-name", help="the dossier's owner when someone files on their behalf")
    p.add_argument("--owner-id-number")
    p.add_argument(
        "--documents",
        nargs="*",
        metavar="N[=o/c/p]",
        help="checklist items received (default: all), with counts "
        "originals/certified copies/photocopies",
    )
    p.add_argument("--sets", type=int, default=1)
    p.add_argument("--notes")
    p.add_argument("--received-at", help="ISO-8601 (default: now)")
    p.add_argument(
        "--resolving-unit",
        metavar="AGENCY_CODE",
        help="the competent office of the province when it is not this one (see 'offices')",
    )
    p.add_argument(
        "--handout",
        choices=["receiving", "resolving"],
        default="receiving",
        help="where the citizen collects the result (default: this office)",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_intake)

    p = sub.add_parser("offices", help="the province's offices a dossier may be received for")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_offices)

    p = sub.add_parser("show", help="one dossier with its events")
    p.add_argument("code")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("search", help="find dossiers by name, code, ID number or phone")
    p.add_argument("text")
    p.add_argument("--limit", type=int, default=20, help="0 for all")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("access-log", help="who read which dossier, and when (supervisors)")
    p.add_argument("--limit", type=int, default=200)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_access_log)

    p = sub.add_parser("status", help="change a dossier's status")
    p.add_argument("code")
    p.add_argument("--to", required=True, help=", ".join(s.value for s in Status))
    p.add_argument("--note")
    p.add_argument(
        "--result-file",
        type=Path,
        help="with --to result_ready: the electronic result, attached in the same step",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("return", help="hand the result to the citizen")
    p.add_argument("code")
    p.add_argument("--to-person", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_return)


def _received_at(value: str | None) -> Any:
    if value is None:
        return None
    try:
        return clock.parse_iso(value)
    except ValueError:
        raise ValidationError(
            {"received_at": _("'{value}' không phải ISO-8601").format(value=value)}
        ) from None


def cmd_intake(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    documents, doc_errors = _documents(ctx, args)
    req = IntakeRequest(
        procedure_code=args.procedure,
        full_name=args.name,
        id_number=args.id_number,
        phone=args.phone,
        address=args.address,
        email=args.email,
        birth_date=args.dob,
        gender=args.gender,
        owner_name=args.owner_name,
        owner_id_number=args.owner_id_number,
        documents=documents,
        sets=args.sets,
        notes=args.notes,
        received_at=_received_at(args.received_at),
        resolving_unit=args.resolving_unit,
        handout=args.handout,
    )
    if doc_errors:
        # Name every bad field at once, the documents among them; nothing is written.
        try:
            validate(req, _procedure_or_none(ctx, args.procedure), clock.now())
        except ValidationError as exc:
            raise ValidationError({**exc.errors, **doc_errors}) from None
        raise ValidationError(doc_errors)
    dossier = ctx.counter.dossiers.intake(actor, req)
    if args.json:
        emit_json(dossier.to_dict())
    else:
        print(dossier.code)
    return 0


def _documents(
    ctx: Context, args: argparse.Namespace
) -> tuple[tuple[DocumentReceived, ...] | None, dict[str, str]]:
    if args.documents is None:
        return None, {}
    try:
        return parse_document_args(
            args.documents, ctx.counter.catalogue.procedure(args.procedure)
        ), {}
    except NotFound:
        return None, {}  # validate() names the unknown procedure
    except ValidationError as exc:
        return None, exc.errors


def _procedure_or_none(ctx: Context, code: str) -> Procedure | None:
    try:
        return ctx.counter.catalogue.procedure(code)
    except NotFound:
        return None


def cmd_offices(ctx: Context, args: argparse.Namespace) -> int:
    offices = ctx.counter.catalogue.province_offices()
    if args.json:
        emit_json([{"agency_code": o.agency_code, "name": o.name} for o in offices])
        return 0
    for o in offices:
        print(f"{o.agency_code:<20} {o.name}")
    return 0


def _summary(d: Dossier) -> str:
    due = d.due_at[:16].replace("T", " ") if d.due_at else "—"
    if d.extended_due_at:
        due += f" → {d.extended_due_at[:16].replace('T', ' ')}"
    held = f" [{d.holder}]" if d.resolving_unit != d.receiving_unit else ""
    due_word = _("hẹn")
    return f"{d.code:<28} {d.status.value:<21} {due_word} {due:<16} {d.applicant.full_name}{held}"


def cmd_show(ctx: Context, args: argparse.Namespace) -> int:
    # A citizen's data is read as a user, like a change is made: named, checked, recorded.
    dossier, events = ctx.counter.dossiers.view(ctx.actor(), args.code)
    if args.json:
        data = dossier.to_dict()
        data["events"] = [e.__dict__ for e in events]
        emit_json(data)
        return 0
    a = dossier.applicant
    print(f"Mã hồ sơ:   {dossier.code}")
    print(f"Thủ tục:    {dossier.procedure_code} {dossier.procedure_name}")
    print(f"Người nộp:  {a.full_name}  ({a.id_number}, {a.phone})")
    print(
        f"Trạng thái: {LABEL_VI[dossier.status]} [{dossier.status.value}, "
        f"{dossier.national_status}]"
    )
    print(f"Nhận lúc:   {dossier.received_at}    Hẹn trả: {dossier.due_at or '—'}")
    if dossier.extended_due_at:
        print(
            _("Gia hạn:    {extended_due_at}  (Mẫu 04; hẹn ban đầu ở trên)").format(
                extended_due_at=dossier.extended_due_at
            )
        )
    if dossier.resolving_unit != dossier.receiving_unit:
        print(
            _(
                "Cơ quan:    nhận {receiving_unit}, giải quyết {resolving_unit}, trả {handout_office}; đang giữ {holder}"
            ).format(
                receiving_unit=dossier.receiving_unit,
                resolving_unit=dossier.resolving_unit,
                handout_office=dossier.handout_office,
                holder=dossier.holder,
            )
        )
    print(f"Đồng bộ:    {dossier.sync_state.value} {dossier.sync_error or ''}")
    for e in events:
        change = f"{e.old_status or ''} -> {e.new_status}" if e.new_status else ""
        print(f"  {e.at}  {e.username:<12} {e.kind:<8} {change} {e.note or ''}".rstrip())
    return 0


def cmd_search(ctx: Context, args: argparse.Namespace) -> int:
    if args.limit < 0:
        raise ValidationError({"limit": _("--limit ≥ 0 (0: tất cả)")})
    found = ctx.counter.dossiers.search_as(
        ctx.actor(), args.text, None if args.limit == 0 else args.limit
    )
    if args.json:
        emit_json([d.to_dict() for d in found])
        return 0
    for d in found:
        print(_summary(d))
    return 0


def cmd_access_log(ctx: Context, args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise ValidationError({"limit": "--limit ≥ 1"})
    entries = ctx.counter.dossiers.access_log(ctx.actor(), args.limit)
    if args.json:
        emit_json([e.__dict__ for e in entries])
        return 0
    for e in entries:
        print(f"{e.at}  {e.username:<12} {e.action:<8} {e.dossier_uuid or '—'}")
    return 0


def cmd_status(ctx: Context, args: argparse.Namespace) -> int:
    to = parse_status(args.to)
    if to in STOP_NOTICE and not (args.note or "").strip():
        # The notice of stopping (Mẫu 05) states the reason.
        raise ValidationError({"note": _("cần ghi lý do dừng/rút hồ sơ (--note)")})
    if args.result_file is not None:
        if to is not Status.RESULT_READY:
            raise ValidationError({"result_file": _("--result-file chỉ đi với --to result_ready")})
        dossier = ctx.counter.result_files.mark_ready(
            ctx.actor(), args.code, args.result_file, args.note
        )
    else:
        dossier = ctx.counter.dossiers.change_status(ctx.actor(), args.code, to, args.note)
    if args.json:
        emit_json(dossier.to_dict())
    else:
        print(_summary(dossier))
    return 0


def cmd_return(ctx: Context, args: argparse.Namespace) -> int:
    dossier = ctx.counter.dossiers.return_result(ctx.actor(), args.code, args.to_person)
    if args.json:
        emit_json(dossier.to_dict())
    else:
        print(_summary(dossier))
    return 0
