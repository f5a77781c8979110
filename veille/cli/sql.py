"""`veille sql`: ad-hoc SQL, read-only by default."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from veille.cli.common import console, fail, friendly_errors, parse_params, state
from veille.cli.output import Format, emit

EXAMPLE = ("Example: veille sql \"SELECT title, published_on FROM article_overview WHERE language = :lang "
           "ORDER BY published_on DESC LIMIT 10\" --param lang=fr --format md")


def sql(
    ctx: typer.Context,
    query: str = typer.Argument(None, help="One SQL statement; :name placeholders are bound from --param."),
    file: Path = typer.Option(None, "--file", "-f", exists=True, dir_okay=False, help="Read the statement from a file."),
    param: list[str] = typer.Option([], "--param", "-p", help="name=value, bound to :name (repeatable)."),
    fmt: Format = typer.Option(Format.table, "--format", help="table (for people), csv, json (for scripts), md."),
    write: bool = typer.Option(False, "--write", help="Allow changes (default: READ ONLY transaction)."),
    timeout: float = typer.Option(30.0, "--timeout", help="Statement timeout in seconds."),
) -> None:
    """Run one SQL statement against the database, read-only unless --write."""
    if (query is None) == (file is None):
        fail("give either a statement or --file F (not both)", code=2)
    from veille.schema import readonly

    params = parse_params(param)
    statement = query if query is not None else file.read_text(encoding="utf-8")
    with friendly_errors():
        db = state(ctx).db
        if write:
            result = readonly.write(db, statement, params, timeout_s=timeout)
        else:
            result = readonly.read(db, statement, params, timeout_s=timeout,
                                   hint="veille sql is read-only, add --write to change data")
    if result.columns:
        emit(result.columns, result.rows, fmt)
    elif fmt is Format.json:
        sys.stdout.write(json.dumps({"rowcount": result.rowcount}) + "\n")
    else:
        console.print(f"{max(result.rowcount, 0)} row(s) affected.")
