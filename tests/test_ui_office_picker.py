"""The intake page's picker for the competent office of a dossier received for another commune."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from counter_app.counter import Counter
from counter_app.lifecycle import Status
from ui.context import AppContext
from ui.pages.intake import IntakePage

OFFICE_B = "000.00.07.H56"


def test_the_clerk_picks_another_office_and_where_the_result_is_handed_out(
    app_ctx: AppContext, data_dir: Path, qtbot: QtBot
) -> None:
    c = Counter.open(data_dir)
    try:
        own = c.office().agency_code
        c.catalogue.load_province_offices(
            [
                {"agency_code": own, "name": "Phường Bến Nghé"},
                {"agency_code": OFFICE_B, "name": "Xã Bình Chánh"},
            ]
        )
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


def test_the_detail_pane_says_which_office_holds_it(
    supervisor_ctx: AppContext, data_dir: Path, qtbot: QtBot
) -> None:
    from PySide6.QtWidgets import QLabel, QPushButton

    from counter_app.intake import IntakeRequest
    from ui.pages.dossiers import DossiersPage

    c = Counter.open(data_dir)
    try:
        own = c.office().agency_code
        c.catalogue.load_province_offices([{"agency_code": OFFICE_B, "name": "Xã Bình Chánh"}])
        code = c.dossiers.intake(
            c.accounts.login("lan", "matkhau-123"),
            IntakeRequest(
                "1.004884", "Người ở xã khác", "001090123499", "0912345678", resolving_unit=OFFICE_B
            ),
        ).code
    finally:
        c.close()
    page = DossiersPage(supervisor_ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitUntil(lambda: not page.model.loading() and page.model.total is not None)
    with qtbot.waitSignal(page.detail.loaded):
        page.select_code(code)
    texts = [w.text() for w in page.detail.findChildren(QLabel)]
    at = texts.index("Đang giữ hồ sơ")
    assert texts[at + 1] == f"Xã Bình Chánh ({OFFICE_B})" and "Cơ quan giải quyết" in texts
    assert any(own in text for text in texts)
    # This office may not decide it: only the citizen's withdrawal is offered here.
    assert set(page.detail.status_buttons) == {Status.WITHDRAWN}
    assert page.detail.findChild(QPushButton, "apologyButton") is None  # the resolving one's
