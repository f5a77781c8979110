"""Events as the import stores them: the stored events a chunk's reports may join (under a lock
per signature), new events with their actors, changed events, and every report (mention)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import psycopg

from veille.schema.store.bulk import array_literal, int_array

# What the merge needs of a stored event, after its signature.
_STATE = ("e.signature, e.id, e.event_date, e.date_precision, e.date_text, e.mode, e.location_actor_id, "
          "e.confidence")


def lock_signatures(conn: psycopg.Connection, signatures: Sequence[str]) -> dict[str, int]:
    """Wait for the other writers of events with these signatures (a transaction-level lock per
    signature, taken in order); returns how many events each signature has."""
    conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(s, 1)) FROM unnest(%s::text[]) AS s ORDER BY s",
                 (array_literal(signatures),))
    return dict(conn.execute("SELECT signature, count(*) FROM events WHERE signature = ANY(%s::text[]) GROUP BY 1",
                             (array_literal(signatures),)).fetchall())


def joinable(conn: psycopg.Connection, single: Iterable[str], years: Sequence[tuple[str, int]]) -> list[tuple]:
    """(signature, id, date, precision, date text, mode, location, confidence) of the events of the
    `single` signatures (those with one event) and those of each (signature, year) of `years`
    dated in that year, in id order."""
    return conn.execute(
        f"SELECT {_STATE} FROM events e WHERE e.signature = ANY(%s::text[]) "
        f"UNION SELECT {_STATE} FROM unnest(%s::text[], %s::int[]) AS u(signature, year) "
        "JOIN events e ON e.signature = u.signature AND e.event_date >= make_date(u.year, 1, 1) "
        "AND e.event_date < make_date(u.year + 1, 1, 1) ORDER BY 2",
        (array_literal(single), array_literal(sig for sig, _ in years), int_array(year for _, year in years))).fetchall()


def write(conn: psycopg.Connection, run_id: int, new: Sequence[tuple], actors: Sequence[tuple],
          changed: Sequence[tuple], mentions: Iterable[tuple]) -> None:
    """New events as (id, type, mode, date, precision, date text, location, summary, confidence,
    signature) with their actors (event, actor, role); changed events as (date, precision, date
    text, mode, location, confidence, id); and every report as (event, article, start, end,
    sentence, trigger). All of extraction run `run_id`."""
    with conn.cursor() as cur:
        if new:
            with cur.copy("COPY events (id, event_type, mode, event_date, date_precision, date_text, location_actor_id, "
                          "summary, confidence, signature, extraction_run_id) FROM STDIN") as copy:
                for row in new:
                    copy.write_row((*row, run_id))
            with cur.copy("COPY event_actors (event_id, actor_id, role) FROM STDIN") as copy:
                for row in actors:
                    copy.write_row(row)
        if changed:
            cur.executemany("UPDATE events SET event_date = %s, date_precision = %s, date_text = %s, mode = %s, "
                            "location_actor_id = %s, confidence = %s WHERE id = %s", changed)
        with cur.copy("COPY event_mentions (event_id, article_id, char_start, char_end, sentence, trigger, "
                      "extraction_run_id) FROM STDIN") as copy:
            for row in mentions:
                copy.write_row((*row, run_id))
