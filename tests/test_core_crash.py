"""Crash test: a child process takes dossiers in and is killed with SIGKILL at random moments.

Afterwards the database passes `check`, every code the child printed (it prints only after
intake() returned) is present exactly once, and nothing half-written is visible: each dossier
has its intake event, its outbox row and its search entry, and numbers are never reused.
"""

from __future__ import annotations

import contextlib
import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import AGENCY, PASSWORD

from counter_app.counter import Counter
from counter_app.models import Office
from counter_app.resources import demo_procedures
from counter_app.store import DB_FILENAME

KILLS = 40
NOW = "2026-03-10T09:00:00+07:00"  # one office day, so every code draws from one counter

# A zygote imports the core once and forks a fresh worker per round, so many rounds stay fast;
# each worker is a real process with its own SQLite connection, killed with SIGKILL.
ZYGOTE = """
import os
import sys
from pathlib import Path

from counter_app import clock
from counter_app.counter import Counter
from counter_app.intake import IntakeRequest
from counter_app.lifecycle import Status


def say(line):  # one write(2) per line: a kill never leaves half a line in the pipe
    os.write(1, (line + "\\n").encode())


def work(folder):
    c = Counter.open(folder)
    actor = c._store.users.get("admin")  # the parent checked the password; skip argon2
    say("READY")
    n = 0
    while True:
        n += 1
        d = c.dossiers.intake(actor, IntakeRequest(procedure_code="1.001193", full_name=f"Người {n}",
                                          id_number="001090123456", phone="0912345678"))
        say(f"I {d.code}")
        if n % 3 == 0:
            c.dossiers.change_status(actor, d.code, Status.PROCESSING, "chuyển xử lý")
            say(f"S {d.code}")


warm = Counter.open(Path(sys.argv[1]))  # fill the holiday cache once, before any fork
warm.calendar_book.due_date("1.001193", clock.now())
warm.close()
for _ in sys.stdin:
    pid = os.fork()
    if pid == 0:
        try:
            work(Path(sys.argv[1]))
        finally:
            os._exit(1)
    say(f"PID {pid}")
    say(f"DEAD {os.waitpid(pid, 0)[1]}")  # after this, the worker said all it will say
"""


class LineReader:
    """Lines from a pipe, waiting for each with select() so a stuck child fails the test
    instead of hanging it."""

    def __init__(self, fd: int) -> None:
        self.fd, self.buffer = fd, b""

    def next(self, timeout: float = 60) -> str:
        while b"\n" not in self.buffer:
            ready, _, _ = select.select([self.fd], [], [], timeout)
            assert ready, f"no line from the child within {timeout} s"
            chunk = os.read(self.fd, 65536)
            assert chunk, "the zygote died"
            self.buffer += chunk
        line, _, self.buffer = self.buffer.partition(b"\n")
        return line.decode()


def test_sigkill_during_intake_loses_nothing_printed_and_leaves_nothing_half_written(
    tmp_path: Path,
) -> None:
    data = tmp_path / "counter"
    c = Counter.open(data)
    c.setup(
        Office(agency_code=AGENCY, name="UBND xã An Bình"),
        "Quầy 1",
        "admin",
        "Admin",
        PASSWORD,
        training=True,
    )  # a test office: its clock may be pinned
    c.catalogue.load_procedures(demo_procedures())
    c.close()
    script = tmp_path / "zygote.py"
    script.write_text(ZYGOTE, encoding="utf-8")
    env = {**os.environ, "COUNTER_APP_NOW": NOW}
    rng = random.Random(20260310)
    zygote = subprocess.Popen(
        [sys.executable, str(script), str(data)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
    )
    assert zygote.stdin is not None and zygote.stdout is not None
    lines = LineReader(zygote.stdout.fileno())
    printed: list[str] = []
    moved: list[str] = []

    def read() -> tuple[str, str]:
        kind, _, value = lines.next().partition(" ")
        if kind == "I":
            printed.append(value)
        elif kind == "S":
            moved.append(value)
        return kind, value

    pid = 0
    try:
        for _ in range(KILLS):
            zygote.stdin.write(b"go\n")
            zygote.stdin.flush()
            pid, ready = 0, False
            while not (pid and ready):
                kind, value = read()
                pid = int(value) if kind == "PID" else pid
                ready = ready or kind == "READY"
            wanted = len(printed) + rng.randint(0, 8)
            while len(printed) < wanted:
                read()
            for _ in range(rng.randint(0, 30_000)):  # jitter: land the kill anywhere in a write
                pass
            os.kill(pid, signal.SIGKILL)
            while (line := read())[0] != "DEAD":
                pass
            status, pid = int(line[1]), 0  # reaped: its number may be reused now
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        zygote.stdin.close()
        assert zygote.wait() == 0
    finally:  # a failed assertion must not leave a worker writing forever
        if pid > 0:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        zygote.kill()
        zygote.wait()

    assert len(printed) >= KILLS // 2  # the loop did real work between kills
    c = Counter.open(data)
    assert c.check() == []
    conn = c._store.conn
    for code in printed:
        assert (
            conn.execute("SELECT count(*) FROM dossiers WHERE code = ?", (code,)).fetchone()[0] == 1
        )
    for code in moved:
        assert c.dossiers.get(code).status.value == "processing"
    all_codes = c._store.dossiers.all_codes()
    assert len(all_codes) == len(set(all_codes)) >= len(printed)
    half_written = conn.execute(
        "SELECT count(*) FROM dossiers d WHERE NOT EXISTS (SELECT 1 FROM events e "
        "WHERE e.dossier_id = d.id AND e.kind = 'intake') OR NOT EXISTS (SELECT 1 FROM outbox o "
        "WHERE o.entity_uuid = d.uuid) OR d.id NOT IN (SELECT rowid FROM dossier_search)"
    ).fetchone()[0]
    assert half_written == 0
    # Status changes come with exactly one event and one outbox row each.
    assert conn.execute("SELECT count(*) FROM events WHERE kind = 'status'").fetchone()[0] == (
        conn.execute("SELECT count(*) FROM outbox").fetchone()[0] - len(all_codes)
    )
    # The day's counter stands at the highest number issued: none will ever be reused.
    numbers = sorted(int(code.rsplit("-", 1)[1]) - 1000 for code in all_codes)
    assert numbers == list(range(1, len(numbers) + 1))
    [(value,)] = conn.execute("SELECT value FROM sequences").fetchall()
    assert value == len(numbers)
    c.close()
    raw = sqlite3.connect(data / DB_FILENAME)
    assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    raw.close()
