"""What every command shares: the database of this invocation, one-line errors, parameters."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console

from veille import VeilleError

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)

_PASSWORD_IN_URL = re.compile(r"(\w+://[^:/@\s]*:)[^@\s]*@")


def scrub(message: str) -> str:
    """One line, with any password of a URL replaced by ***."""
    line = " ".join(str(message).split())
    return _PASSWORD_IN_URL.sub(r"\1***@", line)


class State:
    """Per-invocation settings set by the top-level callback."""

    def __init__(self, database_url: str | None = None):
        self.database_url = database_url
        self._db = None

    @property
    def db(self):
        """The database of this invocation (veille.schema.database.Database), opened on first use."""
        if self._db is None:
            from veille.config import open_database

            self._db = open_database(self.database_url)
            State.last_opened = self._db
        return self._db

    last_opened = None  # the database this invocation opened: friendly_errors explains its failures


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj


@contextmanager
def friendly_errors() -> Iterator[None]:
    """Turn known failures into `Error: <one line>` on stderr and exit code 1 (no traceback).
    Database failures are explained by the database layer: no schema yet, an older schema,
    a server that cannot be reached, each with what to do."""
    from veille.schema.database import failures

    try:
        yield
    except VeilleError as exc:
        fail(str(exc))
    except failures() as exc:
        if State.last_opened is None:  # failed before any database was opened
            fail(f"database: {' '.join(str(exc).split()) or type(exc).__name__}")
        fail(State.last_opened.explain(exc))


def parse_params(pairs: list[str]) -> dict[str, str]:
    """--param name=value pairs; a malformed one is bad usage (exit 2)."""
    from veille.reports.params import name_values

    try:
        return name_values(pairs)
    except ValueError as exc:
        fail(f"--param expects name=value, got {str(exc)!r}", code=2)


def fail(message: str, code: int = 1) -> None:
    err_console.print(f"Error: {scrub(message)}", markup=False, soft_wrap=True)
    raise typer.Exit(code)
