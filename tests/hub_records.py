"""Synthetic push records for hub tests that need many of them fast (no counter behind them)."""

from __future__ import annotations

import json
import uuid
from typing import Any


def new_dossier_record(office: str, code: str, seq: int, day: str = "2026-11-25") -> dict[str, Any]:
    d_uuid = str(uuid.uuid4())
    payload = {
        "dossier": {"uuid": d_uuid, "code": code, "receiving_unit": office,
                    "resolving_unit": office, "status": "received",
                    "received_at": f"{day}T09:00:00+07:00", "extra": {}},
        "event": {"uuid": str(uuid.uuid4()), "dossier_uuid": d_uuid, "kind": "intake",
                  "at": f"{day}T09:00:00+07:00", "username": "clerk"},
    }  # fmt: skip
    return {"uuid": str(uuid.uuid4()), "entity": "dossier", "entity_uuid": d_uuid,
            "created_at": f"{day}T09:00:00+07:00", "seq": seq, "base_version": None,
            "payload": json.dumps(payload, ensure_ascii=False)}  # fmt: skip
