"""The web view in a real browser: Playwright for Python driving Debian's Chromium (never a
downloaded browser) against `veille serve`'s application under uvicorn, on the seed batch.

An analyst's walk: the overview, a search for "Stoltenberg", an article, a highlighted actor to
its dossier, an event and its evidence back to the article, a query in /sql and its CSV. Each
page is saved as a screenshot under tests/artifacts/ (and the article page, for the README,
under docs/screenshots/); no page may log a console error.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from pathlib import Path

import pytest
from support import REPO, SEEDS, import_into, migrated

CHROMIUM = os.environ.get("VEILLE_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = REPO / "tests" / "artifacts"
README_SHOT = REPO / "docs" / "screenshots" / "article.png"

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason=f"no Chromium at {CHROMIUM} (apt-get install -y chromium)")


@pytest.fixture(scope="module")
def server(make_database):
    """`veille serve`'s application on a free loopback port, in a thread."""
    import uvicorn

    from veille.config import open_database
    from veille.web import create_app

    url = migrated(make_database())
    result = import_into(url, SEEDS, batch="seeds")
    assert result.exit_code == 0, result.output
    db = open_database(url)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    app = create_app(db, allowed_hosts=["127.0.0.1", "localhost"])
    srv = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)
    sock.close()
    db.dispose()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def test_an_analysts_walk_through_the_evidence(server, browser, tmp_path):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status} {r.url}") if r.status >= 400 else None)

    def shot(name: str) -> None:
        page.screenshot(path=str(ARTIFACTS / f"web-{name}.png"), full_page=True)

    # the overview, then a search from its box, with the keyboard
    page.goto(server + "/")
    assert page.locator("h1").inner_text() == "Overview"
    shot("overview")
    page.fill("#home-q", "Stoltenberg")
    page.press("#home-q", "Enter")
    page.wait_for_url(re.compile(r"/articles\?q=Stoltenberg"))
    assert page.locator("ol.hits li.hit").count() >= 2
    assert page.locator("p.snippet mark").first.inner_text() == "Stoltenberg"
    shot("search")

    # an article whose text links Stoltenberg to his dossier
    hits = [page.locator("a.hit-title").nth(i).get_attribute("href") for i in range(page.locator("a.hit-title").count())]
    mention = None
    for href in hits:
        page.goto(server + href)
        candidate = page.locator('.article-text a.actor[title^="Jens Stoltenberg"]')
        if candidate.count():
            mention = candidate.first
            break
    assert mention is not None, "no search hit links Stoltenberg in its text"
    article_url = page.url
    assert page.locator("h1").count() == 1
    shot("article")
    README_SHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(README_SHOT))
    mention.click()
    page.wait_for_url(re.compile(r"/actors/\d+$"))
    assert page.locator("h1").inner_text() == "Jens Stoltenberg"
    assert page.locator("#aliases-h").is_visible()
    shot("dossier")

    # an event, and its evidence back to the article, the sentence marked
    page.goto(article_url)
    tags = page.locator("a.event-tag")
    if tags.count() == 0:
        page.goto(server + "/events")
        page.locator("table a[href^='/events/']").first.click()
    else:
        tags.first.click()
    page.wait_for_url(re.compile(r"/events/\d+$"))
    assert page.locator("h2#who-h").is_visible()
    shot("event")
    evidence = page.locator("a.evidence-link").first
    target = evidence.get_attribute("href")
    evidence.click()
    page.wait_for_url(re.compile(r"/articles/\d+#em-\d+$"))
    fragment = target.split("#", 1)[1]
    marked = page.locator(f"#{fragment}")
    assert marked.count() == 1
    sentence = page.locator(f".event-sentence:target, .event-sentence:has(> #{fragment}:target)")
    assert sentence.count() == 1 and sentence.is_visible()
    highlighted = sentence.evaluate("e => getComputedStyle(e).backgroundColor")
    assert highlighted == "rgb(255, 241, 168)"  # the :target colour, not the plain sentence's
    shot("evidence")

    # the SQL box: run a query, download the CSV
    page.goto(server + "/sql")
    page.fill("#sql-q", "SELECT canonical_name, kind FROM actors WHERE kind = :kind ORDER BY canonical_name LIMIT 5")
    page.fill("#sql-params", "kind=organisation")
    page.click("form.sql button[type=submit]")
    page.wait_for_url(re.compile(r"/sql\?q="))
    assert page.locator("table.result tbody tr").count() == 5
    shot("sql")
    with page.expect_download() as info:
        page.click("#download-csv")
    saved = tmp_path / "result.csv"
    info.value.save_as(saved)
    lines = saved.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "canonical_name,kind" and len(lines) == 6 and all(x.endswith(",organisation") for x in lines[1:])

    # the keyboard reaches the content first: skip link, then the main navigation
    page.goto(server + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    context.close()
    assert problems == []
