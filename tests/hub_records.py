"""Synthetic push records for hub tests that need many of them fast (no counter behind them):
complete snapshots as a desk's core writes them, with codes of the pushing desk."""

from __future__ import annotations

import json
import uuid
from typing import Any


def desk_code(office: str, desk: int, n: int, day: str = "2026-11-25") -> str:
    """The code desk `desk` of `office` gives its n-th dossier of `day` (codes.py)."""
    return f"{office}-{day[2:4]}{day[5:7]}{day[8:10]}-{desk}{n:03d}"


def dossier_snapshot(
    office: str, code: str, d_uuid: str, day: str = "2026-11-25"
) -> dict[str, Any]:
    at = f"{day}T09:00:00+07:00"
    return {
        "uuid": d_uuid,
        "code": code,
        "procedure_code": "1.001",
        "procedure_name": "Thủ tục",
        "applicant": {
            "full_name": "Nguyễn Văn A",
            "id_number": "001090123456",
            "phone": "0912345678",
            "address": None,
            "email": None,
            "birth_date": None,
            "gender": None,
        },
        "received_at": at,
        "due_at": f"{day}T17:00:00+07:00",
        "status": "received",
        "received_by": "clerk",
        "receiving_unit": office,
        "resolving_unit": office,
        "channel": "in_person",
        "owner_name": None,
        "owner_id_number": None,
        "documents": [{"name": "Tờ khai", "originals": 1, "certified_copies": 0, "photocopies": 0}],
        "sets": 1,
        "fee": 0,
        "notes": None,
        "result_at": None,
        "returned_at": None,
        "returned_to": None,
        "satisfaction": None,
        "sync_state": "waiting",
        "sync_error": None,
        "updated_at": at,
        "extra": {},
        "national_status": 2,
    }


def record_of(
    dossier: dict[str, Any], seq: int, base_version: int | None = None, kind: str = "intake"
) -> dict[str, Any]:
    at = dossier["received_at"]
    event = {
        "uuid": str(uuid.uuid4()),
        "dossier_uuid": dossier["uuid"],
        "at": at,
        "username": "clerk",
        "kind": kind,
        "old_status": None,
        "new_status": dossier["status"],
        "note": None,
        "data": {},
    }
    payload = {"dossier": dossier, "event": event}
    return {
        "uuid": str(uuid.uuid4()),
        "entity": "dossier",
        "entity_uuid": dossier["uuid"],
        "created_at": at,
        "seq": seq,
        "base_version": base_version,
        "payload": json.dumps(payload, ensure_ascii=False),
    }


def new_dossier_record(
    office: str, desk: int, n: int, seq: int | None = None, day: str = "2026-11-25"
) -> dict[str, Any]:
    """The intake record of desk `desk`'s n-th dossier of the day."""
    snapshot = dossier_snapshot(office, desk_code(office, desk, n, day), str(uuid.uuid4()), day)
    return record_of(snapshot, n if seq is None else seq)
