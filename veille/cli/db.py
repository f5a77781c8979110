"""`veille db`: schema migrations (Alembic) as commands."""

from __future__ import annotations

import typer

from veille.cli.common import console, fail, friendly_errors, state

app = typer.Typer(help="Migrate the database schema (wraps Alembic).", no_args_is_help=True)


@app.command(epilog="Example: veille db upgrade   (or: veille db upgrade 3f2a1c9e0b7d)")
def upgrade(ctx: typer.Context,
            revision: str = typer.Argument("head", help="Target revision (default: head).")) -> None:
    """Upgrade the schema to REVISION (default: the latest)."""
    from veille.schema import migrate

    with friendly_errors():
        db = state(ctx).db
        migrate.upgrade(db, revision)
        console.print(f"Database at revision {migrate.current_revision(db) or 'base'} ({db.display_url}).")


@app.command(epilog="Example: veille db downgrade base   (drops every veille table: data is lost)")
def downgrade(ctx: typer.Context,
              revision: str = typer.Argument(..., help="Target revision, '-1' or 'base'.")) -> None:
    """Downgrade the schema to REVISION."""
    from veille.schema import migrate

    with friendly_errors():
        db = state(ctx).db
        migrate.downgrade(db, revision)
        console.print(f"Database at revision {migrate.current_revision(db) or 'base'}.")


@app.command(epilog="Example: veille db current")
def current(ctx: typer.Context) -> None:
    """Print the database's revision and the latest one available."""
    from veille.schema import migrate

    with friendly_errors():
        db = state(ctx).db
        rev, head = migrate.current_revision(db), migrate.head_revision()
        note = "up to date" if rev == head else "run `veille db upgrade`"
        console.print(f"current: {rev or 'base'}  head: {head}  ({note})")


@app.command(epilog="Example: veille db check && echo 'models and migrations agree'")
def check(ctx: typer.Context) -> None:
    """Fail (exit 1) when the models differ from the migrated database."""
    from veille.schema import migrate

    with friendly_errors():
        migrate.check(state(ctx).db)
        console.print("No difference between the models and the migrations.")


@app.command(epilog="Example: veille db summaries   (after deleting rows by hand: veille db summaries --rebuild)")
def summaries(ctx: typer.Context,
              rebuild: bool = typer.Option(False, "--rebuild", help="Recount every summary row first.")) -> None:
    """Check the summary tables the reports read (actor_daily_counts, actor_totals)
    against a recount of the mentions; exit 1 when they differ. The import keeps them exact;
    rows changed by hand with `veille sql --write` need --rebuild."""
    from veille.schema.store import summaries as rollups

    with friendly_errors(), state(ctx).db.connect() as conn:
        if rebuild:
            with conn.transaction():
                rollups.rebuild(conn)
        drift = rollups.drift(conn)
    for table, rows in drift.items():
        console.print(f"{table}: {'exact' if rows == 0 else f'{rows} rows differ from a recount'}")
    if any(drift.values()):
        fail("the summary tables differ from the mentions: run `veille db summaries --rebuild`")
