"""`counter-app`: the command line. With no command it launches the desktop app.

Each area registers its commands from its own module. Packages the core may not import (the
desktop app needs Qt, sync needs requests) are found through entry points declared in
pyproject.toml: `counter_app.cli` for commands (each a `register(subparsers)`) and
`counter_app.desktop` for the app run without a command. The core still loads without them,
and a package installed beside it may add commands the same way.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Callable, Sequence
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path

from counter_app.i18n import LANGUAGES, _, pick, set_language

from .. import __version__
from ..errors import CounterError, ValidationError
from . import (
    attachment_commands,
    calendar_commands,
    core_commands,
    print_commands,
    report_commands,
)
from .context import Context

COMMANDS_GROUP = "counter_app.cli"  # entry point -> register(subparsers)
DESKTOP_GROUP = "counter_app.desktop"  # entry point -> main(data_dir) -> exit code
LOCAL_MODULES = (
    core_commands,
    calendar_commands,
    report_commands,
    print_commands,
    attachment_commands,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="counter-app",
        description="Một Cửa — one-stop counter. With no command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"Một Cửa {__version__}")
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help="language of the messages: vi (default) or en; or COUNTER_APP_LANG, "
        "else the locale (LANGUAGE, LC_ALL, LANG)",
    )
    parser.add_argument("--data-dir", help="folder of the counter database (or COUNTER_APP_DATA)")
    parser.add_argument(
        "--user",
        help="who acts (or COUNTER_APP_USER); password from COUNTER_APP_PASSWORD or a prompt",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in LOCAL_MODULES:
        module.register(sub)
    for entry in extensions(COMMANDS_GROUP):
        register: Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None]
        register = entry.load()
        register(sub)
    return parser


def extensions(group: str) -> list[EntryPoint]:
    """The entry points of a group, by name, so the commands list in a stable order."""
    return sorted(entry_points(group=group), key=lambda e: e.name)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.lang:
        set_language(args.lang)
    ctx = Context(data_dir=args.data_dir, username=args.user)
    if args.command is None:
        return _launch_desktop(ctx)
    try:
        result: int = args.func(ctx, args)
        return result
    except ValidationError as exc:
        # pick(): a message still written "vi / en" prints one language too.
        fields = "; ".join(f"{field}: {pick(message)}" for field, message in exc.errors.items())
        print(f"counter-app: {fields}", file=sys.stderr)
        return 2
    except CounterError as exc:
        print(f"counter-app: {pick(str(exc))}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # `counter-app ... | head` closed the pipe: not an error worth a trace.
        sys.stderr.close()
        return 0
    except UnicodeDecodeError:
        print(
            _(
                "counter-app: cơ sở dữ liệu chứa văn bản hỏng (không phải UTF-8); chạy 'counter-app check' hoặc khôi phục bản sao lưu"
            ),
            file=sys.stderr,
        )
        return 1
    except (OSError, sqlite3.Error) as exc:
        # A full disk, a locked or unreadable file: one line, no trace.
        print(_("counter-app: lỗi hệ thống: {exc}").format(exc=exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(_("counter-app: đã hủy"), file=sys.stderr)
        return 130
    finally:
        ctx.close()


def _launch_desktop(ctx: Context) -> int:
    found = extensions(DESKTOP_GROUP)
    if not found:
        print("counter-app: the desktop app is not installed", file=sys.stderr)
        return 1
    try:
        main: Callable[[Path], int] = found[0].load()
    except ModuleNotFoundError as exc:
        print(f"counter-app: the desktop app is not installed ({exc.name})", file=sys.stderr)
        return 1
    return main(ctx.data_dir)


if __name__ == "__main__":
    sys.exit(main())
