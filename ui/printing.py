"""Printing through Qt: a preview rendered from the form's PDF with Qt PDF, the print dialog
with the printer remembered per form, and "save as PDF file" for offices without a printer.

The PDF itself comes from the core's forms module (counter_app.forms.render_form), rendered on
the database worker; every print or save is recorded with Counter.dossiers.record_print.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QRect,
    QSize,
    QStandardPaths,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app import clock, forms
from counter_app.forms.output import save_pdf
from counter_app.intake import IntakeRequest
from counter_app.models import User

if TYPE_CHECKING:
    from counter_app.counter import Counter

from . import operations as ops
from .context import AppContext
from .errors import show_error

# Our names of the forms (the core's roles, as render_form and record_print take them); their
# numbers and titles come from the core's template sets.
RECEIPT = "receipt"
SUPPLEMENT = "supplement"
REFUSAL = "refusal"
# The forms the intake desk prints at once, each with its own remembered printer.
DESK_FORMS = (RECEIPT, SUPPLEMENT, REFUSAL)


def form_titles(roles: tuple[str, ...] = DESK_FORMS) -> dict[str, str]:
    """'Mẫu số 01 — Giấy tiếp nhận …' for each role, in the set in force today."""
    return {role: forms.form_info(role).label for role in roles}


@dataclass(frozen=True)
class RenderedForm:
    form: str
    code: str
    pdf: bytes
    copy: bool = False
    saved: bool = True  # False: a request not taken in, nothing to record the print on
    title: str = ""  # the form's number and name in the dossier's set


def render_form(counter: Counter, form: str, code: str, copy: bool = False, **kw: Any) -> bytes:
    """On the worker: the core's renderer."""
    return forms.render_form(counter, form, code, copy=copy, **kw)


def already_printed(counter: Counter, code: str, form: str) -> bool:
    """A form printed before prints as a copy (BẢN SAO); recorded only once really printed."""
    return counter.dossiers.already_printed(code, form)


def render(ctx: AppContext, *, form: str, code: str, **kw: Any) -> ops.Op[RenderedForm]:
    actor = ctx.user

    def fn(c: Counter) -> RenderedForm:
        copy = already_printed(c, code, form)
        pdf = render_form(c, form, code, copy=copy, actor=actor, **kw)
        title = forms.dossier_forms(c.dossiers.get(code))[form].label
        return RenderedForm(form, code, pdf, copy, title=title)

    return ctx.op(fn)


def render_guidance(
    counter: Counter, actor: User, req: IntakeRequest, missing: list[str]
) -> RenderedForm:
    """Mẫu 02 for a citizen who still lacks documents: validated like an intake, never saved."""
    pdf = forms.render_request_form(
        counter,
        SUPPLEMENT,
        req,
        actor=actor,
        missing=missing,
        reason="Hồ sơ chưa đủ thành phần theo quy định",
    )
    title = forms.form_info(SUPPLEMENT).label
    return RenderedForm(SUPPLEMENT, "", pdf, saved=False, title=title)


def _settings_key(form: str, name: str) -> str:
    return f"printing/{form}/{name}"


class PrintPreview(QDialog):
    """Shows the PDF as it will print. Ctrl+P prints, Ctrl+S saves a PDF file, Esc closes."""

    printed = Signal(str)  # "printer:<name>" or "pdf:<path>"

    def __init__(
        self,
        ctx: AppContext,
        rendered: RenderedForm,
        parent: QWidget | None = None,
        on_done: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rendered = rendered
        self.setObjectName("printPreview")
        title = rendered.title or rendered.form
        self.setWindowTitle(self.tr("Xem trước khi in — {0}").format(title))
        # Office PCs often have 1366x768 screens: never open taller than the screen.
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(900, int(screen.width() * 0.9)), min(1000, int(screen.height() * 0.9)))
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(rendered.pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        heading = QLabel(
            f"<b>{title}</b> — {rendered.code}" if rendered.code else f"<b>{title}</b>"
        )
        heading.setObjectName("previewHeading")
        self.message = QLabel()
        self.message.setObjectName("previewMessage")
        self.print_button = QPushButton(self.tr("In… (Ctrl+P)"))
        self.print_button.setObjectName("printButton")
        self.pdf_button = QPushButton(self.tr("Lưu thành tệp PDF… (Ctrl+S)"))
        self.pdf_button.setObjectName("savePdfButton")
        self.close_button = QPushButton(self.tr("Đóng (Esc)"))
        self.print_button.clicked.connect(self.print_dialog)
        self.pdf_button.clicked.connect(self.save_dialog)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_dialog)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_dialog)

        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        # Offices without a printer saved to PDF last time: offer that first.
        mode = ctx.settings.value(_settings_key(rendered.form, "mode"), "printer")
        default = (
            self.pdf_button
            if mode == "pdf" or not QPrinterInfo.availablePrinterNames()
            else self.print_button
        )
        default.setDefault(True)
        default.setFocus()
        if on_done is not None:
            self.printed.connect(on_done)
        self._file_dialog: QFileDialog | None = None
        self.saved_message: QMessageBox | None = None

    def page_count(self) -> int:
        return self.document.pageCount()

    # --- printer -----------------------------------------------------------------------

    def _printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        saved = str(self.ctx.settings.value(_settings_key(self.rendered.form, "printer"), ""))
        if saved and saved in QPrinterInfo.availablePrinterNames():
            printer.setPrinterName(saved)
        printer.setDocName(f"{self.rendered.code}-{self.rendered.form}")
        return printer

    def print_dialog(self) -> None:
        printer = self._printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("In {0}").format(self.rendered.title))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Each page rendered at the printer's resolution, scaled to its printable area."""
        painter = QPainter()
        if not painter.begin(printer):
            show_error(
                self, OSError(self.tr("Không mở được máy in {0}").format(printer.printerName()))
            )
            return
        try:
            # 300 dpi is sharp for text and QR on office printers; 1200 would be a 0.5 GB page.
            dpi = min(printer.resolution(), 300)
            for page in range(self.document.pageCount()):
                if page:
                    printer.newPage()
                size_pt = self.document.pagePointSize(page)
                image = self.document.render(
                    page,
                    QSize(round(size_pt.width() * dpi / 72), round(size_pt.height() * dpi / 72)),
                )
                target = painter.viewport()
                scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                # The painter scales the 300 dpi image onto the page; no device-size copy.
                painter.drawImage(QRect(target.topLeft(), scaled), image)
        finally:
            painter.end()
        if printer.outputFormat() == QPrinter.OutputFormat.NativeFormat:
            self.ctx.settings.setValue(
                _settings_key(self.rendered.form, "printer"), printer.printerName()
            )
            self.ctx.settings.setValue(_settings_key(self.rendered.form, "mode"), "printer")
            self._done(f"printer:{printer.printerName()}")
        else:
            self._done(f"pdf:{printer.outputFileName()}")

    # --- PDF file ----------------------------------------------------------------------

    def default_pdf_path(self) -> Path:
        folder = str(
            self.ctx.settings.value("printing/pdf_dir", "")
        ) or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        # A request not taken in has no code: the time names its guidance sheet.
        stem = self.rendered.code or f"{clock.now():%y%m%d-%H%M%S}"
        return Path(folder) / f"{stem}-{self.rendered.form}.pdf"

    def save_dialog(self) -> None:
        """A Qt (not native) file dialog, opened window-modal: Enter accepts the proposed name."""
        dialog = QFileDialog(self, self.tr("Lưu thành tệp PDF"))
        dialog.setObjectName("savePdfDialog")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("Tệp PDF (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        path = self.default_pdf_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        dialog.setDirectory(str(path.parent))
        dialog.selectFile(path.name)
        dialog.fileSelected.connect(lambda name: self.save_pdf(Path(name)))
        self._file_dialog = dialog
        dialog.open()

    def save_pdf(self, path: Path) -> None:
        """The file is readable by this user only (0600); a message names where it went."""
        try:
            folder = save_pdf(path, self.rendered.pdf)
        except OSError as exc:
            show_error(self, exc)
            return
        self.ctx.settings.setValue("printing/pdf_dir", str(path.parent))
        self.ctx.settings.setValue(_settings_key(self.rendered.form, "mode"), "pdf")
        self._tell_saved(path, folder)
        self._done(f"pdf:{path}")

    def _tell_saved(self, path: Path, folder: Path) -> None:
        """Told on the window behind the preview, which stays open after the preview closes."""
        box = QMessageBox(self.parentWidget() or self)
        box.setObjectName("pdfSavedMessage")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Đã lưu tệp PDF"))
        box.setText(self.tr("Đã lưu {0} vào thư mục:").format(path.name))
        box.setInformativeText(str(folder))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.addButton(QMessageBox.StandardButton.Ok)
        open_folder = box.addButton(self.tr("Mở thư mục"), QMessageBox.ButtonRole.ActionRole)
        open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        )
        self.saved_message = box
        box.open()

    def _done(self, where: str) -> None:
        """Record the print in the dossier's history, then close the preview."""
        user = self.ctx.user
        if user is not None and self.rendered.saved:
            ops.record_print(
                self.ctx, actor=user, code=self.rendered.code, form=self.rendered.form
            ).run()
        self.message.setText(self.tr("Đã in."))
        self.printed.emit(where)
        self.accept()


def preview(
    ctx: AppContext,
    parent: QWidget,
    *,
    form: str,
    code: str,
    on_done: Callable[[str], None] | None = None,
    on_open: Callable[[PrintPreview], None] | None = None,
    **kw: Any,
) -> None:
    """Render on the worker, then open the preview (non-blocking) on the GUI thread."""

    def show(rendered: RenderedForm) -> None:
        dialog = PrintPreview(ctx, rendered, parent, on_done)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        if on_open is not None:
            on_open(dialog)

    render(ctx, form=form, code=code, **kw).success(show).guard(parent).run()
