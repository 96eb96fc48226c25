"""Attached files from the command line: `attach` and `attachments` (support staff, tests)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..i18n import _
from .context import Context, emit_json


def register(sub: Any) -> None:
    p = sub.add_parser("attach", help="attach a scan (PDF, JPEG, PNG, TIFF) to a dossier")
    p.add_argument("code")
    p.add_argument("file", type=Path)
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--document",
        type=int,
        metavar="N",
        help="the checklist item received (from 1, as 'show' lists them)",
    )
    which.add_argument("--result", action="store_true", help="the electronic result")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_attach)

    p = sub.add_parser("attachments", help="the files attached to a dossier")
    p.add_argument("code")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_attachments)


def cmd_attach(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    row = ctx.counter.attachments.attach(
        actor, args.code, args.file, item=args.document, result=args.result
    )
    if args.json:
        emit_json(row.to_dict())
    else:
        print(
            _("Đã đính kèm: {name} ({pages} tr., {size} B) sha256 {sha256}").format(
                name=row.name, pages=row.pages, size=row.size, sha256=row.sha256
            )
        )
    return 0


def cmd_attachments(ctx: Context, args: argparse.Namespace) -> int:
    rows = ctx.counter.attachments.of(args.code)
    if args.json:
        emit_json([r.to_dict() for r in rows])
        return 0
    if not rows:
        print(_("Chưa có tệp đính kèm"))
    for r in rows:
        item = _("kết quả") if r.kind == "result" else f"TP {r.item}"
        print(f"{item:<15} {r.size:>10} {r.sync_state:<8} {r.sha256[:16]}  {r.name}")
    return 0
