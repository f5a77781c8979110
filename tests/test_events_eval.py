"""Events against the PLOVER development gold (../shared/events/gold.json): recall, precision and
source accuracy per language, every category found, negatives left alone, and the cost of the
events stage next to the spaCy parse.

The floors are just under what the extractor reaches (python tests/eval/events_eval.py prints the
table), so a change that loses events, invents them or mistakes their actors fails here.
"""

from __future__ import annotations

import sys

import pytest
from support import REPO

sys.path.insert(0, str(REPO / "tests" / "eval"))
import events_eval  # noqa: E402

# measured when written (fr / en): recall 0.751 / 0.819, precision 0.857 / 0.866,
# source right 0.906 / 0.907, negatives with an event 3/23 / 3/17 (one event less than that
# is still allowed: the actor stage's changes move a sentence now and then)
FLOORS = {
    "fr": {"recall": 0.745, "precision": 0.85, "source_right": 0.90},
    "en": {"recall": 0.81, "precision": 0.86, "source_right": 0.905},
}
NEGATIVES_WITH_EVENTS = {"fr": 4, "en": 4}


@pytest.fixture(scope="module")
def scored():
    path = events_eval.gold_path()
    if not path.exists():
        pytest.skip(f"the PLOVER development gold is not at {path} (set VEILLE_EVENTS_GOLD)")
    result = events_eval.evaluate_gold(path)
    events_eval.print_table(result)
    return result


@pytest.mark.parametrize("language", ["fr", "en"])
def test_plover_gold_floors(scored, language):
    got = scored["languages"][language]
    for key, floor in FLOORS[language].items():
        assert got[key] >= floor, (language, key, got)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_sentences_without_an_event_mostly_stay_without(scored, language):
    # the negatives are traps ("a brown bear kills", "voters rejected", a campaign "rally")
    got = scored["languages"][language]
    assert got["negatives_with_events"] <= NEGATIVES_WITH_EVENTS[language], got


def test_every_category_is_found_in_both_languages(scored):
    for language in ("fr", "en"):
        table = scored["table"][language]
        missing = [c for c in events_eval.CATEGORIES if not table.get(c, {}).get("found")]
        assert not missing, (language, missing)


def test_the_events_stage_costs_little_next_to_the_parse(scored):
    assert scored["timing"]["events_share"] <= 0.25, scored["timing"]
