"""Small text helpers shared by the importer stages (matching copies, never stored text)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'"})
_NON_WORD = re.compile(r"[^\w]+")


def _without_marks(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


_TABLE_MAX = 50_000


class _CharTable(dict):
    """Code point → what it becomes in a matching key, worked out the first time it is seen.

    NFKD decomposes each character on its own and only reorders combining marks among
    themselves, so dropping the marks character by character gives the same string as
    normalising the whole text first: one `str.translate` instead of a Python loop over
    every character of every line."""

    def __init__(self, before: dict[int, str] | None = None):
        super().__init__()
        self.before = before or {}

    def __missing__(self, code: int) -> str:
        out = _without_marks(self.before.get(code, chr(code)))
        if len(self) < _TABLE_MAX:  # text of random code points must not grow it without bound
            self[code] = out
        return out


_STRIP = _CharTable()
_STRIP_APOSTROPHES = _CharTable(_APOSTROPHES)


def strip_accents(s: str) -> str:
    return s.translate(_STRIP)


def fold(s: str) -> str:
    """Matching key: accents and case removed, apostrophes unified, punctuation to single spaces."""
    s = s.translate(_STRIP_APOSTROPHES).casefold()
    return _NON_WORD.sub(" ", s).strip()


_CHAR_MAP = str.maketrans(
    {
        **{c: "'" for c in "\u2019\u2018\u02bc\u02b9\u201b\u2032\u00b4`\uff07"},
        **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"},
        # letters that NFKD does not decompose
        **dict(zip("øØłŁđĐıðÐ", "oOlLdDidD", strict=True)),
        **dict(zip("æÆœŒþÞ", ("ae", "AE", "oe", "OE", "th", "TH"), strict=True)),
    }
)
ARTICLE = re.compile(r"^(?:l'\s*|(?:la|le|les|the)\s+)(?=\S)", re.IGNORECASE)


# The two keys of the importer: `fold`, the match key of words (punctuation to spaces: what
# texts are compared and hashed by), and `normalize`, the key of a name (punctuation inside it
# kept, one leading article dropped: what actor_aliases.normalized stores). `normal_form` is
# the name key with its options: case kept (a name's shape), article kept.
@lru_cache(maxsize=1 << 16)  # the same names come back in every article
def normal_form(s: str, *, casefold: bool = True, keep_article: bool = False) -> str:
    s = unicodedata.normalize("NFKC", s).translate(_CHAR_MAP)
    if casefold:
        s = s.casefold().translate(_CHAR_MAP)
    s = " ".join(strip_accents(s).split())
    if not keep_article:
        s = ARTICLE.sub("", s, count=1)
    return s


def normalize(s: str, *, keep_article: bool = False) -> str:
    """The key of a name: NFKC, casefold, accents stripped, apostrophes (’ ' ʼ) and dashes
    unified to ' and -, whitespace collapsed, then ONE leading article or elision
    (l'/la/le/les/the) stripped. Internal words (d', de la, du, des) are kept.

    >>> normalize("l’OTAN") == normalize("Otan") == "otan"
    True
    >>> normalize("Les États-Unis")
    'etats-unis'

    Note that particle surnames lose their particle too (``normalize("Le Drian") ==
    "drian"``); compare normalised forms on both sides and this stays consistent.

    Unlike ``text.fold`` it keeps the punctuation inside a name ("etats-unis", "u.s.",
    "l'otan" with keep_article): the result is stored (``actor_aliases.normalized``) and
    compared with what earlier batches stored, so it must not change without those keys
    being recomputed.
    """
    return normal_form(s, keep_article=keep_article)


@cache
def read_table(name: str, ncols: int | None = None) -> tuple[tuple[str, ...], ...]:
    """The rows of `data/<name>` (tab-separated, `#` comments and blank lines skipped), each
    column stripped: the one reader of the word lists the stages share. With `ncols`, a row
    with another number of columns is an error naming the file and line."""
    rows = []
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = tuple(c.strip() for c in line.rstrip("\n").split("\t"))
            if ncols is not None and len(cols) != ncols:
                raise ValueError(f"{name}:{lineno}: expected {ncols} columns, got {len(cols)}")
            rows.append(cols)
    return tuple(rows)


def content_hash(*parts: str | None) -> str:
    """Hash of an article's text that ignores case, accents, punctuation and spacing."""
    joined = " ".join(fold(p) for p in parts if p)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()
