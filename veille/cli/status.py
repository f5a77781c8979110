"""`veille status`: where the database is, what it holds, what the last batch did."""

from __future__ import annotations

import typer
from rich.table import Table

from veille.cli.common import console, friendly_errors, state

EXAMPLE = "Example: veille status   (or: VEILLE_DATABASE_URL=postgresql://me@db/veille veille status)"


def status(ctx: typer.Context) -> None:
    """Show the database (password masked), the language models, the row count of each table and
    the last import batch."""
    from veille.importer.pipeline import installed_models
    from veille.reports.overview import contents
    from veille.schema import migrate

    for language, (package, version) in installed_models().items():
        if version:
            console.print(f"language model {language}: {package} {version}")
        else:
            console.print(f"language model {language}: missing, so {language} articles get no named entities and "
                          f"fewer events: `pip install veille` installs {package}")
    with friendly_errors():
        db = state(ctx).db
        console.print(f"database: {db.display_url}")
        if db.embedded_home is not None:
            console.print(f"embedded server data: {db.embedded_home / 'pgdata'}")
        rev, head = migrate.current_revision(db), migrate.head_revision()
        console.print(f"schema revision: {rev or 'base'} (latest {head})")
        if rev is None:
            console.print("The schema is not created yet: run `veille db upgrade`.")
            return
        counts, last = contents(db)
        table = Table("table", "rows", title="Contents")
        for name, count in counts.items():
            table.add_row(name, f"{count:,}")
        console.print(table)
        if last is None:
            console.print("No import yet: `veille import PATH` adds a batch.")
        else:
            console.print(
                f"last batch: {last['name']} ({last['status']}), started {last['started_at']:%Y-%m-%d %H:%M}: "
                f"{last['files_seen']} files seen, {last['files_imported']} imported, "
                f"{last['files_duplicate']} duplicate, {last['files_rejected']} rejected, "
                f"{last['articles_added']} articles added")
