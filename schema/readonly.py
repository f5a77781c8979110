"""The read-only executor: every read that is not `--write` goes through here — `veille sql`,
reports (built-in and users'), search, the actor commands that read, the web view.

Each statement is sent alone through the extended query protocol (a prepared statement), so
`COMMIT; DROP TABLE articles` is refused as two commands; it runs in a READ ONLY transaction
that is always rolled back (so even `set_config(..., false)` does not outlive it), under a
statement timeout, and, where the server has the `veille_reader` role (pg_read_all_data only:
the embedded server always does), as that role, so `COPY ... TO PROGRAM`, `lo_export` and
signalling other backends are refused although the connecting user is a superuser.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text

from veille import VeilleError
from veille.schema.database import READER_ROLE, Database, SchemaProblem, first_line

READ_ONLY_HINT = "veille reads are read-only"
# Settings a statement changed for the session (set_config(..., false) and the like): harmless
# once the transaction is rolled back, but a read has no business changing them.
_SESSION_SETTINGS = "SELECT name, setting FROM pg_settings WHERE source = 'session' ORDER BY name"


@dataclass
class Result:
    columns: list[str]
    rows: list[tuple]
    rowcount: int

    def dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def _set_timeout(cur, seconds: float) -> None:
    """The statement timeout of the current transaction (at least one millisecond)."""
    cur.execute("SELECT set_config('statement_timeout', %s, true)", (f"{max(1, int(seconds * 1000))}ms",))


def _compile(db: Database, query: str, params: dict[str, Any] | None, *, strict: bool) -> tuple[str, dict]:
    """`:name` placeholders to psycopg's; `strict`: a missing parameter is an error (else None)."""
    compiled = text(query).compile(dialect=db.engine.dialect)
    params = params or {}
    missing = sorted(set(compiled.params) - set(params))
    if missing and strict:
        raise VeilleError(f"the statement uses :{missing[0]}: give it with --param {missing[0]}=VALUE")
    return str(compiled), {name: params.get(name) for name in compiled.params}


class ReadOnly:
    """One READ ONLY transaction (as the reader role, under a timeout) for one or more
    statements: `with ReadOnly(db) as ro: ro.run(sql, params)`. Nothing it runs is committed."""

    def __init__(self, db: Database, timeout_s: float = 30.0, *, hint: str = READ_ONLY_HINT):
        self.db, self.timeout_s, self.hint = db, timeout_s, hint

    def __enter__(self) -> ReadOnly:
        import psycopg

        try:
            self._conn = self.db.engine.connect()
        except Exception as exc:  # noqa: BLE001 - mapped to the one-line message of its kind
            raise self.db.error(exc) from None
        self._raw = self._conn.connection.driver_connection
        assert isinstance(self._raw, psycopg.Connection)
        self._raw.rollback()  # start from a clean transaction whatever the pool did
        with self._raw.cursor() as cur:
            cur.execute("SET TRANSACTION READ ONLY")
            cur.execute("SELECT pg_has_role(current_user, oid, 'MEMBER') FROM pg_roles WHERE rolname = %s",
                        (READER_ROLE,))
            member = cur.fetchone()
            if member and member[0]:
                cur.execute(f'SET LOCAL ROLE "{READER_ROLE}"')
            _set_timeout(cur, self.timeout_s)
            cur.execute(_SESSION_SETTINGS)
            self._settings = cur.fetchall()
        return self

    def __exit__(self, *exc_info) -> None:
        try:
            self._raw.rollback()
        finally:
            self._conn.close()

    def run(self, query: str, params: dict[str, Any] | None = None, *, strict: bool = True) -> Result:
        sql, bound = _compile(self.db, query, params, strict=strict)
        with self._raw.cursor() as cur:
            with _mapped(self.db, self.timeout_s, self.hint):
                # prepare=True forces Parse/Bind: exactly one statement.
                cur.execute(sql, bound, prepare=True)
            columns = [c.name for c in cur.description] if cur.description else []
            rows = cur.fetchall() if cur.description else []
            rowcount = cur.rowcount
            cur.execute(_SESSION_SETTINGS)
            changed = sorted({n for n, _ in set(cur.fetchall()) ^ set(self._settings)})
        if changed:
            raise VeilleError(f"the statement changes the session's settings ({', '.join(changed)}): refused, "
                              f"{self.hint}")
        return Result(columns, rows, rowcount)


def read(db: Database, query: str, params: dict[str, Any] | None = None, *, timeout_s: float = 30.0,
         hint: str = READ_ONLY_HINT) -> Result:
    """One statement through the read-only executor."""
    with ReadOnly(db, timeout_s, hint=hint) as ro:
        return ro.run(query, params)


def write(db: Database, query: str, params: dict[str, Any] | None = None, *, timeout_s: float = 30.0) -> Result:
    """`veille sql --write`: the user's own statement (or script), committed."""
    sql, bound = _compile(db, query, params, strict=True)
    with db.connect(autocommit=False) as raw, raw.cursor() as cur:
        _set_timeout(cur, timeout_s)
        with _mapped(db, timeout_s, ""):
            cur.execute(sql, bound or None)  # no parameters: a script of several statements may run
        columns = [c.name for c in cur.description] if cur.description else []
        result = Result(columns, cur.fetchall() if cur.description else [], cur.rowcount)
        raw.commit()
    return result


class _mapped:
    """Turn a failed statement into one line saying what to do (the transaction is then dead:
    the caller's rollback ends it)."""

    def __init__(self, db: Database, timeout_s: float, hint: str):
        self.db, self.timeout_s, self.hint = db, timeout_s, hint

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, exc, tb) -> bool:
        import psycopg

        if exc is None or not isinstance(exc, psycopg.Error):
            return False
        message = first_line(exc)
        if isinstance(exc, psycopg.errors.QueryCanceled):
            raise VeilleError(f"{message} (after {self.timeout_s:g} s; --timeout SECONDS allows more)") from None
        if isinstance(exc, psycopg.errors.ReadOnlySqlTransaction | psycopg.errors.InsufficientPrivilege):
            raise VeilleError(f"{message}: refused, {self.hint}" if self.hint else message) from None
        if "multiple commands" in message:
            raise VeilleError(f"{message}: {self.hint}, one statement at a time" if self.hint else message) from None
        if isinstance(exc, psycopg.errors.FeatureNotSupported | psycopg.ProgrammingError) and "COPY" in message.upper():
            raise VeilleError(f"{message}: refused, {self.hint}" if self.hint else message) from None
        problem = self.db.error(exc)
        if isinstance(problem, SchemaProblem) or isinstance(exc, psycopg.OperationalError):
            raise problem from None
        raise VeilleError(message) from None  # the statement's own error, as the server says it


def jsonable(value: Any) -> Any:
    """Plain JSON values: dates as ISO strings, decimals as numbers, bytes as base64."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode()
    if isinstance(value, uuid.UUID | dt.timedelta):
        return str(value)
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


def text_cell(value: Any) -> str:
    """A value as text for a CSV or table cell (lists and objects as JSON, NULL as empty)."""
    import json

    value = jsonable(value)
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
