"""`procedures result-file CODE --required/--optional`: whether a procedure's result must be
attached as a file before its dossiers become result ready (counter_app/result_files.py)."""

from __future__ import annotations

import argparse
from typing import Any

from counter_app.i18n import _

from .context import Context, emit_json


def register_procedure_commands(procs: Any) -> None:
    p = procs.add_parser(
        "result-file",
        help="whether the result must be attached as a file (electronic result) before "
        "'result_ready'; without --required/--optional, tells the current setting",
    )
    p.add_argument("code", help="procedure code")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--required", action="store_true", dest="required", default=None)
    which.add_argument("--optional", action="store_false", dest="required")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_result_file)


def cmd_result_file(ctx: Context, args: argparse.Namespace) -> int:
    results = ctx.counter.result_files
    code = ctx.counter.catalogue.procedure(args.code).code
    if args.required is not None:
        results.set_required(ctx.actor(), code, args.required)
    required = results.required(code)
    if args.json:
        emit_json({"procedure": code, "result_file_required": required})
    elif required:
        print(_("Thủ tục {code}: bắt buộc đính kèm tệp kết quả điện tử").format(code=code))
    else:
        print(_("Thủ tục {code}: không bắt buộc tệp kết quả điện tử").format(code=code))
    return 0
