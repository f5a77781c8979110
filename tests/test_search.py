"""veille search: French and English full-text search, accents ignored, ranked, with snippets."""

from __future__ import annotations

import json


def hits(cli, url, *args):
    result = cli("--database-url", url, "search", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_accents_and_word_endings_are_ignored(seeded, cli):
    titles = [h["title"] for h in hits(cli, seeded, "etats-unis enquete")]
    assert titles[0] == "Les États-Unis ne veulent pas voir les militaires US impliqués dans les enquêtes de la CPI"
    english = [h["title"] for h in hits(cli, seeded, "talk halting")]  # English stems: talks, halted
    assert english[0].startswith("Blinken says nuclear talks halted")


def test_language_and_date_filters(seeded, cli):
    assert {h["language"] for h in hits(cli, seeded, "Blinken", "--lang", "en")} == {"en"}
    dated = hits(cli, seeded, "OTAN", "--from", "2021-01-01", "--to", "2021-12-31")
    assert dated and all("2021-01-01" <= h["published_on"] <= "2021-12-31" for h in dated)


def test_snippets_highlight_the_words(seeded, cli):
    [first, *_] = hits(cli, seeded, "Stoltenberg")
    assert "<<Stoltenberg>>" in first["snippet"]
    md = cli("--database-url", seeded, "search", "Stoltenberg", "--format", "md").stdout
    assert "**Stoltenberg**" in md


def test_no_match_says_so(seeded, cli):
    assert hits(cli, seeded, "zzzxqy") == []
    assert "No article matches." in cli("--database-url", seeded, "search", "zzzxqy").stdout


def test_window_ranks_only_the_most_recent_matches(seeded, cli):
    every = hits(cli, seeded, "OTAN", "--window", "0", "--limit", "100")
    newest = max(every, key=lambda h: (h["published_on"] or "", h["article_id"]))
    assert len(every) > 3
    # a window of one: the most recent match only, whatever its rank
    assert [h["article_id"] for h in hits(cli, seeded, "OTAN", "--window", "1")] == [newest["article_id"]]
    # a window as large as the matches: the same ranking as ranking them all
    assert hits(cli, seeded, "OTAN", "--window", str(len(every)), "--limit", "100") == every
