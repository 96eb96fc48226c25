"""Scans on the intake form, driven like a clerk: a file dialog per item, drag and drop, the
scan folder of the office's printer; a bad file refused in words; accepted with the dossier."""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

from attachment_files import make_pdf, make_png, make_tiff
from PySide6.QtCore import QPointF, Qt, QThread, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from counter_app.counter import Counter
from counter_app.models import Dossier, Procedure
from ui.context import AppContext
from ui.pages.intake import IntakePage
from ui.printing import PrintPreview
from ui.widgets.scans import (
    SETTING_FOLDER,
    FolderTracker,
    ItemScans,
    Listing,
    ScanTile,
    list_scans,
)

BIRTH = "1.001193"  # 1. tờ khai, 2. giấy chứng sinh, 3. giấy tờ tùy thân (xuất trình)


def open_form(app_ctx: AppContext, qtbot: QtBot) -> IntakePage:
    page = IntakePage(app_ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitUntil(lambda: len(page.picker.visible_codes()) > 0)
    page.picker.search.setText(BIRTH)
    page.picker.choose_current()
    assert len(page.scans.items) == 3
    return page


def fill_applicant(page: IntakePage) -> None:
    page.full_name.setText("Đặng Văn Đức")
    page.id_number.setText("001090123456")
    page.phone.setText("0912345678")


def drop(qtbot: QtBot, item: ItemScans, paths: list[Path]) -> bool:
    """Drag files from the desktop onto an item: enter, then drop. True if the enter was
    accepted (the item takes files)."""
    from PySide6.QtCore import QMimeData

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(
        item.rect().center(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(item, enter)
    event = QDropEvent(
        QPointF(item.rect().center()),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(item, event)
    return enter.isAccepted()


def test_a_file_from_the_dialog_goes_on_its_item_with_a_thumbnail(
    app_ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    page = open_form(app_ctx, qtbot)
    assert page.scans_lacking.text() == "Còn 2 thành phần chưa có bản quét"  # not item 3
    assert page.scans.items[2].shown_only and not page.scans.items[2].browse.isVisibleTo(page)
    pdf = make_pdf(tmp_path / "to-khai.pdf", pages=2)
    page.scans.choose_files = lambda: [pdf]  # what the file dialog would return
    page.scans.items[0].browse.click()
    qtbot.waitUntil(lambda: len(page.scans.items[0].scans) == 1)
    scan = page.scans.items[0].scans[0]
    assert (scan.facts.media_type, scan.facts.pages) == ("application/pdf", 2)
    tile = page.scans.items[0].findChild(ScanTile)
    assert tile is not None and not tile.picture.pixmap().isNull()
    assert not scan.thumbnail.isNull() and scan.thumbnail.width() > 10
    assert page.checklist.rows[0][0].isChecked()  # a scan of the paper: the paper is here
    assert page.scans_lacking.text() == "Còn 1 thành phần chưa có bản quét"

    # Opened in the system viewer by a double click or Mở; removed before accepting.
    opened: list[QUrl] = []
    page.scans.open_url = opened.append
    QTest.mouseDClick(tile.picture, Qt.MouseButton.LeftButton)
    tile.open_button.click()
    assert [u.toLocalFile() for u in opened] == [str(pdf), str(pdf)]
    tile.remove_button.click()
    assert page.scans.items[0].scans == [] and page.scans.staged() == []
    assert page.scans_lacking.text() == "Còn 2 thành phần chưa có bản quét"


def test_files_dropped_on_an_item_are_staged_there(
    app_ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    page = open_form(app_ctx, qtbot)
    png, tiff = make_png(tmp_path / "giay-chung-sinh.png"), make_tiff(tmp_path / "mat-sau.tif")
    assert drop(qtbot, page.scans.items[1], [png, tiff])
    qtbot.waitUntil(lambda: len(page.scans.items[1].scans) == 2)
    assert sorted(s.path.name for s in page.scans.items[1].scans) == [
        "giay-chung-sinh.png",
        "mat-sau.tif",
    ]
    assert all(not s.thumbnail.isNull() for s in page.scans.items[1].scans)
    assert page.checklist.rows[1][0].isChecked() and not page.checklist.rows[0][0].isChecked()
    assert page.scans_lacking.text() == "Còn 1 thành phần chưa có bản quét"


def test_a_text_file_named_pdf_is_refused_in_words_and_changes_nothing(
    app_ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    page = open_form(app_ctx, qtbot)
    fake = tmp_path / "ban-quet.pdf"
    fake.write_text("Đây là chữ, không phải bản quét\n", encoding="utf-8")
    with qtbot.waitSignal(page.scans.refused) as refused:
        drop(qtbot, page.scans.items[0], [fake])
    assert "ban-quet.pdf" in refused.args[0]
    assert "không phải PDF, JPEG, PNG hay TIFF" in refused.args[0]
    assert page.scans.message.isVisibleTo(page)
    assert page.scans.items[0].scans == [] and page.scans.staged() == []
    assert not page.checklist.rows[0][0].isChecked()
    assert page.scans_lacking.text() == "Còn 2 thành phần chưa có bản quét"


def test_a_new_file_in_the_scan_folder_appears_and_goes_on_an_item(
    app_ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "may-quet"
    folder.mkdir()
    make_pdf(folder / "cu.pdf", seed=9)  # an old scan: not offered
    page = open_form(app_ctx, qtbot)
    page.scans.choose_folder = lambda: folder  # what the folder dialog would return
    page.scans.folder_button.click()
    assert app_ctx.settings.value(SETTING_FOLDER) == str(folder)
    qtbot.waitUntil(lambda: page.scans.watcher.folder == folder)  # listed off the GUI thread
    assert "may-quet" in page.scans.folder_label.text()
    new = make_pdf(tmp_path / "scan-0001.pdf", pages=3)
    (folder / "scan-0001.pdf").write_bytes(new.read_bytes())  # the printer saves a scan
    qtbot.waitUntil(lambda: len(page.scans.fresh) == 1, timeout=10000)
    fresh = page.scans.fresh[0]
    assert fresh.path == folder / "scan-0001.pdf" and fresh.facts.pages == 3
    assert page.scans.strip_area.isVisibleTo(page)
    page.scans.put_fresh(fresh, 1)  # "Gắn vào" → item 2
    assert [s.path for s in page.scans.items[1].scans] == [folder / "scan-0001.pdf"]
    assert page.scans.fresh == [] and not page.scans.strip_area.isVisibleTo(page)
    tile = page.scans.items[1].findChild(ScanTile)
    assert tile is not None
    tile.remove_button.click()  # taken off the item: offered again in the strip
    assert [s.path for s in page.scans.fresh] == [folder / "scan-0001.pdf"]
    assert page.scans.items[1].scans == []


def test_a_scan_still_being_written_is_not_taken(tmp_path: Path) -> None:
    # The watcher's decisions on successive listings of a real folder (the watcher makes the
    # same listings on its pool's thread).
    folder = tmp_path / "may-quet"
    folder.mkdir()
    tracker = FolderTracker()
    tracker.start(list_scans(folder) or {})
    whole = make_pdf(tmp_path / "lon.pdf", noise_bytes=200_000).read_bytes()
    target = folder / "scan-0002.pdf"
    target.write_bytes(whole[: len(whole) // 2])  # the printer is still writing
    assert tracker.update(list_scans(folder) or {}) == []
    with target.open("ab") as f:
        f.write(whole[len(whole) // 2 :])
    assert tracker.update(list_scans(folder) or {}) == []  # the size moved: not yet
    assert tracker.update(list_scans(folder) or {}) == [target.name]  # the same twice: whole
    assert tracker.update(list_scans(folder) or {}) == []
    assert tracker.update(list_scans(folder) or {}) == []  # announced once

    # A scanner that reuses its file names: the same name scanned again is a new scan.
    make_pdf(target, seed=5)
    later = target.stat().st_mtime_ns + 10**9
    os.utime(target, ns=(later, later))
    assert tracker.update(list_scans(folder) or {}) == []
    assert tracker.update(list_scans(folder) or {}) == [target.name]
    assert list_scans(tmp_path / "khong-co") is None  # an unplugged share: nothing offered


def test_the_scan_folder_is_listed_off_the_gui_thread(
    app_ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "may-quet"
    folder.mkdir()
    page = open_form(app_ctx, qtbot)
    watcher = page.scans.watcher
    threads: list[QThread] = []

    def recording(path: Path) -> Listing | None:
        threads.append(QThread.currentThread())
        return list_scans(path)

    watcher.list_folder = recording
    arrived: list[Path] = []
    watcher.arrived.connect(arrived.append)
    with qtbot.waitSignal(watcher.opened) as opened:
        page.scans.set_folder(folder)
    assert opened.args == [folder] and watcher.folder == folder
    make_pdf(folder / "scan-0003.pdf")
    watcher.rescan()  # what the folder's change or the periodic look asks
    qtbot.waitUntil(lambda: arrived == [folder / "scan-0003.pdf"], timeout=10000)
    gui = QApplication.instance().thread()  # type: ignore[union-attr]
    assert len(threads) >= 3 and all(t is not gui for t in threads)


def test_one_listing_at_a_time_and_a_stale_one_is_dropped(
    app_ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    # A share that stalls: the listing of the first folder waits until released.
    stalled, other = tmp_path / "o-mang", tmp_path / "may-quet"
    stalled.mkdir()
    other.mkdir()
    make_pdf(other / "cu.pdf")
    release = threading.Event()
    running, most = [0], [0]
    lock = threading.Lock()

    def slow(path: Path) -> Listing | None:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        if path == stalled:
            release.wait(10)
        with lock:
            running[0] -= 1
        return list_scans(path)

    page = open_form(app_ctx, qtbot)
    watcher = page.scans.watcher
    watcher.list_folder = slow
    opened: list[Path | None] = []
    watcher.opened.connect(opened.append)
    page.scans.set_folder(stalled)
    assert "Đang mở thư mục máy quét" in page.scans.folder_label.text()  # the GUI goes on
    page.scans.set_folder(other)  # the clerk chose again before the share answered
    assert watcher.busy and watcher.folder is None
    make_pdf(stalled / "scan-0009.pdf")  # would be a "new" scan of the stale listing
    release.set()
    qtbot.waitUntil(lambda: opened == [other], timeout=10000)
    assert watcher.folder == other and most[0] == 1
    assert "may-quet" in page.scans.folder_label.text()
    with qtbot.waitSignal(watcher.looked):
        watcher.rescan()
    assert watcher.tracker.growing == {} and set(watcher.tracker.seen) == {"cu.pdf"}


def test_accepted_with_the_staged_files_on_the_right_items(
    app_ctx: AppContext, data_dir: Path, qtbot: QtBot, tmp_path: Path
) -> None:
    page = open_form(app_ctx, qtbot)
    fill_applicant(page)
    form = make_pdf(tmp_path / "to-khai.pdf")
    birth, back = make_png(tmp_path / "gcs.png", "red"), make_png(tmp_path / "sau.png", "blue")
    page.scans.choose_files = lambda: [form]
    page.scans.items[0].browse.click()
    drop(qtbot, page.scans.items[1], [birth, back])
    qtbot.waitUntil(lambda: len(page.scans.staged()) == 3)
    assert page.form_state()["scans"] == [[0, str(form)], [1, str(birth)], [1, str(back)]] or (
        page.form_state()["scans"] == [[0, str(form)], [1, str(back)], [1, str(birth)]]
    )
    page.checklist.tick_all()  # item 3 is shown: ticked, never scanned
    assert page.scans_lacking.text() == "Mọi thành phần cần quét đã có bản quét"
    previews: list[PrintPreview] = []
    page.preview_opened.connect(previews.append)
    with qtbot.waitSignal(page.accepted, timeout=15000) as accepted:
        page.accept_intake()
    dossier: Dossier = accepted.args[0]
    qtbot.waitUntil(lambda: len(previews) == 1, timeout=15000)
    previews[0].close()
    assert page.scans.staged() == []  # the form starts over

    c = Counter.open(data_dir)
    try:
        rows = c.attachments.of(dossier.code)
        expected = {
            (1, "to-khai.pdf", hashlib.sha256(form.read_bytes()).hexdigest()),
            (2, "gcs.png", hashlib.sha256(birth.read_bytes()).hexdigest()),
            (2, "sau.png", hashlib.sha256(back.read_bytes()).hexdigest()),
        }
        assert {(r.item, r.name, r.sha256) for r in rows} == expected
        assert all(c.attachments.path(r.sha256).is_file() for r in rows)
        assert c.attachments.digitisation("2000-01-01", "2100-01-01")["digitised_at_intake"] == 1
    finally:
        c.close()


def test_accepted_with_an_item_unscanned_is_allowed_and_said(
    app_ctx: AppContext, data_dir: Path, qtbot: QtBot, tmp_path: Path
) -> None:
    page = open_form(app_ctx, qtbot)
    fill_applicant(page)
    drop(qtbot, page.scans.items[0], [make_pdf(tmp_path / "to-khai.pdf")])
    qtbot.waitUntil(lambda: len(page.scans.staged()) == 1)
    page.checklist.tick_all()
    with qtbot.waitSignal(page.accepted, timeout=15000) as accepted:
        page.accept_intake()
    assert "1 thành phần chưa có bản quét" in page.result_label.text()
    c = Counter.open(data_dir)
    try:
        assert [r.item for r in c.attachments.of(accepted.args[0].code)] == [1]
        rates = c.attachments.digitisation("2000-01-01", "2100-01-01")
        assert (rates["received"], rates["digitised_at_intake"]) == (1, 0)
    finally:
        c.close()


def test_a_draft_keeps_the_staged_files_and_gives_them_back(
    app_ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    page = open_form(app_ctx, qtbot)
    fill_applicant(page)
    pdf = make_pdf(tmp_path / "to-khai.pdf")
    drop(qtbot, page.scans.items[0], [pdf])
    qtbot.waitUntil(lambda: len(page.scans.staged()) == 1)
    with qtbot.waitSignal(page.draft_saved):
        page.save_draft()

    # The next session: the draft offered back puts the file on its item again.
    again = IntakePage(app_ctx)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.draft is not None)
    again.restore_draft()
    qtbot.waitUntil(lambda: again.scans.staged() == [(0, pdf)])
    assert again.scans_lacking.text() == "Còn 1 thành phần chưa có bản quét"


def test_accepting_waits_for_files_still_being_checked(
    app_ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    page = open_form(app_ctx, qtbot)
    fill_applicant(page)
    page.checklist.tick_all()
    page.scans.checker.pending = 1  # a dropped file whose check has not answered yet
    page.accept_intake()
    assert "đang kiểm tra" in page.result_label.text()
    assert page.accept_button.isEnabled()


def test_a_check_answering_after_the_form_was_cleared_puts_nothing_on_the_next(
    app_ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    page = open_form(app_ctx, qtbot)
    late = make_pdf(tmp_path / "cua-ho-so-truoc.pdf")
    with qtbot.waitSignal(page.scans.checker.answered):
        drop(qtbot, page.scans.items[0], [late])
        page.clear()  # the clerk starts over before the check answers
        page.picker.search.setText(BIRTH)
        page.picker.choose_current()
    assert page.scans.staged() == []
    assert not page.checklist.rows[0][0].isChecked()


def test_the_scan_folder_chosen_in_admin_is_watched_by_the_intake_form(
    app_ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    from ui.pages.admin import PrintersTab

    folder = tmp_path / "may-quet-tang-1"
    folder.mkdir()
    page = open_form(app_ctx, qtbot)
    assert page.scans.watcher.folder is None
    tab = PrintersTab(app_ctx)
    qtbot.addWidget(tab)
    tab.choose_scan_folder = lambda: folder  # what the folder dialog would return
    tab.findChild(QPushButton, "chooseScanFolder").click()  # type: ignore[union-attr]
    assert tab.scan_folder.text() == str(folder)
    page.activated()  # the clerk comes back to Tiếp nhận
    qtbot.waitUntil(lambda: page.scans.watcher.folder == folder)
    assert "may-quet-tang-1" in page.scans.folder_label.text()


def test_a_line_the_catalogue_marks_shown_only_asks_for_no_scan(
    app_ctx: AppContext, qtbot: QtBot, data_dir: Path
) -> None:
    proc = Procedure.from_dict(
        {
            "code": "9.000002",
            "name": "Thủ tục thử xuất trình",
            "time_unit": "working_days",
            "time_value": 3,
            "documents": [
                {"name": "Tờ khai", "originals": 1},
                {"name": "Bản chính giấy phép lái xe", "originals": 1, "shown_only": True},
            ],
        }
    )
    c = Counter.open(data_dir)  # the catalogue as a pull from the hub would leave it
    try:
        c.catalogue.load_procedures([proc])
    finally:
        c.close()
    page = IntakePage(app_ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: "9.000002" in page.picker.visible_codes())
    page.picker.search.setText("9.000002")
    page.picker.choose_current()
    assert [i.shown_only for i in page.scans.items] == [False, True]
    assert not page.scans.items[1].browse.isVisibleTo(page)
    assert page.scans.items[1].label.text() == "xuất trình, không cần quét"
    assert page.scans_lacking.text() == "Còn 1 thành phần chưa có bản quét"
