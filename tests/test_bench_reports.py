"""The report/search benchmark on a small database: `synthetic.fill` loads what it says it
loaded (and leaves the schema as the migrations made it), the four reports and search run on
its data, and `tests/bench/bench_reports.py` runs end to end and writes every figure."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import json
import os
import subprocess
import sys

import pytest
from support import REPO, migrated, query

BENCH = REPO / "tests" / "bench"
N = 2_000


def _synthetic():
    if "synthetic" in sys.modules:
        return sys.modules["synthetic"]
    spec = importlib.util.spec_from_file_location("synthetic", BENCH / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["synthetic"] = module  # the worker processes find their functions by this name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def filled(make_database) -> tuple[str, dict]:
    url = migrated(make_database())
    return url, _synthetic().fill(url, N, seed=7, progress=lambda _: None)


def test_fill_loads_the_rows_it_reports(filled):
    url, result = filled
    rows = result["rows"]
    assert set(rows) == set(_synthetic().FILLED_TABLES)
    for table, n in rows.items():
        assert query(url, f"SELECT count(*) FROM {table}") == [(n,)], table
    assert rows["articles"] == N and rows["documents"] == N // 10 and rows["import_batches"] == 1
    assert rows["actors"] == 20_000 and 20_000 <= rows["actor_aliases"] <= 60_000
    assert 7 * N <= rows["actor_mentions"] <= 9 * N
    assert 0.4 * N <= rows["events"] <= 0.6 * N
    assert rows["events"] <= rows["event_mentions"] <= 2 * rows["events"]
    assert rows["events"] <= rows["event_actors"] <= 3 * rows["events"]
    assert rows["actor_roles"] > 0
    assert result["seconds"] > 0 and set(result["phases"]) >= {"copy", "indexes_constraints", "analyze"}


def test_fill_shapes(filled):
    url, _ = filled
    (fr, undated, hashes, first, last), = query(url, (
        "SELECT avg((language = 'fr')::int), avg((published_on IS NULL)::int), count(DISTINCT content_hash), "
        "min(published_on), max(published_on) FROM articles"))
    assert 0.70 < fr < 0.80 and 0.03 < undated < 0.07 and hashes == N
    assert dt.date(2019, 1, 1) <= first and last <= dt.date(2026, 11, 1)
    # Mentions lie inside their article; the most mentioned actors dominate (Zipf).
    assert query(url, "SELECT count(*) FROM actor_mentions m JOIN articles a ON a.id = m.article_id "
                      "WHERE m.char_start < a.char_start OR m.char_end > a.char_end") == [(0,)]
    counts = [n for (n,) in query(url, "SELECT count(*) FROM actor_mentions GROUP BY actor_id ORDER BY 1 DESC")]
    assert counts[0] > 20 * counts[len(counts) // 2]
    # Body words: ~80 per article, so full-text search has realistic posting lists.
    (words,), = query(url, "SELECT avg(array_length(regexp_split_to_array(body, '\\s+'), 1)) FROM articles")
    assert 70 <= words <= 90
    # The sequences continue after the copied ids.
    assert query(url, "SELECT nextval(pg_get_serial_sequence('articles', 'id'))") == [(N + 1,)]


def test_fill_leaves_the_schema_as_migrated(filled):
    from veille.config import open_database
    from veille.schema import migrate

    db = open_database(filled[0])
    try:
        migrate.check(db)  # indexes, unique and foreign keys re-created as the models declare them
    finally:
        db.dispose()
    (not_valid,), = query(filled[0], "SELECT count(*) FROM pg_constraint WHERE NOT convalidated")
    assert not_valid == 0


def test_fill_refuses_a_database_with_data(filled):
    with pytest.raises(ValueError, match="empty"):
        _synthetic().fill(filled[0], 10, progress=lambda _: None)


def test_generation_is_deterministic_and_independent_of_workers():
    synthetic = _synthetic()

    def digest(workers: int) -> str:
        gen = synthetic._Generator(300, 3)
        pool = synthetic._pool(workers, 300, 3) if workers else None
        try:
            h = hashlib.sha256()
            for _, payloads in synthetic._chunks(gen, pool):
                for target, rows, text in payloads:
                    h.update(f"{target}{rows}{text}".encode())
            return h.hexdigest()
        finally:
            if pool is not None:
                pool.shutdown()

    assert digest(0) == digest(0) == digest(1)


def test_reports_and_search_run_on_the_synthetic_data(filled):
    from veille.config import open_database
    from veille.reports import registry, render
    from veille.reports.params import period
    from veille.reports.search import search

    url, _ = filled
    ((week,),) = query(url, "SELECT date_trunc('week', published_on)::date FROM articles "
                            "WHERE published_on IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
    ((actor_id,),) = query(url, "SELECT actor_id FROM actor_mentions GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
    iso = week.isocalendar()
    params = period(None, None, f"{iso[0]}-W{iso[1]:02}", None)
    params.pop("_label")
    db = open_database(url)
    try:
        got = render.run_queries(db, registry.get("period"), params)
        assert got["summary"][0]["articles"] > 0 and got["top_actors"] and got["articles_by_country"]
        assert len(got["articles_per_day"]) == 7
        got = render.run_queries(db, registry.get("actor"), {"actor_id": actor_id})
        assert got["profile"][0]["mentions"] > 0 and got["mentions_per_month"] and got["co_mentioned"]
        assert got["latest_articles"] and got["aliases"]
        got = render.run_queries(db, registry.get("sources"), {})
        assert got["totals"][0]["articles"] == N and len(got["sources"]) > 10
        got = render.run_queries(db, registry.get("batch"), {"batch_id": 1})
        assert len(got["documents"]) == N // 10 and len(got["new_articles"]) == N
        synthetic = _synthetic()
        assert len(search(db, synthetic.FREQUENT_WORD, limit=20)) == 20
        assert search(db, synthetic.TWO_WORDS, limit=20)
        assert isinstance(search(db, synthetic.RARE_WORD, limit=20), list)
    finally:
        db.dispose()


def test_bench_script_writes_every_figure(tmp_path):
    out = tmp_path / "bench.json"
    env = {**os.environ, "VEILLE_HOME": os.environ["VEILLE_HOME"]}  # the test server (conftest)
    proc = subprocess.run([sys.executable, str(BENCH / "bench_reports.py"), "--articles", "1000", "--runs", "1",
                           "--json", str(out)], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    result = json.loads(out.read_text(encoding="utf-8"))
    assert set(result["figures"]) == {"period_week", "period_month", "actor_top", "actor_median", "sources",
                                      "search_frequent", "search_rare", "search_two_words"}
    for figure in result["figures"].values():
        assert figure["median_ms"] > 0 and len(figure["runs_ms"]) == 1
    assert result["rows"]["articles"] == 1000 and result["load"]["seconds"] > 0
    assert set(result["queries_ms"]) == {"period_week", "period_month", "actor_top", "actor_median", "sources"}
    assert "period" in proc.stdout and "search_rare" in proc.stdout
    # The fresh database was dropped.
    assert result["database"].startswith("veille_bench_1000_")
    assert query(_test_server(), "SELECT 1 FROM pg_database WHERE datname = %s", (result["database"],)) == []


def _test_server() -> str:
    from pathlib import Path

    from veille.schema.database import start_embedded

    return start_embedded(Path(os.environ["VEILLE_HOME"]), database="postgres").render_as_string(
        hide_password=False)
