"""The web view (`veille serve`) through Starlette's test client, on the seed batch imported into
a real PostgreSQL: every page and its JSON, links from an article to its actors and events and
back, hostile input escaped, the token guard, nothing writable."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient
from support import SEEDS, import_into, migrated, query

HOSTILE = '<script>alert("x")</script> & <b>bold</b>'


@pytest.fixture(scope="module")
def seeded(make_database, tmp_path_factory):
    """The seeds, plus one hand-written page whose title is hostile markup."""
    url = migrated(make_database())
    result = import_into(url, SEEDS, batch="seeds")
    assert result.exit_code == 0, result.output
    extra = tmp_path_factory.mktemp("hostile")
    (extra / "hostile.txt").write_text(
        f"{HOSTILE}\n\nPar Jean Dupont / Le 14 août 2023 à 11h54\n\n"
        "Le secrétaire général de l’OTAN, Jens Stoltenberg, a rencontré lundi à Bruxelles le ministre "
        "ukrainien des Affaires étrangères pour discuter de l’aide militaire à l’Ukraine. "
        "Les alliés ont promis de nouvelles livraisons d’armes.\n", encoding="utf-8")
    result = import_into(url, extra, batch="hostile")
    assert result.exit_code == 0, result.output
    return url


@pytest.fixture(scope="module")
def client(seeded):
    from veille.config import open_database
    from veille.web import create_app

    db = open_database(seeded)
    with TestClient(create_app(db)) as c:
        yield c
    db.dispose()


def test_every_page_renders_and_has_json(client):
    for path in ("/", "/articles", "/actors", "/events", "/reports", "/sql", "/reports/sources"):
        page = client.get(path)
        assert page.status_code == 200, (path, page.text[:500])
        assert page.headers["content-type"].startswith("text/html")
        assert "<h1" in page.text and 'href="/static/veille.css"' in page.text
        for variant in (path.rstrip("/") + ".json" if path != "/" else "/index.json", path + "?format=json"):
            data = client.get(variant)
            assert data.status_code == 200, variant
            assert data.headers["content-type"].startswith("application/json")
            data.json()
    assert client.get("/index.json").json()["counts"]["articles"] >= 28
    css = client.get("/static/veille.css")
    assert css.status_code == 200 and "svg.chart" in css.text and ".event-sentence" in css.text


def test_search_finds_stoltenberg_with_highlighted_snippets(client, seeded):
    page = client.get("/articles", params={"q": "Stoltenberg"})
    assert page.status_code == 200
    assert "<mark>Stoltenberg</mark>" in page.text
    hits = client.get("/articles.json", params={"q": "Stoltenberg"}).json()["articles"]
    expected = query(seeded, "SELECT count(*) FROM articles WHERE duplicate_of_id IS NULL AND "
                             "(search @@ websearch_to_tsquery('veille_fr', 'Stoltenberg') OR "
                             "search @@ websearch_to_tsquery('veille_en', 'Stoltenberg'))")[0][0]
    assert len(hits) == min(expected, 25) and expected >= 2
    # the same hits as `veille search` (same SQL conditions, same ranking)
    from veille.config import open_database
    from veille.reports.search import search

    db = open_database(seeded)
    try:
        cli_hits = search(db, "Stoltenberg", limit=25)
    finally:
        db.dispose()
    assert [h.article_id for h in cli_hits] == [h["id"] for h in hits]


def test_keyset_pages_cover_every_article_once(client, seeded):
    seen: list[int] = []
    params = {"sort": "date"}
    for _ in range(20):
        page = client.get("/articles.json", params=params).json()
        seen += [a["id"] for a in page["articles"]]
        if not page["next"]:
            break
        params["after"] = page["next"]
    originals = query(seeded, "SELECT id, published_on FROM articles WHERE duplicate_of_id IS NULL "
                              "ORDER BY published_on DESC NULLS LAST, id DESC")
    assert seen == [r[0] for r in originals]
    # oldest first: the same articles, dated ones reversed, undated still last
    oldest, params = [], {"sort": "oldest"}
    for _ in range(20):
        page = client.get("/articles.json", params=params).json()
        oldest += [a["id"] for a in page["articles"]]
        if not page["next"]:
            break
        params["after"] = page["next"]
    assert sorted(oldest) == sorted(seen) and len(oldest) == len(seen)


def test_filters_narrow_the_list(client, seeded):
    (actor_id,) = query(seeded, "SELECT id FROM actors WHERE canonical_name = 'Jens Stoltenberg'")[0]
    by_actor = client.get("/articles.json", params={"actor": actor_id}).json()["articles"]
    expected = {r[0] for r in query(seeded, "SELECT DISTINCT m.article_id FROM actor_mentions m JOIN articles a "
                                            "ON a.id = m.article_id WHERE m.actor_id = %s AND a.duplicate_of_id IS NULL",
                                    (actor_id,))}
    assert {a["id"] for a in by_actor} == expected
    by_name = client.get("/articles.json", params={"actor": "Stoltenberg"}).json()["articles"]
    assert {a["id"] for a in by_name} == expected
    english = client.get("/articles.json", params={"lang": "en"}).json()["articles"]
    assert english and all(a["language"] == "en" for a in english)
    dated = client.get("/articles.json", params={"from": "2022-01-01", "to": "2022-01-31"}).json()["articles"]
    assert dated and all("2022-01-01" <= a["published_on"] <= "2022-01-31" for a in dated)
    (etype,) = query(seeded, "SELECT event_type FROM events GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")[0]
    typed = client.get("/articles.json", params={"type": etype}).json()["articles"]
    expected_typed = {r[0] for r in query(seeded, "SELECT DISTINCT em.article_id FROM event_mentions em JOIN events e "
                                                  "ON e.id = em.event_id JOIN articles a ON a.id = em.article_id "
                                                  "WHERE e.event_type = %s AND a.duplicate_of_id IS NULL", (etype,))}
    assert {a["id"] for a in typed} == expected_typed
    assert client.get("/articles", params={"from": "yesterday"}).status_code == 400
    assert client.get("/articles", params={"type": "PARTY"}).status_code == 400
    assert client.get("/articles", params={"actor": "Nobody Atall"}).status_code == 400


def test_article_links_mentions_events_and_its_document(client, seeded):
    (article_id,) = query(seeded, """SELECT a.id FROM articles a WHERE EXISTS (SELECT 1 FROM event_mentions em
        WHERE em.article_id = a.id) AND EXISTS (SELECT 1 FROM actor_mentions m WHERE m.article_id = a.id)
        ORDER BY a.id LIMIT 1""")[0]
    page = client.get(f"/articles/{article_id}")
    assert page.status_code == 200
    html = page.text
    mentions = query(seeded, "SELECT id, actor_id FROM actor_mentions WHERE article_id = %s", (article_id,))
    for mention_id, actor_id in mentions:
        assert f'href="/actors/{actor_id}" id="m-{mention_id}"' in html or f'id="m-{mention_id}"' not in html
    linked = set(re.findall(r'<a class="actor[^"]*" href="/actors/(\d+)"', html))
    assert linked == {str(a) for _, a in mentions}
    for em_id, event_id in query(seeded, "SELECT id, event_id FROM event_mentions WHERE article_id = %s", (article_id,)):
        assert f'id="em-{em_id}"' in html
        assert f'class="event-tag" href="/events/{event_id}"' in html
    (document_id,) = query(seeded, "SELECT document_id FROM articles WHERE id = %s", (article_id,))[0]
    assert f'href="/documents/{document_id}#article-{article_id}"' in html
    doc = client.get(f"/documents/{document_id}")
    assert doc.status_code == 200 and f'id="article-{article_id}"' in doc.text
    data = client.get(f"/articles/{article_id}.json").json()
    assert data["article"]["id"] == article_id and len(data["mentions"]) == len(mentions)
    assert client.get("/articles/999999999").status_code == 404
    assert client.get("/articles/999999999.json").json()["error"]


def test_dossier_and_event_link_back_to_evidence(client, seeded):
    (actor_id,) = query(seeded, "SELECT id FROM actors WHERE canonical_name = 'Jens Stoltenberg'")[0]
    page = client.get(f"/actors/{actor_id}")
    assert page.status_code == 200
    assert "<h1>Jens Stoltenberg</h1>" in page.text
    assert "<svg" in page.text or "No mention in a dated article" in page.text
    data = client.get(f"/actors/{actor_id}.json").json()
    assert data["actor"]["mentions"] == query(seeded, "SELECT count(*) FROM actor_mentions m JOIN articles a ON "
                                                      "a.id = m.article_id WHERE m.actor_id = %s AND "
                                                      "a.duplicate_of_id IS NULL", (actor_id,))[0][0]
    for co in data["co_mentioned"]:
        assert f'href="/actors/{co["id"]}"' in page.text
    (event_id,) = query(seeded, "SELECT event_id FROM event_mentions ORDER BY id LIMIT 1")[0]
    ev = client.get(f"/events/{event_id}")
    assert ev.status_code == 200
    for em_id, article_id in query(seeded, "SELECT id, article_id FROM event_mentions WHERE event_id = %s", (event_id,)):
        assert f'href="/articles/{article_id}#em-{em_id}"' in ev.text
        assert f'id="em-{em_id}"' in client.get(f"/articles/{article_id}").text
    listed = client.get("/events.json", params={"actor": actor_id}).json()["events"]
    expected = {r[0] for r in query(seeded, "SELECT event_id FROM event_actors WHERE actor_id = %s", (actor_id,))}
    assert {e["id"] for e in listed} == expected


def test_hostile_title_is_escaped_everywhere(client, seeded):
    (article_id,) = query(seeded, "SELECT id FROM articles WHERE title LIKE %s", ("%<script>%",))[0]
    for path in (f"/articles/{article_id}", "/articles?q=alert", "/", f"/documents/"
                 f"{query(seeded, 'SELECT document_id FROM articles WHERE id = %s', (article_id,))[0][0]}"):
        html = client.get(path).text
        assert "<script>" not in html and "<b>bold</b>" not in html, path
    assert "&lt;script&gt;" in client.get(f"/articles/{article_id}").text
    sneaky = client.get("/articles", params={"q": '"><script>alert(1)</script>'})
    assert sneaky.status_code == 200 and "<script>" not in sneaky.text
    assert "default-src 'none'" in sneaky.headers["content-security-policy"]


def test_reports_render_through_the_report_code(client, seeded, tmp_path):
    from veille.config import open_database
    from veille.reports import registry, render
    from veille.reports.params import resolve

    page = client.get("/reports/period", params={"month": "2022-01"})
    assert page.status_code == 200 and "Top actors" in page.text
    form = client.get("/reports/period")
    assert form.status_code == 200 and 'name="week"' in form.text and "Give a period" in form.text
    served = client.get("/reports/period.json", params={"month": "2022-01"}).text
    db = open_database(seeded)
    try:
        rep = registry.get("period")
        params, labels = resolve(db, rep, month="2022-01")
        assert served == render.render(db, rep, params, "json", labels=labels)
    finally:
        db.dispose()
    actor = client.get("/reports/actor", params={"actor": "Stoltenberg"})
    assert actor.status_code == 200 and "Jens Stoltenberg" in actor.text
    assert client.get("/reports/nope").status_code == 404
    # a user's pair from --reports-dir, its parameter as a form field
    (tmp_path / "top_sources.sql").write_text(
        "-- report: top_sources\n-- title: Sources with many articles\n-- name: rows\n"
        "SELECT coalesce(source, '(unknown)') AS source, count(*) AS articles FROM article_overview "
        "GROUP BY 1 HAVING count(*) >= CAST(:min_articles AS integer) ORDER BY 2 DESC, 1;\n", encoding="utf-8")
    (tmp_path / "top_sources.html.j2").write_text(
        '{% extends "_base.html.j2" %}{% block content %}<ul>{% for r in data.rows %}'
        '<li class="src">{{ r.source }}: {{ r.articles }}</li>{% endfor %}</ul>{% endblock %}', encoding="utf-8")
    from veille.web import create_app

    db = open_database(seeded)
    try:
        with TestClient(create_app(db, reports_dir=tmp_path)) as mine:
            assert "top_sources" in mine.get("/reports").text
            assert 'name="min_articles"' in mine.get("/reports/top_sources").text
            shown = mine.get("/reports/top_sources", params={"min_articles": "2"}).text
            assert shown.count('<li class="src">') == query(seeded, "SELECT count(*) FROM (SELECT source FROM "
                                                                    "article_overview GROUP BY 1 HAVING count(*) >= 2) s")[0][0]
    finally:
        db.dispose()


def test_sql_box_reads_and_downloads(client, seeded):
    page = client.get("/sql", params={"q": "SELECT title, language FROM article_overview WHERE language = :lang "
                                           "ORDER BY article_id", "params": "lang=en"})
    english = query(seeded, "SELECT count(*) FROM articles WHERE language = 'en'")[0][0]
    assert page.status_code == 200 and f"Result: {english} rows" in page.text and english >= 2
    csv_text = client.get("/sql.csv", params={"q": "SELECT 1 AS one, 'a,b' AS two"})
    assert csv_text.headers["content-type"].startswith("text/csv")
    assert "attachment" in csv_text.headers["content-disposition"]
    assert csv_text.text == 'one,two\n1,"a,b"\n'
    assert client.get("/sql.json", params={"q": "SELECT 1 AS one"}).json()["rows"] == [{"one": 1}]
    examples = client.get("/sql").text
    assert examples.count("<h3>") >= 4
    from veille.web.app import examples as worked

    readme = (SEEDS.parent / "README.md").read_text(encoding="utf-8")
    for example in worked():
        assert example["sql"] in readme  # the README's worked queries, kept in step
        assert client.get("/sql.json", params={"q": example["sql"]}).status_code == 200, example["title"]


@pytest.mark.parametrize("statement", [
    "DELETE FROM articles",
    "UPDATE articles SET title = 'x'",
    "DROP TABLE articles",
    "COMMIT; DELETE FROM articles",
    "SELECT 1; DELETE FROM articles",
    "COPY (SELECT 1) TO PROGRAM 'touch /tmp/veille-web-pwned'",
    "SET default_transaction_read_only = off",
])
def test_sql_box_refuses_writes(client, seeded, statement):
    before = query(seeded, "SELECT count(*), md5(string_agg(title, '|' ORDER BY id)) FROM articles")
    answer = client.get("/sql", params={"q": statement})
    assert answer.status_code == 400 and 'role="alert"' in answer.text
    assert client.get("/sql.json", params={"q": statement}).json()["error"]
    assert query(seeded, "SELECT count(*), md5(string_agg(title, '|' ORDER BY id)) FROM articles") == before


def test_no_route_writes(client):
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)("/sql").status_code == 405
        assert getattr(client, method)("/articles").status_code == 405


def test_token_guards_every_page(seeded):
    from veille.config import open_database
    from veille.web import create_app

    db = open_database(seeded)
    try:
        with TestClient(create_app(db, token="s3cret"), follow_redirects=False) as c:
            for path in ("/", "/articles.json", "/sql?q=SELECT+1", "/actors/1", "/reports/sources"):
                assert c.get(path).status_code == 401, path
            assert c.get("/", params={"token": "wrong"}).status_code == 401
            assert c.get("/static/veille.css").status_code == 200
            assert c.get("/", headers={"Authorization": "Bearer s3cret"}).status_code == 200
            entry = c.get("/articles", params={"token": "s3cret", "q": "OTAN"})
            assert entry.status_code == 303 and entry.headers["location"] == "/articles?q=OTAN"
            assert "httponly" in entry.headers["set-cookie"].lower()
            assert c.get("/articles", params={"q": "OTAN"}).status_code == 200  # the cookie now
    finally:
        db.dispose()


def test_loopback_server_refuses_other_host_names(seeded):
    from veille.config import open_database
    from veille.web import create_app

    db = open_database(seeded)
    try:
        with TestClient(create_app(db, allowed_hosts=["127.0.0.1", "localhost"]), base_url="http://127.0.0.1") as c:
            assert c.get("/").status_code == 200
            assert c.get("/", headers={"Host": "evil.example"}).status_code == 400
    finally:
        db.dispose()


def test_serve_command_help_and_network_guard(cli):
    shown = cli("serve", "--help")
    assert shown.exit_code == 0 and "Example: veille serve" in shown.output
    refused = cli("serve", "--host", "0.0.0.0")
    assert refused.exit_code == 2 and "--allow-network" in refused.output
