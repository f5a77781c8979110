"""Precision and recall of actor extraction on the seed batch against tests/gold/actors.json.

    python tests/eval/actors_eval.py [--verbose]

Counts, per article, the set of (kind, canonical name) for people, organisations and
countries found versus the gold list; prints micro-averaged precision and recall and, with
--verbose, every miss and every extra.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
KINDS = {"people": "person", "organisations": "organisation", "countries": "country"}


def extracted_by_article() -> dict[tuple[str, str], set[tuple[str, str]]]:
    from veille.importer import nlp
    from veille.importer.actors import Part, extract
    from veille.importer.extract import extract_articles

    out = {}
    for path in sorted((REPO / "seeds").iterdir()):
        text = path.read_text(encoding="utf-8")
        for record in extract_articles(text, {}):
            parts = [Part(*p) for p in record.parts]
            model = nlp.pipeline(record.language) or nlp.tokenizer_only()
            mentions = extract(parts, list(model.pipe([p.text for p in parts])), record.source)
            found = {(m.kind if m.kind != "group" else "organisation", m.canonical_name) for m in mentions
                     if m.kind in ("person", "organisation", "country", "group")}
            out[(path.name, record.title[:30])] = found
    return out


def evaluate(verbose: bool = False) -> dict[str, float]:
    gold = json.loads((REPO / "tests" / "gold" / "actors.json").read_text(encoding="utf-8"))
    found = extracted_by_article()
    tp = fp = fn = 0
    for art in gold["articles"]:
        expected = {(KINDS[k], name) for k in KINDS for name in art[k]}
        got = found[(art["seed"], art["title_prefix"])]
        tp += len(expected & got)
        fp += len(got - expected)
        fn += len(expected - got)
        if verbose and (got ^ expected):
            print(f"{art['seed'][:3]} {art['title_prefix']}")
            for k, n in sorted(expected - got):
                print(f"   missed {k:12} {n}")
            for k, n in sorted(got - expected):
                print(f"   extra  {k:12} {n}")
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    return {"precision": round(precision, 3), "recall": round(recall, 3), "true_positives": tp,
            "false_positives": fp, "false_negatives": fn}


if __name__ == "__main__":
    print(json.dumps(evaluate("--verbose" in sys.argv), indent=2))
