"""Report parameters as an analyst types them: periods (`--from/--to`, `--week`, `--month`),
report aliases, an actor by any of its names, a batch by name. One code path for
`veille report`, `veille actors`, and the web view."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from veille import VeilleError
from veille.importer.text import fold
from veille.reports.registry import Report
from veille.schema.database import Database
from veille.schema.models import ActorRef
from veille.schema.readonly import ReadOnly

ALIASES = {"weekly": "period", "monthly": "period"}


def name_values(items: Iterable[str]) -> dict[str, str]:
    """`name=value` items (`--param`, the web form's lines) as a dict; ValueError names the first
    item that is not one (a name must be an identifier: it is bound to `:name`)."""
    params: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip().isidentifier():
            raise ValueError(item)
        params[name.strip()] = value
    return params


def period(date_from: str | None, date_to: str | None, week: str | None = None, month: str | None = None) -> dict:
    """date_from/date_to (inclusive), the previous period of the same length, and a label."""
    try:
        if week:
            year, _, number = week.upper().partition("-W")
            start = dt.date.fromisocalendar(int(year), int(number), 1)
            end = start + dt.timedelta(days=6)
            label = f"week {week.upper()}"
        elif month:
            year, _, number = month.partition("-")
            start = dt.date(int(year), int(number), 1)
            end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
            label = f"month {month}"
        elif date_from and date_to:
            start, end = dt.date.fromisoformat(str(date_from)), dt.date.fromisoformat(str(date_to))
            label = f"{start.isoformat()} to {end.isoformat()}"
        else:
            raise VeilleError("this report needs a period: --from D --to D, --week 2022-W01 or --month 2022-01")
    except ValueError:
        raise VeilleError("dates are YYYY-MM-DD, weeks YYYY-Www (2022-W01), months YYYY-MM") from None
    if end < start:
        raise VeilleError(f"--to ({end}) is before --from ({start})")
    length = (end - start).days + 1
    prev_to = start - dt.timedelta(days=1)
    return {"date_from": start, "date_to": end, "prev_from": prev_to - dt.timedelta(days=length - 1),
            "prev_to": prev_to, "_label": label}


# Every name an actor answers to (canonical name, aliases), found by the first letters of the
# last word typed in their folded forms (actors.key, actor_aliases.normalized: lower case, no
# accents), then compared in Python with case and accents ignored; the first tier that names
# anything decides: the whole name, the surname alone (a person's last word), the beginning of
# a name.
_NAMES_SQL = """
SELECT a.id, a.key, a.canonical_name, a.kind, n.name, coalesce(t.mentions, 0) AS mentions
FROM (SELECT id AS actor_id, canonical_name AS name, key AS folded FROM actors
      UNION ALL SELECT actor_id, alias, normalized FROM actor_aliases) n
JOIN actors a ON a.id = n.actor_id
LEFT JOIN actor_totals t ON t.actor_id = a.id
WHERE n.folded LIKE :pattern
ORDER BY a.id
"""


def find_actor(db: Database, name: str) -> ActorRef:
    """The actor an analyst means by `name`: its canonical name, an alias or its key, with case
    and accents ignored; else a person's surname alone; else the unique beginning of a name.
    Several matches list the candidates; none lists close names."""
    wanted = fold(name.strip())
    if not wanted:
        raise VeilleError("give an actor's name")
    probe = wanted.split()[-1][:3]
    with ReadOnly(db) as ro:
        exact = ro.run("SELECT id, key, canonical_name, kind FROM actors WHERE key = :key", {"key": name.strip()}).rows
        if exact:  # a key (what links and scripts use) names one actor: no need to look further
            return ActorRef(*exact[0])
        rows = ro.run(_NAMES_SQL, {"pattern": f"%{_like(probe)}%"}).rows
        tiers: list[dict[int, tuple]] = [{}, {}, {}]
        for actor_id, key, canonical, kind, alias, mentions in rows:
            folded = fold(alias)
            if key == name.strip() or folded == wanted:
                tiers[0][actor_id] = (actor_id, key, canonical, kind, mentions)
            elif kind == "person" and folded.endswith(" " + wanted):
                tiers[1][actor_id] = (actor_id, key, canonical, kind, mentions)
            elif folded.startswith(wanted):
                tiers[2][actor_id] = (actor_id, key, canonical, kind, mentions)
        for found in tiers:
            if len(found) == 1:
                return ActorRef(*next(iter(found.values()))[:4])
            if len(found) > 1:
                ranked = sorted(found.values(), key=lambda r: (-r[4], r[2]))
                listed = "; ".join(f"{c} ({k}, key {key})" for _, key, c, k, _ in ranked[:6])
                more = f" and {len(ranked) - 6} more" if len(ranked) > 6 else ""
                raise VeilleError(f"{name!r} names {len(ranked)} actors: {listed}{more}. "
                                  "Use the full name or the key to choose one")
        raise VeilleError(f"no actor named {name!r}{_close_matches(ro, name)}")


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _close_matches(ro: ReadOnly, name: str) -> str:
    from rapidfuzz import fuzz, process

    names = [r[0] for r in ro.run("SELECT DISTINCT canonical_name FROM actors").rows]
    close = [n for n, score, _ in process.extract(name, names, scorer=fuzz.WRatio, limit=5) if score >= 60]
    return f"; close matches: {', '.join(close)}" if close else "; `veille actors list` shows the known actors"


def find_batch(db: Database, name: str | None) -> tuple[int, str]:
    """A batch by name; the last one without a name."""
    with ReadOnly(db) as ro:
        if name:
            rows = ro.run("SELECT id, name FROM import_batches WHERE name = :n", {"n": name}).rows
        else:
            rows = ro.run("SELECT id, name FROM import_batches ORDER BY started_at DESC, id DESC LIMIT 1").rows
    if not rows:
        raise VeilleError(f"no import batch named {name!r}" if name else "no import batch yet: run `veille import`")
    return rows[0][0], rows[0][1]


def resolve(db: Database, report: Report, *, date_from: str | None = None, date_to: str | None = None,
            week: str | None = None, month: str | None = None, actor: str | None = None,
            batch: str | None = None, extra: dict[str, Any] | None = None) -> tuple[dict, dict]:
    """The bound parameters of `report` and the labels its templates show, from what a user
    typed (command-line options or a web form)."""
    params: dict[str, Any] = dict(extra or {})
    labels: dict[str, str] = {}
    if "date_from" in report.params or "date_to" in report.params:
        params.update(period(date_from, date_to, week, month))
        labels["period"] = params.pop("_label")
    if "actor_id" in report.params:
        if not actor:
            raise VeilleError(f"report {report.name!r} needs an actor (--actor NAME)")
        ref = find_actor(db, actor)
        params["actor_id"], labels["actor"] = ref.id, ref.canonical_name
    if "batch_id" in report.params:
        params["batch_id"], labels["batch"] = find_batch(db, batch)
    return params, labels
