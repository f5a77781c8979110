"""Language of an article (ISO 639-1), from its own text, never from the file.

lingua restricted to the languages such batches contain: fewer candidates make short
texts (a title and a teaser) reliable, and the models load in a fraction of a second.
"""

from __future__ import annotations

from functools import cache

LANGUAGES = ("FRENCH", "ENGLISH", "SPANISH", "GERMAN", "ITALIAN", "PORTUGUESE", "DUTCH", "RUSSIAN",
             "UKRAINIAN", "ARABIC", "POLISH")
SAMPLE_CHARS = 2000


@cache
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(*(getattr(Language, n) for n in LANGUAGES)).build()


def detect(text: str) -> str | None:
    """'fr', 'en', … or None when the text is too short or has no letters."""
    sample = text[:SAMPLE_CHARS]
    if sum(c.isalpha() for c in sample) < 12:
        return None
    language = _detector().detect_language_of(sample)
    return language.iso_code_639_1.name.lower() if language is not None else None
