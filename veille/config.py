"""Where the database is: an explicit URL, or the embedded server under VEILLE_HOME."""

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


def masked(url: URL | str) -> str:
    """The URL with its password replaced by ***, safe to print."""
    from urllib.parse import unquote

    if isinstance(url, str):
        url = make_url(url)
    return unquote(url.render_as_string(hide_password=True))
