"""veille: saved news pages into a PostgreSQL database of articles, sources, actors and events."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("veille")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"


class VeilleError(Exception):
    """An error the user can act on: printed as one line, exit code 1."""
