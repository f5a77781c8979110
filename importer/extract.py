"""From a prepared document to article records: segments, dates with evidence, language, source.

Pure functions over plain data: nothing here talks to the database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from veille.importer import dates, language
from veille.importer.readers import PreArticle, structured_articles
from veille.importer.segment import Segment, caption_text, segment, split_lines
from veille.importer.text import content_hash, fold, read_table

EXTRACTOR_VERSION = "articles-1"
UPDATE_LINE = re.compile(r"^(?:mis[e]? à jour|actualis|updated|last updated)", re.IGNORECASE)
UPDATE_WORDS = re.compile(r"mise? à jour|modifi[ée]|actualis[ée]|updated|last modified|edited")
PUBLISH_WORDS = re.compile(r"publi[ée]|published|posted|first published|mis en ligne")


@dataclass
class ArticleRecord:
    segment_index: int
    char_start: int
    char_end: int
    title: str
    lead: str | None
    body: str
    captions: str | None
    language: str | None
    published_on: object | None      # datetime.date
    date_precision: str | None
    date_evidence: str | None
    source: str | None
    author: str | None
    url: str | None
    content_hash: str
    # The article's text as (offset into the document's raw text, text, kind) pieces, in page order:
    # what the actor and event extractors read, so their spans map back to the raw text.
    parts: list[tuple[int, str, str]] = field(default_factory=list)


_AGENCIES_UPPER = frozenset(name.upper() for name, what in read_table("news_agencies.tsv", 2) if what == "news")


def source_kind(name: str) -> str:
    return "agency" if name.upper() in _AGENCIES_UPPER else "outlet"


def domain_of(url: str | None) -> str | None:
    """The web domain of an article's address (`www.` left out), or None."""
    host = (urlsplit(url).hostname or "") if url and "://" in url else ""
    return host.removeprefix("www.") or None


def repeated_lines(texts: Iterable[str], min_documents: int = 3) -> frozenset[str]:
    """Short lines found in at least `min_documents` different documents: menus and footers of one
    site. Copies of one page (the same longest line) count once, so a page saved several times
    does not turn its own title into furniture, and the outcome does not depend on which files
    happen to be read together."""
    seen: dict[str, set[str]] = {}
    for text in texts:
        lines = split_lines(text)
        if not lines:
            continue
        identity = fold(max(lines, key=lambda ln: len(ln.text)).text)
        for key in {fold(ln.text) for ln in lines if len(ln.text) <= 90}:
            seen.setdefault(key, set()).add(identity)
    return frozenset(k for k, ids in seen.items() if k and len(ids) >= min_documents)


def extract_articles(text: str, meta: dict, repeated: frozenset[str] = frozenset()) -> list[ArticleRecord]:
    structured = structured_articles(text, meta)
    if structured is not None:
        return [_from_structured(text, i, pre) for i, pre in enumerate(structured)]
    page = dates.PageDates.of(text)
    # A PDF is a printed page: its paragraphs were recovered by the reader, and it holds one article
    # unless it is a listing.
    return [_from_segment(seg, page) for seg in segment(text, repeated, single="pdf" in meta)]


def _record(index: int, start: int, end: int, title: str, lead: str | None, body: str, captions: list[str],
            when: dates.ResolvedDate | None, source: str | None, author: str | None, url: str | None,
            parts: list[tuple[int, str, str]]) -> ArticleRecord:
    lang = language.detect("\n".join(p for p in (title, lead, body) if p))
    return ArticleRecord(
        segment_index=index, char_start=start, char_end=end, title=title, lead=lead, body=body,
        captions="\n".join(captions) or None, language=lang,
        published_on=when.value if when else None, date_precision=when.precision if when else None,
        date_evidence=when.evidence if when else None, source=source, author=author, url=url,
        content_hash=content_hash(title, lead, body), parts=parts,
    )


def _from_segment(seg: Segment, page: dates.PageDates) -> ArticleRecord:
    title = seg.title_text
    # A reflowed paragraph (hard-wrapped page) is read through its flat copy: the raw span with
    # line breaks and markup blanked, so offsets found in it are offsets into the raw text.
    parts = [(seg.title.start, seg.title.flat, "title") if seg.title.flat is not None
             else (seg.title.end - len(title), title, "title")]
    for ln in seg.text_lines()[1:]:
        src = ln.flat if ln.flat is not None else ln.text
        skip = 0
        if ln.why == "lead marker" and ")" in src:  # "(B2) …": the outlet's tag is not part of the text
            skip = src.index(")") + 1
            skip += len(src[skip:]) - len(src[skip:].lstrip())
        parts.append((ln.start + skip, src[skip:], "lead" if ln is seg.lead else "body"))
    parts += [(c.start, text, "caption") for c in seg.captions
              if (text := caption_text(c.flat if c.flat is not None else c.text))]
    parts.sort(key=lambda p: p[0])
    return _record(seg.index, seg.start, seg.end, title, seg.lead.text if seg.lead else None,
                   "\n\n".join(ln.text for ln in seg.body), [c.text for c in seg.captions],
                   article_date(seg, page), seg.source, seg.author, None, parts)


def _from_structured(text: str, index: int, pre: PreArticle) -> ArticleRecord:
    title = text[pre.title_start:pre.title_end]
    parts = [(pre.title_start, title, "title")]
    lead, body = None, ""
    if pre.lead_start is not None:
        lead = text[pre.lead_start:pre.lead_end]
        parts.append((pre.lead_start, lead, "lead"))
    else:
        raw_body = text[pre.title_end:pre.end]
        body = raw_body.strip()
        if body:
            parts.append((pre.title_end + raw_body.index(body), body, "body"))
    when = dates.parse_date_string(pre.published) if pre.published else None
    return _record(index, pre.start, pre.end, title, lead, body, [], when, pre.source, pre.author, pre.url, parts)


def article_date(seg: Segment, page: dates.PageDates) -> dates.ResolvedDate | None:
    """The publication date, from the best evidence the article has (no evidence, no date).

    1. its byline or date line (`Publié le …`, `Le 14 août 2023 à 11h54`, `Par X | March 3,
       2024`), a numeric date in its title (`Carnet (11.11.2020)`), an agency dateline
       (`BRUXELLES, 5 mars 2024 (AFP) -`); an update line only when nothing else;
    2. else the latest date of its photo captions (a photo is taken before it is published);
    3. else the latest day-precise date of its text (yearless dates only through the weekday rule).
    """
    first = _byline_date(seg, page)
    if first is not None or seg.single:  # on an article page, dates in captions and text are not its own
        return first
    for lines, need_day in ((seg.captions, False), (seg.text_lines(), True)):
        found = [r for ln in lines for r in _resolved(ln.dates(), page)
                 if not need_day or r.precision == "day"]
        if found:
            return max(found, key=lambda r: (r.value, -r.start))
    return None


def _byline_date(seg: Segment, page: dates.PageDates) -> dates.ResolvedDate | None:
    candidates: list[tuple[int, dates.ResolvedDate]] = []
    for ln in seg.bylines:
        line_flag = 1 if UPDATE_LINE.match(ln.text) else 0
        since = 0
        for r in _resolved(ln.dates(), page):
            flag = line_flag
            if seg.single:  # "Updated 5:02 PM, published 3:00 PM …": the words before each date say which
                at = r.start - ln.start
                before = ln.text[since:at].lower()
                if UPDATE_WORDS.search(before):
                    flag = 1
                elif PUBLISH_WORDS.search(before):
                    flag = 0
                since = r.end - ln.start
            candidates.append((flag, r))
    for r in _resolved(seg.title.dates(), page):
        if r.precision == "day" and not re.search(r"[^\W\d_]", r.evidence):  # "Carnet (11.11.2020)"
            candidates.append((0, r))
    if seg.lead is not None and seg.lead.why == "agency dateline":
        head = seg.lead.text.split("(", 1)[0]
        candidates.extend((0, r) for r in _resolved(dates.find_dates(head, seg.lead.start), page))
    if not candidates and seg.single:
        for ln in seg.bylines:
            for m in ln.dates():
                if (r := page.this_year(m)) is not None:
                    candidates.append((1 if UPDATE_LINE.match(ln.text) else 0, r))
    if not candidates:
        return None
    return min(candidates, key=lambda c: (c[0], c[1].precision != "day" if seg.single else False, c[1].start))[1]


def _resolved(mentions: list[dates.DateMention], page: dates.PageDates) -> list[dates.ResolvedDate]:
    return [r for m in mentions if (r := page.resolve(m)) is not None]
