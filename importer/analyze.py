"""The NLP stage: run spaCy once over the text of many articles, then the extractors on the docs."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from veille.importer import actors, nlp
from veille.importer.extract import ArticleRecord

BATCH_SIZE = 64


@dataclass
class Analysis:
    mentions: list[actors.Mention] = field(default_factory=list)


def analyze(records: Sequence[ArticleRecord]) -> list[Analysis]:
    """One Analysis per record, in order. Parts are grouped by language so each pipeline runs
    over long batches (`nlp.pipe`), which is where spaCy is fast."""
    work: dict[str | None, list[tuple[int, int, str]]] = defaultdict(list)
    for i, record in enumerate(records):
        lang = record.language if nlp.pipeline(record.language) is not None else None
        for j, (_, text, _) in enumerate(record.parts):
            work[lang].append((i, j, text))
    docs: list[list] = [[None] * len(r.parts) for r in records]
    for lang, items in work.items():
        model = nlp.pipeline(lang) if lang is not None else nlp.tokenizer_only()
        for (i, j, _), doc in zip(items, model.pipe((t for _, _, t in items), batch_size=BATCH_SIZE), strict=True):
            docs[i][j] = doc
    out = []
    for record, record_docs in zip(records, docs, strict=True):
        parts = [actors.Part(*p) for p in record.parts]
        out.append(Analysis(mentions=actors.extract(parts, record_docs, record.source)))
    return out
