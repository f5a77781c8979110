"""Benchmark: the web view's pages (`veille serve`) on a synthetic database of N articles.

    python tests/bench/bench_web.py --articles N [--json FILE] [--runs 5] [--keep]
    python tests/bench/bench_web.py --database-url URL --reuse      # an already filled database

Fills a fresh database like tests/bench/bench_reports.py (`synthetic.fill`: COPY, no NLP; on the
embedded server under VEILLE_HOME, default /tmp/veille-bench), then requests every kind of page
in-process through Starlette's test client (routing, every query through the read-only executor,
template rendering: the server's whole time, without a network), one warm-up request then
--runs timed ones, and prints the median, min and max per page in milliseconds against the
issue's targets: 300 ms at 100,000 articles, 1 s at 1,000,000. The parameters (the most and the
median mentioned actor, a frequent and a rare word, the busiest week...) are chosen from the
data. Not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402


def target_ms(articles: int) -> int:
    return 300 if articles <= 100_000 else 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, help="Articles to generate (not with --reuse).")
    parser.add_argument("--json", type=Path, help="Write the figures to this file.")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database-url", help="An empty database to fill, or with --reuse a filled one.")
    parser.add_argument("--reuse", action="store_true", help="Measure the --database-url database as it is.")
    parser.add_argument("--keep", action="store_true", help="Do not drop the fresh database at the end.")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.reuse != bool(args.database_url and args.articles is None):
        if args.reuse and not args.database_url:
            parser.error("--reuse needs --database-url")
    if not args.reuse and not args.articles:
        parser.error("give --articles N (or --database-url URL --reuse)")

    return synthetic.run_bench(args, "veille_webbench", bench, _print)


def _pages(db) -> dict[str, str]:
    """Page name -> URL, parameters chosen from the data (untimed)."""
    from veille.schema.readonly import ReadOnly

    with ReadOnly(db, 600) as ro:
        def one(sql: str, **p: Any):
            rows = ro.run(sql, p).rows
            return rows[0] if rows else (None,)

        by_mentions = ro.run("SELECT actor_id, mentions FROM actor_totals ORDER BY mentions DESC, actor_id").rows
        top, median = by_mentions[0][0], by_mentions[len(by_mentions) // 2][0]
        article = one("SELECT article_id FROM actor_mentions WHERE article_id = (SELECT max(article_id) FROM "
                      "event_mentions) LIMIT 1")[0] or one("SELECT max(id) FROM articles")[0]
        document = one("SELECT document_id FROM articles WHERE id = :id", id=article)[0]
        event = one("SELECT event_id FROM event_mentions GROUP BY event_id ORDER BY count(*) DESC, event_id LIMIT 1")[0]
        source = one("SELECT source_id FROM articles WHERE source_id IS NOT NULL GROUP BY 1 ORDER BY count(*) LIMIT 1")[0]
        week = one("SELECT to_char(date_trunc('week', published_on), 'IYYY-\"W\"IW') FROM articles "
                   "WHERE published_on IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")[0]
        place = one("SELECT location_actor_id FROM events WHERE location_actor_id IS NOT NULL LIMIT 1")[0]
        name = one("SELECT canonical_name FROM actors WHERE id = :id", id=median)[0]
    pages = {
        "overview": "/",
        "articles": "/articles",
        "articles, frequent word": f"/articles?q={synthetic.FREQUENT_WORD}",
        "articles, rare word": f"/articles?q={synthetic.RARE_WORD}",
        "articles, frequent word by date": f"/articles?q={synthetic.FREQUENT_WORD}&sort=date",
        "articles, top actor": f"/articles?actor={top}",
        "articles, median actor": f"/articles?actor={median}",
        "articles, category AID": "/articles?type=AID",
        "articles, smallest source": f"/articles?source={source}",
        "articles, oldest first": "/articles?sort=oldest",
        "article": f"/articles/{article}",
        "document": f"/documents/{document}",
        "actors": "/actors",
        "actors, by name": f"/actors?name={str(name)[:4]}",
        "actor dossier, top": f"/actors/{top}",
        "actor dossier, median": f"/actors/{median}",
        "events": "/events",
        "events, top actor": f"/events?actor={top}",
        "events, place": f"/events?place={place}" if place else "/events?type=ASSAULT",
        "events, ASSAULT": "/events?type=ASSAULT",
        "event": f"/events/{event}",
        "reports": "/reports",
        "report period, busiest week": f"/reports/period?week={week}",
        "report actor, top": f"/reports/actor?actor={top}",
        "sql, a worked query": "/sql?q=SELECT+event_date,+sources,+summary+FROM+event_overview+WHERE+"
                               "event_type+%3D+%27SANCTION%27+AND+%27Turkey%27+%3D+ANY(targets)",
    }
    return pages


def bench(url: str, args, console) -> dict:
    from starlette.testclient import TestClient

    from veille.config import open_database
    from veille.schema import migrate
    from veille.web import create_app

    db = open_database(url)
    result: dict[str, Any] = {"started": time.strftime("%Y-%m-%dT%H:%M:%S"), "runs": args.runs,
                              "load_average_before": os.getloadavg()}
    try:
        if not args.reuse:
            migrate.upgrade(db)
            console.print(f"Filling with {args.articles:,} synthetic articles (seed {args.seed})...")
            loaded = synthetic.fill(url, args.articles, seed=args.seed, progress=lambda m: console.print(m, highlight=False))
            result["load_seconds"] = loaded["seconds"]
        else:
            migrate.upgrade(db)  # a reused database gets the web view's indexes too
        from veille.schema.readonly import read

        result["articles"] = read(db, "SELECT count(*) FROM articles").rows[0][0]
        pages = _pages(db)
        figures = {}
        with TestClient(create_app(db)) as client:
            for name, path in pages.items():
                first = client.get(path)
                if first.status_code != 200:
                    console.print(f"  {name}: HTTP {first.status_code} {first.text[:200]}", highlight=False)
                times = []
                for _ in range(args.runs):
                    t = time.perf_counter()
                    client.get(path)
                    times.append((time.perf_counter() - t) * 1000)
                figures[name] = {"path": path, "status": first.status_code, "bytes": len(first.content),
                                 "median_ms": round(statistics.median(times), 1), "min_ms": round(min(times), 1),
                                 "max_ms": round(max(times), 1)}
                console.print(f"  {name}: {figures[name]['median_ms']:,.1f} ms", highlight=False)
        result["figures"] = figures
        result["target_ms"] = target_ms(result["articles"])
        result["load_average_after"] = os.getloadavg()
        return result
    finally:
        db.dispose()


def _print(result: dict, console) -> None:
    from rich.table import Table

    target = result["target_ms"]
    table = Table("page", "path", "median", "min", "max", f"≤ {target:,} ms",
                  title=f"veille serve, {result['articles']:,} articles (server time, median of {result['runs']} runs, ms)")
    for name, f in result["figures"].items():
        ok = "ok" if f["median_ms"] <= target and f["status"] == 200 else ("MISSED" if f["status"] == 200 else f"HTTP {f['status']}")
        table.add_row(name, f["path"][:60], f"{f['median_ms']:,.1f}", f"{f['min_ms']:,.1f}", f"{f['max_ms']:,.1f}", ok)
    console.print(table)


if __name__ == "__main__":
    sys.exit(main())
