"""Actor curation: decisions an analyst makes once, stored as data, applied again by every import
and `veille reprocess` (redirects for merges, curated aliases, alias blocks)."""

from __future__ import annotations

from collections.abc import Callable

import psycopg
from psycopg.types.json import Jsonb

from veille import VeilleError
from veille.schema.models import ACTOR_KINDS, ActorRef
from veille.schema.store import summaries

Normalize = Callable[[str], str]  # the importer's alias key (what actor_aliases.normalized holds)


def log(conn: psycopg.Connection, action: str, **details) -> None:
    conn.execute("INSERT INTO actor_curations (action, details) VALUES (%s, %s)", (action, Jsonb(details)))


def _lock(conn: psycopg.Connection, actor: ActorRef) -> None:
    """Hold the actor's row for this transaction (it may have gone since it was resolved)."""
    if conn.execute("SELECT 1 FROM actors WHERE id = %s FOR UPDATE", (actor.id,)).fetchone() is None:
        raise VeilleError(f"{actor.canonical_name} was merged or removed meanwhile: run the command again")


def merge(conn: psycopg.Connection, src: ActorRef, dst: ActorRef) -> tuple[ActorRef, ActorRef]:
    """Merge SOURCE into TARGET: everything of SOURCE moves to TARGET, SOURCE disappears, and its key
    is redirected so that later imports and reprocessing resolve it to TARGET."""
    if src.id == dst.id:
        raise VeilleError(f"{src.canonical_name!r} and {dst.canonical_name!r} are already the same actor")
    with conn.transaction():
        _lock(conn, src)
        _lock(conn, dst)
        params = {"src": src.id, "dst": dst.id, "key": src.key}
        for sql in (
            "INSERT INTO actor_redirects (from_key, actor_id) VALUES (%(key)s, %(dst)s) "
            "ON CONFLICT (from_key) DO UPDATE SET actor_id = EXCLUDED.actor_id",
            "UPDATE actor_redirects SET actor_id = %(dst)s WHERE actor_id = %(src)s",
            "UPDATE actor_mentions SET actor_id = %(dst)s WHERE actor_id = %(src)s",
            "UPDATE actor_roles SET actor_id = %(dst)s WHERE actor_id = %(src)s",
            "INSERT INTO event_actors (event_id, actor_id, role) SELECT event_id, %(dst)s, role FROM event_actors "
            "WHERE actor_id = %(src)s ON CONFLICT DO NOTHING",
            "UPDATE events SET location_actor_id = %(dst)s WHERE location_actor_id = %(src)s",
            "INSERT INTO actor_aliases (actor_id, alias, normalized, language, origin) "
            "SELECT %(dst)s, alias, normalized, language, 'curated' FROM actor_aliases WHERE actor_id = %(src)s "
            "ON CONFLICT (actor_id, normalized) DO NOTHING",
            "INSERT INTO actor_alias_blocks (actor_id, normalized) SELECT %(dst)s, normalized FROM actor_alias_blocks "
            "WHERE actor_id = %(src)s ON CONFLICT DO NOTHING",
            "DELETE FROM actors WHERE id = %(src)s",
        ):
            conn.execute(sql, params)
        summaries.rebuild(conn, [dst.id])
        log(conn, "merge", source=src.canonical_name, source_key=src.key, target=dst.canonical_name, target_key=dst.key)
    return src, dst


def rename(conn: psycopg.Connection, actor: ActorRef, new_name: str, normalize: Normalize) -> ActorRef:
    with conn.transaction():
        _lock(conn, actor)
        conn.execute("UPDATE actors SET canonical_name = %s WHERE id = %s", (new_name, actor.id))
        add_alias_row(conn, actor.id, actor.canonical_name, normalize)  # the old name still finds it
        log(conn, "rename", key=actor.key, old=actor.canonical_name, new=new_name)
    return actor


def add_alias_row(conn: psycopg.Connection, actor_id: int, alias: str, normalize: Normalize) -> None:
    normalized = normalize(alias)
    if not normalized:
        raise VeilleError(f"{alias!r} is not a usable alias (nothing left once normalised)")
    conn.execute("INSERT INTO actor_aliases (actor_id, alias, normalized, origin) VALUES (%s, %s, %s, 'curated') "
                 "ON CONFLICT (actor_id, normalized) DO UPDATE SET origin = 'curated', alias = EXCLUDED.alias",
                 (actor_id, alias, normalized))
    conn.execute("DELETE FROM actor_alias_blocks WHERE actor_id = %s AND normalized = %s", (actor_id, normalized))


def alias_add(conn: psycopg.Connection, actor: ActorRef, alias: str, normalize: Normalize) -> ActorRef:
    """From now on (imports and reprocessing), ALIAS resolves to this actor before anything else."""
    with conn.transaction():
        _lock(conn, actor)
        add_alias_row(conn, actor.id, alias, normalize)
        log(conn, "alias_add", key=actor.key, alias=alias)
    return actor


def alias_remove(conn: psycopg.Connection, actor: ActorRef, alias: str, normalize: Normalize) -> tuple[ActorRef, int]:
    """ALIAS no longer resolves to this actor: its mentions under that form are removed now and
    are not recreated by reprocessing. Returns the number of mentions removed."""
    normalized = normalize(alias)
    with conn.transaction():
        _lock(conn, actor)
        conn.execute("DELETE FROM actor_aliases WHERE actor_id = %s AND normalized = %s", (actor.id, normalized))
        conn.execute("INSERT INTO actor_alias_blocks (actor_id, normalized) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                     (actor.id, normalized))
        ids = [i for i, surface in conn.execute("SELECT id, surface FROM actor_mentions WHERE actor_id = %s",
                                                (actor.id,)).fetchall() if normalize(surface) == normalized]
        conn.execute("DELETE FROM actor_mentions WHERE id = ANY(%s)", (ids,))
        summaries.rebuild(conn, [actor.id])
        log(conn, "alias_remove", key=actor.key, alias=alias, mentions_removed=len(ids))
    return actor, len(ids)


def set_kind(conn: psycopg.Connection, actor: ActorRef, kind: str) -> ActorRef:
    if kind not in ACTOR_KINDS:
        raise VeilleError(f"unknown kind {kind!r}: use one of {', '.join(ACTOR_KINDS)}")
    with conn.transaction():
        _lock(conn, actor)
        conn.execute("UPDATE actors SET kind = %s WHERE id = %s", (kind, actor.id))
        log(conn, "set_kind", key=actor.key, old=actor.kind, new=kind)
    return actor
