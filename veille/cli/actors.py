"""`veille actors`: look at and curate the actors (curation survives `veille reprocess`)."""

from __future__ import annotations

import json
import sys

import typer
from rich.table import Table

from veille.cli.common import console, friendly_errors, state

app = typer.Typer(help="List, inspect and curate actors (merges, names, aliases, kinds).", no_args_is_help=True)
alias_app = typer.Typer(help="Add or remove a surface form of an actor.", no_args_is_help=True)
app.add_typer(alias_app, name="alias")


def _conn(ctx: typer.Context):
    from veille.importer.load import connect  # imported when used: keeps `veille --help` fast

    return connect(state(ctx).db.engine)


@app.command("list", epilog="Example: veille actors list --kind person --top 20")
def list_(ctx: typer.Context,
          kind: str = typer.Option(None, "--kind", help="person, organisation, country, place or group."),
          top: int = typer.Option(30, "--top", help="How many (most mentioned first)."),
          as_json: bool = typer.Option(False, "--json", help="Machine-readable output.")) -> None:
    """The most mentioned actors, with their kind, articles and first/last dates."""
    from veille.sqlrun import jsonable

    with friendly_errors(), _conn(ctx) as conn:
        rows = conn.execute(
            "SELECT canonical_name, kind, mentions, articles, first_seen, last_seen FROM actor_mention_counts "
            "WHERE (%(kind)s::text IS NULL OR kind = %(kind)s) ORDER BY mentions DESC, canonical_name LIMIT %(top)s",
            {"kind": kind, "top": top}).fetchall()
    if as_json:
        keys = ("name", "kind", "mentions", "articles", "first_seen", "last_seen")
        sys.stdout.write(json.dumps([dict(zip(keys, map(jsonable, r), strict=True)) for r in rows],
                                    ensure_ascii=False, indent=2) + "\n")
        return
    table = Table("actor", "kind", "mentions", "articles", "first seen", "last seen", title="Actors")
    for name, k, mentions, articles, first, last in rows:
        table.add_row(name, k, str(mentions), str(articles), str(first or ""), str(last or ""))
    console.print(table)


@app.command(epilog="Example: veille actors show Stoltenberg")
def show(ctx: typer.Context, name: str = typer.Argument(..., help="Name, alias or key of the actor.")) -> None:
    """Aliases, roles held over time, mentions per month and co-mentioned actors of one actor."""
    from veille import curation

    with friendly_errors(), _conn(ctx) as conn:
        a = curation.find_actor(conn, name)
        info = conn.execute("SELECT country_code, description FROM actors WHERE id = %s", (a.id,)).fetchone()
        aliases = conn.execute("SELECT alias, origin FROM actor_aliases WHERE actor_id = %s ORDER BY origin, alias",
                               (a.id,)).fetchall()
        roles = conn.execute(
            "SELECT role, min(observed_on), max(observed_on), count(*) FROM actor_roles WHERE actor_id = %s "
            "GROUP BY role ORDER BY min(observed_on) NULLS LAST, role", (a.id,)).fetchall()
        months = conn.execute(
            "SELECT coalesce(to_char(ar.published_on, 'YYYY-MM'), 'undated'), count(*) FROM actor_mentions m "
            "JOIN articles ar ON ar.id = m.article_id WHERE m.actor_id = %s GROUP BY 1 ORDER BY 1", (a.id,)).fetchall()
        co = conn.execute(
            "SELECT o.canonical_name, count(DISTINCT m2.article_id) FROM actor_mentions m1 "
            "JOIN actor_mentions m2 ON m2.article_id = m1.article_id AND m2.actor_id <> m1.actor_id "
            "JOIN actors o ON o.id = m2.actor_id WHERE m1.actor_id = %s GROUP BY o.canonical_name "
            "ORDER BY 2 DESC, 1 LIMIT 10", (a.id,)).fetchall()
    console.print(f"[bold]{a.canonical_name}[/bold] ({a.kind}{', ' + info[0] if info[0] else ''}) key {a.key}")
    if info[1]:
        console.print(info[1])
    console.print("aliases: " + ", ".join(f"{al}" + ("*" if origin == "curated" else "") for al, origin in aliases)
                  + ("  (* curated)" if any(o == "curated" for _, o in aliases) else ""))
    if roles:
        t = Table("role", "first seen", "last seen", "articles", title="Roles")
        for role, first, last, n in roles:
            t.add_row(role, str(first or "undated"), str(last or "undated"), str(n))
        console.print(t)
    t = Table("month", "mentions", title="Mentions per month")
    for month, n in months:
        t.add_row(month, str(n))
    console.print(t)
    if co:
        console.print("co-mentioned: " + ", ".join(f"{n} ({c})" for n, c in co))


@app.command(epilog="Example: veille actors merge \"Anthony Blinken\" \"Antony Blinken\"")
def merge(ctx: typer.Context, source: str = typer.Argument(..., help="The actor that disappears."),
          target: str = typer.Argument(..., help="The actor that keeps everything.")) -> None:
    """Merge SOURCE into TARGET (mentions, roles, aliases, events); reprocessing keeps the merge."""
    from veille import curation

    with friendly_errors(), _conn(ctx) as conn:
        src, dst = curation.merge(conn, source, target)
    console.print(f"Merged {src.canonical_name} into {dst.canonical_name}.")


@app.command(epilog="Example: veille actors rename \"Otan\" \"NATO\"")
def rename(ctx: typer.Context, name: str = typer.Argument(...), new_name: str = typer.Argument(...)) -> None:
    """Give an actor a new canonical name (the old one stays as an alias)."""
    from veille import curation

    with friendly_errors(), _conn(ctx) as conn:
        actor = curation.rename(conn, name, new_name)
    console.print(f"Renamed {actor.canonical_name} to {new_name}.")


@app.command("set-kind", epilog="Example: veille actors set-kind Wagner group")
def set_kind(ctx: typer.Context, name: str = typer.Argument(...),
             kind: str = typer.Argument(..., help="person, organisation, country, place or group.")) -> None:
    """Change the kind of an actor."""
    from veille import curation

    with friendly_errors(), _conn(ctx) as conn:
        actor = curation.set_kind(conn, name, kind)
    console.print(f"{actor.canonical_name} is now a {kind}.")


@alias_app.command("add", epilog="Example: veille actors alias add NATO \"l'Alliance\"")
def alias_add(ctx: typer.Context, name: str = typer.Argument(...), alias: str = typer.Argument(...)) -> None:
    """ALIAS resolves to this actor in new imports and after `veille reprocess`."""
    from veille import curation

    with friendly_errors(), _conn(ctx) as conn:
        actor = curation.alias_add(conn, name, alias)
    console.print(f"{alias!r} is now an alias of {actor.canonical_name} (run `veille reprocess` to apply it to "
                  "articles already imported).")


@alias_app.command("remove", epilog="Example: veille actors alias remove \"United States\" US")
def alias_remove(ctx: typer.Context, name: str = typer.Argument(...), alias: str = typer.Argument(...)) -> None:
    """ALIAS stops resolving to this actor; its mentions under that form are removed, now and after reprocessing."""
    from veille import curation

    with friendly_errors(), _conn(ctx) as conn:
        actor, removed = curation.alias_remove(conn, name, alias)
    console.print(f"{alias!r} no longer names {actor.canonical_name} ({removed} mentions removed).")
