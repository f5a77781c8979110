"""The NLP stage: run spaCy once over the text of many articles, then the extractors on the docs."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from veille.importer import actors, events, neardup, nlp
from veille.importer.extract import ArticleRecord

BATCH_SIZE = 64
MAX_PIECE = 20_000  # characters per spaCy doc: bounds memory and time on pathological text
# Characters of one article the NLP reads (a long news article is ~15,000): a 2 MB "article"
# is stored whole but only its beginning is analysed, so one bad page cannot stall a batch.
NLP_BUDGET = 60_000


@dataclass
class Analysis:
    mentions: list[actors.Mention]
    events: list[events.EventCandidate]
    fingerprint: neardup.Fingerprint  # computed here, in the worker processes, not in the loader


def analyze(records: Sequence[ArticleRecord]) -> list[Analysis]:
    """One Analysis per record, in order: the spaCy parse, then actors, events and the
    near-duplicate fingerprint."""
    pieces, docs = parse(records)
    mentions = [actors.extract(parts, ds, r.source, r.author) for r, parts, ds in zip(records, pieces, docs, strict=True)]
    return [Analysis(ms, events.extract(parts, ds, ms, r.language, r.published_on), fingerprint(r))
            for r, parts, ds, ms in zip(records, pieces, docs, mentions, strict=True)]


def fingerprint(record: ArticleRecord) -> neardup.Fingerprint:
    return neardup.Fingerprint(record.title, record.lead, record.body)


def parse(records: Sequence[ArticleRecord]) -> tuple[list[list[actors.Part]], list[list]]:
    """The pieces of text of each record and their spaCy docs. Pieces are grouped by language so
    each pipeline runs over long batches (`nlp.pipe`), which is where spaCy is fast."""
    pieces = [_budgeted([actors.Part(o + d, t, kind) for o, text, kind in r.parts for d, t in split_long(text)])
              for r in records]
    work: dict[str | None, list[tuple[int, int, str]]] = defaultdict(list)
    for i, record in enumerate(records):
        lang = record.language if nlp.pipeline(record.language) is not None else None
        for j, part in enumerate(pieces[i]):
            work[lang].append((i, j, part.text))
    docs: list[list] = [[None] * len(p) for p in pieces]
    for lang, items in work.items():
        model = nlp.pipeline(lang) if lang is not None else nlp.tokenizer_only()
        for (i, j, _), doc in zip(items, model.pipe((t for _, _, t in items), batch_size=BATCH_SIZE), strict=True):
            docs[i][j] = doc
    return pieces, docs


def _budgeted(parts: list[actors.Part], budget: int = NLP_BUDGET) -> list[actors.Part]:
    kept, used = [], 0
    for part in parts:
        if used >= budget:
            break
        kept.append(part if used + len(part.text) <= budget else
                    actors.Part(part.offset, part.text[:budget - used], part.kind))
        used += len(part.text)
    return kept


def split_long(text: str, limit: int = MAX_PIECE) -> list[tuple[int, str]]:
    """(offset, piece) with pieces of at most `limit` characters, cut after a sentence end or a space."""
    out, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = max(window.rfind(". "), window.rfind("\n"))
        if cut < limit // 2:
            cut = window.rfind(" ")
        cut = cut + 1 if cut > 0 else limit
        out.append((start, text[start:start + cut]))
        start += cut
    out.append((start, text[start:]))
    return out
