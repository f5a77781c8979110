"""`veille report`: list and render reports (SQL + Jinja2 pairs)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.table import Table

from veille import config
from veille.cli.common import console, fail, friendly_errors, parse_params, state

EXAMPLE = ("Example: veille report period --week 2022-W01 --format html --output week.html   "
           "(also: veille report list; veille report actor --actor Stoltenberg)")
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
    from veille.reports import params as report_params
    from veille.reports import registry, render

    with friendly_errors():
        folder = config.reports_dir(reports_dir)
        if name == "list":
            _list(registry.discover(folder))
            return
        rep = registry.get(report_params.ALIASES.get(name, name), folder)
        if fmt not in rep.formats():
            fail(f"report {rep.name!r} has no {fmt!r} format: use {', '.join(rep.formats())}", code=2)
        extra = parse_params(param)
        if "actor_id" in rep.params and not actor:
            fail(f"report {rep.name!r} needs --actor NAME", code=2)
        db = state(ctx).db
        params, labels = report_params.resolve(db, rep, date_from=date_from, date_to=date_to, week=week,
                                               month=month, actor=actor, batch=batch, extra=extra)
        text = render.render(db, rep, params, fmt, stamp=stamp, labels=labels)
    if output is None:
        sys.stdout.write(text)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    console.print(f"Wrote {output}")


def _list(reports: dict) -> None:
    table = Table("report", "title", "parameters", "formats", "file", title="Reports")
    for rep in reports.values():
        table.add_row(rep.name, rep.title, ", ".join(rep.params) or "—", ", ".join(rep.formats()), str(rep.path))
    console.print(table)
    console.print("period takes --from/--to, --week or --month; actor takes --actor; batch takes --batch.")
