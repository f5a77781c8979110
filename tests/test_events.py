"""Events on the seed batch: the ones an analyst must find, evidence, merging, modes."""

from __future__ import annotations

import datetime as dt
import sys

import pytest
from support import REPO, import_into, migrated, query

from veille.importer import actors, dates, events, gazetteer, nlp

sys.path.insert(0, str(REPO / "tests" / "eval"))
import events_eval  # noqa: E402


def find(url: str, event_type: str, **arrays) -> list[dict]:
    rows = query(url, "SELECT event_id, mode, event_date, date_precision, date_text, location, sources, targets, "
                      "participants, mentions FROM event_overview WHERE event_type = %s ORDER BY event_id",
                 (event_type,))
    keys = ("id", "mode", "date", "precision", "date_text", "location", "sources", "targets", "participants",
            "mentions")
    out = [dict(zip(keys, r, strict=True)) for r in rows]
    return [e for e in out if all(set(v) <= set(e[k]) for k, v in arrays.items())]


def test_geneva_talks(seeded):
    [talks] = [e for e in find(seeded, "CONSULT", participants=["United States", "Russia"]) if e["location"]]
    assert (talks["mode"], talks["date"], talks["precision"]) == ("planned", dt.date(2022, 1, 10), "day")
    assert talks["location"] in ("Genève", "Geneva")
    assert " ".join(talks["date_text"].split()) == "lundi 10 janvier"


def test_white_house_invites_delcy_rodriguez(seeded):
    assert find(seeded, "CONSULT", sources=["White House"], targets=["Delcy Rodríguez"])


def test_russia_expels_a_british_diplomat(seeded):
    assert find(seeded, "SANCTION", sources=["Russia"], targets=["United Kingdom"])


def test_eu_loan_to_ukraine(seeded):
    assert find(seeded, "AID", sources=["European Union"], targets=["Ukraine"])


def test_nato_defence_ministers_meeting_failed_to_agree_and_turkey_blocked(seeded):
    meetings = [e for e in find(seeded, "CONSULT", participants=["NATO"]) if e["location"] == "Brussels"]
    assert meetings
    assert [e for e in find(seeded, "AGREE", participants=["NATO"]) if e["mode"] == "denied"]
    assert find(seeded, "REJECT", sources=["Turkey"])


def test_us_sanctions_on_the_turkish_defence_ministry_have_no_invented_date(seeded):
    [sanction] = find(seeded, "SANCTION", sources=["United States"], targets=["Turkey"])
    assert sanction["date"] is None and sanction["mode"] == "done"


def test_every_event_has_an_actor_and_its_evidence(seeded):
    assert query(seeded, "SELECT count(*) FROM events e WHERE NOT EXISTS "
                         "(SELECT 1 FROM event_actors a WHERE a.event_id = e.id)") == [(0,)]
    rows = query(seeded, "SELECT m.sentence, substr(d.raw_text, m.char_start + 1, m.char_end - m.char_start), m.trigger "
                         "FROM event_mentions m JOIN articles a ON a.id = m.article_id "
                         "JOIN documents d ON d.id = a.document_id")
    assert len(rows) >= 30
    for sentence, evidence, trigger in rows:
        assert sentence == evidence and trigger in sentence


def test_captions_make_no_events(seeded):
    captions = [c for (c,) in query(seeded, "SELECT captions FROM articles WHERE captions IS NOT NULL")]
    sentences = [s for (s,) in query(seeded, "SELECT sentence FROM event_mentions")]
    for caption in captions:
        for s in sentences:
            assert s not in caption


def test_the_same_event_reported_twice_is_one_event(make_database, tmp_path):
    url = migrated(make_database())
    (tmp_path / "a.txt").write_text(
        "La Russie expulse un diplomate britannique accusé d’espionnage\n\n"
        "Publié le 12 mars 2024\n\nMoscou a expulsé un diplomate britannique mardi.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "Espionnage : Moscou frappe l'ambassade\n\nPar Jean Durand\n\n"
        "La Russie expulse un diplomate britannique, a annoncé le ministère russe des Affaires étrangères.\n",
        encoding="utf-8")
    assert import_into(url, tmp_path).exit_code == 0
    [event] = find(url, "SANCTION", sources=["Russia"], targets=["United Kingdom"])
    reports = query(url, "SELECT count(DISTINCT article_id) FROM event_mentions WHERE event_id = %s", (event["id"],))
    assert event["mentions"] >= 2 and reports == [(2,)]


def _events_of(text: str, article_date=dt.date(2024, 3, 12)):
    model = nlp.pipeline("fr")
    parts = [actors.Part(0, text, "body")]
    docs = [model(text)]
    return events.extract(parts, docs, actors.extract(parts, docs), "fr", article_date)


@pytest.mark.parametrize(("sentence", "event_type", "mode"), [
    ("La Russie a expulsé un diplomate britannique.", "SANCTION", "done"),
    ("La Russie pourrait expulser un diplomate britannique.", "SANCTION", "hypothetical"),
    ("La Russie n'a pas expulsé le diplomate britannique.", "SANCTION", "denied"),
    ("La Russie expulsera un diplomate britannique la semaine prochaine.", "SANCTION", "planned"),
])
def test_modes(sentence, event_type, mode):
    found = [e for e in _events_of(sentence) if e.event_type == event_type]
    assert [e.mode for e in found] == [mode]


def test_event_dates_relative_to_the_article():
    [ev] = [e for e in _events_of("Les ministres de l'OTAN se sont réunis jeudi à Bruxelles.")
            if e.event_type == "CONSULT"]
    assert (ev.event_date, ev.date_text, ev.location.canonical_name) == (dt.date(2024, 3, 7), "jeudi", "Brussels")
    [ev] = [e for e in _events_of("La Russie a expulsé un diplomate britannique.") if e.event_type == "SANCTION"]
    assert (ev.event_date, ev.date_text) == (dt.date(2024, 3, 12), "(date of the article)")


def test_precision_and_recall_against_the_gold_list():
    scores = events_eval.evaluate()
    # The seeds' gold lists the events a careful analyst keeps (background and topics of discussion
    # left out), so it measures recall; its precision counts every other PLOVER event as extra.
    # Measured with the 16-category lexicon: precision 0.40, recall 0.82 (0.61 / 0.69 before); with
    # pronouns resolved within a paragraph and sentence pieces joined: 0.40 / 0.87.
    assert scores["required_missed"] == [], scores
    assert scores["recall"] >= 0.84, scores
    assert scores["precision"] >= 0.39, scores


def test_generic_actors_are_group_actors_with_their_country(make_database, tmp_path):
    url = migrated(make_database())
    (tmp_path / "a.txt").write_text(
        "Istanbul : la police disperse un rassemblement\n\nPublié le 12 mars 2024\n\n"
        "La police turque a interpellé vingt manifestants mardi à Istanbul.\n\n"
        "Des combattants palestiniens ont tiré des roquettes sur Israël dans la nuit.\n", encoding="utf-8")
    assert import_into(url, tmp_path).exit_code == 0
    # the Turkish police: one actor with its country, found in SQL by what the text said
    [(actor_id, name, kind, country)] = query(
        url, "SELECT a.id, a.canonical_name, a.kind, a.country_code FROM actors a JOIN actor_aliases l "
             "ON l.actor_id = a.id WHERE l.normalized = %s", (gazetteer.normalize("police turque"),))
    assert country == "TR" and kind in ("group", "organisation")
    [arrest] = find(url, "COERCE", sources=[name])
    assert arrest["mode"] == "done" and arrest["targets"]
    [(kind, country)] = query(url, "SELECT kind, country_code FROM actors WHERE canonical_name = %s",
                              ("Palestine: militants",))
    assert (kind, country) == ("group", "PS")
    assert find(url, "ASSAULT", sources=["Palestine: militants"], targets=["Israel"])


def test_a_state_body_is_one_actor_however_it_is_named(make_database, tmp_path):
    url = migrated(make_database())
    (tmp_path / "a.txt").write_text(
        "Heurts à Ankara\n\nPublié le 14 mars 2024\n\n"
        "La police turque a interpellé vingt manifestants mardi à Ankara.\n\n"
        "Des policiers turcs ont ensuite dispersé le rassemblement.\n", encoding="utf-8")
    assert import_into(url, tmp_path).exit_code == 0
    # Turkish actors that are neither the country nor a place, used by a mention or by an event
    police = query(url, "SELECT canonical_name, kind FROM actors a WHERE country_code = 'TR' "
                        "AND kind NOT IN ('country', 'place') AND (a.id IN (SELECT actor_id FROM actor_mentions) "
                        "OR a.id IN (SELECT actor_id FROM event_actors))")
    assert len(police) == 1, police


@pytest.mark.parametrize(("sentence", "language", "event_type", "sources", "targets"), [
    # passive with its agent, and without
    ("Deux diplomates russes ont été expulsés par la Pologne.", "fr", "SANCTION", {"Poland"}, {"Russia"}),
    ("Quatre civils ont été tués dans un bombardement.", "fr", "ASSAULT", set(), {"civilians"}),
    ("Five soldiers were abducted by rebels.", "en", "ASSAULT", {"rebels"}, {"military"}),
    # nominal events with their arguments
    ("L'expulsion de deux diplomates russes par la Pologne a été annoncée mardi.", "fr", "SANCTION", {"Poland"},
     {"Russia"}),
    ("The arrest of 20 protesters by Kenyan soldiers angered the opposition.", "en", "COERCE", {"Kenya: military"},
     {"protesters"}),
    # reported speech: the event is what is reported, not the saying
    ("Selon le ministère, l'armée malienne a bombardé la ville de Kidal.", "fr", "ASSAULT", {"Mali: military"},
     set()),
    # the accuser acts
    ("Hungarian officials accused Ukraine of sabotage.", "en", "ACCUSE", {"Hungary"}, {"Ukraine"}),
    # the one who walks free is released; those called out to strike protest with those who call them
    ("An Italian aid worker walked free on Monday.", "en", "RETREAT", set(), {"Italy: workers"}),
    ("Les ouvriers turcs sont appelés à la grève par leurs syndicats.", "fr", "PROTEST",
     {"Turkey: workers", "unions"}, set()),
    # a sector named by two nouns
    ("Rights groups condemned the demolition of the homes.", "en", "ACCUSE", {"NGOs"}, set()),
    # a state body whose country is not said acts as that body when it is the subject
    ("Authorities arrested twelve protesters on Sunday.", "en", "COERCE", {"government"}, {"protesters"}),
    # forces sent with no one named as sender mobilise themselves; boats gathered do not
    ("Des milliers de soldats ont été déployés près de la frontière.", "fr", "MOBILIZE", {"military"}, set()),
    ("Des dizaines de bateaux ont été rassemblés près du port.", "fr", "MOBILIZE", set(), set()),
])
def test_arguments_of_events(sentence, language, event_type, sources, targets):
    found = [e for e in _events_in(sentence, language) if e.event_type == event_type]
    assert found, [e.summary for e in _events_in(sentence, language)]
    ev = found[0]
    assert {m.canonical_name for m in ev.sources} == sources, ev.summary
    assert targets <= {m.canonical_name for m in ev.targets}, ev.summary


@pytest.mark.parametrize(("sentence", "language"), [
    ("Emmanuel Macron a évoqué une attaque contre la base de Kidal.", "fr"),
    ("Joe Biden mentioned an attack on the base.", "en"),
])
def test_who_speaks_of_an_event_did_not_do_it(sentence, language):
    assert not [e for e in _events_in(sentence, language) if e.event_type == "ASSAULT" and e.sources]


def test_the_content_of_a_threat_or_a_request_is_not_a_second_event():
    assert [e.event_type for e in _events_in("La Russie menace de frapper l'Ukraine.", "fr")] == ["THREATEN"]
    assert [e.event_type for e in _events_in("Iran called on Britain to release the sailors.", "en")] == ["REQUEST"]


def test_several_events_in_one_sentence_and_coordinated_actors():
    events_ = _events_in("Riot police fired tear gas and arrested dozens of protesters in Dhaka.", "en")
    assert {"ASSAULT", "COERCE", "PROTEST"} <= {e.event_type for e in events_}
    [meeting] = [e for e in _events_in("La France et l'Allemagne se sont réunies à Berlin.", "fr")
                 if e.event_type == "CONSULT"]
    assert {"France", "Germany"} <= {m.canonical_name for m in meeting.participants}


def _events_in(text: str, language: str, article_date=dt.date(2024, 3, 12)):
    model = nlp.pipeline(language)
    parts = [actors.Part(0, text, "body")]
    docs = [model(text)]
    return events.extract(parts, docs, actors.extract(parts, docs), language, article_date)


def _sources(ev) -> set[tuple[str, str]]:
    return {(m.surface, m.canonical_name) for m in ev.sources or ev.participants}


def test_an_acronym_the_parse_makes_the_subject_acts():
    [ev] = [e for e in _events_in("Le FPLC rejette les accusations du gouvernement congolais.", "fr")
            if e.event_type == "REJECT"]
    assert _sources(ev) == {("FPLC", "FPLC")} and ev.sources[0].kind == "organisation"


def test_a_first_person_pronoun_in_a_quotation_is_its_speaker():
    [ev] = [e for e in _events_in("« Nous allons expulser ces personnes », a déclaré Gérald Darmanin.", "fr")
            if e.event_type == "COERCE"]
    assert _sources(ev) == {("Nous", "Gérald Darmanin")} and ev.mode == "planned"


def test_a_possessive_pronoun_on_a_noun_event_is_the_actor_before_it():
    [ev] = [e for e in _events_in("Poland defended its expulsion of two Russian diplomats.", "en")
            if e.event_type == "SANCTION"]
    assert {m.canonical_name for m in ev.sources} == {"Poland"}
    assert {m.canonical_name for m in ev.targets} == {"Russia"}


@pytest.mark.parametrize(("text", "language", "event_type", "source"), [
    ("Le président nigérien Mohamed Bazoum a reçu les ambassadeurs mardi. Il a ensuite condamné l'attaque "
     "contre la base de Niamey.", "fr", "ACCUSE", ("Il", "Mohamed Bazoum")),
    ("Germany's foreign minister Annalena Baerbock arrived in Kyiv on Monday. She condemned the Russian strikes "
     "on the city.", "en", "ACCUSE", ("She", "Annalena Baerbock")),
])
def test_a_subject_pronoun_stands_for_the_subject_of_the_sentence_before(text, language, event_type, source):
    [ev] = [e for e in _events_in(text, language) if e.event_type == event_type]
    assert _sources(ev) == {source}


def test_a_pronoun_with_no_actor_to_stand_for_gives_no_source():
    # the sentence before has no actor subject: "Il" is nobody the article names
    found = _events_in("Les ambassadeurs sont arrivés mardi. Il a condamné l'attaque contre la base.", "fr")
    assert not [e for e in found if e.event_type == "ACCUSE" and e.sources]


def test_a_verb_the_tagger_took_for_another_word_is_looked_up_as_a_verb():
    assert "démentir" in events._verb_lemmas("fr", "dément")
    assert events._verb_lemmas("fr", "xyzzy") == ()


@pytest.mark.parametrize(("words", "future", "past", "expected"), [
    (["Il", "a", "parlé", "jeudi"], False, True, (dt.date(2024, 3, 7), "day", "jeudi")),
    (["Il", "parlera", "jeudi"], True, False, (dt.date(2024, 3, 14), "day", "jeudi")),
    (["They", "met", "yesterday"], False, True, (dt.date(2024, 3, 11), "day", "yesterday")),
    (["Ils", "se", "sont", "vus", "la", "semaine", "dernière"], False, True, (dt.date(2024, 3, 1), "month",
                                                                             "la semaine dernière")),
    (["Il", "a", "parlé"], False, True, (dt.date(2024, 3, 12), "day", "(date of the article)")),
    (["Il", "parle"], False, False, None),
])
def test_event_dates_from_the_words_of_the_sentence(words, future, past, expected):
    text = " ".join(words)
    assert dates.event_date(text, words, dt.date(2024, 3, 12), future=future, past=past) == expected


def test_a_year_after_a_span_word_is_not_the_event_date():
    text = "Le plan prévoit des livraisons pour 2026, signé le 3 mars 2024."
    assert dates.event_date(text, text.split(), None) == (dt.date(2024, 3, 3), "day", "3 mars 2024")


def test_one_official_whose_country_is_not_said_is_no_actor():
    # one person named by a title alone ("le ministre") is named elsewhere in the article
    assert not [e for e in _events_in("Le ministre a ordonné l'expulsion des migrants.", "fr") if e.sources]


def test_his_country_is_the_country_of_the_actor_before_it():
    found = _events_in("British Foreign Minister Jack Straw said his country will not deploy troops to Sudan.", "en")
    [ev] = [e for e in found if e.event_type == "MOBILIZE"]
    assert _sources(ev) == {("his country", "United Kingdom")}


def test_causative_passive_helpers_and_visits():
    # "faire fuir": who is made to flee flees, whichever way the parse hangs "faire"
    [ev] = [e for e in _events_in("L'armée ukrainienne a fait fuir la flotte russe.", "fr") if e.event_type == "RETREAT"]
    assert {m.canonical_name for m in ev.sources} == {"Russia"}
    # who helps with a passive arrest is not the one who made it
    [ev] = [e for e in _events_in("Le passeur a été arrêté au Niger avec l'aide de la police française.", "fr")
            if e.event_type == "COERCE"]
    assert not ev.sources
    # "on his visit": the visitor is the noun the phrase qualifies, or the nationality in his title
    [ev] = [e for e in _events_in("The Pakistani President on his visit to Kabul praised the election.", "en")
            if e.event_type == "CONSULT"]
    assert {m.canonical_name for m in ev.sources} == {"Pakistan"}


@pytest.mark.parametrize(("sentence", "language"), [
    ("Since January, Turkish police have arrested nearly 12,000 people.", "en"),
    ("Les autorités iraniennes ont procédé à 20 000 arrestations en trois mois.", "fr"),
])
def test_a_tally_over_time_is_no_event(sentence, language):
    assert not [e for e in _events_in(sentence, language) if e.event_type == "COERCE"]


def test_one_mass_arrest_is_still_an_event():
    [ev] = [e for e in _events_in("Turkish police arrested 1,200 protesters in Istanbul on Sunday.", "en")
            if e.event_type == "COERCE"]
    assert {m.canonical_name for m in ev.targets} == {"protesters"}


def test_a_subjectless_passive_and_a_title_in_apposition():
    # the passive shares its clause's subject: the migrants are the ones released
    [ev] = [e for e in _events_in("Plusieurs migrants arrivés avec le navire en novembre avaient été relâchés.", "fr")
            if e.event_type == "RETREAT"]
    assert not ev.sources and {m.canonical_name for m in ev.targets} == {"refugees"}
    # "X, le vice-président…, a rencontré le secrétaire d'État américain": both sides met
    [ev] = [e for e in _events_in("Kim Yong Chol, le vice-président du comité central, a rencontré le secrétaire "
                                  "d’État américain à Pyongyang.", "fr") if e.event_type == "CONSULT"]
    assert {m.canonical_name for m in ev.participants} == {"Kim Yong Chol", "United States"}


def test_every_noun_of_a_demand_is_its_content():
    found = _events_in("Iran demanded an end to the strikes and the withdrawal of US troops.", "en")
    assert [e.event_type for e in found] == ["REQUEST"]


def test_only_forces_are_mobilised():
    assert not [e for e in _events_in("Une équipe d'experts a été déployée sur place.", "fr")
                if e.event_type == "MOBILIZE"]
    assert [e for e in _events_in("La Russie a déployé des soldats et des experts à la frontière.", "fr")
            if e.event_type == "MOBILIZE"]


def test_the_act_a_sentence_is_for_is_its_charge_not_a_second_event():
    found = _events_in("A Yemeni court jailed five militants for the bombing of a French tanker.", "en")
    assert {e.event_type for e in found} == {"SANCTION", "COERCE"}


def test_a_threat_nobody_makes_is_no_threat():
    assert not _events_in("The province faced the threat of epidemics after the floods.", "en")
    [ev] = _events_in("La menace russe pèse sur la Moldavie.", "fr")
    assert ev.event_type == "THREATEN" and {m.canonical_name for m in ev.sources} == {"Russia"}


def test_who_expresses_support_is_its_actor():
    [ev] = [e for e in _events_in("Emmanuel Macron a exprimé la solidarité des Français envers les Belges.", "fr")
            if e.event_type == "SUPPORT"]
    assert {m.canonical_name for m in ev.sources} == {"Emmanuel Macron"}


def test_using_weapons_against_someone_is_an_assault():
    [ev] = _events_in("La Russie utilise des armes chimiques contre l'armée ukrainienne.", "fr")
    assert (ev.event_type, ev.plover_mode) == ("ASSAULT", "unconventional")
    assert {m.canonical_name for m in ev.sources} == {"Russia"}
    assert not _events_in("L'armée a utilisé des armes lourdes.", "fr")  # against no one: no event


def test_a_headline_verb_is_no_part_of_a_name():
    [ev] = _events_in("Japan to Deport Ex-Chess Champion Bobby Fischer", "en")
    assert ev.event_type == "COERCE" and {m.canonical_name for m in ev.sources} == {"Japan"}


def test_a_headline_infinitive_is_what_will_be_done():
    [ev] = _events_in("U.K. to Pledge $3 Billion More in Military Aid to Ukraine", "en")
    assert (ev.event_type, ev.mode) == ("AGREE", "planned")
    assert {m.canonical_name for m in ev.sources} == {"United Kingdom"}
    [ev] = _events_in("Japan to Deport Ex-Chess Champion Bobby Fischer", "en")
    assert ev.mode == "planned" and {m.canonical_name for m in ev.targets} == {"Bobby Fischer"}


def test_casualties_to_deplore_blame_no_one():
    assert not [e for e in _events_in("Le navire a pris feu, sans qu'aucune victime ne soit à déplorer.", "fr")
                if e.event_type == "ACCUSE"]
    assert [e for e in _events_in("La France déplore l'attaque russe contre Kiev.", "fr") if e.event_type == "ACCUSE"]


def test_a_noun_event_qualifying_another_shares_its_actor():
    found = _events_in("Le président allemand en visite de solidarité en Israël", "fr")
    [support] = [e for e in found if e.event_type == "SUPPORT"]
    assert {m.canonical_name for m in support.sources} == {"Germany"}


def test_targets_declared_legitimate_are_the_declarers_threat():
    [ev] = _events_in("Pour Kiev, ces pétroliers deviennent des cibles légitimes.", "fr")
    assert ev.event_type == "THREATEN" and {m.canonical_name for m in ev.sources} == {"Ukraine"}
    assert {m.canonical_name for m in ev.targets} == {"vessels"}
    [ev] = _events_in("Hezbollah said Israeli ships are legitimate targets.", "en")
    assert ev.event_type == "THREATEN" and {m.canonical_name for m in ev.sources} == {"Hezbollah"}


@pytest.mark.parametrize("sentence", [
    "The province faced floods yesterday after the worst flooding in a century killed at least 172 people.",
    "Tropical Storm Jeanne headed for the Bahamas after killing three people in Haiti.",
])
def test_a_disaster_that_kills_is_no_assault(sentence):
    assert not [e for e in _events_in(sentence, "en") if e.event_type == "ASSAULT"]


def test_an_ultimatum_and_its_condition_are_one_threat():
    found = _events_in("Iraqi militants threatened to execute the French journalist unless US forces withdraw "
                       "from Najaf.", "en")
    assert "RETREAT" not in {e.event_type for e in found} and "THREATEN" in {e.event_type for e in found}


@pytest.mark.parametrize(("sentence", "language", "mode"), [
    ("La Russie a envoyé des milliers de soldats à la frontière ukrainienne.", "fr", "troops"),
    ("Russia sent thousands of soldiers to the Ukrainian border.", "en", "troops"),
    ("Israël a rappelé des dizaines de milliers de réservistes.", "fr", "troops"),
    ("Israel has called up tens of thousands of reservists.", "en", "troops"),
    ("La Pologne a renforcé ses troupes à la frontière biélorusse.", "fr", "troops"),
    ("Japan is strengthening its military presence in the south of the archipelago.", "en", "troops"),
    ("L'Iran a testé un nouveau missile balistique.", "fr", "weapons"),
    ("Iran tested a new ballistic missile.", "en", "weapons"),
])
def test_forces_sent_or_added_and_weapons_tested_are_a_mobilisation(sentence, language, mode):
    found = [e for e in _events_in(sentence, language) if e.event_type == "MOBILIZE"]
    assert found and found[0].plover_mode == mode, [e.summary for e in _events_in(sentence, language)]
    assert not [e for e in _events_in(sentence, language) if e.event_type == "AID"]


@pytest.mark.parametrize(("sentence", "language", "event_type"), [
    ("Le gouvernement a renforcé sa coopération avec le Maroc.", "fr", "MOBILIZE"),
    ("Les élèves de Lyon ont testé une nouvelle application.", "fr", "MOBILIZE"),
    ("Samsung tested a new app in Seoul.", "en", "MOBILIZE"),
    ("Germany sent soldiers to help the flood victims in Poland.", "en", "MOBILIZE"),
])
def test_what_is_moved_or_tried_decides_a_mobilisation(sentence, language, event_type):
    assert event_type not in {e.event_type for e in _events_in(sentence, language)}


@pytest.mark.parametrize(("sentence", "language", "source"), [
    ("Le gouvernement israélien a mis fin au blocus de Gaza.", "fr", "Israel government"),
    ("The Israeli government ended the blockade of Gaza.", "en", "Israel government"),
    ("Washington a annulé les sanctions contre la Syrie.", "fr", "United States"),
    ("Washington cancelled the sanctions against Syria.", "en", "United States"),
    ("L'Égypte a rouvert le point de passage de Rafah.", "fr", "Egypt"),
    ("Egypt reopened the Rafah crossing.", "en", "Egypt"),
    ("Tunisian prosecutors dropped the charges against the journalist.", "en", "Tunisia: judiciary"),
    ("The Egyptian government gave in to the strikers' demands.", "en", "Egypt government"),
])
def test_ending_a_restriction_or_opening_access_is_a_concession(sentence, language, source):
    found = _events_in(sentence, language)
    concessions = [e for e in found if e.event_type == "CONCEDE"]
    assert concessions and {m.canonical_name for m in concessions[0].sources} == {source}, \
        [e.summary for e in found]
    # the restriction that ends is not imposed a second time
    assert not [e for e in found if e.event_type in ("SANCTION", "COERCE", "ACCUSE")], [e.summary for e in found]


@pytest.mark.parametrize(("sentence", "language", "event_type"), [
    ("Washington a annulé la réunion avec la Syrie.", "fr", "REJECT"),
    ("Egyptian authorities said they won't give in to the kidnappers' demands.", "en", "REJECT"),
    ("La justice turque a ouvert une enquête sur le ministre.", "fr", "ACCUSE"),
])
def test_the_object_decides_whether_cancelling_or_opening_concedes(sentence, language, event_type):
    found = {e.event_type for e in _events_in(sentence, language)}
    assert event_type in found and "CONCEDE" not in found, found


@pytest.mark.parametrize(("sentence", "language", "event_type", "target"), [
    ("Les États-Unis aident l'Ukraine avec des armes et des munitions.", "fr", "AID", "Ukraine"),
    ("The United States is helping Ukraine with weapons and ammunition.", "en", "AID", "Ukraine"),
    ("La Turquie a accueilli deux millions de réfugiés syriens.", "fr", "AID", "Syria: refugees"),
    ("Turkey has taken in two million Syrian refugees.", "en", "AID", "Syria: refugees"),
    ("The European Union released 50 million euros for Sudan.", "en", "AID", "Sudan"),
    ("Paris a convoqué l'ambassadeur d'Iran.", "fr", "ACCUSE", "Iran"),
    ("Paris summoned the Iranian ambassador.", "en", "ACCUSE", "Iran"),
    ("La police turque a interrogé trois suspects.", "fr", "ACCUSE", "suspects"),
    ("France recognised the State of Palestine.", "en", "SUPPORT", "Palestine"),
    ("La France a reconnu l'État de Palestine.", "fr", "SUPPORT", "Palestine"),
])
def test_what_a_verb_acts_on_gives_its_category(sentence, language, event_type, target):
    found = [e for e in _events_in(sentence, language) if e.event_type == event_type]
    assert found and target in {m.canonical_name for m in found[0].targets}, \
        [e.summary for e in _events_in(sentence, language)]


@pytest.mark.parametrize(("sentence", "language", "event_type"), [
    ("Emmanuel Macron a reconnu une erreur.", "fr", "SUPPORT"),
    ("Les avions russes ont largué des bombes sur Alep.", "fr", "AID"),
    ("Interrogée sur la guerre en Ukraine, Giorgia Meloni a confirmé son soutien.", "fr", "ACCUSE"),
    ("The United Nations released a report on Sudan.", "en", "AID"),
])
def test_with_another_object_those_verbs_are_not_that_event(sentence, language, event_type):
    assert event_type not in {e.event_type for e in _events_in(sentence, language)}


@pytest.mark.parametrize(("sentence", "language"), [
    ("Les rebelles ont juré de se venger de l'armée.", "fr"),
    ("The rebels vowed revenge against the army.", "en"),
    ("Le Hezbollah promet une riposte contre Israël.", "fr"),
])
def test_a_promise_of_reprisal_is_a_threat(sentence, language):
    types = [e.event_type for e in _events_in(sentence, language)]
    assert "THREATEN" in types and "AGREE" not in types, types


@pytest.mark.parametrize(("sentence", "language", "event_type", "mode"), [
    ("Le gouvernement iranien a coupé l'accès à internet.", "fr", "COERCE", "censor"),
    ("The Iranian government cut off internet access.", "en", "COERCE", "censor"),
    ("French police cleared a migrant camp in Calais.", "en", "COERCE", "restrict"),
    ("Les agriculteurs ont bloqué les routes autour de Paris.", "fr", "PROTEST", "obstruct"),
    ("Farmers blocked roads around Paris.", "en", "PROTEST", "obstruct"),
    ("Le Mali a rompu ses relations diplomatiques avec l'Ukraine.", "fr", "SANCTION", "withdraw"),
    ("Mali severed diplomatic relations with Ukraine.", "en", "SANCTION", "withdraw"),
    ("La police kényane a tiré à balles réelles sur les manifestants.", "fr", "ASSAULT", "firearms"),
    ("Kenyan police fired live rounds at protesters.", "en", "ASSAULT", "firearms"),
    ("Un kamikaze s'est fait exploser devant une mosquée à Kaboul.", "fr", "ASSAULT", "suicide-attack"),
    ("A suicide bomber blew himself up outside a mosque in Kabul.", "en", "ASSAULT", "suicide-attack"),
    ("Les syndicats français ont appelé à une grève générale.", "fr", "PROTEST", "strike"),
    ("L'opposition boycotte les élections législatives.", "fr", "PROTEST", "boycott"),
    ("The junta imposed a curfew in Niamey.", "en", "COERCE", None),
])
def test_more_codebook_words_and_the_objects_that_decide_them(sentence, language, event_type, mode):
    found = _events_in(sentence, language)
    assert [e for e in found if e.event_type == event_type and (mode is None or e.plover_mode == mode)
            and (e.sources or e.participants)], [e.summary for e in found]
    if event_type == "PROTEST":  # calling a strike or blocking roads is no request and no refusal
        assert not [e for e in found if e.event_type in ("REQUEST", "REJECT")], [e.summary for e in found]


@pytest.mark.parametrize(("sentence", "language", "event_type"), [
    ("Satellite images of the site in Iran demonstrated its intention to build weapons.", "en", "PROTEST"),
    ("Germany's allies warned that the strikes risked a wider regional war.", "en", "THREATEN"),
    ("Les alliés de l'Allemagne ont averti que les frappes risquaient de provoquer une guerre régionale.", "fr",
     "THREATEN"),
])
def test_showing_something_and_predicting_are_no_protest_and_no_threat(sentence, language, event_type):
    assert event_type not in {e.event_type for e in _events_in(sentence, language)}
    # the same verbs keep their political sense
    assert "PROTEST" in {e.event_type for e in _events_in("Thousands of Iranians demonstrated in Tehran.", "en")}
    assert "THREATEN" in {e.event_type for e in _events_in("L'Iran a averti Israël qu'il riposterait.", "fr")}


@pytest.mark.parametrize(("sentence", "language", "event_type", "mode"), [
    ("Vladimir Putin received the Turkish president at the Kremlin.", "en", "CONSULT", "visit"),
    ("Emmanuel Macron s'est rendu à Kiev.", "fr", "CONSULT", "visit"),
    ("Emmanuel Macron travelled to Kyiv.", "en", "CONSULT", "visit"),
    ("Les États-Unis partagent des renseignements avec l'Ukraine.", "fr", "COOPERATE", None),
    ("The United States is sharing intelligence with Ukraine.", "en", "COOPERATE", None),
    ("La Russie a rendu les corps de 500 soldats ukrainiens.", "fr", "RETREAT", "release"),
    ("Russia returned the bodies of 500 Ukrainian soldiers.", "en", "RETREAT", "release"),
    ("Les combattants kurdes ont rendu les armes.", "fr", "RETREAT", "disarm"),
    ("Kurdish fighters laid down their arms.", "en", "RETREAT", "disarm"),
    ("French troops left Niger.", "en", "RETREAT", "withdraw"),
    ("L'Union européenne a suspendu son aide au Niger.", "fr", "SANCTION", "discontinue"),
    ("The European Union suspended its aid to Niger.", "en", "SANCTION", "discontinue"),
    ("La Chine a imposé des droits de douane sur les produits américains.", "fr", "SANCTION", None),
    ("China imposed tariffs on American goods.", "en", "SANCTION", None),
    ("L'Iran a décliné l'invitation de Washington.", "fr", "REJECT", None),
    ("Israel ruled out any ceasefire.", "en", "REJECT", None),
])
def test_more_verbs_whose_object_or_subject_gives_the_category(sentence, language, event_type, mode):
    found = _events_in(sentence, language)
    assert [e for e in found if e.event_type == event_type and (mode is None or e.plover_mode == mode)], \
        [e.summary for e in found]
    if event_type == "SANCTION":  # aid suspended is not aid given, nor a concession
        assert not [e for e in found if e.event_type in ("AID", "CONCEDE")], [e.summary for e in found]


@pytest.mark.parametrize(("sentence", "language", "event_type"), [
    ("Ukraine received weapons from Germany.", "en", "CONSULT"),
    ("Thousands of tourists left Venice.", "en", "RETREAT"),
    ("The Patriarch traveled to Mount Athos on Sunday.", "en", "CONSULT"),
])
def test_receiving_things_leaving_as_civilians_and_journeys_are_no_such_events(sentence, language, event_type):
    assert event_type not in {e.event_type for e in _events_in(sentence, language)}


@pytest.mark.parametrize(("sentence", "language", "supported"), [
    ("Amnesty International défend Alexeï Navalny face au Kremlin.", "fr", True),
    ("Amnesty International defends Alexei Navalny against the Kremlin.", "en", True),
    ("Les soldats ukrainiens défendent Bakhmout.", "fr", False),
])
def test_defending_a_person_or_a_body_is_support_defending_a_place_is_not(sentence, language, supported):
    assert ("SUPPORT" in {e.event_type for e in _events_in(sentence, language)}) is supported


@pytest.mark.parametrize(("sentence", "language", "event_type", "mode"), [
    ("Israël et le Hamas sont parvenus à un accord de cessez-le-feu.", "fr", "AGREE", None),
    ("Israel and Hamas reached a ceasefire agreement.", "en", "AGREE", None),
    ("Le Kremlin a balayé les accusations de Kiev.", "fr", "REJECT", None),
    ("The Kremlin brushed aside Kyiv's accusations.", "en", "REJECT", None),
    ("La junte malienne a dissous les partis politiques.", "fr", "COERCE", "restrict"),
    ("The Malian junta dissolved political parties.", "en", "COERCE", "restrict"),
    ("Le gouvernement russe a fermé le journal indépendant.", "fr", "COERCE", "censor"),
    ("Des jihadistes ont égorgé trois villageois au Burkina Faso.", "fr", "ASSAULT", None),
    ("Russian forces besieged the city of Mariupol.", "en", "ASSAULT", None),
    ("Israeli settlers set fire to Palestinian homes.", "en", "ASSAULT", "destroy"),
    ("Les autorités iraniennes ont assigné à résidence l'opposant.", "fr", "COERCE", "arrest"),
    ("Iranian authorities placed the opponent under house arrest.", "en", "COERCE", "arrest"),
])
def test_agreements_refusals_bans_and_attacks_in_both_languages(sentence, language, event_type, mode):
    found = _events_in(sentence, language)
    assert [e for e in found if e.event_type == event_type and (mode is None or e.plover_mode == mode)], \
        [e.summary for e in found]
    if event_type == "REJECT":  # the accusation brushed aside is the other side's, reported, not made here
        assert not [e for e in found if e.event_type == "ACCUSE" and e.sources and
                    e.sources[0].canonical_name in ("Kremlin", "Russia")], [e.summary for e in found]


def test_an_agreement_referred_to_is_not_reached_again():
    found = _events_in("L'accord conclu avec les talibans prévoit le départ des troupes américaines.", "fr")
    assert "AGREE" not in {e.event_type for e in found}, [e.summary for e in found]
    found = _events_in("Israel reached into Damascus on Sunday, dealing a blow to Hamas.", "en")
    assert "AGREE" not in {e.event_type for e in found}, [e.summary for e in found]


@pytest.mark.parametrize(("sentence", "event_type"), [
    ("Les autorités iraniennes ont assigné à résidence l'opposant.", "REJECT"),
    ("Les pensions des soldats russes combattant en Ukraine ont été réduites.", "ASSAULT"),
])
def test_a_present_participle_that_names_someone_is_no_event(sentence, event_type):
    assert event_type not in {e.event_type for e in _events_in(sentence, "fr")}


@pytest.mark.parametrize(("sentence", "language", "event_type", "source"), [
    ("Les paramilitaires soudanais ont attaqué un camp de déplacés.", "fr", "ASSAULT", "Sudan: militants"),
    ("Sudanese paramilitaries attacked a camp for displaced people.", "en", "ASSAULT", "Sudan: militants"),
    ("Des gangs haïtiens ont attaqué un commissariat.", "fr", "ASSAULT", "Haiti: gangs"),
    ("Le parquet turc a inculpé le maire d'Istanbul.", "fr", "ACCUSE", "Turkey: judiciary"),
])
def test_more_generic_actors_with_their_country(sentence, language, event_type, source):
    found = [e for e in _events_in(sentence, language) if e.event_type == event_type]
    assert found and source in {m.canonical_name for m in found[0].sources}, \
        [e.summary for e in _events_in(sentence, language)]


@pytest.mark.parametrize(("sentence", "language", "event_type", "kept"), [
    ("Washington sanctioned Serbia for failing to arrest and hand over war crimes suspects.", "en", "COERCE",
     "SANCTION"),
    ("A Yemeni court jailed a militant who plotted to kill the French ambassador.", "en", "ASSAULT", "SANCTION"),
    ("La police a arrêté un homme qui avait comploté pour assassiner le président.", "fr", "ASSAULT", "COERCE"),
])
def test_a_failed_or_plotted_act_is_not_an_event(sentence, language, event_type, kept):
    found = {e.event_type for e in _events_in(sentence, language)}
    assert event_type not in found and kept in found, found


@pytest.mark.parametrize(("sentence", "language"), [
    ("L'Iran est sous le coup de sanctions américaines depuis 2018.", "fr"),
    ("Iran has been under American sanctions since 2018.", "en"),
    ("Gaza vit sous blocus israélien depuis 2007.", "fr"),
])
def test_living_under_sanctions_is_a_state_not_an_event(sentence, language):
    assert not [e for e in _events_in(sentence, language) if e.event_type in ("SANCTION", "COERCE")]
    assert "SANCTION" in {e.event_type for e in _events_in("Washington a imposé des sanctions à l'Iran.", "fr")}


@pytest.mark.parametrize(("sentence", "language"), [
    ("Moscow will not hesitate to use nuclear weapons.", "en"),
    ("Moscou n'hésitera pas à utiliser l'arme nucléaire.", "fr"),
])
def test_not_hesitating_to_strike_is_a_threat_made_now(sentence, language):
    threats = [e for e in _events_in(sentence, language) if e.event_type == "THREATEN"]
    assert threats and threats[0].mode == "done", [e.summary for e in _events_in(sentence, language)]
    assert {m.canonical_name for m in threats[0].sources} == {"Russia"}


@pytest.mark.parametrize(("sentence", "language", "fought"), [
    ("The new Indonesian president vowed to fight corruption.", "en", False),
    ("Le nouveau président indonésien a promis de combattre la corruption.", "fr", False),
    ("Iraqi fighters fought U.S. troops in Baghdad.", "en", True),
    ("L'armée malienne combat les jihadistes dans le centre du pays.", "fr", True),
])
def test_fighting_is_an_assault_only_against_someone(sentence, language, fought):
    types = [e.event_type for e in _events_in(sentence, language)]
    assert ("ASSAULT" in types) is fought and "THREATEN" not in types, types


@pytest.mark.parametrize(("sentence", "language"), [
    ("Le chef du réseau a été arrêté au Niger avec l'aide de la police française.", "fr"),
    ("The network's leader was arrested in Niger with the help of the French police.", "en"),
])
def test_an_act_done_with_another_s_help_is_cooperation(sentence, language):
    types = [e.event_type for e in _events_in(sentence, language)]
    assert "COOPERATE" in types and "AID" not in types, types


@pytest.mark.parametrize(("sentence", "language", "mobilised"), [
    ("La police française a doublé son dispositif à Calais.", "fr", True),
    ("The French police doubled its patrols in Calais.", "en", True),
    ("France created a new battalion in Mayotte.", "en", True),
    ("Le gouvernement français a créé un fonds pour les agriculteurs.", "fr", False),
])
def test_raising_or_creating_forces_is_a_mobilisation(sentence, language, mobilised):
    assert ("MOBILIZE" in {e.event_type for e in _events_in(sentence, language)}) is mobilised


@pytest.mark.parametrize(("sentence", "language", "event_type"), [
    ("Insurgents fired mortars at the US base in Mosul.", "en", "ASSAULT"),
    ("Des insurgés ont tiré des obus de mortier sur la base américaine de Mossoul.", "fr", "ASSAULT"),
    ("North Korea fired a ballistic missile into the sea.", "en", "MOBILIZE"),
    ("India test-fired a surface-to-air missile from a site in Orissa on Friday.", "en", "MOBILIZE"),
    ("Des militants ont décapité un otage japonais en Irak.", "fr", "ASSAULT"),
])
def test_weapons_fired_at_someone_attack_fired_at_no_one_are_a_test(sentence, language, event_type):
    types = {e.event_type for e in _events_in(sentence, language)}
    assert event_type in types and not ({"ASSAULT", "MOBILIZE"} - {event_type}) & types, types


@pytest.mark.parametrize(("sentence", "language", "event_type", "mode"), [
    ("Le président turc a téléphoné à Vladimir Poutine.", "fr", "CONSULT", "phone"),
    ("The Turkish president phoned Vladimir Putin.", "en", "CONSULT", "phone"),
    ("La Cour pénale internationale a émis un mandat d'arrêt contre Vladimir Poutine.", "fr", "ACCUSE", "allege"),
    ("The International Criminal Court issued an arrest warrant for Vladimir Putin.", "en", "ACCUSE", "allege"),
])
def test_calls_and_warrants(sentence, language, event_type, mode):
    found = _events_in(sentence, language)
    assert [e for e in found if e.event_type == event_type and e.plover_mode == mode], [e.summary for e in found]
    assert "COERCE" not in {e.event_type for e in found}  # a warrant is a charge, no one is arrested yet


@pytest.mark.parametrize(("sentence", "language"), [
    ("Des hommes armés ont assassiné un haut responsable irakien à Bagdad.", "fr"),
    ("Un groupe armé a attaqué un village dans l'est de la RDC.", "fr"),
    ("An armed group attacked a village in eastern Congo.", "en"),
])
def test_armed_men_and_armed_groups_are_militants(sentence, language):
    found = [e for e in _events_in(sentence, language) if e.event_type == "ASSAULT"]
    assert found and "militants" in {m.canonical_name for m in found[0].sources}, \
        [e.summary for e in _events_in(sentence, language)]


@pytest.mark.parametrize(("english", "french", "event_type", "source"), [
    ("Germany applauded Poland's decision.", "L'Allemagne a applaudi la décision de la Pologne.", "SUPPORT",
     "Germany"),
    ("The Italian government backtracked on the reform.", "Le gouvernement italien a fait machine arrière sur la réforme.",
     "CONCEDE", "Italy government"),
    ("The United States airlifted food to Kabul.", "Les États-Unis ont mis en place un pont aérien vers Kaboul.",
     "AID", "United States"),
    ("Russia called up reservists near the Ukrainian border.",
     "La Russie a rappelé des réservistes près de la frontière ukrainienne.", "MOBILIZE", "Russia"),
    ("Russia put its nuclear forces on alert.", "La Russie a mis en alerte ses forces nucléaires.", "MOBILIZE",
     "Russia"),
    ("Russian forces pulled back from Kherson.", "Les forces russes se sont repliées de Kherson.", "RETREAT",
     "Russia: military"),
    ("Egypt mediated between Israel and Hamas.", "L'Égypte a servi de médiateur entre Israël et le Hamas.",
     "CONSULT", "Egypt"),
    ("Saudi Arabia donated 100 million dollars to Sudan.",
     "L'Arabie saoudite a donné 100 millions de dollars au Soudan.", "AID", "Saudi Arabia"),
    ("Turkey dropped its objections to Sweden's membership.",
     "La Turquie a levé ses objections à l'adhésion de la Suède.", "CONCEDE", "Turkey"),
    ("Gunmen murdered a judge in Mexico City.", "Des hommes armés ont perpétré une tuerie à Mexico.", "ASSAULT",
     "militants"),
])
def test_a_report_and_its_translation_give_the_same_event(english, french, event_type, source):
    for sentence, language in ((english, "en"), (french, "fr")):
        found = [e for e in _events_in(sentence, language) if e.event_type == event_type]
        assert found, (language, [e.summary for e in _events_in(sentence, language)])
        assert source in {m.canonical_name for e in found for m in e.sources or e.participants}, \
            (language, [e.summary for e in found])


@pytest.mark.parametrize(("sentence", "language"), [
    ("Hungary withdrew its veto on Sweden's membership.", "en"),
    ("La Hongrie a retiré son veto à l'adhésion de la Suède.", "fr"),
])
def test_a_veto_withdrawn_is_a_concession_not_a_rejection(sentence, language):
    kinds = {e.event_type for e in _events_in(sentence, language)}
    assert "CONCEDE" in kinds and "REJECT" not in kinds, kinds
