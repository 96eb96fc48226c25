"""The intake page's picker for the competent office of a dossier received for another commune."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from counter_app.counter import Counter
from ui.context import AppContext
from ui.pages.intake import IntakePage

OFFICE_B = "000.00.07.H56"


def test_the_clerk_picks_another_office_and_where_the_result_is_handed_out(
    app_ctx: AppContext, data_dir: Path, qtbot: QtBot
) -> None:
    c = Counter.open(data_dir)
    try:
        own = c.office().agency_code
        c.load_province_offices([{"agency_code": own, "name": "Phường Bến Nghé"},
                                 {"agency_code": OFFICE_B, "name": "Xã Bình Chánh"}])  # fmt: skip
    finally:
        c.close()
    page = IntakePage(app_ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    picker = page.office_picker
    qtbot.waitUntil(lambda: picker.combo.count() == 2)
    assert "(cơ quan này)" in picker.combo.itemText(0) and own in picker.combo.itemText(0)
    assert page.request().resolving_unit is None  # this office by default
    assert not picker.handout_there.isEnabled()
    picker.combo.setCurrentIndex(1)
    assert picker.handout_there.isEnabled()
    picker.handout_there.setChecked(True)
    req = page.request()
    assert (req.resolving_unit, req.handout) == (OFFICE_B, "resolving")
    page.clear()
    assert page.request().resolving_unit is None and page.request().handout == "receiving"
