"""Helpers shared by the tests (importable thanks to pytest's pythonpath = tests)."""

from __future__ import annotations

from pathlib import Path

import psycopg

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
CORPUS = Path(__file__).resolve().parent / "corpus"


def migrated(url: str) -> str:
    """Upgrade the database at `url` to head and return the URL."""
    from veille.config import open_database
    from veille.schema import migrate

    db = open_database(url)
    migrate.upgrade(db)
    db.dispose()
    return url


def query(url: str, sql: str, params=None) -> list[tuple]:
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as conn:
        return conn.execute(sql, params).fetchall()


def pipeline_import(url: str, paths, batch: str | None = None, **options):
    """`import_paths` itself (not the CLI), for tests that patch the pipeline; returns its BatchResult."""
    from veille.config import open_database
    from veille.importer import pipeline

    db = open_database(url)
    try:
        return pipeline.import_paths(db, [str(p) for p in paths], batch, **options)
    finally:
        db.dispose()


def import_into(url: str, *paths, batch: str | None = None):
    """`veille import PATHS` in-process; returns the CLI result."""
    from typer.testing import CliRunner

    from veille.cli.main import app

    args = ["--database-url", url, "import", *map(str, paths)]
    if batch:
        args += ["--batch", batch]
    return CliRunner().invoke(app, args, catch_exceptions=False)
