"""Sources: an outlet's web domain is recorded from the address of its articles."""

from __future__ import annotations

from support import import_into, migrated, query

PAGE = """<html><head><title>Sommet de l'OTAN à Vilnius - Le Quotidien</title>
<meta property="og:site_name" content="Le Quotidien">
<meta property="og:url" content="https://www.lequotidien.example/monde/otan-vilnius">
<link rel="canonical" href="https://www.lequotidien.example/monde/otan-vilnius"></head>
<body><article><h1>Sommet de l'OTAN à Vilnius</h1>
<p>Les dirigeants de l'Alliance atlantique se sont retrouvés mardi à Vilnius pour discuter du soutien à
l'Ukraine et de la défense du flanc est de l'Europe, a annoncé le secrétaire général.</p>
<p>Les discussions doivent se poursuivre mercredi avec les partenaires de l'OTAN.</p></article></body></html>
"""


def test_a_source_takes_the_domain_of_its_articles(make_database, tmp_path):
    url = migrated(make_database())
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "note.txt").write_text("Note sans adresse\n\nUn texte assez long pour faire un article.\n",
                                       encoding="utf-8")
    assert import_into(url, tmp_path).exit_code == 0
    assert query(url, "SELECT name, domain FROM sources WHERE name = 'Le Quotidien'") == [
        ("Le Quotidien", "lequotidien.example")]


def test_domain_of():
    from veille.importer.extract import domain_of

    assert domain_of("https://www.example.org/a/b?c=1") == "example.org"
    assert domain_of("http://news.example.co.uk") == "news.example.co.uk"
    assert domain_of(None) is None and domain_of("page.html") is None
