"""`counter-app`: the command line. With no command it launches the desktop app.

Each area registers its commands from its own module. Commands of the packages that the
core may not import (the desktop app needs Qt, sync needs requests) are found by module name
at run time, so the core still loads without them.
"""

from __future__ import annotations

import argparse
import importlib
import sqlite3
import sys
from collections.abc import Sequence

from ..errors import CounterError, ValidationError
from . import calendar_commands, core_commands, print_commands, report_commands
from .context import Context

# Modules outside the core that add commands; each has register(subparsers).
EXTENSIONS = ("sync.cli",)
LOCAL_MODULES = (core_commands, calendar_commands, report_commands, print_commands)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="counter-app",
        description="Một Cửa — one-stop counter. With no command, opens the desktop app.",
    )
    parser.add_argument("--data-dir", help="folder of the counter database (or COUNTER_APP_DATA)")
    parser.add_argument("--user", help="who acts (or COUNTER_APP_USER); password from "
                        "COUNTER_APP_PASSWORD or a prompt")  # fmt: skip
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in LOCAL_MODULES:
        module.register(sub)
    for name in EXTENSIONS:
        try:
            importlib.import_module(name).register(sub)
        except ModuleNotFoundError as exc:
            if exc.name is None or not name.startswith(exc.name):
                raise
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    ctx = Context(data_dir=args.data_dir, username=args.user)
    if args.command is None:
        return _launch_desktop(ctx)
    try:
        result: int = args.func(ctx, args)
        return result
    except ValidationError as exc:
        print(f"counter-app: {exc}", file=sys.stderr)
        return 2
    except CounterError as exc:
        print(f"counter-app: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # `counter-app ... | head` closed the pipe: not an error worth a trace.
        sys.stderr.close()
        return 0
    except UnicodeDecodeError:
        print("counter-app: cơ sở dữ liệu chứa văn bản hỏng (không phải UTF-8); chạy "
              "'counter-app check' hoặc khôi phục bản sao lưu / the database holds text that "
              "is not UTF-8 (a corrupt file): restore a backup", file=sys.stderr)  # fmt: skip
        return 1
    except (OSError, sqlite3.Error) as exc:
        # A full disk, a locked or unreadable file: one line, no trace.
        print(f"counter-app: lỗi hệ thống / system error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("counter-app: đã hủy / cancelled", file=sys.stderr)
        return 130
    finally:
        ctx.close()


def _launch_desktop(ctx: Context) -> int:
    try:
        app = importlib.import_module("ui.app")
    except ModuleNotFoundError as exc:
        print(f"counter-app: the desktop app is not installed ({exc.name})", file=sys.stderr)
        return 1
    code: int = app.main(ctx.data_dir)
    return code


if __name__ == "__main__":
    sys.exit(main())
