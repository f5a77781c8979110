"""Small text helpers shared by the importer stages (matching copies, never stored text)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache
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
