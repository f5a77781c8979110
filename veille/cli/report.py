"""`veille report`: list and render reports (SQL + Jinja2 pairs)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import typer
from rich.table import Table

from veille import VeilleError
from veille.cli.common import console, fail, friendly_errors, state
from veille.sqlrun import parse_params

EXAMPLE = ("Example: veille report period --week 2022-W01 --format html --output week.html   "
           "(also: veille report list; veille report actor --actor Stoltenberg)")
ALIASES = {"weekly": "period", "monthly": "period"}


def period(date_from: str | None, date_to: str | None, week: str | None, month: str | None) -> dict:
    """date_from/date_to (inclusive) and the previous period of the same length."""
    try:
        if week:
            year, _, number = week.upper().partition("-W")
            start = dt.date.fromisocalendar(int(year), int(number), 1)
            end = start + dt.timedelta(days=6)
            label = f"week {week.upper()}"
        elif month:
            year, _, number = month.partition("-")
            start = dt.date(int(year), int(number), 1)
            end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
            label = f"month {month}"
        elif date_from and date_to:
            start, end = dt.date.fromisoformat(date_from), dt.date.fromisoformat(date_to)
            label = f"{start.isoformat()} to {end.isoformat()}"
        else:
            raise VeilleError("this report needs a period: --from D --to D, --week 2022-W01 or --month 2022-01")
    except ValueError:
        raise VeilleError("dates are YYYY-MM-DD, weeks YYYY-Www (2022-W01), months YYYY-MM") from None
    if end < start:
        raise VeilleError(f"--to ({end}) is before --from ({start})")
    length = (end - start).days + 1
    prev_to = start - dt.timedelta(days=1)
    return {"date_from": start, "date_to": end, "prev_from": prev_to - dt.timedelta(days=length - 1),
            "prev_to": prev_to, "_label": label}


def report(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="Report name, or 'list' to list the reports."),
    date_from: str = typer.Option(None, "--from", help="First day (YYYY-MM-DD)."),
    date_to: str = typer.Option(None, "--to", help="Last day (YYYY-MM-DD), included."),
    week: str = typer.Option(None, "--week", help="An ISO week, e.g. 2022-W01."),
    month: str = typer.Option(None, "--month", help="A month, e.g. 2022-01."),
    actor: str = typer.Option(None, "--actor", help="Actor name or alias (actor report)."),
    batch: str = typer.Option(None, "--batch", help="Batch name (batch report; default the last)."),
    param: list[str] = typer.Option([], "--param", help="name=value for user reports' own :parameters."),
    fmt: str = typer.Option("md", "--format", help="md, html or json."),
    output: Path = typer.Option(None, "--output", "-o", help="Write to this file (else standard output)."),
    stamp: bool = typer.Option(False, "--stamp", help="Print the generation time in the report."),
    reports_dir: str = typer.Option(None, "--reports-dir", help="Folder of your own reports (or VEILLE_REPORTS_DIR)."),
) -> None:
    """Render a report (md, html, json) or list them with `veille report list`."""
    from veille.reports import registry, render

    with friendly_errors():
        if name == "list":
            _list(registry.discover(reports_dir))
            return
        rep = registry.get(ALIASES.get(name, name), reports_dir)
        if fmt not in rep.formats():
            fail(f"report {rep.name!r} has no {fmt!r} format: use {', '.join(rep.formats())}", code=2)
        try:
            params: dict = parse_params(param)
        except ValueError as exc:
            fail(str(exc), code=2)
        db = state(ctx).db
        labels = {}
        if "date_from" in rep.params or "date_to" in rep.params:
            params.update(period(date_from, date_to, week, month))
            labels["period"] = params.pop("_label")
        if "actor_id" in rep.params:
            if not actor:
                fail(f"report {rep.name!r} needs --actor NAME", code=2)
            params["actor_id"], labels["actor"] = _actor(db, actor)
        if "batch_id" in rep.params:
            params["batch_id"], labels["batch"] = _batch(db, batch)
        text = render.render(db, rep, params, fmt, stamp=stamp, labels=labels)
    if output is None:
        sys.stdout.write(text)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    console.print(f"Wrote {output}")


def _actor(db, name: str) -> tuple[int, str]:
    from veille import curation
    from veille.importer.load import connect

    with connect(db.engine) as conn:
        ref = curation.find_actor(conn, name)
    return ref.id, ref.canonical_name


def _batch(db, name: str | None) -> tuple[int, str]:
    from sqlalchemy import text

    with db.engine.connect() as conn:
        if name:
            row = conn.execute(text("SELECT id, name FROM import_batches WHERE name = :n"), {"n": name}).first()
        else:
            row = conn.execute(text("SELECT id, name FROM import_batches ORDER BY started_at DESC, id DESC LIMIT 1")).first()
    if row is None:
        raise VeilleError(f"no import batch named {name!r}" if name else "no import batch yet: run `veille import`")
    return row[0], row[1]


def _list(reports: dict) -> None:
    table = Table("report", "title", "parameters", "formats", "file", title="Reports")
    for rep in reports.values():
        table.add_row(rep.name, rep.title, ", ".join(rep.params) or "—", ", ".join(rep.formats()), str(rep.path))
    console.print(table)
    console.print("period takes --from/--to, --week or --month; actor takes --actor; batch takes --batch.")
