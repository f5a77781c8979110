"""Event extraction scored against gold: the PLOVER development gold and the seeds' own events.

    python tests/eval/events_eval.py [--verbose] [--gold PATH] [--seeds-only] [--timing]

1. **PLOVER development gold** (`../shared/events/gold.json`, or `VEILLE_EVENTS_GOLD`): real
   French and English news sentences, each coded with its PLOVER events (category, status,
   source and target surface forms), some with no event. Each sentence is analysed on its own,
   as a one-paragraph article with no date, by the same pure stages the importer runs (spaCy
   parse, actors, events); no database. Per language and category:
   - **recall**: the share of gold (sentence, category) pairs for which an event of that
     category is produced;
   - **precision**: the share of produced events whose category is one of the sentence's gold
     categories (a produced event in a sentence with no event is wrong);
   - **source right** / **target right**, over the pairs found: some produced event of the
     category has a source (participants count as sources, as the gold lists every side of a
     meeting as a source) whose surface overlaps a gold source surface (folded, one contained
     in the other), or none when the gold has none. Targets likewise. No source where the gold
     has one counts as wrong, also when the gold names only a pronoun ("Il", "They": a sentence
     analysed alone has no antecedent); those cases are counted apart in the summary line.
2. **Seeds** (`tests/gold/events.json`): an extracted event matches a gold event of the same
   article when the PLOVER type is the same and they share at least one actor (sources, targets
   and participants pooled). Precision: the share of extracted events matching some gold
   event; recall: the share of gold events matched.
3. **Timing** (`--timing`): the events stage's time against the spaCy parse's, on the seed
   articles and on the gold sentences.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CATEGORIES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
              "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


def gold_path() -> Path:
    return Path(os.environ.get("VEILLE_EVENTS_GOLD", REPO.parent / "shared" / "events" / "gold.json"))


# -- seeds ---------------------------------------------------------------------------------------

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
    """The seeds' event gold (tests/gold/events.json)."""
    gold = json.loads((REPO / "tests" / "gold" / "events.json").read_text(encoding="utf-8"))["events"]
    found = extracted()
    matched_found, matched_gold = set(), 0
    required_missed = []
    for g in gold:
        key = (g["seed"], g["title_prefix"])
        g_actors = set(g["sources"]) | set(g["targets"]) | set(g["participants"])
        hits = [i for i, ev in enumerate(found.get(key, [])) if ev.event_type == g["type"] and actors_of(ev) & g_actors]
        matched_found.update((key, i) for i in hits)
        matched_gold += bool(hits)
        if not hits and g.get("required"):
            required_missed.append(f"{g['type']} {sorted(g_actors)}")
        if verbose and not hits:
            print(f"missed {g['type']:9} {sorted(g_actors)} — {g['evidence'][:60]}")
    total = sum(len(v) for v in found.values())
    if verbose:
        for key, evs in found.items():
            for i, ev in enumerate(evs):
                if (key, i) not in matched_found:
                    print(f"extra  {ev.summary[:110]}")
    return {"precision": round(len(matched_found) / total, 3) if total else 0.0,
            "recall": round(matched_gold / len(gold), 3), "extracted": total, "gold": len(gold),
            "required": sum(bool(g.get("required")) for g in gold), "required_missed": required_missed}


# -- PLOVER development gold -----------------------------------------------------------------

def analyse_sentences(records: list[dict]) -> tuple[list[list], float, float]:
    """The events of each gold sentence (a one-paragraph article without a date), and the seconds
    spent in the spaCy parse and in the events stage."""
    from veille.importer import actors, events, nlp

    out: list[list] = [[] for _ in records]
    parse_s = events_s = 0.0
    for lang in sorted({r["lang"] for r in records}):
        idx = [i for i, r in enumerate(records) if r["lang"] == lang]
        model = nlp.pipeline(lang)
        t0 = time.perf_counter()
        docs = list(model.pipe([records[i]["sentence"] for i in idx], batch_size=64))
        parse_s += time.perf_counter() - t0
        for i, doc in zip(idx, docs, strict=True):
            parts = [actors.Part(0, records[i]["sentence"], "body")]
            mentions = actors.extract(parts, [doc])
            t0 = time.perf_counter()
            out[i] = events.extract(parts, [doc], mentions, lang, None)
            events_s += time.perf_counter() - t0
    return out, parse_s, events_s


def _fold(s: str) -> str:
    from veille.importer.text import fold

    return " ".join(fold(s).replace("’", "'").split())


def _surfaces_match(produced: list[str], gold: list[str]) -> bool:
    if not gold:
        return not produced
    p = [_fold(s) for s in produced]
    g = [_fold(s) for s in gold]
    return any(a and b and (a in b or b in a) for a in p for b in g)


PRONOUNS = {"il", "elle", "ils", "elles", "nous", "je", "on", "he", "she", "it", "they", "we", "i"}


def _sources(ev) -> list[str]:
    """Surfaces of the actors named as sources (an implied actor, "the protesters" of a
    "manifestation", is not named)."""
    return [m.surface for m in (ev.sources or ev.participants) if m.role != "implied"]


def _targets(ev) -> list[str]:
    return [m.surface for m in ev.targets]


def score_gold(records: list[dict], produced: list[list], verbose: bool = False) -> dict:
    """Per language and category: gold pairs, found, produced, right, source/target right."""
    table: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    for r, evs in zip(records, produced, strict=True):
        lang = r["lang"]
        gold_by_type: dict[str, list[dict]] = defaultdict(list)
        for g in r["events"]:
            gold_by_type[g["type"]].append(g)
        for ev in evs:
            row = table[lang][ev.event_type]
            row["produced"] += 1
            row["right"] += ev.event_type in gold_by_type
            if verbose and ev.event_type not in gold_by_type:
                print(f"extra  {r['id']} {ev.event_type:9} {ev.trigger!r} {_sources(ev)} -> {_targets(ev)} | "
                      f"{r['sentence'][:100]}")
        for etype, golds in gold_by_type.items():
            row = table[lang][etype]
            row["gold"] += 1
            mine = [ev for ev in evs if ev.event_type == etype]
            if not mine:
                if verbose:
                    print(f"missed {r['id']} {etype:9} {golds[0]['trigger']!r} {golds[0]['source']} | "
                          f"{r['sentence'][:100]}")
                continue
            row["found"] += 1
            src = any(_surfaces_match(_sources(ev), g["source"]) for ev in mine for g in golds)
            tgt = any(_surfaces_match(_targets(ev), g["target"]) for ev in mine for g in golds)
            row["source_right"] += src
            row["target_right"] += tgt
            # the gold keeps a pronoun when it is the sentence's only mention ("Il", "They"): a
            # sentence analysed alone has no antecedent for it, so no source is the best it can give
            row["pronoun_only"] += not src and all(
                g["source"] and all(_fold(x) in PRONOUNS for x in g["source"]) for g in golds)
            if verbose and not src:
                print(f"source {r['id']} {etype:9} {[_sources(ev) for ev in mine]} vs {[g['source'] for g in golds]}"
                      f" | {r['sentence'][:80]}")
    summary = {}
    for lang, rows in sorted(table.items()):
        tot = defaultdict(int)
        for row in rows.values():
            for k, v in row.items():
                tot[k] += v
        summary[lang] = {
            "recall": round(tot["found"] / tot["gold"], 3) if tot["gold"] else 0.0,
            "precision": round(tot["right"] / tot["produced"], 3) if tot["produced"] else 0.0,
            "source_right": round(tot["source_right"] / tot["found"], 3) if tot["found"] else 0.0,
            "target_right": round(tot["target_right"] / tot["found"], 3) if tot["found"] else 0.0,
            "source_wrong_pronoun_only": tot["pronoun_only"],
            "gold": tot["gold"], "found": tot["found"], "produced": tot["produced"], "right": tot["right"],
            "no_event": sum(1 for r, evs in zip(records, produced, strict=True) if r["lang"] == lang and not evs),
            "negatives": sum(1 for r in records if r["lang"] == lang and not r["events"]),
            "negatives_with_events": sum(1 for r, evs in zip(records, produced, strict=True)
                                         if r["lang"] == lang and not r["events"] and evs),
        }
    return {"languages": summary, "table": {lang: {k: dict(v) for k, v in rows.items()} for lang, rows in table.items()}}


def evaluate_gold(path: Path | None = None, verbose: bool = False) -> dict:
    records = json.loads((path or gold_path()).read_text(encoding="utf-8"))
    produced, parse_s, events_s = analyse_sentences(records)
    out = score_gold(records, produced, verbose)
    out["timing"] = {"parse_s": round(parse_s, 3), "events_s": round(events_s, 3),
                     "events_share": round(events_s / parse_s, 3) if parse_s else None}
    return out


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "  - "


def print_table(result: dict) -> None:
    langs = sorted(result["table"])
    head = f"{'category':10}" + "".join(f" | {lang}: rec  (n)    prec   src   tgt" for lang in langs)
    print(head)
    print("-" * len(head))
    for cat in CATEGORIES:
        line = f"{cat:10}"
        for lang in langs:
            row = defaultdict(int, result["table"][lang].get(cat, {}))
            line += (f" | {_ratio(row['found'], row['gold'])} {row['found']:>2}/{row['gold']:<3} "
                     f"{_ratio(row['right'], row['produced'])} {row['right']:>2}/{row['produced']:<3} "
                     f"{_ratio(row['source_right'], row['found'])} {_ratio(row['target_right'], row['found'])}")
        print(line)
    print("-" * len(head))
    for lang, s in result["languages"].items():
        print(f"{lang}: recall {s['recall']:.3f} ({s['found']}/{s['gold']}), precision {s['precision']:.3f} "
              f"({s['right']}/{s['produced']}), source right {s['source_right']:.3f}, target right "
              f"{s['target_right']:.3f} (source wrong where the gold names only a pronoun: "
              f"{s['source_wrong_pronoun_only']}), sentences with no event {s['no_event']}, negatives with an event "
              f"{s['negatives_with_events']}/{s['negatives']}")
    if "timing" in result:
        t = result["timing"]
        print(f"time: spaCy parse {t['parse_s']} s, events stage {t['events_s']} s ({t['events_share']:.1%} of the parse)")


def seed_timing() -> dict:
    """The events stage against the spaCy parse on the seed articles (the analysis the importer runs)."""
    from veille.importer import actors, events
    from veille.importer.analyze import parse
    from veille.importer.extract import extract_articles

    records = [r for path in sorted((REPO / "seeds").iterdir())
               for r in extract_articles(path.read_text(encoding="utf-8"), {})]
    parse(records)  # load the pipelines
    best_parse = best_events = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        pieces, docs = parse(records)
        best_parse = min(best_parse, time.perf_counter() - t0)
        mentions = [actors.extract(p, d, r.source) for r, p, d in zip(records, pieces, docs, strict=True)]
        t0 = time.perf_counter()
        for r, p, d, ms in zip(records, pieces, docs, mentions, strict=True):
            events.extract(p, d, ms, r.language, r.published_on)
        best_events = min(best_events, time.perf_counter() - t0)
    return {"articles": len(records), "parse_s": round(best_parse, 3), "events_s": round(best_events, 3),
            "events_share": round(best_events / best_parse, 3)}


if __name__ == "__main__":
    verbose = "--verbose" in sys.argv
    if "--seeds-only" not in sys.argv:
        path = Path(sys.argv[sys.argv.index("--gold") + 1]) if "--gold" in sys.argv else None
        print_table(evaluate_gold(path, verbose))
    print("seeds:", json.dumps(evaluate(verbose)))
    if "--timing" in sys.argv:
        print("seeds timing (best of 3):", json.dumps(seed_timing()))
