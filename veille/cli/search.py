"""`veille search`: ranked full-text search with highlighted snippets."""

from __future__ import annotations

import datetime as dt
import sys

import typer
from markupsafe import escape
from rich.table import Table

from veille.cli.common import console, fail, friendly_errors, state
from veille.cli.output import Format, emit

EXAMPLE = 'Example: veille search "sanctions Turquie" --lang fr --from 2019-01-01 --limit 10'


def search(
    ctx: typer.Context,
    query: str = typer.Argument(..., help='Words; "quoted phrases", -excluded, OR (web search syntax).'),
    lang: str = typer.Option(None, "--lang", help="Only articles in this language (fr, en, …)."),
    date_from: str = typer.Option(None, "--from", help="Only articles published on or after (YYYY-MM-DD)."),
    date_to: str = typer.Option(None, "--to", help="Only articles published on or before (YYYY-MM-DD)."),
    limit: int = typer.Option(20, "--limit", help="How many results."),
    window: int = typer.Option(1000, "--window", help="Rank among this many most recent matches (0: all "
                                                       "matches, slower for frequent words)."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, json, csv or md."),
) -> None:
    """Search articles by their words, accents and word endings ignored, best matches first.

    The best matches are chosen among the 1,000 most recent matching articles (--window);
    use --from/--to to search an older period."""
    from veille.reports.search import search as run

    try:
        start = dt.date.fromisoformat(date_from) if date_from else None
        end = dt.date.fromisoformat(date_to) if date_to else None
    except ValueError:
        fail("dates are YYYY-MM-DD", code=2)
    with friendly_errors():
        hits = run(state(ctx).db, query, lang=lang, date_from=start, date_to=end, limit=limit, window=window)
    if fmt in (Format.json, Format.csv):
        columns = ["article_id", "title", "published_on", "source", "language", "rank", "snippet"]
        emit(columns, [[getattr(h, c) for c in columns] for h in hits], fmt)
        return
    if fmt is Format.md:
        for h in hits:
            snippet = h.snippet.replace("<<", "**").replace(">>", "**")
            sys.stdout.write(f"- **{h.title}** ({h.source or 'unknown source'}, {h.published_on or 'undated'}, "
                             f"{h.language or '?'}): {snippet}\n")
        if not hits:
            sys.stdout.write("No article matches.\n")
        return
    if not hits:
        console.print("No article matches.")
        return
    table = Table("id", "date", "source", "title and snippet", "rank", title=f"Search: {query}")
    for h in hits:
        snippet = str(escape(h.snippet)).replace("&lt;&lt;", "[bold yellow]").replace("&gt;&gt;", "[/bold yellow]")
        table.add_row(str(h.article_id), str(h.published_on or ""), h.source,
                      f"[bold]{escape(h.title)}[/bold]\n{snippet}", f"{h.rank:.3f}")
    console.print(table)
