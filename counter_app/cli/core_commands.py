"""Setup, users, the catalogue and maintenance commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from counter_app.i18n import _

from .. import clock, office_heading
from ..counter import Counter
from ..errors import ValidationError
from ..models import Office, Procedure, Role
from ..office_setup import SetupPlan, catalogue_hint, set_up_office
from ..resources import demo_procedures, load_procedures_file
from . import dossier_commands, result_commands
from .context import Context, add_token_options, emit_json, read_token

Sub = "argparse._SubParsersAction[argparse.ArgumentParser]"


def register(sub: Any) -> None:
    p = sub.add_parser("setup", help="set up this counter (office, desk, first supervisor)")
    p.add_argument("--agency-code", required=True)
    p.add_argument("--office-name", required=True)
    p.add_argument("--desk", required=True, help="desk name, e.g. 'Quầy 1'")
    p.add_argument("--desk-number", type=int, default=1, help="1–9, unique in the office")
    p.add_argument("--admin", required=True, help="user name of the first supervisor")
    p.add_argument("--admin-name", help="full name of the first supervisor")
    p.add_argument("--province-code", default="")
    p.add_argument("--commune-code", default="")
    p.add_argument("--address", default="")
    p.add_argument("--phone", default="")
    p.add_argument("--parent-name", default="", help="governing body printed above the name")
    p.add_argument(
        "--form-heading",
        help="the office's name heading every form (default: 'Trung tâm Phục vụ hành chính "
        "công' and the commune's name)",
    )
    p.add_argument(
        "--demo",
        action="store_true",
        help="a demo or training office: the sample "
        "procedure catalogue, and COUNTER_APP_NOW may pin its clock",
    )
    p.add_argument("--catalogue", type=Path, help="procedure catalogue file to import at once")
    p.add_argument("--server", help="URL of the provincial hub (see 'counter-app server set')")
    add_token_options(p, required=False)
    p.set_defaults(func=cmd_setup)

    user = sub.add_parser("user", help="manage users (supervisor)").add_subparsers(
        dest="user_command", required=True
    )
    p = user.add_parser(
        "add", help="add a user; password from COUNTER_APP_NEW_PASSWORD or a prompt"
    )
    p.add_argument("username")
    p.add_argument("--role", choices=[r.value for r in Role], required=True)
    p.add_argument("--full-name", required=True)
    p.set_defaults(func=cmd_user_add)
    p = user.add_parser("list")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_user_list)
    p = user.add_parser("disable")
    p.add_argument("username")
    p.set_defaults(func=cmd_user_disable)
    p = user.add_parser("enable", help="let a disabled user log in again")
    p.add_argument("username")
    p.set_defaults(func=cmd_user_enable)
    p = user.add_parser("unlock", help="lift the lock after too many wrong passwords")
    p.add_argument("username")
    p.set_defaults(func=cmd_user_unlock)
    p = user.add_parser(
        "passwd",
        help="change your own password (--user); old from COUNTER_APP_PASSWORD, new from "
        "COUNTER_APP_NEW_PASSWORD, or prompts",
    )
    p.set_defaults(func=cmd_user_passwd)
    p = user.add_parser(
        "reset-password",
        help="give a user a temporary password to change at next login; from "
        "COUNTER_APP_NEW_PASSWORD or a prompt",
    )
    p.add_argument("username")
    p.set_defaults(func=cmd_user_reset_password)

    procs = sub.add_parser("procedures", help="the procedure catalogue").add_subparsers(
        dest="procedures_command", required=True
    )
    p = procs.add_parser("import")
    p.add_argument("file", type=Path)
    p.set_defaults(func=cmd_procedures_import)
    p = procs.add_parser("list")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_procedures_list)
    result_commands.register_procedure_commands(procs)

    p = sub.add_parser(
        "backup", help="consistent copy of the database, sealed with the backup passphrase"
    )
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser(
        "backup-passphrase",
        help="set the passphrase that seals backups "
        "(supervisor; COUNTER_APP_BACKUP_PASSPHRASE or asked twice)",
    )
    p.set_defaults(func=cmd_backup_passphrase)
    p = sub.add_parser(
        "restore",
        help="put a sealed backup in place of the database (asks for "
        "the backup passphrase; the current database is kept beside it)",
    )
    p.add_argument("file", type=Path)
    p.set_defaults(func=cmd_restore)
    p = sub.add_parser("check", help="integrity and invariants of the database")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_check)

    dossier_commands.register(sub)


def cmd_setup(ctx: Context, args: argparse.Namespace) -> int:
    office = Office(
        agency_code=args.agency_code,
        name=args.office_name,
        province_code=args.province_code,
        commune_code=args.commune_code,
        address=args.address,
        phone=args.phone,
        parent_name=args.parent_name,
    )
    token = read_token(args)
    if bool(args.server) != bool(token):
        raise ValidationError({"server": _("cần cả --server và --token")})
    procedures: list[Procedure] = []
    if args.catalogue:
        procedures = load_procedures_file(args.catalogue)
    elif args.demo:
        procedures = demo_procedures()
    heading = office_heading.check(args.form_heading) if args.form_heading is not None else ""
    password = ctx.password(_("Mật khẩu người quản trị: "))
    plan = SetupPlan(
        office,
        args.desk,
        args.desk_number,
        args.admin,
        args.admin_name or args.admin,
        password,
        tuple(procedures),
        args.server or "",
        token or "",
        form_heading=heading,
        training=args.demo,
    )
    set_up_office(ctx.counter, plan)
    print(
        _("Đã thiết lập: {name} ({agency_code}) tại {data_dir}").format(
            name=office.name, agency_code=office.agency_code, data_dir=ctx.data_dir
        )
    )
    print(_("Tên đơn vị trên mẫu biểu: {value}").format(value=ctx.counter.form_heading()))
    if procedures:
        print(_("Đã nhập {value} thủ tục").format(value=len(procedures)))
    else:
        print(catalogue_hint())
    return 0


def cmd_user_add(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    password = ctx.new_password(args.username)
    ctx.counter.accounts.add(actor, args.username, args.full_name, Role(args.role), password)
    print(_("Đã thêm {username} ({role})").format(username=args.username, role=args.role))
    return 0


def cmd_user_list(ctx: Context, args: argparse.Namespace) -> int:
    accounts = ctx.counter.accounts.listing()
    if args.json:
        emit_json(
            [
                {
                    "username": a.user.username,
                    "full_name": a.user.full_name,
                    "role": a.user.role.value,
                    "active": a.user.active,
                    "locked_until": clock.iso(a.locked_until) if a.locked_until else None,
                    "must_change_password": a.user.must_change_password,
                }
                for a in accounts
            ]
        )
        return 0
    for a in accounts:
        u = a.user
        state = ""
        if not u.active:
            state = _("  (vô hiệu)")
        elif a.locked_until:
            state = _("  (Đang khóa đến {locked_until:%H:%M})").format(locked_until=a.locked_until)
        elif u.must_change_password:
            state = _("  (phải đổi mật khẩu)")
        print(f"{u.username:<16} {u.role.value:<11} {u.full_name}{state}")
    return 0


def cmd_user_disable(ctx: Context, args: argparse.Namespace) -> int:
    ctx.counter.accounts.disable(ctx.actor(), args.username)
    print(_("Đã vô hiệu hóa {username}").format(username=args.username))
    return 0


def cmd_user_enable(ctx: Context, args: argparse.Namespace) -> int:
    ctx.counter.accounts.enable(ctx.actor(), args.username)
    print(_("Đã cho dùng lại {username}").format(username=args.username))
    return 0


def cmd_user_unlock(ctx: Context, args: argparse.Namespace) -> int:
    ctx.counter.accounts.unlock(ctx.actor(), args.username)
    print(_("Đã mở khóa {username}").format(username=args.username))
    return 0


def cmd_user_passwd(ctx: Context, args: argparse.Namespace) -> int:
    username = ctx.username()
    old = ctx.password(_("Mật khẩu hiện tại: "))
    ctx.counter.accounts.login(username, old)  # before asking for the new one twice
    new = ctx.new_password(username)
    ctx.counter.accounts.change_password(username, old, new, new)
    print(_("Đã đổi mật khẩu cho {username}").format(username=username))
    return 0


def cmd_user_reset_password(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    new = ctx.new_password(args.username)
    ctx.counter.accounts.reset_password(actor, args.username, new, new)
    print(
        _("Đã đặt lại mật khẩu của {username}: phải đổi khi đăng nhập lần sau").format(
            username=args.username
        )
    )
    return 0


def cmd_procedures_import(ctx: Context, args: argparse.Namespace) -> int:
    procedures = load_procedures_file(args.file)
    count = ctx.counter.catalogue.import_procedures(ctx.actor(), procedures)
    print(_("Đã nhập {count} thủ tục").format(count=count))
    return 0


def cmd_procedures_list(ctx: Context, args: argparse.Namespace) -> int:
    procedures = ctx.counter.catalogue.procedures()
    if args.json:
        emit_json([p.to_dict() for p in procedures])
        return 0
    for p in procedures:
        unit = {
            "working_days": "ngày làm việc",
            "working_hours": "giờ làm việc",
            "calendar_days": "ngày",
            "same_day": "trong ngày",
        }[p.time_unit.value]
        amount = "" if p.time_unit.value == "same_day" else f"{p.time_value} "
        print(f"{p.code:<10} {amount}{unit:<15} {p.name}")
    return 0


def cmd_backup(ctx: Context, args: argparse.Namespace) -> int:
    for problem in ctx.counter.backups.backup(args.out):
        print(problem, file=sys.stderr)
    print(_("Đã sao lưu vào {out}").format(out=args.out))
    return 0


def cmd_backup_passphrase(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    ctx.counter.backups.set_passphrase(actor, ctx.backup_passphrase(twice=True))
    print(_("Đã đặt mật khẩu sao lưu ({value})").format(value=ctx.counter.secrets.where()))
    return 0


def cmd_restore(ctx: Context, args: argparse.Namespace) -> int:
    # The database is not opened: it may be the damaged one this restore replaces. The
    # passphrase, which only the supervisor knows, is what authorises it.
    kept = Counter.restore(ctx.data_dir, args.file, ctx.backup_passphrase(twice=False))
    print(
        _("Đã khôi phục {file}; cơ sở dữ liệu trước được giữ ở {kept}").format(
            file=args.file, kept=kept
        )
    )
    # What recovery from the hub will do (counter_app/recovery.py); `sync` does it.
    restored = Counter.open(ctx.data_dir)
    try:
        print(restored.sync_book.recovery.plan())
    finally:
        restored.close()
    return 0


def cmd_check(ctx: Context, args: argparse.Namespace) -> int:
    problems = ctx.counter.check()
    if args.json:
        emit_json({"ok": not problems, "problems": problems})
    elif problems:
        for problem in problems:
            print(problem)
    else:
        print("ok")
    for jump in ctx.counter.clock_jumps():
        # Reported, not a failure: the events are intact, their times are what the PC said.
        print(
            _("cảnh báo: đồng hồ máy lùi về {value} sau sự kiện lúc {value2}").format(
                value=jump["device_time"], value2=jump["latest_event"]
            ),
            file=sys.stderr,
        )
    return 1 if problems else 0
