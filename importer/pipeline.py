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
from veille.importer import actors, events, neardup
from veille.importer.actors import Mention
from veille.importer.analyze import Analysis, analyze
from veille.importer.extract import (
    EXTRACTOR_VERSION,
    ArticleRecord,
    domain_of,
    extract_articles,
    repeated_lines,
    source_kind,
)
from veille.importer.nlp import installed_models
from veille.importer.readers import DEFAULT_MAX_BYTES, Prepared, Rejected, Unsupported, discover, read_file
from veille.importer.text import normalize as alias_key
from veille.importer.workers import DOCUMENT_BUDGET_S, time_budget, workers_map
from veille.schema.database import Database
from veille.schema.store import actors as actor_store
from veille.schema.store import bulk, documents, summaries
from veille.schema.store import events as event_store

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
        batch_id = documents.start_batch(conn, result.name)
        run_id = documents.start_run(conn, EXTRACTOR_VERSION, {"command": "import", "batch": result.name, **VERSIONS})
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
                documents.finish_batch(conn, batch_id, status, counts)
                documents.finish_run(conn, run_id)
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
        known = documents.known_documents(conn, shas)
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
            documents.store_rejected(conn, batch_id, rejected.path, rejected.sha256, rejected.byte_size,
                                     rejected.media_type, rejected.data, rejected.reason)
            record(FileOutcome(rejected.path, "rejected", reason=item.reason,
                               traceback=item.traceback if isinstance(item, Failed) else None))
        else:
            ready.append((item.doc, item.records, item.analyses))
    for (doc, _, _), stored in zip(ready, store_documents(conn, batch_id, run_id, ready), strict=True):
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
        ids = documents.document_ids(conn, batch_name)
        if on_total:
            on_total(len(ids))
        run_id = documents.start_run(conn, EXTRACTOR_VERSION, {"command": "reprocess", "batch": batch_name, **VERSIONS})
        for chunk in _chunks(ids, CHUNK):
            rows = documents.raw_documents(conn, chunk)
            repeated = repeated_lines(text for _, _, text, meta in rows if not meta)
            for doc_id, path, text, meta in rows:
                try:
                    records, analyses = analyse_document(text, meta, repeated)
                except Exception as exc:  # noqa: BLE001 - one document's failure is reported, the rest go on
                    result.failed.append((path, _failed(exc, "reprocessing", None).reason))
                    continue
                result.articles += _replace_articles(conn, doc_id, run_id, records, analyses)
                result.documents += 1
                if on_document:
                    on_document()
        relink_duplicates(conn)
        with conn.transaction():  # relinking changes which articles count
            summaries.rebuild(conn)
        documents.finish_run(conn, run_id)
    result.seconds = time.perf_counter() - started
    return result


# --- Storing: the stages' rules over what the database layer looks up and writes

@dataclass
class Stored:
    status: str            # imported | duplicate
    articles: int = 0
    duplicate_articles: int = 0
    document_id: int | None = None


Item = tuple[Prepared, list[ArticleRecord], list[Analysis]]


def store_documents(conn: psycopg.Connection, batch_id: int, run_id: int, items: list[Item]) -> list[Stored]:
    """Store a chunk of documents in one transaction, in bulk (COPY). Each document is whole or
    absent: if another importer stores one of these files at the same moment, the chunk is
    rolled back and redone one document per transaction, where the collision is a duplicate."""
    try:
        return bulk.retrying(conn, lambda: _store_bulk(conn, batch_id, run_id, items))
    except psycopg.errors.UniqueViolation:
        return [_store_one(conn, batch_id, run_id, item) for item in items]


def _store_one(conn: psycopg.Connection, batch_id: int, run_id: int, item: Item) -> Stored:
    try:
        return bulk.retrying(conn, lambda: _store_bulk(conn, batch_id, run_id, [item])[0])
    except psycopg.errors.UniqueViolation:  # another importer stored the same file a moment ago
        return Stored("duplicate")


def _store_bulk(conn: psycopg.Connection, batch_id: int, run_id: int, items: list[Item]) -> list[Stored]:
    placed = documents.insert_documents(conn, batch_id, run_id, [
        (d.path, d.sha256, d.byte_size, d.media_type, d.encoding, d.text, d.data if d.keep_bytes else None, d.meta)
        for d, _, _ in items])
    counts = iter(_insert_articles(conn, run_id, [(doc_id, records, analyses) for (doc_id, new), (_, records, analyses)
                                                  in zip(placed, items, strict=True) if new]))
    return [Stored("imported", *next(counts), doc_id) if new else Stored("duplicate", document_id=doc_id)
            for doc_id, new in placed]


def _insert_articles(conn: psycopg.Connection, run_id: int,
                     items: list[tuple[int, list[ArticleRecord], list[Analysis]]]) -> list[tuple[int, int]]:
    """Insert the articles of documents and what was extracted from them (inside the caller's
    transaction, under the article writers' lock); returns (articles, duplicates) per document.

    Each article is linked (`duplicate_of_id`) to the oldest original with the same content
    hash, else to the oldest original among the stored articles and the earlier articles of
    this chunk that share an LSH band with it and whose text is verified similar (importer/neardup.py;
    one GIN probe per article, in one statement). The fingerprints come with the analyses
    (computed in the worker processes)."""
    records = [r for _, recs, _ in items for r in recs]
    if not records:
        return [(0, 0) for _ in items]
    prints = [a.fingerprint for _, _, analyses in items for a in analyses]
    documents.lock_article_writers(conn)
    originals = documents.content_originals(conn, {r.content_hash for r in records})
    candidates = documents.originals_sharing_a_band(conn, [p.bands for r, p in zip(records, prints, strict=True)
                                                           if r.content_hash not in originals and p.bands is not None])
    cache = neardup.shingle_cache(conn)
    near = neardup.Originals(candidates, cache, documents.article_texts(conn, [i for i, _ in candidates if i not in cache]))
    domains: dict[str, str | None] = {}
    for r in records:
        if r.source:
            domains[r.source] = domains.get(r.source) or domain_of(r.url)
    source_ids = documents.ensure_sources(conn, {name: (source_kind(name), domain) for name, domain in domains.items()})
    ids = bulk.next_ids(conn, "articles", len(records))
    links = neardup.link([r.content_hash for r in records], prints, ids, originals, near)
    documents.copy_articles(conn, (
        (article_id, document_id, r.segment_index, r.char_start, r.char_end, r.title, r.lead, r.body, r.captions,
         r.language, r.published_on, r.date_precision, r.date_evidence, source_ids.get(r.source), r.author, r.url,
         r.content_hash, original, run_id, None if fp.bands is None else bulk.int_array(fp.bands))
        for article_id, document_id, r, fp, original in zip(
            ids, (d for d, recs, _ in items for _ in recs), records, prints, links, strict=True)))
    analyses = [a for _, _, anas in items for a in anas]
    actor_of = _store_mentions(conn, run_id, [(i, r, a.mentions) for i, r, a in zip(ids, records, analyses, strict=True)])
    _store_events(conn, run_id, [(i, a.events) for i, a in zip(ids, analyses, strict=True)], actor_of)
    summaries.apply(conn, ids)
    counts, links_left = [], iter(links)
    for _, recs, _ in items:
        counts.append((len(recs), sum(next(links_left) is not None for _ in recs)))
    return counts


def resolve_actors(conn: psycopg.Connection, mentions: list[Mention]) -> dict[str, int]:
    """mention key → actors.id, by the actor stage's rules (actors.Resolution), creating the
    actors that are new (race-free upsert) with their gazetteer aliases."""
    resolution = actors.Resolution(mentions, actor_store.redirects(conn, sorted({m.key for m in mentions})))
    resolution.add(actor_store.ids_by_key(conn, resolution.unknown_keys()))
    people = resolution.unknown_people()
    if people:
        resolution.match_people(people, actor_store.people_ending_with(conn, resolution.name_endings(people)))
    new = resolution.new_mentions()
    if new:
        created = actor_store.create(conn, actors.new_actor_rows(new))
        resolution.add(created)
        actor_store.insert_aliases(conn, actors.gazetteer_aliases(new, created))
    return resolution.resolved()


def _store_mentions(conn: psycopg.Connection, run_id: int,
                    items: list[tuple[int, ArticleRecord, list[Mention]]]) -> dict[Mention, int]:
    """Resolve mentions to actors (creating the missing ones) and store mentions, aliases and
    roles, curation applied; returns the actor of each mention (for the events)."""
    mentions = [m for _, _, ms in items for m in ms]
    if not mentions:
        return {}
    actor_of = resolve_actors(conn, mentions)
    normalized_of = {s: alias_key(s) for s in {m.surface for m in mentions}}
    resolved, mention_rows, alias_rows, role_rows = actors.stored_mentions(
        items, actor_of, actor_store.curated_aliases(conn, normalized_of.values()),
        actor_store.blocked_aliases(conn, actor_of.values()), normalized_of)
    actor_store.insert_aliases(conn, alias_rows)
    actor_store.copy_mentions(conn, run_id, mention_rows, role_rows)
    return resolved


def _store_events(conn: psycopg.Connection, run_id: int, items: list[tuple[int, list]],
                  actor_of: dict[Mention, int]) -> None:
    """Store event candidates, each merged into the event it reports when there is one (the
    event stage's rules, events.merge_reports); set-based, one lookup for the chunk."""
    extra = events.unresolved_actors(items, actor_of)
    if extra:
        by_key = resolve_actors(conn, extra)
        actor_of = {**actor_of, **{m: by_key[m.key] for m in extra if m.key in by_key}}
        actor_store.insert_aliases(conn, events.generic_aliases(extra, by_key))
    found = events.reports(items, actor_of)
    if not found:
        return
    count = event_store.lock_signatures(conn, sorted({r.signature for r in found}))
    pool: dict[str, list[events.EventState]] = {}
    for row in event_store.joinable(conn, [sig for sig, n in count.items() if n == 1],
                                    events.years_to_search(found, count)):
        pool.setdefault(row[0], []).append(events.EventState(*row[1:7], row[7] or 0, set()))
    merged = events.merge_reports(found, pool, count)
    new = [st for states in pool.values() for st in states if st.id is None]
    for st, event_id in zip(new, bulk.next_ids(conn, "events", len(new)), strict=True):
        st.id = event_id
    event_store.write(
        conn, run_id,
        new=[(st.id, r.event.event_type, st.mode, st.event_date, st.date_precision, st.date_text, st.location,
              r.event.summary, st.confidence, r.signature) for st in new if (r := st.report) is not None],
        actors=[(st.id, actor_id, role) for st in new if st.report is not None
                for role, ids in st.report.roles.items() for actor_id in sorted(set(ids))],
        changed=[(st.event_date, st.date_precision, st.date_text, st.mode, st.location, st.confidence, st.id)
                 for states in pool.values() for st in states if st.dirty and st.report is None],
        mentions=[(st.id, r.article_id, r.event.start, r.event.end, r.event.sentence, r.event.trigger)
                  for st, r in merged])


def _replace_articles(conn: psycopg.Connection, document_id: int, run_id: int, records: list[ArticleRecord],
                      analyses: list[Analysis]) -> int:
    """Reprocessing: a document's derived rows are replaced in one transaction; its raw text is
    untouched. The new articles are inserted as an import's are (content hash, LSH bands,
    duplicate links)."""
    with conn.transaction():
        summaries.apply(conn, documents.remove_articles(conn, document_id), sign=-1)
        documents.drop_articles(conn, document_id, run_id)
        [(added, _)] = _insert_articles(conn, run_id, [(document_id, records, analyses)])
    return added


def relink_duplicates(conn: psycopg.Connection) -> None:
    """After reprocessing: every article points at the original it would have been linked to had
    the articles been imported one by one in id order (what _insert_articles does). Set-based,
    never all pairs: the oldest article of each content grouped by shared band key, each checked
    against the earlier originals of its groups (neardup.relink)."""
    with conn.transaction():
        documents.lock_article_writers(conn)
        groups = documents.band_groups(conn)
        texts = documents.article_texts(conn, sorted({i for ids in groups for i in ids}))
        documents.relink(conn, neardup.relink(groups, texts))
