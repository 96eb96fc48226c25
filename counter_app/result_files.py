"""The electronic result (kết quả điện tử): which procedures require it as a file, the rule that
refuses "result ready" without one, and marking a dossier result ready with its file at once.

The setting is one office setting holding the codes of the procedures whose result must be
attached (`result_file_required`), not a column of the catalogue: a catalogue import from the
province replaces procedures and would silently undo what the office's supervisor chose.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Any

from counter_app.i18n import _

from .attachments import _too_big, examine
from .errors import NotFound, TransitionError, ValidationError
from .lifecycle import Status
from .models import Dossier, User
from .roles import Action, require
from .sync_records import AttachmentRow
from .text import nfc

if TYPE_CHECKING:
    from collections.abc import Callable

    from .counter import Counter
    from .store import Store

SETTING = "result_file_required"
CATALOGUE_KEY = "result_file_required"  # in a procedure of a catalogue file or publication
VIEW_FOLDER = "view"  # under the attachments folder: copies named for the system viewer
# The dossier (uuid) whose result file is being attached in the same transaction as its
# change to result ready: the rule lets that one change through, the attach follows it.
_incoming: ContextVar[str | None] = ContextVar("incoming_result_file", default=None)


def flagged(items: Any) -> set[str]:
    """Codes a catalogue marks `"result_file_required": true` (a catalogue file, or the list
    the hub publishes): how the province says a procedure's result must come as a file."""
    if isinstance(items, dict):
        items = items.get("procedures")
    if not isinstance(items, list):
        return set()
    return {
        str(p["code"])
        for p in items
        if isinstance(p, dict) and p.get(CATALOGUE_KEY) is True and isinstance(p.get("code"), str)
    }


def required_codes(setting: Callable[[str, Any], Any]) -> frozenset[str]:
    value = setting(SETTING, [])
    return frozenset(str(c) for c in value) if isinstance(value, list) else frozenset()


def refuse_without_file(
    store: Store, setting: Callable[[str, Any], Any], dossier_id: int, d: Dossier, to: Status
) -> None:
    """In the status change's transaction: result ready needs the result file when the
    dossier's procedure requires one."""
    if to is not Status.RESULT_READY or d.procedure_code not in required_codes(setting):
        return
    if _incoming.get() == d.uuid:
        return
    if any(a.kind == "result" for a in store.attachments.of_dossier(dossier_id)):
        return
    raise TransitionError(
        _(
            "Thủ tục {code} bắt buộc có kết quả điện tử: đính kèm tệp kết quả (PDF, ảnh quét) "
            "khi chuyển hồ sơ sang 'Đã có kết quả'"
        ).format(code=d.procedure_code)
    )


def _announced(d: Dossier, data: dict[str, Any]) -> AttachmentRow:
    """A result file another office attached, as its event tells it (not downloaded yet)."""
    return AttachmentRow(
        uuid=str(data["uuid"]),
        dossier_uuid=d.uuid,
        code=d.code,
        item=None,
        kind="result",
        name=str(data.get("name", "")),
        media_type=str(data.get("media_type", "")),
        pages=int(data.get("pages") or 0),
        size=int(data.get("size") or 0),
        sha256=str(data["sha256"]),
        added_by=str(data.get("added_by", "")),
        added_at=str(data.get("added_at", "")),
        sync_state="remote",
    )


@contextmanager
def _attaching(dossier_uuid: str) -> Iterator[None]:
    token = _incoming.set(dossier_uuid)
    try:
        yield
    finally:
        _incoming.reset(token)


class ResultFiles:
    """The core's service for electronic results; `Counter.result_files` hands it out."""

    def __init__(self, counter: Counter, store: Store) -> None:
        self._counter = counter
        self._store = store

    def required(self, procedure_code: str) -> bool:
        return nfc(procedure_code) in required_codes(self._counter.setting)

    def required_procedures(self) -> list[str]:
        return sorted(required_codes(self._counter.setting))

    def set_required(self, actor: User, procedure_code: str, required: bool) -> None:
        """Supervisors only; the code must be one of the catalogue's."""
        require(actor, Action.CHANGE_SETTINGS)
        code = self._counter.catalogue.procedure(
            nfc(procedure_code)
        ).code  # NotFound for a bad code
        codes = set(required_codes(self._counter.setting))
        codes = codes | {code} if required else codes - {code}
        self._counter.set_setting(actor, SETTING, sorted(codes))

    def adopt_published(self, items: list[Any]) -> list[str]:
        """The province's published catalogue requires these results as files: added to the
        office's setting (a supervisor may make one optional again until the next
        publication). Returns the codes added."""
        added = sorted(flagged(items) - required_codes(self._counter.setting))
        if added:
            codes = sorted(required_codes(self._counter.setting) | set(added))
            with self._store.write():
                self._store.meta.set(f"setting.{SETTING}", codes)
        return added

    def check_file(self, source: Path) -> None:
        """The file as `attach` will judge it, nothing stored (the desk's dialog asks first)."""
        limit = self._counter.attachments.max_bytes()
        try:
            if (size := source.stat().st_size) > limit:  # not read into memory at all
                raise ValidationError({"file": _too_big(source.name, size, limit)})
            data = source.read_bytes()
        except OSError as exc:
            raise ValidationError(
                {
                    "file": _("{name}: không đọc được tệp ({reason})").format(
                        name=source.name, reason=exc.strerror
                    )
                }
            ) from exc
        examine(data, source.name, limit)

    def mark_ready(
        self, actor: User, code: str, source: Path | None = None, note: str | None = None
    ) -> Dossier:
        """Result ready, with its result file attached in the same transaction when one is
        given: a bad file or a refused change leaves the dossier as it was."""
        if source is None:
            return self._counter.dossiers.change_status(actor, code, Status.RESULT_READY, note)
        self.check_file(source)
        d = self._counter.dossiers.get(code)
        with self._store.write(), _attaching(d.uuid):
            self._counter.dossiers.change_status(actor, code, Status.RESULT_READY, note)
            self._counter.attachments.attach(actor, code, source, result=True)
        return self._counter.dossiers.get(code)

    def of(self, code: str) -> list[AttachmentRow]:
        """The dossier's result files: those attached here or downloaded from the hub, then
        those another office attached that the next sync will download (`here` is False)."""
        rows = [a for a in self._counter.attachments.of(code) if a.kind == "result"]
        d = self._counter.dossiers.get(code)
        for dossier_uuid, data in self._counter.attachments.missing_remote():
            if dossier_uuid == d.uuid and data.get("kind") == "result":
                rows.append(_announced(d, data))
        return rows

    def here(self, row: AttachmentRow) -> bool:
        """Whether the file is on this desk (one attached elsewhere may still be on its way)."""
        return self._counter.attachments.files.has(row.sha256)

    def viewable_copy(self, row: AttachmentRow) -> Path:
        """A private copy under the file's own name, for the system viewer: stored files are
        named by their hash, which no viewer can tell the type of. Kept in the data folder
        (not the shared temporary folder), one per file, reused when opened again."""
        source = self._counter.attachments.path(row.sha256)
        if not source.is_file():
            raise NotFound(_("tệp kết quả chưa có trên máy này (chưa tải về từ tỉnh)"))
        folder = self._counter.attachments.files.root / VIEW_FOLDER / row.sha256[:16]
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        name = Path(row.name).name or "ket-qua"
        suffix = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}.get(
            row.media_type, ".tif"
        )
        target = folder / (name if Path(name).suffix else name + suffix)
        if not target.is_file() or target.stat().st_size != row.size:
            tmp = target.with_name(f".{target.name}.part")
            shutil.copyfile(source, tmp)
            os.chmod(tmp, 0o600)
            os.replace(tmp, target)
        return target
