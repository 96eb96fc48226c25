"""Printing through Qt: a preview rendered from the form's PDF with Qt PDF, the print dialog
with the printer remembered per form, and "save as PDF file" for offices without a printer.

The PDF itself comes from the core's forms module (counter_app.forms.render_form), rendered on
the database worker; every print or save is recorded with Counter.record_print.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, QStandardPaths, Qt, Signal
from PySide6.QtGui import QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app import clock
from counter_app.errors import NotFound
from counter_app.intake import IntakeRequest, validate
from counter_app.lifecycle import Status
from counter_app.models import Dossier, Procedure, User

if TYPE_CHECKING:
    from counter_app.counter import Counter

from . import operations as ops
from .context import AppContext
from .errors import show_error

# Our names of the forms (the core's names, as render_form and record_print take them).
RECEIPT = "receipt"  # Mẫu 01
SUPPLEMENT = "supplement"  # Mẫu 02
REFUSAL = "refusal"  # Mẫu 03

FORM_TITLES = {
    RECEIPT: "Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    SUPPLEMENT: "Mẫu 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    REFUSAL: "Mẫu 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ",
}


@dataclass(frozen=True)
class RenderedForm:
    form: str
    code: str
    pdf: bytes
    copy: bool = False
    saved: bool = True  # False: Mẫu 02 of a dossier not taken in, nothing to record it on


def render_form(counter: Counter, form: str, code: str, copy: bool = False, **kw: Any) -> bytes:
    """On the worker: the core's renderer, imported on first use (reportlab) to start faster."""
    from counter_app import forms

    pdf: bytes = forms.render_form(counter, form, code, copy=copy, **kw)
    return pdf


def already_printed(counter: Counter, code: str, form: str) -> bool:
    """A form printed before prints as a copy (BẢN SAO); recorded only once really printed."""
    return counter.already_printed(code, form)


def render(ctx: AppContext, *, form: str, code: str, **kw: Any) -> ops.Op:
    actor = ctx.user

    def fn(c: Counter) -> RenderedForm:
        copy = already_printed(c, code, form)
        return RenderedForm(
            form, code, render_form(c, form, code, copy=copy, actor=actor, **kw), copy
        )

    return ctx.op(fn)


class _Unsaved:
    """The counter as the forms module sees it, plus one dossier that is not in the database.

    Mẫu 02 at the counter guides a citizen whose dossier is *not* taken in, so there is no
    saved dossier to render from; this stands in for it without writing anything.
    """

    def __init__(self, counter: Counter, dossier: Dossier) -> None:
        self._counter = counter
        self._dossier = dossier

    def dossier(self, code: str) -> Dossier:
        return self._dossier if code == self._dossier.code else self._counter.dossier(code)

    def events(self, code: str) -> list[Any]:
        return [] if code == self._dossier.code else self._counter.events(code)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._counter, name)


def render_guidance(
    counter: Counter, actor: User, req: IntakeRequest, missing: list[str]
) -> RenderedForm:
    """Mẫu 02 for a citizen who still lacks documents: validated like an intake, never saved."""
    now = clock.now()
    try:
        proc: Procedure | None = counter.procedure(req.procedure_code)
    except NotFound:
        proc = None  # validate() refuses it in the clerk's words
    valid = validate(req, proc, now)
    assert proc is not None  # validate() refuses an unknown procedure
    office = counter.office()
    code = f"HD-{now:%y%m%d-%H%M%S}"
    dossier = Dossier(
        uuid="", code=code, procedure_code=proc.code, procedure_name=proc.name,
        applicant=valid.applicant, received_at=clock.iso(now), due_at=None,
        status=Status.RECEIVED, received_by=actor.username, receiving_unit=office.agency_code,
        resolving_unit=office.agency_code, documents=valid.documents, sets=valid.sets,
    )  # fmt: skip
    pdf = render_form(
        _Unsaved(counter, dossier), SUPPLEMENT, code, actor=actor, missing=missing,  # type: ignore[arg-type]
        reason="Hồ sơ chưa đủ thành phần theo quy định",
    )  # fmt: skip
    return RenderedForm(SUPPLEMENT, code, pdf, saved=False)


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
        title = FORM_TITLES.get(rendered.form, rendered.form)
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

        heading = QLabel(f"<b>{title}</b> — {rendered.code}")
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
        dialog.setWindowTitle(self.tr("In {0}").format(FORM_TITLES.get(self.rendered.form, "")))
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
        return Path(folder) / f"{self.rendered.code}-{self.rendered.form}.pdf"

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
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(self.rendered.pdf)
        except OSError as exc:
            show_error(self, exc)
            return
        self.ctx.settings.setValue("printing/pdf_dir", str(path.parent))
        self.ctx.settings.setValue(_settings_key(self.rendered.form, "mode"), "pdf")
        self._done(f"pdf:{path}")

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
    ctx: AppContext, parent: QWidget, *, form: str, code: str,
    on_done: Callable[[str], None] | None = None, on_open: Callable[[PrintPreview], None] | None = None,
    **kw: Any,
) -> None:  # fmt: skip
    """Render on the worker, then open the preview (non-blocking) on the GUI thread."""

    def show(rendered: RenderedForm) -> None:
        dialog = PrintPreview(ctx, rendered, parent, on_done)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        if on_open is not None:
            on_open(dialog)

    render(ctx, form=form, code=code, **kw).success(show).guard(parent).run()
