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

from veille.importer.text import fold

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
PAREN_AGENCY = re.compile(r"\([^()]*(?:/|\bvia\b|\bPool\b|\bAFP\b|\bAP\b|\bReuters\b|\bGetty\b|\bEPA\b|\bSipa\b)[^()]*\)\.?$")
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
    "sign up", "log in", "se connecter", "mot cle", "tags", "mots cles", "ecouter cet article",
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


def _is_date_line(text: str) -> bool:
    """A short line that is essentially a date ("Le 14 août 2023 à 11h54", "mercredi 8 mars")."""
    from veille.importer.dates import find_dates

    if len(text) > 70:
        return False
    mentions = find_dates(text)
    if not mentions or mentions[0].day is None:
        return False
    rest = text
    for m in reversed(mentions):
        rest = rest[: m.start] + rest[m.end:]
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
    if _is_date_line(t):
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


def classify(text: str, repeated: frozenset[str] = frozenset()) -> list[Line]:
    """Every non-empty line of `text` with its role and the reason for it."""
    lines = split_lines(text)
    for ln in lines:
        _classify_line(ln)
    _mark_strong_titles(lines)
    _mark_repeated(lines, repeated)
    _mark_menus(lines)
    _assign_titles(lines)
    return lines


def segment(text: str, repeated: frozenset[str] = frozenset()) -> list[Segment]:
    """The articles of a page, in page order."""
    lines = classify(text, repeated)
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
