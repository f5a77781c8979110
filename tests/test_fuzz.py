"""Hostile input: fuzzing of read → segment → dates → extraction, and adversarial pages imported
within bounded time and memory. `make stress` runs ten times more cases with fresh seeds (tests/conftest.py)."""

from __future__ import annotations

import resource
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import SEEDS, migrated, query

from veille.importer import dates
from veille.importer.analyze import analyze
from veille.importer.extract import extract_articles
from veille.importer.readers import Prepared, prepare
from veille.importer.workers import time_budget

SEED_BYTES = [p.read_bytes() for p in sorted(SEEDS.iterdir())]


def run_all_stages(data: bytes, media_type: str = "text/plain", nlp: bool = True) -> None:
    with time_budget(90):  # a hang fails the test instead of stalling it
        doc = prepare("fuzz.txt", data, media_type)
        if not isinstance(doc, Prepared):
            assert doc.reason and "\n" not in doc.reason
            return
        assert "\x00" not in doc.text
        records = extract_articles(doc.text, doc.meta)
        for r in records:
            assert 0 <= r.char_start <= r.char_end <= len(doc.text)
            for offset, text, _ in r.parts:
                assert doc.text[offset:offset + len(text)] == text
        dates.find_dates(doc.text)
        if nlp:
            for _record, analysis in zip(records, analyze(records), strict=True):
                for m in analysis.mentions:
                    assert doc.text[m.start:m.end] == m.surface
                for ev in analysis.events:
                    assert doc.text[ev.start:ev.end] == ev.sentence


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.binary(max_size=3000), st.sampled_from(["text/plain", "text/html", "application/rss+xml"]))
def test_arbitrary_bytes_without_nlp(data, media_type):
    run_all_stages(data, media_type, nlp=False)


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(SEED_BYTES), st.lists(st.tuples(st.integers(0, 20_000), st.binary(max_size=8), st.integers(0, 3)),
                                               max_size=20))
def test_mutated_seed_pages_through_every_stage(data, edits):
    buf = bytearray(data)
    for pos, chunk, op in edits:
        i = pos % (len(buf) + 1)
        if op == 0:
            buf[i:i + len(chunk)] = chunk          # overwrite
        elif op == 1:
            buf[i:i] = chunk                       # insert
        elif op == 2:
            del buf[i:i + 1 + len(chunk) * 50]     # delete a run
        else:
            buf[i:i] = bytes(buf[i:i + 200])       # duplicate a run
    run_all_stages(bytes(buf))


ADVERSARIAL = {
    "no_spaces_10mb.txt": lambda: ("Otan" * 2_500_000).encode(),
    "capitalised_100k.txt": lambda: " ".join(f"Mot{i % 977}" for i in range(100_000)).encode(),
    "read_more_repeated.txt": lambda: ("Lire la suite »\n" * 200_000).encode(),
    "mixed_scripts.txt": lambda: ("L’OTAN и Россия 北约 حلف الناتو Ελλάδα\n\n" * 5_000).encode(),
    "right_to_left.txt": lambda: ("\u202eحلف شمال الأطلسي يجتمع في بروكسل\u202c\n\n" * 5_000).encode(),
    "zero_width.txt": lambda: ("Jens\u200bStoltenberg\u200d a rencontré\ufeff Antony\u2060Blinken.\n\n" * 20_000).encode(),
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_page_imports_or_is_rejected_in_bounded_time_and_memory(make_database, tmp_path, name):
    url = migrated(make_database())
    (tmp_path / name).write_bytes(ADVERSARIAL[name]())
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "veille.cli.main", "--database-url", url, "import", str(tmp_path),
                           "--workers", "1"], capture_output=True, text=True, timeout=600)
    elapsed = time.perf_counter() - started
    peak_mb = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
    [(status, error)] = query(url, "SELECT status, error FROM documents")
    assert proc.returncode == (0 if status == "imported" else 1), proc.stderr
    assert status == "imported" or (error and len(proc.stderr.strip().splitlines()) == 1)
    assert elapsed < 300, f"{name} took {elapsed:.0f} s"
    assert peak_mb < 2048, f"{name} peaked at {peak_mb:.0f} MB"
