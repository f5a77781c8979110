"""The summary tables the reports read stay equal to a recount of the mentions, whatever
changes the articles: imports (with duplicates), reprocessing, curation, migrations."""

from __future__ import annotations

import shutil

from support import SEEDS, import_into, migrated, query

from veille.config import open_database
from veille.schema.store import summaries


def drift(url: str) -> dict[str, int]:
    db = open_database(url)
    try:
        with db.connect() as conn:
            return summaries.drift(conn)
    finally:
        db.dispose()


EXACT = {"actor_daily_counts": 0, "actor_totals": 0}


def totals(url: str, name: str) -> tuple:
    return query(url, "SELECT t.articles, t.mentions, t.first_seen, t.last_seen FROM actor_totals t "
                      "JOIN actors a ON a.id = t.actor_id WHERE a.canonical_name = %s", (name,))[0]


def recount(url: str, name: str) -> tuple:
    return query(url, "SELECT count(DISTINCT m.article_id), count(*), min(ar.published_on), max(ar.published_on) "
                      "FROM actor_mentions m JOIN actors a ON a.id = m.actor_id JOIN articles ar ON ar.id = m.article_id "
                      "WHERE a.canonical_name = %s AND ar.duplicate_of_id IS NULL", (name,))[0]


def test_import_duplicates_reprocess_and_curation_keep_them_exact(make_database, cli, tmp_path):
    url = migrated(make_database())
    assert import_into(url, SEEDS, batch="seeds").exit_code == 0
    assert drift(url) == EXACT
    nato = totals(url, "NATO")
    assert nato == recount(url, "NATO") and nato[0] >= 5
    # the same pages again under other names (new files, identical articles): duplicates count for nothing
    copies = tmp_path / "copies"
    copies.mkdir()
    for page in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(page, copies / f"copy-{page.name}")
        (copies / f"copy-{page.name}").write_text(page.read_text(encoding="utf-8") + "\n\nCopie.\n", encoding="utf-8")
    assert import_into(url, copies, batch="copies").exit_code == 0
    assert query(url, "SELECT count(*) FROM articles WHERE duplicate_of_id IS NOT NULL")[0][0] > 0
    assert totals(url, "NATO") == nato
    assert drift(url) == EXACT

    assert cli("--database-url", url, "reprocess").exit_code == 0
    assert drift(url) == EXACT
    before = totals(url, "United Kingdom")
    assert cli("--database-url", url, "actors", "merge", "Liz Truss", "United Kingdom").exit_code == 0
    assert drift(url) == EXACT
    assert totals(url, "United Kingdom")[1] > before[1]  # Truss's mentions now count for the UK
    assert cli("--database-url", url, "actors", "alias", "remove", "Iran", "Iran").exit_code == 0
    assert drift(url) == EXACT


def test_check_command_finds_and_repairs_hand_made_changes(make_database, cli):
    url = migrated(make_database())
    assert import_into(url, SEEDS / "001_3ab86442644f17d1.txt").exit_code == 0
    ok = cli("--database-url", url, "db", "summaries")
    assert ok.exit_code == 0 and "actor_totals: exact" in ok.stdout
    query_write(url, "DELETE FROM actor_mentions WHERE id IN (SELECT min(id) FROM actor_mentions)")
    bad = cli("--database-url", url, "db", "summaries")
    assert bad.exit_code == 1 and "veille db summaries --rebuild" in bad.stderr
    assert cli("--database-url", url, "db", "summaries", "--rebuild").exit_code == 0
    assert drift(url) == EXACT


def query_write(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql"), autocommit=True) as conn:
        conn.execute(sql)


def test_migration_fills_them_from_existing_rows(make_database):
    from veille.schema import migrate

    url = migrated(make_database())
    assert import_into(url, SEEDS, batch="seeds").exit_code == 0
    rows = query(url, "SELECT a.key, c.day, c.articles, c.mentions FROM actor_daily_counts c "
                      "JOIN actors a ON a.id = c.actor_id ORDER BY 1, 2")
    db = open_database(url)
    migrate.downgrade(db, "b41d7c2e9f10")  # below the summary tables
    assert not query(url, "SELECT 1 FROM pg_tables WHERE tablename = 'actor_daily_counts'")
    migrate.upgrade(db)
    db.dispose()
    assert query(url, "SELECT a.key, c.day, c.articles, c.mentions FROM actor_daily_counts c "
                      "JOIN actors a ON a.id = c.actor_id ORDER BY 1, 2") == rows
    assert drift(url) == EXACT
