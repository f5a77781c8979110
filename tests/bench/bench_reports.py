"""Benchmark: the reports and search on a synthetic database of N articles.

    python tests/bench/bench_reports.py --articles N [--json FILE] [--runs 5] [--database-url URL]

Creates a fresh database (on the embedded server under VEILLE_HOME, default /tmp/veille-bench,
or the database at --database-url, which must be empty), migrates it, fills it with
`synthetic.fill` (COPY, no NLP), then times through the real code paths
(`veille.reports.render.run_queries`, `veille.reports.search.search`), each figure the median of
--runs runs after one warm-up run, in milliseconds:

- period, one week and one month: the busiest ISO week / calendar month in the middle half
  of the dated range (parameters as `veille report period --week/--month` computes them);
- actor, for the most-mentioned actor and for the median one (by mentions);
- sources;
- search, for a frequent word, a rare word and a two-word query (20 hits, no filter).

Then one more run of each report query by itself (same read-only transaction settings) gives
a per-query breakdown, and --explain-over MS stores EXPLAIN (ANALYZE, BUFFERS) of the queries
slower than MS. Prints a table (rich) and writes JSON (--json) with the figures, the row counts
and the load time. The fresh database is dropped at the end unless --keep; --reuse measures an
already filled database given with --database-url. Not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402

# The targets at 1,000,000 articles (medians, ms); the other figures have none.
TARGETS_MS = {"period_week": 1000, "actor_top": 1000, "actor_median": 1000,
              "search_frequent": 200, "search_rare": 200, "search_two_words": 200}
SEARCHES = {"search_frequent": synthetic.FREQUENT_WORD, "search_rare": synthetic.RARE_WORD,
            "search_two_words": synthetic.TWO_WORDS}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, required=True, help="Articles to generate.")
    parser.add_argument("--json", type=Path, help="Write the figures to this file.")
    parser.add_argument("--runs", type=int, default=5, help="Timed runs per figure (the median is kept).")
    parser.add_argument("--database-url", help="An empty database to use (default: a fresh one on the "
                        "embedded server under VEILLE_HOME, default /tmp/veille-bench).")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", action="store_true", help="Do not drop the fresh database at the end.")
    parser.add_argument("--reuse", action="store_true",
                        help="The --database-url database is already filled: measure it as it is.")
    parser.add_argument("--explain-over", type=float, metavar="MS",
                        help="Store EXPLAIN (ANALYZE, BUFFERS) of the report queries slower than MS.")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.articles < 1:
        parser.error("--runs and --articles must be at least 1")
    if args.reuse and not args.database_url:
        parser.error("--reuse needs --database-url")

    return synthetic.run_bench(args, "veille_bench", bench, _print)


def bench(url: str, args, console) -> dict:
    from sqlalchemy.engine import make_url

    from veille.config import open_database
    from veille.schema import migrate

    result: dict[str, Any] = {"articles": args.articles, "seed": args.seed, "runs": args.runs,
                              "database": make_url(url).database,
                              "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                              "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                          "load_average_before": os.getloadavg()}}
    db = open_database(url)
    try:
        if args.reuse:
            result["load"] = None
            result["rows"] = _row_counts(db)
        else:
            migrate.upgrade(db)
            console.print(f"Filling with {args.articles:,} synthetic articles (seed {args.seed})...")
            loaded = synthetic.fill(url, args.articles, seed=args.seed,
                                    progress=lambda m: console.print(m, highlight=False))
            result["load"] = {"seconds": loaded["seconds"], "phases": loaded["phases"]}
            result["rows"] = loaded["rows"]
        result["server"] = _server(db)
        result["revision"] = migrate.current_revision(db)
        cases = _cases(db)
        result["params"] = {name: {k: v for k, v in c.items() if k != "run" and not k.startswith("_")}
                            for name, c in cases.items()}
        figures: dict[str, Any] = {}
        for name, case in cases.items():
            console.print(f"  {name} ...", end=" ", highlight=False)
            case["run"]()  # warm-up
            times = []
            for _ in range(args.runs):
                t = time.perf_counter()
                case["run"]()
                times.append((time.perf_counter() - t) * 1000)
            figures[name] = {"median_ms": round(statistics.median(times), 1), "min_ms": round(min(times), 1),
                             "max_ms": round(max(times), 1), "runs_ms": [round(x, 1) for x in times]}
            console.print(f"{figures[name]['median_ms']:,.1f} ms", highlight=False)
        result["figures"] = figures
        result["targets_ms"] = TARGETS_MS
        result["queries_ms"], result["explain"] = _breakdown(db, cases, args.explain_over)
        result["machine"]["load_average_after"] = os.getloadavg()
        return result
    finally:
        db.dispose()


def _row_counts(db) -> dict[str, int]:
    from sqlalchemy import text

    with db.engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in synthetic.FILLED_TABLES}


def _server(db) -> dict[str, str]:
    from sqlalchemy import text

    with db.engine.connect() as conn:
        settings = {s: conn.execute(text(f"SHOW {s}")).scalar_one()
                    for s in ("server_version", "shared_buffers", "work_mem", "effective_cache_size",
                              "max_parallel_workers_per_gather", "jit", "random_page_cost")}
        settings["database_size"] = conn.execute(text(
            "SELECT pg_size_pretty(pg_database_size(current_database()))")).scalar_one()
    return settings


def _cases(db) -> dict[str, dict]:
    """What to time, with its parameters chosen from the data (untimed)."""
    from sqlalchemy import text

    from veille.reports import registry, render
    from veille.reports.params import period
    from veille.reports.search import search

    with db.engine.connect() as conn:
        lo, hi = conn.execute(text("SELECT min(published_on), max(published_on) FROM articles")).one()
        if lo is None:
            lo = hi = dt.date(2022, 3, 1)
        quarter = (hi - lo) / 4
        middle = {"lo": lo + quarter, "hi": hi - quarter}

        def busiest(unit: str) -> dt.date:
            row = conn.execute(text(
                f"SELECT date_trunc('{unit}', published_on)::date, count(*) FROM articles "
                "WHERE published_on BETWEEN :lo AND :hi AND duplicate_of_id IS NULL "
                "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1"), middle).first()
            return row[0] if row else middle["lo"]

        week, month = busiest("week"), busiest("month")
        by_mentions = conn.execute(text(
            "SELECT actor_id, count(*) FROM actor_mentions GROUP BY actor_id ORDER BY 2 DESC, 1")).all()
        if not by_mentions:
            by_mentions = [(conn.execute(text("SELECT min(id) FROM actors")).scalar_one() or 1, 0)]
        top, median = by_mentions[0], by_mentions[len(by_mentions) // 2]
        names = dict(conn.execute(text("SELECT id, canonical_name FROM actors WHERE id IN (:a, :b)"),
                                  {"a": top[0], "b": median[0]}).all())
        hits = {}
        for name, q in SEARCHES.items():
            hits[name] = conn.execute(text(
                "WITH q AS (SELECT websearch_to_tsquery('veille_fr', :q) AS fr, websearch_to_tsquery('veille_en', :q) AS en) "
                "SELECT count(*) FROM articles a CROSS JOIN q WHERE (a.search @@ q.fr OR a.search @@ q.en) "
                "AND a.duplicate_of_id IS NULL"), {"q": q}).scalar_one()

    iso = week.isocalendar()
    week_label = f"{iso[0]}-W{iso[1]:02}"
    month_label = f"{month.year}-{month.month:02}"
    period_report, actor_report, sources_report = (registry.get(n) for n in ("period", "actor", "sources"))

    def period_params(**kw) -> dict:
        p = period(None, None, kw.get("week"), kw.get("month"))
        p.pop("_label")
        return p

    week_params, month_params = period_params(week=week_label), period_params(month=month_label)

    def report_case(report, params: dict, **shown) -> dict:
        return {"report": report.name, **shown, "sql_params": params,
                "run": lambda: render.run_queries(db, report, params), "_report": report}

    cases = {
        "period_week": report_case(period_report, week_params, week=week_label),
        "period_month": report_case(period_report, month_params, month=month_label),
        "actor_top": report_case(actor_report, {"actor_id": top[0]}, actor=names.get(top[0]), mentions=top[1]),
        "actor_median": report_case(actor_report, {"actor_id": median[0]}, actor=names.get(median[0]),
                                    mentions=median[1]),
        "sources": report_case(sources_report, {}),
    }
    for name, q in SEARCHES.items():
        cases[name] = {"query": q, "matching_articles": hits[name],
                       "run": (lambda q=q: search(db, q, limit=20))}
    return cases


def _breakdown(db, cases: dict, explain_over: float | None) -> tuple[dict, dict]:
    """One run of each report query by itself, as run_queries runs it; EXPLAIN of the slow ones."""
    from sqlalchemy import text

    timings: dict[str, dict[str, float]] = {}
    plans: dict[str, dict[str, str]] = {}
    for name, case in cases.items():
        report = case.get("_report")
        if report is None:
            continue
        timings[name] = {}
        params = case["sql_params"]
        with db.engine.connect() as conn:
            conn.exec_driver_sql("SET TRANSACTION READ ONLY")
            conn.exec_driver_sql("SET LOCAL statement_timeout = 60000")
            for q in report.queries:
                used = {k: v for k, v in params.items() if f":{k}" in q.sql}
                t = time.perf_counter()
                conn.execute(text(q.sql), used).all()
                ms = (time.perf_counter() - t) * 1000
                timings[name][q.name] = round(ms, 1)
                if explain_over is not None and ms > explain_over:
                    plan = conn.execute(text("EXPLAIN (ANALYZE, BUFFERS) " + q.sql), used).scalars().all()
                    plans.setdefault(name, {})[q.name] = "\n".join(plan)
            conn.rollback()
    for case in cases.values():
        case.pop("_report", None)
    return timings, plans


def _print(result: dict, console) -> None:
    from rich.table import Table

    load = result.get("load")
    title = f"veille reports and search, {result['articles']:,} articles (median of {result['runs']} runs, ms)"
    table = Table("figure", "parameters", "median", "min", "max", "target at 1M", title=title)
    for name, fig in result["figures"].items():
        p = result["params"][name]
        if "week" in p or "month" in p:
            shown = p.get("week") or p.get("month")
        elif "actor" in p:
            shown = f"{p['actor']} ({p['mentions']:,} mentions)"
        elif "query" in p:
            shown = f"“{p['query']}” ({p['matching_articles']:,} matching articles)"
        else:
            shown = ""
        target = TARGETS_MS.get(name)
        mark = ""
        if target is not None:
            mark = f"< {target:,}" + (" ok" if fig["median_ms"] < target else " MISSED")
        table.add_row(name, shown, f"{fig['median_ms']:,.1f}", f"{fig['min_ms']:,.1f}", f"{fig['max_ms']:,.1f}", mark)
    console.print(table)
    slow = Table("figure", "query", "ms", title="Slowest report queries (one run each)")
    for name, queries in result["queries_ms"].items():
        total = sum(queries.values()) or 1
        for q, ms in sorted(queries.items(), key=lambda kv: -kv[1]):
            if ms / total > 0.05:
                slow.add_row(name, q, f"{ms:,.1f}")
    console.print(slow)
    rows = ", ".join(f"{t} {n:,}" for t, n in result["rows"].items())
    console.print(f"Rows: {rows}", highlight=False)
    if load:
        phases = ", ".join(f"{k} {v:.1f} s" for k, v in load["phases"].items())
        console.print(f"Load: {load['seconds']:.1f} s ({phases}); database {result['server']['database_size']}",
                      highlight=False)


if __name__ == "__main__":
    sys.exit(main())
