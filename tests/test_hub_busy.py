"""A PostgreSQL hub whose connection pool stays full answers 503 with Retry-After, which the
desk's transport retries, instead of a 500 that reads as a broken hub (issue 12)."""

from __future__ import annotations

import requests
from sync_support import OFFICE_A, HubServer

from sync.hub.storage import open_storage


def test_a_full_pool_is_a_503_with_retry_after_and_the_hub_answers_once_it_frees(
    pg_url: str,
) -> None:
    open_storage(pg_url, migrate=True).close()
    hub = HubServer(pg_url, pool_size=1, pool_timeout=0.3)
    try:
        auth = {"Authorization": f"Bearer {hub.enroll(OFFICE_A, 1)}"}
        # The test thread's transaction holds the pool's only connection.
        with hub.storage.transaction():
            busy = requests.get(hub.url + "/v1/pull", headers=auth, timeout=20)
        assert busy.status_code == 503
        assert busy.headers["Retry-After"] == "5"
        assert "busy" in busy.json()["error"]
        freed = requests.get(hub.url + "/v1/pull", headers=auth, timeout=20)
        assert freed.status_code == 200 and freed.json()["changes"] == []
    finally:
        hub.stop()
