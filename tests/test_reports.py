"""The reports as a user reads them: figures that match SQL, Markdown golden files, reproducible
output, empty periods, escaping of hostile titles, the HTML in a real browser, user reports and
their errors.

Golden files: tests/golden/<report>.md hold the whole Markdown reports on the seed batch. When a
change is intended (a template, or the extraction of actors and events), regenerate them with

    VEILLE_UPDATE_GOLDEN=1 .venv/bin/pytest -q tests/test_reports.py

then read `git diff tests/golden` before committing. Timestamps (the batch's start and end) and
the checkout folder are replaced by placeholders, so the files do not depend on when or where
the tests run.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from support import REPO, import_into, migrated, query

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE_GOLDEN = os.environ.get("VEILLE_UPDATE_GOLDEN") == "1"
FROM, TO = "2019-01-01", "2026-12-31"
RANGE = ("--from", FROM, "--to", TO)
HOSTILE_TITLE = "<script>alert(1)</script>"
ESCAPED_TITLE = "&lt;script&gt;alert(1)&lt;/script&gt;"


# ----------------------------------------------------------------------------- fixtures, helpers

@pytest.fixture(autouse=True)
def _no_user_reports(monkeypatch):
    """A developer's VEILLE_REPORTS_DIR must not replace the built-in reports under test."""
    monkeypatch.delenv("VEILLE_REPORTS_DIR", raising=False)


@pytest.fixture
def report(cli):
    """report(url, NAME, ARGS...) -> the CLI result of `veille --database-url URL report NAME ARGS...`."""
    def run(url: str, *args: str):
        return cli("--database-url", url, "report", *args)
    return run


def ok(result) -> str:
    assert result.exit_code == 0, f"exit {result.exit_code}: {result.stderr or result.output}"
    return result.stdout


def section(md: str, title: str) -> str:
    """The text of the Markdown section `## title` (up to the next `## ` heading)."""
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", md, re.M | re.S)
    assert m, f"no section '## {title}' in the report"
    return m.group(1)


def table(text: str) -> list[dict[str, str]]:
    """The first pipe table of `text` as dicts keyed by the header cells."""
    lines = []
    for line in text.splitlines():
        if line.startswith("|"):
            lines.append(line)
        elif lines:
            break
    assert len(lines) >= 2, f"no table in:\n{text}"
    cells = [[c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line)[1:-1]] for line in lines]
    header, rule, *body = cells
    assert all(set(c) <= set("-:") for c in rule), f"not a table rule: {lines[1]}"
    assert all(len(r) == len(header) for r in body), "a row has the wrong number of cells"
    return [dict(zip(header, r, strict=True)) for r in body]


# ----------------------------------------------------------------------------- 1. figures

def test_period_figures_match_sql(seeded, report):
    per_source = {(s, lang): n for s, lang, n in query(seeded, """
        SELECT coalesce(s.name, '(unknown source)'), coalesce(a.language, '?'), count(*)
        FROM articles a LEFT JOIN sources s ON s.id = a.source_id
        WHERE a.published_on BETWEEN %s AND %s AND a.duplicate_of_id IS NULL GROUP BY 1, 2""", (FROM, TO))}
    # B2 has 11 articles, 5 of them dated (all in the range); PanoraPost and Le Monde 1 dated each;
    # AFP's only article has no date, so it is in no period (the sources report counts it).
    assert per_source[("B2", "fr")] == 5
    assert per_source[("PanoraPost", "fr")] == 1 and per_source[("Le Monde", "fr")] == 1
    assert not any(s == "AFP" for s, _ in per_source)
    total = sum(per_source.values())

    md = ok(report(seeded, "period", *RANGE))
    assert md.startswith(f"# Period digest: {FROM} to {TO}\n")
    assert f"\n{total} articles dated from {FROM} to {TO}" in md
    shown = {(r["Source"], r["Language"]): int(r["Articles"])
             for r in table(section(md, "Articles per source and language"))}
    assert shown == per_source

    days = table(section(md, "Articles per day"))
    assert sum(int(r["Articles"]) for r in days) == total and all(int(r["Articles"]) > 0 for r in days)

    (top_org, top_org_articles), = query(seeded, """
        SELECT ac.canonical_name, count(DISTINCT a.id) FROM actor_mentions m
        JOIN actors ac ON ac.id = m.actor_id JOIN articles a ON a.id = m.article_id
        WHERE ac.kind = 'organisation' AND a.published_on BETWEEN %s AND %s AND a.duplicate_of_id IS NULL
        GROUP BY ac.canonical_name ORDER BY 2 DESC, count(*) DESC LIMIT 1""", (FROM, TO))
    assert top_org == "NATO"
    orgs = [r for r in table(section(md, "Top actors")) if r["Kind"] == "organisation"]
    assert orgs[0]["Actor"] == "NATO" and int(orgs[0]["Articles"]) == top_org_articles
    assert orgs[0]["Change"] == "new"  # nothing in 2011-2018

    geneva = [line for line in section(md, "Timeline").splitlines() if line.startswith("- **2022-01-10** CONSULT")]
    assert any("in Geneva" in line and "Russia" in line and "United States" in line for line in geneva), geneva

    countries = re.findall(r"^### (.+)$", section(md, "Articles by country"), re.M)
    assert countries and "Russia" in countries
    assert len(re.findall(r"^- \d{4}-\d{2}-\d{2} — ", section(md, "Articles by country"), re.M)) == total


def test_period_json_has_the_sql_counts(seeded, report):
    doc = json.loads(ok(report(seeded, "period", *RANGE, "--format", "json")))
    (articles, events), = query(seeded, """
        SELECT (SELECT count(*) FROM articles WHERE published_on BETWEEN %(f)s AND %(t)s AND duplicate_of_id IS NULL),
               (SELECT count(*) FROM events WHERE event_date BETWEEN %(f)s AND %(t)s)""", {"f": FROM, "t": TO})
    data = doc["data"]
    assert doc["report"] == "period" and doc["params"]["date_from"] == FROM
    assert data["summary"][0]["articles"] == articles and data["summary"][0]["events"] == events
    assert len(data["articles_per_day"]) == 2922  # every day of the 8 years, zeros included
    assert sum(r["articles"] for r in data["articles_per_day"]) == articles
    assert sum(r["articles"] for r in data["articles_by_source"]) == articles
    assert sum(r["events"] for r in data["events_by_type"]) == events == len(data["timeline"])
    assert {"event_type": "CONSULT", "event_date": "2022-01-10", "location": "Geneva"}.items() <= next(
        e for e in data["timeline"] if e["event_date"] == "2022-01-10" and e["event_type"] == "CONSULT").items()


def test_sources_report_counts_every_article(seeded, report):
    per_source = dict(query(seeded, """SELECT coalesce(s.name, '(unknown source)'), count(*)
        FROM articles a LEFT JOIN sources s ON s.id = a.source_id GROUP BY 1"""))
    assert {k: per_source[k] for k in ("B2", "PanoraPost", "Le Monde", "AFP")} == {
        "B2": 11, "PanoraPost": 1, "Le Monde": 1, "AFP": 1}
    md = ok(report(seeded, "sources"))
    rows = table(md)
    shown = {r["Source"]: int(r["Articles"]) for r in rows if r["Source"] != "**Total**"}
    assert shown == per_source
    assert rows[-1]["Source"] == "**Total**" and rows[-1]["Articles"] == f"**{sum(per_source.values())}**"
    afp = next(r for r in rows if r["Source"] == "AFP")
    assert afp["First article"] == "—" and afp["Dated"] == "0.0 %"


# ----------------------------------------------------------------------------- 2. golden files

def normalize(text: str) -> str:
    """Placeholders for what depends on the run: timestamps (not dates) and the checkout folder."""
    text = re.sub(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?: (?:UTC|GMT|[A-Z]{3,5}|[+-]\d{2,4}))?", "<time>", text)
    return text.replace(str(REPO) + os.sep, "")


@pytest.mark.parametrize("name, args", [
    ("period", ("period", *RANGE)),
    ("actor", ("actor", "--actor", "Stoltenberg")),
    ("sources", ("sources",)),
    ("batch", ("batch", "--batch", "seeds")),
])
def test_markdown_golden(seeded, report, name, args):
    actual = normalize(ok(report(seeded, *args, "--format", "md")))
    path = GOLDEN / f"{name}.md"
    if UPDATE_GOLDEN:
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing: create it with VEILLE_UPDATE_GOLDEN=1 pytest tests/test_reports.py"
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(list(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                                 f"golden/{name}.md", "rendered", n=1))[:80])
        pytest.fail(f"the {name} report differs from tests/golden/{name}.md. If the change is intended "
                    f"(templates, or actor/event extraction), regenerate with VEILLE_UPDATE_GOLDEN=1 "
                    f"and review `git diff tests/golden`.\n{diff}")


# ----------------------------------------------------------------------------- 3. reproducible

@pytest.mark.parametrize("fmt", ["md", "html"])
def test_same_report_twice_is_byte_identical(seeded, report, fmt):
    for args in (("period", *RANGE), ("actor", "--actor", "Stoltenberg"), ("batch",)):
        first = ok(report(seeded, *args, "--format", fmt))
        assert first == ok(report(seeded, *args, "--format", fmt)), args
        assert "Generated" not in first


@pytest.mark.parametrize("fmt, line", [
    ("md", r"\n_Generated \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\._\n"),
    ("html", r'<p class="muted">Generated \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC</p>\n'),
])
def test_stamp_adds_only_a_generated_line(seeded, report, fmt, line):
    plain = ok(report(seeded, "sources", "--format", fmt))
    stamped = ok(report(seeded, "sources", "--format", fmt, "--stamp"))
    assert len(re.findall(line, stamped)) == 1
    assert re.sub(line, "", stamped, count=1) == plain


# ----------------------------------------------------------------------------- 4. empty period

def test_empty_period_says_so(seeded, report):
    md = ok(report(seeded, "period", "--week", "1999-W01"))
    assert md.startswith("# Period digest: week 1999-W01\n")
    assert "No articles dated in this period (1999-01-04 to 1999-01-10), and no events." in md
    assert "|" not in md and "## " not in md  # no empty table, no empty section

    html = ok(report(seeded, "period", "--week", "1999-W01", "--format", "html"))
    assert "No articles dated in this period" in html
    assert "<table" not in html and "<svg" not in html and "<h2>" not in html


def test_period_with_events_but_no_articles(seeded, report):
    # The events of February 2022 are reported by an undated article (seed 003) only.
    (events,), = query(seeded, "SELECT count(*) FROM events WHERE event_date BETWEEN '2022-02-01' AND '2022-02-28'")
    assert events >= 1 and query(seeded, "SELECT count(*) FROM articles WHERE published_on BETWEEN '2022-02-01' "
                                          "AND '2022-02-28'") == [(0,)]
    md = ok(report(seeded, "period", "--month", "2022-02"))
    noun = "event" if events == 1 else "events"
    assert f"No articles dated in this period (2022-02-01 to 2022-02-28); {events} {noun} dated in it" in md
    assert "## Articles per day" not in md and "## Timeline" in md
    html = ok(report(seeded, "period", "--month", "2022-02", "--format", "html"))
    assert "(article outside the period)" in html and 'href="#article-' not in html


def test_actor_without_events(seeded, report):
    (name,), = query(seeded, """SELECT ac.canonical_name FROM actors ac
        WHERE EXISTS (SELECT 1 FROM actor_mentions m WHERE m.actor_id = ac.id)
          AND NOT EXISTS (SELECT 1 FROM event_actors ea WHERE ea.actor_id = ac.id)
          AND (SELECT count(*) FROM actors o WHERE lower(o.canonical_name) = lower(ac.canonical_name)) = 1
        ORDER BY ac.canonical_name LIMIT 1""")
    md = ok(report(seeded, "actor", "--actor", name))
    assert md.startswith(f"# Actor dossier: {name}\n") and "Takes part in no event." in md
    assert section(md, "Events").strip() == "No event involves this actor." and "### As" not in md
    html = ok(report(seeded, "actor", "--actor", name, "--format", "html"))
    assert "No event involves this actor." in html and "<h3>As" not in html


def test_empty_database(db_url, report):
    for fmt in ("md", "html"):
        assert "No articles in the database yet" in ok(report(db_url, "sources", "--format", fmt))
        assert "No articles dated in this period" in ok(report(db_url, "period", *RANGE, "--format", fmt))
    result = report(db_url, "batch")
    assert result.exit_code == 1 and "no import batch yet" in result.stderr


def test_period_templates_on_synthetic_rows():
    """Branches the seeds do not reach: more than 31 days with articles, falling and steady
    counts, a pipe and a line break in a title, articles with no country, no events."""
    import datetime as dt

    from veille.reports import registry, render

    rep = registry.get("period")
    env = render.environment(rep.template_dirs)
    days = [{"day": dt.date(2021, 1, 1) + dt.timedelta(days=i), "articles": i % 3} for i in range(90)]
    total = sum(d["articles"] for d in days)
    data = {
        "summary": [{"articles": total, "sources": 1, "actors": 3, "events": 0, "undated_articles_in_database": 0}],
        "articles_per_day": days,
        "articles_by_source": [{"source": "A|B", "language": "fr", "articles": total}],
        "top_actors": [{"actor": a, "kind": "person", "articles": 3, "mentions": 4, "previous_articles": p,
                        "change": 3 - p} for a, p in (("X", 5), ("Y", 3), ("Z", 1), ("W", 0))],
        "new_actors": [], "top_pairs": [], "events_by_type": [], "timeline": [],
        "articles_by_country": [{"country": "Other", "article_id": 7, "title": "Two\nlines | and <b>", "language": "fr",
                                 "published_on": dt.date(2021, 1, 2), "source": ""}],
    }
    context = {"report": rep, "labels": {"period": "month 2021-01"}, "data": data, "generated": None,
               "params": {"date_from": dt.date(2021, 1, 1), "date_to": dt.date(2021, 3, 31),
                          "prev_from": dt.date(2020, 10, 3), "prev_to": dt.date(2020, 12, 31)}}
    md = env.get_template("period.md.j2").render(**context)
    assert "No events dated in the period." in md and "## Timeline" not in md
    per_day = section(md, "Articles per day")
    assert "| Day |" not in per_day  # 60 days with articles: one line per month instead
    assert "- 2021-01: 30 articles — 2, 3 ×2, 5, 6 ×2," in per_day and per_day.count("\n- 2021-") == 3
    assert [r["Change"] for r in table(section(md, "Top actors"))] == ["−2", "±0", "+2", "new"]
    assert table(section(md, "Articles per source and language"))[0]["Source"] == "A|B"
    assert "### Other (no country mentioned)\n\n- 2021-01-02 — Two lines \\| and &lt;b>\n" in md  # no raw HTML in Markdown

    html = env.get_template("period.html.j2").render(**context)
    assert "Two\nlines | and &lt;b&gt;" in html and 'id="article-7"' in html
    assert html.count("<svg") == 1 and "<h2>Timeline</h2>" not in html


# ----------------------------------------------------------------------------- 5. escaping

HOSTILE_PAGE = f"""DÉFENSE

Stoltenberg à Bruxelles : {HOSTILE_TITLE} n’est pas une politique

Par Claire Martin
Le 14 mars 2023 à 11h54

Le secrétaire général de l’OTAN, Jens Stoltenberg, a réuni mardi à Bruxelles les ministres de la Défense de l’Alliance pour discuter du soutien à l’Ukraine. « Nous devons continuer à aider l’Ukraine », a déclaré Jens Stoltenberg à l’issue de la réunion, en présence du secrétaire américain à la Défense, Lloyd Austin.

Les ministres ont également évoqué la préparation du sommet de Vilnius, prévu en juillet, où les Alliés doivent adopter de nouveaux plans de défense face à la Russie.

Source : Agence <b>Évidence</b> & Cie
"""


@pytest.fixture(scope="module")
def hostile(make_database, tmp_path_factory) -> str:
    """A database holding one page whose title and source carry HTML, plus two rejected files."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "page.txt").write_text(HOSTILE_PAGE, encoding="utf-8")
    (folder / "blob.txt").write_bytes(bytes(range(256)) * 8)  # binary: rejected and stored
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")  # unsupported type: rejected before reading
    url = migrated(make_database())
    result = import_into(url, folder, batch="hostile")
    assert result.exit_code == 1 and "blob.txt" in result.stderr, result.output  # 1: some files rejected
    return url


def test_import_kept_the_hostile_title(hostile):
    # Without this, the escaping tests below would pass vacuously.
    (title, source, day), = query(hostile, """SELECT a.title, s.name, a.published_on::text
        FROM articles a LEFT JOIN sources s ON s.id = a.source_id""")
    assert HOSTILE_TITLE in title and source == "Agence <b>Évidence</b> & Cie" and day == "2023-03-14"


ESCAPED_SOURCE = "Agence &lt;b&gt;Évidence&lt;/b&gt; &amp; Cie"


@pytest.mark.parametrize("args, shown", [
    (("period", "--from", "2023-03-01", "--to", "2023-03-31"), (ESCAPED_TITLE, ESCAPED_SOURCE)),
    (("sources",), (ESCAPED_SOURCE,)),  # in the table and in the chart's label
    (("batch",), (ESCAPED_TITLE, ESCAPED_SOURCE)),
    (("actor", "--actor", "Jens Stoltenberg"), (ESCAPED_TITLE, ESCAPED_SOURCE)),
])
def test_html_escapes_titles_and_sources(hostile, report, args, shown):
    html = ok(report(hostile, *args, "--format", "html"))
    assert HOSTILE_TITLE not in html and "<script" not in html.lower()
    assert "<b>Évidence" not in html
    for text in shown:
        assert text in html


def test_batch_report_lists_rejections(hostile, report):
    md = ok(report(hostile, "batch", "--batch", "hostile"))
    rejected = table(section(md, "Rejected files"))
    assert [Path(r["File"]).name for r in rejected] == ["blob.txt"]
    assert "binary" in rejected[0]["Reason"]
    assert "1 file was rejected before being read" in section(md, "Rejected files")  # notes.docx
    assert "2 rejected" in md
    html = ok(report(hostile, "batch", "--batch", "hostile", "--format", "html"))
    assert "blob.txt" in html and "binary" in html


# ----------------------------------------------------------------------------- HTML structure

def test_html_is_self_contained_and_printable(seeded, report):
    html = ok(report(seeded, "period", *RANGE, "--format", "html"))
    assert html.startswith("<!DOCTYPE html>\n") and '<html lang="en">' in html and '<meta charset="utf-8">' in html
    assert "<title>Period digest: 2019-01-01 to 2026-12-31</title>" in html
    assert "@media print" in html and "<style>" in html
    for outside in ("<script", "<link", "<img", "@import", "url(", "src=", 'href="http', "href='http"):
        assert outside not in html.lower(), outside
    assert html.count("<svg") == 2  # articles over time, events per category
    anchors = set(re.findall(r'id="article-(\d+)"', html))
    links = set(re.findall(r'href="#article-(\d+)"', html))
    assert links and links <= anchors, "a timeline link points to no article of the list"


# ----------------------------------------------------------------------------- 6. Chromium

def _browser() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if path := shutil.which(name):
            return path
    return None


def _chromium(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--hide-scrollbars", f"--user-data-dir={profile}"]
    return subprocess.run([browser, *flags, *args], capture_output=True, text=True, timeout=60)


def _png_ink(path: Path) -> tuple[int, int, int, int]:
    """(width, height, non-zero bytes, distinct byte values) of the PNG's filtered pixel data.

    A blank page filters to almost only zeros (each row equals the one above), so these two
    counts tell a page with text, tables and charts from an empty one without unfiltering."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    pos, idat, size = 8, [], (0, 0)
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            size = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    raw = zlib.decompress(b"".join(idat))
    return size[0], size[1], len(raw) - raw.count(0), len(set(raw))


def test_period_html_in_headless_chromium(seeded, report, tmp_path):
    browser = _browser()
    if browser is None:
        pytest.skip("no Chromium found: install Debian's chromium package (apt-get install chromium) to run this test")
    page = tmp_path / "period.html"
    page.write_text(ok(report(seeded, "period", *RANGE, "--format", "html")), encoding="utf-8")
    blank = tmp_path / "blank.html"
    blank.write_text('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>blank</title></head>'
                     "<body></body></html>", encoding="utf-8")

    shots = {}
    for name, target in (("report", page), ("blank", blank)):
        shots[name] = tmp_path / f"{name}.png"
        done = _chromium(browser, tmp_path / f"profile-{name}", f"--screenshot={shots[name]}",
                         "--window-size=1200,1600", target.as_uri())
        assert shots[name].exists(), f"Chromium wrote no screenshot (exit {done.returncode}):\n{done.stderr[-2000:]}"
    width, height, ink, distinct = _png_ink(shots["report"])
    _, _, blank_ink, blank_distinct = _png_ink(shots["blank"])
    assert (width, height) == (1200, 1600)
    assert blank_distinct < 16  # the method works: an empty page has (almost) nothing
    assert ink > 20 * max(blank_ink, 1) and distinct > 64, (ink, distinct, blank_ink, blank_distinct)
    assert shots["report"].stat().st_size > 5 * shots["blank"].stat().st_size

    done = _chromium(browser, tmp_path / "profile-dom", "--enable-logging=stderr", "--v=0", "--dump-dom",
                     page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    assert dom.count("<table") >= 6 and dom.count("<svg") == 2 and 'id="article-' in dom
    assert "Geneva" in dom and "NATO" in dom
    # Chromium prints every console message (errors included) as "...:CONSOLE(...)..." lines;
    # a page without script must print none (a blocked resource or a CSP violation would).
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]
    assert not console, "\n".join(console)


# ----------------------------------------------------------------------------- 7, 8. user reports

TOP_SOURCES_SQL = """\
-- report: top_sources
-- title: Top sources
-- description: Sources with at least a given number of articles (duplicates left out).
-- params: min_articles (integer: the fewest articles a source needs to be listed)

-- name: rows
-- One row per source with enough articles, most articles first.
SELECT coalesce(s.name, '(unknown source)') AS source, count(*) AS articles
FROM articles a LEFT JOIN sources s ON s.id = a.source_id
WHERE a.duplicate_of_id IS NULL
GROUP BY 1 HAVING count(*) >= :min_articles
ORDER BY articles DESC, source;
"""
TOP_SOURCES_MD = """\
# {{ report.title }} (at least {{ params.min_articles }} articles)

{% for r in data.rows %}
- {{ r.source|md }}: {{ r.articles }}
{% endfor %}
"""


@pytest.fixture
def user_reports(tmp_path) -> Path:
    folder = tmp_path / "my-reports"
    folder.mkdir()
    (folder / "top_sources.sql").write_text(TOP_SOURCES_SQL, encoding="utf-8")
    (folder / "top_sources.md.j2").write_text(TOP_SOURCES_MD, encoding="utf-8")
    return folder


def _expected_top_sources(url: str, minimum: int) -> str:
    rows = query(url, """SELECT coalesce(s.name, '(unknown source)'), count(*) FROM articles a
        LEFT JOIN sources s ON s.id = a.source_id WHERE a.duplicate_of_id IS NULL
        GROUP BY 1 HAVING count(*) >= %s ORDER BY 2 DESC, 1""", (minimum,))
    assert len(rows) == 2  # (unknown source) 14, B2 11: AFP, Le Monde and PanoraPost have 1
    return (f"# Top sources (at least {minimum} articles)\n\n"
            + "".join(f"- {name}: {n}\n" for name, n in rows))


def _listed(listing: str, name: str) -> str:
    line = next((x for x in listing.splitlines() if f" {name} " in x), None)
    assert line, f"{name} not in `veille report list`:\n{listing}"
    return line


def test_user_report_with_reports_dir(seeded, report, user_reports):
    listing = ok(report(seeded, "list", "--reports-dir", str(user_reports)))
    line = _listed(listing, "top_sources")
    assert "Top sources" in line and "min_articles" in line and "md, json" in line
    _listed(listing, "period")  # the built-in reports are still there

    md = ok(report(seeded, "top_sources", "--reports-dir", str(user_reports), "--param", "min_articles=2"))
    assert md == _expected_top_sources(seeded, 2)

    missing = report(seeded, "top_sources", "--reports-dir", str(user_reports))
    assert missing.exit_code == 1 and "min_articles" in missing.stderr


def test_user_report_from_environment(seeded, report, user_reports, monkeypatch):
    monkeypatch.setenv("VEILLE_REPORTS_DIR", str(user_reports))
    assert "min_articles" in _listed(ok(report(seeded, "list")), "top_sources")
    md = ok(report(seeded, "top_sources", "--param", "min_articles=2"))
    assert md == _expected_top_sources(seeded, 2)


@pytest.mark.parametrize("fmt, template, line", [
    ("md", "# {{ report.title }}\n\n{{ no_such_variable }}\n", 3),
    ("html", '{% extends "_base.html.j2" %}\n{% block content %}\n<p>{{ data.rows[0].nope }}</p>\n{% endblock %}\n', 3),
])
def test_template_error_names_the_file_and_line(seeded, report, tmp_path, fmt, template, line):
    (tmp_path / "broken.sql").write_text("-- report: broken\n-- title: Broken\n\n-- name: rows\nSELECT 1 AS one\n",
                                         encoding="utf-8")
    (tmp_path / f"broken.{fmt}.j2").write_text(template, encoding="utf-8")
    result = report(seeded, "broken", "--reports-dir", str(tmp_path), "--format", fmt)
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"broken.{fmt}.j2" in lines[0] and f"line {line}" in lines[0], result.stderr


def test_user_template_can_extend_the_base_page(seeded, report, tmp_path):
    (tmp_path / "mine.sql").write_text("-- title: Mine\n-- name: rows\nSELECT '<i>x</i>' AS v\n", encoding="utf-8")
    (tmp_path / "mine.html.j2").write_text(
        '{% extends "_base.html.j2" %}\n{% block content %}<p>{{ data.rows[0].v }}</p>{% endblock %}\n',
        encoding="utf-8")
    html = ok(report(seeded, "mine", "--reports-dir", str(tmp_path), "--format", "html"))
    assert "<title>Mine</title>" in html and "<p>&lt;i&gt;x&lt;/i&gt;</p>" in html and "@media print" in html


# ----------------------------------------------------------------------------- 9. actor typo

def test_actor_typo_lists_close_matches(seeded, report):
    result = report(seeded, "actor", "--actor", "Stoltenbreg")
    assert result.exit_code == 1 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Stoltenbreg" in lines[0] and "Jens Stoltenberg" in lines[0], result.stderr
