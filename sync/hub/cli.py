"""`province-hub`: run the reference provincial hub and do what the province does.

Every command takes --db: a SQLite file path (a pilot) or a `postgresql://` URL (a province;
run `migrate` once first, and after every upgrade). `enroll` prints the desk's token on its
last line; only its hash is stored, so a lost token means enrolling the desk again.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date
from pathlib import Path

from counter_app import clock, result_files
from counter_app.calendar import calendar_data, parse_calendar_file
from counter_app.errors import CounterError, ValidationError
from counter_app.i18n import _
from counter_app.lifecycle import Status, parse_status
from counter_app.offices import OFFICES_KIND
from counter_app.resources import load_offices_file, load_procedures_file

from .console_accounts import ROLES, add_user
from .figures import office_figures
from .service import Hub
from .storage import is_postgres, open_storage

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="province-hub", description="Reference provincial hub")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help)
        p.add_argument(
            "--db",
            required=True,
            help="the hub's database: a SQLite file path or a postgresql:// URL",
        )
        return p

    p = command("serve", "serve the sync API (HTTP; put TLS in front of it in production)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8443)
    p.add_argument("--log-level", default="warning")
    p.add_argument("--workers", type=int, default=1, help="hub processes on this port")
    p.add_argument("--pool-size", type=int, default=10, help="PostgreSQL connections per process")
    command("migrate", "create or upgrade the hub database's schema (before serving it)")
    p = command("enroll", "enroll a desk; prints its token on the last line")
    p.add_argument("--agency-code", required=True)
    p.add_argument("--desk", required=True, help="the desk number set at the counter's setup")
    p = command("status", "change a dossier's status as the province's processing does")
    p.add_argument("code")
    p.add_argument("--to", required=True, help=f"{', '.join(s.value for s in Status)} or 1–10")
    p.add_argument("--note")
    p.add_argument("--handout-office", help="agency code of the office that hands it out")
    p = command("publish-calendar", "publish the provincial calendar (days off, make-up days)")
    p.add_argument("file", type=Path)
    p = command("publish-procedures", "publish the procedure catalogue")
    p.add_argument("file", type=Path)
    p = command("attachments", "a dossier's attached files and whether the hub holds each")
    p.add_argument("code")
    p.add_argument("--json", action="store_true")
    p = command(
        "prune-uploads",
        "delete uploads opened and never finished (staging files and rows), never a "
        "completed file; run it daily (cron, systemd timer)",
    )
    p.add_argument(
        "--older-than-days",
        type=float,
        help="untouched for this many days (default: PROVINCE_HUB_UPLOAD_MAX_AGE_DAYS, else 7)",
    )
    p.add_argument("--files", type=Path, help="the hub's folder of attached files")
    p = command("stats", "dossier counts per office and per status, and on-time figures")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--from",
        dest="date_from",
        type=date.fromisoformat,
        help="first day of the figures' period (default: the month's first day)",
    )
    p.add_argument(
        "--to",
        dest="date_to",
        type=date.fromisoformat,
        help="last day of the period (default: today)",
    )
    p = command("user", "the province's console accounts")
    users = p.add_subparsers(dest="user_command", required=True, metavar="ACTION")
    add = users.add_parser("add", help="add a console user; the password is read from stdin")
    add.add_argument("username")
    add.add_argument("--name", default="", help="full name")
    add.add_argument("--role", choices=ROLES, default="viewer")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "serve":
            return serve(
                args.db, args.host, args.port, args.log_level, args.workers, args.pool_size
            )
        storage = open_storage(args.db, migrate=True if args.command == "migrate" else None)
    except CounterError as exc:
        print(f"province-hub: {exc}", file=sys.stderr)
        return 1
    hub = Hub(storage)
    try:
        return run(hub, args)
    except CounterError as exc:
        print(f"province-hub: {exc}", file=sys.stderr)
        return 1
    finally:
        storage.close()


def run(hub: Hub, args: argparse.Namespace) -> int:
    if args.command == "migrate":
        print(
            "province-hub: "
            + _("lược đồ số {version}").format(version=hub.storage.schema_version())
        )
    elif args.command == "enroll":
        token = hub.enroll(args.agency_code, args.desk)
        print(
            _("Đã ghi danh quầy {desk} của {agency}; mã truy cập:").format(
                desk=args.desk, agency=args.agency_code
            )
        )
        print(token)
    elif args.command == "status":
        d = hub.set_status(args.code, parse_status(args.to), args.note, args.handout_office)
        print(f"{d.code} -> {d.status} (version {d.version})")
    elif args.command == "publish-calendar":
        version, days = parse_calendar_file(args.file)
        published = hub.publish("calendar", calendar_data(version, days))
        print(
            _("Đã công bố lịch {version} ({days} ngày), #{number}").format(
                version=version, days=len(days), number=published
            )
        )
    elif args.command == "publish-procedures":
        procedures = load_procedures_file(args.file)
        required = result_files.flagged(json.loads(args.file.read_text(encoding="utf-8")))
        published = hub.publish(
            "procedures",
            [
                p.to_dict() | ({result_files.CATALOGUE_KEY: True} if p.code in required else {})
                for p in procedures
            ],
        )
        print(
            _("Đã công bố {count} thủ tục, #{number}").format(
                count=len(procedures), number=published
            )
        )
        if (offices := load_offices_file(args.file)) is not None:
            # The offices a dossier may be received for, published with the catalogue.
            number = hub.publish(OFFICES_KIND, [asdict(o) for o in offices])
            print(
                _("Đã công bố {count} cơ quan, #{number}").format(count=len(offices), number=number)
            )
    elif args.command == "user":
        password = sys.stdin.readline().rstrip("\n")
        add_user(hub.storage, args.username, args.name, password, args.role)
        print(
            _("Đã tạo tài khoản bảng điều khiển {username} ({role})").format(
                username=args.username, role=args.role
            )
        )
    elif args.command == "attachments":
        return print_attachments(hub, args.code, args.json)
    elif args.command == "prune-uploads":
        return prune_uploads(hub, args)
    elif args.command == "stats":
        stats = hub.storage.stats()
        today = clock.now().date()
        period = (args.date_from or today.replace(day=1), args.date_to or today)
        try:
            stats["on_time"] = office_figures(hub.storage, *period).to_dict()
        except ValueError as exc:
            raise ValidationError({"to": str(exc)}) from exc
        if args.json:
            print(json.dumps(stats, ensure_ascii=False, indent=2))
        else:
            for code, office in stats["offices"].items():
                statuses = ", ".join(f"{s} {n}" for s, n in office["by_status"].items())
                print(f"{code:<20} {office['dossiers']:>6}  ({statuses})")
            totals = _("{records} bản ghi, {conflicts} xung đột").format(
                records=stats["records"], conflicts=stats["conflicts"]
            )
            print(f"{_('tổng'):<20} {stats['dossiers']:>6}  {totals}")
            total = stats["on_time"]["total"]
            print(
                _(
                    "{start}..{end}: nhận {received}, đã giải quyết {settled}, đúng hoặc trước "
                    "hạn {on_time}, quá hạn {late}, tỉ lệ đúng hạn {rate}%"
                ).format(
                    start=period[0],
                    end=period[1],
                    received=total["received"],
                    settled=total["settled"],
                    on_time=total["on_time_or_early"],
                    late=total["late"],
                    rate=total["on_time_rate"],
                )
            )
    return 0


def prune_uploads(hub: Hub, args: argparse.Namespace) -> int:
    from datetime import timedelta

    from .files import default_root
    from .storage_sql import SqlHubStorage
    from .uploads import max_age_days, prune_abandoned

    assert isinstance(hub.storage, SqlHubStorage)
    try:
        days = args.older_than_days if args.older_than_days is not None else max_age_days()
        if not days > 0:
            raise ValueError(_("--older-than-days: cần một số ngày dương"))
        root = args.files or default_root(args.db)
    except ValueError as exc:
        raise ValidationError({"prune-uploads": str(exc)}) from exc
    removed = prune_abandoned(hub.storage, root / "incoming", timedelta(days=days))
    print(
        _("Đã xóa {removed} tệp tải lên dở dang quá {days} ngày").format(
            removed=removed, days=f"{days:g}"
        )
    )
    return 0


def print_attachments(hub: Hub, code: str, as_json: bool) -> int:
    from .storage_sql import SqlHubStorage
    from .uploads import dossier_files

    assert isinstance(hub.storage, SqlHubStorage)
    files = dossier_files(hub.storage, code)
    if files is None:
        print("province-hub: " + _("không có hồ sơ '{code}'").format(code=code), file=sys.stderr)
        return 1
    if as_json:
        print(json.dumps(files, ensure_ascii=False, indent=2))
    for f in [] if as_json else files:
        print(f"{f['sha256']}  {f['size']:>10}  {'complete' if f['complete'] else 'partial'}")
    return 0


def serve(
    db: str,
    host: str,
    port: int,
    log_level: str = "warning",
    workers: int = 1,
    pool_size: int = 10,
) -> int:
    import uvicorn

    # Checked once here, in words, before any worker starts (each worker checks again).
    open_storage(db, pool_size=1).close()
    if workers > 1 and not os.environ.get(MULTIPROC_ENV):
        # Before any worker imports prometheus_client: its counters then go to files that
        # every worker's /metrics adds up (sync/hub/observe.py).
        os.environ[MULTIPROC_ENV] = tempfile.mkdtemp(prefix="province-hub-metrics-")
    from .app import DB_ENV, POOL_ENV

    # Each worker process builds its own app and pool from these (sync.hub.app:create_app).
    os.environ[DB_ENV], os.environ[POOL_ENV] = db, str(pool_size)
    print(
        f"province-hub: serving {_shown(db)} on http://{host}:{port} with {workers} process(es)",
        flush=True,
    )
    uvicorn.run(
        "sync.hub.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        access_log=False,
        # Longer than a desk's pause between the requests of one sync run.
        timeout_keep_alive=75,
    )
    return 0


def _shown(db: str) -> str:
    """The database without a password, for the console."""
    if not is_postgres(db):
        return db
    from psycopg.conninfo import conninfo_to_dict

    info = conninfo_to_dict(db)
    return f"postgresql database {info.get('dbname', '')} on {info.get('host', 'localhost')}"


if __name__ == "__main__":
    sys.exit(main())
