"""The hub's HTTP API on both backends: the OpenAPI generated from the typed models, fuzzed by
schemathesis (a bounded number of examples per operation) without one server error or an
answer outside the schema; readiness, request ids, JSON access lines and metrics."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest
import requests
import schemathesis
from hub_records import new_dossier_record
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)
from sync_support import OFFICE_A, OFFICE_B, HubServer

EXAMPLES = 30


@pytest.fixture
def hub(hub_db: str) -> Iterator[HubServer]:
    server = HubServer(hub_db)
    yield server
    server.stop()


def test_the_openapi_is_typed_from_the_models(hub: HubServer) -> None:
    spec = requests.get(hub.url + "/openapi.json").json()
    schemas = spec["components"]["schemas"]
    push = spec["paths"]["/v1/push"]["post"]
    assert push["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/PushRequest"
    }
    assert schemas["PushRequest"]["properties"]["records"]["items"] == {
        "$ref": "#/components/schemas/PushRecord"
    }
    assert {"uuid", "payload", "created_at"} <= set(schemas["PushRecord"]["required"])
    assert schemas["Ack"]["properties"]["status"]["enum"] == [
        "stored",
        "conflict",
        "stale",
        "rejected",
    ]
    assert "cursor" in schemas["PullResponse"]["required"]
    recovery = spec["paths"]["/v1/recovery"]["get"]
    assert recovery["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/RecoveryResponse"
    }


def test_schemathesis_finds_no_server_error_and_no_answer_outside_the_schema(
    hub: HubServer,
) -> None:
    token = hub.enroll(OFFICE_A, 1)
    # Something for pulls and reconciliation to answer with: dossiers of both offices.
    other = hub.enroll(OFFICE_B, 1)
    for who, office in [(token, OFFICE_A), (other, OFFICE_B)]:
        records = [new_dossier_record(office, 1, n + 1) for n in range(3)]
        answer = requests.post(
            hub.url + "/v1/push",
            json={"records": records},
            headers={"Authorization": f"Bearer {who}"},
        )
        assert [a["status"] for a in answer.json()["acks"]] == ["stored"] * 3
    # The chunks of a resumable upload (tus): raw bytes.
    schemathesis.openapi.media_type("application/offset+octet-stream", st.binary(max_size=64))
    schema = schemathesis.openapi.from_url(hub.url + "/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    # 8 for records (the recovery of a restored desk and the chain head among them), 4 for
    # attached files.
    assert len(operations) == 12
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def fuzz(case: schemathesis.Case) -> None:
            response = case.call(headers={"Authorization": f"Bearer {token}"})
            case.validate_response(
                response,
                checks=[not_a_server_error, response_schema_conformance, status_code_conformance],
            )

        fuzz()


def test_health_readiness_request_ids_access_lines_and_metrics(
    hub: HubServer, caplog: pytest.LogCaptureFixture
) -> None:
    assert requests.get(hub.url + "/v1/health").json()["ok"] is True
    ready = requests.get(hub.url + "/v1/ready")
    assert ready.status_code == 200 and ready.json()["ok"] is True

    token = hub.enroll(OFFICE_A, 7)
    record = new_dossier_record(OFFICE_A, 7, 1)
    record_payload = json.loads(record["payload"])
    with caplog.at_level(logging.INFO, logger="province_hub.access"):
        pushed = requests.post(
            hub.url + "/v1/push",
            json={"records": [record, record]},
            headers={"Authorization": f"Bearer {token}", "X-Request-ID": "desk-7-run-1"},
        )
        bad = requests.post(
            hub.url + "/v1/push",
            json={"records": [{"uuid": "x"}]},
            headers={"Authorization": f"Bearer {token}"},
        )
    assert [a.get("repeat") for a in pushed.json()["acks"]] == [None, True]
    assert pushed.headers["x-request-id"] == "desk-7-run-1"
    assert bad.status_code == 400 and "records.0.payload" in bad.json()["error"]
    assert len(bad.headers["x-request-id"]) == 32
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "province_hub.access"]
    mine = [line for line in lines if line["request_id"] == "desk-7-run-1"]
    assert len(mine) == 1 and mine[0]["route"] == "/v1/push" and mine[0]["status"] == 200
    assert mine[0]["desk"] is not None
    everything = "\n".join(r.getMessage() for r in caplog.records)
    assert record_payload["dossier"]["code"] not in everything and token not in everything

    text = requests.get(hub.url + "/metrics").text
    assert 'hub_records_total{status="stored"}' in text
    assert 'hub_records_total{status="repeat"}' in text
    assert f'hub_office_last_contact_timestamp_seconds{{office="{OFFICE_A}"}}' in text
    assert 'hub_request_seconds_bucket{le="0.005",method="POST",route="/v1/push"' in text


def test_readiness_fails_in_words_when_the_schema_is_not_current(hub: HubServer) -> None:
    from test_hub_schema import set_schema_version

    from sync.hub.storage_migrations import SCHEMA_VERSION

    set_schema_version(str(hub.db), SCHEMA_VERSION + 1)
    ready = requests.get(hub.url + "/v1/ready")
    assert ready.status_code == 503
    assert ready.json()["detail"] == f"schema {SCHEMA_VERSION + 1}, this hub needs {SCHEMA_VERSION}"
    assert requests.get(hub.url + "/v1/health").status_code == 200  # alive, not ready
