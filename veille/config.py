"""Every setting of veille in one place: where the database is (an explicit URL, or the
embedded server under VEILLE_HOME), the user's reports folder, debugging."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from veille import VeilleError

URL_ENV_VARS = ("VEILLE_DATABASE_URL", "DATABASE_URL")


def veille_home() -> Path:
    """VEILLE_HOME, else the platform's user data dir (e.g. ~/.local/share/veille)."""
    explicit = os.environ.get("VEILLE_HOME")
    if explicit:
        return Path(explicit).expanduser().resolve()
    import platformdirs

    return platformdirs.user_data_path("veille")


def configured_url(cli_value: str | None = None) -> str | None:
    """The database URL given by --database-url, VEILLE_DATABASE_URL or DATABASE_URL."""
    if cli_value:
        return cli_value
    for name in URL_ENV_VARS:
        value = os.environ.get(name)
        if value:
            return value
    return None


def normalize_url(raw: str) -> URL:
    """Parse a PostgreSQL URL; plain postgresql:// and postgres:// use psycopg 3."""
    try:
        url = make_url(raw)
    except Exception as exc:  # sqlalchemy raises ArgumentError with the URL inside: never echo it
        raise VeilleError(
            "the database URL is not valid: expected postgresql://user:password@host:port/dbname"
        ) from exc
    if url.drivername in ("postgresql", "postgres", "postgresql+psycopg2"):
        url = url.set(drivername="postgresql+psycopg")
    if not url.drivername.startswith("postgresql"):
        raise VeilleError(f"veille needs PostgreSQL, not {url.drivername}: use a postgresql:// URL")
    return url


def open_database(cli_value: str | None = None):
    """The database of this invocation: explicit URL, else the embedded server."""
    from veille.schema import migrate
    from veille.schema.database import Database, start_embedded

    raw = configured_url(cli_value)
    if raw:
        return Database(normalize_url(raw), head=migrate.head_revision)
    home = veille_home()
    return Database(start_embedded(home), embedded_home=home, head=migrate.head_revision)


def reports_dir(cli_value: str | None = None) -> Path | None:
    """--reports-dir, else VEILLE_REPORTS_DIR: a folder of the user's own report pairs."""
    value = cli_value or os.environ.get("VEILLE_REPORTS_DIR")
    return Path(value).expanduser() if value else None


def debug() -> bool:
    """VEILLE_DEBUG=1: show tracebacks instead of one-line errors."""
    return bool(os.environ.get("VEILLE_DEBUG"))


def log_level() -> str:
    """VEILLE_LOG_LEVEL: the web server's log level (default: warning)."""
    return os.environ.get("VEILLE_LOG_LEVEL", "warning")
