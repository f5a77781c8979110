"""Ad-hoc SQL with bound parameters, read-only unless asked, under a statement timeout.

A read-only statement always goes through the extended query protocol (a prepared
statement), which accepts exactly one statement: `COMMIT; DROP TABLE articles` cannot escape
the READ ONLY transaction. On the embedded server the transaction also runs as the
`veille_reader` role (pg_read_all_data only), so `COPY ... TO PROGRAM` and server-file
functions are refused even though the connecting user is a superuser.
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
from veille.db import READER_ROLE, Database


@dataclass
class Result:
    columns: list[str]
    rows: list[tuple]
    rowcount: int


def parse_params(pairs: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip().isidentifier():
            raise ValueError(f"--param expects name=value, got {pair!r}")
        params[name.strip()] = value
    return params


def run_sql(db: Database, query: str, params: dict[str, Any] | None = None, *,
            write: bool = False, timeout_s: float = 30.0) -> Result:
    import psycopg

    params = params or {}
    compiled = text(query).compile(dialect=db.engine.dialect)
    missing = sorted(set(compiled.params) - set(params))
    if missing:
        raise VeilleError(f"the statement uses :{missing[0]}: give it with --param {missing[0]}=VALUE")
    bound = {name: params[name] for name in compiled.params}
    with db.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert isinstance(raw, psycopg.Connection)
        raw.rollback()  # start from a clean transaction whatever the pool did
        with raw.cursor() as cur:
            if not write:
                cur.execute("SET TRANSACTION READ ONLY")
                cur.execute("SELECT pg_has_role(current_user, oid, 'MEMBER') FROM pg_roles WHERE rolname = %s",
                            (READER_ROLE,))
                member = cur.fetchone()
                if member and member[0]:
                    cur.execute(f'SET LOCAL ROLE "{READER_ROLE}"')
            cur.execute("SELECT set_config('statement_timeout', %s, true)", (f"{max(1, int(timeout_s * 1000))}ms",))
            try:
                # prepare=True forces Parse/Bind: one statement only. --write may run a script.
                cur.execute(str(compiled), bound, prepare=None if write else True)
            except psycopg.errors.QueryCanceled as exc:
                raw.rollback()
                raise VeilleError(f"{exc.diag.message_primary} (after {timeout_s:g} s; --timeout SECONDS allows more)") from None
            except psycopg.errors.ReadOnlySqlTransaction as exc:
                raw.rollback()
                raise VeilleError(f"{exc.diag.message_primary}: veille sql is read-only, add --write to change data") from None
            except psycopg.errors.InsufficientPrivilege as exc:
                raw.rollback()
                hint = "" if write else " (read-only mode; add --write if you mean to change data)"
                raise VeilleError(f"{exc.diag.message_primary}{hint}") from None
            except psycopg.Error as exc:
                raw.rollback()
                message = exc.diag.message_primary or str(exc).strip().splitlines()[0]
                raise VeilleError(message) from None
            columns = [c.name for c in cur.description] if cur.description else []
            rows = cur.fetchall() if cur.description else []
            rowcount = cur.rowcount
        if write:
            raw.commit()
        else:
            raw.rollback()
    return Result(columns, rows, rowcount)


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
