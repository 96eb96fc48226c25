"""Attached files between a desk and the hub: resumable uploads after the dossiers' records,
and resumable downloads of the files of dossiers another office received for this one.

Uploads follow the hub's resumable protocol (sync/hub/attachments_api.py; tus core): open,
then PATCH chunks at the offset the hub holds. After any failure the desk asks the hub (HEAD)
how much it holds and carries on from there, so a cut costs at most the chunk in flight and
the hub keeps even part of that. A file the hub already holds is not sent.
"""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
import urllib3

from counter_app.counter import Counter
from counter_app.i18n import _
from counter_app.sync_records import AttachmentRow

from .errors import HubRefused, HubUnreachable, SyncError
from .transport import HubClient

UPLOADS = "/v1/uploads"
FILES = "/v1/files"
CHUNK = 8 * 1024 * 1024  # per request: each costs the hub an fsync and a database write
# Failures in a row without a byte of progress before this sync gives the file up (the next
# sync resumes it from what the hub holds).
MAX_STALLS = 6
TRANSFER_ERRORS = (requests.exceptions.RequestException, urllib3.exceptions.HTTPError, OSError)


@dataclass
class FileResult:
    sent: int = 0
    received: int = 0
    errors: list[str] = field(default_factory=list)


class FileTransfer:
    def __init__(
        self,
        counter: Counter,
        client: HubClient,
        chunk: int = CHUNK,
        cancel: Callable[[], bool] | None = None,
    ) -> None:
        self.counter = counter
        self.client = client
        self.chunk = chunk
        self.cancel = cancel or (lambda: False)
        self.result = FileResult()

    # --- uploads -------------------------------------------------------------------------

    def upload_all(self) -> FileResult:
        done: set[str] = set()
        while not self.cancel():
            rows = [r for r in self.counter.attachments.unsent(50) if r.sha256 not in done]
            if not rows:
                break
            for row in rows:
                if self.cancel():
                    break
                if row.sha256 in done:
                    continue
                done.add(row.sha256)
                try:
                    self.upload(row)
                    self.counter.attachments.mark_sent(row.sha256)
                    self.result.sent += 1
                except SyncError as exc:
                    self.counter.attachments.mark_failed(row.sha256, str(exc))
                    self.result.errors.append(
                        _("tệp đính kèm {name}: {problem}").format(name=row.name, problem=exc)
                    )
        return self.result

    def upload(self, row: AttachmentRow) -> None:
        state = self.client._call(
            "POST",
            UPLOADS,
            body={
                "sha256": row.sha256,
                "size": row.size,
                "dossier_uuid": row.dossier_uuid,
                "media_type": row.media_type,
            },
        )
        if state.get("complete"):
            return
        upload_id, offset = str(state["id"]), int(state["offset"])
        path = self.counter.attachments.path(row.sha256)
        stalls = 0
        while offset < row.size:
            with path.open("rb") as f:
                f.seek(offset)
                data = f.read(self.chunk)
            try:
                new = self._patch(upload_id, offset, data)
            except (HubUnreachable, _Again) as exc:
                stalls += 1
                if stalls > MAX_STALLS:
                    raise SyncError(
                        _("tải lên bị gián đoạn: {problem}").format(problem=exc)
                    ) from exc
                # Never a chunk at a guessed offset: it would be sent whole for a 409.
                new = self._offset(upload_id)
            if new > offset:
                stalls = 0
            offset = new

    def _patch(self, upload_id: str, offset: int, data: bytes) -> int:
        checksum = base64.b64encode(hashlib.sha256(data).digest()).decode()
        headers = {
            "Tus-Resumable": "1.0.0",
            "Upload-Offset": str(offset),
            "Content-Type": "application/offset+octet-stream",
            "Upload-Checksum": f"sha256 {checksum}",
        }
        self.client.stats.bytes_sent += len(data)
        resp = self._request("PATCH", f"{UPLOADS}/{upload_id}", data=data, headers=headers)
        if resp.status_code == 204:
            return int(resp.headers["Upload-Offset"])
        if resp.status_code in (409, 460, 422):
            # 409: the hub holds another offset; 460: the chunk arrived altered; 422: the whole
            # file's hash differed and the hub starts again from zero.
            raise _Again(f"HTTP {resp.status_code}")
        raise HubRefused(f"the hub refused a chunk (HTTP {resp.status_code})", resp.status_code)

    def _offset(self, upload_id: str) -> int:
        """The hub's offset, asked again after a failed question (HEAD carries no body)."""
        for attempt in range(MAX_STALLS + 1):
            try:
                resp = self._request("HEAD", f"{UPLOADS}/{upload_id}")
                break
            except HubUnreachable as exc:
                if attempt == MAX_STALLS:
                    raise SyncError(
                        _("không hỏi được máy chủ: {problem}").format(problem=exc)
                    ) from exc
        if resp.status_code != 200:
            raise HubRefused(f"the hub lost the upload (HTTP {resp.status_code})", resp.status_code)
        return int(resp.headers["Upload-Offset"])

    # --- downloads -----------------------------------------------------------------------

    def download_all(self) -> FileResult:
        """Files attached elsewhere to dossiers this office resolves or hands out."""
        for dossier_uuid, data in self.counter.attachments.missing_remote():
            if self.cancel():
                break
            try:
                part = self.download(str(data["sha256"]), int(data["size"]))
                self.counter.attachments.take_download(dossier_uuid, data, part)
                self.result.received += 1
            except (SyncError, ValueError) as exc:
                self.result.errors.append(
                    _("tải tệp về {name}: {problem}").format(name=data.get("name"), problem=exc)
                )
        return self.result

    def download(self, sha256: str, size: int) -> Path:
        part = self.counter.attachments.download_part(sha256)
        stalls = 0
        while (have := part.stat().st_size) < size:
            try:
                resp = self._request(
                    "GET",
                    f"{FILES}/{sha256}",
                    headers={"Range": f"bytes={have}-{have + self.chunk - 1}"},
                )
            except HubUnreachable as exc:
                stalls += 1
                if stalls > MAX_STALLS:
                    raise SyncError(
                        _("tải về bị gián đoạn: {problem}").format(problem=exc)
                    ) from exc
                continue
            if resp.status_code not in (200, 206):
                raise HubRefused(
                    f"the hub refused the file (HTTP {resp.status_code})", resp.status_code
                )
            body = resp.content if resp.status_code == 206 else resp.content[have:]
            with part.open("ab") as f:
                f.write(body)
                f.flush()
                os.fsync(f.fileno())
            stalls = 0 if body else stalls + 1
        return part

    def _request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        try:
            resp = self.client.session.request(
                method,
                self.client.url + path,
                timeout=self.client.timeout,
                verify=self.client.verify,
                allow_redirects=False,
                **kwargs,
            )
            resp.content  # noqa: B018 - read the whole answer inside the try
        except TRANSFER_ERRORS as exc:
            raise HubUnreachable(
                _("mất kết nối ({problem})").format(problem=type(exc).__name__)
            ) from exc
        self.client.stats.requests += 1
        self.client.stats.bytes_received += len(resp.content)
        return resp


class _Again(Exception):
    """Ask the hub where to carry on."""
