"""The provincial hub on PostgreSQL, each figure beside a bare baseline of the same run.

- Ingest: a province's dossiers (100 offices x 3 desks, realistic Dossier snapshots) pushed
  over HTTP to `province-hub serve --workers 2` on PostgreSQL by 8 concurrent clients, against
  bare batched psycopg `executemany` inserts of the same rows into the same tables of a second
  database. Goal: hub >= 50 % of the bare rate.
- Load: 300 simulated desks for a bounded time, each pushing a few dossiers and pulling on a
  compressed schedule (every 30 s, then every 5 s, instead of the app's 5 minutes):
  throughput, p50/p99 latency, errors. Goal: p99 push < 1 s, 0 errors. The second level is
  past what this machine sustains, to show where it saturates.
- Catch-up: a desk offline for a week pulls its office's share of a week's changes, against a
  bare SELECT of the same rows.

Scaled for a 2-core machine: BENCH_HUB_DOSSIERS (default 64,000: a fifth of Đắk Lắk's quarter
of 320,000; set 320000 for the full quarter), BENCH_HUB_SECONDS (60) of load. PostgreSQL runs
with its durable defaults (fsync on) in a throwaway cluster started here.
"""

from __future__ import annotations

import copy
import gzip
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import psycopg
import requests

DOSSIERS = int(os.environ.get("BENCH_HUB_DOSSIERS", "64000"))
SECONDS = float(os.environ.get("BENCH_HUB_SECONDS", "60"))
PERIOD = float(os.environ.get("BENCH_HUB_PERIOD", "30"))
STRESS_PERIOD = 5.0
DESKS_LOADED = int(os.environ.get("BENCH_HUB_DESKS", "300"))
OFFICES, DESKS_PER_OFFICE, BATCH, CLIENTS = 100, 3, 50, 8
QUARTER, WEEKS = 320_000, 13

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))


def office_code(o: int) -> str:
    return f"000.00.{o:02d}.H{66 + o // 100:02d}"


def template() -> tuple[dict[str, Any], dict[str, Any]]:
    """A real dossier snapshot and intake event, as a counter writes them into its outbox."""
    from counter_app.counter import Counter
    from counter_app.intake import IntakeRequest
    from counter_app.models import Office
    from counter_app.resources import demo_procedures
    from sync.engine import wire_record

    c = Counter.open(Path(tempfile.mkdtemp(prefix="bench-hub-desk-")))
    admin = c.setup(
        Office(agency_code="X", name="UBND xã Ea Kao", province_code="66"),
        "Quầy 1",
        "admin",
        "Nguyễn Thị Lan",
        "matkhau-123",
    )
    c.catalogue.load_procedures(demo_procedures())
    c.dossiers.intake(
        admin,
        IntakeRequest(
            procedure_code=demo_procedures()[0].code,
            full_name="Nguyễn Văn Bình",
            id_number="001090112345",
            phone="0912345678",
            address="Thôn 3, xã Ea Kao",
        ),
    )
    [record] = [wire_record(r) for r in c.sync_book.batch(1)]
    c.close()
    payload = json.loads(record["payload"])
    return payload["dossier"], payload["event"]


def make_records(n: int) -> dict[tuple[int, int], list[dict[str, Any]]]:
    """n dossiers spread over every desk of every office, each its own record."""
    dossier0, event0 = template()
    per_desk: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for i in range(n):
        o, d = i % OFFICES, (i // OFFICES) % DESKS_PER_OFFICE
        office = office_code(o)
        day = f"2026-{10 + (i * 3 // n):02d}-{1 + i % 28:02d}"
        dossier, event = copy.deepcopy(dossier0), dict(event0)
        d_uuid = str(uuid.uuid4())
        dossier.update(
            uuid=d_uuid,
            code=f"{office}-{day[2:4]}{day[5:7]}{day[8:]}-{d + 1}{i:06d}",
            receiving_unit=office,
            resolving_unit=office,
            received_at=f"{day}T09:{i % 60:02d}:00+07:00",
        )
        dossier["applicant"] = {
            **dossier["applicant"],
            "full_name": f"Nguyễn Văn {i}",
            "id_number": f"0010901{i % 100000:05d}",
        }
        event.update(uuid=str(uuid.uuid4()), dossier_uuid=d_uuid, at=dossier["received_at"])
        desk = per_desk.setdefault((o, d), [])
        desk.append(
            {
                "uuid": str(uuid.uuid4()),
                "entity": "dossier",
                "entity_uuid": d_uuid,
                "created_at": dossier["received_at"],
                "seq": len(desk) + 1,
                "base_version": None,
                "payload": json.dumps({"dossier": dossier, "event": event}, ensure_ascii=False),
            }
        )
    return per_desk


def enroll_all(url: str) -> dict[tuple[int, int], str]:
    from sync.hub.service import Hub
    from sync.hub.storage import open_storage

    storage = open_storage(url, migrate=True)
    hub = Hub(storage)
    tokens = {
        (o, d): hub.enroll(office_code(o), str(d + 1))
        for o in range(OFFICES)
        for d in range(DESKS_PER_OFFICE)
    }
    storage.close()
    return tokens


def start_hub(url: str, workers: int = 2) -> subprocess.Popen[bytes]:
    from hub_processes import free_port

    port = free_port()
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "province-hub"),
            "serve",
            "--db",
            url,
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--pool-size",
            "8",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    proc.url = f"http://127.0.0.1:{port}"  # type: ignore[attr-defined]
    while True:
        try:
            if requests.get(proc.url + "/v1/ready", timeout=1).ok:  # type: ignore[attr-defined]
                return proc
        except requests.RequestException:
            pass
        if proc.poll() is not None:
            raise SystemExit("province-hub did not start")
        threading.Event().wait(0.1)


def stop(proc: subprocess.Popen[bytes]) -> None:
    import signal

    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(30)


def headers(token: str) -> dict[str, str]:
    return {
        "Authorization": f"Bearer {token}",
        "Content-Type": "application/json",
        "Content-Encoding": "gzip",
        "Accept-Encoding": "gzip",
    }


def batches(
    per_desk: dict[tuple[int, int], list[dict[str, Any]]],
) -> list[tuple[tuple[int, int], list[dict[str, Any]]]]:
    """Every desk's first batch, then every desk's second, ...: days of a quarter arrive at
    the hub from all offices at once, so a week's changes are spread over every office."""
    longest = max(len(recs) for recs in per_desk.values())
    return [
        (key, recs[i : i + BATCH])
        for i in range(0, longest, BATCH)
        for key, recs in per_desk.items()
        if i < len(recs)
    ]


def ingest_hub(
    url: str,
    per_desk: dict[tuple[int, int], list[dict[str, Any]]],
    tokens: dict[tuple[int, int], str],
) -> float:
    bodies = [
        (tokens[key], gzip.compress(json.dumps({"records": recs}).encode()))
        for key, recs in batches(per_desk)
    ]
    local = threading.local()

    def send(item: tuple[str, bytes]) -> int:
        session = getattr(local, "session", None) or requests.Session()
        local.session = session
        answer = session.post(url + "/v1/push", data=item[1], headers=headers(item[0]), timeout=120)
        answer.raise_for_status()
        acks = answer.json()["acks"]
        assert all(a["status"] == "stored" for a in acks), acks[:1]
        return len(acks)

    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        stored = sum(pool.map(send, bodies))
    elapsed = time.perf_counter() - started
    assert stored == DOSSIERS
    return elapsed


def ingest_bare(url: str, per_desk: dict[tuple[int, int], list[dict[str, Any]]]) -> float:
    """The same rows (records, dossiers, events, versions) inserted with executemany, one
    transaction per batch, the payload already parsed: the least work that stores them."""
    from sync.hub.storage_pg import PostgresHubStorage  # noqa: F401  (same schema, migrated)

    now = "2026-12-02T09:00:00+07:00"
    with psycopg.connect(url) as conn:
        desk_ids = dict(conn.execute("SELECT agency_code || '/' || desk, id FROM desks"))
        prepared = []
        for (o, d), recs in batches(per_desk):
            rows = []
            for r in recs:
                p = json.loads(r["payload"])
                rows.append((r, p["dossier"], p["event"]))
            prepared.append((desk_ids[f"{office_code(o)}/{d + 1}"], rows))
        version = 0
        started = time.perf_counter()
        for desk_id, rows in prepared:
            with conn.transaction(), conn.cursor() as cur:
                recs, dossiers, events = [], [], []
                for r, dossier, event in rows:
                    version += 1
                    h = hashlib.sha256(r["payload"].encode()).hexdigest()
                    answer = json.dumps(
                        {"uuid": r["uuid"], "status": "stored", "version": version, "hash": h}
                    )
                    recs.append(
                        (r["uuid"], desk_id, dossier["uuid"], r["created_at"][:10], h, answer, now)
                    )
                    dossiers.append(
                        (
                            dossier["uuid"],
                            dossier["code"],
                            dossier["receiving_unit"],
                            dossier["resolving_unit"],
                            None,
                            dossier["status"],
                            dossier["received_at"][:10],
                            json.dumps(dossier, ensure_ascii=False),
                            version,
                            f"desk:{desk_id}",
                        )
                    )
                    events.append(
                        (
                            event["uuid"],
                            dossier["uuid"],
                            version,
                            f"desk:{desk_id}",
                            json.dumps(event, ensure_ascii=False),
                        )
                    )
                cur.executemany("INSERT INTO records VALUES (%s, %s, %s, %s, %s, %s, %s)", recs)
                cur.executemany(
                    "INSERT INTO dossiers (uuid, code, receiving_unit, resolving_unit, "
                    "handout_unit, status, received_day, data, version, origin) "
                    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                    dossiers,
                )
                cur.executemany("INSERT INTO events VALUES (%s, %s, %s, %s, %s)", events)
        return time.perf_counter() - started


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def load(url: str, tokens: dict[tuple[int, int], str], period: float) -> dict[str, Any]:
    """Each desk: push 1-3 new dossiers, pull from its cursor, wait `period`; for SECONDS."""
    fresh = make_records(DESKS_LOADED * int(SECONDS / period + 2) * 2)
    keys = list(tokens)[:DESKS_LOADED]
    latency: dict[str, list[float]] = {"push": [], "pull": []}
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = time.perf_counter() + SECONDS
    pool = [r for recs in fresh.values() for r in recs]

    def desk(n: int, key: tuple[int, int]) -> None:
        session = requests.Session()
        h = headers(tokens[key])
        mine = [dict(r) for r in pool[n::DESKS_LOADED]]
        office = office_code(key[0])
        cursor, k = 0, 0
        wake = threading.Event()
        wake.wait((n % 50) / 50 * period)  # desks start spread over one period
        while time.perf_counter() < stop_at and k < len(mine):
            batch = []
            for r in mine[k : k + 1 + n % 3]:
                p = json.loads(r["payload"])
                # A new code of this desk's own range (the hub refuses any other).
                fresh = int(p["dossier"]["uuid"].replace("-", "")[:15], 16) % 10**15
                p["dossier"].update(
                    receiving_unit=office,
                    resolving_unit=office,
                    code=f"{office}-261201-{key[1] + 1}{fresh:015d}",
                )
                batch.append({**r, "payload": json.dumps(p, ensure_ascii=False)})
            k += len(batch)
            for kind, call in (
                (
                    "push",
                    lambda: session.post(
                        url + "/v1/push",
                        headers=h,
                        timeout=30,
                        data=gzip.compress(json.dumps({"records": batch}).encode()),  # noqa: B023
                    ),
                ),
                (
                    "pull",
                    lambda: session.get(
                        url + "/v1/pull",
                        headers=h,
                        timeout=30,
                        params={"cursor": cursor},  # noqa: B023
                    ),
                ),
            ):
                t0 = time.perf_counter()
                try:
                    answer = call()
                    ok = answer.status_code == 200
                    if ok and kind == "pull":
                        cursor = answer.json()["cursor"]
                    elif ok:
                        ok = all(a["status"] == "stored" for a in answer.json()["acks"])
                except requests.RequestException as exc:
                    ok, answer = False, exc  # type: ignore[assignment]
                with lock:
                    latency[kind].append(time.perf_counter() - t0)
                    if not ok:
                        errors.append(f"{kind}: {answer}")
            wake.wait(period)

    threads = [threading.Thread(target=desk, args=(n, key)) for n, key in enumerate(keys)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    requests_done = len(latency["push"]) + len(latency["pull"])
    return {
        "elapsed": elapsed,
        "requests": requests_done,
        "errors": errors,
        "push": latency["push"],
        "pull": latency["pull"],
    }


def report_load(result: dict[str, Any], period: float) -> None:
    push, pull = result["push"], result["pull"]
    rate = result["requests"] / result["elapsed"]
    # The app syncs every 5 minutes: one push, one pull and one reconciliation.
    worth = DESKS_LOADED * (2 / period) / (3 / 300)
    print(
        f"load: {DESKS_LOADED} desks for {result['elapsed']:.0f} s, one push + one pull "
        f"every {period:g} s each (the load of ~{worth:,.0f} desks on the app's schedule): "
        f"{rate:.0f} requests/s answered, {len(result['errors'])} errors"
    )
    print(
        f"  push p50 {pct(push, 0.5) * 1000:.0f} ms, p99 {pct(push, 0.99) * 1000:.0f} ms "
        f"(goal < 1000); pull p50 {pct(pull, 0.5) * 1000:.0f} ms, p99 "
        f"{pct(pull, 0.99) * 1000:.0f} ms; answered rate = ~{rate / (3 / 300):,.0f} desks "
        "on the app's schedule"
    )
    if result["errors"]:
        print(f"  first error: {result['errors'][0]}")


def catch_up(url: str, db: str, token: str, office: str) -> tuple[float, float, int]:
    with psycopg.connect(db) as conn:
        # The hub does not echo a desk's own changes back to it; neither does the baseline.
        [(desk_id,)] = conn.execute(
            "SELECT id FROM desks WHERE agency_code = %s AND desk = '1'", (office,)
        ).fetchall()
        [(cursor,)] = conn.execute(
            "SELECT version FROM dossiers ORDER BY version OFFSET %s LIMIT 1",
            (DOSSIERS - DOSSIERS // WEEKS,),
        ).fetchall()
        started = time.perf_counter()
        rows = conn.execute(
            "SELECT uuid, code, receiving_unit, resolving_unit, handout_unit, status, data, "
            "version, origin FROM dossiers WHERE version > %s AND (receiving_unit = %s OR "
            "resolving_unit = %s OR handout_unit = %s) AND origin != %s ORDER BY version",
            (cursor, office, office, office, f"desk:{desk_id}"),
        ).fetchall()
        bare = time.perf_counter() - started
    session = requests.Session()
    got, more = 0, True
    started = time.perf_counter()
    while more:
        page = session.get(
            url + "/v1/pull", headers=headers(token), params={"cursor": cursor, "limit": 500}
        ).json()
        got += len(page["changes"])
        cursor, more = page["cursor"], page["more"]
    hub = time.perf_counter() - started
    assert got == len(rows), (got, len(rows))
    return hub, bare, got


def main() -> None:
    from pg_support import PgCluster, bindir

    programs = bindir()
    if programs is None:
        print("skipped: PostgreSQL server programs not found: apt-get install postgresql")
        return
    print(
        f"dossiers: {DOSSIERS} ({DOSSIERS / QUARTER:.0%} of a province's quarter of "
        f"{QUARTER:,}), {OFFICES} offices x {DESKS_PER_OFFICE} desks, batches of {BATCH}, "
        f"{CLIENTS} clients; hub: 2 worker processes"
    )
    cluster = PgCluster(programs, durable=True)
    try:
        hub_db, bare_db = cluster.new_database(), cluster.new_database()
        made = time.perf_counter()
        per_desk = make_records(DOSSIERS)
        print(f"set-up (records generated): {time.perf_counter() - made:.1f} s")
        tokens = enroll_all(hub_db)
        enroll_all(bare_db)
        hub = start_hub(hub_db)
        url: str = hub.url  # type: ignore[attr-defined]
        try:
            hub_s = ingest_hub(url, per_desk, tokens)
            bare_s = ingest_bare(bare_db, per_desk)
            print(
                f"ingest: hub {DOSSIERS / hub_s:,.0f} dossiers/s ({hub_s:.1f} s), bare "
                f"executemany {DOSSIERS / bare_s:,.0f}/s ({bare_s:.1f} s), ratio "
                f"{bare_s / hub_s:.2f} (goal >= 0.5)"
            )
            quarter = QUARTER / (DOSSIERS / hub_s)
            with psycopg.connect(hub_db) as conn:
                [(size,)] = conn.execute("SELECT pg_database_size(current_database())").fetchall()
            print(
                f"  a full quarter ({QUARTER:,}) at this rate: {quarter / 60:.1f} min; "
                f"database {size / 2**20:.0f} MiB ({size / DOSSIERS / 1024:.1f} KiB a dossier)"
            )

            office = office_code(7)
            hub_pull, bare_pull, rows = catch_up(url, hub_db, tokens[(7, 0)], office)
            print(
                f"catch-up after a week offline: {rows} changes of {office} in "
                f"{hub_pull * 1000:.0f} ms through the hub vs {bare_pull * 1000:.0f} ms bare "
                f"SELECT ({hub_pull / bare_pull:.1f}x)"
            )

            for period in (PERIOD, STRESS_PERIOD):
                report_load(load(url, tokens, period), period)
        finally:
            stop(hub)
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
