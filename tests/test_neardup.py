"""Near-duplicate articles: a story re-published with a sentence changed is linked to the first one.

Unit tests of the fingerprints (importer/neardup.py), then imports into the embedded PostgreSQL:
the link within one batch and across batches (oldest stored is the original), what reports and
search count, reprocessing, and the migration that adds the bands to articles already stored.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import import_into, migrated, query

from veille.importer import neardup

HEAD = "Fil d'actualité - Dépêches\nToutes les dépêches   |   Europe   |   Monde   |   Défense\n\n"

FUND = "Défense : les Vingt-Sept s'accordent sur un fonds commun pour les munitions"
FUND_TEXT = [
    "BRUXELLES, 12 mars 2024 (AFP) - Les ministres de la Défense de l'Union européenne se sont accordés mardi "
    "sur la création d'un fonds commun destiné à financer l'achat groupé de munitions pour l'Ukraine, après "
    "plusieurs semaines de discussions difficiles entre les capitales.",
    "Le fonds, doté de deux milliards d'euros, doit permettre de livrer un million d'obus d'artillerie avant la "
    "fin de l'année. La France a obtenu que les commandes soient passées en priorité auprès d'industriels "
    "européens, une exigence longtemps contestée par les Pays-Bas et les pays nordiques.",
    "Le haut représentant Josep Borrell a salué un accord « historique » qui montre que l'Europe peut agir vite "
    "lorsque la sécurité du continent est en jeu. Plusieurs diplomates soulignent toutefois que les capacités de "
    "production restent très inférieures aux besoins de l'armée ukrainienne.",
    "Les premières livraisons financées par le fonds sont attendues dès le mois de mai, selon la Commission "
    "européenne, qui coordonnera les appels d'offres avec l'Agence européenne de défense.",
]
SENTENCE = ("Le haut représentant Josep Borrell a salué un accord « historique » qui montre que l'Europe peut agir "
            "vite lorsque la sécurité du continent est en jeu.")
REPLACEMENT = ("Le chef de la diplomatie européenne a parlé d'une décision « attendue depuis trop longtemps » par "
               "Kiev et par ses soutiens.")
FUND_CHANGED = [p.replace(SENTENCE, REPLACEMENT) for p in FUND_TEXT]

# Same topic, same agency style, another story.
POLAND = "Munitions : la Pologne veut doubler la production d'obus en Europe d'ici deux ans"
POLAND_TEXT = [
    "VARSOVIE, 13 mars 2024 (AFP) - Le gouvernement polonais a présenté mercredi un plan visant à doubler d'ici "
    "deux ans la production d'obus de 155 millimètres sur son territoire, en s'appuyant sur des crédits européens "
    "et sur des partenariats avec des groupes allemands et coréens.",
    "Varsovie, qui consacre désormais plus de 4 % de son produit intérieur brut à sa défense, estime que l'Europe "
    "doit cesser de dépendre des stocks américains. Le ministre polonais de la Défense a appelé ses homologues à "
    "simplifier les règles des marchés publics pour les munitions.",
    "Les industriels du secteur jugent l'objectif ambitieux : les chaînes de fabrication de poudre et de douilles "
    "manquent de main-d'œuvre qualifiée, et les délais de livraison des machines-outils dépassent souvent "
    "dix-huit mois.",
]

IAEA = "Nucléaire : l'AIEA déplore l'absence de progrès avec Téhéran"
IAEA_TEXT = [
    "VIENNE, 4 mars 2024 (AFP) - Le directeur général de l'Agence internationale de l'énergie atomique, Rafael "
    "Grossi, a regretté lundi que l'Iran n'ait toujours pas donné suite aux demandes de l'agence sur le retour de "
    "ses inspecteurs les plus expérimentés, à l'ouverture du conseil des gouverneurs.",
    "Les diplomates occidentaux envisagent une nouvelle résolution critique, mais plusieurs capitales redoutent "
    "une escalade à quelques mois de l'élection présidentielle américaine.",
]


def page(*articles: tuple[str, list[str]]) -> str:
    return HEAD + "".join(f"{title}\n\n" + "\n\n".join(paras) + "\n\nng/jca/rco\n\n\n" for title, paras in articles)


def fingerprint(title: str, paras: list[str]) -> neardup.Fingerprint:
    return neardup.Fingerprint(title, paras[0], "\n\n".join(paras[1:]))


# --- fingerprints ------------------------------------------------------------------------------


def test_one_sentence_changed_shares_a_band_and_verifies():
    first, copy = fingerprint(FUND, FUND_TEXT), fingerprint(FUND, FUND_CHANGED)
    assert first.bands != copy.bands  # not an exact copy: the content hash cannot link them
    assert set(first.bands) & set(copy.bands)
    assert neardup.similar(first.shingles, copy.shingles)
    assert 0.6 <= neardup.jaccard(first.shingles, copy.shingles) < 0.9


def test_another_story_on_the_same_topic_neither_shares_a_band_nor_verifies():
    fund, poland = fingerprint(FUND, FUND_TEXT), fingerprint(POLAND, POLAND_TEXT)
    assert not set(fund.bands) & set(poland.bands)
    assert not neardup.similar(fund.shingles, poland.shingles)


def test_a_credit_line_or_a_new_intro_still_verifies():
    fund = fingerprint(FUND, FUND_TEXT)
    credited = fingerprint(FUND, [*FUND_TEXT, "(Avec Reuters et Belga)"])
    intro = fingerprint(FUND, ["BRUXELLES (AFP) - Un accord a été trouvé mardi à Bruxelles.", *FUND_TEXT[1:]])
    assert neardup.similar(fund.shingles, credited.shingles)
    assert neardup.similar(fund.shingles, intro.shingles)


def test_short_texts_get_no_bands():
    teaser = neardup.Fingerprint("Lire la suite", "L'Otan réunit ses ministres à Bruxelles mardi.", None)
    assert teaser.bands is None
    assert len(neardup.words(FUND, FUND_TEXT[0], None)) >= neardup.MIN_WORDS
    assert fingerprint(FUND, FUND_TEXT[:1]).bands is not None


def test_bands_are_the_same_in_every_process():
    """Stored keys must not depend on Python's per-process string hash seed."""
    code = ("import json, sys; from veille.importer import neardup; "
            "print(json.dumps(neardup.Fingerprint(*json.loads(sys.argv[1])).bands))")
    arg = json.dumps([FUND, FUND_TEXT[0], FUND_TEXT[1]])
    runs = [subprocess.run([sys.executable, "-c", code, arg], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")]
    here = neardup.Fingerprint(FUND, FUND_TEXT[0], FUND_TEXT[1]).bands
    assert json.loads(runs[0]) == json.loads(runs[1]) == here
    assert len(here) == neardup.BANDS and all(-2**63 <= b < 2**63 for b in here)


# --- imports -----------------------------------------------------------------------------------

ARTICLES = ("SELECT a.id, right(d.path, 5), a.title, a.duplicate_of_id FROM articles a "
            "JOIN documents d ON d.id = a.document_id ORDER BY a.id")


def articles(url: str) -> dict[tuple[str, str], tuple[int, int | None]]:
    """(file name, title) → (article id, duplicate_of_id)."""
    return {(name, title): (i, dup) for i, name, title, dup in query(url, ARTICLES)}


@pytest.fixture
def pages(tmp_path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text(page((FUND, FUND_TEXT), (IAEA, IAEA_TEXT)), encoding="utf-8")
    (folder / "b.txt").write_text(page((POLAND, POLAND_TEXT), (FUND, FUND_CHANGED)), encoding="utf-8")
    return folder


@pytest.fixture
def imported(make_database, pages) -> str:
    url = migrated(make_database())
    result = import_into(url, pages, batch="one")
    assert result.exit_code == 0, result.output
    return url


def test_the_changed_copy_in_the_same_batch_points_at_the_first(imported):
    got = articles(imported)
    assert set(got) == {("a.txt", FUND), ("a.txt", IAEA), ("b.txt", POLAND), ("b.txt", FUND)}
    first_id, first_dup = got["a.txt", FUND]
    assert first_dup is None
    assert got["b.txt", FUND][1] == first_id
    assert got["b.txt", POLAND][1] is None  # same topic, another story: an original
    assert got["a.txt", IAEA][1] is None
    [(bands,)] = query(imported, "SELECT count(*) FROM articles WHERE cardinality(lsh_bands) = %s",
                       (neardup.BANDS,))
    assert bands == 4


def test_reports_and_search_count_the_story_once(imported, cli):
    result = cli("--database-url", imported, "report", "period", "--from", "2024-03-01", "--to", "2024-03-31",
                 "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)["data"]
    assert data["summary"][0]["articles"] == 3  # the fund, Poland, the IAEA: not the fund twice
    assert {r["day"]: r["articles"] for r in data["articles_per_day"] if r["articles"]} == {
        "2024-03-04": 1, "2024-03-12": 1, "2024-03-13": 1}
    result = cli("--database-url", imported, "search", "fonds commun munitions", "--format", "json")
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert [h["title"] for h in hits] == [FUND]
    assert hits[0]["article_id"] == articles(imported)["a.txt", FUND][0]


def test_reprocess_keeps_the_link(imported, cli):
    result = cli("--database-url", imported, "reprocess")
    assert result.exit_code == 0, result.output
    got = articles(imported)
    assert got["b.txt", FUND][1] == got["a.txt", FUND][0]
    assert got["a.txt", FUND][1] is None and got["b.txt", POLAND][1] is None
    [(without,)] = query(imported, "SELECT count(*) FROM articles WHERE lsh_bands IS NULL")
    assert without == 0


def test_relinking_finds_the_links_again(imported):
    from veille.config import open_database
    from veille.importer import pipeline

    expected = articles(imported)
    query(imported, "UPDATE articles SET duplicate_of_id = NULL RETURNING id")
    db = open_database(imported)
    with db.connect() as conn:
        pipeline.relink_duplicates(conn)
    db.dispose()
    assert articles(imported) == expected


def test_the_oldest_stored_is_the_original(make_database, pages, tmp_path):
    url = migrated(make_database())
    later = tmp_path / "later"
    later.mkdir()
    (pages / "a.txt").rename(later / "a.txt")
    assert import_into(url, pages, batch="first").exit_code == 0   # b.txt: the changed copy, first
    # the same changed copy again, then the version of a.txt: both point at the one stored first
    (later / "c.txt").write_text(page((FUND, FUND_CHANGED)), encoding="utf-8")
    assert import_into(url, later, batch="second").exit_code == 0
    got = articles(url)
    original = got["b.txt", FUND][0]
    assert got["b.txt", FUND][1] is None
    assert got["a.txt", FUND][1] == original
    assert got["c.txt", FUND][1] == original


def test_a_copy_of_a_near_duplicate_points_at_the_original(imported, tmp_path):
    (tmp_path / "c.txt").write_text(page((FUND, FUND_CHANGED)), encoding="utf-8")
    assert import_into(imported, tmp_path / "c.txt", batch="again").exit_code == 0
    got = articles(imported)
    assert got["c.txt", FUND][1] == got["a.txt", FUND][0]  # not the copy in b.txt: no chains


def test_migration_computes_the_bands_of_stored_articles(imported, cli):
    before = query(imported, "SELECT id, lsh_bands FROM articles ORDER BY id")
    assert cli("--database-url", imported, "db", "downgrade", "aeb33e2d033d").exit_code == 0
    assert "lsh_bands" not in {c for (c,) in query(
        imported, "SELECT column_name FROM information_schema.columns WHERE table_name = 'articles'")}
    assert cli("--database-url", imported, "db", "upgrade").exit_code == 0
    assert query(imported, "SELECT id, lsh_bands FROM articles ORDER BY id") == before
    assert all(bands is not None for _, bands in before)


def test_the_shingle_cache_stays_bounded(monkeypatch):
    """Originals with no stored candidate still go into the cache for the next chunks, and the
    cache never holds more than SHINGLE_CACHE_SIZE of them, least recently used dropped first."""
    monkeypatch.setattr(neardup, "SHINGLE_CACHE_SIZE", 3)
    texts = [f"Article {i}: " + " ".join(f"mot{i}x{j}" for j in range(40)) for i in range(5)]
    owner = type("Connection", (), {})()
    near = neardup.Originals([], neardup.shingle_cache(owner))
    assert near.shingles == {}  # no stored candidates
    for i, t in enumerate(texts):
        near.add(1000 + i, neardup.Fingerprint(t, None, None))
    assert list(neardup.shingle_cache(owner)) == [1002, 1003, 1004]
