import json
import os
import subprocess
import sys
import unicodedata
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from veille.importer.gazetteer import (
    KINDS,
    METONYMS,
    SINGLE_NAME_ALIASES,
    Entry,
    alias_index,
    ambiguous_aliases,
    article_required_index,
    case_sensitive_aliases,
    get,
    load,
    lookup,
    normalize,
)

# ----------------------------------------------------------------------------- normalize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("l’OTAN", "otan"),
        ("Otan", "otan"),
        ("L'OTAN", "otan"),
        ("lʼOtan", "otan"),
        ("Les États-Unis", "etats-unis"),
        ("les Etats–Unis", "etats-unis"),  # en dash
        ("The  White\u00a0House", "white house"),
        ("Maison-Blanche", "maison-blanche"),
        ("Organisation du traité de l’Atlantique nord", "organisation du traite de l'atlantique nord"),
        ("Département d’État", "departement d'etat"),
        ("Mevlüt Çavuşoğlu", "mevlut cavusoglu"),
        ("Radosław", "radoslaw"),
        ("  Russie ", "russie"),
        ("Laos", "laos"),  # 'la' only stripped as a separate word
        ("Les", "les"),  # nothing left to keep: not stripped
    ],
)
def test_normalize_examples(raw, expected):
    assert normalize(raw) == expected


def test_normalize_keeps_inner_function_words():
    assert normalize("Cour de justice de l’Union européenne") == "cour de justice de l'union europeenne"
    assert normalize("la Cour des comptes") == "cour des comptes"
    assert normalize("l’Alliance", keep_article=True) == "l'alliance"


@given(st.text(max_size=40))
def test_normalize_output_is_clean(s):
    out = normalize(s)
    assert out == out.strip() and "  " not in out
    assert not any(c in out for c in "’‘ʼ–—")
    assert not any(unicodedata.combining(c) for c in out)
    assert normalize(out, keep_article=True) == out  # stable once the article is gone


# ----------------------------------------------------------------------------- API shape


def test_entries_are_well_formed():
    entries = load()
    assert load() is entries  # cached
    keys = [e.key for e in entries]
    assert len(keys) == len(set(keys))
    for e in entries:
        assert isinstance(e, Entry)
        assert e.kind in KINDS, e
        assert e.canonical_name
        assert e.aliases, e.key
        assert all(lang in {"fr", "en", "*"} for _, lang in e.aliases), e.key
        assert e.country_code is None or (len(e.country_code) == 2 and e.country_code.isupper())


# ----------------------------------------------------------------------------- resolution

EXPECTED = [
    ("OTAN", "org:NATO", "organisation"),
    ("l’Otan", "org:NATO", "organisation"),
    ("NATO", "org:NATO", "organisation"),
    ("l’Alliance atlantique", "org:NATO", "organisation"),
    ("UE", "org:EU", "organisation"),
    ("Union européenne", "org:EU", "organisation"),
    ("EU", "org:EU", "organisation"),
    ("États-Unis", "country:US", "country"),
    ("Etats-Unis", "country:US", "country"),
    ("USA", "country:US", "country"),
    ("United States", "country:US", "country"),
    ("Russie", "country:RU", "country"),
    ("Russia", "country:RU", "country"),
    ("Ukraine", "country:UA", "country"),
    ("Turquie", "country:TR", "country"),
    ("Türkiye", "country:TR", "country"),
    ("Royaume-Uni", "country:GB", "country"),
    ("Kremlin", "inst:KREMLIN", "organisation"),
    ("Maison-Blanche", "inst:WHITE-HOUSE", "organisation"),
    ("Maison Blanche", "inst:WHITE-HOUSE", "organisation"),
    ("White House", "inst:WHITE-HOUSE", "organisation"),
    ("Pentagone", "inst:PENTAGON", "organisation"),
    ("Tsahal", "inst:IDF", "organisation"),
    ("armée israélienne", "inst:IDF", "organisation"),
    ("CPI", "org:ICC", "organisation"),
    ("Cour pénale internationale", "org:ICC", "organisation"),
    ("OSCE", "org:OSCE", "organisation"),
    ("G7", "org:G7", "organisation"),
    ("PESCO", "org:PESCO", "organisation"),
    ("coopération structurée permanente", "org:PESCO", "organisation"),
    ("Poutine", "person:vladimir-putin", "person"),
    ("Putin", "person:vladimir-putin", "person"),
    ("Vladimir Poutine", "person:vladimir-putin", "person"),
    ("Anthony Blinken", "person:antony-blinken", "person"),
    ("Antony Blinken", "person:antony-blinken", "person"),
    ("Hamas", "org:HAMAS", "group"),
    ("talibans", "org:TALIBAN", "group"),
    ("Américains", "country:US", "country"),
    ("Israéliens", "country:IL", "country"),
]


@pytest.mark.parametrize(("surface", "key", "kind"), EXPECTED)
def test_alias_index_resolves(surface, key, kind):
    entry = alias_index().get(normalize(surface))
    assert entry is not None, surface
    assert (entry.key, entry.kind) == (key, kind)
    assert lookup(surface) == entry


def test_canonical_names():
    expected = {
        "US": "United States",
        "GB": "United Kingdom",
        "RU": "Russia",
        "IR": "Iran",
        "SY": "Syria",
        "KR": "South Korea",
        "TR": "Turkey",
        "VE": "Venezuela",
        "TW": "Taiwan",
        "VN": "Vietnam",
        "CZ": "Czechia",
        "UA": "Ukraine",
    }
    for code, name in expected.items():
        assert get(f"country:{code}").canonical_name == name
    assert get("inst:KREMLIN").country_code == "RU"
    assert get("inst:PENTAGON").country_code == "US"
    assert get("inst:IDF").country_code == "IL"


def test_washington_is_a_metonym_for_the_us():
    entry = alias_index()[normalize("Washington")]
    assert entry.key == "metonym:WASHINGTON"
    assert entry.kind == "place"
    assert METONYMS[entry.key] == "country:US"
    assert lookup("Moscou").key == "metonym:MOSCOW"
    assert METONYMS["metonym:MOSCOW"] == "country:RU"
    for surface in ("Kiev", "Kyiv", "Kiyv"):
        assert METONYMS[lookup(surface).key] == "country:UA"
    # every metonym target exists, and metonyms are not merged into countries
    for key, target in METONYMS.items():
        assert get(key).kind == "place"
        assert get(target) is not None
    assert "washington" not in {normalize(a) for a, _ in get("country:US").aliases}


def test_article_required_alliance():
    # bare 'Alliance' is too ambiguous for the index; 'l’Alliance' resolves via lookup()
    assert normalize("Alliance") not in alias_index()
    assert article_required_index()["l'alliance"].key == "org:NATO"
    assert lookup("l’Alliance").key == "org:NATO"
    assert lookup("L'Alliance").key == "org:NATO"
    assert lookup("l’alliance") is None
    assert lookup("réunion") is None and lookup("la réunion") is None
    assert lookup("la Réunion").key == "country:RE"


def test_case_sensitive_aliases():
    cs = case_sensitive_aliases()
    assert lookup("US").key == "country:US"
    assert lookup("us") is None
    assert lookup("UN").key == "org:UN"
    assert lookup("un") is None
    assert lookup("who") is None and lookup("WHO").key == "org:WHO"
    assert lookup("Français").key == "country:FR"
    assert lookup("français") is None
    assert lookup("AMÉRICAINS").key == "country:US"  # headline caps
    assert lookup("paris") is None and lookup("Paris").key == "metonym:PARIS"
    assert lookup("turkey") is None and lookup("Turkey").key == "country:TR"
    assert lookup("poutine") is None and lookup("POUTINE").key == "person:vladimir-putin"
    assert "otan" not in cs  # 'Otan' and 'OTAN' both in use


# ----------------------------------------------------------------------------- content


def test_countries():
    countries = [e for e in load() if e.kind == "country"]
    assert len(countries) >= 240
    missing = [
        e.key
        for e in countries
        if not (
            {"fr", "*"} & {lang for _, lang in e.aliases} and {"en", "*"} & {lang for _, lang in e.aliases}
        )
    ]
    assert not missing, missing


def test_counts():
    kinds = Counter(e.kind for e in load())
    assert kinds["organisation"] + kinds["group"] >= 60
    assert kinds["person"] >= 60
    assert kinds["place"] >= 20


def test_no_degenerate_aliases():
    bad = [(e.key, alias) for e in load() for alias, _ in e.aliases if len(normalize(alias)) < 2]
    assert not bad, bad
    # function words may only be keys when matched case-sensitively ('US', 'UN')
    function_words = "le la les de des du en et un une au aux the a an of in on to us at is".split()
    cs = case_sensitive_aliases()
    leaks = [w for w in function_words if w in alias_index() and w not in cs]
    assert not leaks, leaks


def test_person_aliases_are_full_names():
    single = {normalize(a) for a in SINGLE_NAME_ALIASES}
    offenders = [
        (e.key, alias)
        for e in load()
        if e.kind == "person"
        for alias, _ in e.aliases
        if " " not in alias.strip()
        and "-" not in alias
        and normalize(alias) not in single
        and not alias.isupper()  # initials like 'AKK', 'MBS'
    ]
    assert not offenders, offenders
    for alias, key in SINGLE_NAME_ALIASES.items():
        assert alias_index()[normalize(alias)].key == key


def test_ambiguous_aliases_are_few():
    amb = ambiguous_aliases()
    assert len(amb) <= 10, json.dumps(amb, ensure_ascii=False, indent=1)
    for key, entries in amb.items():
        assert key not in alias_index()
        assert len(entries) >= 2
    print("ambiguous aliases:", json.dumps(amb, ensure_ascii=False))


def test_cold_load_time():
    code = (
        "import time; t = time.perf_counter();"
        "from veille.importer.gazetteer import load, alias_index; load(); alias_index();"
        "print(time.perf_counter() - t)"
    )
    # same import path as this process (works with an installed package or PYTHONPATH)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    elapsed = float(out.stdout.strip())
    print(f"cold load (incl. imports): {elapsed:.3f}s")
    assert elapsed < 1.5  # target ~0.25 s; generous bound for slow CI machines
