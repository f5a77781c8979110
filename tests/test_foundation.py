"""The skeleton: migrations, the db commands, veille sql safety, help everywhere."""

from __future__ import annotations

import json

import psycopg
import pytest
import typer.main
from sqlalchemy import Column, Integer, Table, inspect

from veille import VeilleError
from veille.config import open_database
from veille.schema import metadata, migrate

CORE_TABLES = {
    "import_batches", "documents", "sources", "articles", "actors", "actor_aliases",
    "actor_mentions", "events", "event_actors", "event_mentions", "extraction_runs",
}  # fmt: skip
VIEWS = {"article_overview", "actor_mention_counts", "event_overview"}


def plain(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def test_single_head():
    from alembic.script import ScriptDirectory

    from veille.schema.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config(open_database("postgresql://x@/y?host=/nowhere")))
    assert len(script.get_heads()) == 1


def test_revision_files_are_dated_and_explained():
    from veille.schema.migrate import script_location

    files = sorted((script_location() / "versions").glob("*.py"))
    assert files
    for f in files:
        assert f.name[:16].replace("_", "").isdigit(), f.name  # 2026_11_22_1015_
        text = f.read_text()
        assert "Why:" in text and "def downgrade" in text, f.name
        assert "(say why this change is needed)" not in text, f.name


def test_upgrade_creates_tables_and_views(empty_db, cli):
    result = cli("--database-url", empty_db, "db", "upgrade")
    assert result.exit_code == 0, result.output
    engine = open_database(empty_db).engine
    insp = inspect(engine)
    assert CORE_TABLES <= set(insp.get_table_names())
    assert VIEWS <= set(insp.get_view_names())
    assert cli("--database-url", empty_db, "db", "check").exit_code == 0


def test_downgrade_to_base_and_back_with_rows(db_url, cli):
    with psycopg.connect(plain(db_url)) as conn:
        conn.execute("INSERT INTO import_batches (name) VALUES ('before-downgrade')")
        conn.execute("INSERT INTO sources (name) VALUES ('B2')")
    assert cli("--database-url", db_url, "db", "downgrade", "base").exit_code == 0
    insp = inspect(open_database(db_url).engine)
    assert not (CORE_TABLES & set(insp.get_table_names()))
    assert cli("--database-url", db_url, "db", "upgrade").exit_code == 0
    with psycopg.connect(plain(db_url)) as conn:
        conn.execute("INSERT INTO sources (name) VALUES ('B2')")  # the old row went with its table
        assert conn.execute("SELECT count(*) FROM sources").fetchone()[0] == 1
    assert cli("--database-url", db_url, "db", "current").stdout.count("up to date") == 1


def test_check_fails_when_a_model_changes_without_migration(db_url):
    db = open_database(db_url)
    migrate.check(db)  # clean first
    probe = Table("zz_unmigrated_probe", metadata, Column("id", Integer, primary_key=True))
    try:
        with pytest.raises(VeilleError, match="differ"):
            migrate.check(db)
    finally:
        metadata.remove(probe)
    migrate.check(db)


def test_full_text_ignores_accents(db_url):
    with psycopg.connect(plain(db_url)) as conn:
        batch = conn.execute("INSERT INTO import_batches (name) VALUES ('b') RETURNING id").fetchone()[0]
        doc = conn.execute(
            "INSERT INTO documents (batch_id, path, sha256, status, raw_text) "
            "VALUES (%s, 'x.txt', 'abc', 'imported', 'x') RETURNING id", (batch,)).fetchone()[0]
        conn.execute(
            "INSERT INTO articles (document_id, segment_index, char_start, char_end, title, body, "
            "language, content_hash) VALUES (%s, 0, 0, 1, 'Les États-Unis sanctionnent', "
            "'des sanctions économiques', 'fr', 'h')", (doc,))
        hits = conn.execute(
            "SELECT count(*) FROM articles WHERE search @@ websearch_to_tsquery('veille_fr', 'etats unis economique')"
        ).fetchone()[0]
    assert hits == 1


def test_sql_refuses_writes_without_write(db_url, cli):
    result = cli("--database-url", db_url, "sql", "DROP TABLE articles")
    assert result.exit_code == 1
    assert "read-only" in result.stderr and "--write" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "articles" in inspect(open_database(db_url).engine).get_table_names()


@pytest.mark.parametrize("statement", [
    "INSERT INTO sources (name) VALUES ('x')",
    "UPDATE sources SET name = 'y'",
    "DELETE FROM sources",
    "CREATE TABLE zz (id int)",
    "COMMIT; INSERT INTO sources (name) VALUES ('escaped')",
    "COPY (SELECT 1) TO PROGRAM 'true'",
])
def test_sql_read_only_blocks_every_write_class(db_url, cli, statement):
    result = cli("--database-url", db_url, "sql", statement)
    assert result.exit_code == 1, result.output
    with psycopg.connect(plain(db_url)) as conn:
        assert conn.execute("SELECT count(*) FROM sources").fetchone()[0] == 0
        assert conn.execute("SELECT to_regclass('zz')").fetchone()[0] is None


def test_sql_set_read_write_inside_the_statement_does_not_help(db_url, cli):
    cli("--database-url", db_url, "sql", "SET default_transaction_read_only = off")
    assert cli("--database-url", db_url, "sql", "INSERT INTO sources (name) VALUES ('x')").exit_code == 1


def test_sql_write_mode_and_bound_params(db_url, cli):
    hostile = "'; DROP TABLE articles; --"
    ok = cli("--database-url", db_url, "sql", "INSERT INTO sources (name) VALUES (:n)",
             "--param", f"n={hostile}", "--write")
    assert ok.exit_code == 0, ok.output
    out = cli("--database-url", db_url, "sql", "SELECT name FROM sources WHERE name = :n",
              "--param", f"n={hostile}", "--format", "json")
    assert json.loads(out.stdout) == [{"name": hostile}]
    assert "articles" in inspect(open_database(db_url).engine).get_table_names()


def test_sql_json_round_trips_with_iso_dates(db_url, cli):
    out = cli("--database-url", db_url, "sql",
              "SELECT 1 AS n, DATE '2022-01-10' AS d, 2.5::numeric AS x, NULL AS nothing, ARRAY['a','b'] AS arr",
              "--format", "json")
    assert out.exit_code == 0
    assert json.loads(out.stdout) == [{"n": 1, "d": "2022-01-10", "x": 2.5, "nothing": None, "arr": ["a", "b"]}]


def test_sql_csv_and_md(db_url, cli):
    csv_out = cli("--database-url", db_url, "sql", "SELECT 'a,b' AS x, 2 AS y", "--format", "csv").stdout
    assert csv_out.splitlines() == ["x,y", '"a,b",2']
    md = cli("--database-url", db_url, "sql", "SELECT 'a|b' AS x", "--format", "md").stdout
    assert md.splitlines() == ["| x |", "|---|", "| a\\|b |"]


def test_sql_timeout_cancels(db_url, cli):
    result = cli("--database-url", db_url, "sql", "SELECT pg_sleep(5)", "--timeout", "0.3")
    assert result.exit_code == 1
    assert "timeout" in result.stderr


def test_sql_usage_errors_exit_2(db_url, cli):
    assert cli("--database-url", db_url, "sql").exit_code == 2
    assert cli("--database-url", db_url, "sql", "SELECT 1", "--param", "novalue").exit_code == 2
    missing = cli("--database-url", db_url, "sql", "SELECT :x")
    assert missing.exit_code == 1 and "--param x=" in missing.stderr


def test_sql_failure_is_one_line(db_url, cli):
    result = cli("--database-url", db_url, "sql", "SELECT * FROM no_such_table")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == ['Error: relation "no_such_table" does not exist']


def test_status_masks_password_and_counts(db_url, cli):
    result = cli("--database-url", db_url, "status")
    assert result.exit_code == 0
    for table in CORE_TABLES:
        assert table in result.stdout
    secret = "postgresql://analyst:s3cr3t-pw@127.0.0.1:1/nowhere"
    failed = cli("--database-url", secret, "status")
    assert failed.exit_code == 1
    assert "s3cr3t-pw" not in failed.stdout + failed.stderr
    assert len(failed.stderr.strip().splitlines()) == 1


def test_status_on_embedded_server_says_where_data_lives(server_url, cli):
    result = cli("status")
    assert result.exit_code == 0, result.output
    assert "embedded server data:" in result.stdout and ".veille-test" in result.stdout


def _commands(group, prefix=()):
    for name, command in group.commands.items():
        path = (*prefix, name)
        if hasattr(command, "commands"):
            yield from _commands(command, path)
        else:
            yield path, command


def test_every_command_has_help_and_an_example():
    from veille.cli.main import app

    root = typer.main.get_command(app)
    commands = list(_commands(root))
    assert len(commands) >= 6
    for path, command in commands:
        assert (command.help or "").strip(), f"veille {' '.join(path)} has no help"
        assert "Example:" in (command.epilog or ""), f"veille {' '.join(path)} has no example"
        assert "veille " + path[0] in command.epilog, f"the example of {' '.join(path)} does not use it"


def test_version_and_help(cli):
    from veille import __version__

    assert cli("--version").stdout.strip() == f"veille {__version__}"
    assert "Example:" in cli("--help").stdout
