"""The seed batch imported into the embedded PostgreSQL: every title, date, language and source."""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest
from support import SEEDS, import_into, migrated, query

SEED_000 = "000_ef52888bcba6b3e6.txt"
SEED_001 = "001_3ab86442644f17d1.txt"
SEED_002 = "002_85743b88cec77898.txt"
SEED_003 = "003_bc95917e9b30098b.txt"
SEED_004 = "004_676301b6e6a952f1.txt"

TITLES = {
    SEED_000: [
        "Carnet (11.11.2020). Confidentiels. Défense. Diplomatie UE. Crises. Sécurité. Pouvoirs. People",
        "Pour la Bulgarie, le partenariat stratégique c’est avec Washington et Lockheed Martin. La PESCO et les Européens un détail ?",
        "Carnet (26.06.2020). Confidentiels. Défense. Diplomatie UE. Crises. Pouvoirs. People",
        "Les États-Unis ne veulent pas voir les militaires US impliqués dans les enquêtes de la CPI",
        "Pas touche à mon budget. Les partisans de la défense montent au créneau en Europe et aux USA",
        "Carnet spécial (17.02.2020). Conférence de la sécurité de Munich (Occident vs Russie. Europe dans le monde. Moyen-Orient. Iran. Chine. Arctique. Pacifique)",
        "(Ministérielle Défense) Accord avec les Taliban\u00a0: l’OTAN reste suspendue aux progrès américains",
        "Discussion franche et ouverte à l’OTAN sur la Turquie sans solution. La blessure entre alliés demeure (v2)",
        "Européens regardez-bien ! La menace vient de l’extrême Est, la Chine, pas du Sud (Mark Esper)",
        "Les USA mettent à l’index le ministère de la Défense turc. Les Alliés de l’OTAN mis en demeure de prendre des sanctions plus dures",
        "Golfe Persique. Les États-Unis demandent l’aide de leurs alliés de l’OTAN",
    ],
    SEED_001: [
        "Ukraine : les membres de l’OTAN affichent leur unité avant les pourparlers américano-russes",
        "Germany’s new Foreign Minister Annalena Baerbock meets US counterpart Antony\u00a0Blinken",
        "Blinken says nuclear talks halted because Iran ‘doesn’t seem\u00a0serious’",
        "Tsahal : l’Iran se rapproche de l’arme nucléaire, mais nous allons les\u00a0contrer",
        "A l’OTAN, l’administration Biden rassure ses alliés\u00a0européens",
    ],
    SEED_002: [
        "Venezuela : la présidente par intérim Delcy Rodríguez invitée par la Maison-Blanche, un tournant diplomatique majeur",
        "Groenland : le Danemark demande à ses fonctionnaires de désactiver le Bluetooth par crainte d’espionnage",
        "Le Canada envisage l’envoi de troupes au Groenland : renforcement de la présence occidentale dans l’Arctique",
        "Poutine invité au Conseil de paix de Trump, des discussions attendues entre Moscou et Washington",
        "La Russie expulse un diplomate britannique accusé d’espionnage",
        "Le Kremlin salue la volonté de certains pays européens de renouer le dialogue avec la Russie",
        "Face aux pressions chinoises, Tokyo et Séoul resserrent les liens",
        "Un Taliban prend officiellement la tête de l’ambassade afghane à New\u202fDelhi",
        "Mexique : Sheinbaum exclut toute présence de troupes américaines sur le sol mexicain",
        "UE : l’Ukraine pourra utiliser le prêt pour acheter des armes américaines, la France n’a pas obtenu son objectif",
    ],
    SEED_003: ["L’OTAN divisée sur les plans de défense pour répondre à une éventuelle attaque russe"],
    SEED_004: ["L'Otan prépare un \"reset\" de l'Alliance après l'arrivée de Biden"],
}


@pytest.fixture(scope="module")
def seeds_to_change(make_database):
    """The seeds in a database of this module's own, for the tests that import again or reprocess
    (the session's `seeded` is only read)."""
    url = migrated(make_database())
    result = import_into(url, SEEDS, batch="seeds")
    assert result.exit_code == 0, result.output
    return url


def articles_of(url: str, seed: str) -> list[dict]:
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql"), row_factory=psycopg.rows.dict_row) as conn:
        return conn.execute(
            "SELECT a.*, s.name AS source FROM articles a JOIN documents d ON d.id = a.document_id "
            "LEFT JOIN sources s ON s.id = a.source_id WHERE d.path LIKE %s ORDER BY a.segment_index",
            (f"%{seed}",)).fetchall()


def by_title(rows, prefix: str) -> dict:
    [row] = [r for r in rows if r["title"].startswith(prefix)]
    return row


@pytest.mark.parametrize("seed", sorted(TITLES))
def test_every_title_of_every_seed(seeded, seed):
    assert [a["title"] for a in articles_of(seeded, seed)] == TITLES[seed]


def test_twenty_eight_articles_in_the_batch(seeded):
    assert query(seeded, "SELECT count(*) FROM articles")[0][0] == 28
    batch = query(seeded, "SELECT files_seen, files_imported, files_rejected, articles_added, status "
                          "FROM import_batches WHERE name = 'seeds'")
    assert batch == [(5, 5, 0, 28, "completed")]


def test_b2_listing_captions_sources_and_carnet_dates(seeded):
    rows = articles_of(seeded, SEED_000)
    assert {r["source"] for r in rows} == {"B2"}
    carnets = {r["title"][:27]: r["published_on"] for r in rows if r["title"].startswith("Carnet")}
    assert carnets == {"Carnet (11.11.2020). Confid": dt.date(2020, 11, 11),
                       "Carnet (26.06.2020). Confid": dt.date(2020, 6, 26),
                       "Carnet spécial (17.02.2020)": dt.date(2020, 2, 17)}
    captions = {r["title"][:20]: r["captions"] for r in rows if r["captions"]}
    assert captions["Européens regardez-b"].startswith("Mark Esper lors de sa conférence avec le German Marshall Fund")
    assert captions["Les USA mettent à l’"].startswith("Le ministre de la Défense visé nommément")
    assert captions["Golfe Persique. Les "] == "Mark Esper, pendant la réunion ministérielle (Crédit : US Defence)"
    # No wrong year: the Bulgarian and CPI teasers carry no date evidence.
    assert by_title(rows, "Pour la Bulgarie")["published_on"] is None
    assert by_title(rows, "Les États-Unis ne veulent")["published_on"] is None


def test_yearless_weekday_dates_take_the_year_of_their_weekday(seeded):
    rows = articles_of(seeded, SEED_000)
    golfe = by_title(rows, "Golfe Persique")
    assert (golfe["published_on"], golfe["date_evidence"]) == (dt.date(2019, 6, 27), "jeudi (27 juin)")
    poutine = by_title(articles_of(seeded, SEED_002), "Poutine invité")
    assert (poutine["published_on"], poutine["date_precision"], poutine["date_evidence"]) == (
        dt.date(2026, 1, 19), "day", "lundi 19 janvier")


def test_tag_page_languages_dates_and_furniture(seeded):
    rows = articles_of(seeded, SEED_001)
    assert [r["language"] for r in rows] == ["fr", "en", "en", "fr", "fr"]
    assert [(r["published_on"], r["date_evidence"]) for r in rows] == [
        (dt.date(2022, 1, 7), "7 janvier 2022"),
        (None, None),
        (dt.date(2021, 12, 2), "Thursday, Dec. 2, 2021"),
        (dt.date(2021, 10, 13), "13 octobre 2021"),
        (dt.date(2021, 3, 23), "mardi 23 mars 2021"),
    ]
    assert rows[4]["source"] == "Le Monde"
    for r in rows:
        text = "\n".join(filter(None, [r["lead"], r["body"]]))
        for junk in ("Publié le", "Lire la suite", "lire l’intégralité", "la suite sur le Monde"):
            assert junk not in text, (r["title"], junk)
        assert "Blinken" != r["title"]
    assert "ANDRIY DUBCHAK / AP" in rows[0]["captions"] and "ANDRIY DUBCHAK" not in rows[0]["body"]


def test_archive_page_subheadings_stay_inside_their_article(seeded):
    rows = articles_of(seeded, SEED_002)
    loan = by_title(rows, "UE : l’Ukraine pourra")
    for sub in ("La France voulait des achats exclusivement européens", "L’UE a choisi la flexibilité",
                "L’aide militaire reste cruciale"):
        assert sub in loan["body"]
    kremlin = by_title(rows, "Le Kremlin salue")
    assert "En résumé" in kremlin["body"] and "Un dialogue rompu depuis 2022" in kremlin["body"]
    assert kremlin["lead"] == "Moscou voit un signal « positif » venu d’Europe"
    assert all("Lire la suite" not in (r["body"] or "") + (r["lead"] or "") for r in rows)
    assert by_title(rows, "Face aux pressions")["source"] == "AFP"


def test_single_article_without_slug_crosslink_or_footer(seeded):
    [row] = articles_of(seeded, SEED_003)
    for junk in ("LOTAN divisee", "La OTAN rectifica", "Suivez les sujets qui vous intéressent", "fr-02"):
        assert junk not in row["body"] and junk not in (row["lead"] or "")
    assert row["body"].rstrip().endswith("entre les mains des 31 alliés\u00a0».")
    assert "Une autre année de Stoltenberg ?" in row["body"]


def test_ticker_page_has_one_article_from_panorapost(seeded):
    [row] = articles_of(seeded, SEED_004)
    assert (row["published_on"], row["date_precision"], row["source"]) == (dt.date(2021, 2, 17), "day", "PanoraPost")
    everything = row["body"] + (row["lead"] or "")
    for junk in ("Bouari inaugure", "Merci d'avoir signalé", "Cliquez ici pour lire", "Cette image sera"):
        assert junk not in everything
    assert row["lead"].startswith("Désengagement américain en Afghanistan")


def test_every_span_maps_back_to_the_raw_text(seeded):
    rows = query(seeded, "SELECT a.title, substr(d.raw_text, a.char_start + 1, a.char_end - a.char_start), "
                         "a.char_end <= length(d.raw_text) FROM articles a JOIN documents d ON d.id = a.document_id")
    assert len(rows) == 28
    for title, span, inside in rows:
        assert inside and title in span


def test_raw_text_is_verbatim(seeded):
    for path in sorted(SEEDS.iterdir()):
        [(raw, encoding, raw_bytes)] = query(seeded, "SELECT raw_text, encoding, raw_bytes FROM documents "
                                                     "WHERE path LIKE %s", (f"%{path.name}",))
        assert raw.encode(encoding) == path.read_bytes() and raw_bytes is None


def test_reimport_adds_nothing_and_says_so(seeds_to_change, cli):
    before = query(seeds_to_change, "SELECT count(*) FROM articles")[0][0]
    result = cli("--database-url", seeds_to_change, "import", str(SEEDS))
    assert result.exit_code == 0
    assert "Nothing new" in result.stdout
    assert query(seeds_to_change, "SELECT count(*) FROM articles")[0][0] == before
    assert query(seeds_to_change, "SELECT count(*) FROM documents")[0][0] == 5


def test_reprocess_rebuilds_the_same_articles_and_keeps_raw_documents(seeds_to_change, cli):
    def snapshot():
        return query(seeds_to_change, "SELECT d.sha256, a.segment_index, a.title, a.published_on, a.language, a.char_start, "
                             "a.char_end FROM articles a JOIN documents d ON d.id = a.document_id ORDER BY 1, 2")

    raw_before = query(seeds_to_change, "SELECT id, raw_text FROM documents ORDER BY id")
    before = snapshot()
    result = cli("--database-url", seeds_to_change, "reprocess", "--batch", "seeds")
    assert result.exit_code == 0, result.output
    assert "Reprocessed 5 documents into 28 articles" in result.stdout
    assert snapshot() == before
    assert query(seeds_to_change, "SELECT id, raw_text FROM documents ORDER BY id") == raw_before
    runs = query(seeds_to_change, "SELECT DISTINCT extraction_run_id FROM articles")
    assert len(runs) == 1 and runs[0][0] == query(seeds_to_change, "SELECT max(id) FROM extraction_runs")[0][0]
