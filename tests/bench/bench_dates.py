"""Benchmark: veille's find_dates against dateparser's search_dates on a French/English sample.

    python tests/bench/bench_dates.py [--sentences N] [--json FILE]

Builds a reproducible sample of news sentences (French and English, dates in the forms the
importer meets, plus numbers that are not dates), then prints the throughput of both (median
of 5 runs for find_dates; dateparser is slower, so it runs fewer times) and how many of our
day-precision mentions dateparser also finds (same day and month, and year when we have one,
on an overlapping span). Not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import random
import statistics
import sys
import time
from pathlib import Path

try:
    from veille.importer.dates import find_dates
except ImportError:  # not installed: load the module from the source tree
    _path = Path(__file__).resolve().parents[2] / "importer" / "dates.py"
    _spec = importlib.util.spec_from_file_location("veille_dates", _path)
    _module = importlib.util.module_from_spec(_spec)
    sys.modules["veille_dates"] = _module
    _spec.loader.exec_module(_module)
    find_dates = _module.find_dates

FR_MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
FR_ABBR = "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.".split()
FR_DAYS = "lundi mardi mercredi jeudi vendredi samedi dimanche".split()
EN_MONTHS = "January February March April May June July August September October November December".split()
EN_ABBR = "Jan. Feb. March April May June July Aug. Sept. Oct. Nov. Dec.".split()
EN_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
NBSP = "\u00a0"


def fr_date(d: dt.date, rng: random.Random) -> str:
    day = "1er" if d.day == 1 else str(d.day)
    month = rng.choice([FR_MONTHS, FR_ABBR])[d.month - 1] if rng.random() < 0.2 else FR_MONTHS[d.month - 1]
    nxt = d + dt.timedelta(days=1)
    return rng.choice([
        f"le {day} {month} {d.year}",
        f"le {FR_DAYS[d.weekday()]} {day} {month} {d.year}",
        f"{FR_DAYS[d.weekday()]} {day} {month}",
        f"{FR_DAYS[d.weekday()]} ({day} {month})",
        f"le {day}{NBSP}{month}{NBSP}{d.year}",
        f"le {day} {month}",
        f"les {d.day} et {nxt.day} {FR_MONTHS[nxt.month - 1]}" if nxt.month == d.month else f"le {day} {month}",
        f"{d.day:02}.{d.month:02}.{d.year}",
        f"{d.day:02}/{d.month:02}/{d.year}",
        f"{d.day:02} - {d.month:02} - {d.year}",
        f"({d.isoformat()})",
        f"en {FR_MONTHS[d.month - 1]} {d.year}",
        f"depuis {d.year}",
        f"à la mi-{FR_MONTHS[d.month - 1]}",
        f"pour {d.year} et {d.year + 1}",
        f"({d.year - 4}-{d.year})",
    ])


def en_date(d: dt.date, rng: random.Random) -> str:
    month = EN_MONTHS[d.month - 1]
    return rng.choice([
        f"on {EN_DAYS[d.weekday()]}, {EN_ABBR[d.month - 1]} {d.day}, {d.year}",
        f"on {month} {d.day}, {d.year}",
        f"on {d.day} {month} {d.year}",
        f"on {EN_DAYS[d.weekday()]}, {month} {d.day}",
        f"on {month} {d.day}{'st' if d.day in (1, 21, 31) else 'th'}",
        f"in {month} {d.year}",
        f"in {month}",
        f"since {d.year}",
        f"on {d.isoformat()}",
    ])


FR_SENTENCES = [
    "Le ministre de la Défense s’est rendu à Vilnius {date}, a indiqué son cabinet.",
    "Le sommet de l’OTAN se tiendra {date} à Bruxelles, selon un communiqué.",
    "Les négociations, suspendues {date}, pourraient reprendre à Genève.",
    "Réunis à Luxembourg {date}, les ministres des Affaires étrangères ont adopté des sanctions.",
    "Le Kremlin a confirmé {date} la tenue de pourparlers avec Washington.",
    "L’armée a annoncé {date} le retrait de 1000 soldats de la zone frontalière.",
    "Publié {date} par la rédaction, mis à jour à 11h54.",
]
EN_SENTENCES = [
    "The ministers met in Brussels {date} to discuss the ceasefire.",
    "Talks stalled {date}, officials said, after a row over prisoner exchanges.",
    "The agreement, signed {date}, commits both sides to a phased withdrawal.",
    "Troops crossed the border {date}, according to satellite images.",
]
FILLERS = [
    "Le budget atteint 2.500 millions d’euros, soit 7,95 % de plus que prévu.",
    "Quelque 9.600 soldats et 1000 véhicules sont déployés dans la région.",
    "Contact presse : 01 42 17 02 20 ou +33 6 12 34 56 78.",
    "La mise à jour 3.11.2 du logiciel corrige plusieurs failles.",
    "Mercredi, les députés ont voté le texte par 312 voix contre 201.",
    "The fund grew by 2,500 million dollars, up 4.5 percent.",
    "Some 1,200 observers and 35 vehicles were sent to the region.",
    "Negotiators said Friday that a deal was close.",
]


def build_sample(sentences: int, seed: int = 20240601) -> str:
    rng = random.Random(seed)
    start, span = dt.date(2015, 1, 1), (dt.date(2025, 12, 31) - dt.date(2015, 1, 1)).days
    out = []
    for i in range(sentences):
        d = start + dt.timedelta(days=rng.randrange(span))
        kind = rng.random()
        if kind < 0.5:
            out.append(rng.choice(FR_SENTENCES).format(date=fr_date(d, rng)))
        elif kind < 0.75:
            out.append(rng.choice(EN_SENTENCES).format(date=en_date(d, rng)))
        else:
            out.append(rng.choice(FILLERS))
        if i % 6 == 5:
            out.append("\n\n")
    return " ".join(out)


def timed(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def locate(text: str, found: list[tuple[str, dt.datetime]]) -> list[tuple[int, int, dt.datetime]]:
    """Spans of search_dates' substrings, in order (it returns strings, not offsets)."""
    spans, cursor = [], 0
    for substring, value in found:
        at = text.find(substring, cursor)
        if at < 0:
            at = text.find(substring)
        if at >= 0:
            spans.append((at, at + len(substring), value))
            cursor = at + len(substring)
    return spans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=400)
    parser.add_argument("--json", metavar="FILE", help="also write the figures to FILE")
    args = parser.parse_args()

    text = build_sample(args.sentences)
    mb = len(text.encode("utf-8")) / 1e6

    ours_time, mentions = timed(lambda: find_dates(text), 5)

    from dateparser.search import search_dates

    search_dates("le 7 janvier 2022", languages=["fr", "en"])  # warm up (loads its language data)
    dp_runs = 3
    dp_time, dp_found = timed(lambda: search_dates(text, languages=["fr", "en"]) or [], dp_runs)

    dp_spans = locate(text, dp_found)
    day_mentions = [m for m in mentions if m.precision == "day"]

    def agrees(m) -> bool:
        return any(s < m.end and m.start < e and (v.month, v.day) == (m.month, m.day)
                   and (m.year is None or v.year == m.year) for s, e, v in dp_spans)

    agreed = sum(agrees(m) for m in day_mentions)
    figures = {
        "sample": {"sentences": args.sentences, "chars": len(text), "megabytes": round(mb, 4)},
        "find_dates": {"mentions": len(mentions), "day_mentions": len(day_mentions),
                       "seconds_median_of_5": round(ours_time, 5),
                       "mentions_per_s": round(len(mentions) / ours_time),
                       "mb_per_s": round(mb / ours_time, 3)},
        "dateparser_search_dates": {"found": len(dp_found), "runs": dp_runs,
                                    "seconds_median": round(dp_time, 3),
                                    "found_per_s": round(len(dp_found) / dp_time, 1),
                                    "mb_per_s": round(mb / dp_time, 4)},
        "agreement": {"our_day_mentions": len(day_mentions), "also_found_by_dateparser": agreed,
                      "share": round(agreed / len(day_mentions), 3) if day_mentions else None},
    }

    print(f"sample: {args.sentences} sentences, {len(text):,} characters, {mb:.3f} MB")
    print(f"{'':26} {'found':>7} {'seconds':>9} {'found/s':>10} {'MB/s':>9}")
    print(f"{'find_dates (median of 5)':26} {len(mentions):>7} {ours_time:>9.4f} "
          f"{len(mentions) / ours_time:>10,.0f} {mb / ours_time:>9.3f}")
    print(f"{'dateparser search_dates':26} {len(dp_found):>7} {dp_time:>9.3f} "
          f"{len(dp_found) / dp_time:>10,.1f} {mb / dp_time:>9.4f}")
    print(f"speed-up: {dp_time / ours_time:,.0f}x")
    print(f"agreement: dateparser also finds {agreed} of our {len(day_mentions)} day-precision mentions "
          f"({figures['agreement']['share']:.1%})")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
