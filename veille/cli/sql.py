"""`veille sql`: ad-hoc SQL, read-only by default."""

from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from pathlib import Path

import typer
from rich.table import Table

from veille.cli.common import console, fail, friendly_errors, state
from veille.sqlrun import Result, jsonable, parse_params, run_sql

EXAMPLE = ("Example: veille sql \"SELECT title, published_on FROM article_overview WHERE language = :lang "
           "ORDER BY published_on DESC LIMIT 10\" --param lang=fr --format md")


class Format(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    md = "md"


def _cell(value) -> str:
    value = jsonable(value)
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def render(result: Result, fmt: Format) -> None:
    if fmt is Format.json:
        rows = [dict(zip(result.columns, (jsonable(v) for v in row), strict=True)) for row in result.rows]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif fmt is Format.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([_cell(v) for v in row] for row in result.rows)
    elif fmt is Format.md:
        def esc(s: str) -> str:
            return s.replace("|", "\\|").replace("\n", " ")
        lines = ["| " + " | ".join(esc(c) for c in result.columns) + " |",
                 "|" + "---|" * len(result.columns)]
        lines += ["| " + " | ".join(esc(_cell(v)) for v in row) + " |" for row in result.rows]
        sys.stdout.write("\n".join(lines) + "\n")
    else:
        table = Table(*result.columns, caption=f"{len(result.rows)} row(s)")
        for row in result.rows:
            table.add_row(*(_cell(v) for v in row))
        console.print(table)


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
    try:
        params = parse_params(param)
    except ValueError as exc:
        fail(str(exc), code=2)
    statement = query if query is not None else file.read_text(encoding="utf-8")
    with friendly_errors():
        result = run_sql(state(ctx).db, statement, params, write=write, timeout_s=timeout)
    if result.columns:
        render(result, fmt)
    elif fmt is Format.json:
        sys.stdout.write(json.dumps({"rowcount": result.rowcount}) + "\n")
    else:
        console.print(f"{max(result.rowcount, 0)} row(s) affected.")
