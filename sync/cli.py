"""Counter-side commands: server settings, `sync`, the sync log, conflicts, portal export.

Found by counter_app.cli through the `counter_app.cli` entry point (pyproject.toml), so the
core never imports requests.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from counter_app.cli.context import Context, add_token_options, emit_json, read_token
from counter_app.counter import require_supervisor
from counter_app.i18n import _

from .engine import sync_now
from .portal import to_portal
from .transport import check_url


def register(sub: Any) -> None:
    server = sub.add_parser("server", help="the provincial hub this desk syncs with")
    server_sub = server.add_subparsers(dest="server_command", required=True)
    p = server_sub.add_parser("set", help="set the hub's URL and this desk's token")
    p.add_argument("url")
    add_token_options(p, required=True)
    p.add_argument("--ca-file", help="CA bundle for a province that uses its own certificates")
    p.set_defaults(func=cmd_server_set)
    p = server_sub.add_parser("show", help="the configured hub (token hidden)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_server_show)
    p = server_sub.add_parser("auto", help="switch background sync on or off")
    p.add_argument("state", choices=["on", "off"])
    p.set_defaults(func=cmd_server_auto)

    p = sub.add_parser("sync", help="sync with the province now (push, pull, reconcile)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--timeout", type=float, help="seconds to wait for the hub (default 5/30)")
    p.add_argument("--batch", type=int, help="first batch size (it adapts to the link)")
    p.set_defaults(func=cmd_sync)

    p = sub.add_parser("sync-log", help="past sync runs")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_sync_log)

    p = sub.add_parser("sync-conflicts", help="changes made both here and at the province")
    p.add_argument("--all", action="store_true", help="include resolved ones")
    p.add_argument("--resolve", type=int, metavar="ID", help="mark one as looked at")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_sync_conflicts)

    p = _export_commands(sub).add_parser(
        "portal", help="a dossier as the national portal's DongBoHoSoMC"
    )
    p.add_argument("code")
    p.set_defaults(func=cmd_export_portal)


def _export_commands(sub: Any) -> Any:
    """`export` may already exist (the register and reports add to it): join it."""
    export = sub.choices.get("export")
    if export is None:
        export = sub.add_parser("export", help="export dossiers for other systems")
        return export.add_subparsers(dest="export_command", required=True)
    for action in export._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return export.add_subparsers(dest="export_command", required=True)


def cmd_server_set(ctx: Context, args: argparse.Namespace) -> int:
    require_supervisor(ctx.actor())
    ctx.counter.sync_book.set_server(check_url(args.url), read_token(args) or "", args.ca_file)
    print(_("Máy chủ tỉnh: {url}").format(url=args.url))
    return 0


def cmd_server_show(ctx: Context, args: argparse.Namespace) -> int:
    settings = ctx.counter.sync_book.server()
    data = {
        "url": settings.url if settings else None,
        "ca_file": settings.ca_file if settings else None,
        "token_set": bool(settings and settings.token),
        "auto": ctx.counter.sync_book.auto_enabled(),
    }
    if args.json:
        emit_json(data)
    else:
        for key, value in data.items():
            print(f"{key}: {value}")
    return 0


def cmd_server_auto(ctx: Context, args: argparse.Namespace) -> int:
    require_supervisor(ctx.actor())
    ctx.counter.sync_book.set_auto_enabled(args.state == "on")
    print(_("Đồng bộ tự động: {state}").format(state=args.state))
    return 0


def cmd_sync(ctx: Context, args: argparse.Namespace) -> int:
    require_supervisor(ctx.actor())
    timeout = (args.timeout, args.timeout) if args.timeout else None
    result = sync_now(ctx.counter, timeout=timeout, batch=args.batch)
    if args.json:
        emit_json(result.to_dict())
    else:
        if result.recovered:
            # After a restore: what was taken back from the hub (sync/recovery.py).
            print(f"recovered: {result.recovered}")
        print(f"pushed: {result.pushed}")
        print(f"pulled: {result.pulled}")
        print(f"conflicts: {result.conflicts}")
        print(f"errors: {len(result.errors)}")
        print(f"pending: {result.pending}")
        for error in result.errors:
            print(f"counter-app: {error}", file=sys.stderr)
    return 0 if result.ok else 1


def cmd_sync_log(ctx: Context, args: argparse.Namespace) -> int:
    runs = ctx.counter.sync_book.runs(args.limit)
    if args.json:
        emit_json([r.__dict__ for r in runs])
        return 0
    for r in runs:
        state = {True: "ok", False: "LỖI/failed", None: "dở dang/interrupted"}[r.ok]
        print(
            f"{r.started_at}  {r.trigger:<7} {state:<18} pushed {r.pushed}, pulled {r.pulled}, "
            f"conflicts {r.conflicts}, pending {r.pending}"
        )
        for error in r.errors:
            print(f"    {error}")
    return 0


def cmd_sync_conflicts(ctx: Context, args: argparse.Namespace) -> int:
    book = ctx.counter.sync_book
    if args.resolve is not None:
        book.resolve_conflict(ctx.actor(), args.resolve)
        print(_("Đã xử lý xung đột {resolve}").format(resolve=args.resolve))
        return 0
    conflicts = book.conflicts(open_only=not args.all)
    if args.json:
        emit_json([c.__dict__ for c in conflicts])
        return 0
    for c in conflicts:
        print(
            f"#{c.id} {c.code}: here {c.local_status}, province {c.remote_status} "
            f"(detected {c.detected_at}) {c.detail.get('reason', '')}"
        )
    return 0


def cmd_export_portal(ctx: Context, args: argparse.Namespace) -> int:
    counter = ctx.counter
    dossier = counter.dossiers.get(args.code)
    procedure = next(
        (p for p in counter.catalogue.procedures() if p.code == dossier.procedure_code), None
    )
    emit_json(
        to_portal(
            dossier, counter.dossiers.events(args.code), counter.office(), procedure=procedure
        )
    )
    return 0
