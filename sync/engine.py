"""One sync run: push the outbox, pull what the province changed, reconcile, log it.

A plain function of a `Counter` and a `HubClient`, no Qt: the CLI calls it, the desktop app
runs it in a worker thread with a progress callback and a cancel flag. Planning and bookkeeping
live in the core (`Counter.sync_book`); this module talks to the hub and decides what the
answers mean.

Safety rules (docs/sync-protocol.md):
- a record is marked 'sending' before its request and 'synced' only after an acknowledgement
  whose content hash matches what was sent; a crash in between leaves it to be resent, and the
  hub answers a resent record with its first answer;
- a pull never overwrites a local change that is not acknowledged: it records a conflict;
- after a complete run both sides compare per-day counts and digests; a difference is repaired
  by resending (or re-pulling) once and reported if it persists.
"""

from __future__ import annotations

import random
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import Any

from counter_app import clock
from counter_app.calendar import parse_calendar_data
from counter_app.counter import Counter
from counter_app.errors import CounterError
from counter_app.event_chain import ChainHead
from counter_app.i18n import _, pick
from counter_app.models import Procedure
from counter_app.offices import OFFICES_KIND
from counter_app.remote_records import BadRecord, check_cursor
from counter_app.sync_records import OutgoingRecord

from .errors import REJECTED, WORDS, ChainRefused, SyncError, problem_of
from .file_transfer import FileTransfer
from .protocol import summarise_days, text_hash
from .recovery import recover
from .schedule import AdaptiveBatch, next_attempt
from .transport import HubClient

# Pages of one pull run: 200 x 500 changes covers an office's first sync; a hub that keeps
# saying "more" past that is stopped, and the next run goes on from the stored cursor.
MAX_PULL_PAGES = 200

# phase ("push", "pull", "reconcile"), done, total (0 when unknown)
Progress = Callable[[str, int, int], None]
Cancel = Callable[[], bool]


@dataclass
class SyncResult:
    pushed: int = 0
    pulled: int = 0
    conflicts: int = 0
    errors: list[str] = field(default_factory=list)
    pending: int = 0
    cancelled: bool = False
    repaired: int = 0
    # None, or whose problem the failure is (sync.errors: unreachable, desk_refused, hub_error,
    # rejected): the desk puts that into words instead of a technical message.
    problem: str | None = None
    files_sent: int = 0
    files_received: int = 0
    recovered: int = 0  # dossiers taken back from the hub after a restore

    @property
    def ok(self) -> bool:
        return not self.errors and not self.cancelled

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ok": self.ok}


class Cancelled(Exception):
    pass


def client_for(counter: Counter, timeout: tuple[float, float] | None = None) -> HubClient:
    settings = counter.sync_book.server()
    if settings is None:
        raise SyncError(
            _("Chưa cấu hình máy chủ tỉnh: chạy 'counter-app server set URL --token TOKEN'")
        )
    if timeout is None:
        return HubClient(settings.url, settings.token, settings.ca_file)
    return HubClient(settings.url, settings.token, settings.ca_file, timeout=timeout)


class SyncEngine:
    def __init__(
        self,
        counter: Counter,
        client: HubClient,
        *,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
        trigger: str = "manual",
        force: bool = True,
        batch: AdaptiveBatch | None = None,
        pull_limit: int = 500,
        max_pull_pages: int = MAX_PULL_PAGES,
        rng: random.Random | None = None,
    ) -> None:
        self.counter = counter
        self.book = counter.sync_book
        self.client = client
        self.progress = progress or (lambda phase, done, total: None)
        self.cancel = cancel or (lambda: False)
        self.trigger = trigger
        # A supervisor's "sync now" sends everything; the background loop respects each
        # record's next_attempt_at.
        self.force = force
        self.batch = batch or AdaptiveBatch()
        self.pull_limit = pull_limit
        self.max_pull_pages = max_pull_pages
        self.rng = rng or random.Random()
        self.result = SyncResult()
        self._diverged = False
        self._hub_head: dict[str, Any] | None = None

    def run(self) -> SyncResult:
        run_id = self.book.start_run(self.trigger)
        r = self.result
        try:
            # The key first: the hub checks each push's signed chain head against it.
            self._register_key()
            self._recover()
            self._push()
            if self._diverged:
                # The hub holds newer snapshots of this desk than ours (a restore not marked):
                # learn them back, then send again what it did not take.
                self._recover()
                self._push()
            self._pull()
            self._files()
            self._reconcile()
        except Cancelled:
            r.cancelled = True
            r.errors.append(_("đã hủy"))
        except ChainRefused as exc:
            r.problem = problem_of(exc)
            r.errors.append(
                chain_refused_words(exc, self.counter.event_chain.refused_by_hub(exc.head))
            )
        except SyncError as exc:
            r.problem = problem_of(exc)
            r.errors.append(f"{_(WORDS[r.problem])} ({exc})")
        except CounterError as exc:
            r.errors.append(str(exc))
        except BaseException as exc:
            # A bug or an answer nobody foresaw: the run is logged as failed, never as ok.
            r.errors.append(_("lỗi không lường trước ({kind})").format(kind=type(exc).__name__))
            raise
        finally:
            r.pending = self.counter.sync_book.pending_count()
            self.book.finish_run(run_id, r.ok, r.pushed, r.pulled, r.conflicts, r.pending, r.errors)
        return r

    def _check_cancel(self) -> None:
        if self.cancel():
            raise Cancelled

    # --- recovery after a restore (sync/recovery.py) ------------------------------------

    def _recover(self) -> None:
        if not self.book.recovery.needed():
            return
        self.progress("recover", 0, 0)
        outcome = recover(
            self.counter,
            self.client,
            progress=lambda n: self.progress("recover", n, 0),
            errors=self.result.errors,
        )
        self.result.recovered = outcome.taken_back + outcome.updated
        self.result.conflicts += outcome.conflicts
        self._diverged = False
        self._check_cancel()

    # --- desk key ----------------------------------------------------------------------

    def _register_key(self) -> None:
        if self.book.desk_key_registered():
            return
        self.client.register_key(self.counter.keys.public_key())
        self.book.set_desk_key_registered()

    # --- push --------------------------------------------------------------------------

    def _push(self) -> None:
        """Batches oldest first, two in flight: while the hub stores one, this side marks the
        previous one's acknowledgements and prepares the next (a pipeline, one connection)."""
        total = self.counter.sync_book.pending_count()
        done, after_id = 0, 0
        self.progress("push", 0, total)
        in_flight: deque[_Flight] = deque()
        error: SyncError | None = None
        with ThreadPoolExecutor(1, thread_name_prefix="sync-push") as pool:
            while True:
                batch = []
                if error is None and not self._diverged and not self.cancel():
                    batch = self.book.batch(self.batch.size, self.force, after_id)
                if batch:
                    after_id = batch[-1].id
                    wire = [wire_record(r) for r in batch]
                    head = self._signed_head(batch)
                    self.book.mark_sending([r.uuid for r in batch])
                    in_flight.append(_Flight(batch, wire, pool.submit(self._send, wire, head)))
                    if len(in_flight) < 2:
                        continue
                if not in_flight:
                    break
                flight = in_flight.popleft()
                try:
                    acks, seconds = flight.answer.result()
                except SyncError as exc:
                    self.batch.failed()
                    if _whole_batch(exc):  # the hub never judged these records: blameless
                        self.book.mark_unsent([r.uuid for r in flight.batch])
                    else:
                        self._fail(flight.batch, str(exc))
                    error = error or exc
                    continue
                self.batch.succeeded(seconds)
                self._note_hub_head()
                self._take_acks(flight.batch, flight.wire, acks)
                done += len(flight.batch)
                self.progress("push", done, max(total, done))
        if error is not None:
            raise error
        self._check_cancel()

    def _signed_head(self, batch: list[OutgoingRecord]) -> dict[str, Any] | None:
        """The batch's last link, signed with the desk's key (None: nothing chained)."""
        chained = [r for r in batch if r.chain_seq is not None and r.chain_hash is not None]
        if not chained:
            return None
        last = chained[-1]
        return self.counter.event_chain.signed(
            ChainHead(int(last.chain_seq or 0), str(last.chain_hash))
        )

    def _send(
        self, wire: list[dict[str, Any]], head: dict[str, Any] | None
    ) -> tuple[list[dict[str, Any]], float]:
        started = time.monotonic()
        acks, held = self.client.push_chained(wire, head)
        self._hub_head = held
        return acks, time.monotonic() - started

    def _note_hub_head(self) -> None:
        """Keep the head the hub holds before marking anything synced: `check` holds every
        synced record against it."""
        held = self._hub_head
        if held is None:
            return
        try:
            head = ChainHead(int(held["seq"]), str(held["hash"]))
        except (KeyError, TypeError, ValueError):
            return  # an unreadable head is no acknowledgement of anything
        self.counter.event_chain.note_hub_head(head)

    def _fail(self, batch: list[OutgoingRecord], error: str) -> None:
        attempts = max(r.attempts for r in batch) + 1
        when = clock.iso(next_attempt(clock.now(), attempts, self.rng))
        self.book.mark_failed([r.uuid for r in batch], error, when)

    def _take_acks(
        self, batch: list[OutgoingRecord], wire: list[dict[str, Any]], acks: list[dict[str, Any]]
    ) -> None:
        by_uuid = {a.get("uuid"): a for a in acks if isinstance(a, dict)}
        stored: list[tuple[str, int]] = []
        refused: dict[str, list[OutgoingRecord]] = {}
        for record, sent in zip(batch, wire, strict=True):
            ack = by_uuid.get(record.uuid)
            problem = _ack_problem(ack, text_hash(sent["payload"]))
            if problem:
                refused.setdefault(problem, []).append(record)
            elif ack is not None and ack["status"] == "stale":
                self._take_stale(record, ack, stored)
            elif ack is not None and ack["status"] == "conflict" and "current" in ack:
                self._acknowledge(stored)
                current = ack["current"]
                new = self.book.acknowledge_conflict(
                    record.uuid,
                    current["dossier"],
                    int(current["version"]),
                    list(current.get("events") or []),
                )
                self.result.conflicts += new
                self.result.pushed += 1
            elif ack is not None:
                stored.append((record.uuid, int(ack["version"])))
        self._acknowledge(stored)
        for problem, records in refused.items():
            self._fail(records, problem)
            self.result.problem = self.result.problem or REJECTED
            self.result.errors.append(
                _("{value} bản ghi chưa được tỉnh nhận: {problem}").format(
                    value=len(records), problem=pick(problem)
                )
            )

    def _take_stale(
        self, record: OutgoingRecord, ack: dict[str, Any], stored: list[tuple[str, int]]
    ) -> None:
        """The hub kept the record's event but not its snapshot: it holds a newer one of this
        desk. Ours reordered by retries: nothing is lost. Not ours (a restore reused the
        number): recover, then send the change again under a fresh number."""
        held, by = ack.get("seq"), ack.get("record")
        stored.append((record.uuid, int(ack["version"])))
        if isinstance(held, int) and self.book.recovery.diverged(
            record.id, record.entity_uuid, held, by if isinstance(by, str) else None
        ):
            self._acknowledge(stored)
            self.book.recovery.mark_needed([record.uuid])
            self._diverged = True

    def _acknowledge(self, stored: list[tuple[str, int]]) -> None:
        """Mark what the hub stored as synced (and empty the list: it is done)."""
        self.book.acknowledge(stored)
        self.result.pushed += len(stored)
        stored.clear()

    # --- pull --------------------------------------------------------------------------

    def _pull(self) -> None:
        known = self.book.known_versions()
        cursor = self.book.cursor()
        first = True
        for _page in range(self.max_pull_pages):
            self._check_cancel()
            page = self.client.pull(cursor, self.pull_limit, known)
            changes = page.get("changes") or []
            ratings = page.get("ratings") or []
            if not isinstance(changes, list) or not isinstance(ratings, list):
                raise SyncError("the hub's pull answer has no list of changes")
            new_cursor = _cursor(page, cursor)
            applied, conflicts, skipped = self.book.apply_page(changes, new_cursor, ratings)
            self.result.pulled += applied
            self.result.conflicts += conflicts
            self.result.errors.extend(skipped)
            if first:
                self._take_publications_checked(page)
                first = False
            self.progress("pull", self.result.pulled, 0)
            if not page.get("more"):
                return
            if new_cursor <= cursor:
                raise SyncError(
                    _("Máy chủ tỉnh báo còn dữ liệu nhưng con trỏ không tiến ({cursor})").format(
                        cursor=cursor
                    )
                )
            cursor = new_cursor
        raise SyncError(
            _(
                "Đã nhận {max_pull_pages} trang, máy chủ vẫn báo còn; lần đồng bộ sau nhận tiếp"
            ).format(max_pull_pages=self.max_pull_pages)
        )

    def _take_publications_checked(self, page: dict[str, Any]) -> None:
        try:
            self._take_publications(page)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            # Each publication is applied in its own transaction: a broken one changes nothing.
            raise SyncError(
                _("Danh mục, lịch hoặc khóa quầy do tỉnh công bố không đọc được ({kind})").format(
                    kind=type(exc).__name__
                )
            ) from exc

    def _take_publications(self, page: dict[str, Any]) -> None:
        if "procedures" in page:
            pub = page["procedures"]
            self.counter.catalogue.load_procedures([Procedure.from_dict(p) for p in pub["data"]])
            self.counter.result_files.adopt_published(pub["data"])
            self.book.set_known_version("procedures", int(pub["version"]))
        if OFFICES_KIND in page:
            pub = page[OFFICES_KIND]
            self.counter.catalogue.load_province_offices(list(pub["data"]))
            self.book.set_known_version(OFFICES_KIND, int(pub["version"]))
        if "calendar" in page:
            pub = page["calendar"]
            version, days = parse_calendar_data(pub["data"], "provincial calendar")
            self.counter.calendar_book.apply_published(days, version)
            self.book.set_known_version("calendar", int(pub["version"]))
        for k in page.get("desk_keys") or []:
            self.counter.keys.add_known(
                k["desk"], k["agency_code"], k["public_key"], k.get("valid_until")
            )

    # --- attached files (sync/file_transfer.py) ----------------------------------------

    def _files(self) -> None:
        """After the records both ways, so a slow link delivers every dossier first."""
        transfer = FileTransfer(self.counter, self.client, cancel=self.cancel)
        done = transfer.upload_all()
        self._check_cancel()
        transfer.download_all()
        self.result.files_sent, self.result.files_received = done.sent, done.received
        self.result.errors.extend(done.errors)
        self._check_cancel()

    # --- reconcile ---------------------------------------------------------------------

    def _reconcile(self) -> None:
        if self.counter.sync_book.pending_count():
            return  # records still on their way: the counts cannot agree yet
        self.progress("reconcile", 0, 1)
        short = self._compare()
        if short[0] or short[1]:
            # Repair once: resend the days the hub lacks, re-pull what this desk lacks.
            if short[0]:
                self.result.repaired += self.book.requeue_days(short[0])
                self._push()
            if short[1]:
                self.book.set_cursor(0)
                self._pull()
            short = self._compare()
        for kind, days in zip(("records", "dossiers"), short, strict=True):
            if days:
                self.result.errors.append(
                    _("đối soát lệch ở {kind}, các ngày {value}{value2}").format(
                        kind=kind, value=", ".join(days[:5]), value2=" …" if len(days) > 5 else ""
                    )
                )
        self.progress("reconcile", 1, 1)

    def _compare(self) -> tuple[list[str], list[str]]:
        hub = self.client.reconcile()
        mine = summarise_days(self.book.own_record_days())
        records = sorted(
            d for d in set(mine) | set(hub.get("desk", {})) if mine.get(d) != hub["desk"].get(d)
        )
        office = summarise_days(self.book.office_dossier_days())
        dossiers = sorted(
            d
            for d in set(office) | set(hub.get("office", {}))
            if office.get(d) != hub["office"].get(d)
        )
        return records, dossiers


@dataclass
class _Flight:
    batch: list[OutgoingRecord]
    wire: list[dict[str, Any]]
    answer: Future[tuple[list[dict[str, Any]], float]]


def wire_record(r: OutgoingRecord) -> dict[str, Any]:
    # The payload travels as the very text the core wrote with the change: no parsing or
    # re-encoding here, and its hash is over exactly those bytes.
    record = _wire_fields(r)
    if r.chain_seq is not None:
        record["chain"] = {"seq": r.chain_seq, "prev": r.chain_prev, "hash": r.chain_hash}
    return record


def _wire_fields(r: OutgoingRecord) -> dict[str, Any]:
    return {
        "uuid": r.uuid,
        "entity": "dossier",
        "entity_uuid": r.entity_uuid,
        "created_at": r.created_at,
        "seq": r.id,
        "base_version": r.base_version,
        "payload": r.payload,
    }


def chain_refused_words(exc: ChainRefused, acknowledged: int | None = None) -> str:
    """What the sync log says of a refused chain; `acknowledged` is set when the hub holds
    links past what this database saw acknowledged (EventChain.refused_by_hub)."""
    if acknowledged is not None and isinstance(exc.head, dict):
        return _(
            "Máy chủ tỉnh giữ chuỗi sự kiện của quầy tới số {hub}, còn cơ sở dữ liệu này chỉ "
            "biết được xác nhận tới số {mine}: đây là một bản cũ hơn được chép đè vào (không "
            "qua 'counter-app restore'). Máy chủ không nhận gì; các thay đổi làm từ đó vẫn nằm "
            "trên máy này, chưa gửi. Quầy không tiếp nhận hồ sơ mới cho tới khi xử lý xong; báo "
            "kỹ thuật của tỉnh (docs/security.md, F8)"
        ).format(hub=exc.head.get("seq"), mine=acknowledged)
    return _(
        "Máy chủ tỉnh không nhận chuỗi sự kiện của quầy (HTTP 409): {reason}. Lịch sử trên máy "
        "này có thể đã bị sửa sau khi gửi; chạy 'counter-app check' và báo kỹ thuật của tỉnh"
    ).format(reason=exc)


def _whole_batch(exc: SyncError) -> bool:
    """A failure of the request itself, not of the records in it."""
    return problem_of(exc) != "hub_error" or getattr(exc, "status", 500) >= 500


def _ack_problem(ack: dict[str, Any] | None, sent_hash: str) -> str | None:
    if ack is None:
        return "no acknowledgement for this record"
    if ack.get("status") == "rejected":
        return str(ack.get("error") or "rejected")
    if ack.get("status") not in ("stored", "conflict", "stale") or not isinstance(
        ack.get("version"), int
    ):
        return f"unreadable acknowledgement {ack.get('status')!r}"
    if ack.get("hash") != sent_hash:
        return "the hub's content hash differs from what was sent"
    return None


def _cursor(page: dict[str, Any], current: int) -> int:
    try:
        return check_cursor(page.get("cursor", current))
    except BadRecord as exc:
        raise SyncError(_("con trỏ của máy chủ không hợp lệ: {exc}").format(exc=exc)) from exc


def sync_now(
    counter: Counter,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    trigger: str = "manual",
    force: bool = True,
    timeout: tuple[float, float] | None = None,
    batch: int | None = None,
) -> SyncResult:
    """What the CLI and the app's "sync now" call: one complete run with the stored settings."""
    client = client_for(counter, timeout)
    try:
        engine = SyncEngine(
            counter,
            client,
            progress=progress,
            cancel=cancel,
            trigger=trigger,
            force=force,
            batch=AdaptiveBatch(size=batch) if batch else None,
        )
        return engine.run()
    finally:
        client.close()
