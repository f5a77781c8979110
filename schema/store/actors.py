"""Actors as the import stores them: the lookups the resolution rules need (redirects, keys,
people by last name, curated aliases, blocks), new actors and aliases, mentions and roles."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import psycopg

from veille.schema.store.bulk import array_literal


def redirects(conn: psycopg.Connection, keys: Iterable[str]) -> dict[str, int]:
    """key → actor, for the keys an analyst's merge redirected."""
    return dict(conn.execute("SELECT from_key, actor_id FROM actor_redirects WHERE from_key = ANY(%s::text[])",
                             (array_literal(keys),)).fetchall())


def ids_by_key(conn: psycopg.Connection, keys: Iterable[str]) -> dict[str, int]:
    return dict(conn.execute("SELECT key, id FROM actors WHERE key = ANY(%s::text[])",
                             (array_literal(keys),)).fetchall())


def people_ending_with(conn: psycopg.Connection, endings: Iterable[str]) -> list[tuple[int, str]]:
    """(id, canonical name) of the people whose name ends with one of `endings` (case-insensitive)."""
    return conn.execute("SELECT id, canonical_name FROM actors WHERE kind = 'person' AND canonical_name ILIKE ANY(%s)",
                        (sorted({f"%{e}" for e in endings}),)).fetchall()


def create(conn: psycopg.Connection, rows: Sequence[tuple[str, str, str, str | None, str | None]]) -> dict[str, int]:
    """New actors from (key, canonical name, kind, country code, description) rows, race-free (a
    key another importer created meanwhile is kept); returns key → id for all of them."""
    if not rows:
        return {}
    conn.execute("INSERT INTO actors (key, canonical_name, kind, country_code, description) "
                 "SELECT * FROM unnest(%s::text[], %s::text[], %s::text[], %s::text[], %s::text[]) "
                 "ON CONFLICT (key) DO NOTHING", [array_literal(column) for column in zip(*rows, strict=True)])
    return ids_by_key(conn, (r[0] for r in rows))


def insert_aliases(conn: psycopg.Connection, rows: Sequence[tuple[int, str, str, str | None, str]]) -> None:
    """(actor_id, alias, normalized, language, origin) rows, in one statement; known ones are kept."""
    if rows:
        conn.execute("INSERT INTO actor_aliases (actor_id, alias, normalized, language, origin) "
                     "SELECT * FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[]) "
                     "ON CONFLICT (actor_id, normalized) DO NOTHING", [array_literal(c) for c in zip(*rows, strict=True)])


def curated_aliases(conn: psycopg.Connection, normalized: Iterable[str]) -> dict[str, int]:
    """normalized alias → actor, for the aliases an analyst gave an actor."""
    return dict(conn.execute(
        "SELECT normalized, actor_id FROM actor_aliases WHERE origin = 'curated' AND normalized = ANY(%s::text[])",
        (array_literal(sorted(set(normalized))),)).fetchall())


def blocked_aliases(conn: psycopg.Connection, actor_ids: Iterable[int]) -> set[tuple[int, str]]:
    """(actor, normalized alias) pairs an analyst blocked."""
    return set(conn.execute("SELECT actor_id, normalized FROM actor_alias_blocks WHERE actor_id = ANY(%s)",
                            (sorted(set(actor_ids)),)).fetchall())


def copy_mentions(conn: psycopg.Connection, run_id: int, mentions: Iterable[tuple], roles: Sequence[tuple]) -> None:
    """Mentions as (article, actor, start, end, surface, sentence, role) and roles as (actor, role,
    article, observed on), of extraction run `run_id`."""
    with conn.cursor() as cur:
        with cur.copy("COPY actor_mentions (article_id, actor_id, char_start, char_end, surface, sentence_index, "
                      "role, extraction_run_id) FROM STDIN") as copy:
            for row in mentions:
                copy.write_row((*row, run_id))
        if roles:
            with cur.copy("COPY actor_roles (actor_id, role, article_id, observed_on, extraction_run_id) "
                          "FROM STDIN") as copy:
                for row in roles:
                    copy.write_row((*row, run_id))
