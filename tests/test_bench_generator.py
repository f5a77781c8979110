"""The benchmark corpus generator (tests/bench/generate.py): deterministic, exact counts, the
specified mix, correct weekday dates, and expected article counts the real segmenter agrees with."""

from __future__ import annotations

import collections
import datetime as dt
import hashlib
import importlib.util
import os
import re
import statistics
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from veille.importer.extract import extract_articles

GENERATOR = Path(__file__).resolve().parent / "bench" / "generate.py"


def _load():
    if "veille_bench_generate" in sys.modules:
        return sys.modules["veille_bench_generate"]
    spec = importlib.util.spec_from_file_location("veille_bench_generate", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    sys.modules["veille_bench_generate"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


gen = _load()


@cache
def pages(n: int, seed: int = 0) -> tuple:
    return tuple(gen.generate(n, seed))


def digest(n: int, seed: int) -> str:
    h = hashlib.sha256()
    for p in gen.generate(n, seed):
        h.update(p.name.encode() + b"\0" + p.text.encode() + b"\0")
    return h.hexdigest()


# --------------------------------------------------------------------------------------------
# Determinism and counts


def test_same_seed_gives_identical_pages():
    a, b = list(gen.generate(400, 5)), list(gen.generate(400, 5))
    assert [p.name for p in a] == [p.name for p in b]
    assert [p.text for p in a] == [p.text for p in b]
    assert [p.items for p in a] == [p.items for p in b]


def test_same_seed_identical_across_processes():
    """Nothing may depend on string hashing (set order): another process, another hash seed."""
    code = ("import importlib.util, sys, hashlib\n"
            f"spec = importlib.util.spec_from_file_location('g', {str(GENERATOR)!r})\n"
            "m = importlib.util.module_from_spec(spec); sys.modules['g'] = m; spec.loader.exec_module(m)\n"
            "h = hashlib.sha256()\n"
            "for p in m.generate(300, 9): h.update(p.name.encode() + b'\\0' + p.text.encode() + b'\\0')\n"
            "print(h.hexdigest())\n")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == digest(300, 9)


def test_different_seeds_differ():
    assert digest(200, 1) != digest(200, 2)
    a, b = pages(200, 1), pages(200, 2)
    assert {p.text for p in a}.isdisjoint({p.text for p in b})


@pytest.mark.parametrize("n", [1, 7, 100, 1000])
def test_exact_article_count(n):
    ps = pages(n)
    assert sum(p.articles for p in ps) == n
    assert all(p.articles == len(p.items) >= 1 for p in ps)
    assert [p.name for p in ps] == [f"p{i:07d}.txt" for i in range(len(ps))]
    assert [p.index for p in ps] == list(range(len(ps)))


def test_zero_articles_gives_no_page():
    assert list(gen.generate(0, 3)) == []


def test_pages_stream():
    """The generator is lazy: the first page comes without building the rest."""
    it = gen.generate(10**9, 0)
    first = next(it)
    assert first.name == "p0000000.txt" and first.text


# --------------------------------------------------------------------------------------------
# The mix


def test_layout_and_language_mix():
    ps = pages(1000)
    n = len(ps)
    kinds = collections.Counter(p.kind for p in ps)
    for kind, target in (("listing", 0.35), ("tag", 0.25), ("single", 0.30), ("agency", 0.10)):
        assert abs(kinds[kind] / n - target) <= 0.08, (kind, kinds[kind] / n)
    languages = collections.Counter(p.language for p in ps)
    assert abs(languages["fr"] / n - 0.75) <= 0.08, languages
    assert set(p.layout for p in ps) == set(gen.LAYOUTS)
    per_page = collections.defaultdict(list)
    for p in ps[:-1]:  # the last page may be cut short
        per_page[p.kind].append(p.articles)
    assert 5 <= min(per_page["listing"]) and max(per_page["listing"]) <= 15
    assert 2 <= min(per_page["tag"]) and max(per_page["tag"]) <= 6
    assert 2 <= min(per_page["agency"]) and max(per_page["agency"]) <= 5
    assert set(per_page["single"]) == {1}


def test_actors_follow_a_zipf_law():
    assert len(gen.ACTORS) >= 200
    assert sum(a.kind == "person" for a in gen.ACTORS) >= 120
    items = [i for p in pages(1000) for i in p.items]
    df = collections.Counter(a for i in items for a in set(i.actors))
    counts = [df[a.key] for a in gen.ACTORS]
    top_key, top = df.most_common(1)[0]
    assert top_key == "NATO"
    assert top >= 10 * max(statistics.median(counts), 1), (top, statistics.median(counts))
    head = {k for k, _ in df.most_common(10)}
    assert {"NATO", "United States", "Russia", "Ukraine", "EU", "France"} <= head
    # the actor names are in the text: NATO's French or English name on most pages that cite it
    nato_pages = [p for p in pages(1000) if any("NATO" in i.actors for i in p.items)]
    assert sum(bool(re.search(r"OTAN|Otan|NATO|Alliance atlantique|Atlantic Alliance", p.text))
               for p in nato_pages) == len(nato_pages)


def test_dates_span_2019_to_2026():
    years = collections.Counter(i.published.year for p in pages(1000) for i in p.items)
    assert set(years) == set(range(2019, 2027)), years


def test_near_duplicates():
    ps = pages(1000)
    items = [(p.index, i) for p in ps for i in p.items]
    dups = [(k, i) for k, i in items if i.duplicate]
    assert 0.03 <= len(dups) / len(items) <= 0.08, len(dups)
    assert any(i.changed for _, i in dups) and not all(i.changed for _, i in dups)
    first_seen = {}
    for k, i in items:
        if not i.duplicate:
            first_seen.setdefault(i.uid, (k, i))
    for k, i in dups:
        k0, original = first_seen[i.uid]
        assert k0 < k                          # it reappears on a later page
        assert original.title == i.title       # with the same title
        assert original.published == i.published


# --------------------------------------------------------------------------------------------
# Weekday dates

FR_WD = "lundi mardi mercredi jeudi vendredi samedi dimanche".split()
FR_MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
EN_WD = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
EN_MONTHS = "January February March April May June July August September October November December".split()
FR_YEARLESS = re.compile(rf"\b({'|'.join(FR_WD)})\s+\(?(1er|\d{{1,2}})\s+({'|'.join(FR_MONTHS)})\)?(?!\s*\d{{4}})")
EN_YEARLESS = re.compile(rf"\b({'|'.join(EN_WD)}),?\s+({'|'.join(EN_MONTHS)})\s+(\d{{1,2}})\b(?!,?\s*\d{{4}})")


def _parse(phrase: str) -> tuple[int, int, int]:
    """(weekday, day, month) named by a recorded phrase."""
    if m := FR_YEARLESS.fullmatch(phrase):
        day = 1 if m.group(2) == "1er" else int(m.group(2))
        return FR_WD.index(m.group(1)), day, FR_MONTHS.index(m.group(3)) + 1
    m = EN_YEARLESS.fullmatch(phrase)
    assert m, phrase
    return EN_WD.index(m.group(1)), int(m.group(3)), EN_MONTHS.index(m.group(2)) + 1


def test_every_yearless_weekday_date_is_right():
    ps = pages(1000)
    checked = 0
    for p in ps:
        recorded = {}
        for phrase, when in p.weekday_dates:
            assert phrase in p.text, (p.name, phrase)
            weekday, day, month = _parse(phrase)
            assert (when.day, when.month) == (day, month), (p.name, phrase, when)
            assert when.weekday() == weekday, (p.name, phrase, when)
            assert dt.date(2019, 1, 1) <= when <= dt.date(2026, 12, 31)
            recorded[phrase] = when
            checked += 1
        # and every yearless weekday date in the text is one of them
        for m in [*FR_YEARLESS.finditer(p.text), *EN_YEARLESS.finditer(p.text)]:
            assert m.group(0) in recorded, (p.name, m.group(0))
    assert checked >= 200


# --------------------------------------------------------------------------------------------
# The real segmenter agrees with the expected counts

PER_LAYOUT = 40


@cache
def sample() -> dict[str, list]:
    by_layout: dict[str, list] = {k: [] for k in gen.LAYOUTS}
    for p in gen.generate(4000, 0):
        if len(by_layout[p.layout]) < PER_LAYOUT:
            by_layout[p.layout].append(p)
        if all(len(v) == PER_LAYOUT for v in by_layout.values()):
            break
    return by_layout


@cache
def extracted(layout: str) -> list[tuple]:
    return [(p, [a.title for a in extract_articles(p.text, {})]) for p in sample()[layout]]


@pytest.mark.parametrize("layout", list(gen.LAYOUTS))
def test_segmenter_finds_the_expected_number_of_articles(layout):
    results = extracted(layout)
    assert len(results) == PER_LAYOUT
    wrong = [(p, got) for p, got in results if len(got) != p.articles]
    report = "\n".join(
        f"{p.name}: expected {p.articles}, found {len(got)}; missed {[t for t in p.titles if t not in got]}; "
        f"extra {[t for t in got if t not in p.titles]}" for p, got in wrong)
    assert len(wrong) <= PER_LAYOUT * 0.05, report


@pytest.mark.parametrize("layout", list(gen.LAYOUTS))
def test_segmenter_titles_are_ours(layout):
    found = [(p, t) for p, got in extracted(layout) for t in got]
    foreign = [(p.name, t) for p, t in found if t not in p.titles]
    assert len(foreign) <= 0.05 * len(found), foreign


# --------------------------------------------------------------------------------------------
# Command line


def test_cli_writes_pages_in_folders(tmp_path, capsys):
    out = tmp_path / "corpus"
    assert gen.main(["--articles", "60", "--seed", "4", "--out", str(out), "--manifest"]) == 0
    printed = dict(line.split(": ") for line in capsys.readouterr().out.splitlines())
    ps = pages(60, 4)
    assert int(printed["pages"]) == len(ps)
    assert int(printed["articles"]) == 60
    files = sorted(out.glob("*/*.txt"))
    assert [f.relative_to(out).as_posix() for f in files] == [f"000/{p.name}" for p in ps]
    assert int(printed["bytes"]) == sum(f.stat().st_size for f in files)
    assert files[0].read_text(encoding="utf-8") == ps[0].text
    assert float(printed["seconds"]) >= 0
    assert len((out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()) == len(ps)
