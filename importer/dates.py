"""Dates in French and English text: find the mentions, resolve them without guessing.

Two rules drive this module:

* A mention is only what the text says. "le 30 septembre" is kept as evidence (day and
  month) but never gets a year invented for it.
* The one inference allowed is the weekday rule: "lundi 10 janvier" names a weekday, so
  its year is the latest one, not after an anchor date chosen by the caller, in which
  10 January fell on a Monday.

Every pattern runs on a lower-cased copy of the text (same length, so offsets are
shared): that is several times faster than re.IGNORECASE. The few words that are only
dates when capitalised ("May", "Sept", "Sun", "Mon") are checked in the original text.
Repetitions are bounded, so the scan stays linear on any input (see "Patterns" below).

Mention texts: prepositions ("le", "en", "since") are context, not part of the text; a
weekday, the "mi-"/"mid-" of a month and a closing parenthesis opened inside the mention
are. A bare year is its four digits ("en 2022" -> "2022", "mi-2021" -> "2021"). When one
phrase gives several dates ("les 12 et 13 février", "jeudi et vendredi (24 et 25
octobre)"), each mention runs from its day number, the first one back to the start of the
phrase and the last one on to its end: "12" / "13 février"; "jeudi et vendredi (24" /
"25 octobre)".
"""

from __future__ import annotations

import calendar
import datetime as dt
import email.utils
import re
from collections.abc import Iterable
from dataclasses import dataclass

from veille.importer.text import read_table, strip_accents

__all__ = ["DateMention", "ResolvedDate", "find_dates", "parse_date_string", "resolve", "upper_bound"]


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int  # offset in the text given to find_dates, plus `offset`
    end: int
    text: str  # the exact matched text
    year: int | None
    month: int | None
    day: int | None
    weekday: int | None  # 0=Monday..6=Sunday when the text names a weekday tied to this date
    lang: str  # 'fr' or 'en'
    consistent: bool = True  # False when a named weekday contradicts a full date

    @property
    def precision(self) -> str | None:
        if self.day is not None and self.month is not None:
            return "day"
        if self.month is not None:
            return "month"
        if self.year is not None:
            return "year"
        return None


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    value: dt.date  # month precision: the 1st of the month; year precision: January 1st
    precision: str  # 'day' | 'month' | 'year'
    evidence: str  # the mention text it came from
    start: int
    end: int
    inferred_year: bool  # True when the year came from the weekday rule


# ---------------------------------------------------------------------------------------------
# Vocabulary. Forms with a capital letter only count when capitalised in the text; forms
# without a final dot must end on a word boundary.

_MONTH_FORMS = {
    "fr": {1: "janvier janv. janv", 2: "février févr. fév. févr fév", 3: "mars", 4: "avril avr. avr", 5: "mai",
           6: "juin", 7: "juillet juil. juil", 8: "août", 9: "septembre sept.", 10: "octobre oct. oct",
           11: "novembre nov. nov", 12: "décembre déc. déc"},
    "en": {1: "january jan. jan", 2: "february feb. feb", 3: "march mar. mar", 4: "april apr. apr",
           5: "May", 6: "june jun. jun", 7: "july jul. jul", 8: "august aug. aug",
           9: "september sept. sep. Sept Sep", 10: "october oct. oct", 11: "november nov. nov",
           12: "december dec. dec"},
}
_WEEKDAY_FORMS: dict[str, dict[int, str]] = {}
for _number, _lang, _forms in read_table("weekdays.tsv", 3):
    _WEEKDAY_FORMS.setdefault(_lang, {})[int(_number)] = _forms
# Words after which a month name alone ("en février", "in December") is a mention.
_MONTH_PREPS = {
    "fr": "en début debut fin courant depuis dès d'ici",
    "en": "in since until early late by during",
}
# Words after which a bare year is a mention. "de" needs a range ("de 2017 à 2021").
_YEAR_PREPS = {
    "fr": _MONTH_PREPS["fr"] + " pour avant après apres entre vers jusqu'à à_partir_de l'an"
                               " l'année l'annee année annee de",
    "en": _MONTH_PREPS["en"] + " for before after from between till year",
}
_ACCENT_TOLERANT = {"é": "[ée]", "û": "[ûu]"}
_APOSTROPHE = "['’ʼ]"


class _Words:
    """Surface forms of months or weekdays: the regex alternation and the lookup back."""

    def __init__(self, table: dict[str, dict[int, str]]):
        self.exact: dict[str, tuple[int, set[str]]] = {}  # "déc" -> (12, {"fr"})
        self.loose: dict[str, tuple[int, set[str]]] = {}  # accentless: "dec" -> (12, {"fr", "en"})
        forms: set[str] = set()
        capitalised: set[str] = set()
        for lang, by_value in table.items():
            for value, surfaces in by_value.items():
                for surface in surfaces.split():
                    low = surface.lower()
                    (capitalised if surface != low else forms).add(low)
                    for index, key in ((self.exact, low.rstrip(".")),
                                       (self.loose, strip_accents(low.rstrip(".")))):
                        known, langs = index.setdefault(key, (value, set()))
                        assert known == value, surface
                        langs.add(lang)
        self.case_sensitive = capitalised - forms
        forms |= capitalised

        def rx(form: str) -> str:
            body = "".join(_ACCENT_TOLERANT.get(c, re.escape(c)) for c in form)
            return body if form.endswith(".") else body + r"\b"

        # (the lookahead on first letters makes failing at most positions cheap)
        firsts = "".join(sorted({f[0] for f in forms}))
        self.pattern = (rf"\b(?=[{firsts}])(?:"
                        + "|".join(rx(f) for f in sorted(forms, key=len, reverse=True)) + ")")

    def lookup(self, text: str, low: str, start: int, end: int) -> tuple[int, str | None] | None:
        """(value, lang) of the word at text[start:end]; lang None when both languages use it."""
        surface = low[start:end]
        if surface in self.case_sensitive and not text[start].isupper():
            return None
        key = surface.rstrip(".")
        value, langs = self.exact.get(key) or self.loose[strip_accents(key)]
        return value, (next(iter(langs)) if len(langs) == 1 else None)


_MONTHS = _Words(_MONTH_FORMS)
_MONTHS_EN = _Words({"en": _MONTH_FORMS["en"]})  # month-first order ("March 3") is English
_WEEKDAYS = _Words(_WEEKDAY_FORMS)


def _prep_index(table: dict[str, str]) -> tuple[str, dict[str, str]]:
    langs = {form.replace("_", " "): lang for lang, forms in table.items() for form in forms.split()}
    alternation = "|".join(re.escape(f).replace(r"\ ", r"\s{1,9}").replace("'", _APOSTROPHE)
                           for f in sorted(langs, key=len, reverse=True))
    return alternation, langs


_MONTH_PREP_RX, _MONTH_PREP_LANG = _prep_index(_MONTH_PREPS)
_YEAR_PREP_RX, _YEAR_PREP_LANG = _prep_index(_YEAR_PREPS)


_MONTH_PREP_LANG.update(mi="fr", mid="en")  # "mi-juillet", "mid-2020": matched apart
_YEAR_PREP_LANG.update(mi="fr", mid="en")


def _prep_lang(table: dict[str, str], prep: str | None) -> str | None:
    if not prep:
        return None
    return table.get(" ".join(prep.replace("’", "'").replace("ʼ", "'").replace("-", " ").split()))


# ---------------------------------------------------------------------------------------------
# Patterns, applied to the lower-cased text. Digits are [0-9] (\d would accept other scripts);
# \s includes the non-breaking spaces U+00A0 and U+202F. Spaces and lists are bounded, so no
# input makes a pattern backtrack far.
#
# Every date holds a digit or a month name, and patterns that start on a digit are cheap to
# try at every position of a text while patterns that start on a word are not. So the text is
# scanned for day numbers, years and month names only; each hit is then extended backwards
# with a pattern that must end where the hit starts (weekdays: "mardi 23 mars", "Thursday,
# Dec. 2"; prepositions: "en 2022", "in December") and forwards with anchored patterns.

_S0 = r"\s{0,9}"
_S = r"\s{1,9}"
_COMMA = rf"{_S0},{_S0}"
_YEAR_RAW = r"(?:19[0-9]{2}|20[0-9]{2}|2100)"
# A year: four digits not glued to letters, digits or a decimal/thousands mark ("2.500",
# "12021"), and not an amount ("2000 euros").
_YEAR = (rf"{_YEAR_RAW}(?<![\w.,][0-9]{{4}})"
         rf"(?![0-9](?![0-9]?:[0-9]{{2}}\b|[0-9]?{_S}(?:{_MONTHS.pattern})\b)|[.,/][0-9]"
         rf"|{_S0}(?:%|€|\$|euros?\b|dollars?\b))")
# (a year glued to the time after it, as text-browser dumps print "March 30, 20225:10 AM", or to the
# same date printed twice, "27 Dec 202527 Dec 2025", is a year)
# A day number: 1-2 digits, optional ordinal ("1er", "3rd"), not part of a longer number,
# a price ("7,95"), a time ("11h54", "10:30") or a version.
_DAY = r"[0-9](?<![\w.,/][0-9])[0-9]?(?:er|ᵉʳ|st|nd|rd|th)?(?!\w|[.,:][0-9])"
_WD = _WEEKDAYS.pattern
_WD_LIST = rf"{_WD}(?:(?:{_COMMA}{_WD}){{0,5}}+(?:{_S0},)?{_S}(?:et|and|&){_S}{_WD})?"  # "jeudi et vendredi"
_AFTER_WD = rf"(?:{_COMMA}|{_S})(?:the{_S})?"
_DAY_ITEM = rf"(?:{_WD}{_AFTER_WD})?{_DAY}"  # later days of a list may name their weekday
_DAY_LIST = (rf"{_DAY}(?:(?:{_COMMA}{_DAY_ITEM}){{0,5}}+(?:{_S0},)?{_S}(?:et|and|au|to|&){_S}{_DAY_ITEM}"
             rf"|{_S0}[-–]{_S0}{_DAY_ITEM})?")
_TAIL_YEAR = rf"(?:(?:{_COMMA}|{_S})(?P<year>{_YEAR}))?"
_YEAR_SEP = rf"(?:{_S0}[-–/,]{_S0}|{_S}(?:et|and|ou|or|à|au|to){_S})"

# Scans of the whole text.
_DAY_MONTH = re.compile(rf"(?P<days>{_DAY_LIST}){_S}(?:of{_S})?(?P<mon>{_MONTHS.pattern}){_TAIL_YEAR}")
_MONTH_WORD = re.compile(_MONTHS.pattern)
# "2022", "2026 et 2027", "2017-2021"; refused when the list goes on with a number that is
# no year ("entre 2000 et 3000 soldats").
_YEAR_LIST = re.compile(rf"(?P<years>{_YEAR}(?:{_YEAR_SEP}{_YEAR}){{0,5}}+)"
                        rf"(?!{_S0}[-–/]{_S0}[0-9]|{_S}(?:et|and|ou|or|à|au|to){_S}[0-9])")
_ISO = re.compile(rf"(?P<y>{_YEAR_RAW})(?<![\w.,/-][0-9]{{4}})(?P<sep>[-/])(?P<m>[0-9]{{2}})(?P=sep)"
                  r"(?P<d>[0-9]{2})(?![0-9]|[-.,/][0-9])")
# Day first (French usage): "17/02/2021", "11.11.2020", "17 - 02 - 2021"; same separator twice.
_NUMERIC = re.compile(r"(?P<d>[0-9](?<![\w.,/-][0-9])[0-9]?)(?P<sep>\.|\s{0,2}[-/]\s{0,2})(?P<m>[0-9]{1,2})"
                      rf"(?P=sep)(?P<y>{_YEAR_RAW})(?![0-9]|[-.,/][0-9])")
# Day first with a two-digit year, slashes only ("Publié le 21/03/22 à 15h42"): a byline shape.
_NUMERIC_YY = re.compile(r"(?P<d>[0-9](?<![\w.,/-][0-9])[0-9]?)/(?P<m>[0-9]{1,2})/(?P<y>[0-9]{2})(?![0-9]|[-.,/:][0-9])")
# Anchored at a month name: "March 3, 2021" (English order), "février 2022".
_MONTH_DAY = re.compile(rf"(?P<mon>{_MONTHS_EN.pattern}){_S0}(?P<days>{_DAY_LIST}){_TAIL_YEAR}")
_MONTH_YEAR = re.compile(rf"(?P<mon>{_MONTHS.pattern})(?:{_S}(?P<year>{_YEAR}))?")
# Ending where a hit starts, with how far back they can start (a test checks these widths).
_LEAD = re.compile(rf"(?P<wds>{_WD_LIST}){_AFTER_WD}(?P<open>\({_S0})?\Z"), 250  # "jeudi (" 27 juin)
_LAST_WD = re.compile(rf"{_WD}{_AFTER_WD}(?:\({_S0})?\Z"), 60  # quick test before _LEAD
_MONTH_PREP = re.compile(rf"\b(?:(?P<prep>{_MONTH_PREP_RX}){_S}|(?P<mi>mid?-|mid{_S}))\Z"), 30
_YEAR_PREP = re.compile(rf"\b(?P<prep>(?:{_YEAR_PREP_RX}){_S}|mid?-)\Z"), 50
_CLOSE = re.compile(rf"{_S0}\)")
_TOKEN = re.compile(rf"(?P<wd>{_WD})|(?P<d>[0-9]{{1,2}})(?:er|ᵉʳ|st|nd|rd|th)?")
_FOUR_DIGITS = re.compile(r"[0-9]{4}")

# A mention before its language is settled: (start, end, year, month, day, weekday, lang or None)
_Raw = tuple[int, int, int | None, int | None, int | None, int | None, str | None]


def _before(pattern: tuple[re.Pattern, int], low: str, pos: int) -> re.Match | None:
    """The match of `pattern` (which ends in \\Z) ending at `pos` and starting furthest back."""
    regex, reach = pattern
    return regex.search(low, max(pos - reach, 0), pos)  # \b and lookbehinds see before `pos`


def _lead(text: str, low: str, pos: int) -> re.Match | None:
    """Weekdays just before `pos` ("mardi ", "jeudi et vendredi (", "Thursday, ")."""
    lead = _before(_LEAD, low, pos) if _before(_LAST_WD, low, pos) else None
    if lead and all(_WEEKDAYS.lookup(text, low, *t.span()) for t in _TOKEN.finditer(low, *lead.span("wds"))):
        return lead
    return None  # "the sun, 3 March": not a weekday


def _valid(year: int | None, month: int, day: int) -> bool:
    # without a year, allow 29 February (2000 is a leap year)
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year or 2000, month)[1]


def _phrase(text: str, low: str, core: re.Match, lead: re.Match | None, month_first: bool) -> list[_Raw]:
    """Day-month phrases and their weekdays: one mention per day number."""
    found = _MONTHS.lookup(text, low, *core.span("mon"))
    if found is None:
        return []
    month, lang = found
    year = int(core["year"]) if core["year"] else None
    # Weekdays and day numbers in text order: (weekday or None, day or None, start, end)
    seq: list[tuple[int | None, int | None, int, int]] = []
    wd_lang = None
    for span in ([lead.span("wds")] if lead else []) + [core.span("days")]:
        for t in _TOKEN.finditer(low, *span):
            if t["d"]:
                seq.append((None, int(t["d"]), t.start(), t.end()))
                continue
            found = _WEEKDAYS.lookup(text, low, t.start(), t.end())
            if found is None:
                return []
            seq.append((found[0], None, t.start(), t.end()))
            wd_lang = wd_lang or found[1]
    days = [s for s in seq if s[1] is not None]
    if not all(_valid(year, month, d[1]) for d in days):
        return []
    weekdays = [s for s in seq if s[0] is not None]
    if weekdays and len(weekdays) == len(days) and seq[: len(weekdays)] == weekdays:
        # "jeudi et vendredi (24 et 25 octobre)": the weekdays go with the days in order
        tied, starts = weekdays, [d[2] for d in days]
    else:
        # a day takes the weekday just before it, if any ("du lundi 3 au vendredi 7 mars")
        tied, starts = [], []
        for i, s in enumerate(seq):
            if s[1] is not None:
                before = seq[i - 1] if i and seq[i - 1][0] is not None else None
                tied.append(before)
                starts.append(before[2] if before else s[2])
    starts[0] = lead.start() if lead else core.start()
    end = core.end()
    if lead and lead["open"] and (close := _CLOSE.match(low, end)):
        end = close.end()
    lang = wd_lang or lang or ("en" if month_first else None)
    return [(start, end if i == len(days) - 1 else d[3], year, month, d[1], w[0] if w else None, lang)
            for i, (d, w, start) in enumerate(zip(days, tied, starts, strict=True))]


def _month(text: str, low: str, m: re.Match, prep: re.Match | None) -> list[_Raw]:
    if not (prep or m["year"]):
        return []  # a month name alone ("Mars", "mai") is not a date
    found = _MONTHS.lookup(text, low, *m.span("mon"))
    if found is None:
        return []
    month, lang = found
    mi = prep["mi"] if prep else None
    start = prep.start("mi") if mi else m.start()
    lang = lang or _prep_lang(_MONTH_PREP_LANG, prep and (prep["prep"] or mi))
    return [(start, m.end(), int(m["year"]) if m["year"] else None, month, None, None, lang)]


def _years(low: str, m: re.Match, prep: re.Match | None) -> list[_Raw]:
    years = list(_FOUR_DIGITS.finditer(low, *m.span("years")))
    lang = None
    if prep:  # "en 2022", "pour 2026 et 2027"; "de" needs a range ("de 2017 à 2021")
        if prep["prep"].strip() == "de" and len(years) < 2:
            return []
        lang = _prep_lang(_YEAR_PREP_LANG, prep["prep"])
    else:  # or a period: "(2017-2021)"
        if len(years) != 2 or low[years[0].end():years[1].start()].strip() not in ("-", "–"):
            return []
        if int(years[0][0]) >= int(years[1][0]):
            return []
    return [(y.start(), y.end(), int(y[0]), None, None, None, lang) for y in years]


def _numeric(m: re.Match) -> list[_Raw]:
    year, month, day = int(m["y"]), int(m["m"]), int(m["d"])
    if not _valid(year, month, day):
        return []  # "31.02.2020"
    return [(m.start(), m.end(), year, month, day, None, None)]


def _candidates(text: str, low: str) -> Iterable[list[_Raw]]:
    for m in _DAY_MONTH.finditer(low):
        yield _phrase(text, low, m, _lead(text, low, m.start()), month_first=False)
    for w in _MONTH_WORD.finditer(low):
        if m := _MONTH_DAY.match(low, w.start()):
            yield _phrase(text, low, m, _lead(text, low, w.start()), month_first=True)
        m = _MONTH_YEAR.match(low, w.start())
        yield _month(text, low, m, _before(_MONTH_PREP, low, w.start()))
    for m in _YEAR_LIST.finditer(low):
        yield _years(low, m, _before(_YEAR_PREP, low, m.start()))
    for pattern in (_ISO, _NUMERIC):
        for m in pattern.finditer(low):
            yield _numeric(m)
    for m in _NUMERIC_YY.finditer(low):
        yy = int(m["y"])
        year, month, day = (2000 + yy if yy < 70 else 1900 + yy), int(m["m"]), int(m["d"])
        if _valid(year, month, day):
            yield [(m.start(), m.end(), year, month, day, None, None)]


def _lower(text: str) -> str:
    low = text.lower()
    if len(low) != len(text):  # "İ".lower() has two characters: keep such letters as they are
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low


def find_dates(text: str, offset: int = 0) -> list[DateMention]:
    """Date mentions in `text`, sorted by start and non-overlapping."""
    low = _lower(text)
    # Where candidates overlap, the earliest then longest phrase wins, as a whole.
    chosen: list[_Raw] = []
    for raws in sorted(filter(None, _candidates(text, low)), key=lambda g: (g[0][0], -g[-1][1])):
        if not chosen or raws[0][0] >= chosen[-1][1]:
            chosen.extend(raws)
    # Numbers have no language: they take the text's (by its worded mentions), else French.
    langs = [r[6] for r in chosen if r[6]]
    default = "en" if langs.count("en") > langs.count("fr") else "fr"
    out = []
    for start, end, year, month, day, weekday, lang in chosen:
        consistent = not (year and month and day and weekday is not None
                          and dt.date(year, month, day).weekday() != weekday)
        out.append(DateMention(start + offset, end + offset, text[start:end], year, month, day,
                               weekday, lang or default, consistent))
    return out


# ---------------------------------------------------------------------------------------------
# Resolution


def _last_day(m: DateMention) -> dt.date:
    assert m.year is not None
    if m.month is None:
        return dt.date(m.year, 12, 31)
    if m.day is None:
        return dt.date(m.year, m.month, calendar.monthrange(m.year, m.month)[1])
    return dt.date(m.year, m.month, m.day)


def upper_bound(mentions: Iterable[DateMention]) -> dt.date | None:
    """The latest date any dated, consistent mention can mean (end of its month/year)."""
    return max((_last_day(m) for m in mentions if m.year is not None and m.consistent), default=None)


def resolve(m: DateMention, anchor: dt.date | None) -> ResolvedDate | None:
    """The date `m` means, or None when the text does not say (never a guessed year)."""
    if not m.consistent or m.precision is None:
        return None
    if m.year is not None:
        value = dt.date(m.year, m.month or 1, m.day or 1)
        return ResolvedDate(value, m.precision, m.text, m.start, m.end, inferred_year=False)
    if m.day is None or m.month is None or m.weekday is None or anchor is None:
        return None
    # The weekday rule: the latest year, not after the anchor, in which day/month fell on that
    # weekday. Between 1901 and 2099 weekdays repeat every 28 years, so 28 years back suffice.
    for year in range(anchor.year, max(anchor.year - 28, 1) - 1, -1):
        if _valid(year, m.month, m.day):
            value = dt.date(year, m.month, m.day)
            if value <= anchor and value.weekday() == m.weekday:
                return ResolvedDate(value, "day", m.text, m.start, m.end, inferred_year=True)
    return None


# "© 2023 BBC", "Copyright © 2016-2024 X": the last year of a copyright line
COPYRIGHT_YEAR = re.compile(r"(?:©|\(c\)|(?i:copyright))\s*(?:©\s*)?(?:(?:19|20)\d{2}\s*[-–]\s*)?((?:19|20)\d{2})\b")


@dataclass(frozen=True)
class PageDates:
    """The dated evidence of a whole page, which yearless dates are resolved against."""

    upper: dt.date | None                      # the latest date any evidence can mean
    evidence: tuple[tuple[dt.date, ...], ...]  # explicit dates by precision: day, month, year
    current_year: int | None = None            # the year of the page's copyright line ("© 2023 X")

    @classmethod
    def of(cls, text: str) -> PageDates:
        mentions = [m for m in find_dates(text) if m.year is not None and m.consistent]
        by_precision = {p: [] for p in ("day", "month", "year")}
        for m in mentions:
            r = resolve(m, None)
            if r is not None:
                by_precision[r.precision].append(r.value)
        years = [int(y) for y in COPYRIGHT_YEAR.findall(text[-20_000:])]
        return cls(upper_bound(mentions), tuple(tuple(by_precision[p]) for p in ("day", "month", "year")),
                   max(years) if years else None)

    def this_year(self, m: DateMention) -> ResolvedDate | None:
        """A byline's day and month without a year nor a weekday ("Published 28 November"): sites
        leave the year out for the current one, which their copyright line gives; never a date
        after the page's latest evidence."""
        if m.year is not None or m.day is None or m.month is None or self.current_year is None:
            return None
        try:
            value = dt.date(self.current_year, m.month, m.day)
        except ValueError:
            return None
        if self.upper is not None and value > self.upper:
            return None
        return ResolvedDate(value, "day", m.text, m.start, m.end, inferred_year=True)

    def resolve(self, m: DateMention) -> ResolvedDate | None:
        """A yearless weekday date takes, among the years where that weekday falls and not after the
        page's latest evidence, the one closest to the page's most precise dated evidence."""
        if m.year is not None or m.weekday is None or self.upper is None:
            return resolve(m, self.upper)
        anchors = [self.upper, *(e for tier in self.evidence for e in tier if e <= self.upper)]
        candidates = {r.value: r for a in anchors if (r := resolve(m, a)) is not None}
        tier = next((t for t in self.evidence if t), ())
        if not candidates:
            return None
        if not tier:
            return candidates[max(candidates)]
        return candidates[min(candidates, key=lambda c: (min(abs((c - e).days) for e in tier), -c.toordinal()))]


_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
_ISO_PARTIAL = re.compile(rf"(?P<y>{_YEAR_RAW})(?:-(?P<m>0[1-9]|1[0-2]))?")


def parse_date_string(s: str, languages: Iterable[str] = ("fr", "en")) -> ResolvedDate | None:
    """The date of a metadata string (RSS pubDate, HTML meta, "Publié le ..."), or None.

    Our grammar first (the most precise dated mention, then the first), then RFC 822 and
    ISO 8601, then dateparser with strict settings: absolute dates only, all of day, month
    and year required. A string without a year gives None. (An RFC 822 date whose weekday
    is wrong is refused by our grammar but, as email.utils does, read by its numbers.)
    """
    languages = tuple(languages)
    stripped = s.strip()
    if not stripped:
        return None
    resolved = [r for m in find_dates(s)
                if (m.lang in languages or not any(c.isalpha() for c in m.text))
                and (r := resolve(m, None)) is not None]
    if resolved:
        return min(resolved, key=lambda r: (_PRECISION_RANK[r.precision], r.start))

    start = len(s) - len(s.lstrip())
    span = (stripped, start, start + len(stripped))
    value: dt.date | None = None
    precision = "day"
    try:
        value = email.utils.parsedate_to_datetime(stripped).date()
    except (TypeError, ValueError, IndexError):
        try:
            value = dt.datetime.fromisoformat(stripped).date()
        except ValueError:
            if m := _ISO_PARTIAL.fullmatch(stripped):  # "2021", "2021-02"
                value = dt.date(int(m["y"]), int(m["m"] or 1), 1)
                precision = "month" if m["m"] else "year"
    if value is None:
        value = _dateparser(stripped, languages)
    if value is None or not 1900 <= value.year <= 2100:
        return None
    return ResolvedDate(value, precision, *span, inferred_year=False)


def _dateparser(s: str, languages: tuple[str, ...]) -> dt.date | None:
    import dateparser  # slow to import: only when our grammar and the standards failed

    settings = {
        "STRICT_PARSING": True,  # no filling in of a missing day, month or year
        "PARSERS": ["custom-formats", "absolute-time"],  # no relative dates, no timestamps
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    try:
        parsed = dateparser.parse(s, languages=list(languages), settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input; it is only a fallback
        return None
    return parsed.date() if parsed else None


# ---------------------------------------------------------------------------------------------
# The date of an event: what a sentence's date words say, read against the article's date.

# A year after these is a purpose or a span ("pour 2026 et 2027", "depuis 2022"), not the event's date.
EVENT_NOT_WHEN = frozenset({"pour", "for", "depuis", "since", "jusqu'en", "jusqu’en", "until", "d'ici", "d’ici",
                            "avant", "before"})
# Words that name a day by its distance from the article's date, and phrases that name a week.
EVENT_RELATIVE_DAYS = {"hier": -1, "yesterday": -1, "aujourd'hui": 0, "aujourd’hui": 0, "today": 0, "demain": 1,
                       "tomorrow": 1}
EVENT_ROUGH_WEEKS = {"la semaine dernière": -7, "last week": -7, "en début de semaine": -2, "earlier this week": -2,
                     "cette semaine": 0, "this week": 0, "la semaine prochaine": 7, "next week": 7}


def _event_weekdays() -> dict[str, int]:
    """Full weekday names (data/weekdays.tsv, the first form of each row) → 0 = Monday … 6 = Sunday;
    abbreviations are left out: alone in a sentence "Sun", "Sat", "Wed" are seldom a day."""
    return {forms.split()[0].lower(): int(n) for n, _lang, forms in read_table("weekdays.tsv", 3)}


EVENT_WEEKDAYS = _event_weekdays()


def event_date(text: str, words: Iterable[str], article_date: dt.date | None, *, offset: int = 0,
               found: Iterable[DateMention] | None = None, future: bool = False,
               past: bool = False) -> tuple[dt.date, str, str] | None:
    """The date of an event reported in the sentence `text` (its words as written: `words`), as
    (date, precision, evidence), or None.

    - A date the sentence writes, unless a span or purpose word comes before it ("pour 2026",
      "depuis 2022"; a bare year only after "en"/"in"): with its year as written, else the year
      that puts it nearest the article's date (a named weekday must fit).
    - Else, against the article's date: "la semaine dernière", "en début de semaine", "this week"…
      (month precision, the 1st of that week's month); "hier", "aujourd'hui", "demain", "today"…;
      a bare weekday, the nearest such day before the article's date, or after it when the verb
      is in the future tense (`future`).
    - Else, for a sentence in the past tense (`past`), the article's date, with the evidence
      "(date of the article)".
    `offset` is where `text` starts in the article (the offsets of `found`, the sentence's date
    mentions, when the caller has them already)."""
    if found is None:
        found = find_dates(text, offset)
    for m in found:
        before = (text[:m.start - offset].split()[-1:] or [""])[0].lower()
        if before in EVENT_NOT_WHEN or (m.month is None and before not in ("en", "in")):
            continue  # "pour 2026 et 2027" is a span, not when it happened
        resolved = _nearest_fit(m, article_date)
        if resolved is not None:
            return resolved
    if article_date is None:
        return None
    low = text.lower()
    for phrase, days in EVENT_ROUGH_WEEKS.items():
        if phrase in low:
            day = article_date + dt.timedelta(days=days)
            return day.replace(day=1), "month", phrase
    for written in words:
        word = written.lower()
        if word in EVENT_RELATIVE_DAYS:
            return article_date + dt.timedelta(days=EVENT_RELATIVE_DAYS[word]), "day", written
        if word in EVENT_WEEKDAYS:
            delta = (article_date.weekday() - EVENT_WEEKDAYS[word]) % 7
            day = article_date + dt.timedelta(days=(7 - delta) % 7) if future else article_date - dt.timedelta(days=delta)
            return day, "day", written
    if past:
        return article_date, "day", "(date of the article)"
    return None


def _nearest_fit(m: DateMention, article_date: dt.date | None) -> tuple[dt.date, str, str] | None:
    """A date of the sentence, a missing year taken from the article's date (the nearest fit)."""
    if m.year is not None:
        r = resolve(m, None)
        return (r.value, r.precision, r.evidence) if r is not None else None
    if article_date is None or m.month is None:
        return None
    best = None
    for year in (article_date.year - 1, article_date.year, article_date.year + 1):
        try:
            day = dt.date(year, m.month, m.day or 1)
        except ValueError:
            continue
        if m.weekday is not None and m.day is not None and day.weekday() != m.weekday:
            continue
        if best is None or abs((day - article_date).days) < abs((best - article_date).days):
            best = day
    if best is None:
        return None
    return best, "day" if m.day else "month", m.text


__all__ += ["event_date"]
