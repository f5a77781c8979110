"""What every command shares: the database of this invocation and one-line errors."""

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
        """The database of this invocation (veille.db.Database), opened on first use."""
        if self._db is None:
            from veille.db import open_database

            self._db = open_database(self.database_url)
        return self._db


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj


@contextmanager
def friendly_errors() -> Iterator[None]:
    """Turn known failures into `Error: <one line>` on stderr and exit code 1 (no traceback)."""
    from sqlalchemy.exc import DBAPIError, SQLAlchemyError

    try:
        yield
    except VeilleError as exc:
        fail(str(exc))
    except DBAPIError as exc:
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        fail(f"database: {detail}")
    except SQLAlchemyError as exc:
        fail(f"database: {str(exc).splitlines()[0]}")


def fail(message: str, code: int = 1) -> None:
    err_console.print(f"Error: {scrub(message)}", markup=False, soft_wrap=True)
    raise typer.Exit(code)
