"""Tests of veille.importer.dates: date mentions in French/English text and their resolution."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veille.importer import dates
from veille.importer.dates import DateMention, find_dates, parse_date_string, resolve, upper_bound


def fields(text: str) -> list[tuple]:
    """(text, year, month, day, weekday, lang, consistent) of each mention."""
    return [(m.text, m.year, m.month, m.day, m.weekday, m.lang, m.consistent) for m in find_dates(text)]


def only(text: str) -> DateMention:
    mentions = find_dates(text)
    assert len(mentions) == 1, mentions
    return mentions[0]


# ---------------------------------------------------------------------------------------------
# The grammar, form by form

FR, EN = "fr", "en"

FORMS = [
    # numeric, day first
    ("Publié le 17 - 02 - 2021", [("17 - 02 - 2021", 2021, 2, 17, None, FR, True)]),
    ("Carnet 11.11.2020. Défense", [("11.11.2020", 2020, 11, 11, None, FR, True)]),
    ("Carnet (26.06.2020). Confidentiels", [("26.06.2020", 2020, 6, 26, None, FR, True)]),
    ("le 17/02/2021 à Paris", [("17/02/2021", 2021, 2, 17, None, FR, True)]),
    ("mis à jour 2021-02-17T10:00:00Z", [("2021-02-17", 2021, 2, 17, None, FR, True)]),
    # French
    ("à Donetsk, le 7 janvier 2022.", [("7 janvier 2022", 2022, 1, 7, None, FR, True)]),
    ("les troupes partiront le 1er mai", [("1er mai", None, 5, 1, None, FR, True)]),
    ("À quelques jours du 1er juillet, date", [("1er juillet", None, 7, 1, None, FR, True)]),
    ("réunis mardi 23 mars 2021 à Bruxelles", [("mardi 23 mars 2021", 2021, 3, 23, 1, FR, True)]),
    ("à Bruxelles, le mardi 23 mars 2021", [("mardi 23 mars 2021", 2021, 3, 23, 1, FR, True)]),
    ("pourparlers de lundi 10 janvier", [("lundi 10 janvier", None, 1, 10, 0, FR, True)]),
    ("Mark Esper a tenté jeudi (27 juin) de", [("jeudi (27 juin)", None, 6, 27, 3, FR, True)]),
    ("Réunis à Bruxelles, jeudi et vendredi (24 et 25 octobre), les ministres",
     [("jeudi et vendredi (24", None, 10, 24, 3, FR, True), ("25 octobre)", None, 10, 25, 4, FR, True)]),
    ("la réunion des 12 et 13 février", [("12", None, 2, 12, None, FR, True),
                                          ("13 février", None, 2, 13, None, FR, True)]),
    ("est prévue les 23 et 24 mars", [("23", None, 3, 23, None, FR, True), ("24 mars", None, 3, 24, None, FR, True)]),
    ("qu’il quitterait le 30 septembre", [("30 septembre", None, 9, 30, None, FR, True)]),
    ("la guerre en février 2022", [("février 2022", 2022, 2, None, None, FR, True)]),
    ("Février 2022 : l'invasion", [("Février 2022", 2022, 2, None, None, FR, True)]),
    ("la prise de pouvoir en août 2021", [("août 2021", 2021, 8, None, None, FR, True)]),
    ("à la mi-juillet, le sommet", [("mi-juillet", None, 7, None, None, FR, True)]),
    ("au sommet en juillet", [("juillet", None, 7, None, None, FR, True)]),
    ("Mars et Jupiter, en mai", [("mai", None, 5, None, None, FR, True)]),
    ("Le 14 août 2023 à 11h54", [("14 août 2023", 2023, 8, 14, None, FR, True)]),
    ("ce dimanche 16 novembre 2025", [("dimanche 16 novembre 2025", 2025, 11, 16, 6, FR, True)]),
    ("du lundi 3 au vendredi 7 mars 2025", [("lundi 3", 2025, 3, 3, 0, FR, True),
                                             ("vendredi 7 mars 2025", 2025, 3, 7, 4, FR, True)]),
    # abbreviations, missing accents, typographic spaces and apostrophes
    ("le 3 janv. 2022", [("3 janv. 2022", 2022, 1, 3, None, FR, True)]),
    ("le 4 févr. 2021", [("4 févr. 2021", 2021, 2, 4, None, FR, True)]),
    ("le 5 fév. 2020", [("5 fév. 2020", 2020, 2, 5, None, FR, True)]),
    ("le 6 avr. 2020", [("6 avr. 2020", 2020, 4, 6, None, FR, True)]),
    ("le 6 juil. 2020", [("6 juil. 2020", 2020, 7, 6, None, FR, True)]),
    ("le 7 sept. 2020", [("7 sept. 2020", 2020, 9, 7, None, FR, True)]),
    ("le 8 oct. 2020", [("8 oct. 2020", 2020, 10, 8, None, FR, True)]),
    ("le 9 nov. 2020", [("9 nov. 2020", 2020, 11, 9, None, FR, True)]),
    ("le 10 déc. 2020", [("10 déc. 2020", 2020, 12, 10, None, FR, True)]),
    ("le 2 fevrier 2020", [("2 fevrier 2020", 2020, 2, 2, None, FR, True)]),
    ("le 15 aout 2020", [("15 aout 2020", 2020, 8, 15, None, FR, True)]),
    ("le 24 decembre 2020", [("24 decembre 2020", 2020, 12, 24, None, FR, True)]),
    ("le 24 DÉCEMBRE 2020", [("24 DÉCEMBRE 2020", 2020, 12, 24, None, FR, True)]),
    ("le\u00a07\u202fjanvier\u00a02022", [("7\u202fjanvier\u00a02022", 2022, 1, 7, None, FR, True)]),
    ("jusqu’en 2023", [("2023", 2023, None, None, None, FR, True)]),
    ("d’ici 2030", [("2030", 2030, None, None, None, FR, True)]),
    # English
    ("in Stockholm, Sweden, Thursday, Dec. 2, 2021.", [("Thursday, Dec. 2, 2021", 2021, 12, 2, 3, EN, True)]),
    ("signed on December 2, 2021 in", [("December 2, 2021", 2021, 12, 2, None, EN, True)]),
    ("Dec 2, 2021", [("Dec 2, 2021", 2021, 12, 2, None, EN, True)]),
    ("on 2 December 2021,", [("2 December 2021", 2021, 12, 2, None, EN, True)]),
    ("talks on Monday, March 3", [("Monday, March 3", None, 3, 3, 0, EN, True)]),
    ("since March 2024", [("March 2024", 2024, 3, None, None, EN, True)]),
    ("a meeting in Liverpool in December", [("December", None, 12, None, None, EN, True)]),
    ("due Sept. 3", [("Sept. 3", None, 9, 3, None, EN, True)]),
    ("on the 3rd of March", [("3rd of March", None, 3, 3, None, EN, True)]),
    ("on 2nd April", [("2nd April", None, 4, 2, None, EN, True)]),
    ("by March 21st, 2021", [("March 21st, 2021", 2021, 3, 21, None, EN, True)]),
    ("Thu, 02 Dec 2021 10:00:00 +0000", [("Thu, 02 Dec 2021", 2021, 12, 2, 3, EN, True)]),
    ("in May 2021", [("May 2021", 2021, 5, None, None, EN, True)]),
    # bare years: after a preposition or as a period
    ("un dialogue rompu depuis 2022", [("2022", 2022, None, None, None, FR, True)]),
    ("la Russie en 2022", [("2022", 2022, None, None, None, FR, True)]),
    ("Kabul fell in 2021", [("2021", 2021, None, None, None, EN, True)]),
    ("unchanged since 2019", [("2019", 2019, None, None, None, EN, True)]),
    ("des prêts pour 2026 et 2027", [("2026", 2026, None, None, None, FR, True),
                                      ("2027", 2027, None, None, None, FR, True)]),
    ("Donald Trump (2017-2021)", [("2017", 2017, None, None, None, FR, True),
                                   ("2021", 2021, None, None, None, FR, True)]),
    ("de 2017 à 2021", [("2017", 2017, None, None, None, FR, True), ("2021", 2021, None, None, None, FR, True)]),
    ("à partir de 2022", [("2022", 2022, None, None, None, FR, True)]),
    ("à la mi-2021", [("2021", 2021, None, None, None, FR, True)]),
    # a weekday contradicting its full date: 23 January 2021 was a Saturday
    ("le mardi 23 janvier 2021", [("mardi 23 janvier 2021", 2021, 1, 23, 1, FR, False)]),
    # byline shapes of saved pages: a two-digit year after slashes, an abbreviated month without a
    # dot, a year a text browser glued to the time after it
    ("Publié le 21/03/22 à 15h42", [("21/03/22", 2022, 3, 21, None, FR, True)]),
    ("18 déc 2019", [("18 déc 2019", 2019, 12, 18, None, FR, True)]),
    ("March 30, 20225:10 AM ET", [("March 30, 2022", 2022, 3, 30, None, EN, True)]),
]


@pytest.mark.parametrize(("text", "expected"), FORMS, ids=[t for t, _ in FORMS])
def test_forms(text: str, expected: list[tuple]) -> None:
    assert fields(text) == expected


NOT_DATES = [
    "un prix de 7,95 € ou 7,95 MMDH",
    "2.500 Américains et 9.600 soldats",
    "1000 soldats, 2000 euros, pour 2000 dollars, en 2000 %",
    "entre 2000 et 3000 soldats",
    "Python 3.11.7, version 10.0.19041, v1.2.2020",
    "appelez le 01 42 17 02 20 ou le 06.12.34.56.78 ou le +33 6 12 34 56 78",
    "le 31.02.2020 n'existe pas, ni le 30/02/2021, ni le 2021-02-30, ni le 32 mars",
    "mercredi, Friday, lundi et mardi",
    "le budget 2022 et le plan 2030",  # a year needs a preposition or a period
    "sept soldats, sept 2021 fois",  # "sept" is seven; the abbreviation takes a dot
    "you may 5 times, mars 12 personnes",  # lower-case "may"; month-first order is English
    "Mars et Jupiter",  # a month name alone is no date
    "de 2022",  # "de" needs a range
    "2021-2017",  # no period runs backwards
    "à 11h54 le 3h",
    "les 123 mars, 1,5 juin, 1.5 juillet, 2/3 août, B52 septembre",  # no day glued to a number
    "en 20225 cas, 1/2/345 et 12/13/22",  # five digits are no year; no thirteenth month
    "un score de 1,2 pour 2021,5 points, en 2020.5",  # decimals are no years
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text: str) -> None:
    assert fields(text) == []


def test_offsets_and_slicing() -> None:
    text = "Le Kremlin a confirmé lundi 19 janvier, puis en février 2022 et depuis 2022."
    mentions = find_dates(text, offset=1000)
    assert [m.text for m in mentions] == ["lundi 19 janvier", "février 2022", "2022"]
    for m in mentions:
        assert text[m.start - 1000:m.end - 1000] == m.text


def test_precision() -> None:
    assert only("le 7 janvier 2022").precision == "day"
    assert only("le 30 septembre").precision == "day"
    assert only("en février 2022").precision == "month"
    assert only("mi-juillet").precision == "month"
    assert only("depuis 2022").precision == "year"
    assert DateMention(0, 1, "x", None, None, None, None, FR).precision is None


def test_numbers_take_the_language_of_the_text() -> None:
    text = "On Thursday, Dec. 2, 2021, in Stockholm; the report is dated 17/02/2021."
    assert [m.lang for m in find_dates(text)] == [EN, EN]
    text = "Le 7 janvier 2022 à Donetsk; rapport du 17/02/2021."
    assert [m.lang for m in find_dates(text)] == [FR, FR]


def test_capitalised_only_words() -> None:
    assert fields("on Sun, 3 March 2024") == [("Sun, 3 March 2024", 2024, 3, 3, 6, EN, True)]
    assert fields("the sun, 3 March 2024") == [("3 March 2024", 2024, 3, 3, None, EN, True)]


# ---------------------------------------------------------------------------------------------
# resolve


def test_resolve_dated_mentions() -> None:
    day = resolve(only("le 7 janvier 2022"), None)
    assert day == dates.ResolvedDate(dt.date(2022, 1, 7), "day", "7 janvier 2022", 3, 17, inferred_year=False)
    month = resolve(only("en février 2022"), dt.date(2000, 1, 1))  # the anchor plays no part
    assert (month.value, month.precision, month.inferred_year) == (dt.date(2022, 2, 1), "month", False)
    year = resolve(only("depuis 2022"), None)
    assert (year.value, year.precision, year.evidence) == (dt.date(2022, 1, 1), "year", "2022")
    assert resolve(only("le mardi 23 janvier 2021"), dt.date(2021, 12, 31)) is None  # inconsistent


@pytest.mark.parametrize(("text", "anchor", "expected"), [
    ("lundi 19 janvier", dt.date(2027, 12, 31), dt.date(2026, 1, 19)),
    ("lundi 10 janvier", dt.date(2022, 1, 7), dt.date(2011, 1, 10)),  # 2022-01-10 is after the anchor
    ("lundi 10 janvier", dt.date(2022, 1, 10), dt.date(2022, 1, 10)),  # the anchor itself is allowed
    ("jeudi (27 juin)", dt.date(2020, 11, 11), dt.date(2019, 6, 27)),
    ("jeudi 24 octobre", dt.date(2020, 11, 11), dt.date(2019, 10, 24)),
    ("lundi 29 février", dt.date(2024, 12, 31), dt.date(2016, 2, 29)),
    ("jeudi 29 février", dt.date(2024, 12, 31), dt.date(2024, 2, 29)),
    ("dimanche 29 février", dt.date(2004, 2, 28), dt.date(1976, 2, 29)),  # exactly 28 years back
    ("on Monday, March 3", dt.date(2025, 6, 1), dt.date(2025, 3, 3)),
])
def test_resolve_weekday_rule(text: str, anchor: dt.date, expected: dt.date) -> None:
    r = resolve(only(text), anchor)
    assert r is not None
    assert (r.value, r.precision, r.inferred_year, r.evidence) == (expected, "day", True, text.removeprefix("on "))


def test_resolve_weekday_rule_gives_up() -> None:
    assert resolve(only("lundi 10 janvier"), None) is None  # no anchor
    # Wednesday 29 February: 1888 is 37 years before 1925, beyond the 28-year search
    assert resolve(only("mercredi 29 février"), dt.date(1925, 12, 31)) is None
    assert resolve(only("mercredi 29 février"), dt.date(1916, 12, 31)).value == dt.date(1888, 2, 29)  # 28 back


def test_resolve_never_invents_a_year() -> None:
    anchor = dt.date(2024, 6, 1)
    for text in ("le 30 septembre", "les 12 et 13 février", "in December", "mi-juillet"):
        mentions = find_dates(text)
        assert mentions and all(resolve(m, anchor) is None for m in mentions), text


# ---------------------------------------------------------------------------------------------
# upper_bound


def test_upper_bound() -> None:
    assert upper_bound([]) is None
    assert upper_bound(find_dates("le 30 septembre, lundi 10 janvier")) is None  # no year
    assert upper_bound(find_dates("le 7 janvier 2022")) == dt.date(2022, 1, 7)
    assert upper_bound(find_dates("en février 2024")) == dt.date(2024, 2, 29)
    assert upper_bound(find_dates("en février 2023")) == dt.date(2023, 2, 28)
    assert upper_bound(find_dates("depuis 2022, le 7 janvier 2022")) == dt.date(2022, 12, 31)
    # the inconsistent mention (2025) is ignored
    assert upper_bound(find_dates("le 3 mars 2021 et le mardi 23 janvier 2025")) == dt.date(2021, 3, 3)


# ---------------------------------------------------------------------------------------------
# parse_date_string


@pytest.mark.parametrize(("s", "value", "precision"), [
    ("Publié le 14 août 2023 à 11h54, mis à jour le 15 août 2023", dt.date(2023, 8, 14), "day"),
    ("Thu, 02 Dec 2021 10:00:00 +0000", dt.date(2021, 12, 2), "day"),
    ("2023-08-14T23:54:00.000Z", dt.date(2023, 8, 14), "day"),
    ("2021-02-17 10:00", dt.date(2021, 2, 17), "day"),
    ("14.08.2023 11:54", dt.date(2023, 8, 14), "day"),
    ("Aug 14th, 2023 at 11:54 am", dt.date(2023, 8, 14), "day"),
    ("février 2022", dt.date(2022, 2, 1), "month"),
    ("  2021 ", dt.date(2021, 1, 1), "year"),  # ISO 8601 reduced precision
    ("2021-02", dt.date(2021, 2, 1), "month"),
    ("le 14/08/23", dt.date(2023, 8, 14), "day"),  # two-digit year: dateparser's part
    ("en 2022, puis le 3 mars 2023", dt.date(2023, 3, 3), "day"),  # the most precise first
])
def test_parse_date_string(s: str, value: dt.date, precision: str) -> None:
    r = parse_date_string(s)
    assert r is not None
    assert (r.value, r.precision, r.inferred_year) == (value, precision, False)
    assert s[r.start:r.end] == r.evidence


@pytest.mark.parametrize("s", ["", "   ", "14 août", "Monday 14 August", "samedi", "hier", "il y a 3 jours",
                               "yesterday", "1613520000", "n/a", "lundi 10 janvier"])
def test_parse_date_string_needs_a_year(s: str) -> None:
    assert parse_date_string(s) is None


def test_parse_date_string_languages() -> None:
    assert parse_date_string("3 mars 2021", languages=("en",)) is None
    assert parse_date_string("March 3, 2021", languages=("en",)).value == dt.date(2021, 3, 3)
    assert parse_date_string("2021-03-03", languages=("en",)).value == dt.date(2021, 3, 3)


# ---------------------------------------------------------------------------------------------
# Properties

FRAGMENTS = [
    "le", "les", "en", "in", "since", "depuis", "pour", "de", "et", "and", "au", "mi-", "mid-", "(", ")", ",",
    ".", "-", "/", "1er", "3rd", "29", "31", "30", "7", "02", "12", "2021", "2024", "1900", "2100", "1899",
    "lundi", "mardi", "jeudi", "Thursday", "Mon", "Sun", "janvier", "février", "fevrier", "fév.", "mars",
    "March", "May", "may", "Sept.", "sept", "Dec.", "déc.", "août", "\u00a0", "\u202f", " ", "’", "İ",
]
# date-shaped phrases, valid or not ("31 février 2021", "lundi 29 février", "30.02.2020")
phrases = st.one_of(
    st.builds("{}{}{} {}{}{}".format,
              st.sampled_from(["", "lundi ", "mardi ", "Thursday, ", "jeudi et vendredi (", "le "]),
              st.integers(0, 35), st.sampled_from(["", "er", "rd", " et 30", " au 31"]),
              st.sampled_from(["janvier", "février", "fév.", "avril", "juin", "Sept.", "December", "mai"]),
              st.sampled_from(["", " ", ", "]), st.sampled_from(["", "2021", "2024", "1899", "2100", "2023)"])),
    st.builds("{} {}{}{}".format, st.sampled_from(["Monday,", "", "on"]),
              st.sampled_from(["March", "Feb.", "Dec", "Sept", "May"]), st.sampled_from([" ", ""]),
              st.integers(0, 40)),
    st.builds("{}{}{}{}{}".format, st.integers(0, 40), st.sampled_from([".", "/", " - ", "-"]),
              st.integers(0, 14), st.sampled_from([".", "/", " - ", "-"]), st.integers(1890, 2110)),
)
date_like_text = st.lists(st.one_of(phrases, st.sampled_from(FRAGMENTS), st.text(max_size=3),
                                    st.integers(0, 3000).map(str)), max_size=30).map(" ".join)
any_text = st.one_of(st.text(), date_like_text,
                     st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join))


def check_mentions(text: str, offset: int = 0) -> list[DateMention]:
    mentions = find_dates(text, offset)
    for m in mentions:
        assert 0 <= m.start - offset < m.end - offset <= len(text)
        assert text[m.start - offset:m.end - offset] == m.text
        assert m.lang in (FR, EN)
        assert m.precision is not None
        if m.year is not None:
            assert 1900 <= m.year <= 2100
        if m.day is not None:
            assert m.month is not None
        if m.day is not None and m.year is not None:
            dt.date(m.year, m.month, m.day)  # a valid calendar date
        elif m.day is not None:
            dt.date(2000, m.month, m.day)  # valid in a leap year
    for a, b in itertools.pairwise(mentions):
        assert a.end <= b.start  # sorted and non-overlapping
    return mentions


@settings(max_examples=400, deadline=None)
@given(any_text, st.integers(0, 10**6))
def test_find_dates_properties(text: str, offset: int) -> None:
    check_mentions(text, offset)


@settings(max_examples=300, deadline=None)
@given(st.dates(dt.date(1800, 1, 1), dt.date(2100, 12, 31)), st.integers(1, 12), st.integers(1, 31),
       st.integers(0, 6))
def test_resolve_never_after_the_anchor(anchor: dt.date, month: int, day: int, weekday: int) -> None:
    if day > [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]:
        return
    m = DateMention(0, 5, "x", None, month, day, weekday, FR)
    r = resolve(m, anchor)
    if r is None:  # then no year within 28 years back fits
        for year in range(anchor.year - 28, anchor.year + 1):
            try:
                d = dt.date(year, month, day)
            except ValueError:
                continue
            assert not (d <= anchor and d.weekday() == weekday)
        return
    assert r.value <= anchor
    assert (r.value.month, r.value.day, r.value.weekday()) == (month, day, weekday)
    assert r.inferred_year and r.precision == "day"
    assert anchor.year - r.value.year <= 28
    # and it is the latest such year
    for year in range(r.value.year + 1, anchor.year + 1):
        try:
            d = dt.date(year, month, day)
        except ValueError:
            continue
        assert not (d <= anchor and d.weekday() == weekday)


@settings(max_examples=200, deadline=None)
@given(st.dates(dt.date(1950, 1, 1), dt.date(2090, 12, 31)), st.dates(dt.date(1950, 1, 1), dt.date(2090, 12, 31)))
def test_weekday_phrases_round_trip(date: dt.date, anchor: dt.date) -> None:
    fr_days = "lundi mardi mercredi jeudi vendredi samedi dimanche".split()
    fr_months = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
    text = f"Le Kremlin a confirmé {fr_days[date.weekday()]} {date.day} {fr_months[date.month - 1]} que"
    m = only(text)
    assert (m.day, m.month, m.weekday, m.year) == (date.day, date.month, date.weekday(), None)
    r = resolve(m, anchor)
    if date <= anchor and anchor.year - date.year <= 28:
        assert r is not None and date <= r.value <= anchor
    full = only(f"{fr_days[date.weekday()]} {date.day} {fr_months[date.month - 1]} {date.year}")
    assert full.consistent and resolve(full, None).value == date
    wrong = only(f"{fr_days[(date.weekday() + 1) % 7]} {date.day} {fr_months[date.month - 1]} {date.year}")
    assert not wrong.consistent and resolve(wrong, None) is None


@settings(max_examples=50, deadline=None)
@given(st.one_of(st.text(max_size=30), date_like_text))
def test_parse_date_string_never_raises(s: str) -> None:
    r = parse_date_string(s)
    if r is not None:
        assert 1900 <= r.value.year <= 2100
        assert s[r.start:r.end] == r.evidence


# ---------------------------------------------------------------------------------------------
# Robustness


@pytest.mark.parametrize("text", [
    "a" * 2_000_000,
    "".join(chr(0x61 + (i * 7919) % 26) + "0123456789.,-/()"[(i * 31) % 16] for i in range(1_000_000)),
    ("12.3.4.2020.5." * 80_000)[:1_000_000],
    "".join("0123456789."[(i * 7) % 11] for i in range(1_000_000)),
], ids=["2MB letters", "2MB no spaces", "1MB digits dots", "1MB digits dots 2"])
def test_no_catastrophic_backtracking(text: str) -> None:
    t0 = time.perf_counter()
    find_dates(text)
    assert time.perf_counter() - t0 < 5


def test_long_date_rich_text_is_linear() -> None:
    unit = "Le Kremlin a confirmé lundi 19 janvier, en février 2022 et depuis 2022 (2017-2021). "
    small, big = unit * 200, unit * 2000
    t0 = time.perf_counter()
    assert len(find_dates(small)) == 5 * 200
    t_small = time.perf_counter() - t0
    t0 = time.perf_counter()
    assert len(find_dates(big)) == 5 * 2000
    assert time.perf_counter() - t0 < 5 and time.perf_counter() - t0 < 40 * max(t_small, 1e-3)


def test_lookback_reaches_cover_the_patterns() -> None:
    # find_dates extends each hit backwards with these patterns, searching `reach` characters
    # back: the widest possible match must fit, or a long phrase would be cut.
    for pattern, reach in (dates._LEAD, dates._LAST_WD, dates._MONTH_PREP, dates._YEAR_PREP):
        widest = re._parser.parse(pattern.pattern).getwidth()[1]  # private, but the only way
        assert widest <= reach, pattern.pattern


@pytest.mark.parametrize(("text", "day"), [
    ("Published On 27 Dec 202527 Dec 2025", (2025, 12, 27)),      # one date printed twice, glued
    ("Publié le 6 février 20256 février 2025 à 08h15", (2025, 2, 6)),
])
def test_a_date_glued_to_its_copy_keeps_its_year(text, day):
    m = find_dates(text)[0]
    assert (m.year, m.month, m.day) == day


def test_a_year_glued_to_another_number_is_no_year():
    assert [(m.day, m.month, m.year) for m in find_dates("le 3 mars 20243 personnes")] == [(3, 3, None)]
