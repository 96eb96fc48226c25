"""Scans put on the checklist items of an intake before it is accepted.

Each item takes files from a file dialog, by drag and drop, or from the "new scans" strip fed by
the office's scan folder (the folder its multifunction printer scans into). A file is checked
by the core (counter_app.attachments.check_file: content, not name) and its first page drawn as
a thumbnail on a thread pool, never on the GUI thread; only a file that passed is shown as
staged. Nothing is stored here: the intake stores the staged files with the dossier.
"""

from __future__ import annotations

import stat
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QFileSystemWatcher,
    QMimeData,
    QObject,
    QPoint,
    QSettings,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QDrag,
    QDragEnterEvent,
    QDropEvent,
    QImage,
    QImageReader,
    QMouseEvent,
    QPainter,
    QPixmap,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.attachments import DEFAULT_MAX_MB, FileFacts, check_file
from counter_app.errors import ValidationError
from counter_app.models import RequiredDocument

from ..i18n import pick

THUMB = QSize(40, 52)
# A scan folder also holds the scanner's half-written files and other programs' files: only
# these are offered (the core still checks the content of whatever is put on an item).
SCAN_SUFFIXES = frozenset({".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff"})
FILE_FILTER = "PDF, JPEG, PNG, TIFF (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)"
SETTING_FOLDER = "scans/folder"
ERROR_STYLE = "color: #b00020;"
# Amber, not the form's error red: an item without a scan does not stop the intake.
LACKING_COLOUR = "#9a5b00"
# Python's thread pools, not QThreadPools owned by the widgets: a QThreadPool destroyed when
# Python collects its widget waits for its threads while holding the GIL, and a thread that
# ran Python needs the GIL to end (a whole test run once hung there). These live as long as
# the program; answers still come back by queued signals to the GUI thread.
_CHECKS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="scan-check")
_LISTINGS = ThreadPoolExecutor(max_workers=1, thread_name_prefix="scan-folder")


@dataclass
class Scan:
    """A checked file with its first page drawn small."""

    path: Path
    facts: FileFacts
    thumbnail: QImage = field(repr=False)

    @property
    def name(self) -> str:
        return self.path.name


# --- checking and drawing, off the GUI thread ------------------------------------------------


def draw_thumbnail(path: Path, media_type: str, size: QSize = THUMB) -> QImage:
    """The first page fitted in `size`; a labelled blank when it cannot be drawn."""
    image = QImage()
    if media_type == "application/pdf":
        # Qt PDF loads with the first PDF drawn (on the pool's thread), not with the app.
        from PySide6.QtPdf import QPdfDocument

        doc = QPdfDocument()
        if doc.load(str(path)) == QPdfDocument.Error.None_ and doc.pageCount() > 0:
            page = doc.pagePointSize(0).toSize()
            image = doc.render(0, page.scaled(size * 2, Qt.AspectRatioMode.KeepAspectRatio))
        doc.close()
    else:
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)
        if reader.size().isValid():
            reader.setScaledSize(reader.size().scaled(size * 2, Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
    if image.isNull():
        image = QImage(size * 2, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, media_type.split("/")[-1])
        painter.end()
    return image


class _JobSignals(QObject):
    done = Signal(object)  # Scan
    failed = Signal(str)


class _CheckJob:
    def __init__(self, path: Path, max_bytes: int) -> None:
        self.path, self.max_bytes = path, max_bytes
        self.signals = _JobSignals()

    def run(self) -> None:
        try:
            facts = check_file(self.path, self.max_bytes)
            scan = Scan(self.path, facts, draw_thumbnail(self.path, facts.media_type))
        except ValidationError as exc:
            self.signals.failed.emit(" ".join(pick(m) for m in exc.errors.values()))
        except Exception as exc:  # every job answers, or the form would wait for it for ever
            self.signals.failed.emit(
                QCoreApplication.translate(
                    "ScanChecker", "{0}: không kiểm tra được tệp ({1})"
                ).format(self.path.name, type(exc).__name__)
            )
        else:
            self.signals.done.emit(scan)


class ScanChecker(QObject):
    """Checks files and draws their thumbnails on worker threads (_CHECKS); each answer comes back
    on the GUI thread through the callbacks given to check()."""

    answered = Signal()  # after a callback ran

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.max_bytes = DEFAULT_MAX_MB * 1048576  # the office's setting replaces it
        self._jobs: set[_CheckJob] = set()
        self.pending = 0

    def check(
        self, path: Path, done: Callable[[Scan], None], failed: Callable[[str], None]
    ) -> None:
        job = _CheckJob(path, self.max_bytes)

        # An answer that arrives after the form is gone is dropped.
        def on_done(scan: Scan) -> None:
            if shiboken6.isValid(self):
                self._finish(job)
                done(scan)

        def on_failed(why: str) -> None:
            if shiboken6.isValid(self):
                self._finish(job)
                failed(why)

        job.signals.done.connect(on_done)
        job.signals.failed.connect(on_failed)
        self._jobs.add(job)
        self.pending += 1
        _CHECKS.submit(job.run)

    def _finish(self, job: _CheckJob) -> None:
        self._jobs.discard(job)
        self.pending -= 1
        QTimer.singleShot(0, self, self.answered.emit)


# --- the scan folder -------------------------------------------------------------------------

Listing = dict[str, tuple[int, int]]  # file name -> (size, modification time in ns)


def list_scans(folder: Path) -> Listing | None:
    """The scan files of `folder` with their size and time; None when it cannot be read (not a
    folder, an unplugged share). Slow on a network share: called on a worker thread only."""
    listing: Listing = {}
    try:
        if not folder.is_dir():
            return None
        for path in folder.iterdir():
            if path.suffix.lower() not in SCAN_SUFFIXES or path.name.startswith("."):
                continue
            try:
                st = path.stat()
            except OSError:
                continue  # gone between the listing and the look (moved by the scanner)
            if stat.S_ISREG(st.st_mode):
                listing[path.name] = (st.st_size, st.st_mtime_ns)
    except OSError:
        return None
    return listing


@dataclass
class FolderTracker:
    """Which files of successive listings are new and whole: a file is whole once two
    listings in a row give it the same non-zero size and time (a scanner writes a PDF over
    seconds; a half-written one must not be taken)."""

    # name -> modification time when taken: a scanner that reuses a name is seen again.
    seen: dict[str, int] = field(default_factory=dict)
    growing: Listing = field(default_factory=dict)

    def start(self, listing: Listing) -> None:
        """The files already there are old scans, not offered."""
        self.seen = {name: facts[1] for name, facts in listing.items()}
        self.growing = {}

    def update(self, listing: Listing) -> list[str]:
        """The names that became whole since the last listing."""
        whole: list[str] = []
        for name in list(self.growing):
            if name not in listing:
                del self.growing[name]  # gone (moved away by the scanner's software)
        for name, now in listing.items():
            before = self.growing.get(name)
            if before is not None:
                if now == before and now[0] > 0:
                    del self.growing[name]
                    self.seen[name] = now[1]
                    whole.append(name)
                else:
                    self.growing[name] = now
            elif self.seen.get(name) != now[1]:
                self.growing[name] = now
        return whole


class _ListingSignals(QObject):
    answered = Signal(int, object)  # generation, Listing | None


class _ListingJob:
    def __init__(
        self, generation: int, folder: Path, lister: Callable[[Path], Listing | None]
    ) -> None:
        self.generation, self.folder, self.lister = generation, folder, lister
        self.signals = _ListingSignals()

    def run(self) -> None:
        try:
            listing = self.lister(self.folder)
        except Exception:  # every job answers, or the watcher would wait for it for ever
            listing = None
        self.signals.answered.emit(self.generation, listing)


class ScanFolderWatcher(QObject):
    """New files of the scan folder, each announced once whole. The folder is listed on a
    thread of its own, one listing at a time (an office's scan folder is often a network share
    that stalls for seconds): the GUI thread only asks and hears the answer. Files already
    there when the folder is chosen are old scans, not offered."""

    arrived = Signal(object)  # Path
    opened = Signal(object)  # Path, or None: the folder chosen could not be read
    looked = Signal()  # a listing's answer was taken in
    STABLE_MS = 400
    RESCAN_MS = 2000  # a watcher can miss events (network folders): look again anyway

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder: Path | None = None  # the folder watched, once its first listing answered
        self.wanted: Path | None = None  # the folder chosen
        # What lists the folder, on the pool's thread (a seam for tests).
        self.list_folder: Callable[[Path], Listing | None] = list_scans
        self.tracker = FolderTracker()
        self._generation = 0  # a listing of a folder chosen before the current one is dropped
        self._job: _ListingJob | None = None
        self._again = False
        # Its signals only say "look again": the looking is done by the pool.
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(lambda _path: self.rescan())
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(self.STABLE_MS)
        self._settle.timeout.connect(self.rescan)
        self._rescan = QTimer(self)
        self._rescan.setInterval(self.RESCAN_MS)
        self._rescan.timeout.connect(self.rescan)

    @property
    def busy(self) -> bool:
        return self._job is not None

    def set_folder(self, folder: Path | None) -> None:
        """Watch `folder` (None: none); `opened` says once it could be listed, or not."""
        if self._watcher.directories():
            self._watcher.removePaths(self._watcher.directories())
        self._generation += 1
        self._settle.stop()
        self._rescan.stop()
        self.folder, self.wanted = None, folder
        self.tracker = FolderTracker()
        if folder is None:
            self._again = False
            return
        self.rescan()

    def rescan(self) -> None:
        """List the folder again on the pool; after the listing under way if there is one."""
        if self.wanted is None:
            return
        if self._job is not None:
            self._again = True
            return
        self._again = False
        job = _ListingJob(self._generation, self.wanted, self.list_folder)
        job.signals.answered.connect(self._answered)
        self._job = job
        _LISTINGS.submit(job.run)

    def _answered(self, generation: int, listing: Listing | None) -> None:
        self._job = None
        if generation == self._generation and self.wanted is not None:
            self._take(self.wanted, listing)
        if self._again:
            self.rescan()
        self.looked.emit()

    def _take(self, folder: Path, listing: Listing | None) -> None:
        if self.folder is None:  # the first listing of the folder chosen
            if listing is None:
                self.wanted = None
                self.opened.emit(None)
                return
            self.tracker.start(listing)
            self.folder = folder
            self._watcher.addPath(str(folder))
            self._rescan.start()
            self.opened.emit(folder)
            return
        for name in self.tracker.update(listing or {}):  # unreadable for now: nothing new
            self.arrived.emit(folder / name)
        if self.tracker.growing:
            self._settle.start()


# --- widgets ---------------------------------------------------------------------------------


def _file_urls(mime: QMimeData) -> list[Path]:
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()] if mime.hasUrls() else []


def _discard(widget: QWidget) -> None:
    # Out of its layout and out of sight now; deleted when the event loop comes round.
    widget.hide()
    widget.setParent(None)
    widget.deleteLater()


class ScanTile(QFrame):
    """One file: its thumbnail, Mở (open in the system viewer) and a second action (remove
    from the item, or put on an item for a new scan). A new scan can be dragged onto an item."""

    open_requested = Signal(object)  # Scan
    remove_requested = Signal(object)  # Scan

    def __init__(self, scan: Scan, draggable: bool = False) -> None:
        super().__init__()
        self.scan = scan
        self.draggable = draggable
        self._press: QPoint | None = None
        self.setObjectName("scanTile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        pages = scan.facts.pages
        self.setToolTip(
            self.tr("{0}\n{1} trang · {2:.1f} MB\nNháy đúp để mở").format(
                scan.name, pages, scan.facts.size / 1048576
            )
        )
        self.picture = QLabel()
        self.picture.setObjectName("thumbnail")
        self.picture.setFixedSize(THUMB)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setStyleSheet("background: white; border: 1px solid #bbb;")
        self.picture.setPixmap(
            QPixmap.fromImage(scan.thumbnail).scaled(
                THUMB,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        self.open_button = QToolButton()
        self.open_button.setObjectName("openScan")
        self.open_button.setText(self.tr("Mở"))
        self.open_button.clicked.connect(lambda: self.open_requested.emit(self.scan))
        self.remove_button = QToolButton()
        self.remove_button.setObjectName("removeScan")
        self.remove_button.setText("✕")
        self.remove_button.setToolTip(self.tr("Bỏ tệp này"))
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self.scan))
        self.actions_box = QVBoxLayout()
        self.actions_box.setSpacing(2)
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(2)
        self.buttons.addWidget(self.open_button)
        self.buttons.addWidget(self.remove_button)
        self.actions_box.addLayout(self.buttons)
        self.actions_box.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addWidget(self.picture)
        layout.addLayout(self.actions_box)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.open_requested.emit(self.scan)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if not self.draggable or self._press is None:
            return
        if (event.position().toPoint() - self._press).manhattanLength() < 8:
            return
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(self.scan.path))])
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.setPixmap(self.picture.pixmap())
        self._press = None
        drag.exec(Qt.DropAction.CopyAction)


class ItemScans(QFrame):
    """The files staged on one checklist item; a drop target."""

    files_dropped = Signal(int, object)  # item row (from 0), list[Path]
    browse_requested = Signal(int)

    def __init__(self, row: int, name: str, shown_only: bool = False) -> None:
        super().__init__()
        self.row, self.name = row, name
        self.shown_only = shown_only  # the catalogue's word (or, failing it, the item's name)
        self.scans: list[Scan] = []
        self.setObjectName(f"scans{row + 1}")
        self.setAcceptDrops(True)
        self.label = QLabel()
        self.label.setObjectName("itemLabel")
        self.label.setToolTip(name)
        self.tiles = QHBoxLayout()
        self.tiles.setSpacing(4)
        self.browse = QPushButton(self.tr("Đính kèm bản quét…"))
        self.browse.setObjectName("browseScan")
        self.browse.setToolTip(self.tr("Chọn tệp PDF, JPEG, PNG, TIFF (hoặc kéo thả tệp vào đây)"))
        self.browse.clicked.connect(lambda: self.browse_requested.emit(self.row))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 0, 4, 4)  # under the item's name, past its tick
        layout.addWidget(self.label)
        layout.addLayout(self.tiles)
        layout.addStretch(1)
        layout.addWidget(self.browse, 0, Qt.AlignmentFlag.AlignVCenter)
        # Hidden once in the layout (a parentless widget shown would be a window of its own).
        self.browse.setVisible(not self.shown_only)  # Circular 03 Art. 5: nothing to scan
        self.refresh()

    def lacking(self) -> bool:
        return not self.shown_only and not self.scans

    def refresh(self) -> None:
        if self.shown_only:
            state = self.tr("xuất trình, không cần quét")
            colour = "#666"
        elif self.scans:
            state = self.tr("{0} tệp").format(len(self.scans))
            colour = "#1b7f3b"
        else:
            state = self.tr("chưa có bản quét")
            colour = LACKING_COLOUR
        self.label.setText(state)
        self.label.setStyleSheet(f"color: {colour};")

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _file_urls(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = _file_urls(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(self.row, paths)


class ScanPanel(QWidget):
    """The scans of an intake: the scan folder and its new scans, then one line per item."""

    changed = Signal()  # a file staged or removed: the count of items lacking a scan moved
    scanned = Signal(int)  # a file went on this item row (from 0)
    new_scan = Signal(object)  # Scan: a file of the scan folder, checked, in the strip
    refused = Signal(str)  # a file was not staged: why

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scanPanel")
        self.settings = settings
        self.checker = ScanChecker(self)
        self.watcher = ScanFolderWatcher(self)
        self.watcher.arrived.connect(self._arrived)
        self.watcher.opened.connect(self._opened)
        self.items: list[ItemScans] = []
        self._form = 0
        self._folder: Path | None = None  # as chosen, even when it cannot be opened
        self.fresh: list[Scan] = []
        # Seams for tests: what the file dialogs would return, what opens a file.
        self.choose_files: Callable[[], list[Path]] = self._dialog_files
        self.choose_folder: Callable[[], Path | None] = self._dialog_folder
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        # Where an item's line goes: the intake form puts it under the item in its checklist.
        self.place_item: Callable[[ItemScans], None] = self.rows_layout_add

        self.folder_label = QLabel()
        self.folder_label.setObjectName("scanFolder")
        self.folder_label.setWordWrap(True)
        self.folder_button = QPushButton(self.tr("Thư mục máy quét…"))
        self.folder_button.setObjectName("chooseScanFolder")
        self.folder_button.clicked.connect(self.pick_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.folder_button)
        self.strip = QHBoxLayout()
        self.strip.setSpacing(4)
        self.strip.setContentsMargins(0, 0, 0, 0)
        fresh_label = QLabel(self.tr("Bản quét mới\n(kéo vào thành phần\nhoặc bấm Gắn vào):"))
        fresh_label.setStyleSheet("color: #555;")
        self.strip.addWidget(fresh_label)
        self.strip.addStretch(1)
        strip_widget = QWidget()
        strip_widget.setLayout(self.strip)
        self.strip_area = QScrollArea()
        self.strip_area.setObjectName("newScans")
        self.strip_area.setWidgetResizable(True)
        self.strip_area.setFrameShape(QFrame.Shape.NoFrame)
        self.strip_area.setWidget(strip_widget)
        self.strip_area.setFixedHeight(THUMB.height() + 24)
        self.strip_area.hide()
        # Right under the items, where the clerk is looking while scanning.
        self.lacking_label = QLabel()
        self.lacking_label.setObjectName("scansLacking")
        self.message = QLabel()
        self.message.setObjectName("scanError")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        self.rows = QVBoxLayout()
        self.rows.setSpacing(2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.lacking_label)
        layout.addLayout(folder_row)
        layout.addWidget(self.strip_area)
        layout.addLayout(self.rows)
        layout.addWidget(self.message)
        self.set_folder(self._saved_folder())

    # --- the items ---------------------------------------------------------------------

    def set_items(self, documents: Sequence[RequiredDocument]) -> None:
        for item in self.items:
            _discard(item)
        self.items = []
        self._form += 1  # answers for the form before this one are dropped
        for row, doc in enumerate(documents):
            item = ItemScans(row, doc.name, doc.shown_only)
            item.files_dropped.connect(self.stage_files)
            item.browse_requested.connect(self.browse)
            self.place_item(item)
            self.items.append(item)
        self.show_message(None)
        self._changed()

    def rows_layout_add(self, item: ItemScans) -> None:
        self.rows.addWidget(item)

    def lacking(self) -> int:
        return sum(item.lacking() for item in self.items)

    def staged(self) -> list[tuple[int, Path]]:
        """(item row from 0, file) of every staged file, in item order."""
        return [(item.row, scan.path) for item in self.items for scan in item.scans]

    def browse(self, row: int) -> None:
        self.stage_files(row, self.choose_files())

    def stage_files(self, row: int, paths: list[Path]) -> None:
        """Check each file (off the GUI thread); only those that pass go on the item."""
        self.show_message(None)
        for path in paths:
            self.checker.check(path, partial(self._checked, self._form, row), self.show_message)

    def _checked(self, form: int, row: int, scan: Scan) -> None:
        # A check that answers after the form was cleared or the procedure changed belongs
        # to no item of this dossier.
        if form == self._form:
            self._stage(row, scan)

    def _stage(self, row: int, scan: Scan) -> None:
        item = self.items[row]
        if any(s.path == scan.path for s in item.scans):
            return
        item.scans.append(scan)
        tile = ScanTile(scan)
        tile.open_requested.connect(self.open_scan)
        tile.remove_requested.connect(lambda s, t=tile, i=item: self._unstage(i, s, t))
        item.tiles.addWidget(tile)
        item.refresh()
        self._drop_fresh(scan.path)
        self.scanned.emit(row)
        self._changed()

    def _unstage(self, item: ItemScans, scan: Scan, tile: ScanTile) -> None:
        item.scans.remove(scan)
        _discard(tile)
        item.refresh()
        self._changed()
        if self.watcher.folder is not None and scan.path.parent == self.watcher.folder:
            self._add_fresh(scan)  # a scan of the folder taken off an item is offered again

    def clear_scans(self) -> None:
        self.set_items([])

    def open_scan(self, scan: Scan) -> None:
        self.open_url(QUrl.fromLocalFile(str(scan.path)))

    def show_message(self, text: str | None) -> None:
        self.message.setText(text or "")
        self.message.setVisible(bool(text))
        if text:
            self.refused.emit(text)

    def lacking_text(self) -> str:
        """ "Còn N thành phần chưa có bản quét", or that none lacks one."""
        lacking = self.lacking()
        if lacking:
            return self.tr("Còn {0} thành phần chưa có bản quét").format(lacking)
        return self.tr("Mọi thành phần cần quét đã có bản quét") if self.items else ""

    def _changed(self) -> None:
        self.lacking_label.setText(self.lacking_text())
        self.lacking_label.setStyleSheet(
            f"color: {LACKING_COLOUR}; font-weight: bold;" if self.lacking() else "color: #1b7f3b;"
        )
        self.changed.emit()

    # --- the scan folder ---------------------------------------------------------------

    def _saved_folder(self) -> Path | None:
        value = self.settings.value(SETTING_FOLDER, "")
        return Path(str(value)) if value else None

    def follow_setting(self) -> None:
        """Take the folder saved in the settings if it is not the one watched."""
        saved = self._saved_folder()
        if saved != self._folder:
            self.set_folder(saved)

    def set_folder(self, folder: Path | None) -> None:
        self._folder = folder
        self.watcher.set_folder(folder)  # listed off the GUI thread: _opened says how it went
        self.folder_label.setToolTip(str(folder or ""))
        if folder is not None:
            self.folder_label.setText(self.tr("Đang mở thư mục máy quét {0}…").format(folder.name))
        else:
            self.folder_label.setText(self.tr("Chưa chọn thư mục máy quét."))

    def _opened(self, folder: Path | None) -> None:
        if folder is not None:
            self.folder_label.setText(self.tr("Máy quét lưu vào: {0}").format(folder.name))
        else:
            self.folder_label.setText(
                self.tr("Không mở được thư mục máy quét {0}: chọn lại.").format(self._folder)
            )

    def pick_folder(self) -> None:
        folder = self.choose_folder()
        if folder is None:
            return
        self.settings.setValue(SETTING_FOLDER, str(folder))
        self.set_folder(folder)

    def _arrived(self, path: Path) -> None:
        self.checker.check(path, self._add_fresh, self.show_message)

    def _add_fresh(self, scan: Scan) -> None:
        self.fresh.append(scan)
        tile = ScanTile(scan, draggable=True)
        tile.setObjectName("newScan")
        tile.open_requested.connect(self.open_scan)
        tile.remove_requested.connect(lambda s: self._drop_fresh(s.path))
        tile.remove_button.setToolTip(self.tr("Bỏ qua bản quét này"))
        put = QToolButton()
        put.setObjectName("putScan")
        put.setText(self.tr("Gắn vào"))
        put.setToolTip(self.tr("Gắn vào thành phần hồ sơ (hoặc kéo vào thành phần)"))
        put.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(put)
        menu.aboutToShow.connect(lambda m=menu, s=scan: self._fill_menu(m, s))
        put.setMenu(menu)
        tile.actions_box.insertWidget(0, put)
        self.strip.insertWidget(self.strip.count() - 1, tile)
        self.strip_area.show()
        self.new_scan.emit(scan)

    def _fill_menu(self, menu: QMenu, scan: Scan) -> None:
        menu.clear()
        for item in self.items:
            action = menu.addAction(f"{item.row + 1}. {item.name}")
            action.triggered.connect(lambda _c=False, r=item.row: self.put_fresh(scan, r))

    def put_fresh(self, scan: Scan, row: int) -> None:
        """A new scan of the folder put on an item with a click (it was checked already)."""
        self._stage(row, scan)

    def _drop_fresh(self, path: Path) -> None:
        for n in range(self.strip.count()):
            found = self.strip.itemAt(n)
            tile = found.widget() if found is not None else None
            if isinstance(tile, ScanTile) and tile.scan.path == path:
                self.fresh.remove(tile.scan)
                _discard(tile)
                break
        self.strip_area.setVisible(bool(self.fresh))

    # --- the dialogs (replaced in tests) -------------------------------------------------

    def _dialog_files(self) -> list[Path]:
        start = str(self.watcher.folder or "")
        names, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Chọn bản quét"), start, FILE_FILTER
        )
        return [Path(n) for n in names]

    def _dialog_folder(self) -> Path | None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Thư mục máy quét lưu bản quét"), str(self.watcher.folder or "")
        )
        return Path(chosen) if chosen else None
