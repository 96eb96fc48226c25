"""The competent office of a dossier received for another commune, and where the result is
handed out. This office is the first choice; the others are the province's offices the hub
publishes with the catalogue (Counter.catalogue.province_offices), loaded on the DB worker."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QVBoxLayout, QWidget

from counter_app.offices import ProvinceOffice

from .. import operations as ops
from ..context import AppContext


class OfficePicker(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.combo = QComboBox()
        self.combo.setObjectName("resolvingUnit")
        self.combo.setMinimumContentsLength(24)
        self.handout_there = QCheckBox(self.tr("trả kết quả tại cơ quan đó"))
        self.handout_there.setObjectName("handoutAtResolving")
        self.handout_there.setToolTip(
            self.tr("Công dân chọn nhận kết quả tại cơ quan giải quyết thay vì tại đây")
        )
        # The box under the list, not beside it: side by side they made the intake page
        # wider than a 1280-wide screen, which then scrolled sideways.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addWidget(self.handout_there)
        self.combo.currentIndexChanged.connect(self._update)
        self._update()
        ctx.changed.connect(self._on_changed)
        self.load()

    def load(self) -> None:
        ops.province_offices(self.ctx).success(self.set_offices).guard(self).run()

    def _on_changed(self, areas: object) -> None:
        if isinstance(areas, frozenset) and "catalogue" in areas:
            self.load()

    def set_offices(self, offices: list[ProvinceOffice]) -> None:
        chosen = self.resolving_unit()
        self.combo.blockSignals(True)
        self.combo.clear()
        for number, o in enumerate(offices):
            here = self.tr(" (cơ quan này)") if number == 0 else ""
            self.combo.addItem(f"{o.name}{here} — {o.agency_code}", o.agency_code)
        self.combo.setCurrentIndex(max(0, self.combo.findData(chosen)))
        self.combo.blockSignals(False)
        self._update()

    def _update(self) -> None:
        elsewhere = self.combo.currentIndex() > 0
        self.handout_there.setEnabled(elsewhere)
        if not elsewhere:
            self.handout_there.setChecked(False)

    def resolving_unit(self) -> str | None:
        """None for this office (the first entry)."""
        if self.combo.currentIndex() <= 0:
            return None
        data = self.combo.currentData()
        return str(data) if data else None

    def handout(self) -> str:
        return "resolving" if self.handout_there.isChecked() else "receiving"

    def reset(self) -> None:
        self.combo.setCurrentIndex(0)
