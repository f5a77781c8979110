"""A batch import, start to finish: discover → read → extract → load, document by document.

Bad input never stops the batch: each file ends imported, duplicate or rejected (with a
one-line reason and its raw bytes), and the counts go to `import_batches`.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import psycopg
from sqlalchemy.engine import Engine

from veille import VeilleError, summaries
from veille.importer import load
from veille.importer.analyze import analyze
from veille.importer.extract import EXTRACTOR_VERSION, extract_articles, repeated_lines
from veille.importer.readers import DEFAULT_MAX_BYTES, Prepared, Rejected, Unsupported, discover, read_file

T = TypeVar("T")

CHUNK = 64  # documents read together: repeated lines are looked for within a chunk
# Articles stored per transaction (consecutive chunks together): each transaction pays fixed
# statements and one summary upsert per (actor, day) it touches, so at 1,000 articles instead of
# one chunk's ~300 the load of 10,000 articles takes about 10 % less time.
LOAD_ARTICLES = 1000


@dataclass
class FileOutcome:
    path: str
    status: str                 # imported | duplicate | rejected
    articles: int = 0
    reason: str | None = None


@dataclass
class BatchResult:
    name: str
    outcomes: list[FileOutcome] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def articles(self) -> int:
        return sum(o.articles for o in self.outcomes)

    @property
    def rejected(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == "rejected"]


def default_batch_name() -> str:
    return "import-" + dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")


def import_paths(engine: Engine, paths: Sequence[str | Path], batch_name: str | None = None, *,
                 max_bytes: int = DEFAULT_MAX_BYTES, workers: int | None = None,
                 on_total: Callable[[int], None] | None = None,
                 on_analysed: Callable[[list[str]], None] | None = None) -> BatchResult:
    """Import files and folders. Reading, segmenting and the NLP run in worker processes, chunk
    by chunk (at most two chunks per worker in flight, so memory stays bounded whatever the
    batch size); this process stores the analysed chunks in file order, in transactions of about
    LOAD_ARTICLES articles. `on_analysed` gets the paths of each chunk as it comes back from the
    workers (the slow part), before it is stored."""
    started = time.perf_counter()
    result = BatchResult(batch_name or default_batch_name())
    found = list(discover(paths))
    if on_total:
        on_total(len(found))

    def told(analysed: Iterable[tuple[list, list]]) -> Iterator[tuple[list, list]]:
        for chunk, prepared in analysed:
            if on_analysed:
                on_analysed([str(f) if isinstance(f, Path) else f.path for f in chunk])
            yield chunk, prepared

    url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    chunks = list(_chunks(found, CHUNK))
    with load.connect(engine) as conn:
        # A server crash may lose the last commits (never corrupt them): the next run redoes them.
        conn.execute("SET synchronous_commit = off")
        batch_id = load.start_batch(conn, result.name)
        run_id = load.start_run(conn, EXTRACTOR_VERSION, {"command": "import", "batch": result.name})
        status = "interrupted"
        try:
            analysed = told(workers_map(_prepare_chunk, [(url, [str(f) for f in c if isinstance(f, Path)], max_bytes)
                                                         for c in chunks], chunks, workers))
            for group in by_articles(analysed, lambda item: sum(len(p[2]) for p in item[1] if p[0] == "ready"),
                                     LOAD_ARTICLES):
                for problem in (f for chunk, _ in group for f in chunk if isinstance(f, Unsupported)):
                    result.outcomes.append(FileOutcome(problem.path, "rejected", reason=problem.reason))
                try:
                    _store_group(conn, batch_id, run_id, [p for _, prepared in group for p in prepared],
                                 result.outcomes.append)
                except psycopg.OperationalError as exc:
                    first = next((str(f) for chunk, _ in group for f in chunk if isinstance(f, Path)), "?")
                    raise VeilleError(
                        f"lost the database while storing the files from {first} on ({len(result.outcomes)} of "
                        f"{len(found)} done): {str(exc).strip().splitlines()[0] if str(exc).strip() else 'no detail'}; "
                        f"nothing half-stored: re-run the same command (--batch {result.name}) to complete the batch"
                    ) from None
            status = "completed"
        finally:
            result.seconds = time.perf_counter() - started
            counts = {"seen": len(result.outcomes), "imported": result.count("imported"),
                      "duplicate": result.count("duplicate"), "rejected": result.count("rejected"),
                      "articles": result.articles}
            try:
                load.finish_batch(conn, batch_id, status, counts)
                load.finish_run(conn, run_id)
            except Exception:  # noqa: BLE001 - the database went away: the original error matters more
                if status == "completed":
                    raise
    return result


def by_articles(items: Iterable[T], articles: Callable[[T], int], limit: int) -> Iterator[list[T]]:
    """Consecutive items in groups of at least `limit` articles (the last one may hold fewer)."""
    group, count = [], 0
    for item in items:
        group.append(item)
        count += articles(item)
        if count >= limit:
            yield group
            group, count = [], 0
    if group:
        yield group


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def workers_map(fn: Callable, args: list[tuple], tags: list, workers: int | None = None):
    """Yield (tag, fn(*arg)) in order. With more than one chunk and more than one core, the calls
    run in spawned worker processes (each loads the language models once), at most two per
    worker in flight; otherwise here.

    A function with a `fanout` (first, piece, finish) is run in steps so that the heavy part of
    one call spreads over every worker: `first(*arg)` gives a state kept here and the arguments
    of independent pieces, the pieces run wherever a worker is free, and `finish(state, results)`
    gives what `fn(*arg)` returns. (Three chunks on two workers otherwise leave one worker idle
    for a whole chunk at the end.) The bound is the same: at most two tasks per worker in flight
    and two calls per worker open."""
    workers = default_workers() if workers is None else workers
    if workers <= 1 or len(args) <= 1:
        for tag, arg in zip(tags, args, strict=True):
            yield tag, fn(*arg)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        fanout = getattr(fn, "fanout", None)
        if fanout is not None:
            yield from _fanout_map(pool, fanout, args, tags, 2 * workers)
            return
        pending: deque = deque()
        items = iter(zip(tags, args, strict=True))
        for tag, arg in items:
            pending.append((tag, pool.submit(fn, *arg)))
            if len(pending) >= 2 * workers:
                break
        while pending:
            tag, future = pending.popleft()
            yield tag, future.result()
            for tag2, arg2 in items:
                pending.append((tag2, pool.submit(fn, *arg2)))
                break


@dataclass
class _Call:
    tag: object
    first: object                                   # the future of the first step
    state: object = None
    todo: deque = field(default_factory=deque)      # pieces not submitted yet
    pieces: list = field(default_factory=list)      # futures of the submitted pieces
    ready: bool = False                             # the first step is done


def _fanout_map(pool, fanout: tuple[Callable, Callable, Callable], args: list[tuple], tags: list, limit: int):
    """workers_map for a function with a fanout: at most `limit` tasks in flight and `limit` calls
    open (their states held here), the pieces of the oldest calls first, results in order. An
    error is raised when its call's turn comes, as if the calls ran one after the other."""
    from concurrent.futures import FIRST_COMPLETED, wait

    first, piece, finish = fanout
    items = iter(zip(tags, args, strict=True))
    calls: deque[_Call] = deque()
    opening: dict = {}   # first-step future -> its call
    in_flight: set = set()

    def top_up() -> None:
        while len(in_flight) < limit:
            call = next((c for c in calls if c.todo), None)
            if call is not None:
                future = pool.submit(piece, *call.todo.popleft())
                call.pieces.append(future)
                in_flight.add(future)
                continue
            if len(calls) >= limit or (item := next(items, None)) is None:
                return
            call = _Call(item[0], pool.submit(first, *item[1]))
            calls.append(call)
            opening[call.first] = call
            in_flight.add(call.first)

    while True:
        top_up()
        while calls and calls[0].ready and not calls[0].todo and all(f.done() for f in calls[0].pieces):
            call = calls.popleft()
            call.first.result()  # the first step's error, if any, now that it is this call's turn
            yield call.tag, finish(call.state, [f.result() for f in call.pieces])
            top_up()
        if not calls:
            return
        done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
        in_flight.difference_update(done)
        for future in done:
            call = opening.pop(future, None)
            if call is not None:
                if future.exception() is None:
                    call.state, todo = future.result()
                    call.todo.extend(todo)
                call.ready = True


PIECE = 16  # documents analysed together by one worker: a chunk's analysis spreads over four workers


def _prepare_chunk(url: str, paths: list[str], max_bytes: int) -> list[tuple]:
    """In a worker: read, skip files already stored, segment and analyse. Returns, per file,
    ('duplicate', path) | ('rejected', Rejected) | ('ready', Prepared, records, analyses).
    (With worker processes, the same steps run apart: `_read_chunk`, `_analyse_pieces` on each
    piece, `_finish_chunk`.)"""
    state, pieces = _read_chunk(url, paths, max_bytes)
    return _finish_chunk(state, [_analyse_pieces(*p) for p in pieces])


def _read_chunk(url: str, paths: list[str], max_bytes: int) -> tuple[list[tuple], list[tuple]]:
    """Read the chunk, look up the files already stored and find the lines repeated across its
    documents; returns the files' slots and the pieces of analysis work (texts and metadata of
    PIECE documents to import, with the chunk's repeated lines)."""
    import psycopg

    docs = [read_file(Path(p), max_bytes) for p in paths]
    shas = [d.sha256 for d in docs if isinstance(d, Prepared)]
    with psycopg.connect(url, autocommit=True) as conn:
        known = load.known_documents(conn, shas)
    repeated = repeated_lines(d.text for d in docs if isinstance(d, Prepared) and not d.meta)
    slots: list[tuple] = []
    todo: list[Prepared] = []
    for doc in docs:
        if isinstance(doc, Prepared) and known.get(doc.sha256) in ("imported", "duplicate"):
            slots.append(("duplicate", doc.path))
        elif isinstance(doc, Prepared):
            slots.append(("analyse", doc))
            todo.append(doc)
        else:
            slots.append(("rejected", doc))
    pieces = [([(d.text, d.meta) for d in todo[i:i + PIECE]], repeated) for i in range(0, len(todo), PIECE)]
    return slots, pieces


def _analyse_pieces(documents: list[tuple[str, dict]], repeated: frozenset[str]) -> list[tuple]:
    """In a worker: segment and analyse documents: ('ready', records, analyses) or ('failed', why) each."""
    out: list[tuple] = []
    for text, meta in documents:
        try:
            with time_budget(DOCUMENT_BUDGET_S):
                records = extract_articles(text, meta, repeated)
                out.append(("ready", records, analyze(records)))
        except Exception as exc:  # noqa: BLE001 - a bug on one page must not cost the batch
            out.append(("failed", f"{type(exc).__name__}: {exc}"))
    return out


def _finish_chunk(slots: list[tuple], results: list[list[tuple]]) -> list[tuple]:
    analysed = iter(r for piece in results for r in piece)
    out: list[tuple] = []
    for kind, item in slots:
        if kind != "analyse":
            out.append((kind, item))
            continue
        result = next(analysed)
        if result[0] == "ready":
            out.append(("ready", item, result[1], result[2]))
        else:
            out.append(("rejected", Rejected(
                item.path, f"extraction failed ({result[1]}); the raw bytes are kept, `veille reprocess` will retry "
                "after an upgrade", item.sha256, item.byte_size, item.data, item.media_type)))
    return out


_prepare_chunk.fanout = (_read_chunk, _analyse_pieces, _finish_chunk)


def _store_group(conn, batch_id: int, run_id: int, prepared: list[tuple],
                 record: Callable[[FileOutcome], None]) -> None:
    ready = []
    for item in prepared:
        if item[0] == "duplicate":
            record(FileOutcome(item[1], "duplicate"))
        elif item[0] == "rejected":
            load.store_rejected(conn, batch_id, item[1])
            record(FileOutcome(item[1].path, "rejected", reason=item[1].reason))
        else:
            ready.append(item[1:])
    for (doc, _, _), stored in zip(ready, load.store_documents(conn, batch_id, run_id, ready), strict=True):
        record(FileOutcome(doc.path, stored.status, stored.articles))


DOCUMENT_BUDGET_S = 120  # one document's extraction; a page that takes longer is rejected, not waited for


class DocumentTooSlow(Exception):
    pass


@contextmanager
def time_budget(seconds: float):
    """Interrupt the block after `seconds` (SIGALRM; only in a process's main thread)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expired(signum, frame):
        raise DocumentTooSlow(f"took longer than {seconds:g} s to analyse")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _chunks(items: list, size: int) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


@dataclass
class ReprocessResult:
    documents: int = 0
    articles: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0


def reprocess(engine: Engine, batch_name: str | None = None,
              on_total: Callable[[int], None] | None = None,
              on_document: Callable[[], None] | None = None) -> ReprocessResult:
    """Re-run extraction on stored raw text, replacing derived rows; raw documents are untouched."""
    started = time.perf_counter()
    result = ReprocessResult()
    with load.connect(engine) as conn:
        where, params = "status = 'imported'", []
        if batch_name is not None:
            where += " AND batch_id = (SELECT id FROM import_batches WHERE name = %s)"
            params.append(batch_name)
        ids = [r[0] for r in conn.execute(f"SELECT id FROM documents WHERE {where} ORDER BY id", params).fetchall()]
        if on_total:
            on_total(len(ids))
        run_id = load.start_run(conn, EXTRACTOR_VERSION, {"command": "reprocess", "batch": batch_name})
        for chunk in _chunks(ids, CHUNK):
            rows = conn.execute("SELECT id, path, raw_text, meta FROM documents WHERE id = ANY(%s) ORDER BY id",
                                (chunk,)).fetchall()
            repeated = repeated_lines(text for _, _, text, meta in rows if not meta)
            for doc_id, path, text, meta in rows:
                try:
                    records = extract_articles(text, meta, repeated)
                    analyses = analyze(records)
                except Exception as exc:  # noqa: BLE001
                    result.failed.append((path, f"{type(exc).__name__}: {exc}"))
                    continue
                result.articles += load.replace_articles(conn, doc_id, run_id, records, analyses)
                result.documents += 1
                if on_document:
                    on_document()
        load.relink_duplicates(conn)
        with conn.transaction():  # relinking changes which articles count
            summaries.rebuild(conn)
        load.finish_run(conn, run_id)
    result.seconds = time.perf_counter() - started
    return result
