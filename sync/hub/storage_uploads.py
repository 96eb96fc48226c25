"""The hub's SQL for resumable uploads, on both backends (the `uploads` table, migration
`uploads` in storage_migrations.py). One row per (desk, file): a desk that lost its upload id
in a crash opens it again and gets the same row, with the offset the hub holds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .storage_sql import SqlHubStorage

_COLUMNS = "id, desk_id, sha256, size, dossier_uuid, media_type, received, complete"


@dataclass(frozen=True)
class Upload:
    id: str
    desk_id: int
    sha256: str
    size: int
    dossier_uuid: str
    media_type: str
    received: int
    complete: bool


class UploadTable:
    def __init__(self, storage: SqlHubStorage) -> None:
        self.db = storage

    def open(self, upload: Upload, at: str) -> Upload:
        self.db._run(
            "INSERT INTO uploads (id, desk_id, sha256, size, dossier_uuid, media_type, "
            "received, complete, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?, ?) "
            "ON CONFLICT (desk_id, sha256) DO NOTHING",
            (
                upload.id,
                upload.desk_id,
                upload.sha256,
                upload.size,
                upload.dossier_uuid,
                upload.media_type,
                at,
                at,
            ),
        )
        found = self._where("desk_id = ? AND sha256 = ?", (upload.desk_id, upload.sha256))
        assert found is not None
        return found

    def get(self, upload_id: str) -> Upload | None:
        return self._where("id = ?", (upload_id,))

    def set_received(self, upload_id: str, received: int, at: str) -> None:
        self.db._run(
            "UPDATE uploads SET received = ?, updated_at = ? WHERE id = ?",
            (received, at, upload_id),
        )

    def set_complete(self, sha256: str, at: str) -> None:
        """Every open upload of the same file is done: the hub holds it."""
        self.db._run(
            "UPDATE uploads SET complete = 1, received = size, updated_at = ? WHERE sha256 = ?",
            (at, sha256),
        )

    def reopen(self, sha256: str, at: str) -> None:
        self.db._run(
            "UPDATE uploads SET complete = 0, received = 0, updated_at = ? WHERE sha256 = ?",
            (at, sha256),
        )

    def link(self, upload: Upload, at: str) -> None:
        """The file is already here: record which dossier it belongs to, complete."""
        self.db._run(
            "INSERT INTO uploads (id, desk_id, sha256, size, dossier_uuid, media_type, "
            "received, complete, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?) "
            "ON CONFLICT (desk_id, sha256) DO UPDATE SET complete = 1, received = excluded.size",
            (
                upload.id,
                upload.desk_id,
                upload.sha256,
                upload.size,
                upload.dossier_uuid,
                upload.media_type,
                upload.size,
                at,
                at,
            ),
        )

    def abandoned(self, before: str) -> list[str]:
        """Uploads never finished whose last byte came before `before` (an ISO time)."""
        rows = self.db._all(
            "SELECT id FROM uploads WHERE complete = 0 AND updated_at < ? ORDER BY updated_at",
            (before,),
        )
        return [str(r[0]) for r in rows]

    def forget_abandoned(self, upload_id: str, before: str) -> bool:
        """Delete the row if it is still unfinished and untouched since `before` (a desk may
        have resumed it meanwhile); True when it went."""
        self.db._run(
            "DELETE FROM uploads WHERE id = ? AND complete = 0 AND updated_at < ?",
            (upload_id, before),
        )
        return self.get(upload_id) is None

    def is_complete(self, sha256: str) -> bool:
        row = self.db._one("SELECT 1 FROM uploads WHERE sha256 = ? AND complete = 1", (sha256,))
        return row is not None

    def dossiers_of(self, sha256: str) -> list[str]:
        rows = self.db._all("SELECT DISTINCT dossier_uuid FROM uploads WHERE sha256 = ?", (sha256,))
        return [str(r[0]) for r in rows]

    def _where(self, condition: str, params: tuple[Any, ...]) -> Upload | None:
        row = self.db._one(f"SELECT {_COLUMNS} FROM uploads WHERE {condition}", params)
        if row is None:
            return None
        return Upload(
            id=str(row[0]),
            desk_id=int(row[1]),
            sha256=str(row[2]),
            size=int(row[3]),
            dossier_uuid=str(row[4]),
            media_type=str(row[5]),
            received=int(row[6]),
            complete=bool(row[7]),
        )
