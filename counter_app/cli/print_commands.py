"""Printing the one-stop forms to PDF files, and checking a scanned receipt's QR code."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from counter_app.i18n import _

from .. import clock
from ..errors import InvalidReceipt, ValidationError
from ..forms import FORMS, render_form, render_register
from ..forms.layout import PAPERS
from ..forms.output import save_pdf
from ..signing import verify_receipt_payload
from .context import Context


def register(sub: Any) -> None:
    p = sub.add_parser(
        "print", help="print a form to PDF (0600): " + ", ".join((*FORMS, "register"))
    )
    p.add_argument("form", choices=[*FORMS, "register"])
    p.add_argument("code", nargs="?", help="dossier code (not for the register)")
    p.add_argument("--out", type=Path, required=True, help="PDF file to write")
    p.add_argument("--from", dest="date_from", help="register: first day YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", help="register: last day YYYY-MM-DD")
    p.add_argument("--paper", choices=sorted(PAPERS), help="receipt paper (default: setting)")
    p.add_argument("--parts", type=int, help="receipt: number of parts (liên), 1 or 2")
    p.add_argument("--reason", help="supplement/refusal/apology: the reason to print")
    p.add_argument("--new-due", help="apology: the new date, ISO-8601 (default: as recorded)")
    p.set_defaults(func=cmd_print)

    p = sub.add_parser("verify", help="check a scanned receipt QR payload offline")
    p.add_argument("payload")
    p.set_defaults(func=cmd_verify)


def cmd_print(ctx: Context, args: argparse.Namespace) -> int:
    actor = ctx.actor()
    counter = ctx.counter
    if args.form == "register":
        if not args.date_from or not args.date_to:
            raise ValidationError({"date": _("sổ theo dõi cần --from và --to")})
        _write(args.out, render_register(counter, args.date_from, args.date_to))
        print(_("Đã in: {out}").format(out=args.out))
        return 0
    if not args.code:
        raise ValidationError({"code": _("cần mã hồ sơ")})
    dossier = counter.dossiers.get(args.code)
    # The copy mark is decided before writing anything, so a failed render records nothing.
    copy = counter.dossiers.already_printed(dossier.code, args.form)
    options: dict[str, Any] = {
        "actor": actor,
        "paper": args.paper,
        "parts": args.parts,
        "reason": args.reason,
    }
    if args.new_due:
        try:
            options["new_due"] = clock.parse_iso(args.new_due)
        except ValueError:
            raise ValidationError({"new_due": f"'{args.new_due}' không phải ISO-8601"}) from None
    pdf = render_form(counter, args.form, dossier.code, copy=copy, **options)
    _write(args.out, pdf)
    counter.dossiers.record_print(actor, dossier.code, args.form)
    label = _(" (BẢN SAO)") if copy else ""
    print(
        _("Đã in {form} {code}{label}: {out}").format(
            form=args.form, code=dossier.code, label=label, out=args.out
        )
    )
    return 0


def _write(path: Path, data: bytes) -> None:
    save_pdf(path, data)


def cmd_verify(ctx: Context, args: argparse.Namespace) -> int:
    try:
        receipt = verify_receipt_payload(ctx.counter, args.payload)
    except InvalidReceipt as exc:
        print(f"counter-app: {exc.reason}: {exc}", file=sys.stderr)
        return 3
    print(receipt.code)
    return 0
