"""Precision and recall of actor extraction on the seed batch against tests/gold/actors.json.

    python tests/eval/actors_eval.py [--verbose]
    python tests/eval/actors_eval.py --corpus [--pipeline|--html|--text] [--verbose]
    python tests/eval/actors_eval.py --bench      # the actor stage's share of the spaCy parse

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


# --------------------------------------------------------------------------- the corpus key

CORPUS = REPO.parent / "shared" / "corpus"
ACTOR_KINDS = ("person", "organisation", "country", "place", "group")
MODES = ("pipeline", "html", "text")


def _norm(s: str) -> str:
    from veille.importer.gazetteer import normalize

    return normalize(s)


def _squash(s: str) -> str:
    import unicodedata

    return "".join(unicodedata.normalize("NFC", s).split()).casefold()


def _paragraph_text(raw: str, title: str, first_sentence: str, forms: list[str]) -> str:
    """The article as an analyst reads it, straight from a text dump: paragraphs (hard wraps joined,
    `[n]` link markers dropped) from the headline (the last copy before the first body sentence)
    to the paragraph holding the first occurrence of the key's last-reached form, so the actor
    stage is judged apart from the segmenter."""
    import re

    paragraphs = [" ".join(re.sub(r"\[\d+\]", "", p).split()) for p in re.split(r"\n\s*\n", raw)]
    paragraphs = [p for p in paragraphs if p]
    head, first = _squash(title)[:40], _squash(first_sentence)[:40]
    body = next((i for i, p in enumerate(paragraphs) if first in _squash(p)), len(paragraphs) - 1)
    start = max((i for i, p in enumerate(paragraphs[:body + 1]) if head in _squash(p)), default=body)
    end = start
    for form in forms:
        pattern = re.compile(r"(?<!\w)" + re.escape(form) + r"(?!\w)")
        for i in range(start, len(paragraphs)):
            if pattern.search(paragraphs[i]):
                end = max(end, i)
                break
    return "\n\n".join(paragraphs[start:end + 1])


def _parts_of(text: str):
    from veille.importer.actors import Part

    parts, pos = [], 0
    for i, para in enumerate(text.split("\n\n")):
        parts.append(Part(pos, para, "title" if i == 0 else "body"))
        pos += len(para) + 2
    return parts


def _pick(records, title: str):
    """The record the segmenter made for the key's article (its title, whitespace and case aside)."""
    from rapidfuzz import fuzz

    want = _squash(title)
    best, score = None, 0.0
    for r in records:
        got = _squash(r.title)
        s = 100.0 if got == want or (len(got) > 20 and (got in want or want in got)) else fuzz.ratio(got, want)
        if s > score:
            best, score = r, s
    return best if score >= 85 else None


def corpus_predictions(mode: str = "pipeline") -> dict[str, tuple[str, list]]:
    """file → (language, actor mentions) for each article of the key. `pipeline`: the page read and
    segmented as `veille import` does, the key's article picked by its title (none found: no
    actors); `html`: the same, HTML pages only; `text`: the article's paragraphs straight from the
    page (the HTML reader's text, or the text dump from headline to body end)."""
    from veille.importer import nlp
    from veille.importer.actors import extract
    from veille.importer.analyze import parse
    from veille.importer.extract import extract_articles, repeated_lines
    from veille.importer.readers import Prepared, read_file

    key = json.loads((CORPUS / "actors.json").read_text(encoding="utf-8"))
    gold = {g["file"]: g for g in json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))}
    files = [f for f in key if mode != "html" or f.startswith("html/")]
    docs = {f: read_file(CORPUS / f) for f in files}
    repeated = repeated_lines(d.text for f, d in docs.items() if isinstance(d, Prepared) and not d.meta)
    out: dict[str, tuple[str, list]] = {}
    for f in files:
        art = key[f][0]
        lang = gold[f]["language"]
        doc = docs[f]
        if mode == "text":
            if doc.meta:
                text = doc.text.strip()
            else:
                forms = [x for a in art["actors"] for x in (*a["forms"], *a.get("metonym_forms", []))]
                text = _paragraph_text(doc.text, art["title"], gold[f]["first_body_sentence"], forms)
            parts = _parts_of(text)
            model = nlp.pipeline(lang) or nlp.tokenizer_only()
            out[f] = (lang, extract(parts, list(model.pipe([p.text for p in parts])), gold[f].get("outlet")))
            continue
        record = _pick(extract_articles(doc.text, doc.meta, repeated), art["title"])
        if record is None:
            out[f] = (lang, [])
            continue
        pieces, parsed = parse([record])
        out[f] = (lang, extract(pieces[0], parsed[0], record.source, record.author))  # as `veille import` calls it
    return _as_loaded(out)


def _as_loaded(out: dict[str, tuple[str, list]]) -> dict[str, tuple[str, list]]:
    """The mentions as the loader stores them for the whole batch: one kind per name across the
    articles, a surname alone joined to the batch's one full name (actors.batch_keys)."""
    from dataclasses import replace

    from veille.importer.actors import batch_keys

    every = [m for _, ms in out.values() for m in ms]
    joins = batch_keys(every)
    target = {m.key: m for m in every if m.key in set(joins.values())}
    return {f: (lang, [m if m.key not in joins else
                       replace(m, key=(t := target[joins[m.key]]).key, canonical_name=t.canonical_name, kind=t.kind,
                               country_code=t.country_code) for m in ms]) for f, (lang, ms) in out.items()}


def _predicted_actors(mentions) -> list[dict]:
    """One predicted actor per resolved key, with every surface it was found as."""
    by_key: dict[str, dict] = {}
    for m in mentions:
        p = by_key.setdefault(m.key, {"name": m.canonical_name, "kind": m.kind, "surfaces": set()})
        p["surfaces"].add(m.surface)
    return list(by_key.values())


def _match(predicted: list[dict], gold_actors: list[dict]) -> list[dict | None]:
    """One-to-one: each predicted actor takes a gold actor it names (canonical name first, then a
    surface form), the one of the same kind when several fit; a second predicted actor for an
    already matched gold actor is a duplicate (None)."""
    forms = [{_norm(x) for x in (g["name"], *g["forms"], *g.get("metonym_forms", []))} for g in gold_actors]
    names = [_norm(g["name"]) for g in gold_actors]
    taken: set[int] = set()
    out: list[dict | None] = [None] * len(predicted)
    order = sorted(range(len(predicted)), key=lambda i: _norm(predicted[i]["name"]) not in names)
    for i in order:
        p = predicted[i]
        name, surfaces = _norm(p["name"]), {_norm(s) for s in p["surfaces"]}
        cands = [j for j in range(len(gold_actors)) if names[j] == name or name in forms[j]] or \
                [j for j in range(len(gold_actors)) if surfaces & forms[j]]
        cands.sort(key=lambda j: (j in taken, gold_actors[j]["kind"] != p["kind"]))
        if cands and cands[0] not in taken:
            taken.add(cands[0])
            out[i] = gold_actors[cands[0]]
        elif cands:
            out[i] = {"duplicate": True}
    return out


def evaluate_corpus(mode: str = "pipeline", verbose: bool = False) -> dict:
    """Precision, recall, kinds right and junk against the corpus key, per language and per kind.

    precision = predicted actors matching a gold actor (duplicates of a matched one count against)
    / predicted; recall = gold actors found / gold actors, `borderline` ones (adjective only,
    caption only, generic body…) left out of the denominator (`recall_all` keeps them);
    kinds right = matched actors with the key's kind; junk = predicted actors that match no gold
    actor (`listed`: those whose surface the key lists in `not_actors`)."""
    key = json.loads((CORPUS / "actors.json").read_text(encoding="utf-8"))
    predictions = corpus_predictions(mode)
    rows: dict[str, dict[str, int]] = {}

    def add(group: str, **counts: int) -> None:
        row = rows.setdefault(group, {})
        for k, v in counts.items():
            row[k] = row.get(k, 0) + v

    for f, (lang, mentions) in sorted(predictions.items()):
        art = key[f][0]
        gold_actors = art["actors"]
        not_actors = {_norm(x) for x in art["not_actors"]}
        predicted = _predicted_actors(mentions)
        matched = _match(predicted, gold_actors)
        found = {id(g) for g in matched if g is not None and "duplicate" not in g}
        lines = []
        for p, g in zip(predicted, matched, strict=True):
            ok = g is not None and "duplicate" not in g
            listed = any(_norm(s) in not_actors for s in p["surfaces"])
            for group in ("all", lang, f"kind:{p['kind']}"):
                add(group, predicted=1, true=int(ok), kind_right=int(ok and g["kind"] == p["kind"]),
                    junk=int(g is None), listed=int(listed), duplicate=int(g is not None and not ok))
            if verbose and not ok:
                lines.append(f"   {'duplicate' if g else 'junk':9} {p['kind']:12} {p['name']!r} {sorted(p['surfaces'])}")
            elif verbose and g["kind"] != p["kind"]:
                lines.append(f"   kind      {p['kind']:12} {p['name']!r} (key: {g['kind']} {g['name']!r})")
        for g in gold_actors:
            hit = id(g) in found
            strict = "borderline" not in g
            for group in ("all", lang, f"kind:{g['kind']}"):
                add(group, gold=int(strict), gold_all=1, found=int(hit and strict), found_all=int(hit))
            if verbose and not hit and strict:
                lines.append(f"   missed    {g['kind']:12} {g['name']!r} {g['forms'][:4]}")
        if verbose and lines:
            print(f"{f}")
            print("\n".join(lines))

    def ratio(a: int, b: int) -> float:
        return round(a / b, 3) if b else 0.0

    table = {}
    for group, r in rows.items():
        table[group] = {
            "articles": sum(1 for f, (lang, _) in predictions.items() if group in ("all", lang)) or None,
            "predicted": r.get("predicted", 0), "precision": ratio(r.get("true", 0), r.get("predicted", 0)),
            "recall": ratio(r.get("found", 0), r.get("gold", 0)),
            "recall_all": ratio(r.get("found_all", 0), r.get("gold_all", 0)),
            "kinds_right": ratio(r.get("kind_right", 0), r.get("true", 0)),
            "junk": ratio(r.get("junk", 0), r.get("predicted", 0)), "listed": r.get("listed", 0),
            "duplicates": r.get("duplicate", 0),
        }
    return table


def print_table(table: dict, title: str) -> None:
    cols = ("predicted", "precision", "recall", "recall_all", "kinds_right", "junk", "listed", "duplicates")
    print(f"\n{title}")
    print(f"{'':14}" + "".join(f"{c:>12}" for c in cols))
    order = ["all", "fr", "en", *(f"kind:{k}" for k in ACTOR_KINDS)]
    for group in [g for g in order if g in table]:
        print(f"{group:14}" + "".join(f"{table[group][c]:>12}" for c in cols))


def bench() -> str:
    """The actor stage's share of the spaCy parse over every corpus page (html and text) as `veille
    import` segments them: one cold run (GeoNames and the lemma tables load once per process) and one
    warm run, as in a long batch."""
    import time

    from veille.importer import actors
    from veille.importer.analyze import parse
    from veille.importer.extract import extract_articles, repeated_lines
    from veille.importer.readers import Prepared, read_file

    docs = [d for sub in ("html", "text") for f in sorted((CORPUS / sub).iterdir())
            if isinstance(d := read_file(f), Prepared)]
    repeated = repeated_lines(d.text for d in docs if not d.meta)
    records = [r for d in docs for r in extract_articles(d.text, d.meta, repeated)]
    parse(records[:2])  # the models load outside the measure
    t = time.perf_counter()
    pieces, parsed = parse(records)
    spacy_s = time.perf_counter() - t
    runs = []
    for _ in range(2):
        t = time.perf_counter()
        mentions = [actors.extract(p, d, r.source, r.author) for r, p, d in zip(records, pieces, parsed, strict=True)]
        actors.batch_keys([m for ms in mentions for m in ms])
        runs.append(time.perf_counter() - t)
    return (f"{len(records)} articles: spaCy parse {spacy_s:.2f} s; actor stage {runs[0]:.2f} s cold "
            f"({runs[0] / spacy_s:.1%}), {runs[1]:.2f} s warm ({runs[1] / spacy_s:.1%})")


def main(argv: list[str]) -> None:
    if "--bench" in argv:
        print(bench())
        return
    verbose = "--verbose" in argv
    if "--corpus" not in argv:
        print(json.dumps(evaluate(verbose), indent=2))
        return
    modes = [m for m in MODES if f"--{m}" in argv] or list(MODES)
    for mode in modes:
        print_table(evaluate_corpus(mode, verbose), f"corpus key, {mode}")


if __name__ == "__main__":
    main(sys.argv[1:])
