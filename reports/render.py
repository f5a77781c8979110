"""Run a report's queries (bound parameters, read-only, statement timeout) and render them.

One Jinja Environment (StrictUndefined, autoescape for HTML); templates never build SQL.
The same database and parameters give byte-identical output: every query orders its rows
with tie-breakers and nothing time-dependent is rendered unless `stamp` is asked for.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from veille import VeilleError
from veille.reports import charts
from veille.reports.registry import FORMATS, Report
from veille.schema.database import Database, SchemaProblem
from veille.schema.readonly import ReadOnly, jsonable

HINT = "reports are read-only"


def run_queries(db: Database, report: Report, params: dict[str, Any], timeout_s: float = 60.0) -> dict[str, list]:
    """{query name: rows as dicts}, every query through the read-only executor, in one
    transaction (one statement per query, prepared; a user's report cannot write)."""
    missing = [p for p in report.params if p not in params]
    if missing:
        raise VeilleError(f"report {report.name!r} needs {', '.join(missing)}")
    data: dict[str, list] = {}
    with ReadOnly(db, timeout_s, hint=HINT) as ro:
        for q in report.queries:
            try:
                data[q.name] = ro.run(q.sql, params, strict=False).dicts()
            except SchemaProblem:
                raise
            except VeilleError as exc:
                raise VeilleError(f"report {report.name!r}, query {q.name!r} ({report.path}): {exc}") from None
    return data


@cache
def environment(template_dirs: tuple[Path, ...]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False),
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters["md"] = md_cell
    env.filters["d"] = fmt_date
    env.filters["names"] = lambda xs: ", ".join(xs or [])
    env.globals["charts"] = charts
    return env


def md_cell(value: Any) -> str:
    """A value for a Markdown table cell: no pipes, no line breaks."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value)
    text = str(fmt_date(value) if isinstance(value, dt.date) else value)
    # no raw HTML either: a Markdown viewer would render a "<script>" title as markup
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace("\n", " ")


def fmt_date(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def render(db: Database, report: Report, params: dict[str, Any], fmt: str, *, stamp: bool = False,
           labels: dict[str, str] | None = None) -> str:
    if fmt not in FORMATS:
        raise VeilleError(f"unknown format {fmt!r}: use {', '.join(FORMATS)}")
    data = run_queries(db, report, params)
    generated = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC") if stamp else None
    if fmt == "json":
        doc = {"report": report.name, "title": report.title, "params": jsonable(params),
               "data": {k: [jsonable(r) for r in rows] for k, rows in data.items()}}
        if generated:
            doc["generated"] = generated
        return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    env = environment(report.template_dirs)
    name = f"{report.name}.{fmt}.j2"
    try:
        template = env.get_template(name)
    except jinja2.TemplateNotFound:
        raise VeilleError(f"report {report.name!r} has no {fmt} template ({name}); "
                          f"its formats are {', '.join(report.formats())}") from None
    context = {"report": report, "params": params, "labels": labels or {}, "data": data, "generated": generated}
    try:
        return template.render(**context)
    except jinja2.TemplateError as exc:
        raise VeilleError(f"template {_where(exc, name)}: {exc.message or exc}") from None
    except Exception as exc:  # noqa: BLE001 - a bug in a template must say where it is
        raise VeilleError(f"template {_where(exc, name)}: {type(exc).__name__}: {exc}") from None


def _where(exc: BaseException, default: str) -> str:
    """'name.html.j2 line 12' from the traceback of an error raised while rendering."""
    tb = exc.__traceback__
    where = default
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            where = f"{Path(filename).name} line {tb.tb_lineno}"
        tb = tb.tb_next
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = f"{exc.name or default} line {exc.lineno}"
    return where

