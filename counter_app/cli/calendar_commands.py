"""Due dates and the office calendar from the command line."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path
from typing import Any

from counter_app.i18n import _

from .. import clock
from ..calendar import format_sessions, parse_calendar_file, parse_sessions
from ..errors import ValidationError
from ..roles import Action, require
from ..validation import parse_date
from .context import Context, emit_json

_WEEKDAYS = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")


def register(sub: Any) -> None:
    p = sub.add_parser(
        "due-date", help="the due date of a procedure received at a moment (writes nothing)"
    )
    p.add_argument("--procedure", required=True, help="procedure code")
    p.add_argument("--received-at", required=True, help="ISO-8601, e.g. 2026-11-23T09:00")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_due_date)

    cal = sub.add_parser("calendar", help="working days of this office").add_subparsers(
        dest="calendar_command", required=True
    )
    p = cal.add_parser("list", help="national holidays and overrides of a year, with sources")
    p.add_argument("--year", type=int, default=None, help="default: this year")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)
    p = cal.add_parser("add-day-off", help="an extra day off for this office (supervisor)")
    p.add_argument("date", help="YYYY-MM-DD or dd/mm/yyyy")
    p.add_argument("--reason", required=True)
    p.set_defaults(func=cmd_add, kind="off")
    p = cal.add_parser("add-working-day", help="a make-up working day (supervisor)")
    p.add_argument("date", help="YYYY-MM-DD or dd/mm/yyyy")
    p.add_argument("--reason", required=True)
    p.set_defaults(func=cmd_add, kind="work")
    p = cal.add_parser("remove", help="remove this office's entry for a date (supervisor)")
    p.add_argument("date")
    p.set_defaults(func=cmd_remove)
    p = cal.add_parser("sessions", help="show or set the working sessions (supervisor to set)")
    p.add_argument("--set", nargs="+", metavar="HH:MM-HH:MM", dest="sessions")
    p.set_defaults(func=cmd_sessions)
    p = cal.add_parser("apply", help="apply a calendar file published by the province")
    p.add_argument("file", type=Path)
    p.set_defaults(func=cmd_apply)


def day_arg(value: str) -> date:
    try:
        return parse_date(value)
    except ValueError:
        raise ValidationError(
            {"date": _("'{value}' không phải ngày (YYYY-MM-DD, dd/mm/yyyy)").format(value=value)}
        ) from None


def moment_arg(value: str, field: str) -> datetime:
    try:
        return clock.parse_iso(value)
    except ValueError:
        raise ValidationError(
            {field: _("'{value}' không phải ISO-8601").format(value=value)}
        ) from None


def cmd_due_date(ctx: Context, args: argparse.Namespace) -> int:
    received = moment_arg(args.received_at, "received_at")
    proc = ctx.counter.catalogue.procedure(args.procedure)
    due = ctx.counter.calendar_book.current().due_at(received, proc)
    if args.json:
        emit_json(
            {
                "procedure": proc.code,
                "time_value": proc.time_value,
                "time_unit": proc.time_unit.value,
                "cutoff_hour": proc.cutoff_hour,
                "received_at": clock.iso(received),
                "due_at": clock.iso(due),
            }
        )
    else:
        print(clock.iso(due))
    return 0


def listing(ctx: Context, year: int) -> list[dict[str, Any]]:
    """The year's calendar entries (Counter.calendar_book.entries) as the JSON rows of the listing."""
    return [
        {
            "date": e.override.day.isoformat(),
            "weekday": _WEEKDAYS[e.override.day.weekday()],
            "kind": e.override.kind,
            "reason": e.override.reason,
            "source": e.override.source,
            "effective": e.effective,
            "changed_by": e.changed_by,
            "changed_at": e.changed_at,
            "version": e.version,
        }
        for e in ctx.counter.calendar_book.entries(year)
    ]


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    rows = listing(ctx, args.year or clock.now().year)
    if args.json:
        emit_json(rows)
        return 0
    for r in rows:
        mark = "" if r["effective"] else _("  (bị thay thế)")
        kind = "nghỉ/off " if r["kind"] == "off" else "làm/work"
        who = f" [{r['changed_by']}]" if r["changed_by"] else ""
        print(f"{r['date']} {r['weekday']:<3} {kind} {r['source']:<9} {r['reason']}{who}{mark}")
    return 0


def cmd_add(ctx: Context, args: argparse.Namespace) -> int:
    actor, day = ctx.actor(), day_arg(args.date)
    if args.kind == "off":
        ctx.counter.calendar_book.add_day_off(actor, day, args.reason)
    else:
        ctx.counter.calendar_book.add_working_day(actor, day, args.reason)
    label = _("ngày nghỉ") if args.kind == "off" else _("ngày làm việc")
    print(f"{day.isoformat()}: {label}")
    return 0


def cmd_remove(ctx: Context, args: argparse.Namespace) -> int:
    day = day_arg(args.date)
    ctx.counter.calendar_book.remove_day(ctx.actor(), day)
    print(_("{value}: đã xóa").format(value=day.isoformat()))
    return 0


def cmd_sessions(ctx: Context, args: argparse.Namespace) -> int:
    if args.sessions:
        ctx.counter.calendar_book.set_work_sessions(ctx.actor(), parse_sessions(args.sessions))
    print(" ".join(format_sessions(ctx.counter.calendar_book.work_sessions())))
    return 0


def cmd_apply(ctx: Context, args: argparse.Namespace) -> int:
    version, days = parse_calendar_file(args.file)
    require(ctx.actor(), Action.EDIT_CALENDAR)  # the sync engine applies it without a user
    changed = ctx.counter.calendar_book.apply_published(days, version)
    print(
        _("lịch tỉnh phiên bản {version}: {changed} ngày thay đổi").format(
            version=version, changed=changed
        )
    )
    return 0
