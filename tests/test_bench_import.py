"""The import benchmark runs end to end at a tiny size and reports every figure."""

from __future__ import annotations

import json
import subprocess
import sys

from support import REPO


def test_bench_import_runs_at_a_tiny_size(tmp_path, server_url):
    out = tmp_path / "bench.json"
    proc = subprocess.run([sys.executable, str(REPO / "tests" / "bench" / "bench_import.py"), "--articles", "25",
                           "--workers", "1", "--naive-fraction", "0.2", "--json", str(out)],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    figures = json.loads(out.read_text())
    assert figures["expected_articles"] == 25
    assert figures["end_to_end"]["articles"] >= 20  # the segmenter may differ on a page or two
    for stage in ("read_segment", "spacy_parse", "actors", "events", "load"):
        assert figures["stages"][stage]["articles_per_s"] > 0
    assert set(figures["ratios"]) == {"import_over_nlp_alone", "import_over_nlp_alone_cold", "load_over_copy_alone",
                                      "naive_load_over_our_load", "naive_load_over_copy_alone",
                                      "load_over_copy_alone_without_foreign_keys",
                                      "ner_actors_over_spacy_one_process", "events_over_spacy_one_process"}
    assert figures["copy_alone"]["seconds"] > 0 and figures["copy_alone"]["seconds_without_foreign_keys"] > 0
    assert all(v is not None and v > 0 for v in figures["ratios"].values())
    assert figures["peak_rss_mb"]["main"] > 0
    assert "Import benchmark" in proc.stdout


def test_bench_import_scaling_end_to_end_only(tmp_path, server_url):
    out = tmp_path / "scaling.json"
    proc = subprocess.run([sys.executable, str(REPO / "tests" / "bench" / "bench_import.py"), "--scaling", "10,20",
                           "--end-to-end-only", "--workers", "1", "--json", str(out)],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    figures = json.loads(out.read_text())
    assert [r["expected_articles"] for r in figures["runs"]] == [10, 20]
    assert all("stages" not in r and r["seconds_per_article_end_to_end"] > 0 for r in figures["runs"])
    assert set(figures["scaling"]) == {"10", "20"} and figures["scaling_largest_over_smallest"] > 0
