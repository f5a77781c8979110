"""Small text helpers shared by the importer stages (matching copies, never stored text)."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'"})
_NON_WORD = re.compile(r"[^\w]+")


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def fold(s: str) -> str:
    """Matching key: accents and case removed, apostrophes unified, punctuation to single spaces."""
    s = strip_accents(s.translate(_APOSTROPHES)).casefold()
    return _NON_WORD.sub(" ", s).strip()


def content_hash(*parts: str | None) -> str:
    """Hash of an article's text that ignores case, accents, punctuation and spacing."""
    joined = " ".join(fold(p) for p in parts if p)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()
