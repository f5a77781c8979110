"""A batch import, start to finish: discover → read → analyse → store.

Files are read and analysed in worker processes, chunk by chunk; this process stores the
analysed chunks in file order. Bad input never stops the batch: each file ends imported,
duplicate or rejected (with a one-line reason and its raw bytes), and the counts go to
`import_batches`. Only a failure that every document meets (the database gone, a language
model that cannot load) stops the batch, with one line saying so.
"""

from __future__ import annotations

import datetime as dt
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import psycopg
from sqlalchemy.engine import URL

from veille import VeilleError
from veille.importer import actors, events, load
from veille.importer.analyze import Analysis, analyze
from veille.importer.extract import EXTRACTOR_VERSION, ArticleRecord, extract_articles, repeated_lines
from veille.importer.gazetteer import normalize as alias_key
from veille.importer.nlp import installed_models
from veille.importer.readers import DEFAULT_MAX_BYTES, Prepared, Rejected, Unsupported, discover, read_file
from veille.importer.workers import DOCUMENT_BUDGET_S, time_budget, workers_map
from veille.schema.database import Database
from veille.schema.store import summaries

# The importer as the shell sees it (tests/test_layout.py keeps the shell to these).
__all__ = ["DEFAULT_MAX_BYTES", "BatchResult", "alias_key", "import_paths", "installed_models", "reprocess"]

T = TypeVar("T")

# Every extractor's version, recorded with each extraction run (extraction_runs.settings).
VERSIONS = {"articles": EXTRACTOR_VERSION, "actors": actors.VERSION, "events": events.VERSION}

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
    traceback: str | None = None  # an unexpected error's traceback (shown with VEILLE_DEBUG=1)


# What becomes of one file between the workers and the store.
@dataclass
class Duplicate:
    path: str


@dataclass
class Analysed:
    doc: Prepared
    records: list[ArticleRecord]
    analyses: list[Analysis]


@dataclass
class Failed:
    """An unexpected error while reading or analysing one document (the document is rejected)."""
    reason: str
    traceback: str
    rejected: Rejected | None = None


Outcome = Duplicate | Rejected | Analysed | Failed


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


def import_paths(db: Database, paths: Sequence[str | Path], batch_name: str | None = None, *,
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

    def told(analysed: Iterable[tuple[list, list[Outcome]]]) -> Iterator[tuple[list, list[Outcome]]]:
        for chunk, outcomes in analysed:
            if on_analysed:
                on_analysed([str(f) if isinstance(f, Path) else f.path for f in chunk])
            _stop_if_everything_fails(outcomes)
            yield chunk, outcomes

    db.require_schema()
    chunks = list(_chunks(found, CHUNK))
    with db.connect() as conn:
        # A server crash may lose the last commits (never corrupt them): the next run redoes them.
        conn.execute("SET synchronous_commit = off")
        batch_id = load.start_batch(conn, result.name)
        run_id = load.start_run(conn, EXTRACTOR_VERSION, {"command": "import", "batch": result.name, **VERSIONS})
        status = "interrupted"
        try:
            args = [(db.url, [str(f) for f in c if isinstance(f, Path)], max_bytes) for c in chunks]
            analysed = told(workers_map(_prepare_chunk, args, chunks, workers,
                                        fanout=(_read_chunk, _analyse_pieces, _finish_chunk)))
            for group in by_articles(analysed, lambda item: sum(len(o.records) for o in item[1]
                                                                if isinstance(o, Analysed)), LOAD_ARTICLES):
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


PIECE = 16  # documents analysed together by one worker: a chunk's analysis spreads over four workers


def _stop_if_everything_fails(outcomes: list[Outcome]) -> None:
    """A chunk in which every document (at least three) failed the same way is not bad input but a
    broken installation or machine: stop with one line rather than reject the whole batch."""
    failed = [o for o in outcomes if isinstance(o, Failed)]
    if len(failed) >= 3 and len(failed) == sum(isinstance(o, Failed | Analysed) for o in outcomes) \
            and len({f.reason.split(":")[0] for f in failed}) == 1:
        raise VeilleError(f"every document failed ({failed[0].reason}): this is not the pages, check the "
                          "installation (VEILLE_DEBUG=1 shows the traceback); nothing of this chunk was stored")


def _prepare_chunk(url: URL, paths: list[str], max_bytes: int) -> list[Outcome]:
    """Read, skip files already stored, segment and analyse: one Outcome per file. (With worker
    processes, the same steps run apart: `_read_chunk`, `_analyse_pieces` on each piece,
    `_finish_chunk`.)"""
    state, pieces = _read_chunk(url, paths, max_bytes)
    return _finish_chunk(state, [_analyse_pieces(*p) for p in pieces])


def _read(path: str, max_bytes: int) -> Prepared | Rejected | Failed:
    try:
        return read_file(Path(path), max_bytes)
    except Exception as exc:  # noqa: BLE001 - a reader's bug on one file must not cost the batch
        return _failed(exc, "reading", _raw(path))


def _raw(path: str) -> Rejected:
    """The file's bytes as a rejected document (the raw bytes are kept whatever went wrong)."""
    import hashlib

    try:
        data = Path(path).read_bytes()
    except OSError:
        return Rejected(path, "")
    return Rejected(path, "", hashlib.sha256(data).hexdigest(), len(data), data)


def _failed(exc: BaseException, stage: str, rejected: Rejected | None) -> Failed:
    reason = (f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else 'no detail'} "
              f"while {stage} this file; the raw bytes are kept and `veille reprocess` retries after an upgrade")
    return Failed(reason, traceback.format_exc(), rejected)


def analyse_document(text: str, meta: dict, repeated: frozenset[str]) -> tuple[list[ArticleRecord], list[Analysis]]:
    """One document's articles and their analyses (segmentation, dates, language, actors,
    events, fingerprints), within the time budget: the same steps for import and reprocess."""
    with time_budget(DOCUMENT_BUDGET_S):
        records = extract_articles(text, meta, repeated)
        return records, analyze(records)


def _read_chunk(url: URL, paths: list[str], max_bytes: int) -> tuple[list, list[tuple]]:
    """Read the chunk, look up the files already stored and find the lines repeated across its
    documents; returns the files' slots and the pieces of analysis work (texts and metadata of
    PIECE documents to import, with the chunk's repeated lines)."""
    docs = [_read(p, max_bytes) for p in paths]
    shas = [d.sha256 for d in docs if isinstance(d, Prepared)]
    with Database(url).connect() as conn:
        known = load.known_documents(conn, shas)
    repeated = repeated_lines(d.text for d in docs if isinstance(d, Prepared) and not d.meta)
    slots: list = []
    todo: list[Prepared] = []
    for doc in docs:
        if isinstance(doc, Prepared) and known.get(doc.sha256) in ("imported", "duplicate"):
            slots.append(Duplicate(doc.path))
        else:
            slots.append(doc)  # Prepared (to analyse), Rejected or Failed
            if isinstance(doc, Prepared):
                todo.append(doc)
    pieces = [([(d.text, d.meta) for d in todo[i:i + PIECE]], repeated) for i in range(0, len(todo), PIECE)]
    return slots, pieces


def _analyse_pieces(documents: list[tuple[str, dict]], repeated: frozenset[str]) -> list:
    """In a worker: (records, analyses) or a Failed for each document."""
    out: list = []
    for text, meta in documents:
        try:
            out.append(analyse_document(text, meta, repeated))
        except Exception as exc:  # noqa: BLE001 - a bug on one page must not cost the batch
            out.append(_failed(exc, "analysing", None))
    return out


def _finish_chunk(slots: list, results: list[list]) -> list[Outcome]:
    analysed = iter(r for piece in results for r in piece)
    out: list[Outcome] = []
    for slot in slots:
        if not isinstance(slot, Prepared):
            out.append(slot)
            continue
        result = next(analysed)
        if isinstance(result, Failed):
            result.rejected = Rejected(slot.path, result.reason, slot.sha256, slot.byte_size, slot.data,
                                       slot.media_type)
            out.append(result)
        else:
            out.append(Analysed(slot, *result))
    return out


def _store_group(conn, batch_id: int, run_id: int, outcomes: list[Outcome],
                 record: Callable[[FileOutcome], None]) -> None:
    ready = []
    for item in outcomes:
        if isinstance(item, Duplicate):
            record(FileOutcome(item.path, "duplicate"))
        elif isinstance(item, Rejected | Failed):
            rejected = item if isinstance(item, Rejected) else item.rejected
            rejected.reason = item.reason
            load.store_rejected(conn, batch_id, rejected)
            record(FileOutcome(rejected.path, "rejected", reason=item.reason,
                               traceback=item.traceback if isinstance(item, Failed) else None))
        else:
            ready.append((item.doc, item.records, item.analyses))
    for (doc, _, _), stored in zip(ready, load.store_documents(conn, batch_id, run_id, ready), strict=True):
        record(FileOutcome(doc.path, stored.status, stored.articles))


def _chunks(items: list, size: int) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


@dataclass
class ReprocessResult:
    documents: int = 0
    articles: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0


def reprocess(db: Database, batch_name: str | None = None,
              on_total: Callable[[int], None] | None = None,
              on_document: Callable[[], None] | None = None) -> ReprocessResult:
    """Re-run extraction on stored raw text, replacing derived rows; raw documents are untouched."""
    started = time.perf_counter()
    result = ReprocessResult()
    db.require_schema()
    with db.connect() as conn:
        where, params = "status = 'imported'", []
        if batch_name is not None:
            where += " AND batch_id = (SELECT id FROM import_batches WHERE name = %s)"
            params.append(batch_name)
        ids = [r[0] for r in conn.execute(f"SELECT id FROM documents WHERE {where} ORDER BY id", params).fetchall()]
        if on_total:
            on_total(len(ids))
        run_id = load.start_run(conn, EXTRACTOR_VERSION, {"command": "reprocess", "batch": batch_name, **VERSIONS})
        for chunk in _chunks(ids, CHUNK):
            rows = conn.execute("SELECT id, path, raw_text, meta FROM documents WHERE id = ANY(%s) ORDER BY id",
                                (chunk,)).fetchall()
            repeated = repeated_lines(text for _, _, text, meta in rows if not meta)
            for doc_id, path, text, meta in rows:
                try:
                    records, analyses = analyse_document(text, meta, repeated)
                except Exception as exc:  # noqa: BLE001 - one document's failure is reported, the rest go on
                    result.failed.append((path, _failed(exc, "reprocessing", None).reason))
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
