"""Import benchmark: end to end, per stage, against the NLP alone and a bare COPY.

    python tests/bench/bench_import.py --articles 1000 [--json FILE] [--workers N] [--seed S]
    python tests/bench/bench_import.py --scaling 1000,10000 --json scaling.json
    python tests/bench/bench_import.py --scaling 1000,10000,100000 --end-to-end-only --json scaling.json

Everything is measured in one run on the same generated corpus (tests/bench/generate.py):
- end to end: `veille import` (import_paths) into a fresh database, with worker processes;
- per stage, each over the whole corpus in this process: read+segment, NER+actors, events,
  load (the rows of the previous stages stored by the real loader, in chunks);
- the NLP limit: the same texts through spaCy's `nlp.pipe` alone with the same number of
  processes → import / nlp_alone, with the pipelines already loaded in this process (its
  workers are forked with them), measured just before the import, and from a new process that
  loads them first, as the import starts, just after it (→ import / nlp_alone_cold);
- the load limit: the same rows COPYed bare into empty tables of the same shape (LIKE …
  INCLUDING ALL, plus the foreign keys, which LIKE leaves out) → load / copy_alone, the median
  of the ratios of `--repeat` load-then-COPY runs (and the same without the foreign keys);
- a naive load: the same rows, every table, through one ORM `session.add` + flush per row (a
  sample of each table, extrapolated to all its rows) → naive_load / our_load;
- peak RSS of this process and of the worker processes;
- near-duplicates, in the end-to-end database: of the generated reappearances with one sentence
  changed (the generator's `ArticleInfo.changed`), how many were linked to their first
  appearance (recall), and how many articles were linked to an article of another story
  (false links); and the cost of the fingerprints (shingles, MinHash, LSH bands) per article.
Figures are printed as a table and written as JSON. This machine is shared: quote ratios.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

# spaCy alone from a cold start: load the import's pipelines, then pipe the texts (a JSON file of
# {language: [text, …]}) with N processes.
COLD_SPACY = """
import json, sys
from veille.importer import nlp
for lang, texts in json.load(open(sys.argv[1])).items():
    model = nlp.pipeline(lang)
    if model is not None and texts:
        for _ in model.pipe(texts, batch_size=64, n_process=int(sys.argv[2])):
            pass
"""


def write_corpus(n: int, seed: int, folder: Path) -> tuple[int, int, int, dict]:
    """Write the pages; returns pages, articles, bytes and each page's expected articles by file name."""
    pages = articles = size = 0
    items = {}
    for i, page in enumerate(generate(n, seed)):
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        data = page.text.encode("utf-8")
        (sub / page.name).write_bytes(data)
        items[page.name] = page.items
        pages, articles, size = pages + 1, articles + page.articles, size + len(data)
    return pages, articles, size, items


def fresh_database(url: str | None) -> str:
    """A new empty database on the given server, or on the embedded one (VEILLE_HOME)."""
    import psycopg

    from veille.config import veille_home
    from veille.schema.database import start_embedded

    name = f"veille_bench_{uuid.uuid4().hex[:8]}"
    if url:
        from sqlalchemy.engine import make_url

        base = make_url(url).set(drivername="postgresql")
        with psycopg.connect(base.set(database="postgres").render_as_string(hide_password=False),
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return base.set(database=name).render_as_string(hide_password=False)
    return start_embedded(veille_home(), database=name).render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    u = make_url(url).set(drivername="postgresql")
    with psycopg.connect(u.set(database="postgres").render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{u.database}" WITH (FORCE)')


def migrated_db(url: str | None):
    from veille.config import open_database
    from veille.schema import migrate

    db = open_database(fresh_database(url))
    migrate.upgrade(db)
    return db


def peak_rss_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return round(own, 1), round(children, 1)


def run(n: int, seed: int, workers: int, url: str | None, naive_fraction: float, end_to_end_only: bool = False,
        repeat: int = 3) -> dict:
    from veille.importer import actors, events, nlp
    from veille.importer.analyze import Analysis, fingerprint, parse
    from veille.importer.extract import extract_articles, repeated_lines
    from veille.importer.pipeline import CHUNK, LOAD_ARTICLES, by_articles, import_paths, store_documents
    from veille.importer.readers import Prepared, discover, read_file
    from veille.schema.store import documents

    tmp = Path(tempfile.mkdtemp(prefix="veille-bench-"))
    figures: dict = {"articles_requested": n, "workers": workers, "seed": seed}
    try:
        t = time.perf_counter()
        pages, expected, size, items = write_corpus(n, seed, tmp / "corpus")
        figures.update(pages=pages, expected_articles=expected, megabytes=round(size / 1e6, 2),
                       generate_s=round(time.perf_counter() - t, 2))

        def end_to_end() -> tuple[int, float]:
            """`veille import` as a user runs it, into a fresh database: (articles, seconds)."""
            db = migrated_db(url)
            t = time.perf_counter()
            result = import_paths(db, [str(tmp / "corpus")], "bench", workers=workers)
            seconds = time.perf_counter() - t
            figures["end_to_end"] = {"seconds": round(seconds, 2), "articles": result.articles,
                                     "articles_per_s": round(result.articles / seconds, 1),
                                     "mb_per_s": round(size / 1e6 / seconds, 3)}
            figures["near_duplicates"] = near_duplicates(db, items)
            drop_database(db.url.render_as_string(hide_password=False))
            db.dispose()
            figures["seconds_per_article_end_to_end"] = round(seconds / max(result.articles, 1), 5)
            return result.articles, seconds

        if end_to_end_only:  # the scaling runs: per-article time and memory, without the stage breakdown
            end_to_end()
            own, children = peak_rss_mb()
            figures["peak_rss_mb"] = {"main": own, "largest_worker": children}
            return figures

        # 1. Read and segment, over the same files (this process, one core): the texts for spaCy alone.
        files = sorted(p for p in discover([str(tmp / "corpus")]) if isinstance(p, Path))
        t = time.perf_counter()
        docs, records_of = [], []
        for i in range(0, len(files), CHUNK):
            chunk = [read_file(p) for p in files[i:i + CHUNK]]
            chunk = [d for d in chunk if isinstance(d, Prepared)]
            repeated = repeated_lines(d.text for d in chunk)
            for d in chunk:
                docs.append(d)
                records_of.append(extract_articles(d.text, d.meta, repeated))
        read_segment = time.perf_counter() - t
        records = [r for recs in records_of for r in recs]
        t = time.perf_counter()  # in the import, the workers compute them with the NLP
        prints = [fingerprint(r) for r in records]
        fingerprint_ms = round((time.perf_counter() - t) * 1000 / max(len(records), 1), 3)
        texts = [p[1] for r in records for p in r.parts]
        words = sum(len(x.split()) for x in texts)

        # 2. The NLP alone: the same texts, spaCy only, with the import's number of processes, warm
        # just before the import and cold just after it, so that the machine's drift over a long
        # run (spaCy alone on the same texts took 213 s in one run and 266 s in another) does not
        # land between the import and its limit; then with one process (which compares with the
        # in-process NER+actors and events stages).
        batches = {lang: [p[1] for r in records if (r.language or "fr") == lang for p in r.parts]
                   for lang in ("fr", "en")}

        models = {lang: nlp.pipeline(lang) for lang in batches}  # loaded (and run once) before any timing
        for lang, model in models.items():
            if model is not None:
                list(model.pipe(batches[lang][:20]))

        def spacy_alone(processes: int) -> float:
            t = time.perf_counter()
            for lang, batch in batches.items():
                if models[lang] is not None and batch:
                    for _ in models[lang].pipe(batch, batch_size=64, n_process=processes):
                        pass
            return time.perf_counter() - t

        def spacy_alone_cold(processes: int) -> float:
            """The same from a new process that loads the pipelines first, as an import starts."""
            texts = tmp / "texts.json"
            texts.write_text(json.dumps(batches))
            t = time.perf_counter()
            subprocess.run([sys.executable, "-c", COLD_SPACY, str(texts), str(processes)], check=True)
            return time.perf_counter() - t

        nlp_alone = spacy_alone(workers)
        # 3. End to end, as a user runs it.
        imported, e2e = end_to_end()
        figures["near_duplicates"]["fingerprint_ms_per_article"] = fingerprint_ms
        nlp_cold = spacy_alone_cold(workers)
        nlp_one = spacy_alone(1) if workers > 1 else nlp_alone

        # 4. Stages: spaCy over the articles of each chunk of documents (as the import does), then the extractors
        spacy_s = ner_actors = event_s = 0.0
        mentions_of, events_of = [], []
        for recs in (records_of[i:i + CHUNK] for i in range(0, len(records_of), CHUNK)):
            chunk = [r for rs in recs for r in rs]
            t = time.perf_counter()
            pieces, docs_of = parse(chunk)
            spacy_s += time.perf_counter() - t
            t = time.perf_counter()
            ms_of = [actors.extract(p, ds, r.source) for r, p, ds in zip(chunk, pieces, docs_of, strict=True)]
            ner_actors += time.perf_counter() - t
            t = time.perf_counter()
            events_of += [events.extract(p, ds, ms, r.language, r.published_on)
                          for r, p, ds, ms in zip(chunk, pieces, docs_of, ms_of, strict=True)]
            event_s += time.perf_counter() - t
            mentions_of += ms_of
        del docs_of

        analyses = [Analysis(ms, evs, fp) for ms, evs, fp in zip(mentions_of, events_of, prints, strict=True)]
        by_doc, k = [], 0
        for d, recs in zip(docs, records_of, strict=True):
            by_doc.append((d, recs, analyses[k:k + len(recs)]))
            k += len(recs)
        # 5. The load and the bare COPY, each into a fresh database, `repeat` times (medians). This
        # process holds the whole corpus and its analyses, which the import never does (a few
        # chunks at a time): frozen, the garbage collector does not walk them during the load.
        gc.freeze()
        load_runs, copy_runs = [], []
        for attempt in range(repeat):
            db = migrated_db(url)
            t = time.perf_counter()
            with db.connect() as conn:
                conn.execute("SET synchronous_commit = off")  # as import_paths does
                batch_id = documents.start_batch(conn, "bench-load")
                run_id = documents.start_run(conn, "bench", {})
                for group in by_articles(by_doc, lambda item: len(item[1]), LOAD_ARTICLES):  # as import_paths does
                    store_documents(conn, batch_id, run_id, group)
            load_runs.append(time.perf_counter() - t)
            copy_runs.append(bare_copy(db))
            if attempt == repeat - 1:
                with db.connect() as conn:
                    counts = dict(zip(("articles", "actor_mentions", "events", "event_mentions"), conn.execute(
                        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM actor_mentions), "
                        "(SELECT count(*) FROM events), (SELECT count(*) FROM event_mentions)").fetchone(), strict=True))
                naive = naive_load(db, naive_fraction)
            drop_database(db.url.render_as_string(hide_password=False))
            db.dispose()
        gc.unfreeze()
        load_s = statistics.median(load_runs)
        copy = {key: statistics.median(c[key] for c in copy_runs) for key in copy_runs[0]}
        copy["runs"] = copy_runs

        def paired(key: str) -> float:
            """The median of each run's load / COPY (both into the same database, a minute apart): the
            machine's speed drifts between runs more than within one."""
            return round(statistics.median(t / c[key] for t, c in zip(load_runs, copy_runs, strict=True)), 2)

        n_articles = len(records)
        figures["stages"] = {
            "read_segment": {"seconds": round(read_segment, 2), "articles_per_s": round(n_articles / read_segment, 1),
                             "mb_per_s": round(size / 1e6 / read_segment, 2)},
            "spacy_parse": {"seconds": round(spacy_s, 2), "articles_per_s": round(n_articles / spacy_s, 1),
                            "words_per_s": round(words / spacy_s)},
            "actors": {"seconds": round(ner_actors, 2), "articles_per_s": round(n_articles / ner_actors, 1),
                       "words_per_s": round(words / ner_actors)},
            "events": {"seconds": round(event_s, 2), "articles_per_s": round(n_articles / event_s, 1)},
            "load": {"seconds": round(load_s, 2), "articles_per_s": round(n_articles / load_s, 1), "rows": counts,
                     "runs": [round(x, 3) for x in load_runs]},
        }
        figures["nlp_alone"] = {"seconds": round(nlp_alone, 2), "cold_seconds": round(nlp_cold, 2),
                                "processes": workers, "words": words,
                                "articles_per_s": round(n_articles / nlp_alone, 1),
                                "words_per_s": round(words / nlp_alone),
                                "one_process_words_per_s": round(words / nlp_one)}
        figures["copy_alone"] = copy
        figures["naive_load"] = naive
        figures["ratios"] = {
            "import_over_nlp_alone": round((imported / e2e) / (n_articles / nlp_alone), 3),
            "import_over_nlp_alone_cold": round((imported / e2e) / (n_articles / nlp_cold), 3),
            "load_over_copy_alone": paired("seconds"),
            "load_over_copy_alone_without_foreign_keys": paired("seconds_without_foreign_keys"),
            "naive_load_over_our_load": round(naive["seconds"] / load_s, 1),
            # the most naive / ours can be for a load that writes these rows under these constraints
            "naive_load_over_copy_alone": round(naive["seconds"] / copy["seconds"], 1),
            # one process each: NER + actors (the parse and the actor extraction) against spaCy alone
            "ner_actors_over_spacy_one_process": round((spacy_s + ner_actors) / nlp_one, 3),
            "events_over_spacy_one_process": round(event_s / nlp_one, 3),
        }
        own, children = peak_rss_mb()
        figures["peak_rss_mb"] = {"main": own, "largest_worker": children}
        return figures
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def near_duplicates(db, items: dict) -> dict:
    """Links made by the import against the generator's truth: every stored article is matched to the
    page item with the same folded title on its page (the segmenter may miss a few)."""
    from veille.importer.text import fold

    with db.connect() as conn:
        rows = conn.execute("SELECT a.id, d.path, a.title, a.duplicate_of_id FROM articles a "
                            "JOIN documents d ON d.id = a.document_id").fetchall()
    info = {}
    for article_id, path, title, _ in rows:
        match = [i for i in items.get(Path(path).name, ()) if fold(i.title) == fold(title)]
        if match:
            info[article_id] = match[0]
    changed = [(i, dup) for i, _, _, dup in rows if i in info and info[i].duplicate and info[i].changed]
    unchanged = [(i, dup) for i, _, _, dup in rows if i in info and info[i].duplicate and not info[i].changed]

    def right(i: int, dup: int | None) -> bool:  # linked to an appearance of the same story
        return dup is not None and dup in info and info[dup].uid == info[i].uid

    wrong = [i for i, _, _, dup in rows if i in info and dup is not None and not right(i, dup)]
    return {
        "changed_reappearances": len(changed),
        "changed_linked": sum(right(i, dup) for i, dup in changed),
        "recall": round(sum(right(i, dup) for i, dup in changed) / len(changed), 3) if changed else None,
        "unchanged_reappearances": len(unchanged),
        "unchanged_linked": sum(right(i, dup) for i, dup in unchanged),
        "false_links": len(wrong),  # linked to another story's article
        "false_links_not_reappearances": sum(not info[i].duplicate for i in wrong),
        "articles_matched": len(info), "articles_stored": len(rows),
    }


# Every table the load writes rows to (sources, actors and aliases too: a fresh database), the
# summary tables included, so the bare COPY moves exactly the rows our load stores.
SHAPE_TABLES = ("documents", "sources", "articles", "actors", "actor_aliases", "actor_mentions", "actor_roles",
                "events", "event_actors", "event_mentions", "actor_daily_counts", "actor_totals")


def bare_copy(db) -> dict[str, float]:
    """The rows just loaded, COPYed out and back into empty tables of the same shape: columns,
    defaults, checks and indexes (LIKE … INCLUDING ALL), and, for `seconds`, the schema's
    foreign keys too (LIKE leaves them out), pointed at the copies, as the load must check
    them; `seconds_without_foreign_keys` is the bare COPY without them."""
    import io


    with db.connect() as conn:
        dumps = {}
        for table in SHAPE_TABLES:
            buf = io.BytesIO()
            with conn.cursor().copy(f"COPY {table} TO STDOUT") as copy:
                for block in copy:
                    buf.write(block)
            dumps[table] = buf.getvalue()
        foreign_keys = conn.execute(
            "SELECT conrelid::regclass::text, confrelid::regclass::text, pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)",
            (list(SHAPE_TABLES),)).fetchall()
        out = {}
        for prefix, with_keys in (("bench_fk_", True), ("bench_", False)):
            for table in SHAPE_TABLES:
                conn.execute(f"CREATE TABLE {prefix}{table} (LIKE {table} INCLUDING ALL)")
            for table, target, definition in foreign_keys if with_keys else ():
                if target in SHAPE_TABLES:
                    definition = definition.replace(f"REFERENCES {target}(", f"REFERENCES {prefix}{target}(")
                conn.execute(f"ALTER TABLE {prefix}{table} ADD {definition}")
            t = time.perf_counter()
            with conn.transaction():
                for table in SHAPE_TABLES:  # COPY TO leaves generated columns out; COPY FROM recomputes them
                    with conn.cursor().copy(f"COPY {prefix}{table} FROM STDIN") as copy:
                        copy.write(dumps[table])
            out["seconds" if with_keys else "seconds_without_foreign_keys"] = round(time.perf_counter() - t, 3)
        return out


def naive_load(db, fraction: float) -> dict:
    """The naive load of the same rows: one ORM object per row, each `session.add` + `flush` on
    its own, for every table our load writes. A sample (the first `fraction` of each table's rows,
    at least 20) goes into empty copies of the tables (without foreign keys, since a sample's
    references may point outside it). Each table's first flush (which also prepares its
    statement) plus its mean time per later row times its other rows gives `seconds`, the
    estimated naive time for everything our load stored: a sum is extrapolated by the mean, which
    counts the occasional slow flush (a checkpoint, the garbage collector) that a naive load of
    every row would meet too; the median per row is kept alongside, in the JSON."""
    import math

    from sqlalchemy import MetaData, Table, text
    from sqlalchemy.orm import DeclarativeBase, Session

    class Base(DeclarativeBase):
        pass

    meta = MetaData()
    tables, total = {}, 0.0
    with Session(db.engine) as session:
        for table in SHAPE_TABLES:
            session.execute(text(f"CREATE TABLE naive_{table} (LIKE {table} INCLUDING ALL)"))
        session.commit()
        for table in SHAPE_TABLES:
            scratch = Table(f"naive_{table}", meta, autoload_with=db.engine)
            row_class = type(f"Naive_{table}", (Base,), {"__table__": scratch})
            generated = {c.name for c in scratch.columns if c.computed is not None}
            count = session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            rows = session.execute(text(f"SELECT * FROM {table} LIMIT :n"),
                                   {"n": max(math.ceil(count * fraction), 20)}).mappings().all()
            times = []
            for row in rows:
                t = time.perf_counter()
                session.add(row_class(**{k: v for k, v in row.items() if k not in generated}))
                session.flush()
                times.append(time.perf_counter() - t)
            session.commit()
            first, later = (times[0], times[1:]) if times else (0.0, [])
            mean = statistics.fmean(later) if later else first
            tables[table] = {"rows": count, "sample": len(rows), "first_flush_ms": round(first * 1000, 3),
                             "mean_ms_per_row": round(mean * 1000, 3),
                             "median_ms_per_row": round(statistics.median(later) * 1000, 3) if later else None}
            total += first + mean * max(count - 1, 0)
    return {"fraction": fraction, "seconds": round(total, 2), "tables": tables}


def show(figures: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("measure", "value", title=f"Import benchmark: {figures['expected_articles']} articles, "
                                            f"{figures['megabytes']} MB, {figures['workers']} workers")
    e2e = figures["end_to_end"]
    table.add_row("end to end", f"{e2e['articles_per_s']} articles/s, {e2e['mb_per_s']} MB/s ({e2e['seconds']} s)")
    for name, st in figures.get("stages", {}).items():
        extra = f", {st['words_per_s']} words/s" if "words_per_s" in st else ""  # noqa: E501
        table.add_row(f"stage {name}", f"{st['articles_per_s']} articles/s{extra} ({st['seconds']} s)")
    nd = figures["near_duplicates"]
    table.add_row("near-duplicates: changed reappearances linked",
                  f"{nd['changed_linked']} / {nd['changed_reappearances']} (recall {nd['recall']}); "
                  f"unchanged {nd['unchanged_linked']} / {nd['unchanged_reappearances']}")
    table.add_row("near-duplicates: false links", f"{nd['false_links']} ({nd['false_links_not_reappearances']} "
                                                  f"of articles that are not reappearances)")
    if "fingerprint_ms_per_article" in nd:
        table.add_row("near-duplicates: fingerprint", f"{nd['fingerprint_ms_per_article']} ms/article")
    if "stages" not in figures:  # --end-to-end-only
        table.add_row("peak RSS (main / largest worker)", f"{figures['peak_rss_mb']['main']} / "
                                                          f"{figures['peak_rss_mb']['largest_worker']} MB")
        Console().print(table)
        return
    nlp = figures["nlp_alone"]
    table.add_row("spaCy alone", f"{nlp['articles_per_s']} articles/s, {nlp['words_per_s']} words/s "
                                 f"({nlp['seconds']} s, {nlp['processes']} processes; {nlp['cold_seconds']} s "
                                 f"from a new process, loading the pipelines)")
    table.add_row("bare COPY of the same rows", f"{figures['copy_alone']['seconds']} s "
                  f"({figures['copy_alone']['seconds_without_foreign_keys']} s without foreign keys)")
    table.add_row("naive ORM load, a row at a time", f"{figures['naive_load']['seconds']} s (extrapolated from "
                  f"{figures['naive_load']['fraction']:.0%} of each table's rows)")
    for k, v in figures["ratios"].items():
        table.add_row(f"ratio {k}", str(v))
    table.add_row("peak RSS (main / largest worker)", f"{figures['peak_rss_mb']['main']} / "
                                                      f"{figures['peak_rss_mb']['largest_worker']} MB")
    Console().print(table)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--scaling", help="comma-separated sizes, e.g. 1000,10000,100000 (per-article time)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, default=min(os.cpu_count() or 1, 8))
    ap.add_argument("--naive-fraction", type=float, default=0.05,
                    help="share of each table's rows loaded the naive way (the time is extrapolated)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of the load and of the bare COPY (medians)")
    ap.add_argument("--database-url", default=os.environ.get("VEILLE_DATABASE_URL"))
    ap.add_argument("--json", type=Path)
    ap.add_argument("--end-to-end-only", action="store_true",
                    help="only the end-to-end import (per-article time, peak RSS): for --scaling up to 100,000")
    args = ap.parse_args()
    sizes = [int(x) for x in args.scaling.split(",")] if args.scaling else [args.articles]
    results = [run(n, args.seed, args.workers, args.database_url, args.naive_fraction, args.end_to_end_only,
               args.repeat)
               for n in sizes]
    for figures in results:
        show(figures)
    out: dict = results[0] if len(results) == 1 else {"runs": results}
    if len(results) > 1:
        per = [r["seconds_per_article_end_to_end"] for r in results]
        out["scaling"] = {str(r["expected_articles"]): r["seconds_per_article_end_to_end"] for r in results}
        out["scaling_largest_over_smallest"] = round(per[-1] / per[0], 3)
        print("per-article seconds:", out["scaling"], "ratio largest/smallest:", out["scaling_largest_over_smallest"])
    if args.json:
        args.json.write_text(json.dumps(out, indent=2, default=str) + "\n")
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
