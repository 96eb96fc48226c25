"""Catch an ID card QR code typed by a USB scanner into whatever field has the cursor.

A scanner is a keyboard: it types `ID|old ID|name|ddMMyyyy|gender|address|issue date` and
usually Enter. Once a field's text holds a 12-digit number followed by '|', the scan has
begun: we wait for Enter (or a short pause in the keystrokes), put the field back as it was
and hand the parsed card to the page.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLineEdit

from counter_app.errors import ValidationError
from counter_app.idcard import IdCardData, looks_like_idcard_qr, parse_idcard_qr

_START = re.compile(r"\d{12}\|")
IDLE_MS = 250  # scanners type far faster than people; a pause this long means it is done


class IdCardScanCatcher(QObject):
    scanned = Signal(object)  # IdCardData
    rejected = Signal(str)  # the payload looked like a card but did not parse

    def __init__(self, fields: list[QLineEdit], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._active: QLineEdit | None = None
        self._before = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(IDLE_MS)
        self._timer.timeout.connect(self.finish)
        for field in fields:
            field.textEdited.connect(lambda text, f=field: self._on_edit(f, text))
            field.returnPressed.connect(lambda f=field: self._on_return(f))

    def scanning(self) -> bool:
        return self._active is not None

    def _on_edit(self, field: QLineEdit, text: str) -> None:
        if self._active is None:
            match = _START.search(text)
            if match is None:
                return
            self._active, self._before = field, text[: match.start()]
        if field is self._active:
            self._timer.start()

    def _on_return(self, field: QLineEdit) -> None:
        if field is self._active:
            self.finish()

    def finish(self) -> None:
        field = self._active
        if field is None:
            return
        self._timer.stop()
        self._active = None
        text = field.text()
        payload = text[len(self._before) :]
        field.setText(self._before)
        if not looks_like_idcard_qr(payload):
            self.rejected.emit(payload)
            return
        try:
            card: IdCardData = parse_idcard_qr(payload)
        except ValidationError as exc:
            self.rejected.emit(next(iter(exc.errors.values())))
            return
        self.scanned.emit(card)
