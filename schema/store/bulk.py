"""What every writer of the store shares: array literals for bulk parameters, identity values
drawn ahead of a COPY, and the retry of a transaction that lost a deadlock."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable
from typing import TypeVar

import psycopg

T = TypeVar("T")
RETRIES = 6


def array_literal(values: Iterable[int | str | None]) -> str:
    """A PostgreSQL array literal for a `%s::bigint[]` or `%s::text[]` parameter or a COPY field:
    psycopg dumps Python lists element by element in Python code, ten times slower, and a chunk
    sends tens of thousands of band keys, names and keys."""
    return "{" + ",".join(map(_array_item, values)) + "}"


def int_array(values: Iterable[int]) -> str:
    """array_literal for integers only (band keys, ids): three times faster."""
    return "{" + ",".join(map(str, values)) + "}"


def _array_item(v: int | str | None) -> str:
    if v is None:
        return "NULL"
    if isinstance(v, int):
        return str(v)
    return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'


def next_ids(conn: psycopg.Connection, table: str, n: int) -> list[int]:
    """Reserve n identity values (so rows can be COPYed with their ids and referenced at once)."""
    return [r[0] for r in conn.execute(
        f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, %s)", (n,)).fetchall()]


def retrying(conn: psycopg.Connection, work: Callable[[], T]) -> T:
    """Run `work` in a transaction, again after a deadlock or serialization failure (another
    importer held what we needed), with a growing random pause."""
    for attempt in range(RETRIES):
        try:
            with conn.transaction():
                return work()
        except (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure):
            if attempt == RETRIES - 1:
                raise
            time.sleep(0.05 * 2 ** attempt + random.random() * 0.05)
    raise AssertionError("unreachable")
