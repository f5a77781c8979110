"""Entry point: `veille --help`."""

from __future__ import annotations

import sys

import typer

from veille import __version__, config
from veille.cli import actors as actors_cli
from veille.cli import db as db_cli
from veille.cli import importing
from veille.cli import report as report_cli
from veille.cli import search as search_cli
from veille.cli import serve as serve_cli
from veille.cli import sql as sql_cli
from veille.cli import status as status_cli
from veille.cli.common import State, err_console, scrub

app = typer.Typer(
    name="veille",
    help="News-intelligence database: saved pages into articles, sources, actors and events in PostgreSQL.",
    epilog="Example: veille import ~/saved-pages --batch 2026-W47 && veille report period --week 2026-W47",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"veille {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    database_url: str = typer.Option(
        None, "--database-url", metavar="URL",
        help="PostgreSQL URL (else VEILLE_DATABASE_URL, DATABASE_URL, else the embedded server).",
    ),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """News-intelligence database: saved pages into articles, sources, actors and events."""
    ctx.obj = State(database_url)


app.add_typer(db_cli.app, name="db")
app.add_typer(actors_cli.app, name="actors")
app.command("status", epilog=status_cli.EXAMPLE)(status_cli.status)
app.command("import", epilog=importing.IMPORT_EXAMPLE)(importing.import_)
app.command("reprocess", epilog=importing.REPROCESS_EXAMPLE)(importing.reprocess)
app.command("sql", epilog=sql_cli.EXAMPLE)(sql_cli.sql)
app.command("report", epilog=report_cli.EXAMPLE)(report_cli.report)
app.command("search", epilog=search_cli.EXAMPLE)(search_cli.search)
app.command("serve", epilog=serve_cli.EXAMPLE)(serve_cli.serve)


def run() -> None:
    """Console-script entry: unexpected errors are one line too (VEILLE_DEBUG=1 shows the traceback)."""
    try:
        app(prog_name="veille")
    except SystemExit:
        raise
    except KeyboardInterrupt:
        err_console.print("Interrupted.")
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001
        if config.debug():
            raise
        err_console.print(f"Error: {scrub(f'{type(exc).__name__}: {exc}')} "
                          "(this is a bug in veille; VEILLE_DEBUG=1 shows the traceback)")
        sys.exit(1)


if __name__ == "__main__":
    run()
