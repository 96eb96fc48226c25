"""Tables to XLSX (openpyxl) or CSV (UTF-8 with BOM, so Excel shows Vietnamese), chosen by the
file's extension. Headers are Vietnamese; dates are dd/MM/yyyy in both formats."""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from counter_app.i18n import _

from .errors import ValidationError
from .register import REGISTER_HEADERS, RegisterRow, vn_date
from .stats import GroupStats, OnTimeReport

REPORT_HEADERS = (
    "Nhóm",
    "Tên",
    "Tiếp nhận",
    "Đã giải quyết",
    "Trước hạn",
    "Đúng hạn",
    "Quá hạn",
    "Đang giải quyết trong hạn",
    "Đang giải quyết quá hạn",
    "Tỷ lệ đúng hạn (%)",
    "Tỷ lệ đồng bộ (%)",
    "Số đánh giá",
    "Hài lòng",
    "Không hài lòng",
    "Chỉ số hài lòng (%)",
)
FORMATS = (".xlsx", ".csv")


def report_table(report: OnTimeReport) -> list[list[Any]]:
    def row(g: GroupStats, key: str) -> list[Any]:
        return [
            key,
            g.label if g.label != g.key else "",
            g.received,
            g.settled,
            g.early,
            g.on_time,
            g.late,
            g.in_progress_on_time,
            g.in_progress_late,
            g.on_time_rate,
            g.synced_share,
            g.rated,
            g.satisfied,
            g.dissatisfied,
            g.satisfaction_index,
        ]

    rows = [row(g, g.key) for g in report.groups]
    rows.append(row(report.total, "Tổng cộng"))
    return rows


def export_register(rows: Sequence[RegisterRow], out: Path, title: str) -> None:
    write_table(out, title, REGISTER_HEADERS, [r.values() for r in rows])


def export_report(report: OnTimeReport, out: Path) -> None:
    title = (
        f"Tình hình giải quyết hồ sơ từ {vn_date(report.date_from)} đến {vn_date(report.date_to)}"
    )
    write_table(out, title, REPORT_HEADERS, report_table(report))


def write_table(out: Path, title: str, headers: Sequence[str], rows: list[list[Any]]) -> None:
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise ValidationError({"out": _("tệp phải là .xlsx hoặc .csv")})
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    if suffix == ".csv":
        _write_csv(tmp, headers, rows)
    else:
        _write_xlsx(tmp, title, headers, rows)
    os.replace(tmp, out)  # a reader never sees half a file


def _write_csv(path: Path, headers: Sequence[str], rows: list[list[Any]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(headers)
        for row in rows:
            writer.writerow(
                ["" if v is None else vn_date(v) if isinstance(v, date) else v for v in row]
            )


def _write_xlsx(path: Path, title: str, headers: Sequence[str], rows: list[list[Any]]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(list(headers))
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append(row)
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
    for index, header in enumerate(headers, 1):
        width = max([len(str(header))] + [len(str(r[index - 1] or "")) for r in rows[:200]])
        ws.column_dimensions[ws.cell(row=2, column=index).column_letter].width = min(width + 2, 45)
    ws.freeze_panes = "A3"
    wb.save(path)
