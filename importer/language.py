"""Language of an article (ISO 639-1), from its own text, never from the file.

lingua restricted to the languages such batches contain: fewer candidates make short
texts (a title and a teaser) reliable, and the models load in a fraction of a second.
"""

from __future__ import annotations

from functools import cache, lru_cache

LANGUAGES = ("FRENCH", "ENGLISH", "SPANISH", "GERMAN", "ITALIAN", "PORTUGUESE", "DUTCH", "RUSSIAN",
             "UKRAINIAN", "ARABIC", "POLISH")
SAMPLE_CHARS = 2000


@cache
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(*(getattr(Language, n) for n in LANGUAGES)).build()


def detect(text: str) -> str | None:
    """'fr', 'en', … or None when the text is too short or has no letters."""
    return _detect(text[:SAMPLE_CHARS])


@lru_cache(maxsize=1024)  # an article reprinted on several pages of a batch is detected once
def _detect(sample: str) -> str | None:
    if not _has_letters(sample, 12):
        return None
    language = _detector().detect_language_of(sample)
    return language.iso_code_639_1.name.lower() if language is not None else None


def _has_letters(sample: str, n: int) -> bool:
    """At least `n` letters (stops counting there: a text has them in its first few words)."""
    for c in sample:
        if c.isalpha():
            n -= 1
            if n == 0:
                return True
    return False
