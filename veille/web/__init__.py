"""`veille serve`: a local, read-only web view of the database (Starlette, server-rendered HTML).

Every page is also JSON (`/articles.json`, `/articles?format=json`). Every query goes through
the read-only executor of `veille sql` (one prepared statement, READ ONLY transaction, statement
timeout, reader role); reports go through the same code as `veille report`.
"""

from veille.web.app import create_app

__all__ = ["create_app"]
