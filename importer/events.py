"""Events: who did what to whom, when and where, PLOVER-coded, from spaCy's dependency parse.

A sentence yields an event when it holds a trigger of `data/event_triggers.tsv` (a verb or
noun lemma, or a phrase) and at least one actor attached to that trigger:
- **who**: the trigger's grammatical subject (or the agent of a passive, or the subject of
  the verb it depends on: "a annoncé avoir invité"), plus nationality adjectives on a
  nominal trigger ("sanctions américaines", "offensive turque");
- **whom**: its objects and prepositional complements ("expulse un diplomate britannique",
  "prêts à l’Ukraine", "sanctions contre la Turquie"); for symmetric triggers (meetings,
  talks) everyone attached is a participant ("pourparlers américano-russes", "entre X et Y");
- **mode**: denied (negation on the trigger or its governing verb), hypothetical (pouvoir,
  envisager, could, si/if), threatened (under menacer/threaten), planned (future tense,
  prévoir/devoir/attendre/expect, or a date after the article's), else done;
- **when**: a date in the sentence resolved against the article's date (a weekday takes the
  nearest matching day; a yearless date the nearest year); a bare weekday, "hier",
  "la semaine dernière", "en début de semaine", "mi-juillet" likewise; else, for a sentence in
  the past tense, the article's date, marked "(date of the article)";
- **where**: a place named after a locative preposition ("à Genève", "in Vienna").
Captions never produce events (they are not passed here).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from veille.importer import actors, dates, gazetteer
from veille.importer.actors import Mention, Part

VERSION = "events-1"
DATA = Path(__file__).resolve().parent / "data"
ACTOR_KINDS = {"person", "organisation", "country", "group"}

NEGATIONS = {"pas", "jamais", "aucun", "aucune", "not", "never", "n't", "no", "guère", "plus"}
HYPOTHETICAL = {"pouvoir", "envisager", "étudier", "could", "might", "may", "would", "consider", "possibilité"}
PLANNED = {"prévoir", "devoir", "aller", "préparer", "attendre", "programmer", "plan", "expect", "schedule",
           "will", "intend", "compter"}
THREATENING = {"menacer", "threaten"}
LOCATIVE = {"à", "a", "au", "en", "in", "at", "dans", "near"}
SUBJECT_DEPS = {"nsubj", "nsubj:pass", "csubj", "nsubjpass"}
AGENT_DEPS = {"obl:agent", "agent"}
OBJECT_DEPS = {"obj", "dobj", "iobj", "obl:arg", "obl", "obl:mod", "nmod", "dative", "prep", "pobj", "attr",
               "nmod:poss", "poss", "compound"}
# A year after these is a purpose or a span ("pour 2026 et 2027", "depuis 2022"), not the event's date.
NOT_WHEN = {"pour", "for", "depuis", "since", "jusqu'en", "jusqu’en", "until", "d'ici", "d’ici", "avant", "before"}
WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
            "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
RELATIVE = {"hier": -1, "yesterday": -1, "aujourd'hui": 0, "aujourd’hui": 0, "today": 0, "demain": 1, "tomorrow": 1}
ROUGH = {"la semaine dernière": -7, "last week": -7, "en début de semaine": -2, "earlier this week": -2,
         "cette semaine": 0, "this week": 0, "la semaine prochaine": 7, "next week": 7}


@dataclass(frozen=True, slots=True)
class Trigger:
    language: str
    form: str
    pos: str
    event_type: str
    symmetric: bool


@dataclass
class EventCandidate:
    event_type: str
    mode: str
    sources: list[Mention] = field(default_factory=list)
    targets: list[Mention] = field(default_factory=list)
    participants: list[Mention] = field(default_factory=list)
    location: Mention | None = None
    event_date: dt.date | None = None
    date_precision: str | None = None
    date_text: str | None = None
    sentence: str = ""
    start: int = 0
    end: int = 0
    trigger: str = ""
    confidence: float = 0.5

    @property
    def summary(self) -> str:
        who = ", ".join(sorted({m.canonical_name for m in self.sources or self.participants}))
        whom = ", ".join(sorted({m.canonical_name for m in self.targets}))
        line = f"{self.event_type} ({self.mode}): {who or '?'}" + (f" → {whom}" if whom else "")
        line += f" — {self.trigger}"
        if self.location is not None:
            line += f", {self.location.canonical_name}"
        if self.event_date is not None:
            line += f", {self.event_date.isoformat()}"
        return line


@cache
def lexicon() -> tuple[dict[tuple[str, str, str], Trigger], dict[str, list[Trigger]]]:
    """(language, pos, lemma) → trigger, and language → phrase triggers."""
    words: dict[tuple[str, str, str], Trigger] = {}
    phrases: dict[str, list[Trigger]] = {}
    with (DATA / "event_triggers.tsv").open(encoding="utf-8") as f:
        for row in csv.reader((ln for ln in f if ln.strip() and not ln.startswith("#")), delimiter="\t"):
            lang, form, pos, etype, shape = (c.strip() for c in row[:5])
            trig = Trigger(lang, form.lower(), pos, etype, shape == "symmetric")
            if pos == "phrase":
                phrases.setdefault(lang, []).append(trig)
            else:
                words[(lang, pos, form.lower())] = trig
    return words, phrases


@cache
def nationalities() -> dict[str, str]:
    out = {}
    with (DATA / "nationality_adjectives.tsv").open(encoding="utf-8") as f:
        for ln in f:
            if ln.strip() and not ln.startswith("#"):
                form, code = ln.rstrip("\n").split("\t")
                out[form.strip().lower()] = code.strip()
    return out


def extract(parts: Sequence[Part], docs: Sequence, mentions: Sequence[Mention], language: str | None,
            article_date: dt.date | None) -> list[EventCandidate]:
    from spacy.attrs import IDX, LEMMA, LENGTH, POS  # here: importing this module must not load spaCy

    words, phrases = lexicon()
    lang = language or ""
    lang_phrases: list[tuple[Trigger, tuple[str, ...]]] | None = None
    events: list[EventCandidate] = []
    actor_mentions = [m for m in mentions if m.kind in ACTOR_KINDS or m.key.startswith("metonym:")]
    for part, doc in zip(parts, docs, strict=True):
        if part.kind == "caption" or not doc.has_annotation("DEP"):
            continue
        # What the trigger scan reads of every token, from one array rather than a spaCy Token
        # object per token: coarse part of speech, lower-case lemma and text.
        text = actors.doc_text(part, doc)
        table = doc.to_array([POS, LEMMA, IDX, LENGTH]).tolist()
        kinds = [_pos_kinds().get(p) for p, _, _, _ in table]
        lemmas = [_lower_string(doc.vocab.strings, h) for _, h, _, _ in table]
        lowers = [text[i:i + n].lower() for _, _, i, n in table]
        for sent in doc.sents:
            s_start, s_end = part.offset + sent.start_char, part.offset + sent.end_char
            in_sentence = [m for m in actor_mentions if s_start <= m.start and m.end <= s_end]
            places = [m for m in mentions if s_start <= m.start and m.end <= s_end and m.kind == "place"]
            ctx = _Sentence(doc, sent, text, lowers)
            first = sent.start
            found: list[tuple[object, Trigger]] = []
            for i in range(first, sent.end):
                pos = kinds[i]
                if pos is None:
                    continue
                trig = words.get((lang, pos, lemmas[i]))
                if trig is None and pos == "noun":
                    trig = words.get((lang, "noun", lowers[i]))
                if trig is not None:
                    found.append((doc[i], trig))
            if lang_phrases is None:
                lang_phrases = [(trig, _phrase_tokens(language, trig.form)) for trig in phrases.get(lang, [])]
            if lang_phrases:
                words_of = list(zip(lemmas[first:sent.end], ctx.lower, strict=True))
                present = {w for pair in words_of for w in pair}
            for trig, pattern in lang_phrases:
                if not all(p in present for p in pattern):
                    continue  # a word of the phrase is missing from the sentence: no need to look for it
                for k in range(len(words_of) - len(pattern) + 1):
                    if all(p in words_of[k + n] for n, p in enumerate(pattern)):
                        head = doc[first + k]
                        if not any(t.i == head.i for t, _ in found):
                            found.append((head, trig))
                        break
            quoted = _quoted_ranges(ctx.text) if found else []
            for tok, trig in found:
                at = part.offset + tok.idx
                if any(m.start <= at < m.end for m in mentions):
                    continue  # "Conférence de la sécurité de Munich": the trigger is part of a name
                if any(lo <= tok.idx - ctx.start_char < hi for lo, hi in quoted):
                    continue  # words inside quotation marks are what someone said, not what happened
                ev = _event(tok, trig, part, in_sentence, places, article_date, ctx)
                if ev is not None:
                    ev.sentence, ev.start, ev.end = ctx.text, s_start, s_end
                    events.append(ev)
    return events


@cache
def _pos_kinds() -> dict[int, str]:
    """spaCy's coarse part-of-speech ids -> the trigger kinds of the lexicon."""
    from spacy.parts_of_speech import AUX, NOUN, PROPN, VERB

    return {VERB: "verb", AUX: "verb", NOUN: "noun", PROPN: "noun"}


_LOWER_STRINGS: dict[int, str] = {}


def _lower_string(strings, key: int) -> str:
    """strings[key].lower(), remembered by hash (the same lemmas recur in every article)."""
    low = _LOWER_STRINGS.get(key)
    if low is None:
        low = strings[key].lower()
        if len(_LOWER_STRINGS) < 200_000:
            _LOWER_STRINGS[key] = low
    return low


class _Sentence:
    """A sentence and what its triggers share: its text, its tokens' lower-case texts, its dates
    (worked out once per sentence, not once per trigger)."""

    __slots__ = ("doc", "start", "end", "lower", "text", "start_char", "_dates")

    def __init__(self, doc, span, doc_text: str, lowers: list[str]):
        self.doc, self.start, self.end = doc, span.start, span.end
        self.lower = lowers[span.start:span.end]
        self.start_char = span.start_char
        self.text = doc_text[span.start_char:span.end_char]  # span.text, without a Token per token
        self._dates: dict[int, list[dates.DateMention]] = {}

    def dates(self, offset: int) -> list[dates.DateMention]:
        found = self._dates.get(offset)
        if found is None:
            found = self._dates[offset] = dates.find_dates(self.text, offset)
        return found


QUOTES = re.compile(r"«[^»]{0,400}»|“[^”]{0,400}”|\"[^\"]{0,400}\"")


def _quoted_ranges(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in QUOTES.finditer(text)]


@cache
def _phrase_tokens(language: str | None, phrase: str) -> tuple[str, ...]:
    from veille.importer import nlp

    model = nlp.pipeline(language) or nlp.tokenizer_only()
    return tuple(t.text.lower() for t in model.tokenizer(phrase))


def _nationality_after(tok, part: Part, ctx: _Sentence) -> list[Mention]:
    """Nationality adjectives after the trigger, up to the clause break ("expulse un diplomate britannique")."""
    out = []
    for t in ctx.doc[tok.i + 1:ctx.end]:
        if t.is_punct and t.text in ",;:.!?(":
            break
        if t.pos_ == "ADJ":
            out += _adjective_countries_of(t, part)
    return out


def _mentions_under(token, part: Part, mentions: list[Mention]) -> list[Mention]:
    """Actor mentions overlapping the subtree of `token` (a name may be split over tokens)."""
    right = token.right_edge
    lo = part.offset + token.left_edge.idx
    hi = part.offset + right.idx + len(right)
    return [m for m in mentions if m.start < hi and lo < m.end]


_CLAUSE_END = re.compile(r"[;:.!?]")
_CLAUSE_BREAK = re.compile(r"[,;:.!?(]")


def _linear(tok, part: Part, mentions: list[Mention], before: bool, ctx: _Sentence) -> list[Mention]:
    """When the parse gives nothing (headlines often parse badly): the nearest actor before the
    trigger in the same clause, or the actors after it up to the next clause break."""
    t0 = part.offset + tok.idx
    t1 = t0 + len(tok.text)
    text = ctx.text
    base = part.offset + ctx.start_char
    if before:
        cands = [m for m in mentions if m.end <= t0 and t0 - m.end <= 80
                 and not _CLAUSE_END.search(text[m.end - base:t0 - base])]
        return cands[-1:] if cands else []
    stop = _CLAUSE_BREAK.search(text[t1 - base:])
    limit = t1 + (stop.start() if stop else len(text))
    return [m for m in mentions if t1 <= m.start and m.end <= limit + 1]


def _adjective_countries(token, part: Part) -> list[Mention]:
    """"sanctions américaines", "pourparlers américano-russes" → country mentions."""
    return [m for child in token.children if child.dep_ in ("amod", "compound", "nmod")
            and child.pos_ in ("ADJ", "NOUN", "PROPN") for m in _adjective_countries_of(child, part)]


def _adjective_countries_of(word, part: Part) -> list[Mention]:
    out = []
    for piece in word.text.lower().replace("‑", "-").split("-"):
        code = nationalities().get(piece)
        entry = gazetteer.get(f"country:{code}") if code else None
        if entry is not None:
            start = part.offset + word.idx
            out.append(Mention(entry.key, entry.canonical_name, "country", entry.country_code, word.text,
                               start, start + len(word.text), 0, origin="gazetteer"))
    return out


def _governor(tok):
    """The verb a trigger depends on (for inherited subjects and modes)."""
    head = tok.head
    hops = 0
    while head is not tok and hops < 3:
        if head.pos_ in ("VERB", "AUX"):
            return head
        tok, head, hops = head, head.head, hops + 1
    return None


def _event(tok, trig: Trigger, part: Part, mentions: list[Mention], places: list[Mention],
           article_date: dt.date | None, ctx: _Sentence) -> EventCandidate | None:
    children = [(c, c.dep_) for c in tok.children]
    subj = [c for c, dep in children if dep in SUBJECT_DEPS]
    agents = [c for c, dep in children if dep in AGENT_DEPS]
    objs = [c for c, dep in children if dep in OBJECT_DEPS and c not in subj and c not in agents]
    gov = _governor(tok)
    inherited = False
    if not subj and not agents and gov is not None:
        subj = [c for c in gov.children if c.dep_ in SUBJECT_DEPS]
        inherited = bool(subj)
    place_ids = {id(m) for m in places if _after_locative(m, part, tok.doc)}
    mentions = [m for m in mentions if id(m) not in place_ids]
    sources = [m for c in subj + agents for m in _mentions_under(c, part, mentions)]
    targets = [m for c in objs for m in _mentions_under(c, part, mentions)]
    adjectives = _adjective_countries(tok, part)
    objects_adjectives = [m for c in objs for m in _adjective_countries(c, part)]
    trigger_at = part.offset + tok.idx
    if not agents and sources and all(m.start > trigger_at for m in sources) and tok.pos_ in ("VERB", "AUX"):
        targets, sources = targets + sources, []  # a "subject" after an active verb is a mis-parse
    if agents:  # passive: "Delcy Rodríguez invitée par la Maison-Blanche"
        targets = targets or _linear(tok, part, mentions, True, ctx)
    elif not sources:
        sources = _linear(tok, part, mentions, True, ctx)
    if not targets:
        targets = _linear(tok, part, mentions, False, ctx) + objects_adjectives
    if not targets and not trig.symmetric:
        targets = _nationality_after(tok, part, ctx)
    if trig.symmetric:
        participants = _unique(sources + targets + adjectives)
        sources, targets = [], []
        # a meeting needs two sides, or one organisation meeting itself ("réunion des ministres de l’OTAN")
        if len(participants) < 2 and not any(m.kind in ("organisation", "group") for m in participants):
            return None
    else:
        participants = []
        if tok.pos_ in ("NOUN", "PROPN"):
            sources = _unique(sources + adjectives)
        else:
            targets = _unique(targets + adjectives)
        sources, targets = _unique(sources), [m for m in _unique(targets) if m.key not in {s.key for s in sources}]
        if not sources:  # who did it must be known: "? → Iran" is not an event
            return None
    mode = _mode(tok, gov, trig)
    when = _when(tok, gov, part, article_date, ctx)
    if when is not None and article_date is not None and when[0] > article_date and mode == "done":
        mode = "planned"
    location = next((m for m in places if id(m) in place_ids), None)
    ev = EventCandidate(trig.event_type, mode, sources, targets, participants, location, trigger=tok.text)
    if when is not None:
        ev.event_date, ev.date_precision, ev.date_text = when
    ev.confidence = round(min(0.95, 0.45 + 0.2 * bool(sources or len(participants) > 1)
                              + 0.15 * bool(targets or trig.symmetric) + 0.1 * (ev.event_date is not None)
                              + 0.05 * (location is not None) - 0.1 * inherited), 2)
    return ev


def _unique(ms: list[Mention]) -> list[Mention]:
    seen, out = set(), []
    for m in ms:
        if m.key not in seen:
            seen.add(m.key)
            out.append(m)
    return out


def _after_locative(m: Mention, part: Part, doc) -> bool:
    span = doc.char_span(m.start - part.offset, m.end - part.offset, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    before = doc[span.start - 1].text.lower()
    return before in LOCATIVE or (before in ("de", "of") and span.start >= 2 and doc[span.start - 2].lemma_ == "siège")


def _mode(tok, gov, trig: Trigger) -> str:
    chain = [tok, *list(tok.ancestors)[:4]]
    kids = [(c.lemma_.lower(), c.dep_, c) for t in chain for c in t.children]  # read once, tested several times
    lemmas = {lemma for lemma, _, _ in kids} | {t.lemma_.lower() for t in chain[1:]}
    if any(dep in ("neg", "advmod:neg") or lemma in NEGATIONS and dep.startswith("advmod") for lemma, dep, _ in kids):
        return "denied"
    if lemmas & THREATENING and trig.event_type != "THREATEN":
        return "threatened"
    if lemmas & HYPOTHETICAL or any(lemma in ("si", "if") for lemma, dep, _ in kids if dep in ("mark", "advcl")):
        return "hypothetical"
    future = any("Fut" in t.morph.get("Tense") for t in chain) or any(
        "Fut" in c.morph.get("Tense") for _, dep, c in kids if dep.startswith("aux"))
    if future or lemmas & PLANNED or "prochain" in lemmas or "prévu" in lemmas:
        return "planned"
    return "done"


def _when(tok, gov, part: Part, article_date: dt.date | None, ctx: _Sentence) -> tuple[dt.date, str, str] | None:
    text = ctx.text
    offset = part.offset + ctx.start_char
    for m in ctx.dates(offset):
        before = (text[:m.start - offset].split()[-1:] or [""])[0].lower()
        if before in NOT_WHEN or (m.month is None and before not in ("en", "in")):
            continue  # "pour 2026 et 2027" is a span, not when it happened
        resolved = _near(m, article_date)
        if resolved is not None:
            return resolved
    if article_date is None:
        return None
    low = text.lower()
    for phrase, days in ROUGH.items():
        if phrase in low:
            day = article_date + dt.timedelta(days=days)
            return day.replace(day=1), "month", phrase
    for i, word in enumerate(ctx.lower, ctx.start):
        if word in RELATIVE:
            return article_date + dt.timedelta(days=RELATIVE[word]), "day", ctx.doc[i].text
        if word in WEEKDAYS:
            delta = (article_date.weekday() - WEEKDAYS[word]) % 7
            future = any("Fut" in x.morph.get("Tense") for x in (tok, gov) if x is not None)
            day = article_date + dt.timedelta(days=(7 - delta) % 7) if future else article_date - dt.timedelta(days=delta)
            return day, "day", ctx.doc[i].text
    if _past(tok, gov):
        return article_date, "day", "(date of the article)"
    return None


def _near(m: dates.DateMention, article_date: dt.date | None) -> tuple[dt.date, str, str] | None:
    """A date of the sentence, a missing year taken from the article's date (the nearest fit)."""
    if m.year is not None:
        r = dates.resolve(m, None)
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


def _past(tok, gov) -> bool:
    for t in (tok, gov):
        if t is None:
            continue
        if "Past" in t.morph.get("Tense") and t.pos_ in ("VERB", "AUX"):
            return True
        if t.tag_ in ("VBD", "VBN"):
            return True
        if any(c.dep_.startswith("aux") and c.lemma_ in ("avoir", "être", "have") for c in t.children):
            return True
    return False


def event_signature(event_type: str, roles: dict[str, list[int]]) -> str:
    """Identity of an event for merging: its type and who took which part (sorted actor ids)."""
    return event_type + "|" + "|".join(f"{r}:{','.join(map(str, sorted(set(ids))))}"
                                        for r, ids in sorted(roles.items()) if ids)

