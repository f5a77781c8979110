"""Precision and recall of event extraction on the seed batch against tests/gold/events.json.

    python tests/eval/events_eval.py [--verbose]

An extracted event matches a gold event of the same article when the PLOVER type is the same
and they share at least one actor (sources, targets and participants pooled). Precision: the
share of extracted events matching some gold event; recall: the share of gold events matched.
Merging across articles is not measured here (the database tests check it).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def extracted() -> dict[tuple[str, str], list]:
    from veille.importer.analyze import analyze
    from veille.importer.extract import extract_articles

    out = {}
    for path in sorted((REPO / "seeds").iterdir()):
        records = extract_articles(path.read_text(encoding="utf-8"), {})
        for record, analysis in zip(records, analyze(records), strict=True):
            out[(path.name, record.title[:30])] = analysis.events
    return out


def actors_of(ev) -> set[str]:
    return {m.canonical_name for m in (*ev.sources, *ev.targets, *ev.participants)}


def evaluate(verbose: bool = False) -> dict[str, float]:
    gold = json.loads((REPO / "tests" / "gold" / "events.json").read_text(encoding="utf-8"))["events"]
    found = extracted()
    matched_found, matched_gold = set(), 0
    for g in gold:
        key = (g["seed"], g["title_prefix"])
        g_actors = set(g["sources"]) | set(g["targets"]) | set(g["participants"])
        hits = [i for i, ev in enumerate(found.get(key, [])) if ev.event_type == g["type"] and actors_of(ev) & g_actors]
        matched_found.update((key, i) for i in hits)
        matched_gold += bool(hits)
        if verbose and not hits:
            print(f"missed {g['type']:9} {sorted(g_actors)} — {g['evidence'][:60]}")
    total = sum(len(v) for v in found.values())
    if verbose:
        for key, evs in found.items():
            for i, ev in enumerate(evs):
                if (key, i) not in matched_found:
                    print(f"extra  {ev.summary[:110]}")
    return {"precision": round(len(matched_found) / total, 3) if total else 0.0,
            "recall": round(matched_gold / len(gold), 3), "extracted": total, "gold": len(gold)}


if __name__ == "__main__":
    print(json.dumps(evaluate("--verbose" in sys.argv), indent=2))
