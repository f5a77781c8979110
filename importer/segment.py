"""Split a page's text into articles: classify lines, then cut at titles.

Every non-empty line gets a role from its own features (length, final punctuation, case,
markers such as `(B2)`, `Publié le`, `Par …`, credit patterns, read-more links) and then
from its neighbours (a heading followed by a byline or a lead marker is a title; a heading
repeated later in `Lire la suite <title>` is a title; the first heading after an article
boundary is a title; a run of bare headings is a menu). Articles are the runs between
titles. Nothing names a site: the rules are about the shape of pages.

The text is never rewritten: each line keeps its [start, end) offsets into the text given,
so every article maps back to the document's raw text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from veille.importer import paragraphs as pg
from veille.importer.dates import DateMention, find_dates
from veille.importer.text import fold, read_table

# Roles
TITLE, LEAD, BODY, SUBHEADING = "title", "lead", "body", "subheading"
BYLINE, CAPTION, FURNITURE, BOUNDARY = "byline", "caption", "furniture", "boundary"
HEADING, PARAGRAPH = "heading", "paragraph"  # provisional roles of the first pass

MAX_TITLE = 220
NAME_CREDIT = "ends with a name in parentheses"
SENTENCE_CREDIT = "sentence then a parenthesis"
MAX_CAPTION = 400

_I = re.IGNORECASE
# "Lire la suite »", "Lire la suite <title>", "Read more"
READ_MORE = re.compile(
    r"^(?:lire la suite|lire plus|la suite|read more|continue reading|keep reading|read the full story)"
    r"(?:\s*[»›>:…\-–]+)?\s*(?P<ref>.*)$", _I)
# "(… lire l'intégralité)", "( … la suite sur le Monde)"
END_PAREN = re.compile(
    r"^\(\s*(?:…|\.\.\.)?\s*(?:lire l['’]int[ée]gralit[ée]|lire la suite|read more|"
    r"la suite sur\s+(?P<src>[^)]+?)|read more on\s+(?P<src2>[^)]+?))\s*\)\.?$", _I)
PUBLISHED_IN = re.compile(r"^publi[ée]e?s?\s+(?:dans|sur|par)\s+(?P<src>.+?)\s+le\s+\S", _I)
PUBLISHED = re.compile(
    r"^(?:publi[ée]e?s?|mis à jour|mise à jour|mis en ligne|en ligne depuis|actualis[ée]e?|modifi[ée]e? le|"
    r"published|updated|posted|last updated|first published)(?:\s+(?:le|on|at|à))?\b\s*:?", _I)
AUTHOR = re.compile(
    r"^(?i:par|by)\s+(?P<author>[A-ZÀ-Ý][\w'’.\-]+(?:\s+(?:[A-ZÀ-Ý][\w'’.\-]+|de|du|van|von|der|and|et|&))*)"
    r"\s*(?:[|,–—-]\s*(?P<rest>.*))?$")
SOURCE_LINE = re.compile(r"^sources?\s*:\s*(?P<src>[^.:]{2,60}?)\.?$", _I)
# News agencies (a dateline's or a credit's source) and photo agencies (credits), as regex alternations.
NEWS_AGENCIES = "|".join(re.escape(name) for name, what in read_table("news_agencies.tsv", 2) if what == "news")
ANY_AGENCY = "|".join(re.escape(name) for name, _ in read_table("news_agencies.tsv", 2))
SOURCE_PAREN = re.compile(r"\(\s*sources?\s*:\s*(?P<src>[^()]{2,60}?)\s*\)", _I)
TRAILING_OUTLET = re.compile(
    r"\((?P<src>(?:L['’]|Le |La |Les |The )?[A-ZÀ-Ý][\w'’\-]+(?:\s+[A-ZÀ-Ý][\w'’\-]+){0,3})\)\.?$")
# "(B2) …", "(B2 – au siège de l'Alliance atlantique) …": a short upper-case outlet tag
LEAD_MARKER = re.compile(r"^\((?P<src>[A-Z][A-Z0-9&]{0,9})(?:\s*[-–—,:]?\s+[^)]{0,80})?\)\s*\S")
# "BRUXELLES, 5 mars 2024 (AFP) - …", "KIEV (Reuters) - …"
AGENCY_DATELINE = re.compile(
    r"^(?P<place>[A-ZÀ-Ý][A-ZÀ-Ý'’ .\-]{1,30})(?:,\s*(?P<when>[^()]{3,40}?))?\s*"
    r"\((?P<src>[A-Z][\w .&\-]{1,25})\)\s*[-–—]\s")
CREDIT_ONLY = re.compile(r"^(?:cr[ée]dits?(?:\s+photos?)?|photos?|credits?|images?|illustrations?)\s*:\s*\S.{0,80}$", _I)
CREDIT_PAREN = re.compile(r"\((?:cr[ée]dit|credit|photo|image)s?\s*:\s*[^()]{1,80}\)\.?$", _I)
# "ANDRIY DUBCHAK / AP": spaces around the slash ("systèmes SAMP/T" is a name, not a credit)
CAPS_AGENCY = re.compile(r"\b[A-ZÀ-Ý][A-ZÀ-Ý'’\-]+(?:\s+[A-ZÀ-Ý][A-ZÀ-Ý'’\-]+)*\s+/\s+[A-Z][\w\-]*$")
PHOTO_TAIL = re.compile(r"(?:^|[.\s])(?:photos?|cr[ée]dits?|credits?)\s*:\s*[^.:]{2,60}$", _I)
PAREN_AGENCY = re.compile(r"\([^()]*(?:/|\bvia\b|\bPool\b|\b(?:" + ANY_AGENCY + r")\b)[^()]*\)\.?$")
SENTENCE_THEN_PAREN = re.compile(r"[.!?]\s*\([^()]{2,60}\)$")
NAME_PAREN = re.compile(r"\([A-ZÀ-Ý][\w'’\-]+(?:\s+[A-ZÀ-Ý][\w'’\-]+){1,3}\)$")
SEPARATOR = re.compile(r"^[\s*_=~#•·\-]{3,}$")
SIGN_OFF = re.compile(r"^[a-z]{2,4}(?:/[a-z]{2,4}){1,5}$")
BRACKETED = re.compile(r"^\[.*\]$")
URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$", _I)
PAGINATION = re.compile(r"^(?:«\s*)?(?:pr[ée]c[ée]dent|previous)?[\s\d…|.]*\d[\s\d…|.]*(?:suivant|next|»|›)?$", _I)
LIST_MARKER = re.compile(r"^(?:\d{1,2}\s*[/.)]|[•·▪●◦■►*–\-])\s+")
MENU_SPLIT = re.compile(r"\s{3,}|\t+|\s+[|>›]\s+")  # not », the French closing quote
TIME_OR_FILLER = re.compile(r"\b(?:\d{1,2}\s*[h:]\s*\d{2}|le|à|a|at|on|the|de|du|cet|ce|ce matin|bst|gmt|utc|cet|cest|et)\b", _I)

# UI words that are furniture when they are the whole line.
UI_WORDS = {
    "accueil", "home", "menu", "share", "partager", "tweet", "email", "e mail", "print", "imprimer",
    "search", "rechercher", "login", "log in", "sign in", "se connecter", "connexion", "suivant", "next",
    "previous", "precedent", "commentaires", "comments", "newsletter", "newsletters", "podcasts", "videos",
    "abonnes", "s abonner", "subscribe", "top", "facebook", "twitter", "linkedin", "whatsapp", "x",
}  # fmt: skip
# Furniture phrases, matched at the start of a short line (folded: no accents, no punctuation).
UI_PREFIXES = (
    "lire aussi", "a lire aussi", "a lire egalement", "voir aussi", "read also", "see also", "related",
    "partager sur", "share on", "share this", "abonnez vous", "s abonner", "subscribe to", "skip to",
    "aller au contenu", "nous utilisons des cookies", "we use cookies", "ce site utilise des cookies",
    "cookies", "accepter", "tous droits reserves", "all rights reserved", "copyright", "cliquez ici",
    "click here", "merci d avoir signale", "publicite", "advertisement", "article reserve aux abonnes",
    "reserve aux abonnes", "lire plus tard", "suivez les sujets", "suivez nous", "follow us",
    "retrouvez", "les plus lus", "most read", "most popular", "newsletter", "inscrivez vous",
    "sign up", "log in", "se connecter", "acceder au contenu", "passer au contenu", "skip to content", "mot cle", "tags", "mots cles", "ecouter cet article",
    "listen to this article", "temps de lecture", "reading time", "commentaires fermes", "comments are closed",
    "les commentaires sont fermes", "reagir a cet article", "charger plus", "load more", "voir plus",
    "afficher plus", "show more", "votre adresse e mail", "your email", "je m inscris",
)  # fmt: skip
_UI_PREFIX_SET = frozenset(UI_PREFIXES)
_UI_PREFIX_WORDS = tuple(p + " " for p in UI_PREFIXES)
# Cookie banners are long: matched at any length.
COOKIE_PREFIXES = ("nous utilisons des cookies", "ce site utilise des cookies", "we use cookies",
                   "this site uses cookies", "this website uses cookies", "en poursuivant votre navigation")
# Furniture after which text belongs to no article until the next title.
CLOSING = {"read-more link", "end-of-teaser marker", "agency sign-off", "load more"}


@dataclass(slots=True)
class Line:
    index: int
    start: int
    end: int
    text: str
    role: str = PARAGRAPH
    why: str = ""                 # the feature that decided the role (explainable)
    strong: bool = False          # caption by an explicit credit / title by neighbour evidence
    source: str | None = None     # an outlet named by this line
    author: str | None = None
    ref: str | None = None        # title named by a read-more line
    kind: str = "text"            # what the paragraph layer saw: text | heading | item | furniture
    flat: str | None = None       # raw span with line breaks and markup blanked, when text is reflowed
    indent: int = 0
    linked: bool = False          # the paragraph opens with a link (a text browser's [n] marker)
    _dates: list[DateMention] | None = None

    def dates(self) -> list[DateMention]:
        """The date mentions of the line (offsets into the page), found once."""
        if self._dates is None:
            self._dates = find_dates(self.text, self.start)
        return self._dates


@dataclass(slots=True)
class Segment:
    """One article: spans are offsets into the text given to `segment`."""

    index: int
    start: int
    end: int
    title: Line
    lead: Line | None = None
    body: list[Line] = field(default_factory=list)
    captions: list[Line] = field(default_factory=list)
    bylines: list[Line] = field(default_factory=list)
    markers: list[Line] = field(default_factory=list)   # furniture inside the article that names a source
    source: str | None = None
    author: str | None = None
    single: bool = False        # the one article of a page (its furniture and teasers left out)

    @property
    def title_text(self) -> str:
        return title_text(self.title.text)

    def text_lines(self) -> list[Line]:
        """Title, lead and body lines in page order (what language and search read)."""
        return [self.title, *([self.lead] if self.lead else []), *self.body]


def caption_text(line_text: str) -> str:
    """A caption without its photo credit ("… ANDRIY DUBCHAK / AP" → "…")."""
    cut = len(line_text)
    for pattern in (CREDIT_PAREN, CAPS_AGENCY, PHOTO_TAIL, PAREN_AGENCY, NAME_PAREN, SENTENCE_THEN_PAREN):
        if m := pattern.search(line_text):
            cut = min(cut, m.start() + (1 if pattern is SENTENCE_THEN_PAREN else 0))
    if CREDIT_ONLY.match(line_text):
        cut = 0
    return line_text[:cut].rstrip(" .,-–")


def title_text(line_text: str) -> str:
    """A title without its list marker ("1/ ", "• ")."""
    return LIST_MARKER.sub("", line_text, count=1)


def split_lines(text: str) -> list[Line]:
    """Non-empty lines with their offsets, surrounding whitespace excluded."""
    lines = []
    for m in re.finditer(r"[^\r\n]+", text):
        raw = m.group()
        stripped = raw.strip()
        if not stripped:
            continue
        lead_ws = len(raw) - len(raw.lstrip())
        start = m.start() + lead_ws
        lines.append(Line(len(lines), start, start + len(stripped), stripped))
    return lines


def _clean_source(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip(" .,;:-–—«»\"'")
    if not name or len(name) > 60:
        return None
    return name[0].upper() + name[1:]


def _is_date_line(line: Line) -> bool:
    """A short line that is essentially a date ("Le 14 août 2023 à 11h54", "mercredi 8 mars")."""
    if len(line.text) > 70:
        return False
    mentions = line.dates()
    if not mentions or mentions[0].day is None:
        return False
    rest = line.text
    for m in reversed(mentions):
        rest = rest[: m.start - line.start] + rest[m.end - line.start:]
    rest = TIME_OR_FILLER.sub(" ", rest)
    return len(re.sub(r"[\W\d_]+", "", rest)) <= 4


def _classify_line(line: Line) -> None:
    """First pass: the role a line has on its own."""
    t = line.text
    folded = fold(t) if len(t) <= 500 else ""  # only the tests of short lines read it
    words = t.split()

    def set_(role: str, why: str, **kw) -> None:
        line.role, line.why = role, why
        for k, v in kw.items():
            setattr(line, k, v)

    if m := END_PAREN.match(t):
        return set_(BOUNDARY, "end-of-teaser marker", source=_clean_source(m.group("src") or m.group("src2")))
    if folded.startswith(("charger plus", "load more", "voir plus d", "afficher plus", "show more")) and len(t) <= 60:
        return set_(BOUNDARY, "load more")
    if (m := READ_MORE.match(t)) and len(t) <= MAX_TITLE + 30:
        return set_(BOUNDARY, "read-more link", ref=fold(m.group("ref")) or None)
    if m := PUBLISHED_IN.match(t):
        return set_(BYLINE, "published-in line", source=_clean_source(m.group("src")))
    if PUBLISHED.match(t) and len(t) <= 120:
        return set_(BYLINE, "published line")
    if (m := AUTHOR.match(t)) and len(t) <= 120:
        return set_(BYLINE, "author line", author=m.group("author").strip())
    if m := SOURCE_LINE.match(t):
        return set_(FURNITURE, "source line", source=_clean_source(m.group("src")))
    if m := LEAD_MARKER.match(t):
        return set_(LEAD, "lead marker", source=_clean_source(m.group("src")))
    if m := AGENCY_DATELINE.match(t):
        return set_(LEAD, "agency dateline", source=_clean_source(m.group("src")))
    if len(t) > 300 and len(MENU_SPLIT.findall(t)) >= 4:
        return set_(FURNITURE, "ticker of glued headlines")
    if SEPARATOR.match(t):
        return set_(BOUNDARY, "separator")
    if SIGN_OFF.match(t):
        return set_(BOUNDARY, "agency sign-off")
    if BRACKETED.match(t) or URL_LINE.match(t):
        return set_(FURNITURE, "cross-link")
    if len(t) <= 40 and PAGINATION.match(t) and sum(c.isdigit() for c in t) >= 2:
        return set_(FURNITURE, "pagination")
    if len(t) <= 500 and folded.startswith(COOKIE_PREFIXES):
        return set_(FURNITURE, "cookie banner")
    if len(t) <= 90 and (folded in UI_WORDS or folded in _UI_PREFIX_SET or folded.startswith(_UI_PREFIX_WORDS)
                         or t.startswith("©")):
        return set_(FURNITURE, "interface text")
    if _is_date_line(line):
        return set_(BYLINE, "date line")
    if len(t) <= 350 and not t.endswith((".", "!", "?")) and _is_menu(t):
        return set_(FURNITURE, "menu")
    if len(t) <= MAX_CAPTION and not SOURCE_PAREN.search(t):  # "(Source : AFP)" attributes the text
        if CREDIT_ONLY.match(t):
            return set_(CAPTION, "credit line", strong=True)
        if CREDIT_PAREN.search(t) or CAPS_AGENCY.search(t) or PHOTO_TAIL.search(t) or PAREN_AGENCY.search(t):
            return set_(CAPTION, "caption with credit", strong=True)
        if SENTENCE_THEN_PAREN.search(t):  # "… 2021. (Forces de défense israéliennes)", or a cited outlet
            return set_(CAPTION, SENTENCE_CREDIT)
    if len(words) == 1 and len(t) <= 40:
        return set_(BOUNDARY, "single-word label")
    if len(words) <= 6 and len(t) <= 60 and (letters := [c for c in t if c.isalpha()]) \
            and all(c.isupper() for c in letters):
        return set_(BOUNDARY, "upper-case kicker")
    if _heading_like(t):
        if NAME_PAREN.search(t):
            return set_(CAPTION, NAME_CREDIT)  # weak: a title if evidence says so
        return set_(HEADING, "short line without final punctuation")
    return set_(PARAGRAPH, "text")


def _body_like(ln: Line, items: bool = False) -> bool:
    """A paragraph of running text: long, several words, ending like a sentence."""
    t = ln.text
    if len(t) < (150 if items else 80) or len(t.split()) < 12:
        return False
    return t.rstrip(" »”\"'’)]\u00a0\u202f").endswith((".", "!", "?", "…", ":", ";"))


def _is_listing(lines: list[Line]) -> bool:
    """Several teasers that each end with a read-more link after their text: a listing, cut at
    titles. (A "Read more" right under a headline links a related story from inside an article.)"""
    teasers = 0
    for i, ln in enumerate(lines):
        if ln.why != "read-more link":
            continue
        before = next((x for x in reversed(lines[:i]) if x.role not in (FURNITURE, BOUNDARY)), None)
        teasers += before is not None and before.role == PARAGRAPH
    return teasers >= 3


def _is_menu(t: str) -> bool:
    parts = [p for p in MENU_SPLIT.split(t) if p.strip()]
    return len(parts) >= 2 and all(len(p) <= 40 for p in parts)


def _heading_like(t: str) -> bool:
    if len(t) > MAX_TITLE or len(t.split()) < 2:
        return False
    core = t.rstrip(" »”\"'’)]\u00a0\u202f")  # a sentence may end inside closing quotes
    if core.endswith((".", ",", ";", ":")) and not core.endswith("...") and core != t.rstrip(")"):
        return False
    if t.endswith((".", ",", ";", ":")) and not t.endswith("..."):
        return False
    first = LIST_MARKER.sub("", t, count=1)[:1]
    return bool(first) and (first.isupper() or first.isdigit() or first in "«\"“'(‘")


def _next_content(lines: list[Line], i: int, limit: int = 4) -> list[Line]:
    """The next lines after i that carry content or evidence (captions and furniture skipped)."""
    out = []
    for ln in lines[i + 1:]:
        if ln.role == BOUNDARY:
            break
        if (ln.role == FURNITURE or (ln.role == CAPTION and ln.strong)) and not ln.source:
            continue
        out.append(ln)
        if len(out) >= limit:
            break
    return out


def _mark_strong_titles(lines: list[Line]) -> None:
    refs = [ln.ref for ln in lines if ln.ref and len(ln.ref) >= 12]
    for i, ln in enumerate(lines):
        weak_title = ln.why == NAME_CREDIT or (ln.why == SENTENCE_CREDIT and re.search(r"[?!]\s*\([^()]*\)$", ln.text))
        if ln.role != HEADING and not (weak_title and len(ln.text) <= MAX_TITLE):
            continue  # a weak caption may still be a title: "… un effet ? (v2)" followed by "(B2) …"
        key = fold(title_text(ln.text))
        nxt = _next_content(lines, i, limit=2)
        why = None
        if key and any(r == key or (len(key) >= 12 and (r.startswith(key) or key.startswith(r))) for r in refs):
            why = "named by a later read-more link"
        elif nxt and nxt[0].role == BYLINE:
            why = "followed by a byline"
        elif nxt and nxt[0].role == LEAD:
            why = f"followed by a {nxt[0].why}"
        elif len(nxt) == 2 and nxt[0].role == PARAGRAPH and nxt[1].role == BYLINE and ln.role == HEADING:
            why = "followed by a lead and a byline"
        if why:
            ln.role, ln.why, ln.strong = TITLE, why, True


def _mark_repeated(lines: list[Line], repeated: frozenset[str]) -> None:
    """A short line found in many documents of the batch is furniture (a menu, a footer) unless
    it introduces text: an article repeated on several pages repeats its title too."""
    if not repeated:
        return
    for i, ln in enumerate(lines):
        if ln.role not in (HEADING, PARAGRAPH) or len(ln.text) > 90 or fold(ln.text) not in repeated:
            continue
        nxt = _next_content(lines, i, limit=1)
        if not (nxt and nxt[0].role in (PARAGRAPH, LEAD, BYLINE) and len(nxt[0].text) > 200):
            ln.role, ln.why = FURNITURE, "repeated in many documents of the batch"


def _mark_menus(lines: list[Line]) -> None:
    """Three or more bare headings in a row, with nothing between them, are a list or a menu."""
    run: list[Line] = []
    for ln in [*lines, None]:
        if ln is not None and ln.role == HEADING:
            run.append(ln)
            continue
        if ln is not None and ln.role in (FURNITURE,):
            continue
        if len(run) >= 3:
            for r in run:
                r.role, r.why = FURNITURE, "list of headlines"
        run = []


def _is_slug_of(line: Line, title: Line | None) -> bool:
    """An unaccented, truncated copy of the title (URL slug or breadcrumb)."""
    if title is None:
        return False
    b = _title_key(title.text)
    # fold works character by character, so the key of the line's beginning is a prefix of the
    # line's key: when it already fails to be a prefix of the title's, the whole line does too
    # (most lines here are paragraphs, far longer than a title).
    head = line.text[:len(b) + 16]
    a = _slug_key(head)
    if not b.startswith(a):
        return False
    if len(head) < len(line.text):
        a = _slug_key(line.text)
    return len(a) >= 12 and b.startswith(a) and line.text != title.text


def _slug_key(text: str) -> str:
    return fold(text).replace(" ", "")


@lru_cache(maxsize=256)  # asked again for every line of the article
def _title_key(text: str) -> str:
    return _slug_key(title_text(text))


def _assign_titles(lines: list[Line]) -> None:
    """Sequential pass: the first heading after a boundary opens an article."""
    has_strong = any(ln.role == TITLE for ln in lines)
    at_boundary, seen_title, last_title, closed = True, False, None, False
    for i, ln in enumerate(lines):
        if ln.role == TITLE:
            at_boundary, seen_title, last_title, closed = False, True, ln, False
            continue
        if ln.role in (HEADING, PARAGRAPH) and _is_slug_of(ln, last_title):
            ln.role, ln.why = FURNITURE, "slug of the title"
            continue
        if ln.role == BOUNDARY:
            at_boundary = True
            closed = closed or ln.why in CLOSING
            continue
        if ln.role in (FURNITURE, CAPTION, BYLINE):
            continue
        if ln.role == HEADING and at_boundary:
            nxt = _next_content(lines, i, limit=1)
            if has_strong and not seen_title:
                ln.role, ln.why = FURNITURE, "page header before the first article"
            elif not nxt or nxt[0].role == TITLE:
                ln.role, ln.why = FURNITURE, "label before a title"
            else:
                ln.role, ln.why = TITLE, "first heading after a boundary"
                at_boundary, seen_title, last_title, closed = False, True, ln, False
            continue
        if has_strong and not seen_title:
            ln.role, ln.why = FURNITURE, "page preamble before the first article"
            continue
        if closed:
            ln.role, ln.why = FURNITURE, "text after the end of an article"
            continue
        at_boundary = False
        if ln.role == HEADING:
            ln.role, ln.why = SUBHEADING, "heading inside an article"
        elif ln.role == PARAGRAPH:
            ln.role = BODY


def page_lines(text: str) -> tuple[str, list[Line]]:
    """(layout, lines): the paragraphs of the page as lines. One-paragraph-per-line text gives
    exactly `split_lines`; hard-wrapped and Markdown pages give one line per recovered paragraph
    (its text reflowed, its span on the raw text)."""
    if pg.layout(text) == pg.PLAIN:
        return pg.PLAIN, split_lines(text)
    layout, paras = pg.paragraphs(text)
    return layout, [Line(i, p.start, p.end, p.text, kind=p.kind, flat=p.flat, indent=p.indent, linked=p.linked)
                    for i, p in enumerate(paras)]


def _first_pass(text: str) -> tuple[str, list[Line]]:
    layout, lines = page_lines(text)
    for ln in lines:
        _classify_line(ln)
        if ln.kind == pg.FURNITURE:
            ln.role, ln.why = FURNITURE, "text-browser furniture"
        elif ln.kind == pg.ITEM and not _body_like(ln, items=True):
            ln.role, ln.why = FURNITURE, "list item"
        elif ln.kind == pg.HEADING and ln.role in (PARAGRAPH, BOUNDARY, HEADING):
            ln.role, ln.why = HEADING, "marked-up heading"
    return layout, lines


def classify(text: str, repeated: frozenset[str] = frozenset()) -> list[Line]:
    """Every non-empty line (or recovered paragraph) of `text` with its role and the reason for it."""
    return _passes(_first_pass(text)[1], repeated)


def _passes(lines: list[Line], repeated: frozenset[str]) -> list[Line]:
    _mark_strong_titles(lines)
    _mark_repeated(lines, repeated)
    _mark_menus(lines)
    _assign_titles(lines)
    return lines


def segment(text: str, repeated: frozenset[str] = frozenset(), single: bool = False) -> list[Segment]:
    """The articles of a page, in page order. Hard-wrapped and Markdown pages (and, with `single`,
    any page whose reader knows it is one printed page) give one article unless they are listings."""
    layout, lines = _first_pass(text)
    if (layout != pg.PLAIN or single) and not _is_listing(lines):
        seg = single_article(text, lines, repeated)
        return [seg] if seg is not None else []
    lines = _passes(lines, repeated)
    if not any(ln.role == TITLE for ln in lines):
        return _untitled(lines)
    segments: list[Segment] = []
    # Captions and date lines just before a title (only furniture between) belong to its article.
    pending_captions: list[Line] = []
    pending_bylines: list[Line] = []
    current: Segment | None = None
    for ln in lines:
        if ln.role == TITLE:
            if current is not None:
                _close(current)
            current = Segment(len(segments), ln.start, ln.end, ln)
            if pending_captions or pending_bylines:
                current.captions.extend(pending_captions)
                current.bylines.extend(pending_bylines)
                current.start = min(x.start for x in [*pending_captions, *pending_bylines])
            pending_captions, pending_bylines = [], []
            segments.append(current)
            continue
        if ln.role == BYLINE and (current is None or current.lead is not None or current.body):
            pending_bylines.append(ln)
            continue
        if ln.role == CAPTION and ln.why == SENTENCE_CREDIT and current is not None and current.lead is None:
            ln.role = LEAD  # the first text of an article, citing its outlet: "… (Le Figaro)"
        if ln.role != FURNITURE and ln.role != CAPTION:
            if current is not None and pending_bylines:
                current.bylines.extend(pending_bylines)
                # captions before those bylines stay with them: the next article starts after
                last = pending_bylines[-1].start
                current.captions.extend(c for c in pending_captions if c.start < last)
                pending_captions = [c for c in pending_captions if c.start > last]
            pending_bylines = []
        if current is None:
            if ln.role == CAPTION:
                pending_captions.append(ln)
            elif ln.role != FURNITURE:
                pending_captions = []
            continue
        if ln.role == CAPTION:
            pending_captions.append(ln)
            continue
        if ln.role in (BODY, SUBHEADING, LEAD):
            current.captions.extend(pending_captions)
            pending_captions = []
            if current.lead is None and not current.body:
                current.lead = ln
            else:
                current.body.append(ln)
            current.end = ln.end
        elif ln.role == BYLINE:
            current.captions.extend(pending_captions)
            pending_captions = []
            current.bylines.append(ln)
            current.end = max(current.end, ln.end)
        elif ln.source:
            current.markers.append(ln)
    if current is not None:
        current.captions.extend(pending_captions)  # captions after the last article stay with it
        if pending_captions:
            current.end = max(current.end, pending_captions[-1].end)
        _close(current)
    return segments


def _close(seg: Segment) -> None:
    """Drop trailing subheadings with no text after them; settle source and author."""
    while seg.body and seg.body[-1].role == SUBHEADING:
        dropped = seg.body.pop()
        dropped.role, dropped.why = FURNITURE, "heading with no text after it"
    content_end = max([seg.title.end, *(ln.end for ln in seg.text_lines()), *(ln.end for ln in seg.bylines)])
    seg.end = max(content_end, *(c.end for c in seg.captions if c.start > seg.title.start), seg.title.end)
    for ln in [*seg.bylines, *([seg.lead] if seg.lead else []), *seg.markers]:
        if ln.source:
            seg.source = ln.source
            break
    if seg.source is None:
        for ln in seg.text_lines()[1:]:
            if m := SOURCE_PAREN.search(ln.text):
                seg.source = _clean_source(m.group("src"))
                break
    if seg.source is None and seg.text_lines()[-1] is not seg.title:
        last = seg.text_lines()[-1]
        if (m := TRAILING_OUTLET.search(last.text)) and last.role != SUBHEADING:
            seg.source = _clean_source(m.group("src"))
    for ln in seg.bylines:
        if ln.author:
            seg.author = ln.author
            break


def _title_cut(text: str) -> int:
    """Where a title taken from a long line ends: its first sentence, else the last word boundary."""
    m = re.search(r"[.!?](?=\s)", text[:MAX_TITLE])
    if m:
        return m.end()
    space = text.rfind(" ", 0, MAX_TITLE)
    return space if space > 20 else MAX_TITLE


def _untitled(lines: list[Line]) -> list[Segment]:
    """A page without any heading: one article titled by its first line of text."""
    content = [ln for ln in lines if ln.role in (BODY, PARAGRAPH, SUBHEADING, LEAD, HEADING)]
    if not content:
        return []
    first = content[0]
    rest: list[Line] = []
    if len(first.text) > MAX_TITLE:  # one long line: its first sentence (or words) as the title
        cut = _title_cut(first.text)
        tail = first.text[cut:]
        skip = len(tail) - len(tail.lstrip())
        rest = [Line(first.index, first.start + cut + skip, first.end, tail.lstrip(), BODY, "rest of the first line")]
        first = Line(first.index, first.start, first.start + cut, first.text[:cut].rstrip(), TITLE, "first sentence")
        first.end = first.start + len(first.text)
    seg = Segment(0, first.start, first.end, first)
    for ln in [*rest, *content[1:]]:
        if seg.lead is None:
            seg.lead = ln
        else:
            seg.body.append(ln)
    seg.captions = [ln for ln in lines if ln.role == CAPTION and ln.start > first.start]
    seg.bylines = [ln for ln in lines if ln.role == BYLINE]
    seg.markers = [ln for ln in lines if ln.role in (FURNITURE, BOUNDARY) and ln.source]
    _close(seg)
    seg.start = min([seg.start, *(b.start for b in seg.bylines)])
    return [seg]


# --- single-article pages ------------------------------------------------------------------------
# A saved article page is one article inside site furniture: menus, teasers of other articles,
# share buttons, newsletter boxes, comments, footers. The article is the densest run of running
# text; its title the headline before it (followed by a byline or date, repeated on the page);
# everything else is left out.

# Section labels after which the article is over (folded: no accents, no punctuation).
END_OF_ARTICLE = re.compile(
    r"^(?:sur (?:le|la) meme (?:sujet|theme)|dans la meme rubrique|a lire (?:aussi|egalement)|"
    r"(?:les )?plus (?:lus|partages|commentes)|les (?:articles )?les plus lus|nos (?:derniers|autres) articles|"
    r"vous (?:aimerez|pourriez aimer|aimeriez) aussi|(?:les )?articles? (?:lies|similaires|recommandes)|"
    r"(?:\d+ )?commentaires?|reagissez|reagir|la suite est reservee|les abonnes lisent aussi|"
    r"(?:related|recommended|more|top|latest|popular|trending) (?:stories|articles|news|content|videos|reads)|"
    r"more (?:from|on) |most (?:read|popular|viewed|shared)|read next|(?:\d+ )?comments?|you may also like|"
    r"what to read next|related topics|sponsored|contenus? sponsorises?|a decouvrir|a voir aussi|en continu|"
    r"derniers articles|latest news|voir aussi)\b")
READ_ALSO = re.compile(r"^(?:lire aussi|a lire aussi|a lire egalement|lire egalement|voir aussi|read also|see also|"
                       r"a lire |read more|related\b|a voir\b|watch\b|a ecouter\b|ecouter\b)")
# Interface messages that sit between paragraphs (share and embed widgets).
WIDGET_TEXT = re.compile(r"(?i)copied to (?:your )?clipboard|link copied|lien copi[ée]|copier le lien|embed code")
TEASER_ARROW = (">>", "|>", "»", "›", "→", "➜", "▶")
# Captions announced by a label ("Image caption, …", "Légende image …", "Copyright de l'image …").
CAPTION_LABEL = re.compile(r"^(?:image caption|image source|l[ée]gende (?:de l['’])?image|copyright de l['’]image|"
                           r"source de l['’]image|photo ?:|caption ?:)", re.IGNORECASE)
# A line ending on a function word is a label ("Article rédigé par"), not a headline.
DANGLING = re.compile(r"\b(?i:par|de|du|des|le|la|les|à|au|aux|et|ou|en|pour|sur|by|of|the|and|or|to|in|on|for|with)$")
# A byline without "Par"/"By": a name of two or three words, maybe where it was written from.
PERSON_LINE = re.compile(r"^[A-ZÀ-Ý][\w'’-]+(?: [A-ZÀ-Ý][\w'’-]+){1,2}(?: (?:in|à|en) [A-ZÀ-Ý][\w'’ -]+)?$")
ARTICLE_START = re.compile(r"(?:L['’]|Le |La |Les |The )")
WITH_AGENCY = re.compile(r"\b(?:avec|with)\s+(?:l['’])?(?:" + NEWS_AGENCIES + r"|agences?|agencies)$", re.IGNORECASE)
MAX_GAP = 8         # lines without running text inside one article (captions, subheads, boxes)
TITLE_REACH = 40     # how far before the text its headline may be


def _end_marker(ln: Line) -> bool:
    return len(ln.text) <= 80 and bool(END_OF_ARTICLE.match(fold(ln.text)))


def _main_run(lines: list[Line]) -> tuple[int, int] | None:
    """(first, last) indices of the densest run of running text; runs after a section label that
    ends articles (comments, related stories) weigh less."""
    best, best_score = None, 0.0
    first = last = None
    chars, gap, after_end, items = 0, 0.0, False, 0
    weight = 1.0

    def close() -> None:
        nonlocal best, best_score, first, last, chars
        if first is not None and chars * weight > best_score:
            best, best_score = (first, last), chars * weight
        first = last = None
        chars = 0

    for i, ln in enumerate(lines):
        if _end_marker(ln) and not _inline_box(lines, i):
            close()
            if best_score >= 300:
                after_end = True
            continue
        if ln.linked and chars >= 300 and _next_text_linked(lines, i):
            # paragraphs that are each a link's text, one after the other (short lines such as
            # dates between them), after the running text: a list of other stories (headlines,
            # their photos' captions), not more of this one
            close()
            after_end = True
        if _body_like(ln, items=ln.kind == pg.ITEM) and ln.role in (PARAGRAPH, LEAD) \
                and not READ_ALSO.match(fold(ln.text[:40])) and not COPYRIGHT.search(ln.text[:60]):
            if first is not None and gap > MAX_GAP:
                close()
            if first is None:
                first, weight = i, (0.3 if after_end else 1.0)
            last, gap, items = i, 0, 0
            chars += len(ln.text)
        elif first is not None and ln.role != BYLINE:
            # a byline between the lead and the text does not split them; interface lines and list
            # items (a player's buttons, share links) weigh less than lines of other text
            items = items + 1 if ln.kind == pg.ITEM else 0
            if items >= 5:  # a menu or a list of links: the text is over
                close()
                continue
            gap += 0.25 if ln.role in (FURNITURE, BOUNDARY) or ln.kind in (pg.ITEM, pg.FURNITURE) \
                or WIDGET_TEXT.search(ln.text) else 0.5 if len(ln.text) < 40 else 1
    close()
    return best


def _next_text_linked(lines: list[Line], i: int) -> bool:
    """Whether the next line of some length after line `i` opens with a link too."""
    following = next((ln for ln in lines[i + 1:i + 4] if len(ln.text) >= 40), None)
    return following is not None and following.linked


def _inline_box(lines: list[Line], i: int) -> bool:
    """A section label ("Related articles") over a short bulleted list after which the running
    text goes on: a box inside the article, not its end."""
    j, items = i + 1, 0
    while j < len(lines) and j - i <= 10 and (lines[j].kind in (pg.ITEM, pg.FURNITURE)
                                               or (len(lines[j].text) < 120 and not _body_like(lines[j]))):
        j, items = j + 1, items + (lines[j].kind == pg.ITEM)
    return 1 <= items and j < len(lines) and lines[j].role in (PARAGRAPH, LEAD) and _body_like(lines[j]) \
        and (j + 1 >= len(lines) or not _end_marker(lines[j + 1]))


# Subscription and newsletter pitches: two of these in one paragraph.
PROMO = re.compile(
    r"(?i)\b(?:subscri(?:be|ption|bers?)|sign(?:ing)? up|newsletters?|inbox|free trial|try it for free|"
    r"cancel (?:at )?any ?time|premium|membership|unlimited access|abonn(?:ez|er|ement|[ée]s?)\b|"
    r"inscri(?:vez|re|ption|vant)|essai gratuit|sans engagement|offre (?:sp[ée]ciale|d[ée]couverte|d['’]essai)|"
    r"d[ée]j[àa] abonn|[€$£] ?\d+(?:[.,]\d+)? ?(?:/|par|per) ?(?:mois|month|an|year)|"
    r"\d+(?:[.,]\d+)? ?[€$£] ?(?:/|par|per) ?(?:mois|month|an|year))")


INVITE = re.compile(r"^(?i:join|rejoignez|sign up|inscrivez|abonnez|recevez|get our|receive our)\b")


PROMO_BOX = "subscription or newsletter box"


def _promo(t: str) -> bool:
    return len({m.group().lower()[:6] for m in PROMO.finditer(t)}) + bool(INVITE.match(t)) >= 2


# A sentence start glued to the end of a headline: the subtitle printed in the same block
# ("… dimanche soir Deux ans après les émeutes …"): a lower-case word, then a capitalised word that
# opens sentences and is no name (the word after it is in lower case).
SUBTITLE_START = re.compile(
    r"(?<=[a-zà-ÿ0-9])\s+(?=(?:Deux|Trois|Un|Une|Des|Le|La|Les|Ce|Cette|Ces|Depuis|Après|Alors|Selon|Pour|Dans|"
    r"En|Au|Aux|Il|Elle|Ils|Elles|On|The|A|An|Two|Three|After|Since|As|In|According|It|They|He|She)\s+[a-zà-ÿ])")


def _split_headline(title: Line) -> tuple[Line, Line | None]:
    """(headline, subtitle) of a long headline block that runs a subtitle on without punctuation."""
    src = title.flat if title.flat is not None else title.text
    long_words = [w for w in title.text.split() if len(w) >= 4 and w[:1].isalpha()]
    if len(title.text) <= 100 or title.why == "first sentence" \
            or sum(w[:1].isupper() for w in long_words) > 0.6 * len(long_words):  # Title Case: no sentence starts
        return title, None
    m = next((m for m in SUBTITLE_START.finditer(src) if m.start() >= 40 and len(src) - m.end() >= 30), None)
    if m is None:
        return title, None
    cut, rest = m.start(), m.end()

    def piece(a: int, b: int, role: str, why: str) -> Line:
        t = " ".join(src[a:b].split()) if title.flat is not None else src[a:b]
        ln = Line(title.index, title.start + a, title.start + b, t, role, why, strong=title.strong)
        if title.flat is not None:
            ln.flat = title.flat[a:b]
        return ln

    return piece(0, cut, TITLE, title.why), piece(rest, len(src.rstrip()), LEAD, "subtitle in the headline's block")


def _printed_twice(lines: list[Line], i: int, key: str) -> bool:
    """A paragraph printed again a few lines below with only short lines (a credit, "3 of 40")
    between the two copies: a gallery's caption."""
    for j in range(i + 2, min(i + 5, len(lines))):
        if len(lines[j].text) == len(lines[i].text) and fold(lines[j].text) == key:
            return all(len(x.text) < 60 for x in lines[i + 1:j])
    return False


def _title_score(lines: list[Line], i: int, start: int, keys: dict[str, int]) -> float | None:
    ln = lines[i]
    t = ln.text
    if ln.kind in (pg.ITEM, pg.FURNITURE) or len(t) < 15 or len(t.split()) < 3 or len(t) > MAX_TITLE:
        return None
    if ln.role not in (HEADING, TITLE) and not (ln.role == PARAGRAPH and t.rstrip(" »”\"").endswith(("?", "!"))) \
            and not (ln.role == CAPTION and not ln.strong):
        return None
    if _end_marker(ln) or READ_ALSO.match(fold(t[:40])) or LOGO.match(t) or DANGLING.search(t) \
            or WITH_AGENCY.search(t) or _self_repeating(t) or t.endswith(("...", "…")) or "©" in t \
            or CAPS_AGENCY.search(t) or PAREN_AGENCY.search(t) or CREDIT_PAREN.search(t) or PERSON_LINE.match(t):
        return None
    score = 0.0
    after = [x for x in lines[i + 1:i + 8] if x.role not in (FURNITURE, BOUNDARY) or _dated(x)]
    byline = next((k for k, x in enumerate(after[:5]) if x.role == BYLINE or (_dated(x) and i < start)), None)
    if byline is not None:
        score += (3, 2)[byline] if byline < 2 else 1
    key = fold(t)
    if len(t) >= 30 and keys.get(key, 0) >= 2 or any(k != key and len(key) >= 20 and (k.startswith(key) or key.startswith(k))
                                    for k in keys if len(k) >= 20):
        score += 1
    if ln.indent < lines[start].indent:  # a text browser prints the h1 left of the indented text
        score += 2
    if ln.kind == pg.HEADING:
        score += 2
    if len(t) >= 30:
        score += 1
    if len(t) > 150:
        score -= 1
    if i > start:  # inside the run of text: only a headline with its byline under it
        return score - 1 - (i - start) / 15 if byline == 0 else None
    return score - (start - i) / 15


def _dated(ln: Line) -> bool:
    """A short line whose dates are day-precise (a byline without a marker: "Name 30/12/2022 à 16:40")."""
    return len(ln.text) <= 160 and any(m.day is not None and m.year is not None for m in ln.dates())


TIME_OF_DAY = re.compile(r"\b\d{1,2}\s?(?:[h:.]\s?\d{2}|[ap]\.?m\b)", re.IGNORECASE)


def _dated_byline(ln: Line) -> bool:
    """A dated line under a headline that reads as a byline, not a photo caption: a publication
    marker or a time of day, the date nearly alone, or a short line that is not a sentence."""
    t = ln.text
    if not _dated(ln) or _self_repeating(t):
        return False
    return bool(PUBLISHED.match(t) or TIME_OF_DAY.search(t) or _is_date_line(ln)
                or (len(t) <= 80 and not t.rstrip().endswith(".")))


def _self_repeating(t: str) -> bool:
    """A caption printed twice in one paragraph (alt text, then the caption)."""
    head = t[:40]
    return len(t) >= 60 and t.find(head, 20) > 0


def single_article(text: str, lines: list[Line], repeated: frozenset[str] = frozenset()) -> Segment | None:
    run = _main_run(lines)
    if run is None:
        return None
    start, end = run
    keys: dict[str, int] = {}
    for ln in lines:
        if len(ln.text) <= MAX_TITLE:
            k = fold(ln.text)
            keys[k] = keys.get(k, 0) + 1
    scored = [(sc, i) for i in range(max(0, start - TITLE_REACH), min(end, start + 15))
              if (sc := _title_score(lines, i, start, keys)) is not None]
    if scored:
        t = max(scored)[1]
        title = lines[t]
        title.role, title.why, title.strong = TITLE, "headline before the article's text", True
    else:  # no headline: the first sentence of the text
        t = start - 1
        first = lines[start]
        src = first.flat if first.flat is not None else first.text  # cut where the raw text is cut
        cut = len(src[:_title_cut(src)].rstrip())
        text = " ".join(src[:cut].split()) if first.flat is not None else src[:cut]
        title = Line(first.index, first.start, first.start + cut, text, TITLE, "first sentence")
        if first.flat is not None:
            title.flat = first.flat[:cut]
    title, subtitle = _split_headline(title)
    seg = Segment(0, title.start, title.end, title, single=True)
    if subtitle is not None:
        seg.lead = subtitle
    title_key = fold(title.text)
    indents = sorted(ln.indent for ln in lines[start:end + 1] if _body_like(ln) and ln.kind == pg.TEXT)
    body_indent = indents[len(indents) // 2] if len(indents) >= 3 else 0
    seen = {title_key}
    for i in range(t + 1, end + 1):
        ln = lines[i]
        key = fold(ln.text)
        header = i < start or not seg.body  # under the headline, up to the text after the lead
        if ln.role == BYLINE or (header and _dated_byline(ln)):
            if ln.role != BYLINE:
                ln.role, ln.why = BYLINE, "dated line under the headline"
            seg.bylines.append(ln)
            continue
        if ln.role in (FURNITURE, BOUNDARY) or _end_marker(ln) or READ_ALSO.match(fold(ln.text[:40])) \
                or ln.text.startswith(TEASER_ARROW) or (len(ln.text) <= 120 and WIDGET_TEXT.search(ln.text)):
            if ln.role not in (FURNITURE, BOUNDARY):
                ln.role, ln.why = FURNITURE, "read-also link"
            if ln.source:
                seg.markers.append(ln)
            continue
        if key in seen or (len(key) >= 20 and (title_key.startswith(key) or key.startswith(title_key))):
            ln.role, ln.why = FURNITURE, "repeats the headline or a paragraph"
            continue
        seen.add(key)
        after_pitch = bool(PROMO.search(ln.text)) and i > 0 and lines[i - 1].why == PROMO_BOX
        flush_left = body_indent and ln.indent < body_indent and ln.kind == pg.TEXT \
            and ln.role in (PARAGRAPH, BODY) and ln.text.rstrip(" »”\"'’").endswith((".", "!"))
        if _promo(ln.text) or not header and (after_pitch or flush_left):
            # a pitch, or a sentence printed flush-left like a heading amid indented text: the
            # blurb of a gallery, a video or a subscription box
            ln.role, ln.why = FURNITURE, "promotional or box text"
            continue
        if ln.role in (PARAGRAPH, BODY) and _printed_twice(lines, i, key):
            ln.role, ln.why = CAPTION, "printed twice (alt text and caption)"
            seg.captions.append(ln)
            continue
        if ln.role == CAPTION or _self_repeating(ln.text) or CAPTION_LABEL.match(ln.text):
            ln.role = CAPTION
            seg.captions.append(ln)
            continue
        if ln.role == HEADING:
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if PROMO.search(ln.text):
                ln.role, ln.why = FURNITURE, PROMO_BOX
            elif not header and nxt is not None and _body_like(nxt) and not _promo(nxt.text) \
                    and not _printed_twice(lines, i + 1, fold(nxt.text)):
                ln.role, ln.why = SUBHEADING, "heading inside the article"
                seg.body.append(ln)
            else:
                ln.role, ln.why = FURNITURE, "label around the article"
            continue
        if ln.role in (PARAGRAPH, LEAD, TITLE):
            if len(ln.text) < 40 and not ln.text.rstrip(" »”\"").endswith((".", "!", "?")) \
                    or len(ln.text.split()) < 3:
                ln.role, ln.why = FURNITURE, "short line around the article"
                continue
            if seg.lead is None and not seg.body:
                ln.role = LEAD
                seg.lead = ln
            else:
                ln.role = BODY
                seg.body.append(ln)
    if seg.lead is None and not seg.body:
        return None
    _close(seg)
    seg.start = min([seg.start, *(b.start for b in seg.bylines)])
    outlet = page_outlet(text, lines, title.text)
    if outlet:
        seg.source = outlet
    return seg


# --- the outlet of a page ---------------------------------------------------------------------------
# A name: capitalised words (with a leading article), as outlets write theirs ("Le Figaro", "France 24",
# "TV5MONDE", "BBC News Afrique", "L'Orient-Le Jour").
_NAME = (r"(?:(?:L['’]|Le |La |Les |The |le |la )?[A-Z0-9ÀÉÈ][\w'’&-]*(?:\.\w+)*"
         r"(?: (?:[A-Z0-9ÀÉÈ&][\w'’&-]*(?:\.\w+)*|des|de|du|of|la|le)(?!\w)){0,3})")
COPYRIGHT = re.compile(r"(?:©|\(c\)|(?i:copyright))\s*(?:©\s*|\(c\)\s*)?(?:(?:\d{1,4}(?:\s*[-–]\s*\d{4})?)\s*)?"
                       r"(?:(?i:copyright)\s*)?(?P<name>" + _NAME + r")")
RIGHTS_AFTER = re.compile(r"(?:tous droits r[ée]serv[ée]s|all rights reserved)\s*[.:,]?\s*(?P<name>[^\W\d][\w'’ .&-]{1,40})$",
                          re.IGNORECASE)
LOGO = re.compile(r"^(?:logo\s+(?P<a>[^\W\d][\w'’ .&-]{1,40})|(?P<b>[^\W\d][\w'’ .&-]{1,40}?)\s+logo)$", re.IGNORECASE)
HEADER = re.compile(r"^#(?:(?:alternate|publisher)\s*)*(?P<name>[^\W\d].{1,60}?)\s*(?:[:»|]|\s[-–]\s|\s+rss\b|$)",
                    re.IGNORECASE)
BY_OUTLET = re.compile(r"^(?:texte par|article r[ée]dig[ée] par|par|by)\s*:?\s*(?P<name>\w[\w'’ .&-]{1,40}?)"
                       r"\s+(?:avec|with|and|et)\s+(?:l['’])?(?:" + NEWS_AGENCIES + r"|agences?|agencies)\b", re.IGNORECASE)
BY_ONE = re.compile(r"^(?:texte par|article r[ée]dig[ée] par|par|by)\s*:?\s*(?P<name>[\w'’.&-]+(?:\.fr|\.com)?)"
                    r"(?:\s+(?:suivre|follow))?$", re.IGNORECASE)
# Interface text that names the site: "Menu Libération", "Contacter ONU Info", "l'application Le Figaro".
NAMED_UI = re.compile(r"(?:^|\b)(?i:menu|contacter|contact|à propos de|a propos de|about|l['’]application|"
                      r"abonn[ée]s? à|subscribe to|les sites du groupe|newsletters? d[eu]|rubriques et services du)\s+"
                      r"(?P<name>" + _NAME + r")\s*$")
MASTHEAD = re.compile(r"^(?P<name>" + _NAME + r")\s+(?:[-–|]\s+\S.*)$")
# A brand-like first word of a menu item: two capitals or a letter and a digit ("TV5MONDE", "BFMTV").
BRAND = re.compile(r"^((?=\w*[A-Z]\w*[A-Z0-9])[A-Z]\w{2,})\s+\S")
BYLINE_LABEL = re.compile(r"^(?i:texte par|article r[ée]dig[ée] par|r[ée]dig[ée] par|par|by|de)\s*:?$")
SUFFIX = re.compile(r"\s(?:[-–—|]|::)\s(?P<name>[^\W\d][^-–—|]{1,40})$")
LEGAL = re.compile(r"(?:\s+(?:LLC|Ltd|Limited|Inc|SA|SAS|Group|Groupe|&|and|or its affiliated companies|"
                   r"(?:News\s*&\s*)?Media(?:\s+(?:Network|Group|Limited))?))+$", re.IGNORECASE)
DOMAIN_TAIL = re.compile(r"\.(?:fr|com|co\.uk|net|org|ch|be|info|tv)\b.*$", re.IGNORECASE)
_NOT_OUTLETS = {"site", "alternate", "publisher", "logo", "home", "copyright", "menu", "accueil", "france", "monde",
                "international", "politique", "societe", "economie", "culture", "sport", "sports", "news", "us",
                "nous", "moi", "me"}


def _outlet_name(name: str, lower_ok: bool = False) -> str | None:
    name = DOMAIN_TAIL.sub("", name.strip(" .,:;-–|»«\"'"))
    name = LEGAL.sub("", name).strip(" .,:;-–|")
    name = re.sub(r"\s+(?:Tous|All|Site|Droits)\b.*$", "", name)
    name = re.sub(r"\s+(?:de|du|des|of|la|le)$", "", name)
    name = re.sub(r"^(?:la|le|les|the)\s+(?=[A-Z])", "", name)  # "la BBC" in running text
    if not name or len(name) < 2 or len(name.split()) > 5 or "/" in name \
            or not (lower_ok or any(c.isupper() for c in name)):
        return None
    if fold(name) in UI_WORDS or fold(name) in _NOT_OUTLETS:
        return None
    return name


LEGAL_LINKS = re.compile(r"^(?i:mentions l[ée]gales|contact(?:ez-nous)?|nous contacter|privacy(?: policy)?|terms(?: of use| and conditions)?|"
                         r"cgu|cgv|plan du site|site ?map|cookies|about(?: us)?|qui sommes-nous|politique de confidentialit[ée]|"
                         r"donn[ée]es personnelles|accessibilit[ée]|accessibility)$")


def _footer_name(t: str) -> str | None:
    """The name in a footer line of legal links ("L'Hebdo des Territoires - Mentions légales - Contact")."""
    parts = [p.strip() for p in re.split(r"\s[-–|·•]\s", t)]
    if len(parts) < 3:
        return None
    names = [p for p in parts if not LEGAL_LINKS.match(p) and not COPYRIGHT.match(p)]
    return names[0] if len(names) == 1 and re.fullmatch(_NAME, names[0]) else None


def page_outlet(text: str, lines: list[Line], title: str) -> str | None:
    """The outlet that publishes a page: named by the masthead or a logo, the copyright footer, a
    `#` link header of a text-browser dump, interface text ("Menu X", "Contacter X"), a byline
    ("Par X avec AFP", "Texte par : X"), or a title suffix ("<headline> - Outlet"); among those the
    name the page repeats most. An acronym the page uses for a long name stands for it."""
    candidates: dict[str, float] = {}

    def add(raw: str | None, weight: float, lower_ok: bool = False) -> None:
        name = _outlet_name(raw, lower_ok) if raw else None
        if name:
            candidates[name] = max(candidates.get(name, 0.0), weight)

    title_key = fold(title)
    top = len(lines) // 3
    firsts: dict[str, int] = {}
    sections: dict[str, set[str]] = {}
    alone: set[str] = set()
    for n, ln in enumerate(lines):
        t = ln.text
        if ln.kind == pg.FURNITURE and ln.why == "references list" or ln.role == CAPTION:
            continue
        if m := HEADER.match(t):
            add(m.group("name"), 1.5)
        if "©" in t or "opyright" in t or "(c)" in t:
            for m in COPYRIGHT.finditer(t):
                if "/" not in t[m.end():m.end() + 3]:  # "© Name / Agency" credits a photo
                    add(m.group("name"), 1.5)
        if m := RIGHTS_AFTER.search(t):
            add(m.group("name"), 1.5)
        if len(t) <= 60 and (m := LOGO.match(t)):
            add(m.group("a") or m.group("b"), 1.5)
        if len(t) <= 120 and (name := _footer_name(t)):
            add(name, 1.5)
        if len(t) <= 60 and (m := NAMED_UI.search(t)):
            add(m.group("name"), 1)
        if len(t) <= 120 and (m := BY_OUTLET.match(t)) and (ARTICLE_START.match(m.group("name"))
                                                           or not PERSON_LINE.match(m.group("name"))):
            add(m.group("name"), 3)  # "Par Le Parisien avec AFP" (not "Par Claire Dubois avec AFP")
        if len(t) <= 40 and (m := BY_ONE.match(t)):
            add(m.group("name"), 1)
        if n and BYLINE_LABEL.match(lines[n - 1].text) and len(t.split()) == 1:  # "Article rédigé par" / "franceinfo"
            add(t, 1, lower_ok=True)
        if len(t) <= 40 and (m := BRAND.match(t)):
            firsts[m.group(1)] = firsts.get(m.group(1), 0) + 1
        if n < top and len(t) <= 120 and ln.role != TITLE and (m := MASTHEAD.match(t)):
            add(m.group("name"), 1)
        if len(t) <= MAX_TITLE + 50 and (m := SUFFIX.search(t)) and title_key \
                and fold(t[:m.start()]) == title_key:
            add(m.group("name"), 4)
    if not candidates:  # "TV5MONDE Plus", "TV5MONDE Info", "TV5MONDE Afrique": the site's sections
        for brand, times in firsts.items():
            if times >= 3:
                add(brand, 1)
    if not candidates or max(candidates.values()) < 1.5:
        # "Figaro Store", "Figaro Live", "Figaro Vox" and a "Figaro" logo line: the site's name
        for ln in lines:
            t = ln.text
            if len(t) <= 40 and t[:1].isupper():
                if m := SECTION.match(t):
                    sections.setdefault(m.group(1), set()).add(m.group(2))
                if len(t.split()) <= 3:
                    alone.add(t)
        for brand, seconds in sections.items():
            if len(seconds) >= 3 and brand in alone and fold(brand) not in _NOT_OUTLETS | UI_WORDS:
                add(brand, 1.5)
    if not candidates:
        return None
    low = text.lower()

    def count(name: str) -> int:
        return len(re.findall(r"(?<!\w)" + re.escape(name.lower()) + r"(?!\w)", low))

    for name in list(candidates):  # "Cable News Network" is the page's "CNN"
        words = [w for w in name.split() if w[:1].isupper()]
        if len(words) >= 3:
            acronym = "".join(w[0] for w in words)
            if count(acronym) >= 3 and len(re.findall(r"\b" + acronym + r"\b", text)) >= 3:
                candidates[acronym] = max(candidates.get(acronym, 0.0), candidates[name])

    def score(name: str) -> float:
        return candidates[name] + min(count(name), 20) / 4

    for name in list(candidates):  # "Figaro" inside "Le Figaro": the full name, when the page uses it
        longer = [o for o in candidates if re.fullmatch(r"(?:L['’]|Le |La |Les |The )" + re.escape(name), o)]
        if any(2 * count(o) >= count(name) for o in longer):
            del candidates[name]

    best = max(candidates, key=lambda n: (score(n), -len(n)))
    if score(best) < 1.75:
        return None
    caps = "".join(c for c in best if c.isupper())
    if len(caps) >= 2 and not best.isupper():  # the logo "leJDD" for "Le Journal du Dimanche"
        for m in SPELLED.finditer(text):
            words = re.sub(r"^(?:L['’]|Le |La |Les |The )", "", m.group()).split()
            if len(words) >= 2 and "".join(w[0] for w in words).upper() == caps:
                return m.group()
    return _longer_form(text, best)


# A menu line "Brand Section" ("Figaro Vox", "Le Figaro Premium")
SECTION = re.compile(r"^(?:(?:Le|La|Les|The|L['’])\s?)?([A-ZÀ-Ý][\w'’-]{3,})\s+([A-ZÀ-Ý][\w'’-]+)$")
SPELLED = re.compile(r"(?:\b(?:L['’]|Le |La |Les |The ))?\b[A-ZÀ-Ý][\w'’-]+(?: (?:du|de|des|of|[A-ZÀ-Ý][\w'’-]+)){1,5}")
_FORM_WORD = r"(?:[A-ZÀ-Ý][\w'’&-]*|[0-9]+)"


def _longer_form(text: str, name: str) -> str:
    """The page's fuller form of an outlet name, when the page prints it as a line of its own (a
    masthead, a footer): words after the name ("BBC News Afrique" for "BBC") on two such lines;
    words before it ("Daily Express" for "Express") only when the copyright line names it too."""
    alone: dict[str, int] = {}
    legal: set[str] = set()
    rx = re.compile(rf"(?<![\w'’&-])((?:{_FORM_WORD} ){{0,2}}){re.escape(name)}((?: {_FORM_WORD}){{0,2}})(?![\w'’&-])")
    for line in text.splitlines():
        if name not in line:
            continue
        line = line.strip()
        if len(line) > 120 or LIST_MARKER.match(line):  # a menu item names a section, not the masthead
            continue
        line = line.strip(" #")
        for m in rx.finditer(line):
            words = [*m.group(1).split(), name, *m.group(2).split()]
            while len(words) > 1 and words[-1] != name and fold(words[-1]) in UI_WORDS | _UI_TAIL:
                words.pop()
            form = " ".join(words)
            if form == name or any(fold(w) in UI_WORDS | _UI_TAIL for w in words):
                continue
            if "©" in line or "opyright" in line:
                legal.add(form)
            rest = set(fold(line[m.end():]).split())
            if m.group().strip() == line and len(line) <= 60 or fold(line).startswith(fold(form) + " ") \
                    and rest <= UI_WORDS | _UI_TAIL:
                alone[form] = alone.get(form, 0) + 1
    forms = {f: n for f, n in alone.items()
             if (f.startswith(name + " ") and n >= 2) or (not f.startswith(name + " ") and f in legal)}
    if not forms:
        return name
    best = max(forms, key=lambda f: (forms[f], len(f)))
    return name if sum(forms[best] == n for n in forms.values()) > 1 else best


_UI_TAIL = {"navigation", "search", "homepage", "services", "contact", "contactez", "rechercher", "sur", "logo", "follow",
            "suivez", "suivre", "recevoir", "replay", "direct", "live", "shop", "store", "boutique", "app", "application"}


def is_furniture_line(t: str) -> bool:
    """A line of extracted article text that is page furniture: interface words, a read-also or
    teaser link, a section label that ends articles, a labelled caption."""
    ln = Line(0, 0, len(t), t)
    _classify_line(ln)
    if ln.role == FURNITURE or (ln.role == BOUNDARY and ln.why in ("single-word label", "read-more link", "load more",
                                                                  "end-of-teaser marker", "upper-case kicker")):
        return True
    return bool(READ_ALSO.match(fold(t[:40])) or t.startswith(TEASER_ARROW) or _end_marker(ln)
                or CAPTION_LABEL.match(t) or (len(t) <= 120 and WIDGET_TEXT.search(t)))
