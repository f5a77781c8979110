"""`veille actors`: look at and curate the actors (curation survives `veille reprocess`)."""

from __future__ import annotations

import sys

import typer

from veille.cli.common import console, friendly_errors, state
from veille.cli.output import Format, emit

app = typer.Typer(help="List, inspect and curate actors (merges, names, aliases, kinds).", no_args_is_help=True)
alias_app = typer.Typer(help="Add or remove a surface form of an actor.", no_args_is_help=True)
app.add_typer(alias_app, name="alias")


def _curate(ctx: typer.Context, action: str, *names: str, **kwargs):
    """Resolve each NAME with the one actor resolver, then let the curation store write (with the
    importer's alias key, so that curated aliases match what imports look up)."""
    from veille.importer.pipeline import alias_key
    from veille.reports.params import find_actor
    from veille.schema.store import curation

    db = state(ctx).db
    refs = [find_actor(db, name) for name in names]
    if action in ("rename", "alias_add", "alias_remove"):
        kwargs["normalize"] = alias_key
    with db.connect() as conn:
        return getattr(curation, action)(conn, *refs, **kwargs)


@app.command("list", epilog="Example: veille actors list --kind person --top 20")
def list_(ctx: typer.Context,
          kind: str = typer.Option(None, "--kind", help="person, organisation, country, place or group."),
          top: int = typer.Option(30, "--top", help="How many (most mentioned first)."),
          fmt: Format = typer.Option(Format.table, "--format", help="table, csv, json or md."),
          as_json: bool = typer.Option(False, "--json", help="Same as --format json.")) -> None:
    """The most mentioned actors, with their kind, articles and first/last dates."""
    from veille.reports.overview import top_actors

    with friendly_errors():
        result = top_actors(state(ctx).db, kind, top)
    emit(result.columns, result.rows, Format.json if as_json else fmt, title="Actors",
         headers=["actor", "kind", "country", "mentions", "articles", "first seen", "last seen"])


@app.command(epilog="Example: veille actors show Stoltenberg   (also: --format html --output dossier.html)")
def show(ctx: typer.Context, name: str = typer.Argument(..., help="Name, alias, surname or key of the actor."),
         fmt: str = typer.Option("md", "--format", help="md, html or json (the `actor` report)."),
         output: str = typer.Option(None, "--output", "-o", help="Write to this file.")) -> None:
    """The actor's dossier: the `actor` report (aliases, roles, mentions over time, co-mentions, events)."""
    from pathlib import Path

    from veille.reports import params, registry, render

    with friendly_errors():
        db = state(ctx).db
        rep = registry.get("actor")
        bound, labels = params.resolve(db, rep, actor=name)
        text = render.render(db, rep, bound, fmt, labels=labels)
    if output:
        Path(output).write_text(text, encoding="utf-8")
        console.print(f"Wrote {output}")
    else:
        sys.stdout.write(text)


@app.command(epilog="Example: veille actors merge \"Anthony Blinken\" \"Antony Blinken\"")
def merge(ctx: typer.Context, source: str = typer.Argument(..., help="The actor that disappears."),
          target: str = typer.Argument(..., help="The actor that keeps everything.")) -> None:
    """Merge SOURCE into TARGET (mentions, roles, aliases, events); reprocessing keeps the merge."""
    with friendly_errors():
        src, dst = _curate(ctx, "merge", source, target)
    console.print(f"Merged {src.canonical_name} into {dst.canonical_name}.")


@app.command(epilog="Example: veille actors rename \"Otan\" \"NATO\"")
def rename(ctx: typer.Context, name: str = typer.Argument(...), new_name: str = typer.Argument(...)) -> None:
    """Give an actor a new canonical name (the old one stays as an alias)."""
    with friendly_errors():
        actor = _curate(ctx, "rename", name, new_name=new_name)
    console.print(f"Renamed {actor.canonical_name} to {new_name}.")


@app.command("set-kind", epilog="Example: veille actors set-kind Wagner group")
def set_kind(ctx: typer.Context, name: str = typer.Argument(...),
             kind: str = typer.Argument(..., help="person, organisation, country, place or group.")) -> None:
    """Change the kind of an actor."""
    with friendly_errors():
        actor = _curate(ctx, "set_kind", name, kind=kind)
    console.print(f"{actor.canonical_name} is now a {kind}.")


@alias_app.command("add", epilog="Example: veille actors alias add NATO \"l'Alliance\"")
def alias_add(ctx: typer.Context, name: str = typer.Argument(...), alias: str = typer.Argument(...)) -> None:
    """ALIAS resolves to this actor in new imports and after `veille reprocess`."""
    with friendly_errors():
        actor = _curate(ctx, "alias_add", name, alias=alias)
    console.print(f"{alias!r} is now an alias of {actor.canonical_name} (run `veille reprocess` to apply it to "
                  "articles already imported).")


@alias_app.command("remove", epilog="Example: veille actors alias remove \"United States\" US")
def alias_remove(ctx: typer.Context, name: str = typer.Argument(...), alias: str = typer.Argument(...)) -> None:
    """ALIAS stops resolving to this actor; its mentions under that form are removed, now and after reprocessing."""
    with friendly_errors():
        actor, removed = _curate(ctx, "alias_remove", name, alias=alias)
    console.print(f"{alias!r} no longer names {actor.canonical_name} ({removed} mentions removed).")
