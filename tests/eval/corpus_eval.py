"""Score the import of real saved pages against their answer key (../shared/corpus/gold.json).

    .venv/bin/python tests/eval/corpus_eval.py [--corpus DIR] [--verbose] [--no-peers] [--json]

Imports the corpus (text dumps, saved HTML, feeds) into a fresh database on the embedded test
server, like `veille import`, then prints per format and language:

- titles: the page's article whose title is the headline (accents, case, punctuation ignored);
- dates right / wrong: its `published_on` against the date the page shows (pages without one
  count as wrong when a date is stored);
- outlets: its source against the outlet, where the page names it;
- languages, first body sentence present in lead + body, bodies holding a piece of furniture
  from the answer key, extra articles (every article of a one-article page beyond the first);
- feeds: items stored with the right title and date.

For saved HTML, the same figures for trafilatura's and newspaper4k's own metadata and text on the
same bytes (offline: the saved string is parsed, nothing is fetched), side by side.
"""

from __future__ import annotations

import json
import re
import sys
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
MARKER = re.compile(r"\[\d+\]")


def squash(s: str | None) -> str:
    """Matching copy: NFC, lynx `[n]` markers out, every whitespace out (hard wraps and inline
    elements split text differently), typographic quotes unified, case folded."""
    if not s:
        return ""
    s = unicodedata.normalize("NFC", s).replace("\u00c3\n", "à\n")
    s = MARKER.sub("", s)
    s = s.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"', "\u00ad": ""}))
    return re.sub(r"\s+", "", s).casefold()


def title_key(s: str | None) -> str:
    from veille.importer.text import fold

    return fold(MARKER.sub("", s or "")).replace(" ", "")


def outlet_names(gold: str) -> set[str]:
    """'Le Monde (Le Monde Afrique)' -> the outer name and the names in parentheses, folded."""
    parts = [gold, *re.split(r"[(),;]", gold)]
    return {k for p in parts for k in outlet_keys(p) if len(k) >= 2}


def outlet_keys(s: str | None) -> set[str]:
    """Folded forms of an outlet name, with and without a leading article ("Le Figaro" and
    "Figaro", "The Guardian" and "Guardian") and a domain ending."""
    from veille.importer.text import fold

    k = re.sub(r" (?:fr|com|co uk|ch|org|net)$", "", re.sub(r"^www ", "", fold(s or "")))
    return {k.replace(" ", ""), re.sub(r"^(?:the|le|la|les|l) ", "", k).replace(" ", "")}


def outlet_key(s: str | None) -> str:
    return min(outlet_keys(s), key=len)


@dataclass
class Tally:
    pages: int = 0
    titles: int = 0
    dated: int = 0             # pages that show a date
    dates_right: int = 0
    dates_wrong: int = 0       # a stored date that is not the page's (or a date on a page without one)
    named: int = 0             # pages that name their outlet
    outlets: int = 0
    languages: int = 0
    first_sentence: int = 0
    with_body: int = 0         # pages whose body is in the visible text
    junk: int = 0
    extra: int = 0
    no_article: int = 0
    misses: list[str] = field(default_factory=list)

    def row(self) -> dict[str, str]:
        return {"pages": str(self.pages), "titles": f"{self.titles}/{self.pages}",
                "dates right": f"{self.dates_right}/{self.dated}", "dates wrong": str(self.dates_wrong),
                "outlets": f"{self.outlets}/{self.named}", "languages": f"{self.languages}/{self.pages}",
                "1st sentence": f"{self.first_sentence}/{self.with_body}", "junk bodies": str(self.junk),
                "extra articles": str(self.extra)}


def score_page(gold: dict, articles: list[dict], tally: Tally) -> None:
    """`articles`: dicts with title, lead, body, language, published_on (YYYY-MM-DD), source."""
    tally.pages += 1
    name = gold["file"]
    if not articles:
        tally.no_article += 1
        tally.misses.append(f"{name}: no article")
        if gold.get("date"):
            tally.dated += 1
        if gold.get("outlet_in_text"):
            tally.named += 1
        if gold.get("body_in_visible_text", True):
            tally.with_body += 1
        return
    want = title_key(gold["title"])
    main = next((a for a in articles if title_key(a["title"]) == want), articles[0])
    tally.extra += len(articles) - 1
    if title_key(main["title"]) == want:
        tally.titles += 1
    else:
        tally.misses.append(f"{name}: title {main['title']!r}")
    if len(articles) > 1:
        tally.misses.append(f"{name}: {len(articles) - 1} extra: " + " | ".join(
            repr((a["title"] or "")[:50]) for a in articles if a is not main)[:300])
    got = main.get("published_on")
    if gold.get("date"):
        tally.dated += 1
        if got == gold["date"]:
            tally.dates_right += 1
        elif got:
            tally.dates_wrong += 1
            tally.misses.append(f"{name}: WRONG date {got} (page: {gold['date']})")
        else:
            tally.misses.append(f"{name}: no date (page: {gold['date_text']!r})")
    elif got and got != gold.get("date_machine"):
        tally.dates_wrong += 1
        tally.misses.append(f"{name}: date {got} on a page that shows none")
    if gold.get("outlet_in_text"):
        tally.named += 1
        if main.get("source") and outlet_keys(main["source"]) & outlet_names(gold["outlet"]):
            tally.outlets += 1
        else:
            tally.misses.append(f"{name}: outlet {main.get('source')!r} (page: {gold['outlet']!r})")
    if main.get("language") == gold["language"]:
        tally.languages += 1
    else:
        tally.misses.append(f"{name}: language {main.get('language')!r}")
    text = squash("\n".join(p for p in (main.get("lead"), main.get("body")) if p))
    if gold.get("body_in_visible_text", True):
        tally.with_body += 1
        if squash(gold["first_body_sentence"]) in text:
            tally.first_sentence += 1
        else:
            tally.misses.append(f"{name}: first body sentence missing")
    # A short piece of furniture ("Partager", "Save") counts when it is a line of the body, not a
    # word inside a sentence; a longer one wherever it is.
    lines = {squash(x) for p in (main.get("lead"), main.get("body")) if p for x in p.split("\n")}
    junk = [j for j in gold.get("junk_examples", [])
            if (k := squash(j)) and (k in text if len(k) >= 20 else any(x.startswith(k) for x in lines))]
    if junk:
        tally.junk += 1
        tally.misses.append(f"{name}: furniture in body: {junk[0]!r}")


def score_feed(gold: dict, articles: list[dict]) -> tuple[int, int]:
    """(items stored with their title and date, items in the feed)."""
    ok = 0
    stored = {(title_key(a["title"]), a.get("published_on")) for a in articles}
    for item in gold["items"]:
        ok += (title_key(item["title"]), item["date"]) in stored
    return ok, len(gold["items"])


# --- the import -------------------------------------------------------------------------------

def import_corpus(url: str, corpus: Path) -> tuple[dict[str, list[dict]], float]:
    """Import text/, html/ and feeds/ of `corpus`; returns articles by relative path and seconds."""
    import psycopg
    from psycopg.rows import dict_row

    started = time.perf_counter()
    cli(url, "import", *(str(corpus / d) for d in ("text", "html", "feeds") if (corpus / d).exists()),
        "--batch", "corpus-eval")
    seconds = time.perf_counter() - started
    out: dict[str, list[dict]] = defaultdict(list)
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql"), row_factory=dict_row) as conn:
        rows = conn.execute(
            "SELECT d.path, a.title, a.lead, a.body, a.language, a.published_on::text AS published_on, "
            "s.name AS source FROM articles a JOIN documents d ON d.id = a.document_id "
            "LEFT JOIN sources s ON s.id = a.source_id ORDER BY d.path, a.segment_index").fetchall()
        for r in rows:
            out[str(Path(r["path"]).resolve().relative_to(corpus.resolve()))].append(r)
    return out, seconds


def fresh_database() -> str:
    """A new migrated database on the embedded test server (the tests' own home)."""
    import os
    import uuid

    import psycopg

    from veille.schema.database import start_embedded

    home = Path(os.environ.get("VEILLE_TEST_HOME", REPO / ".veille-test"))
    server = start_embedded(home)
    name = f"veille_eval_{uuid.uuid4().hex[:10]}"
    admin = server.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = server.set(database=name).render_as_string(hide_password=False)
    result = cli(url, "db", "upgrade")
    if result.exit_code != 0:
        raise SystemExit(f"veille db upgrade failed: {result.output}")
    return url


def cli(url: str, *args: str):
    """`veille --database-url URL ARGS...` in-process."""
    from typer.testing import CliRunner

    from veille.cli.main import app

    return CliRunner().invoke(app, ["--database-url", url, *args], catch_exceptions=False)


def drop_database(url: str) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    u = make_url(url)
    admin = u.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{u.database}" WITH (FORCE)')


# --- peers --------------------------------------------------------------------------------------

PEERS = ("trafilatura", "newspaper4k")


def peer_articles(html: str, peers: tuple[str, ...] = PEERS) -> dict[str, list[dict]]:
    """trafilatura's and newspaper4k's own reading of a saved page (nothing fetched)."""
    import warnings

    import trafilatura

    out: dict[str, list[dict]] = {}
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    if doc is not None:
        m = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
        out["trafilatura"] = [{"title": m.get("title"), "lead": None, "body": m.get("text"),
                               "published_on": (m.get("date") or "")[:10] or None, "source": m.get("sitename"),
                               "language": m.get("language")}]
    else:
        out["trafilatura"] = []
    if "newspaper4k" not in peers:  # about 5 s a page
        return out
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import newspaper

        try:
            art = newspaper.Article("https://example.invalid/")
            art.download(input_html=html)
            art.parse()
            site = (art.meta_data or {}).get("og", {}) if isinstance(art.meta_data, dict) else {}
            out["newspaper4k"] = [{"title": art.title, "lead": None, "body": art.text,
                                   "published_on": art.publish_date.date().isoformat() if art.publish_date else None,
                                   "source": (site.get("site_name") if isinstance(site, dict) else None)
                                   or art.meta_site_name or None,
                                   "language": art.meta_lang or None}]
        except Exception:  # noqa: BLE001 - a peer failing on a page scores as no article
            out["newspaper4k"] = []
    return out


# --- report -------------------------------------------------------------------------------------

def evaluate(corpus: Path = DEFAULT_CORPUS, url: str | None = None, peers: tuple[str, ...] = PEERS) -> dict:
    gold = json.loads((corpus / "gold.json").read_text(encoding="utf-8"))
    own = url is None
    url = url or fresh_database()
    try:
        found, seconds = import_corpus(url, corpus)
    finally:
        if own:
            drop_database(url)
    tallies: dict[str, Tally] = defaultdict(Tally)
    feeds = [0, 0]
    for g in gold:
        arts = found.get(g["file"], [])
        if g["format"] == "feeds":
            ok, n = score_feed(g, arts)
            feeds[0] += ok
            feeds[1] += n
            continue
        for key in (f"{g['format']} {g['language']}", g["format"], "all"):
            score_page(g, arts, tallies[f"veille {key}"])
        if peers and g["format"] == "html":
            html = (corpus / g["file"]).read_text(encoding="utf-8", errors="replace")
            for who, arts2 in peer_articles(html, peers).items():
                for key in (f"html {g['language']}", "html"):
                    score_page(g, arts2, tallies[f"{who} {key}"])
    pages = sum(1 for g in gold if g["format"] != "feeds")
    return {"tallies": dict(tallies), "feeds": tuple(feeds), "seconds": seconds,
            "files": len(gold), "pages": pages}


def print_table(result: dict, verbose: bool = False) -> None:
    tallies = result["tallies"]
    cols = list(Tally().row())
    width = max(len(k) for k in tallies) + 2
    print("".ljust(width) + " ".join(c.rjust(len(c) + 1) for c in cols))
    order = sorted(tallies, key=lambda k: (k.split()[0] != "veille", k.split()[1:] != ["all"],
                                           " ".join(k.split()[1:]), k))
    for k in order:
        row = tallies[k].row()
        print(k.ljust(width) + " ".join(row[c].rjust(len(c) + 1) for c in cols))
    print(f"feeds: {result['feeds'][0]}/{result['feeds'][1]} items with title and date")
    print(f"import: {result['seconds']:.1f} s for {result['files']} files "
          f"({1000 * result['seconds'] / result['files']:.0f} ms per file, workers included)")
    if verbose:
        for k in ("veille text", "veille html"):
            if k in tallies:
                print(f"\n{k}:")
                for m in tallies[k].misses:
                    print("  " + m)


def ratios(t: Tally) -> dict[str, float]:
    return {"titles": t.titles / t.pages, "dates_right": t.dates_right / max(t.dated, 1),
            "dates_wrong": t.dates_wrong / t.pages, "outlets": t.outlets / max(t.named, 1),
            "languages": t.languages / t.pages, "first_sentence": t.first_sentence / max(t.with_body, 1),
            "junk": t.junk / t.pages, "extra": t.extra / t.pages}


if __name__ == "__main__":
    args = sys.argv[1:]
    corpus = Path(args[args.index("--corpus") + 1]) if "--corpus" in args else DEFAULT_CORPUS
    res = evaluate(corpus, peers=() if "--no-peers" in args else PEERS)
    print_table(res, "--verbose" in args)
    if "--json" in args:
        print(json.dumps({k: {**vars(v), "misses": len(v.misses)} for k, v in res["tallies"].items()}, indent=1))
