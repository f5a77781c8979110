"""Actors on the seed batch: one actor per real-world entity, no junk, provenance, curation."""

from __future__ import annotations

import datetime as dt
import sys

from support import REPO, SEEDS, import_into, migrated, query

from veille.importer import nlp
from veille.importer.actors import Part, extract

sys.path.insert(0, str(REPO / "tests" / "eval"))
import actors_eval  # noqa: E402

EXPECTED = {
    "NATO": "organisation", "European Union": "organisation", "United States": "country", "Russia": "country",
    "Ukraine": "country", "Antony Blinken": "person", "Jens Stoltenberg": "person", "Joe Biden": "person",
    "Donald Trump": "person", "Vladimir Putin": "person", "Lloyd Austin": "person", "Mark Esper": "person",
    "Annalena Baerbock": "person", "Recep Tayyip Erdoğan": "person",
}  # fmt: skip


def actors(url: str) -> dict[str, str]:
    return dict(query(url, "SELECT canonical_name, kind FROM actors WHERE EXISTS "
                           "(SELECT 1 FROM actor_mentions m WHERE m.actor_id = actors.id)"))


def test_one_actor_each_with_the_right_kind(seeded):
    found = actors(seeded)
    for name, kind in EXPECTED.items():
        assert found.get(name) == kind, name
    for surname in ("Blinken", "Stoltenberg", "Poutine", "Putin", "Erdogan", "Austin", "Biden", "Trump", "Esper"):
        named = [n for n, kind in found.items() if kind == "person" and surname.lower() in n.lower()]
        assert len(named) <= 1, named


def test_surface_forms_merge_into_one_actor(seeded):
    forms = dict(query(seeded, "SELECT DISTINCT m.surface, a.canonical_name FROM actor_mentions m "
                               "JOIN actors a ON a.id = m.actor_id"))
    assert forms["Poutine"] == "Vladimir Putin"
    assert forms["Anthony Blinken"] == forms["Antony Blinken"] == "Antony Blinken"
    assert forms["OTAN"] == forms["Otan"] == forms["NATO"] == "NATO"
    assert forms["Stoltenberg"] == "Jens Stoltenberg"  # "M. Stoltenberg", honorific stripped
    assert forms["Blinken"] == "Antony Blinken"
    assert forms["Etats-Unis"] == forms["États-Unis"] == forms["United States"] == "United States"


def test_no_junk_actors(seeded):
    names = {n.casefold() for n in actors(seeded)}
    for junk in ("n’", "qu’", "c’", "lire", "publié", "carnet", "crédit", "b2", "ap", "afp", "reuters",
                 "aurélie pugnet", "andriy dubchak", "yves herman", "jonathan nackstrand", "le monde", "panorapost",
                 "state", "etat", "européens"):
        assert junk not in names, junk
    assert all(n[:1].isupper() or n[:1].isdigit() for n in actors(seeded)), "lower-case fragment as an actor"


def test_precision_and_recall_against_the_gold_list():
    scores = actors_eval.evaluate()
    assert scores["precision"] >= 0.90, scores
    assert scores["recall"] >= 0.85, scores


def test_every_mention_points_at_its_evidence(seeded):
    rows = query(seeded, "SELECT m.surface, substr(d.raw_text, m.char_start + 1, m.char_end - m.char_start), "
                         "m.sentence_index, m.extraction_run_id, a.char_start <= m.char_start AND m.char_end <= a.char_end "
                         "FROM actor_mentions m JOIN articles a ON a.id = m.article_id "
                         "JOIN documents d ON d.id = a.document_id")
    assert len(rows) > 300
    for surface, evidence, sentence, run, inside in rows:
        assert surface == evidence and sentence >= 0 and run is not None and inside


def test_roles_are_dated_by_their_article(seeded):
    roles = query(seeded, "SELECT r.role, r.observed_on FROM actor_roles r JOIN actors a ON a.id = r.actor_id "
                          "WHERE a.canonical_name = 'Jens Stoltenberg' ORDER BY 2 NULLS LAST, 1")
    assert ("secrétaire général de l’OTAN", dt.date(2022, 1, 7)) in roles
    assert ("secrétaire général de l'Otan", dt.date(2021, 2, 17)) in roles
    baerbock = query(seeded, "SELECT r.role FROM actor_roles r JOIN actors a ON a.id = r.actor_id "
                             "WHERE a.canonical_name = 'Annalena Baerbock'")
    assert ("German Foreign Minister",) in baerbock


def test_credits_and_sources_are_not_mentions(seeded):
    surfaces = {s for (s,) in query(seeded, "SELECT DISTINCT surface FROM actor_mentions")}
    assert not surfaces & {"AP", "AFP", "Reuters", "B2", "DUBCHAK", "Aurélie Pugnet", "YVES HERMAN"}


def _mentions(text: str, lang: str = "fr"):
    model = nlp.pipeline(lang)
    parts = [Part(0, text, "body")]
    return extract(parts, [model(text)])


def test_capital_city_is_the_government_unless_it_is_a_place():
    acting = _mentions("Face à l’enquête, Washington menace de sanctions les personnes impliquées.")
    assert ("United States", "country") in {(m.canonical_name, m.kind) for m in acting}
    place = _mentions("La visite à Washington du ministre a duré plusieurs jours.")
    assert ("Washington", "place") in {(m.canonical_name, m.kind) for m in place}


def test_surname_resolves_within_the_article_but_not_blindly():
    ms = _mentions("Le ministre Pierre Dupontel a rencontré Jean Dupontel. Dupontel a ensuite parlé à la presse.")
    # two people named Dupontel: no guess, and no third "Dupontel" actor
    assert {m.key for m in ms if "Dupontel" in m.surface} == {"person:pierre dupontel", "person:jean dupontel"}
    ms = _mentions("Le ministre Pierre Dupontel est arrivé. M. Dupontel a ensuite parlé à la presse.")
    assert {m.key for m in ms if "Dupontel" in m.surface} == {"person:pierre dupontel"}


def test_merge_and_alias_removal_survive_reprocessing(make_database, cli):
    url = migrated(make_database())
    assert import_into(url, SEEDS / "001_3ab86442644f17d1.txt").exit_code == 0
    assert cli("--database-url", url, "actors", "merge", "Liz Truss", "United Kingdom").exit_code == 0
    assert cli("--database-url", url, "actors", "alias", "remove", "Iran", "Iran").exit_code == 0
    assert cli("--database-url", url, "actors", "rename", "Aharon Haliva", "Aharon Haliva (IDF)").exit_code == 0
    assert cli("--database-url", url, "actors", "set-kind", "Kremlin", "place").exit_code == 0

    def state():
        return (query(url, "SELECT count(*) FROM actors WHERE canonical_name = 'Liz Truss'")[0][0],
                query(url, "SELECT count(*) FROM actor_mentions m JOIN actors a ON a.id = m.actor_id "
                           "WHERE a.canonical_name = 'United Kingdom' AND m.surface = 'Liz Truss'")[0][0],
                query(url, "SELECT count(*) FROM actor_mentions m JOIN actors a ON a.id = m.actor_id "
                           "WHERE a.canonical_name = 'Iran' AND m.surface = 'Iran'")[0][0],
                query(url, "SELECT kind FROM actors WHERE canonical_name = 'Kremlin'")[0][0],
                query(url, "SELECT count(*) FROM actors WHERE canonical_name = 'Aharon Haliva (IDF)'")[0][0])

    before = state()
    assert before == (0, 1, 0, "place", 1)
    assert cli("--database-url", url, "reprocess").exit_code == 0
    assert state() == before
    assert query(url, "SELECT count(*) FROM actor_curations")[0][0] == 4


def test_alias_add_applies_on_reprocess(make_database, cli):
    url = migrated(make_database())
    assert import_into(url, SEEDS / "000_ef52888bcba6b3e6.txt").exit_code == 0

    def owner():
        return query(url, "SELECT a.canonical_name FROM actor_mentions m JOIN actors a ON a.id = m.actor_id "
                          "WHERE m.surface = 'Haut-Karabakh'")

    assert owner() != [("Russia",)]
    assert cli("--database-url", url, "actors", "alias", "add", "Russia", "Haut-Karabakh").exit_code == 0
    assert cli("--database-url", url, "reprocess").exit_code == 0
    assert owner() == [("Russia",)]


def test_unknown_actor_error_lists_close_matches(seeded, cli):
    result = cli("--database-url", seeded, "actors", "show", "Stoltenbreg")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == ["Error: no actor named 'Stoltenbreg'; close matches: Jens Stoltenberg"]


def test_the_loader_joins_kinds_and_surnames_across_the_batch(make_database):
    import psycopg

    from veille.importer.actors import Mention
    from veille.importer.pipeline import resolve_actors

    def m(key: str, name: str, kind: str) -> Mention:
        return Mention(key, name, kind, None, name, 0, 1, 0)

    url = migrated(make_database())
    mentions = [m("organisation:ai", "AI", "organisation"), m("organisation:ai", "AI", "organisation"),
                m("place:ai", "AI", "place"), m("person:andrew yang", "Andrew Yang", "person"),
                m("surname:yang", "Yang", "person")]
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as conn:
        actor_of = resolve_actors(conn, mentions)
    assert actor_of["place:ai"] == actor_of["organisation:ai"]
    assert actor_of["surname:yang"] == actor_of["person:andrew yang"]
    assert query(url, "SELECT canonical_name, kind FROM actors ORDER BY 1") == [
        ("AI", "organisation"), ("Andrew Yang", "person")]


def test_the_people_of_the_byline_are_not_actors_of_their_article():
    from veille.importer import actors
    from veille.importer.analyze import parse
    from veille.importer.extract import extract_articles

    text = ("Kiev reçoit le soutien de ses alliés\n\nMarie Lefort et Paul Durand, envoyés spéciaux à Kiev\n\n"
            "Le président ukrainien Volodymyr Zelensky a reçu mardi le ministre allemand de la Défense, "
            "Boris Pistorius, pour discuter de nouvelles livraisons d'armes.\n")
    [record] = extract_articles(text, {})
    pieces, docs = parse([record])
    names = {m.canonical_name for m in actors.extract(pieces[0], docs[0], None, "Marie Lefort et Paul Durand")}
    assert {"Volodymyr Zelensky", "Boris Pistorius"} <= names
    assert not names & {"Marie Lefort", "Paul Durand"}
