"""On-time statistics, exports, the late list and apology letters from the command line."""

from __future__ import annotations

import argparse
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

from counter_app.i18n import _

from ..export import export_register, export_report
from ..register import register_rows, vn_date
from ..stats import GRANULARITIES, GROUPINGS, GroupStats
from .calendar_commands import day_arg, moment_arg
from .context import Context, emit_json


def register(sub: Any) -> None:
    p = sub.add_parser("report", help="received, settled, early / on time / late, per group")
    _period(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_report)

    exp = sub.add_parser("export", help="the tracking register or a report to XLSX / CSV")
    what = exp.add_subparsers(dest="export_command", required=True)
    p = what.add_parser("register", help="Sổ theo dõi hồ sơ (tracking register)")
    _period(p, grouping=False)
    p.add_argument("--out", type=Path, required=True, help="FILE.xlsx or FILE.csv")
    p.set_defaults(func=cmd_export_register)
    p = what.add_parser("report", help="the on-time report")
    _period(p)
    p.add_argument("--out", type=Path, required=True, help="FILE.xlsx or FILE.csv")
    p.set_defaults(func=cmd_export_report)

    p = sub.add_parser("late", help="dossiers late or due within one working day")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_late)

    p = sub.add_parser("apology", help="record the apology letter (Mẫu 04) with a new date")
    p.add_argument("code")
    p.add_argument("--reason", required=True)
    p.add_argument(
        "--new-date",
        required=True,
        help="ISO-8601; a date alone means the closing time of that day",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_apology)


def _period(p: argparse.ArgumentParser, grouping: bool = True) -> None:
    p.add_argument("--from", dest="date_from", required=True, help="YYYY-MM-DD or dd/mm/yyyy")
    p.add_argument("--to", dest="date_to", required=True)
    if grouping:
        p.add_argument("--by", choices=GROUPINGS, default="all")
        p.add_argument(
            "--granularity",
            choices=tuple(GRANULARITIES),
            help="early vs on time: by day or by minute (default: the office setting "
            "early_granularity, else day)",
        )


def _report(ctx: Context, args: argparse.Namespace) -> Any:
    return ctx.counter.dossiers.on_time_report(
        day_arg(args.date_from), day_arg(args.date_to), args.by, args.granularity
    )


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}%"


def _line(name: str, g: GroupStats) -> str:
    return (
        f"{name[:34]:<34} {g.received:>7} {g.settled:>7} {g.early:>7} {g.on_time:>7} "
        f"{g.late:>6} {g.in_progress_on_time:>7} {g.in_progress_late:>7} "
        f"{_rate(g.on_time_rate):>8} {_rate(g.synced_share):>8} "
        f"{_rate(g.satisfaction_index):>8}"
    )


def _digitisation(ctx: Context, report: Any) -> dict[str, Any]:
    """Decision 766's digitisation counts over the same period (counter_app/attachments.py)."""
    end = report.date_to + timedelta(days=1)
    return ctx.counter.attachments.digitisation(report.date_from.isoformat(), end.isoformat())


def cmd_report(ctx: Context, args: argparse.Namespace) -> int:
    report = _report(ctx, args)
    digitised = _digitisation(ctx, report)
    if args.json:
        emit_json({**report.to_dict(), "digitisation": digitised})
        return 0
    print(
        f"Từ {vn_date(report.date_from)} đến {vn_date(report.date_to)} "
        f"(trước hạn theo {report.granularity}; đánh giá lúc {report.judged_at})"
    )
    print(
        f"{_('nhóm'):<34} {'nhận':>7} {'đã GQ':>7} {'trước':>7} {'đúng':>7} "
        f"{'quá':>6} {'đang-TH':>7} {'đang-QH':>7} {'đúng hạn':>8} {'đồng bộ':>8} "
        f"{'hài lòng':>8}"
    )
    for g in report.groups if report.by != "all" else []:
        print(_line(f"{g.key} {g.label}" if g.label != g.key else g.key, g))
    print(_line(_("Tổng cộng"), report.total))
    intake, result = digitised["intake_rate"], digitised["result_rate"]
    print(
        _(
            "Số hóa khi tiếp nhận: {done}/{received} ({rate}); kết quả số hóa: {results}/{issued} ({result_rate})"
        ).format(
            done=digitised["digitised_at_intake"],
            received=digitised["received"],
            rate=_rate(None if intake is None else 100 * intake),
            results=digitised["results_digitised"],
            issued=digitised["results_issued"],
            result_rate=_rate(None if result is None else 100 * result),
        )
    )
    return 0


def cmd_export_register(ctx: Context, args: argparse.Namespace) -> int:
    start, end = day_arg(args.date_from), day_arg(args.date_to)
    actor = ctx.actor()  # the register names citizens: read as a user, recorded
    rows = register_rows(ctx.counter, start, end)
    ctx.counter.dossiers.record_access(actor, "export", [])
    office = ctx.counter.office()
    title = f"SỔ THEO DÕI HỒ SƠ — {office.name} — từ {vn_date(start)} đến {vn_date(end)}"
    export_register(rows, args.out, title)
    print(f"{len(rows)} hồ sơ -> {args.out}")
    return 0


def cmd_export_report(ctx: Context, args: argparse.Namespace) -> int:
    report = _report(ctx, args)
    export_report(report, args.out)
    print(_("{value} nhóm -> {out}").format(value=len(report.groups), out=args.out))
    return 0


def cmd_late(ctx: Context, args: argparse.Namespace) -> int:
    flags = ctx.counter.dossiers.late_dossiers()
    if args.json:
        emit_json([f.to_dict() for f in flags])
        return 0
    due_word = _("hẹn")
    for f in flags:
        label = _("QUÁ HẠN") if f.state == "late" else _("sắp đến hạn")
        print(
            f"{f.code:<28} {label:<21} {due_word} {f.due_at[:16].replace('T', ' ')}  "
            f"{f.procedure_name}"
        )
    if not flags:
        print(_("Không có hồ sơ trễ hạn"))
    return 0


def cmd_apology(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}", args.new_date.strip()):
        new_due = ctx.counter.calendar_book.current().closing_of(day_arg(args.new_date))
    else:
        new_due = moment_arg(args.new_date, "new_date")
    dossier = ctx.counter.dossiers.record_apology(actor, args.code, args.reason, new_due)
    if args.json:
        emit_json(dossier.to_dict())
    else:
        print(
            _("{code}: gia hạn đến {extended_due_at} (hẹn ban đầu {due_at})").format(
                code=dossier.code, extended_due_at=dossier.extended_due_at, due_at=dossier.due_at
            )
        )
    return 0
