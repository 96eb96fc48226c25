"""Báo cáo (supervisor): on-time figures for a chosen period, by procedure or by clerk, as a
table and a chart (Qt Charts), exported to XLSX with the core's exporter.

The figures are the core's (Counter.dossiers.on_time_report), the same the CLI's
`counter-app report` prints, computed on the database worker.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QMargins, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from counter_app import clock
from counter_app.stats import GroupStats

from ..context import AppContext
from ..errors import show_error
from ..i18n import QT_TRANSLATE_NOOP
from ..operations import reports as report_ops
from ..operations.reports import ReportView
from ..record_model import Column, RecordTableModel
from ..widgets.tables import table_view
from .base import Page

GROUPS = (
    ("procedure", QT_TRANSLATE_NOOP("ReportsPage", "Theo thủ tục")),
    ("clerk", QT_TRANSLATE_NOOP("ReportsPage", "Theo cán bộ tiếp nhận")),
)
COLOURS = {"early": "#2e7d32", "on_time": "#1f5fa8", "late": "#c62828"}
CHART_GROUPS = 10  # the chart shows the busiest groups; the table has them all


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",") + " %"


class ReportsPage(Page):
    KEY = "reports"
    TITLE = QT_TRANSLATE_NOOP("Nav", "Báo cáo")
    SUPERVISOR_ONLY = True

    shown = Signal(object)  # ReportView
    exported = Signal(object)  # Path

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.view: ReportView | None = None
        today = clock.now().date()
        self.date_from = self._date_edit("reportFrom", date(today.year, today.month, 1))
        self.date_to = self._date_edit("reportTo", today)
        self.by = QComboBox()
        self.by.setObjectName("reportBy")
        for key, text in GROUPS:
            self.by.addItem(self.tr(text), key)
        self.show_button = QPushButton(self.tr("Xem báo cáo"))
        self.show_button.setObjectName("reportShow")
        self.show_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(self.tr("Xuất Excel (XLSX)…"))
        self.export_button.setObjectName("reportExport")
        self.export_button.clicked.connect(self._ask_export)
        self.by.currentIndexChanged.connect(lambda _i: self.refresh())

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Từ ngày")))
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel(self.tr("đến ngày")))
        bar.addWidget(self.date_to)
        bar.addWidget(self.by)
        bar.addWidget(self.show_button)
        bar.addStretch(1)
        bar.addWidget(self.export_button)

        self.figures: dict[str, QLabel] = {}
        totals = QGroupBox(self.tr("Tổng hợp kỳ báo cáo"))
        grid = QGridLayout(totals)
        items = (
            ("received", self.tr("Tiếp nhận")),
            ("settled", self.tr("Đã giải quyết")),
            ("on_time_rate", self.tr("Tỷ lệ đúng hạn")),
            ("late", self.tr("Giải quyết quá hạn")),
            ("in_progress", self.tr("Đang giải quyết")),
            ("in_progress_late", self.tr("Đang giải quyết quá hạn")),
            ("satisfaction", self.tr("Chỉ số hài lòng")),
        )
        for i, (key, text) in enumerate(items):
            value = QLabel("—")
            value.setObjectName(f"figure_{key}")
            value.setStyleSheet("font-size: 20px; font-weight: bold; color: #1d2733;")
            caption = QLabel(text)
            caption.setStyleSheet("color: #555;")
            grid.addWidget(value, 0, i)
            grid.addWidget(caption, 1, i)
            self.figures[key] = value

        self.model: RecordTableModel[GroupStats] = RecordTableModel(
            [
                Column(self.tr("Nhóm"), self._group_name),
                Column(self.tr("Tiếp nhận"), lambda g: str(g.received), numeric=True),
                Column(self.tr("Đã giải quyết"), lambda g: str(g.settled), numeric=True),
                Column(self.tr("Trước hạn"), lambda g: str(g.early), numeric=True),
                Column(self.tr("Đúng hạn"), lambda g: str(g.on_time), numeric=True),
                Column(
                    self.tr("Quá hạn"),
                    lambda g: str(g.late),
                    numeric=True,
                    warn=lambda g: g.late > 0,
                ),
                Column(self.tr("Đang giải quyết"), lambda g: str(g.in_progress), numeric=True),
                Column(self.tr("Tỷ lệ đúng hạn"), lambda g: percent(g.on_time_rate), numeric=True),
            ],
            self,
        )
        self.table = table_view(self.model, "reportTable", stretch=0)

        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart_view = QChartView(self.chart)
        self.chart_view.setObjectName("reportChart")
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(220)

        self.message = QLabel()
        self.message.setObjectName("reportMessage")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart_view)
        splitter.setSizes([260, 300])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(totals)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        self._started = False

    def _date_edit(self, name: str, value: date) -> QDateEdit:
        edit = QDateEdit(QDate(value.year, value.month, value.day))
        edit.setObjectName(name)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setCalendarPopup(True)
        return edit

    def period(self) -> tuple[date, date]:
        start, end = self.date_from.date(), self.date_to.date()
        return (
            date(start.year(), start.month(), start.day()),
            date(end.year(), end.month(), end.day()),
        )

    def grouping(self) -> str:
        return str(self.by.currentData())

    def set_period(self, start: date, end: date) -> None:
        self.date_from.setDate(QDate(start.year, start.month, start.day))
        self.date_to.setDate(QDate(end.year, end.month, end.day))

    # --- figures ---------------------------------------------------------------------------

    def refresh(self) -> None:
        self._started = True
        (start, end), by = self.period(), self.grouping()
        report_ops.report(self.ctx, start=start, end=end, by=by).success(self._show).failure(
            lambda exc: show_error(self, exc)
        ).guard(self).run()

    def _show(self, view: ReportView) -> None:
        self.view = view
        total = view.report.total
        self.figures["received"].setText(str(total.received))
        self.figures["settled"].setText(str(total.settled))
        self.figures["on_time_rate"].setText(percent(total.on_time_rate))
        self.figures["late"].setText(str(total.late))
        self.figures["in_progress"].setText(str(total.in_progress))
        self.figures["in_progress_late"].setText(str(total.in_progress_late))
        self.figures["satisfaction"].setText(percent(total.satisfaction_index))
        groups = sorted(view.report.groups, key=lambda g: (-g.received - g.settled, g.key))
        self.model.set_records(groups)
        self._chart(groups[:CHART_GROUPS])
        self.message.setText(self.tr("Chưa có hồ sơ nào trong kỳ này.") if not groups else "")
        self.shown.emit(view)

    def _group_name(self, g: GroupStats) -> str:
        name = self.view.names.get(g.key, g.key) if self.view else g.key
        if self.grouping() == "procedure" and name != g.key:
            return f"{name} ({g.key})"
        return name

    def _chart(self, groups: list[GroupStats]) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        self.chart.setTitle(self.tr("Hồ sơ đã giải quyết: trước hạn, đúng hạn, quá hạn"))
        series = QHorizontalStackedBarSeries()
        sets = []
        for key, text in (
            ("early", self.tr("Trước hạn")),
            ("on_time", self.tr("Đúng hạn")),
            ("late", self.tr("Quá hạn")),
        ):
            bar = QBarSet(text)
            bar.setColor(QColor(COLOURS[key]))
            for g in reversed(groups):  # the busiest at the top
                bar.append(getattr(g, key))
            sets.append(bar)
            series.append(bar)
        self.chart.addSeries(series)
        names = [
            self._short(self.view.names.get(g.key, g.key) if self.view else g.key)
            for g in reversed(groups)
        ]
        axis_y = QBarCategoryAxis()
        axis_y.setTruncateLabels(False)  # names are shortened here, with "…", never to "..."
        axis_y.append(names)
        self.chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        axis_x = QValueAxis()
        axis_x.setLabelFormat("%d")
        # Whole-number ticks: a count of dossiers is never 1.8.
        step = max(1, -(-max([g.settled for g in groups] + [1]) // 5))
        top = step * -(-max([g.settled for g in groups] + [1]) // step)
        axis_x.setRange(0, top)
        axis_x.setTickType(QValueAxis.TickType.TicksDynamic)
        axis_x.setTickAnchor(0)
        axis_x.setTickInterval(step)
        self.chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)

    @staticmethod
    def _short(name: str, width: int = 30) -> str:
        return name if len(name) <= width else name[: width - 1] + "…"

    # --- export ----------------------------------------------------------------------------

    def _ask_export(self) -> None:
        start, end = self.period()
        dialog = QFileDialog(self, self.tr("Xuất báo cáo"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("Bảng tính Excel (*.xlsx)"))
        dialog.setDefaultSuffix("xlsx")
        dialog.selectFile(f"bao-cao-{start:%Y%m%d}-{end:%Y%m%d}.xlsx")
        dialog.fileSelected.connect(lambda name: self.export_to(Path(name)))
        dialog.open()

    def export_to(self, path: Path) -> None:
        (start, end), by = self.period(), self.grouping()

        def done(out: Path) -> None:
            self.message.setText(self.tr("Đã xuất: {0}").format(out))
            self.exported.emit(out)

        report_ops.export(self.ctx, start=start, end=end, by=by, path=path).success(done).failure(
            lambda exc: show_error(self, exc)
        ).guard(self).run()

    def activated(self) -> None:
        if not self._started:
            self.refresh()


PAGE = ReportsPage
