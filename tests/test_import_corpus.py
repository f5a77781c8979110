"""Pages in layouts the seeds do not have (tests/corpus, with a hand-written gold list)."""

from __future__ import annotations

import json

import psycopg
import pytest
from support import CORPUS, import_into, migrated, query

GOLD = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus_db(make_database):
    url = migrated(make_database())
    result = import_into(url, CORPUS, batch="corpus")
    # README.md and gold.json are not pages: reported as unsupported, so the exit code is 1.
    assert result.exit_code == 1
    assert "unsupported file type '.md'" in result.stderr and "unsupported file type '.json'" in result.stderr
    return url


def rows_of(url: str, name: str) -> list[dict]:
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql"), row_factory=psycopg.rows.dict_row) as conn:
        return conn.execute(
            "SELECT a.title, a.lead, a.body, a.captions, a.language, a.published_on::text AS published_on, "
            "a.date_precision, s.name AS source, d.encoding FROM articles a JOIN documents d ON d.id = a.document_id "
            "LEFT JOIN sources s ON s.id = a.source_id WHERE d.path LIKE %s ORDER BY a.segment_index",
            (f"%/{name}",)).fetchall()


@pytest.mark.parametrize("name", sorted(GOLD))
def test_corpus_page_matches_gold(corpus_db, name):
    gold = GOLD[name]
    rows = rows_of(corpus_db, name)
    got = [(r["title"], r["published_on"], r["date_precision"], r["language"], r["source"]) for r in rows]
    expected = [(a["title"], a["published_on"], a["date_precision"], a["language"], a["source"])
                for a in gold["articles"]]
    assert got == expected
    titles = {r["title"] for r in rows}
    for line in gold.get("not_titles", []):
        assert line not in titles
    everything = "\n".join("\n".join(filter(None, (r["lead"], r["body"]))) for r in rows)
    for line in gold.get("not_in_body", []):
        assert line not in everything, line


def test_encodings_are_recorded(corpus_db):
    encodings = dict(query(corpus_db, "SELECT regexp_replace(path, '^.*/', ''), encoding FROM documents "
                                      "WHERE status = 'imported'"))
    assert encodings["fr_crlf_cp1252.txt"] == "cp1252"
    assert encodings["en_utf16.txt"] == "utf-16"
    assert encodings["fr_bom_utf8.txt"] == "utf-8-sig"


def test_html_and_feeds_keep_their_bytes_and_text(corpus_db):
    rows = query(corpus_db, "SELECT regexp_replace(path, '^.*/', ''), raw_bytes IS NOT NULL, media_type "
                            "FROM documents WHERE path ~ '\\.(html|xml|atom)$' ORDER BY 1")
    assert rows == [("feed_atom.atom", True, "application/atom+xml"), ("feed_rss.xml", True, "application/xml"),
                    ("page_article.html", True, "text/html")]
    urls = query(corpus_db, "SELECT count(*) FROM articles WHERE url LIKE 'http%'")[0][0]
    assert urls >= 7  # every feed item links to its page


def test_pdf_and_mhtml_pages_keep_their_bytes(corpus_db):
    rows = query(corpus_db, "SELECT regexp_replace(path, '^.*/', ''), status, raw_bytes IS NOT NULL, media_type, encoding "
                            "FROM documents WHERE path ~ '\\.(pdf|mhtml)$' ORDER BY 1")
    assert rows == [("en_saved_page.mhtml", "imported", True, "multipart/related", "utf-8"),
                    ("fr_printed_article.pdf", "imported", True, "application/pdf", "pdf")]
    [(body,)] = query(corpus_db, "SELECT a.body FROM articles a JOIN documents d ON d.id = a.document_id "
                                 "WHERE d.path LIKE '%.pdf'")
    # printed lines are joined back into paragraphs
    assert ("Les ministres de la Défense des pays de l'Alliance atlantique se sont retrouvés jeudi à Bruxelles pour "
            "une réunion") in body


def test_unreadable_pdf_and_mhtml_are_rejected_with_a_reason(tmp_path):
    from veille.importer.readers import Rejected, prepare

    broken = prepare("notes.pdf", b"%PDF-1.4\n", "application/pdf")
    assert isinstance(broken, Rejected) and "PDF" in broken.reason and broken.data == b"%PDF-1.4\n"
    empty = prepare("page.mhtml", b"MIME-Version: 1.0\nContent-Type: text/plain\n\nhello\n", "multipart/related")
    assert isinstance(empty, Rejected) and "MHTML" in empty.reason


def rewrap(text: str, width: int) -> str:
    """The page as a text browser set to another width would print it: each block of lines
    between blank lines, unless it is a list, reflowed at `width` with its own indents."""
    import textwrap

    blocks = []
    for block in text.split("\n\n"):
        lines = block.split("\n")
        if any(ln.lstrip().startswith(("* ", "+ ")) for ln in lines) or len(block.strip()) < 20:
            blocks.append(block)
            continue
        first = len(lines[0]) - len(lines[0].lstrip())
        rest = len(lines[-1]) - len(lines[-1].lstrip()) if len(lines) > 1 else first
        blocks.append(textwrap.fill(" ".join(block.split()), width, initial_indent=" " * first,
                                    subsequent_indent=" " * rest, break_on_hyphens=False, break_long_words=False))
    return "\n\n".join(blocks)


@pytest.mark.parametrize("name", ["en_lynx_ledger.txt", "fr_wrapped_gazette.txt", "fr_indented_first_line.txt",
                                  "fr_lynx_article.txt"])
@pytest.mark.parametrize("width", [64, 70, 76, 82])
def test_the_wrap_width_does_not_change_the_article(name, width):
    from veille.importer.extract import extract_articles

    text = rewrap((CORPUS / name).read_text(encoding="utf-8"), width)
    got = [(a.title, a.published_on and a.published_on.isoformat(), a.source) for a in extract_articles(text, {})]
    assert got == [(a["title"], a["published_on"], a["source"]) for a in GOLD[name]["articles"]]
