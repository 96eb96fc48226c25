"""Start the desktop app: first-launch setup, login, then the main window.

`counter-app` with no arguments (and `make run`) calls main(data_dir).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from ui import qtfix  # noqa: F401  (before any signal is emitted; see the module)

from . import i18n
from . import operations as ops
from .context import AppContext
from .errors import install_excepthook, show_error
from .preflight import display_problem
from .smoke import arm as arm_smoke_report


class Shell(QObject):
    """Walks the start-up steps in order; each step's slow part runs on the worker."""

    def __init__(self, app: QApplication, ctx: AppContext) -> None:
        super().__init__()
        self.app = app
        self.ctx = ctx
        self.window: QWidget | None = None
        self.dialog: QWidget | None = None

    def start(self) -> None:
        ops.startup_state(self.ctx).success(self._on_state).failure(self._fatal).run()

    def _on_state(self, state: ops.StartupState) -> None:
        if not state.configured:
            self._first_launch()
            return
        self.ctx.office = state.office
        self.show_login()

    def _first_launch(self) -> None:
        from .setup_wizard import SetupWizard

        wizard = SetupWizard(self.ctx)
        wizard.configured.connect(self._on_configured)
        wizard.rejected.connect(self.app.quit)
        self.dialog = wizard
        wizard.show()

    def _on_configured(self, state: ops.StartupState) -> None:
        self.ctx.office = state.office
        self.show_login()

    def show_login(self) -> None:
        from .login import LoginDialog

        dialog = LoginDialog(self.ctx)
        dialog.logged_in.connect(lambda _user: self.show_main())
        dialog.rejected.connect(self.app.quit)
        dialog.language_changed.connect(lambda lang: self._relanguage(dialog, lang))
        self.dialog = dialog
        dialog.show()

    def _relanguage(self, old: QWidget, lang: str) -> None:
        """Widgets take their words when built: switch the translator, rebuild the dialog."""
        i18n.install(self.app, lang)
        self.show_login()  # shown before the old one goes, so the app never has no window
        old.hide()
        old.deleteLater()

    def show_main(self) -> None:
        from .main_window import MainWindow

        window = MainWindow(self.ctx)
        window.session.logout_requested.connect(self.logout)
        self.window = window
        window.show()
        self.ctx.sync.start()  # background sync for the signed-in session

    def logout(self) -> None:
        """Back to the login, for the same or another user; the window goes with its pages
        (no data of the last user stays on screen or in memory)."""
        from .main_window import MainWindow

        window = self.window
        if not isinstance(window, MainWindow) or not window.can_leave():
            return
        window.session.stop()
        self.ctx.sync.stop()
        self.ctx.user = None
        self.window = None
        self.show_login()  # before the window goes, so the app never has no window
        window.hide()  # not close(): closing asks its own questions, already answered
        window.deleteLater()

    def _fatal(self, exc: BaseException) -> None:
        show_error(None, exc)
        box = self.app.activeModalWidget() or self.app.activeWindow()
        if box is not None:
            box.destroyed.connect(self.app.quit)
        else:
            self.app.quit()


def make_app() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication(sys.argv[:1])
    app.setOrganizationName("mot-cua")
    app.setApplicationName("mot-cua")
    # No display name: Qt would append it to every title ("Một Cửa — X — Một Cửa"), and our
    # titles already start with the app's name.
    font = QFont(app.font())
    font.setPointSize(max(font.pointSize(), 11))  # readable at a busy counter
    app.setFont(font)
    return app


def main(data_dir: Path) -> int:
    problem = display_problem()
    if problem:
        print(f"counter-app: {problem}", file=sys.stderr)
        return 1
    app = make_app()
    install_excepthook(data_dir / "logs")
    ctx = AppContext(data_dir)
    i18n.install(app, str(ctx.settings.value("ui/language", "vi")))
    shell = Shell(app, ctx)
    shell.start()
    arm_smoke_report(app)
    try:
        return app.exec()
    finally:
        ctx.close()
