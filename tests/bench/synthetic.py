"""A synthetic veille database at any size, for the report and search benchmarks.

    from synthetic import fill
    fill("postgresql+psycopg://...", n_articles=100_000, seed=0)

Fills a freshly migrated (empty) database with articles and everything derived from them,
without the NLP: rows are generated in Python (numpy) and loaded with COPY (psycopg
`cursor.copy`). Shapes that matter to the report and search queries:

- import_batches: one per 10,000 articles; documents: one per 10 articles (raw_text is a
  short placeholder, spans are synthetic); sources: 40, Zipf popularity, 2 % of articles
  without a source.
- articles: 75 % French, 25 % English; title, lead and ~80 words of body drawn from a
  French/English news vocabulary (stop words, a few hundred real words, then a long tail of
  made-up words) with Zipf frequencies, so the full-text index has realistic posting lists;
  published_on from 2019-01-01 to 2026-11-01 (growing volume, quieter weekends, news bursts),
  5 % undated; article ids are NOT in date order (an archive imported in bulk); content_hash
  unique, no duplicates.
- actors: 20,000 (countries, organisations, people, places, groups), Zipf popularity with
  exponent 1.1 (countries mostly among the most mentioned); 1-3 aliases each.
- actor_mentions: ~8 per article over ~3.5 distinct actors, spans inside the article;
  actor_roles for ~5 % of the people mentioned; events: ~0.5 per article (16 PLOVER types,
  dated 0-3 days before the article), 1-3 actors each among the article's actors, 1-2
  mentions (the article, and sometimes a neighbouring one).

Deterministic: the same (n_articles, seed) gives the same rows (each chunk of 20,000 articles
has its own random stream, so a worker process can generate the next chunks while this one
copies: 1,000,000 articles load in ~7-9 minutes on 2 cores, most of it PostgreSQL computing
the articles' tsvector and building the GIN index). The load runs in one
transaction: the tables are truncated (the database must be empty), the secondary indexes,
unique and foreign-key constraints are dropped, the rows are copied WITH (FREEZE) (so they
are all-visible at once, as after autovacuum), then the indexes and constraints are
re-created exactly as the migrations made them (`veille db check` stays clean) and the
tables are analysed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import time
import unicodedata
from collections.abc import Callable
from typing import Any

import numpy as np
import psycopg

from veille.schema.store import summaries

FILLED_TABLES = ("import_batches", "documents", "sources", "articles", "actors", "actor_aliases",
                 "actor_mentions", "actor_roles", "events", "event_actors", "event_mentions")
ARTICLES_PER_BATCH = 10_000
ARTICLES_PER_DOCUMENT = 10
N_SOURCES = 40
ACTOR_KINDS = {"country": None, "organisation": 4_000, "person": 13_000, "place": 2_000, "group": 750}
N_ACTORS = 20_000
ACTOR_ZIPF = 1.1
FIRST_DAY, LAST_DAY = dt.date(2019, 1, 1), dt.date(2026, 11, 1)
FRENCH_SHARE = 0.75
UNDATED_SHARE = 0.05
NO_SOURCE_SHARE = 0.02
EVENTS_PER_ARTICLE = 0.5
ROLE_SHARE = 0.05
CHUNK = 20_000  # articles generated and copied at a time

# The words the search benchmark looks for (see tests/bench/bench_reports.py).
FREQUENT_WORD = "gouvernement"   # ~30 % of the articles
TWO_WORDS = "défense aérienne"   # both words mid-frequency: ~2 % of the articles have both
RARE_WORD = "hypersonique"       # put in 1 article in 5,000 (French; "hypersonic" in English)
RARE_EVERY = 5_000

PLOVER = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
PLOVER_WEIGHTS = (9, 14, 8, 2, 7, 4, 2, 6, 9, 5, 5, 6, 5, 4, 4, 10)
TRIGGERS = {"AGREE": "accord", "CONSULT": "rencontre", "SUPPORT": "soutient", "CONCEDE": "cède",
            "COOPERATE": "coopère", "AID": "aide", "RETREAT": "retire", "REQUEST": "demande",
            "ACCUSE": "accuse", "REJECT": "rejette", "THREATEN": "menace", "PROTEST": "manifeste",
            "SANCTION": "sanctionne", "MOBILIZE": "mobilise", "COERCE": "arrête", "ASSAULT": "frappe"}
MODES = ("done", "planned", "denied", "hypothetical", "threatened")
MODE_WEIGHTS = (0.74, 0.12, 0.05, 0.05, 0.04)

FR_STOP = ("de la le les des et à en du un une que qui pour dans sur par au est a pas ne plus se "
           "son sa ses il elle ont ce cette avec été aux ou mais leur être comme lors").split()
EN_STOP = ("the of and to in a on for that is with by as at from was has it its be are an have "
           "this after said were will not but their which also been had who than more").split()
FR_WORDS = """
président ministre gouvernement pays armée forces sécurité guerre paix accord sommet
conseil défense international militaire national sanctions négociations frontière
président-élu attaque troupes alliés région population crise pouvoir élection politique
économique coopération réunion déclaration annonce mercredi jeudi vendredi lundi mardi
samedi dimanche semaine mois année selon porte-parole responsable officiel source
capitale ville territoire nord sud est ouest frontières opération offensive cessez-le-feu
soldats civils victimes réfugiés aide humanitaire reconstruction budget milliards millions
dollars euros pétrole gaz énergie nucléaire missiles drones aérienne navale terrestre
renseignement cyberattaque diplomatie ambassade ambassadeur délégation entretien visite
dirigeants chef état-major général commandement alliance organisation traité protocole
résolution vote parlement assemblée sénat opposition manifestants manifestation police
justice tribunal enquête procès condamnation prison arrestation libération otages
terroriste terrorisme groupe armé milices rebelles insurgés combats bombardement frappes
explosion incendie tirs blessés morts bilan hôpital enfants femmes habitants village
province district zone port aéroport base navire sous-marin avion hélicoptère char
artillerie munitions livraison contrat industrie entreprise commerce exportations
importations marché inflation croissance dette banque monnaie climat sommet-climat
émissions transition agriculture alimentation sécheresse inondations séisme tempête
migration migrants asile visa frontalier douane contrôle surveillance satellite espace
technologie intelligence artificielle données réseau infrastructure électricité
approvisionnement stratégie doctrine réforme loi décret mesure mesures programme plan
projet initiative dialogue médiation envoyé spécial observateurs mission casques
bleus mandat retrait déploiement renforts exercice manœuvres vigilance alerte menace
tension escalade apaisement compromis concession condamne dénonce appelle exige
affirme estime rappelle souligne indique précise ajoute réaffirme salue regrette
""".split()
EN_WORDS = """
president minister government country army forces security war peace agreement summit
council defence international military national sanctions talks border attack troops
allies region population crisis power election policy economic cooperation meeting
statement announcement wednesday thursday friday monday tuesday saturday sunday week
month year according spokesman official source capital city territory north south east
west operation offensive ceasefire soldiers civilians victims refugees humanitarian aid
reconstruction budget billion million dollars oil gas energy nuclear missiles drones
air naval ground intelligence cyberattack diplomacy embassy ambassador delegation visit
leaders chief staff general command alliance organization treaty protocol resolution
vote parliament assembly senate opposition protesters protest police justice court
investigation trial sentence prison arrest release hostages terrorist terrorism armed
group militias rebels insurgents fighting shelling strikes explosion fire shooting
wounded dead toll hospital children women residents village province district zone
port airport base ship submarine aircraft helicopter tank artillery ammunition delivery
contract industry company trade exports imports market inflation growth debt bank
currency climate emissions transition agriculture food drought floods earthquake storm
migration migrants asylum visa customs control surveillance satellite space technology
artificial data network infrastructure electricity supply strategy doctrine reform law
decree measure measures programme plan project initiative dialogue mediation envoy
special observers mission peacekeepers mandate withdrawal deployment reinforcements
exercise drills alert threat tension escalation compromise concession condemns
denounces calls demands says believes recalls stresses indicates adds reaffirms welcomes
""".split()
SYLLABLES = ("ba be bi bo bu da de di do du fa fe fi fo ga go gu ka ke ki ko la le li lo lu ma me mi "
             "mo mu na ne ni no nu pa pe pi po ra re ri ro ru sa se si so ta te ti to tu va ve vi vo "
             "za zi ran tor vel mar sen dor kal").split()
TAIL_WORDS = 6_000  # made-up words after the real ones (the long tail of a news vocabulary)

FIRST_NAMES = ("Jean Marie Pierre Anne Michel Sophie Olivier Claire Emmanuel Nathalie Thomas Julie "
               "Nicolas Camille François Isabelle Laurent Céline Antoine Hélène John Mary James Sarah "
               "Robert Emily Michael Laura David Anna Sergei Olga Dmitri Yulia Ahmed Fatima Mohamed "
               "Leila Ali Amina Wang Li Zhang Mei Hiroshi Yuki Carlos Ana Luis Sofia Kwame Ama "
               "Ibrahim Aisha Rajesh Priya Omar Noor Viktor Irina").split()
LAST_NAMES = ("Martin Bernard Dubois Durand Lefebvre Moreau Laurent Simon Michel Garcia Roux Fournier "
              "Girard Bonnet Dupont Lambert Fontaine Rousseau Vincent Muller Smith Johnson Williams "
              "Brown Jones Miller Davis Wilson Anderson Taylor Moore Jackson White Harris Clark Lewis "
              "Ivanov Petrov Smirnov Kovalenko Shevchenko Haddad Mansour Rahman Khan Hussein Chen Liu "
              "Yang Huang Tanaka Sato Suzuki Silva Santos Pereira Mensah Okafor Diallo Traoré Kumar "
              "Singh Patel Nowak Kowalski Novak Horvat Popescu Papadopoulos Yilmaz Demir").split()
ORG_HEADS = ("Ministère Agence Conseil Commission Office Institut Autorité Direction Comité Fonds "
             "Banque Parti Union Alliance Front Mouvement Armée Garde Service Centre").split()
ORG_TOPICS = ("de la Défense|des Affaires étrangères|de l'Intérieur|de l'Énergie|du Commerce|"
              "de la Sécurité|du Renseignement|de la Santé|des Finances|de la Justice|national|"
              "populaire|démocratique|républicain|pour la paix|de sécurité|maritime|aérien|"
              "nucléaire|spatial|de coopération|de développement|des réfugiés|islamique|"
              "de libération|pour le changement|révolutionnaire|fédéral|régional|européen").split("|")
ROLES = ("président", "premier ministre", "ministre de la Défense", "ministre des Affaires étrangères",
         "chef d'état-major", "porte-parole", "ambassadeur", "secrétaire général", "général",
         "commandant", "chef du gouvernement", "ministre de l'Intérieur", "envoyé spécial",
         "directeur", "chef de la diplomatie", "député", "sénateur", "maire", "gouverneur", "conseiller")
SOURCE_KINDS = ("newspaper", "agency", "broadcaster", "magazine", "ministry", "think tank")


def fill(url: str, n_articles: int, seed: int = 0, progress: Callable[[str], Any] = print,
         workers: int | None = None) -> dict:
    """Fill the (migrated, empty) database at `url` with `n_articles` synthetic articles and
    their documents, sources, actors, mentions, roles and events. Returns
    {"rows": {table: rows}, "seconds": total, "phases": {phase: seconds}}.

    `workers` processes generate the rows while this one copies them (default: 1 when there are
    more than two chunks, else none); the rows do not depend on it."""
    if n_articles < 1:
        raise ValueError("n_articles must be at least 1")
    t0 = time.perf_counter()
    with psycopg.connect(_libpq(url), autocommit=True) as conn:
        _check_empty(conn)
    gen = _Generator(n_articles, seed)
    if workers is None:
        workers = 1 if n_articles > 2 * CHUNK else 0
    pool = _pool(workers, n_articles, seed) if workers else None  # forked before any connection
    try:
        return _fill(url, gen, pool, progress, t0)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _fill(url: str, gen: _Generator, pool, progress: Callable[[str], Any], t0: float) -> dict:
    n_articles = gen.n
    phases: dict[str, float] = {}
    with psycopg.connect(_libpq(url), autocommit=True) as conn:
        tables = _check_empty(conn)
        conn.execute("SET maintenance_work_mem = '512MB'")
        conn.execute("SET synchronous_commit = off")
        with conn.transaction():
            # Truncated in this transaction: COPY ... WITH (FREEZE) is allowed (rows all-visible).
            conn.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables))
            restore = _drop_indexes_and_constraints(conn)
            phases["prepare"] = time.perf_counter() - t0

            t = time.perf_counter()
            with conn.cursor() as cur:
                gen.copy_reference_rows(cur)
                for done, payloads in _chunks(gen, pool):
                    for target, rows, payload in payloads:
                        gen.copy_text(cur, target, rows, payload)
                    if done == n_articles or (done // CHUNK) % 10 == 0:
                        elapsed = time.perf_counter() - t
                        progress(f"  copied {done:,} / {n_articles:,} articles ({elapsed:.0f} s, "
                                 f"{gen.counts['actor_mentions']:,} mentions, {gen.counts['events']:,} events)")
            phases["copy"] = time.perf_counter() - t

            t = time.perf_counter()
            for sql in restore:
                conn.execute(sql)
            for table in FILLED_TABLES:
                if table != "event_actors":  # the only filled table without an id
                    conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                 f"coalesce((SELECT max(id) FROM {table}), 0) + 1, false)")
            phases["indexes_constraints"] = time.perf_counter() - t
            progress(f"  indexes and constraints re-created ({phases['indexes_constraints']:.0f} s)")
        t = time.perf_counter()
        conn.execute("ANALYZE " + ", ".join(FILLED_TABLES))
        phases["analyze"] = time.perf_counter() - t
        # the summary tables the import keeps, recounted at once (what `veille db summaries --rebuild` does)
        t = time.perf_counter()
        with conn.transaction():
            summaries.rebuild(conn)
        conn.execute("ANALYZE " + ", ".join(summaries.TABLES))
        phases["summaries"] = time.perf_counter() - t
        progress(f"  summary tables recounted ({phases['summaries']:.0f} s)")
    seconds = time.perf_counter() - t0
    progress(f"  loaded {n_articles:,} articles in {seconds:.1f} s")
    return {"rows": dict(gen.counts), "seconds": round(seconds, 2),
            "phases": {k: round(v, 2) for k, v in phases.items()}}


def _check_empty(conn: psycopg.Connection) -> list[str]:
    """The database's tables; ValueError unless it is a migrated veille database without data."""
    tables = [r[0] for r in conn.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname <> 'alembic_version' "
        "ORDER BY c.relname").fetchall()]
    missing = sorted(set(FILLED_TABLES) - set(tables))
    if missing:
        raise ValueError(f"not a migrated veille database (no {', '.join(missing)})")
    if conn.execute("SELECT EXISTS (SELECT 1 FROM articles) OR EXISTS (SELECT 1 FROM actors) "
                    "OR EXISTS (SELECT 1 FROM import_batches)").fetchone()[0]:
        raise ValueError("fill() needs an empty (freshly migrated) database")
    return tables


def _pool(workers: int, n_articles: int, seed: int):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_init, initargs=(n_articles, seed))


def _chunks(gen: _Generator, pool):
    """(articles done, COPY payloads) per chunk, in order; generated ahead by `pool` if any."""
    n_mentions, n_distinct, n_events = gen.skeleton()
    first_mention = np.concatenate([[1], 1 + np.cumsum(n_mentions)])
    first_event = np.concatenate([[1], 1 + np.cumsum(n_events)])
    jobs = []
    for index, start in enumerate(range(0, gen.n, CHUNK)):
        end = min(start + CHUNK, gen.n)
        jobs.append((end, (index, start + 1, n_mentions[start:end], n_distinct[start:end], n_events[start:end],
                           int(first_mention[start]), int(first_event[start]))))
    if pool is None:
        for end, args in jobs:
            yield end, gen.make_chunk(*args)
        return
    pending = []
    ahead = pool._max_workers + 1  # chunks generated ahead of the copy (each is ~20 MB of text)
    for end, args in jobs:
        pending.append((end, pool.submit(_worker_chunk, *args)))
        if len(pending) > ahead:
            done, future = pending.pop(0)
            yield done, future.result()
    for done, future in pending:
        yield done, future.result()


def _libpq(url: str) -> str:
    """A SQLAlchemy URL (postgresql+psycopg://...) or a libpq one, as libpq accepts it."""
    from sqlalchemy.engine import make_url

    if "+" in url.split("://", 1)[0]:
        return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    return url


def _drop_indexes_and_constraints(conn: psycopg.Connection) -> list[str]:
    """Drop the filled tables' secondary indexes, unique and foreign-key constraints (bulk
    loading then building them is several times faster than maintaining them row by row);
    return the statements that put them back as they were (same names, same definitions)."""
    tables = list(FILLED_TABLES)
    constraints = conn.execute(
        "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid), c.contype "
        "FROM pg_constraint c WHERE c.conrelid = ANY(%s::regclass[]) AND c.contype IN ('u', 'f') "
        "ORDER BY c.contype DESC, c.conrelid::regclass::text, c.conname", (tables,)).fetchall()
    indexes = conn.execute(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "WHERE i.indrelid = ANY(%s::regclass[]) "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) "
        "ORDER BY 1", (tables,)).fetchall()
    # Foreign keys from tables that are not filled (redirects, blocks...) only point at primary
    # keys, which stay; ours go first, then unique constraints, then plain indexes.
    for table, name, _, contype in constraints:
        if contype == "f":
            conn.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for table, name, _, contype in constraints:
        if contype == "u":
            conn.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _ in indexes:
        conn.execute(f"DROP INDEX {name}")
    restore = [definition for _, definition in indexes]
    restore += [f'ALTER TABLE {t} ADD CONSTRAINT "{n}" {d}' for t, n, d, c in constraints if c == "u"]
    restore += [f'ALTER TABLE {t} ADD CONSTRAINT "{n}" {d}' for t, n, d, c in constraints if c == "f"]
    return restore


def _zipf(n: int, exponent: float, offset: float = 0.0) -> np.ndarray:
    w = 1.0 / (np.arange(1, n + 1) + offset) ** exponent
    return w / w.sum()


def _sample(rng: np.random.Generator, cdf: np.ndarray, size) -> np.ndarray:
    """Indexes drawn from the distribution whose cumulative sums are `cdf` (faster than choice(p=))."""
    return np.minimum(np.searchsorted(cdf, rng.random(size), side="right"), len(cdf) - 1)


def _made_up_words(rng: np.random.Generator, n: int, taken: set[str]) -> list[str]:
    """n distinct words of 2-4 syllables, none in `taken`."""
    words: list[str] = []
    seen = set(taken)
    while len(words) < n:
        draw = n - len(words) + 16
        lengths = rng.integers(2, 5, draw).tolist()
        syllables = rng.integers(0, len(SYLLABLES), (draw, 4)).tolist()
        for k, row in zip(lengths, syllables, strict=True):
            w = "".join([SYLLABLES[i] for i in row[:k]])
            if w not in seen and len(words) < n:
                seen.add(w)
                words.append(w)
    return words


_NON_WORD = re.compile(r"[^a-z0-9]+")


def _fold(s: str) -> str:
    """Accents, case and punctuation removed (like the importer's matching key)."""
    ascii_ = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().casefold()
    return _NON_WORD.sub(" ", ascii_).strip()


class _Generator:
    def __init__(self, n_articles: int, seed: int):
        self.n = n_articles
        self.seed = seed
        self.rng = np.random.default_rng([seed, 0x5EED])
        self.counts = {t: 0 for t in FILLED_TABLES}
        self.copy_seconds: dict[str, float] = {}
        rng = self.rng
        # Vocabularies: stop words, real words (search words at chosen ranks), made-up tail.
        self.vocab: dict[str, list[str]] = {}
        self.word_cdf: dict[str, np.ndarray] = {}
        for lang, stop, real in (("fr", FR_STOP, FR_WORDS), ("en", EN_STOP, EN_WORDS)):
            real = [w for w in real if w not in (FREQUENT_WORD, "défense", "aérienne")]
            order = [real[i] for i in rng.permutation(len(real))]
            if lang == "fr":  # fixed ranks, so the search benchmark knows their frequencies
                order.insert(4, FREQUENT_WORD)
                order.insert(30, "défense")
                order.insert(120, "aérienne")
            words = stop + order
            words += _made_up_words(rng, TAIL_WORDS, set(words))
            self.vocab[lang] = words
            self.word_cdf[lang] = np.cumsum(_zipf(len(words), 1.0, 2.0))
        # Days: growing volume, quieter weekends, bursts of news.
        days = (LAST_DAY - FIRST_DAY).days + 1
        self.days = [FIRST_DAY + dt.timedelta(d) for d in range(days)]
        t = np.arange(days) / days
        w = (0.6 + 0.8 * t) * np.array([0.55 if d.weekday() >= 5 else 1.0 for d in self.days])
        for start, end, factor in (("2020-03-09", "2020-04-19", 1.8), ("2022-02-24", "2022-03-31", 2.6),
                                   ("2023-10-07", "2023-11-12", 2.0), ("2024-06-09", "2024-07-07", 1.5)):
            a = (dt.date.fromisoformat(start) - FIRST_DAY).days
            b = (dt.date.fromisoformat(end) - FIRST_DAY).days + 1
            w[a:b] *= factor
        self.day_cdf = np.cumsum(w / w.sum())
        self.source_cdf = np.cumsum(_zipf(N_SOURCES, 1.0, 1.0))
        self.source_perm = rng.permutation(N_SOURCES) + 1  # popularity rank -> source id
        self.plover_cdf = np.cumsum(np.array(PLOVER_WEIGHTS) / sum(PLOVER_WEIGHTS))
        self.mode_cdf = np.cumsum(MODE_WEIGHTS)
        self._make_actors()

    # ------------------------------------------------------------------ reference rows

    def _make_actors(self) -> None:
        rng = self.rng
        import pycountry
        from babel import Locale

        french = Locale("fr").territories
        actors: list[tuple[str, str, str, str | None, list[str]]] = []  # key, name, kind, cc, aliases
        keys: set[str] = set()

        def add(kind: str, name: str, cc: str | None, aliases: list[str]) -> None:
            key = f"{kind}:{_fold(name)}"
            n = 2
            while key in keys:
                name = f"{name.rstrip('0123456789 ')} {n}"
                key = f"{kind}:{_fold(name)}"
                n += 1
            keys.add(key)
            seen, kept = set(), []
            for a in [name, *aliases]:
                f = _fold(a) if a else ""
                if f and f not in seen:
                    seen.add(f)
                    kept.append(a)
            actors.append((key, name, kind, cc, kept[:3]))

        for c in pycountry.countries:
            fr = french.get(c.alpha_2)
            add("country", c.name, c.alpha_2, [fr or "", c.alpha_3])
        countries = len(actors)
        codes = [a[3] for a in actors]
        invented = [w.capitalize() for w in _made_up_words(rng, 8_000, set())]
        last = list(LAST_NAMES) + invented[:400]
        n = ACTOR_KINDS["person"]
        for f, la, cc in zip(rng.integers(0, len(FIRST_NAMES), n).tolist(), rng.integers(0, len(last), n).tolist(),
                             rng.integers(0, countries, n).tolist(), strict=True):
            add("person", f"{FIRST_NAMES[f]} {last[la]}", codes[cc], [last[la]])
        n = ACTOR_KINDS["organisation"]
        for h, tp, w, cc in zip(rng.integers(0, len(ORG_HEADS), n).tolist(),
                                rng.integers(0, len(ORG_TOPICS), n).tolist(),
                                rng.integers(400, len(invented), n).tolist(), rng.integers(0, countries, n).tolist(),
                                strict=True):
            name = f"{ORG_HEADS[h]} {ORG_TOPICS[tp]} {invented[w]}"
            acronym = "".join(x[0] for x in name.replace("'", " ").split() if x[0].isupper())
            add("organisation", name, codes[cc], [acronym])
        n = ACTOR_KINDS["place"]
        for w, cc in zip(rng.integers(400, len(invented), n).tolist(), rng.integers(0, countries, n).tolist(),
                         strict=True):
            add("place", invented[w], codes[cc], [f"région de {invented[w]}"])
        groups = rng.integers(400, len(invented), N_ACTORS).tolist()
        while len(actors) < N_ACTORS:
            add("group", f"Brigade {invented[groups.pop()]}", None, [])
        actors = actors[:N_ACTORS]
        self.actors = actors
        self.actor_kind = np.array([a[2] for a in actors])
        # Popularity: a random order where countries come first more often.
        factor = {"country": 0.03, "organisation": 0.6, "person": 1.0, "place": 1.3, "group": 1.0}
        score = rng.random(len(actors)) * np.array([factor[k] for k in self.actor_kind])
        self.actor_by_rank = np.argsort(score, kind="stable") + 1  # rank -> actor id
        self.actor_cdf = np.cumsum(_zipf(len(actors), ACTOR_ZIPF))
        self.surfaces = [None] + [a[4] for a in actors]  # actor id -> surface forms
        self.is_person = np.concatenate([[False], self.actor_kind == "person"])
        self.is_place = np.concatenate([[False], np.isin(self.actor_kind, ("country", "place"))])
        self.role_of = [None] + [ROLES[int(i)] for i in rng.integers(0, len(ROLES), len(actors))]
        self.country_ids = np.arange(1, countries + 1)

    def copy_reference_rows(self, cur: psycopg.Cursor) -> None:
        n_batches = math.ceil(self.n / ARTICLES_PER_BATCH)
        rows = []
        for b in range(1, n_batches + 1):
            articles = min(ARTICLES_PER_BATCH, self.n - (b - 1) * ARTICLES_PER_BATCH)
            docs = math.ceil(articles / ARTICLES_PER_DOCUMENT)
            stamp = dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(hours=b)
            rows.append(f"{b}\tsynthetic-{self.seed}-{b:05}\t{stamp.isoformat()}\t"
                        f"{(stamp + dt.timedelta(minutes=30)).isoformat()}\tcompleted\t{docs}\t{docs}\t0\t0\t{articles}\n")
        self._copy(cur, "import_batches (id, name, started_at, finished_at, status, files_seen, "
                   "files_imported, files_duplicate, files_rejected, articles_added)", rows)
        rows = [f"{i}\tSource {i} {_made_up_words(self.rng, 1, set())[0].capitalize()}\t"
                f"source{i}.example\t{SOURCE_KINDS[i % len(SOURCE_KINDS)]}\n" for i in range(1, N_SOURCES + 1)]
        self._copy(cur, "sources (id, name, domain, kind)", rows)
        rows, alias_rows, alias_id = [], [], 0
        for i, (key, name, kind, cc, aliases) in enumerate(self.actors, 1):
            rows.append(f"{i}\t{key}\t{name}\t{kind}\t{cc or chr(92) + 'N'}\t\\N\n")
            for k, a in enumerate(aliases):
                alias_id += 1
                origin = "gazetteer" if kind == "country" else ("extracted" if k == 0 else "curated")
                lang = "fr" if k == 1 and kind in ("country", "place") else "\\N"
                alias_rows.append(f"{alias_id}\t{i}\t{a}\t{_fold(a)}\t{lang}\t{origin}\n")
        self._copy(cur, "actors (id, key, canonical_name, kind, country_code, description)", rows)
        self._copy(cur, "actor_aliases (id, actor_id, alias, normalized, language, origin)", alias_rows)

    def _copy(self, cur: psycopg.Cursor, target: str, rows: list[str]) -> None:
        self.copy_text(cur, target, len(rows), "".join(rows))

    def copy_text(self, cur: psycopg.Cursor, target: str, rows: int, payload: str) -> None:
        """COPY `rows` rows (text format, one per line) into `target` ("table (columns)")."""
        if not rows:
            return
        t = time.perf_counter()
        data = payload.encode()
        with cur.copy(f"COPY {target} FROM STDIN WITH (FREEZE)") as copy:
            for k in range(0, len(data), 1 << 20):
                copy.write(data[k:k + (1 << 20)])
        table = target.split(" ", 1)[0]
        self.counts[table] += rows
        self.copy_seconds[table] = self.copy_seconds.get(table, 0.0) + time.perf_counter() - t

    # ------------------------------------------------------------------ articles and derived rows

    def skeleton(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Mentions, distinct actors and events per article, for all articles (so every chunk
        knows the ids it starts from, and chunks can be generated in another process)."""
        rng = np.random.default_rng([self.seed, 0xC0DE])
        n_mentions = 1 + rng.poisson(7, self.n)
        n_distinct = np.minimum(n_mentions, 1 + rng.poisson(2.5, self.n))
        n_events = rng.poisson(EVENTS_PER_ARTICLE, self.n)
        return n_mentions, n_distinct, n_events

    def make_chunk(self, index: int, first_id: int, n_mentions: np.ndarray, n_distinct: np.ndarray,
                   n_events: np.ndarray, first_mention_id: int, first_event_id: int) -> list[tuple[str, int, str]]:
        """COPY payloads [(target, rows, text)] for articles first_id.. (len(n_mentions) of them)."""
        rng = np.random.default_rng([self.seed, 1 + index])
        size = len(n_mentions)
        ids = range(first_id, first_id + size)
        french = rng.random(size) < FRENCH_SHARE
        undated = rng.random(size) < UNDATED_SHARE
        day = _sample(rng, self.day_cdf, size)
        no_source = rng.random(size) < NO_SOURCE_SHARE
        source = self.source_perm[_sample(rng, self.source_cdf, size)]
        tl, ll, bl = rng.integers(6, 12, size), rng.integers(15, 26, size), rng.integers(70, 91, size)
        rare = rng.random(size) < 1.0 / RARE_EVERY
        u_words = rng.random((size, 11 + 25 + 90))
        words: list = [None] * size
        for lang, mask in (("fr", french), ("en", ~french)):
            rows = np.flatnonzero(mask)
            drawn = np.minimum(np.searchsorted(self.word_cdf[lang], u_words[rows], side="right"),
                               len(self.vocab[lang]) - 1).tolist()
            for r, w in zip(rows.tolist(), drawn, strict=True):
                words[r] = w
        total_m, total_d, total_e = int(n_mentions.sum()), int(n_distinct.sum()), int(n_events.sum())
        actor_draw = self.actor_by_rank[_sample(rng, self.actor_cdf, total_d)].tolist()
        u_assign, u_pos, u_surface = (rng.random(total_m).tolist() for _ in range(3))
        u_role = rng.random(total_d).tolist()
        ev_type = _sample(rng, self.plover_cdf, total_e).tolist()
        ev_mode = _sample(rng, self.mode_cdf, total_e).tolist()
        ev_lag = rng.integers(0, 4, total_e).tolist()
        ev_u = rng.random((total_e, 6)).tolist()
        ev_loc = rng.integers(0, len(self.country_ids), total_e).tolist()
        n_mentions, n_distinct, n_events = n_mentions.tolist(), n_distinct.tolist(), n_events.tolist()

        vocab, days, surfaces, is_person, is_place = self.vocab, self.days, self.surfaces, self.is_person, self.is_place
        roles = ("source", "target", "participant")
        art_rows, doc_rows, men_rows, role_rows, ev_rows, ea_rows, em_rows = [], [], [], [], [], [], []
        mention_id, event_id = first_mention_id - 1, first_event_id - 1
        pm = pd = pe = 0
        offset = 0
        for k, aid in enumerate(ids):
            doc = (aid - 1) // ARTICLES_PER_DOCUMENT + 1
            segment = (aid - 1) % ARTICLES_PER_DOCUMENT
            if segment == 0:
                offset = 0
                batch = (aid - 1) // ARTICLES_PER_BATCH + 1
                sha = hashlib.sha256(f"{self.seed}:document:{doc}".encode()).hexdigest()
                text = f"synthetic document {doc}"
                doc_rows.append(f"{doc}\t{batch}\tsynthetic/{batch:05}/{doc:08}.html\t{sha}\t{len(text)}\t"
                                f"text/html\tutf-8\t{text}\timported\n")
            lang = "fr" if french[k] else "en"
            voc = vocab[lang]
            row = words[k]
            t, le, b = int(tl[k]), int(ll[k]), int(bl[k])
            title = " ".join([voc[i] for i in row[:t]]).capitalize()
            lead = " ".join([voc[i] for i in row[11:11 + le]]).capitalize() + "."
            body_words = [voc[i] for i in row[36:36 + b]]
            if rare[k]:
                body_words[b // 2] = RARE_WORD if lang == "fr" else "hypersonic"
            body = ". ".join([" ".join(body_words[j:j + 12]) for j in range(0, b, 12)]) + "."
            start = offset
            end = start + len(title) + len(lead) + len(body) + 4
            offset = end + 2
            published = None if undated[k] else days[day[k]]
            pub = published.isoformat() if published else "\\N"
            src = "\\N" if no_source[k] else str(source[k])
            chash = hashlib.sha256(f"{self.seed}:article:{aid}".encode()).hexdigest()
            art_rows.append(f"{aid}\t{doc}\t{segment}\t{start}\t{end}\t{title}\t{lead}\t{body}\t{lang}\t{pub}\t"
                            f"{'day' if published else chr(92) + 'N'}\t{src}\t{chash}\n")
            # Actors: distinct ones first (one mention each), then more mentions of the first ones.
            nd, nm = n_distinct[k], n_mentions[k]
            distinct = list(dict.fromkeys(actor_draw[pd:pd + nd]))
            ud = u_role[pd:pd + nd]
            pd += nd
            length = end - start
            for j in range(nm):
                actor = distinct[j] if j < len(distinct) else distinct[int(len(distinct) * u_assign[pm] ** 2)]
                forms = surfaces[actor]
                surface = forms[0] if u_surface[pm] < 0.7 else forms[int(u_surface[pm] * 10) % len(forms)]
                pos = int((length - len(surface) - 1) * u_pos[pm]) if length > len(surface) + 1 else 0
                mention_id += 1
                men_rows.append(f"{mention_id}\t{aid}\t{actor}\t{start + pos}\t{start + pos + len(surface)}\t"
                                f"{surface}\t{pos // 90}\n")
                pm += 1
            for j, actor in enumerate(distinct):
                if is_person[actor] and ud[j] < ROLE_SHARE:
                    role_rows.append(f"{actor}\t{self.role_of[actor]}\t{aid}\t{pub}\n")
            # Events: 1-3 of the article's actors; mentioned by the article (and maybe a neighbour).
            for _ in range(n_events[k]):
                u = ev_u[pe]
                etype = PLOVER[ev_type[pe]]
                mode = MODES[ev_mode[pe]]
                if published is None:
                    edate, precision = "\\N", "\\N"
                elif u[0] < 0.05:
                    edate, precision = published.replace(day=1).isoformat(), "month"
                else:
                    edate, precision = (published - dt.timedelta(days=ev_lag[pe])).isoformat(), "day"
                parts = distinct[:1 + int(u[1] * min(3, len(distinct)))]
                signature = etype + "|" + "|".join(sorted(f"{roles[j]}:{a}" for j, a in enumerate(parts)))
                location = "\\N"
                if u[2] < 0.4:
                    places = [a for a in distinct if is_place[a]]
                    location = str(places[0] if places else self.country_ids[ev_loc[pe]])
                event_id += 1
                ev_rows.append(f"{event_id}\t{etype}\t{mode}\t{edate}\t{precision}\t{location}\t"
                               f"{etype.lower()} ({mode})\t{0.5 + 0.45 * u[3]:.2f}\t{signature}\n")
                for j, a in enumerate(parts):
                    ea_rows.append(f"{event_id}\t{a}\t{roles[j]}\n")
                sentence = " ".join(body_words[:14]) + "."
                pos = int((length - len(sentence) - 1) * u[4]) if length > len(sentence) + 1 else 0
                em_rows.append(f"{event_id}\t{aid}\t{start + pos}\t{start + pos + len(sentence)}\t"
                               f"{sentence}\t{TRIGGERS[etype]}\n")
                if u[5] < 0.4:  # reported again by a neighbouring article (any date: archive order)
                    other = aid + 1 + int(u[5] * 500)
                    if other > self.n:
                        other = max(1, aid - 1 - int(u[5] * 500))
                    if other != aid:
                        em_rows.append(f"{event_id}\t{other}\t0\t{len(sentence)}\t{sentence}\t"
                                       f"{TRIGGERS[etype]}\n")
                pe += 1
        assert pm == total_m and pe == total_e
        return [(target, len(rows), "".join(rows)) for target, rows in (
            ("documents (id, batch_id, path, sha256, byte_size, media_type, encoding, raw_text, status)", doc_rows),
            ("articles (id, document_id, segment_index, char_start, char_end, title, lead, body, language, "
             "published_on, date_precision, source_id, content_hash)", art_rows),
            ("actor_mentions (id, article_id, actor_id, char_start, char_end, surface, sentence_index)", men_rows),
            ("actor_roles (actor_id, role, article_id, observed_on)", role_rows),
            ("events (id, event_type, mode, event_date, date_precision, location_actor_id, summary, confidence, "
             "signature)", ev_rows),
            ("event_actors (event_id, actor_id, role)", ea_rows),
            ("event_mentions (event_id, article_id, char_start, char_end, sentence, trigger)", em_rows))]


# One generator per worker process (built from (n, seed), so fork and spawn give the same rows).
_WORKER: _Generator | None = None


def _worker_init(n_articles: int, seed: int) -> None:
    global _WORKER
    _WORKER = _Generator(n_articles, seed)


def _worker_chunk(*args) -> list[tuple[str, int, str]]:
    assert _WORKER is not None
    return _WORKER.make_chunk(*args)


DEFAULT_HOME = "/tmp/veille-bench"


def bench_database(args, console, prefix: str) -> tuple[str, Any]:
    """The URL to fill and measure (`--database-url`, else a new database `<prefix>_<articles>_…`
    on the embedded server in VEILLE_HOME or /tmp/veille-bench), and how to drop it afterwards
    (None: keep it, with --keep or a given URL)."""
    if args.database_url:
        return args.database_url, None
    import os
    import uuid
    from pathlib import Path

    import psycopg

    from veille.schema.database import start_embedded

    home = Path(os.environ.get("VEILLE_HOME") or DEFAULT_HOME)
    name = f"{prefix}_{args.articles}_{uuid.uuid4().hex[:8]}"
    url = start_embedded(home, database=name)
    console.print(f"Database {name} on the embedded server in {home / 'pgdata'}")
    if args.keep:
        return url.render_as_string(hide_password=False), None
    admin = url.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)

    def drop() -> None:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return url.render_as_string(hide_password=False), drop


def run_bench(args, prefix: str, bench, show) -> int:
    """A benchmark script's main: the database (fresh, dropped at the end unless kept), the figures
    measured by `bench(url, args, console)`, printed by `show(result, console)`, and --json."""
    import json

    from rich.console import Console

    console = Console(width=max(120, Console().width))
    url, drop = bench_database(args, console, prefix)
    try:
        result = bench(url, args, console)
    finally:
        if drop is not None:
            drop()
    show(result, console)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
        console.print(f"Wrote {args.json}")
    return 0
