"""The real saved pages of ../shared/corpus, imported like `veille import`, scored against their
answer key (tests/eval/corpus_eval.py prints the table; these floors sit just under what the
importer reaches, so no change can fall back below them)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "eval"))
import corpus_eval as ce  # noqa: E402

pytestmark = pytest.mark.skipif(not (ce.DEFAULT_CORPUS / "gold.json").exists(),
                                reason="the development corpus (../shared/corpus) is not here")


@pytest.fixture(scope="module")
def scored(make_database):
    url = make_database()
    assert ce.cli(url, "db", "upgrade").exit_code == 0
    result = ce.evaluate(ce.DEFAULT_CORPUS, url=url, peers=("trafilatura",))  # newspaper4k: 5 s a page
    ce.print_table(result, verbose=True)
    return result


def test_text_dumps(scored):
    t = scored["tallies"]["veille text"]
    assert t.pages == 36
    assert t.titles == 36 and t.dates_right >= 34 and t.dates_wrong == 0
    assert t.outlets >= 34 and t.languages == 36 and t.first_sentence == 36
    assert t.junk == 0 and t.extra == 0 and t.no_article == 0


def test_saved_html(scored):
    t = scored["tallies"]["veille html"]
    assert t.pages == 26
    assert t.titles == 26 and t.dates_right >= 25 and t.dates_wrong == 0
    assert t.outlets >= 24 and t.languages == 26 and t.first_sentence >= 24
    assert t.junk == 0 and t.extra == 0


def test_the_goals_over_all_pages(scored):
    r = ce.ratios(scored["tallies"]["veille all"])
    assert r["titles"] >= 0.95 and r["dates_right"] >= 0.90 and r["dates_wrong"] <= 0.02
    assert r["outlets"] >= 0.85 and r["first_sentence"] >= 0.90 and r["junk"] <= 0.05
    assert r["extra"] <= 0.05 and r["languages"] >= 0.97


def test_never_behind_the_extractor_it_wraps(scored):
    own, peer = scored["tallies"]["veille html"], scored["tallies"]["trafilatura html"]
    assert own.titles >= peer.titles and own.dates_right >= peer.dates_right and own.dates_wrong <= peer.dates_wrong
    assert own.first_sentence >= peer.first_sentence
    assert own.outlets > peer.outlets and own.junk < peer.junk


def test_every_feed_item_keeps_its_title_and_date(scored):
    ok, total = scored["feeds"]
    assert total == 63 and ok == total
