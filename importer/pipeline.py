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
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from sqlalchemy.engine import Engine

from veille import VeilleError, summaries
from veille.importer import load
from veille.importer.analyze import analyze
from veille.importer.extract import EXTRACTOR_VERSION, extract_articles, repeated_lines
from veille.importer.readers import DEFAULT_MAX_BYTES, Prepared, Rejected, Unsupported, discover, read_file

CHUNK = 64  # documents read together: repeated lines are looked for within a chunk


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
                 on_file: Callable[[FileOutcome], None] | None = None) -> BatchResult:
    """Import files and folders. Reading, segmenting and the NLP run in worker processes, chunk
    by chunk (at most two chunks per worker in flight, so memory stays bounded whatever the
    batch size); this process stores each chunk as it comes back, in file order."""
    started = time.perf_counter()
    result = BatchResult(batch_name or default_batch_name())
    found = list(discover(paths))
    if on_total:
        on_total(len(found))

    def record(outcome: FileOutcome) -> None:
        result.outcomes.append(outcome)
        if on_file:
            on_file(outcome)

    url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    chunks = list(_chunks(found, CHUNK))
    with load.connect(engine) as conn:
        # A server crash may lose the last commits (never corrupt them): the next run redoes them.
        conn.execute("SET synchronous_commit = off")
        batch_id = load.start_batch(conn, result.name)
        run_id = load.start_run(conn, EXTRACTOR_VERSION, {"command": "import", "batch": result.name})
        status = "interrupted"
        try:
            for chunk, prepared in workers_map(_prepare_chunk, [(url, [str(f) for f in c if isinstance(f, Path)],
                                                                  max_bytes) for c in chunks], chunks, workers):
                for problem in (f for f in chunk if isinstance(f, Unsupported)):
                    record(FileOutcome(problem.path, "rejected", reason=problem.reason))
                try:
                    _store_chunk(conn, batch_id, run_id, prepared, record)
                except psycopg.OperationalError as exc:
                    first = next((str(f) for f in chunk if isinstance(f, Path)), "?")
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


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def workers_map(fn: Callable, args: list[tuple], tags: list, workers: int | None = None):
    """Yield (tag, fn(*arg)) in order. With more than one chunk and more than one core, the calls
    run in spawned worker processes (each loads the language models once), at most two per
    worker in flight; otherwise here."""
    workers = default_workers() if workers is None else workers
    if workers <= 1 or len(args) <= 1:
        for tag, arg in zip(tags, args, strict=True):
            yield tag, fn(*arg)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
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


def _prepare_chunk(url: str, paths: list[str], max_bytes: int) -> list[tuple]:
    """In a worker: read, skip files already stored, segment and analyse. Returns, per file,
    ('duplicate', path) | ('rejected', Rejected) | ('ready', Prepared, records, analyses)."""
    import psycopg

    docs = [read_file(Path(p), max_bytes) for p in paths]
    shas = [d.sha256 for d in docs if isinstance(d, Prepared)]
    with psycopg.connect(url, autocommit=True) as conn:
        known = load.known_documents(conn, shas)
    repeated = repeated_lines(d.text for d in docs if isinstance(d, Prepared) and not d.meta)
    out: list[tuple] = []
    for doc in docs:
        if isinstance(doc, Prepared) and known.get(doc.sha256) in ("imported", "duplicate"):
            out.append(("duplicate", doc.path))
            continue
        if isinstance(doc, Prepared):
            try:
                with time_budget(DOCUMENT_BUDGET_S):
                    records = extract_articles(doc.text, doc.meta, repeated)
                    out.append(("ready", doc, records, analyze(records)))
                continue
            except Exception as exc:  # noqa: BLE001 - a bug on one page must not cost the batch
                doc = Rejected(doc.path, f"extraction failed ({type(exc).__name__}: {exc}); the raw bytes are kept, "
                               "`veille reprocess` will retry after an upgrade", doc.sha256, doc.byte_size, doc.data,
                               doc.media_type)
        out.append(("rejected", doc))
    return out


def _store_chunk(conn, batch_id: int, run_id: int, prepared: list[tuple],
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
