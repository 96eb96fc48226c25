"""`province-hub`: run the reference provincial hub and do what the province does.

Every command takes --db PATH (the hub's SQLite file). `enroll` prints the desk's token on its
last line; only its hash is stored, so a lost token means enrolling the desk again.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from counter_app.calendar import calendar_data, parse_calendar_file
from counter_app.errors import CounterError
from counter_app.lifecycle import Status, parse_status
from counter_app.offices import OFFICES_KIND
from counter_app.resources import load_offices_file, load_procedures_file

from .service import Hub
from .storage import open_storage


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="province-hub", description="Reference provincial hub")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help)
        p.add_argument("--db", type=Path, required=True, help="the hub's SQLite database")
        return p

    p = command("serve", "serve the sync API (HTTP; put TLS in front of it in production)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8443)
    p.add_argument("--log-level", default="warning")
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
    p = command("stats", "dossier counts per office and per status")
    p.add_argument("--json", action="store_true")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "serve":
        return serve(args.db, args.host, args.port, args.log_level)
    storage = open_storage(args.db)
    hub = Hub(storage)
    try:
        return run(hub, args)
    except CounterError as exc:
        print(f"province-hub: {exc}", file=sys.stderr)
        return 1
    finally:
        storage.close()


def run(hub: Hub, args: argparse.Namespace) -> int:
    if args.command == "enroll":
        token = hub.enroll(args.agency_code, args.desk)
        print(f"Đã ghi danh quầy / enrolled desk {args.desk} of {args.agency_code}; token:")
        print(token)
    elif args.command == "status":
        d = hub.set_status(args.code, parse_status(args.to), args.note, args.handout_office)
        print(f"{d.code} -> {d.status} (version {d.version})")
    elif args.command == "publish-calendar":
        version, days = parse_calendar_file(args.file)
        published = hub.publish("calendar", calendar_data(version, days))
        print(f"Đã công bố lịch / published calendar {version} ({len(days)} days), #{published}")
    elif args.command == "publish-procedures":
        procedures = load_procedures_file(args.file)
        published = hub.publish("procedures", [p.to_dict() for p in procedures])
        print(f"Đã công bố / published {len(procedures)} procedures, #{published}")
        if (offices := load_offices_file(args.file)) is not None:
            # The offices a dossier may be received for, published with the catalogue.
            number = hub.publish(OFFICES_KIND, [asdict(o) for o in offices])
            print(f"Đã công bố / published {len(offices)} offices, #{number}")
    elif args.command == "stats":
        stats = hub.storage.stats()
        if args.json:
            print(json.dumps(stats, ensure_ascii=False, indent=2))
        else:
            for code, office in stats["offices"].items():
                statuses = ", ".join(f"{s} {n}" for s, n in office["by_status"].items())
                print(f"{code:<20} {office['dossiers']:>6}  ({statuses})")
            print(f"{'total':<20} {stats['dossiers']:>6}  records {stats['records']}, "
                  f"conflicts {stats['conflicts']}")  # fmt: skip
    return 0


def serve(db: Path, host: str, port: int, log_level: str = "warning") -> int:
    import uvicorn

    from .app import build_app

    app = build_app(Hub(open_storage(db)))
    print(f"province-hub: serving {db} on http://{host}:{port}", flush=True)
    uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
