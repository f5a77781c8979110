"""One way to print rows, for every command: `table` for people (rich), `csv`, `json` (stable,
machine-readable), `md`."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from enum import Enum
from typing import Any

from rich.table import Table

from veille.cli.common import console


class Format(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    md = "md"


def jsonable(value: Any) -> Any:
    from veille.schema.readonly import jsonable as plain  # imported when used: keeps `--help` fast

    return plain(value)


def cell(value: Any) -> str:
    from veille.schema.readonly import text_cell

    return text_cell(value)


def emit(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: Format, *, title: str | None = None,
         headers: Sequence[str] | None = None) -> None:
    """Print `rows`; `columns` are the JSON/CSV keys, `headers` (default: the columns) the table's."""
    if fmt is Format.json:
        data = [dict(zip(columns, (jsonable(v) for v in row), strict=True)) for row in rows]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif fmt is Format.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([cell(v) for v in row] for row in rows)
    elif fmt is Format.md:
        def esc(s: str) -> str:
            return s.replace("|", "\\|").replace("\n", " ")
        lines = ["| " + " | ".join(esc(c) for c in columns) + " |", "|" + "---|" * len(columns)]
        lines += ["| " + " | ".join(esc(cell(v)) for v in row) + " |" for row in rows]
        sys.stdout.write("\n".join(lines) + "\n")
    else:
        table = Table(*(headers or columns), title=title, caption=f"{len(rows)} row(s)")
        for row in rows:
            table.add_row(*(cell(v) for v in row))
        console.print(table)
