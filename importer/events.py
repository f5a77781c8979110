"""Events: who did what to whom, when and where, PLOVER-coded, from spaCy's dependency parse.

A sentence yields an event when it holds a trigger of `data/event_triggers.tsv` (a verb or noun
lemma, or a phrase matched on lemmas; all 16 PLOVER categories, French and English, with the
PLOVER mode the word fixes) and at least one actor attached to it. A phrase wins over the words
it covers ("general strike" is PROTEST, "strike" ASSAULT).

Actors are the article's mentions (people, organisations, countries, armed groups), places named
without a locative preposition (as their country: "Kigali dément"), and **generic actors**
(`data/event_sectors.tsv`): a sector noun (police, soldiers, protesters, militants, officials,
civilians, vessels…) qualified by a nationality adjective (`data/nationality_adjectives.tsv`,
`data/event_nationalities.tsv`) or a place complement becomes "<Country>: <sector>" (kind
`group`, with the country code: "la police turque", "Palestinian militants", "des manifestants à
Téhéran"); officials, governments and leaders with a nationality are their country ("Hungarian
officials" → Hungary); a state body or several officials with no country act, as that body, when
they are a verb's subject ("les autorités ont ordonné"), one official named by a title alone does
not; a sector may be named by two nouns ("rights groups"). An acronym the parse makes a trigger
verb's subject or a side of a meeting is an organisation even when the actor stage did not return
it ("Le M23 réfute…").
- **sentences**: the parser's pieces that do not end with a full stop, a question or an
  exclamation mark are read with the next ("Moscou, | qui refuse…"); a verb form the tagger took
  for an adverb is looked up as the verbs the model's lemmatiser tables give ("Kigali dément").
- **pronouns**: a third-person subject pronoun with no actor before it in its sentence stands for
  the actor subject of one of the two sentences before it in the paragraph, when its kind fits
  (il/elle, he/she/it, they; the person of "le président nigérien Mohamed Bazoum"), else for no
  one; a first-person pronoun inside a quotation is the speaker of the verb of saying outside it;
  a possessive on a noun event is the nearest actor before it (its owner undergoes an arrest or a
  release); "his country", "son pays" is the country of the actor before it. The pronoun's words
  are the mention's surface, the antecedent its identity.
- **who / whom**: active subject → source, objects and "à/contre/sur/against/on" complements →
  target; passive subject → target, agent ("par", "by") → source, an agentless passive has no
  source; a participle on a noun ("4 personnes tuées") has that noun as recipient; a nominal event
  takes its nationality adjective and possessor as source and its "de/of" complement as source or,
  for nouns of arrests, releases, expulsions (shape `patient`) and for victims, as recipient ("the
  arrest of 20 protesters by Kenyan soldiers"); a claimed attack takes its claimant; the subject is
  inherited through infinitives and light verbs ("a décidé d'expulser", "launched an offensive"),
  but what a subject faces or suffers is done to it; symmetric triggers (meetings, clashes) make
  every side a participant; a visit's host is its recipient.
- **whose subject**: a trigger's own subject, written before it, is its subject whatever it names:
  a noun that is no actor ("le peuple salue") leaves the event without source rather than taking
  a neighbour's; a personal pronoun takes the subject of the clause that reports it ("Tony Blair
  says he will not apologise"), else the nearest actor before it in the clause; a relative pronoun
  takes the noun its clause qualifies or the word just before it ("c'était la Turquie qui avait
  bloqué"). No subject is inherited by a participle on a noun ("a journalist abducted in Gaza"),
  by a background event ("during a general strike", "amid a siege", "lors de l'attaque"), nor by
  the object of a refusal or an accusation ("turned down a plea"); a purpose infinitive has its
  clause's subject ("walked away to hold a boycott"), an infinitive on a noun its noun's owner
  ("a UN decision to impose an embargo"), a causative's infinitive its causee ("a fait fuir la
  flotte"); "from" names who requests, accuses or gives ("a request from the United States"); a
  headline's participle with no auxiliary is passive ("X jailed for…"); the force of a passive
  or participial mobilisation is its source ("100 000 policiers mobilisés"), as those called out
  to strike are protesters; a passive without a subject of its own shares its clause's; a title
  in apposition is the name before it ("Kim Yong Chol, le vice-président…, a rencontré"); who
  expresses support or regret is its actor ("a exprimé la solidarité des Français"); "walked
  free" is said of the one released (shape `undergoer`).
- **who is not the actor**: who speaks of an event ("parle d'une coopération", "mentioned an
  attack") or reports it in a clause of saying ("the government said that neglect led to a
  massacre"); who helps with a passive act ("arrêté avec l'aide de la police française"); who
  praises, refuses or condemns a noun event in their object ("welcomed the bringing of charges").
- **what is not an event**: the content of a threat, request, refusal, promise or accusation
  ("menace de frapper", "refused to meet": one event); anaphoric mentions ("ces attaques"); topics
  ("sa position sur les négociations"); words inside quotation marks unless they are a reported
  clause; a doer that is neither an actor nor a weapon ("a brown bear kills"); compound adjectives
  ("Iranian-backed"); the act a conviction or an arrest is for ("jailed for the bombing"); a tally
  over time ("200 000 arrestations", "have arrested 21,000 since October"); a threat nobody makes
  ("faced the threat of epidemics"); civilians deployed ("une équipe d'experts déployée"). Using
  weapons against someone is an assault ("utilise des armes chimiques contre").
- **mode**: denied (negation on the trigger or its governing verb), hypothetical (pouvoir,
  envisager, could, si/if), threatened (under menacer/threaten), planned (future tense,
  prévoir/devoir/attendre/expect, "avant"/"ahead of", or a date after the article's), else done.
  PLOVER's conventions: a planned aid or cooperation is AGREE, a planned retreat CONCEDE, a
  scheduled meeting is CONSULT and also AGREE; a prison sentence is SANCTION and COERCE; a promise
  of sanctions is THREATEN.
- **when**: `dates.event_date` (every date policy lives in `dates`): a date in the sentence
  resolved against the article's date (a weekday takes the nearest matching day; a yearless date
  the nearest year); a bare weekday, "hier", "la semaine dernière", "en début de semaine"
  likewise; else, for a sentence in the past tense, the article's date, marked "(date of the
  article)";
- **where**: a place named after a locative preposition (`data/locatives.tsv`: "à Genève", "in
  Vienna").
Captions never produce events (they are not passed here).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from veille.importer import actors, dates, gazetteer, nlp
from veille.importer.actors import RECIPIENT_VERBS, Mention, Part
from veille.importer.text import fold, read_table

VERSION = "events-3"
ACTOR_KINDS = {"person", "organisation", "country", "group"}

NEGATIONS = {"pas", "jamais", "aucun", "aucune", "not", "never", "n't", "no", "guère", "plus"}
HYPOTHETICAL = {"pouvoir", "envisager", "étudier", "could", "might", "may", "would", "consider", "possibilité",
                # a possible event named as such: "une éventuelle attaque", "a potential strike"
                "éventuel", "potentiel", "hypothétique", "possible", "potential", "hypothetical"}
PLANNED = {"prévoir", "devoir", "aller", "préparer", "attendre", "programmer", "plan", "expect", "schedule",
           "will", "intend", "compter"}
THREATENING = {"menacer", "threaten"}
# Prepositions before a place (data/locatives.tsv): those that introduce only a place ("dans",
# "in": a name after them is where, never whom), and those that introduce a place or a recipient
# ("à", "at", "to"); a name after any of them is no acting place.
LOCATIVE_ONLY = frozenset(w for w, introduces in read_table("locatives.tsv", 2) if introduces == "place")
LOCATIVE = LOCATIVE_ONLY | {w for w, introduces in read_table("locatives.tsv", 2) if introduces == "place_or_recipient"}
SUBJECT_DEPS = {"nsubj", "nsubj:pass", "csubj", "nsubjpass"}
AGENT_DEPS = {"obl:agent", "agent"}
OBJECT_DEPS = {"obj", "dobj", "iobj", "obl:arg", "obl", "obl:mod", "nmod", "dative", "prep", "pobj", "attr",
               "nmod:poss", "poss", "compound"}


@dataclass(frozen=True, slots=True)
class Trigger:
    language: str
    form: str
    pos: str
    event_type: str
    shape: str          # directed | symmetric | patient (see data/event_triggers.tsv)
    mode: str = ""      # the PLOVER mode the word fixes (aerial, arrest, demo, …), or ""

    @property
    def symmetric(self) -> bool:
        return self.shape == "symmetric"


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
    plover_mode: str | None = None  # PLOVER's mode of the category (aerial, arrest, demo, …)

    @property
    def summary(self) -> str:
        who = ", ".join(sorted({m.canonical_name for m in self.sources or self.participants}))
        whom = ", ".join(sorted({m.canonical_name for m in self.targets}))
        kind = self.event_type + (f"/{self.plover_mode}" if self.plover_mode else "")
        line = f"{kind} ({self.mode}): {who or '?'}" + (f" → {whom}" if whom else "")
        line += f" — {self.trigger}"
        if self.location is not None:
            line += f", {self.location.canonical_name}"
        if self.event_date is not None:
            line += f", {self.event_date.isoformat()}"
        return line


@cache
def lexicon() -> tuple[dict[tuple[str, str, str], Trigger], dict[str, list[Trigger]]]:
    """(language, pos, lemma) → trigger, and language → phrase triggers (longest first)."""
    words: dict[tuple[str, str, str], Trigger] = {}
    phrases: dict[str, list[Trigger]] = {}
    for row in read_table("event_triggers.tsv"):
        lang, form, pos, etype, shape = row[:5]
        trig = Trigger(lang, form.lower(), pos, etype, shape, row[5] if len(row) > 5 else "")
        if pos == "phrase":
            phrases.setdefault(lang, []).append(trig)
        else:
            words.setdefault((lang, pos, form.lower()), trig)
    for trigs in phrases.values():
        trigs.sort(key=lambda t: -len(t.form))
    return words, phrases


@cache
def nationalities() -> dict[str, str]:
    out = {}
    for name in ("nationality_adjectives.tsv", "event_nationalities.tsv"):
        for form, code in read_table(name, 2):
            out.setdefault(form.lower(), code)
    return out


def extract(parts: Sequence[Part], docs: Sequence, mentions: Sequence[Mention], language: str | None,
            article_date: dt.date | None) -> list[EventCandidate]:
    from spacy.attrs import IDX, LEMMA, LENGTH, POS  # here: importing this module must not load spaCy

    words, phrases = lexicon()
    lang = language or ""
    lang_phrases: list[tuple[Trigger, tuple[str, ...]]] | None = None
    events: list[EventCandidate] = []
    actor_mentions = [m for m in mentions if m.kind in ACTOR_KINDS or m.key.startswith("metonym:")]
    sectors = sector_nouns().get(lang, {})
    for part, doc in zip(parts, docs, strict=True):
        if part.kind == "caption" or not doc.has_annotation("DEP"):
            continue
        # What the trigger scan reads of every token, from one array rather than a spaCy Token
        # object per token: coarse part of speech, lower-case lemma and text.
        text = actors.doc_text(part, doc)
        table = doc.to_array([POS, LEMMA, IDX, LENGTH]).tolist()
        kinds = [_pos_kinds().get(p) for p, _, _, _ in table]
        lemmas = [_lower_string(doc.vocab.strings, h) for _, h, _, _ in table]
        written = [text[i:i + n] for _, _, i, n in table]
        lowers = [w.lower() for w in written]
        for sent in _sentences(doc):
            s_start, s_end = part.offset + sent.start_char, part.offset + sent.end_char
            first = sent.start
            found: list[tuple[object, Trigger]] = []
            headline_verbs: set[int] = set()
            for i in range(first, sent.end):
                pos = kinds[i]
                if pos is None:
                    continue
                if pos == "adv":  # a verb the tagger took for an adverb: "Kigali dément"
                    trig = next((words[k] for v in _verb_lemmas(lang, lowers[i]) if (k := (lang, "verb", v)) in words),
                                None)
                elif pos == "adj":  # participles tagged as adjectives: "4 personnes tuées", "Libéré"
                    trig = words.get((lang, "adj", lemmas[i])) or words.get((lang, "adj", lowers[i]))
                    if trig is None and not _participle(doc[i], lowers[i]):
                        continue  # "free trade", "prêt à": an adjective, not a verb
                    trig = trig or words.get((lang, "verb", lemmas[i])) or words.get((lang, "verb", _infinitive(lowers[i])))
                else:
                    trig = words.get((lang, pos, lemmas[i]))
                    if pos == "noun" and i > first and lowers[i - 1] == "to" and written[i][:1].isupper() and \
                            (as_verb := words.get((lang, "verb", lowers[i]))):
                        trig = as_verb  # a Title Case headline's "X to Pledge…", "Japan to Deport…": a verb
                        headline_verbs.add(i)
                    if trig is None and pos == "noun":
                        trig = words.get((lang, "noun", lowers[i])) or words.get((lang, "noun", lowers[i].rstrip("sx")))
                        if trig is None and _headline_verb(doc[i]):
                            trig = words.get((lang, "verb", lemmas[i]))
                        if trig is None and lang == "fr" and any(c.dep_ in ("aux:tense", "aux:pass", "aux")
                                                                 for c in doc[i].children):
                            # "a téléphoné" tagged a noun: a participle with its auxiliary is a verb
                            trig = words.get((lang, "verb", _infinitive(lowers[i])))
                    elif trig is None and pos == "verb" and lang == "fr" and lemmas[i].endswith("e"):
                        trig = words.get((lang, "verb", lemmas[i] + "r"))  # "demande" lemmatised as the noun
                    if trig is not None and pos == "noun" and doc[i].dep_ == "compound":
                        trig = None  # "aid worker", "strike force": the noun qualifies another
                if trig is not None:
                    found.append((doc[i], trig))
            if lang_phrases is None:
                lang_phrases = [(trig, _phrase_tokens(language, trig.form)) for trig in phrases.get(lang, [])]
            covered: dict[int, str] = {}
            phrase_words: dict[int, range] = {}
            if lang_phrases:
                words_of = list(zip(lemmas[first:sent.end], lowers[first:sent.end], strict=True))
                present = {w for pair in words_of for w in pair}
                for trig, pattern in lang_phrases:
                    if not all(p in present for p in pattern):
                        continue  # a word of the phrase is missing from the sentence: no need to look for it
                    for k in range(len(words_of) - len(pattern) + 1):
                        if all(p in words_of[k + n] for n, p in enumerate(pattern)):
                            span = range(first + k, first + k + len(pattern))
                            if any(j in covered for j in span):
                                break  # inside a longer phrase already found
                            head = _phrase_head(doc, span)
                            found.append((head, trig))
                            phrase_words[head.i] = span
                            for j in span:
                                covered.setdefault(j, trig.event_type)
                            break
            # a phrase wins over the single words it covers ("general strike", "tear gas")
            found = [(t, trig) for t, trig in found if trig.pos == "phrase" or t.i not in covered]
            def at_actor(h, kinds_=ACTOR_KINDS, part=part) -> bool:
                return any(m.start <= part.offset + h.idx < m.end and m.kind in kinds_ for m in actor_mentions)

            for i in range(first, sent.end):
                if kinds[i] in ("verb", "adj") and (mobilised := _forces_mobilised(doc[i], lang, sectors)) is not None:
                    found = [(t, trig) for t, trig in found if t.i != i or trig.event_type != "AID"]
                    if all(t.i != i or trig.event_type != "MOBILIZE" for t, trig in found):
                        found.append((doc[i], mobilised))
                if kinds[i] in ("verb", "adj") and (conceded := _conceded(doc[i], lang)) is not None:
                    ended = {h.i for h in conceded[1]}
                    found = [(t, trig) for t, trig in found if (t.i != i or trig.event_type == "CONCEDE") and not (
                        t.i in ended and trig.event_type in ("SANCTION", "COERCE", "ACCUSE", "REJECT"))]
                    if all(t.i != i for t, _ in found):
                        found.append((doc[i], conceded[0]))
                if kinds[i] == "verb" and (ruled := _by_object(doc[i], lang, sectors, at_actor)) is not None:
                    cut = {h.i for h in _object_nouns(doc[i])} if ruled.event_type == "SANCTION" else set()
                    found = [(t, trig) for t, trig in found if t.i != i and not (
                        t.i in cut and trig.event_type in ("AID", "COOPERATE", "CONCEDE"))] + [(doc[i], ruled)]
                if kinds[i] == "verb" and (lemmas[i] in USING or lemmas[i] + "r" in USING):
                    used = _weapons_used(doc[i], lang)
                    if used is not None and used[1].i not in covered and all(t.i != used[1].i for t, _ in found):
                        found.append((doc[i], used[0]))
            # "vowed to fight corruption", "combattre le chômage": no one is fought
            found = [(t, trig) for t, trig in found if not (
                trig.event_type == "ASSAULT" and t.lemma_.lower() in FIGHTING and any(
                    c.dep_ in ("obj", "dobj") and c.pos_ == "NOUN" and c.lemma_.lower() not in sectors and
                    not any(m.start <= part.offset + c.idx < m.end for m in actor_mentions) for c in t.children))]
            if not found:
                continue
            in_sentence = [m for m in actor_mentions if s_start <= m.start and m.end <= s_end]
            places = [m for m in mentions if s_start <= m.start and m.end <= s_end and m.kind == "place"]
            in_sentence += _acting_places(places, part, doc, {id(m) for m in in_sentence})
            ctx = _Sentence(doc, sent, text, lowers, written)
            generic, used = _sector_mentions(doc, sent, part, lemmas, lowers, sectors, in_sentence + places)
            in_sentence = sorted([m for m in in_sentence if id(m) not in used] + generic, key=lambda m: m.start)
            in_sentence += _named_subjects(found, part, mentions + generic)
            quoted = _quoted_ranges(ctx.text)
            in_sentence += _speaker_pronouns(ctx, part, quoted, in_sentence)
            in_sentence += _antecedents(ctx, part, in_sentence, actor_mentions)
            in_sentence += _own_countries(ctx, part, in_sentence)
            in_sentence.sort(key=lambda m: m.start)
            trigger_ids = {t.i: trig for t, trig in found}
            ctx.triggers = trigger_ids
            ctx.phrases = phrase_words
            ctx.headline_verbs = headline_verbs
            # a promise of sanctions or strikes is a threat ("en promettant des sanctions")
            found = [(t, dataclasses.replace(trig, event_type="THREATEN", mode="")
                      if trig.event_type == "AGREE" and (any(
                          _governed(t2, {t.i: trig, t2.i: trig2}) for t2, trig2 in found
                          if trig2.event_type in HOSTILE) or _reprisal_promised(t)) else trig) for t, trig in found]
            # calling supporters out to strike or demonstrate is the protest (PLOVER), the caller its actor
            found = [(t, dataclasses.replace(trig, event_type="PROTEST", mode=called.mode)
                      if trig.event_type == "REQUEST" and (called := next((trig2 for t2, trig2 in found
                                                                          if trig2.event_type == "PROTEST" and
                                                                          _governed(t2, {t.i: trig, t2.i: trig2})),
                                                                         None)) is not None else trig)
                     for t, trig in found]
            trigger_ids = {t.i: trig for t, trig in found}
            seen: set[tuple[int, str]] = set()
            sentence_events: set[tuple] = set()
            for tok, trig in found:
                if (tok.i, trig.event_type) in seen:
                    continue
                seen.add((tok.i, trig.event_type))
                at = part.offset + tok.idx
                if any(m.start <= at < m.end for m in mentions if m.kind != "place") and not _main_verb(tok):
                    continue  # "Conférence de la sécurité de Munich": the trigger is part of a name
                if any(lo <= tok.idx - ctx.start_char < hi for lo, hi in quoted) and not _reported(tok, ctx):
                    continue  # words inside quotation marks are a quoted name or phrase, not what happened
                if _governed(tok, trigger_ids):
                    continue  # "menace de frapper", "refused to meet": the threat or refusal is the event
                if tok.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "det" and c.lower_ in ANAPHORIC for c in tok.children):
                    continue  # "ces attaques": an event already reported
                if _aggregate(tok):
                    continue  # "200 000 arrestations", "have arrested 21,000 Palestinians since October": a tally
                if tok.pos_ == "NOUN" and tok.dep_ in ("nmod", "compound") and tok.head.lemma_.lower() in sectors and \
                        not any(c.dep_ == "case" and c.lower_ not in GENITIVE for c in tok.children):
                    continue  # "cour d'appel", "forces d'intervention": part of who, not what happened
                if lang == "fr" and trig.pos == "verb" and tok.lower_.endswith(("ant", "ants")) and (
                        any(c.dep_ == "det" for c in tok.children) or tok.dep_ == "amod" or
                        tok.dep_ == "acl" and trig.symmetric):
                    continue  # "l'opposant", "les vétérans combattant en Ukraine": who someone is, not what they did
                    # (a one-sided act so qualifying its doer, "des soldats tirant sur la foule", stays an event)
                if tok.pos_ == "NOUN" and (any(c.dep_ in ("case", "prep") and c.lower_ in UNDER for c in tok.children) or
                                           tok.dep_ in ("pobj", "obl", "obl:mod", "nmod") and tok.head.lower_ in UNDER or
                                           tok.head.lower_ == "coup" and any(c.lower_ in UNDER
                                                                            for c in tok.head.children)) and \
                        not any(a.lemma_.lower() in PLACING for a in list(tok.ancestors)[:3]):
                    continue  # "sous le coup de sanctions", "under sanctions", "sous blocus": a state, not an act
                if _not_done(tok):
                    continue  # "for failing to arrest suspects", "who plotted to kill the ambassador": not an act
                if trig.event_type == "PROTEST" and tok.pos_ == "VERB" and tok.lemma_.lower() in SHOWING and any(
                        c.dep_ in ("obj", "dobj", "ccomp") for c in tok.children):
                    continue  # "demonstrated its intention", "manifeste sa colère": showing, not a protest
                if trig.event_type == "THREATEN" and tok.lemma_.lower() in WARNING and any(
                        c.dep_ == "ccomp" and c.lemma_.lower() in PREDICTING for c in tok.children):
                    continue  # "warned that the attacks risked a wider war": a prediction, not a threat
                if tok.dep_ in ("case", "fixed", "mark", "cc") and trig.pos != "phrase":
                    continue  # "grâce à": a preposition, not a pardon
                if tok.pos_ == "NOUN" and tok.head.pos_ == "NOUN" and tok.head.i != tok.i and any(
                        c.dep_ == "case" and c.lower_ in TOPIC for c in tok.children):
                    continue  # "sa position sur les négociations", "a debate about sanctions": a topic
                if tok.i > 1 and doc[tok.i - 1].text in ("-", "‑") and not doc[tok.i - 1].whitespace_ and \
                        doc[tok.i - 2].text[:1].isupper():
                    continue  # "Iranian-backed", "US-led": a compound adjective, not an event
                for ev in _twins(_event(tok, trig, part, in_sentence, places, article_date, ctx), ctx):
                    ev.sentence, ev.start, ev.end = ctx.text, s_start, s_end
                    # one event per type and actors in a sentence ("will meet … for peace talks")
                    key = (ev.event_type, frozenset(m.key for m in (*ev.sources, *ev.participants)),
                           frozenset(m.key for m in ev.targets))
                    if key not in sentence_events:
                        sentence_events.add(key)
                        events.append(ev)
    return events


WEEKDAY_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "lundi", "mardi",
                 "mercredi", "jeudi", "vendredi", "samedi", "dimanche"}
FIGHTING = {"fight", "combattre", "combat", "battle", "lutter"}
UNDER = {"sous", "under"}
PLACING = {"placer", "mettre", "place", "put", "bring"}  # "placed under house arrest" is an act
# Verbs whose complement did not happen or is only schemed: "failed to arrest", "n'a pas réussi" is a
# negation already; "échoué à", "plotted to kill", "comploté pour assassiner".
NOT_DONE = {"fail", "échouer", "omettre", "plot", "comploter", "conspire", "conspirer", "scheme"}


def _not_done(tok) -> bool:
    t = tok
    while t.dep_ == "conj" and t.head.i != t.i and t.head.pos_ == t.pos_:
        t = t.head  # "failing to arrest and hand over suspects"
    return t.dep_ in ("xcomp", "advcl", "ccomp", "obl", "obl:arg") and (
        t.head.lemma_.lower() in NOT_DONE or _infinitive(t.head.lower_) in NOT_DONE)  # "comploté" tagged a noun


SHOWING = {"demonstrate", "manifester", "show", "montrer"}
WARNING = {"warn", "avertir", "prévenir", "alerter", "caution"}
PREDICTING = {"risk", "risquer", "threaten", "menacer", "lead", "mener", "entraîner", "provoquer"}


ACRONYM = re.compile(r"[A-ZÀ-Ý][A-ZÀ-Ý0-9&]{1,7}|[A-Z]{1,4}[0-9]{1,3}")
NAME_PARTS = {"compound", "flat", "flat:name"}


SENTENCE_END = re.compile(r"[.!?…]+[»”\"')\]]*\Z")


def _sentences(doc):
    """The parser's sentences, a piece that does not end with a full stop, a question or an
    exclamation mark joined to the next: the parser splits headlines and relative clauses
    ("Moscou, | qui refuse de reconnaître…"), but actors and triggers of one sentence go together."""
    start = None
    sents = list(doc.sents)
    for n, sent in enumerate(sents):
        if start is None:
            start = sent.start
        if n + 1 == len(sents) or SENTENCE_END.search(doc[sent.end - 1].text):
            yield doc[start:sent.end]
            start = None


def _named_subjects(found: list, part: Part, known: list[Mention]) -> list[Mention]:
    """Acronyms the actor stage did not return but the parse makes the subject of a trigger verb
    ("Le M23 réfute…", "the DUP rejected…") or a side of a meeting or a joint action ("une
    coopération entre la KCIA et…"): an organisation named by its acronym acts."""
    out: list[Mention] = []
    for tok, trig in found:
        if tok.pos_ in ("VERB", "AUX"):
            named = [c for c in tok.children if c.dep_ in SUBJECT]
        elif trig.shape == "symmetric":
            named = [h for prep, _, h in _complements(tok) if prep in WITH_PREPS]
        else:
            continue
        for c in named:
            if not ACRONYM.fullmatch(c.text) or c.pos_ not in ("PROPN", "NOUN", "PRON", "X"):
                continue
            if c.lower_ in PERSONAL or _mention_at(c, part, known) is not None:
                continue
            words = sorted([c, *(g for g in c.children if g.dep_ in NAME_PARTS and g.pos_ == "PROPN")], key=lambda t: t.i)
            if words[-1].i - words[0].i + 1 != len(words):
                words = [c]
            start, end = part.offset + words[0].idx, part.offset + words[-1].idx + len(words[-1].text)
            surface = part.text[start - part.offset:end - part.offset]
            m = Mention(f"organisation:{fold(surface)}", surface, "organisation", None, surface, start, end, 0)
            known = [*known, m]
            out.append(m)
    return out


# Verbs that report what someone said: the speaker of a quotation is their subject.
SAYING = {"dire", "déclarer", "affirmer", "souligner", "ajouter", "expliquer", "indiquer", "préciser", "assurer",
          "estimer", "annoncer", "lancer", "rappeler", "insister", "plaider", "confier", "martèler", "marteler",
          "say", "tell", "add", "state", "declare", "explain", "insist", "stress", "announce", "warn"}
# Verbs that tell of something: their subject is not the actor of the event they speak of.
TELLING = {"parler", "évoquer", "mentionner", "rapporter", "signaler", "relater", "raconter", "décrire", "citer",
           "talk", "speak", "mention", "report", "describe", "cite", "recount"}
FIRST_PERSON = {"nous", "je", "j'", "j’", "we", "i"}


HOMELAND = {"country", "nation", "pays", "patrie"}


def _own_countries(ctx: _Sentence, part: Part, known: list[Mention]) -> list[Mention]:
    """"British Foreign Minister Jack Straw said his country…", "la Russie et son pays…": "his
    country" is the country of the actor before it in the sentence (a country itself, or a person
    whose title carries a nationality adjective)."""
    doc = ctx.doc
    out = []
    for t in doc[ctx.start:ctx.end]:
        if t.lemma_.lower() not in HOMELAND or t.pos_ != "NOUN":
            continue
        owner = next((c for c in t.children if c.lower_ in POSSESSIVE and c.i < t.i), None)
        at = part.offset + t.idx
        if owner is None or any(m.start <= at < m.end for m in known):
            continue
        before = [m for m in known if m.end <= part.offset + owner.idx and m.kind in ("country", "person")]
        if not before:
            continue
        m = before[-1]
        code = m.country_code
        if m.kind == "person" and code is None:
            span = doc.char_span(m.start - part.offset, m.end - part.offset, alignment_mode="expand")
            head = span.root if span is not None else None
            code = next((cc for c in (head.children if head is not None else ()) if c.i < span.start
                         for w in c.subtree if (cc := _nationality_code(w))), None)
        entry = gazetteer.get(f"country:{code}") if code else None
        if entry is None:
            continue
        start, end = part.offset + owner.idx, at + len(t.text)
        out.append(Mention(entry.key, entry.canonical_name, "country", code, part.text[start - part.offset:end - part.offset],
                           start, end, m.sentence_index, origin="gazetteer"))
    return out


def _apposed(noun, part: Part, mentions: list[Mention]) -> list[Mention]:
    """The actor a title stands in apposition to, written just before it and a comma ("Kim Yong
    Chol, le vice-président du comité central, a rencontré…") when the parse did not link them."""
    left = noun.left_edge.i
    doc = noun.doc
    if left < 2 or doc[left - 1].text != ",":
        return []
    end = part.offset + doc[left - 2].idx + len(doc[left - 2].text)
    return [m for m in mentions if m.end == end and m.kind in ("person", "organisation", "country", "group")]


USING = {"utiliser", "employer", "use", "employ"}
ARMS = {"arme", "weapon", "gaz", "gas", "bombe", "bomb", "munition", "munitions"}
UNCONVENTIONAL = {"chimique", "biologique", "nucléaire", "chemical", "biological", "nuclear"}


def _weapons_used(verb, lang: str) -> tuple[Trigger, object] | None:
    """"a utilisé des armes chimiques contre", "used chemical weapons on": using weapons against
    someone is an assault (PLOVER ASSAULT; chemical, biological or nuclear arms are its
    unconventional mode). Weapons used with no one they are used against are no event."""
    arms = next((c for c in verb.children if c.dep_ in ("obj", "dobj") and c.lemma_.lower() in ARMS), None)
    against = TARGET_PREPS - {"à", "au", "aux", "to", "at"}
    if arms is None or not any(prep in against for w in (verb, arms) for prep, _, _ in _complements(w)):
        return None
    mode = "unconventional" if any(c.lemma_.lower() in UNCONVENTIONAL for c in arms.children) else ""
    return Trigger(lang, verb.lemma_.lower(), "verb", "ASSAULT", "directed", mode), arms


# Verbs that mobilise when what they move, add or try is a force or a weapon (PLOVER MOBILIZE:
# deploying or reinforcing forces, calling up reservists, testing weapons); with another object they
# are no mobilisation ("envoyer une lettre", "renforcer la coopération", "tester une application").
MOVING = {"créer", "create", "envoyer", "renforcer", "rappeler", "acheminer", "redéployer", "transférer", "masser", "placer",
          "mettre", "augmenter", "doubler", "tripler", "send", "reinforce", "bolster", "redeploy", "move", "rush",
          "transfer", "call", "put", "place", "strengthen", "increase", "boost", "double", "triple"}
TRYING = {"tester", "essayer", "test", "test-fire"}
FORCE_NOUNS = {"réserviste", "renfort", "renforts", "effectif", "effectifs", "contingent", "bataillon", "brigade",
               "division", "régiment", "escadron", "unité", "navire de guerre", "frégate", "destroyer", "porte-avions",
               "sous-marin", "reservist", "reservists", "reinforcement", "reinforcements", "battalion",
               "regiment", "squadron", "unit", "warship", "frigate", "aircraft carrier", "submarine", "peacekeeper",
               "casque bleu", "présence militaire", "dispositif", "dispositif de sécurité", "patrouille", "patrouilles",
               "patrol", "patrols", "security presence", "milice", "militia", "force", "forces",
               "military presence", "garrison", "garnison"}
SUPPORTING = {"soutenir", "aider", "appuyer", "épauler", "assister", "support", "help", "aid", "assist", "back",
              "prop"}
TESTED = {"missile", "roquette", "rocket", "ogive", "warhead", "arme", "weapon", "bombe", "bomb", "drone",
          "torpille", "torpedo", "lanceur", "launcher"}
RELIEF = {"secours", "sinistré", "sinistrés", "inondation", "séisme", "tremblement", "incendie", "ouragan",
          "cyclone", "relief", "disaster", "flood", "floods", "earthquake", "wildfire", "hurricane", "humanitaire",
          "humanitarian", "rescue", "sauvetage"}


def _object_nouns(verb) -> list:
    """What a verb acts on: its objects (the subject of its passive, the noun its participle
    qualifies) and the nouns they govern ("des dizaines de milliers de réservistes", "thousands of
    soldiers", "mettre fin au blocus")."""
    objects = [c for c in verb.children if c.dep_ in OBJECTS or c.dep_ in PASSIVE_SUBJECT]
    if verb.dep_ in ("acl", "amod") and verb.head.pos_ == "NOUN":
        objects.append(verb.head)  # "des renforts envoyés", "les sanctions levées"
    heads = list(objects)
    for _ in range(3):
        heads += [x for h in heads for x in h.children if x.dep_ in ("nmod", "prep", "pobj", "compound", "conj")
                  and x not in heads]
    return heads


# PLOVER CONCEDE: easing or ending a restriction or a penalty, and opening or allowing access. The
# verbs below concede only with such an object ("annuler une réunion" is a refusal, "retirer ses
# troupes" a retreat, "ouvrir une enquête" an investigation); the restriction they end is then no
# second event of its own ("lifted the curfew" imposes none).
ENDING = {"annuler", "abroger", "révoquer", "abandonner", "retirer", "mettre", "terminer", "commuer", "réduire",
          "lever", "assouplir", "alléger", "suspendre", "cancel", "revoke", "repeal", "rescind", "drop", "withdraw",
          "end", "commute", "reduce", "lift", "ease", "relax", "suspend", "waive"}
OPENING = {"rouvrir", "ouvrir", "autoriser", "permettre", "accorder", "garantir", "faciliter", "reopen", "open",
           "allow", "permit", "grant", "guarantee", "facilitate"}
RESTRICTIONS = {"sanction", "sanctions", "embargo", "blocus", "blockade", "couvre-feu", "curfew", "restriction",
                "restrictions", "interdiction", "ban", "siège", "siege", "confinement", "lockdown", "quarantaine",
                "quarantine", "poursuite", "poursuites", "charge", "charges", "peine", "sentence", "condamnation",
                "conviction", "gel", "freeze", "tarif", "tariff", "tariffs", "droit de douane", "droits de douane",
                "état d'urgence", "state of emergency", "emergency", "mandat d'arrêt", "arrest warrant", "visa ban",
                "expulsion", "deportation", "mesure", "mesures", "objection", "objections", "veto"}
ACCESS = {"accès", "access", "passage", "point de passage", "crossing", "frontière", "frontières", "border", "borders",
          "corridor", "port", "aéroport", "airport", "espace aérien", "airspace", "ambassade", "embassy", "consulat",
          "consulate", "entrée", "entry", "transit", "escale", "route", "road"}


def _named_as(h) -> set[str]:
    doc = h.doc
    out = {h.lemma_.lower(), h.lower_}
    if h.i > 0:
        out.add(f"{doc[h.i - 1].lower_} {h.lower_}")
    if h.i + 1 < len(doc):
        out.add(f"{h.lower_} {doc[h.i + 1].lower_}")
    if h.i + 2 < len(doc):
        out |= {f"{h.lower_} {doc[h.i + 1].lower_} {doc[h.i + 2].lower_}", f"{h.lower_} d'{doc[h.i + 2].lower_}"}
    return out


def _conceded(verb, lang: str) -> tuple[Trigger, list] | None:
    """"a levé le couvre-feu", "dropped the charges", "a mis fin au blocus", "reopened the border
    crossing", "garantit le transit": a concession, and the restriction nouns it ends."""
    lemma = verb.lemma_.lower()
    lemma = lemma if lemma in ENDING | OPENING else lemma + "r"
    if lemma not in ENDING | OPENING:
        return None
    if lemma in ("mettre", "end") and lang == "fr" and not any(c.lemma_.lower() == "fin" for c in verb.children):
        return None  # "mettre fin à"
    wanted = RESTRICTIONS if lemma in ENDING else ACCESS
    ended = [h for h in _object_nouns(verb) if h.pos_ in ("NOUN", "PROPN") and _named_as(h) & wanted]
    if not ended:
        return None
    return Trigger(lang, lemma, "verb", "CONCEDE", "directed", ""), ended


# Verbs whose category the codebook gives by what they act on: (verbs, object nouns or sectors,
# category, mode). "aider l'Ukraine", "accueillir des réfugiés", "larguer des vivres", "former des
# soldats", "released 50 million euros", "a convoqué l'ambassadeur", "a reconnu l'État de Palestine";
# with another object they are another event or none ("aider à comprendre", "accueillir un sommet",
# "larguer des bombes", "reconnaître une erreur").
ACTOR = "<actor>"
PERSON = "<person>"  # a person or a body named as its object: "défend Assa Traoré", not "défendre Kiev"
OBJECT_RULES = (
    ({"aider", "assister", "épauler", "help", "assist"}, {ACTOR, "civilians", "refugees", "military", "police"},
     "AID", ""),
    ({"accueillir", "héberger", "recueillir", "abriter", "shelter", "host", "take"}, {"refugees"}, "AID", ""),
    ({"larguer", "parachuter", "airdrop", "drop"}, {"vivres", "nourriture", "médicament", "médicaments", "aide",
                                                     "colis", "food", "aid", "supplies", "medicine", "parcel",
                                                     "parcels"}, "AID", ""),
    ({"former", "entraîner", "équiper", "armer", "train", "equip", "arm"}, {"military", "police", "militants",
                                                                           "rebels"}, "AID", ""),
    ({"débloquer", "verser", "libérer", "release", "disburse", "allocate", "allouer", "transfer", "donner", "give"},
     {"euro", "euros", "dollar", "dollars", "fonds", "fund", "funds", "tranche", "crédit", "crédits", "credit",
      "franc", "francs", "livre", "pound", "pounds", "aide", "aid"}, "AID", ""),
    ({"convoquer", "summon"}, {"ambassadeur", "ambassador", "chargé", "diplomate", "diplomat", "envoy",
                               "émissaire"}, "ACCUSE", "disapprove"),
    ({"question", "questionner", "interroger"}, {"suspect", "suspects", "suspected", "detainee", "detainees",
                                                 "prisoner", "prisoners", "witness", "witnesses", "détenu", "détenus",
                                                 "prisonnier", "prisonniers", "témoin", "témoins"},
     "ACCUSE", "investigate"),
    ({"couper", "bloquer", "restreindre", "suspendre", "cut", "block", "shut", "restrict", "suspend", "throttle"},
     {"internet", "réseaux sociaux", "social media", "messagerie", "messaging", "website", "websites"}, "COERCE",
     "censor"),
    ({"évacuer", "démanteler", "clear", "dismantle", "raze"}, {"camp", "campement", "camps", "campements", "squat",
                                                              "bidonville", "encampment", "encampments"},
     "COERCE", "restrict"),
    ({"bloquer", "barrer", "barricader", "block", "barricade"}, {"route", "routes", "autoroute", "autoroutes", "pont",
                                                               "rue", "rues", "axe", "axes", "voie", "voies", "road",
                                                               "roads", "highway", "highways", "bridge", "street",
                                                               "streets", "motorway", "motorways"},
     "PROTEST", "obstruct"),
    ({"rompre", "couper", "geler", "sever", "cut", "break", "downgrade"}, {"relations", "relation", "liens", "ties"},
     "SANCTION", "withdraw"),
    ({"tirer", "fire"}, {"balle", "balles", "bullet", "bullets", "round", "rounds", "chevrotine", "buckshot"},
     "ASSAULT", "firearms"),
    ({"tirer", "fire", "lancer", "launch"}, {"mortier", "mortiers", "obus", "mortar", "mortars", "shell", "shells",
                                             "artillerie", "artillery"}, "ASSAULT", "heavy-weapons"),
    ({"tirer", "fire", "lancer", "launch"}, {"roquette", "roquettes", "missile", "missiles", "rocket", "rockets",
                                             "grenade", "grenades"}, "ASSAULT", ""),
    ({"défendre", "defend"}, {PERSON}, "SUPPORT", ""),
    ({"parvenir", "conclure", "trouver", "reach", "clinch", "conclude", "hammer", "forge"},
     {"accord", "accords", "agreement", "agreements", "deal", "compromis", "compromise", "entente", "arrangement"},
     "AGREE", ""),
    ({"balayer", "repousser", "rejeter", "brush", "dismiss", "rebuff"},
     {"accusation", "accusations", "allégation", "allégations", "proposition", "propositions", "proposal",
      "proposals", "offre", "offer", "plan", "demande", "demandes", "request", "requests", "critique", "critiques",
      "criticism", "allegation", "allegations", "ultimatum"}, "REJECT", ""),
    ({"dissoudre", "interdire", "dissolve", "ban", "outlaw"},
     {"parti", "partis", "party", "parties", "association", "associations", "ong", "ngo", "ngos", "syndicat",
      "syndicats", "union", "unions", "mouvement", "movement", "organisation", "organisations", "organization",
      "organizations"}, "COERCE", "restrict"),
    ({"fermer", "suspendre", "close", "shut", "suspend"},
     {"journal", "journaux", "newspaper", "newspapers", "média", "médias", "media", "radio", "radios", "télévision",
      "chaîne", "chaînes", "channel", "channels", "station", "stations", "site", "sites", "website", "websites",
      "agence de presse", "news agency"}, "COERCE", "censor"),
    ({"take", "hold", "prendre", "détenir", "retenir"}, {"hostage", "hostages", "otage", "otages"}, "ASSAULT", "abduct"),
    ({"receive"}, {ACTOR, "president", "minister", "premier", "delegation", "envoy", "counterpart", "king",
                   "leader", "chancellor", "ambassador", "emir", "prince", "sultan"}, "CONSULT", "visit"),
    ({"partager", "échanger", "share", "exchange"}, {"renseignement", "renseignements", "intelligence",
                                                     "information", "informations", "données", "data"},
     "COOPERATE", ""),
    ({"rendre", "restituer", "rapatrier", "return", "repatriate", "hand"}, {"corps", "dépouille", "dépouilles",
                                                                           "bodies", "remains", "prisonnier",
                                                                           "prisonniers", "prisoners", "otage",
                                                                           "otages", "hostages"},
     "RETREAT", "release"),
    ({"rendre", "déposer", "remettre", "lay", "surrender", "hand", "give"}, {"arme", "armes", "arms", "weapons",
                                                                            "weapon"}, "RETREAT", "disarm"),
    ({"suspendre", "geler", "couper", "interrompre", "suspend", "freeze", "cut", "halt"},
     {"aide", "aid", "assistance", "financement", "financements", "funding", "coopération", "cooperation",
      "livraison", "livraisons", "deliveries", "subvention", "subventions", "grants", "loans", "prêt", "prêts"},
     "SANCTION", "discontinue"),
    ({"imposer", "relever", "augmenter", "impose", "slap", "raise", "increase"},
     {"tarif", "tarifs", "droit de douane", "droits de douane", "surtaxe", "surtaxes", "tariff", "tariffs",
      "duties"}, "SANCTION", ""),
    ({"décliner", "decline"}, {"invitation", "offre", "offer", "proposition", "proposal", "demande", "request",
                               "appel", "plan"}, "REJECT", ""),
    ({"reconnaître", "recognise", "recognize"}, {"état", "indépendance", "souveraineté", "state", "independence",
                                                 "sovereignty", "statehood"}, "SUPPORT", ""),
)
NAMED = {"obj", "dobj", "iobj", "dative", "obl:arg", "attr", "oprd", "xcomp"}  # OBJECTS and a name parsed as xcomp
RULE_VERBS = {v for verbs, _, _, _ in OBJECT_RULES for v in verbs} | {"leave"}


REPRISALS = {"représailles", "vengeance", "venger", "riposter", "riposte", "revanche", "revenge", "retaliation",
             "retaliate", "retribution", "avenge"}


def _reprisal_promised(tok) -> bool:
    """"ont juré de se venger", "vowed revenge", "promet une riposte": a promise of reprisal is a
    threat (PLOVER THREATEN), not an agreement."""
    near = [c for c in tok.children] + [g for c in tok.children for g in c.children]
    return any(t.lemma_.lower() in REPRISALS or t.lower_ in REPRISALS for t in near)


def _by_object(verb, lang: str, sectors: dict, mentions_at) -> Trigger | None:
    lemma = verb.lemma_.lower()
    lemma = lemma if lemma in RULE_VERBS else lemma + "r"
    if lemma not in RULE_VERBS:
        return None
    if lemma == "leave":  # "French troops left Niger": forces leaving a place withdraw (fr "quitter")
        sectors_moved = {sectors.get(c.lemma_.lower(), ("",))[0] for c in verb.children if c.dep_ in SUBJECT}
        return Trigger(lang, lemma, "verb", "RETREAT", "directed", "withdraw") if sectors_moved & {
            "military", "militants", "rebels"} else None
    heads = [h for h in _object_nouns(verb) if h.pos_ in ("NOUN", "PROPN", "NUM")]
    heads += [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "PROPN"]  # a name parsed as a complement
    if lemma in ("parvenir", "reach", "prendre", "retenir", "détenir", "take", "hold"):
        # "sont parvenus à un accord", "pris en otage", "took civilians hostage"
        heads += [c for c in verb.children if c.pos_ == "NOUN" and c.dep_ in (
            "obl", "obl:arg", "obl:mod", "oprd", "npadvmod", "advcl", "ccomp", "xcomp", "dobj", "obj")]
        heads += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    if lemma in ("tirer", "fire"):  # "a tiré à balles réelles sur", "fired live rounds at"
        heads += [c for c in verb.children if c.dep_ in ("obl", "obl:mod", "prep") and c.pos_ == "NOUN"]
        heads += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    if lemma == "take" and not any(c.dep_ == "prt" and c.lower_ == "in" for c in verb.children):
        return None  # "took in refugees"
    for verbs, wanted, event_type, mode in OBJECT_RULES:
        if lemma not in verbs or (event_type == "AGREE" and verb.dep_ in ("acl", "amod")):
            continue  # "l'accord conclu avec les talibans": an agreement referred to, not reached here
        for h in heads:
            sector = sectors.get(h.lemma_.lower())
            if _named_as(h) & wanted or (sector is not None and sector[0] in wanted) or (
                    ACTOR in wanted and h.dep_ in NAMED and h.head == verb and h.pos_ == "PROPN" and mentions_at(h)) or (
                    PERSON in wanted and h.dep_ in NAMED and h.head == verb and h.pos_ == "PROPN" and
                    mentions_at(h, ("person", "organisation"))):
                if event_type == "ASSAULT" and lemma in ("tirer", "fire", "lancer", "launch") and not any(
                        prep in ("at", "on", "against", "sur", "contre", "vers", "toward", "towards", "upon") and
                        g.ent_type_ not in ("DATE", "TIME") and g.lower_ not in WEEKDAY_WORDS
                        for prep, _, g in _complements(verb)) or any(c.lower_ == "test" for c in verb.children) or (
                        verb.i > 1 and verb.doc[verb.i - 2].lower_ == "test" and verb.doc[verb.i - 1].text == "-"):
                    # "fired a ballistic missile into the sea": fired at no one, a weapons test (MOBILIZE)
                    event_type, mode = ("MOBILIZE", "weapons") if h.lemma_.lower() in TESTED else (None, "")
                    if event_type is None:
                        return None
                shape = "symmetric" if event_type == "AGREE" else "directed"  # an agreement is reached together
                return Trigger(lang, lemma, "verb", event_type, shape, mode)
    return None


def _forces_mobilised(verb, lang: str, sectors: dict) -> Trigger | None:
    """"a envoyé des milliers de soldats", "reinforced its troops", "rappelé des réservistes",
    "tested a ballistic missile": a force moved or added, a weapon tried, is a mobilisation. Forces
    sent where a disaster or a relief operation is named are aid (PLOVER), not a mobilisation."""
    lemma = verb.lemma_.lower()
    if lemma not in MOVING and lemma not in TRYING and lemma + "r" not in MOVING | TRYING:
        return None
    heads = _object_nouns(verb)

    if lemma in TRYING or lemma + "r" in TRYING:
        return Trigger(lang, lemma, "verb", "MOBILIZE", "directed", "weapons") if any(
            h.lemma_.lower() in TESTED for h in heads if h.pos_ == "NOUN") else None
    modes = set()
    for h in heads:
        if h.pos_ != "NOUN":
            continue
        sector = sectors.get(h.lemma_.lower())
        if sector is not None and sector[0] in ("military", "police", "militants"):
            modes.add("police" if sector[0] == "police" else "militia" if sector[0] == "militants" else "troops")
        elif h.lemma_.lower() in FORCE_NOUNS or _named_as(h) & FORCE_NOUNS:
            modes.add("troops")
        elif h.lemma_.lower() in ("alerte", "alert", "readiness") and lemma in {"placer", "mettre", "put", "place"}:
            modes.add("troops")  # "placé en état d'alerte" reaches "alerte" through "état"
    if not modes or RELIEF & {t.lemma_.lower() for t in verb.sent}:
        return None
    if any(c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in SUPPORTING for c in verb.children):
        return None  # "sends troops into Afghanistan to support a regime": military assistance (AID)
    if lemma in {"placer", "mettre", "put", "place", "call"} and not any(
            h.lemma_.lower() in ("alerte", "alert", "readiness", "réserviste", "reservist", "reservists")
            for h in verb.subtree):
        return None  # "mettre", "put", "call" mobilise only on alert or for reservists
    return Trigger(lang, lemma, "verb", "MOBILIZE", "directed", sorted(modes)[0])


COPULAS = {"être", "devenir", "rester", "demeurer", "be", "become", "remain"}
HOLDER = {"pour", "selon", "for"}
CASUALTIES = {"mort", "morts", "victime", "victimes", "blessé", "blessés", "perte", "pertes", "décès", "dégât", "dégâts"}
# Verbs whose object noun is what their subject says or shows ("exprimer sa solidarité").
EXPRESSING = {"exprimer", "témoigner", "manifester", "adresser", "réitérer", "express", "voice", "extend", "reiterate"}
FORCES = {"military", "police", "militants", "rebels", "vessels"}


def _civilians_moved(tok, lang: str) -> bool:
    """Whether what a mobilisation verb moves is people of a civilian sector (experts, doctors,
    journalists) rather than a force."""
    sectors = sector_nouns().get(lang, {})
    moved = [c for c in tok.children if c.dep_ in OBJECTS or c.dep_ in PASSIVE_SUBJECT]
    if tok.dep_ in ("acl", "amod"):
        moved.append(tok.head)  # "des experts déployés"
    heads = [g for c in moved for g in (c, *(x for x in c.children if x.dep_ in ("nmod", "prep", "pobj")))]
    found = [sectors.get(h.lemma_.lower()) for h in heads if h.pos_ == "NOUN"]
    return any(e is not None and e[0] not in FORCES for e in found) and not any(
        e is not None and e[0] in FORCES for e in found)


def _reported_in(tok, verb) -> bool:
    """Whether `tok` is inside a clause that `verb` reports (a complement clause on the way up)."""
    t = tok
    while t.i != verb.i and t.head.i != t.i:
        if t.dep_ in ("ccomp", "parataxis"):
            return True
        t = t.head
    return False


def _speaker_pronouns(ctx: _Sentence, part: Part, quoted: list[tuple[int, int]], known: list[Mention]) -> list[Mention]:
    """"« Nous prévoyons d'expulser… », a souligné le ministre": a first-person pronoun inside a
    quotation is its speaker, the subject of the verb of saying outside it (the pronoun's words,
    the speaker's identity)."""
    if not quoted:
        return []
    doc, base = ctx.doc, ctx.start_char

    def inside(t) -> bool:
        return any(lo <= t.idx - base < hi for lo, hi in quoted)

    speakers = [m for t in doc[ctx.start:ctx.end] if t.lemma_.lower() in SAYING and t.pos_ == "VERB" and not inside(t)
                for c in t.children if c.dep_ in SUBJECT and not inside(c) for m in _mentions_under(c, part, known)]
    if not speakers:
        return []
    speaker = speakers[0]
    out = []
    for t in doc[ctx.start:ctx.end]:
        if t.lower_ in FIRST_PERSON and t.pos_ == "PRON" and t.dep_ in SUBJECT and inside(t):
            start = part.offset + t.idx
            out.append(dataclasses.replace(speaker, surface=t.text, start=start, end=start + len(t.text)))
    return out


# Third-person subject pronouns and the kinds of actor they can stand for: "he"/"she" a person;
# "it" a country or a body; "il"/"elle" any one actor; the plural ones an actor seen as several.
PRONOUN_KINDS = {"he": {"person"}, "she": {"person"}, "it": {"country", "organisation"},
                 "il": {"person", "country", "organisation"}, "elle": {"person", "country", "organisation"},
                 "ils": {"group", "country", "organisation"}, "elles": {"group"}, "they": {"group", "organisation"}}


def _antecedents(ctx: _Sentence, part: Part, known: list[Mention], mentions: list[Mention]) -> list[Mention]:
    """"Le président nigérien … Il n'interdira pas…": a third-person subject pronoun with no actor
    before it in its sentence stands for the subject of an earlier sentence of the same paragraph
    (the nearest, at most two sentences back) when that subject is an actor of a kind the pronoun
    can stand for; the pronoun's words, the antecedent's identity. Otherwise it stands for no one."""
    doc = ctx.doc
    out = []
    for t in doc[ctx.start:ctx.end]:
        kinds = PRONOUN_KINDS.get(t.lower_)
        if kinds is None or (t.dep_ not in SUBJECT and t.dep_ not in PASSIVE_SUBJECT) or t.pos_ != "PRON":
            continue
        at = part.offset + t.idx
        if any(m.start < at for m in known):
            continue  # "Tony Blair says he…": the sentence has its own antecedent
        antecedent = None
        earlier = [s for s in doc.sents if s.end <= ctx.start][-2:]
        for sent in reversed(earlier):
            for w in sent:
                if w.dep_ in SUBJECT and w.head.pos_ in ("VERB", "AUX") and w.pos_ in ("PROPN", "NOUN"):
                    lo, hi = part.offset + w.left_edge.idx, part.offset + w.right_edge.idx + len(w.right_edge.text)
                    ms = [m for m in mentions if lo <= m.start and m.end <= hi and m.kind in kinds]
                    people = [m for m in ms if m.kind == "person"]
                    if len({m.key for m in people or ms}) == 1:  # "le président nigérien Mohamed Bazoum": the person
                        antecedent = (people or ms)[0]
                        break
            if antecedent is not None:
                break
        if antecedent is not None:
            out.append(dataclasses.replace(antecedent, surface=t.text, start=at, end=at + len(t.text)))
    return out


SPAN_START = {"since", "depuis"}
MANY = {"thousands", "milliers", "hundreds", "centaines", "dizaines de milliers", "millions"}


def _count(tok) -> float:
    """The number a count word says ("21,000", "200 000", "thousands"), or 0."""
    if tok.lower_ in MANY:
        return 1000.0
    digits = tok.text.replace(",", "").replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace(".", "")
    return float(digits) if digits.isdigit() else 0.0


def _aggregate(tok) -> bool:
    """A tally over time, not one event (the codebook codes no aggregate statistics): an event noun
    counted in hundreds ("200 000 arrestations"), or a verb whose object counts thousands over a
    span that starts in the past ("have arrested nearly 21,000 Palestinians since October 7")."""
    def counted(t) -> float:
        best, run, last = 0.0, "", -2
        for c in t.children:  # "20 000" is two tokens: digits written next to each other are one number
            if c.dep_ not in ("nummod", "det", "amod", "quantmod", "nmod"):
                continue
            if c.lower_ in MANY:
                best = max(best, 1000.0)
            elif c.text.replace(",", "").replace(".", "").isdigit():
                run = run + c.text if c.i == last + 1 else c.text
                last = c.i
                best = max(best, _count(c) if run == c.text else float(run.replace(",", "").replace(".", "")))
        return best

    if tok.pos_ == "NOUN":
        return counted(tok) >= 100
    if tok.pos_ != "VERB":
        return False
    since = any(prep in SPAN_START for prep, _, _ in _complements(tok)) or any(
        c.lower_ in SPAN_START for c in tok.children if c.dep_ in ("prep", "mark", "case"))
    return since and any(counted(c) >= 1000 for c in tok.children if c.dep_ in OBJECTS | {"obj"})


def _main_verb(tok) -> bool:
    """A verb with its own subject: never part of a name, whatever a Title Case headline made the
    actor stage read ("Japan to Deport Ex-Chess Champion…")."""
    return tok.pos_ == "VERB" and any(c.dep_ in SUBJECT for c in tok.children)


def _reported(tok, ctx: _Sentence) -> bool:
    """Whether a trigger inside quotation marks is reported speech or a quoted headline (a clause
    with its own verb: « Nous prévoyons d'expulser… », « Menderes jure qu'il… »), which the
    codebook codes like any report, rather than a quoted name or expression."""
    root = tok
    while root.head.i != root.i and ctx.start <= root.head.i < ctx.end and root.dep_ not in ("ccomp", "parataxis"):
        root = root.head
    clause = [t for t in root.subtree if ctx.start <= t.i < ctx.end]
    return any(t.pos_ in ("VERB", "AUX") for t in clause) and len(clause) >= 4


PRISON = {"prison", "jail", "jailed", "emprisonnement", "réclusion", "prisons", "ferme"}


def _twins(ev: EventCandidate | None, ctx: _Sentence) -> list[EventCandidate]:
    """The event, and the second event the codebook gives the same words: a prison sentence is a
    conviction (SANCTION) and a detention (COERCE); a scheduled meeting (CONSULT, planned) is also
    an intent to meet (AGREE)."""
    if ev is None:
        return []
    out = [ev]
    words = set(ctx.lower)
    twin = None
    if ev.event_type == "SANCTION" and ev.plover_mode == "convict" and words & PRISON:
        twin = ("COERCE", "arrest")
    elif ev.event_type == "COERCE" and ev.plover_mode == "arrest" and words & COURT and words & PRISON:
        twin = ("SANCTION", "convict")
    elif ev.event_type == "CONSULT" and ev.mode == "planned":
        twin = ("AGREE", None)
    if twin is not None:
        out.append(dataclasses.replace(ev, event_type=twin[0], plover_mode=twin[1]))
    return out


def _headline_verb(tok) -> bool:
    """A capitalised verb a headline's parse took for a proper noun ("Iran Destroys…", "Bomb Kills…")."""
    return tok.pos_ == "PROPN" and tok.dep_ not in ("compound", "flat", "flat:name", "nmod", "amod", "appos") and \
        not any(c.dep_ == "det" for c in tok.children)


TOPIC = {"sur", "about", "concernant", "regarding", "autour"}
COOPERATIVE = {"CONSULT", "AGREE", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}
HOSTILE = {"SANCTION", "ASSAULT", "COERCE", "MOBILIZE"}
ANAPHORIC = {"ces", "cette", "ce", "cet", "these", "those", "this", "that"}
# Categories whose complement is their content, not a second event: the threat, the request,
# the refusal, the promise or the accusation is what happened ("menace de frapper", "calls for
# the release", "refused to meet", "agreed to withdraw", "accused of attacking").
GOVERNING = {"THREATEN", "REQUEST", "REJECT", "AGREE", "ACCUSE"}
CONTENT_DEPS = {"xcomp", "ccomp", "obj", "dobj", "obl", "obl:arg", "nmod", "pcomp", "pobj", "prep", "acl", "iobj"}


REASON = {"for", "pour"}
CONDITION = {"unless", "if", "si", "sauf"}


def _governed(tok, triggers: dict[int, Trigger]) -> bool:
    """Whether `tok` is the content of a governing trigger above it (within three steps)."""
    t = tok
    while t.dep_ == "conj" and t.head.i != t.i and t.pos_ == "NOUN" and t.head.pos_ == "NOUN":
        t = t.head  # "demanding an end to operations and the pullout of forces": both are the content
    reason = False  # "jailed for the bombing", "condamné pour l'attentat": the charge
    condition_seen = False
    for _ in range(3):
        condition = t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITION for c in t.children)
        condition_seen = condition_seen or condition
        if (t.dep_ not in CONTENT_DEPS and not condition) or t.head.i == t.i:
            return False  # an ultimatum's condition ("… unless U.S. forces withdraw") is part of it
        reason = reason or t.lower_ in REASON or any(c.dep_ in ("case", "mark") and c.lower_ in REASON
                                                     for c in t.children)
        t = t.head
        trig = triggers.get(t.i)
        if trig is not None and reason and trig.event_type in ("SANCTION", "COERCE"):
            return True  # the act a conviction or an arrest is for is its charge, not a second report
        if trig is not None:
            if tok.pos_ in ("NOUN", "PROPN") and (trig.event_type == "ACCUSE" or trig.event_type == "REJECT" and
                                                  triggers[tok.i].event_type not in COOPERATIVE):
                return False  # "condamne les frappes", "réfute les accusations": both happened
            if trig.event_type not in GOVERNING and condition_seen:
                return _governed(t, triggers)  # "threatened to execute him unless forces withdraw": one threat
            return trig.event_type in GOVERNING and trig.event_type != triggers[tok.i].event_type
    return False


def _phrase_head(doc, span: range):
    """The token of a phrase that the rest of the sentence attaches to: the one whose head is outside."""
    for j in span:
        if doc[j].head.i not in span or doc[j].head.i == j:
            if doc[j].pos_ in ("VERB", "NOUN", "PROPN", "AUX", "ADJ"):
                return doc[j]
    return doc[span[0]]


_PARTICIPLE_ENDS = ("é", "ée", "és", "ées", "i", "ie", "is", "ies", "u", "ue", "us", "ues", "it", "ite", "its", "ites",
                    "ert", "erte", "erts", "ertes", "ed", "en")


def _participle(tok, lower: str) -> bool:
    return tok.tag_ in ("VBN", "VBD") or "Part" in tok.morph.get("VerbForm") or \
        (tok.lang_ == "fr" and lower.endswith(_PARTICIPLE_ENDS))


def _infinitive(word: str) -> str:
    """French past participle → infinitive ("tuées" → "tuer", "libéré" → "libérer"), for participles
    the parser tags as adjectives."""
    for end in ("ées", "és", "ée", "é"):
        if word.endswith(end):
            return word[:-len(end)] + "er"
    return word


@cache
def sector_nouns() -> dict[str, dict[str, tuple[str, bool, bool]]]:
    """language → noun lemma → (sector, as the country when one is given, a victim)."""
    out: dict[str, dict[str, tuple[str, bool, bool]]] = {}
    for lang, noun, sector, flags in read_table("event_sectors.tsv", 4):
        out.setdefault(lang, {})[noun] = (sector, "state" in flags.split(), "victim" in flags.split())
    return out


def _sector_mentions(doc, sent, part: Part, lemmas: list[str], lowers: list[str], sectors: dict,
                     known: list[Mention]) -> tuple[list[Mention], set[int]]:
    """Generic actors of a sentence: a sector noun ("police", "manifestants", "officials") with the
    country a nationality adjective ("la police turque", "Palestinian militants") or a place or
    country complement ("Police in Kenya", "des manifestants à Téhéran") gives. Returns the
    mentions and the ids of the known mentions they absorbed (the qualifying country or place)."""
    out: list[Mention] = []
    used: set[int] = set()
    for i in range(sent.start, sent.end):
        entry = sectors.get(lemmas[i]) or sectors.get(lowers[i])
        first = i
        if i > sent.start and doc[i - 1].dep_ in ("compound", "amod") and doc[i - 1].head.i == i and \
                (pair := sectors.get(f"{lowers[i - 1]} {lemmas[i]}")):
            entry, first = pair, i - 1  # "rights groups", "aid agencies": a sector named by two nouns
        last = i
        if i + 1 < sent.end and doc[i + 1].dep_ == "amod" and doc[i + 1].head.i == i and \
                (pair := sectors.get(f"{lemmas[i]} {lemmas[i + 1]}")):
            entry, last = pair, i + 1  # "des hommes armés", "un groupe armé": a noun and its adjective
        if entry is None or doc[i].pos_ not in ("NOUN", "PROPN"):
            continue
        tok = doc[i]
        at = part.offset + tok.idx
        if any(m.start <= at < m.end for m in known):
            continue  # part of a name: "Police nationale" as an organisation, "Armée rouge"
        sector, state, victim = entry
        code, lo, hi = None, first, last
        for c in tok.children:
            if c.dep_ in ("amod", "compound", "nmod", "flat", "flat:name", "acl") and c.pos_ in ("ADJ", "PROPN", "NOUN",
                                                                                                "VERB"):
                cc = _nationality_code(c)
                if cc:
                    code, lo, hi = cc, min(lo, c.i), max(hi, c.i)
                    break
        if code is None:
            for c in tok.children:
                heads = [g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" else [c]
                prep = c.lower_ if c.dep_ == "prep" else next((g.lower_ for g in c.children if g.dep_ == "case"), "")
                if prep not in ("in", "from", "of", "à", "a", "en", "de", "du", "d'", "d’", "au") and c.dep_ != "compound":
                    continue
                for h in heads:
                    m = _mention_at(h, part, known)
                    if m is not None and m.country_code and m.kind in ("country", "place"):
                        code, hi = m.country_code, max(hi, h.right_edge.i if m.kind == "country" else h.i)
                        used.add(id(m))
                        break
                if code:
                    break
        if code is None and state and not (tok.dep_ in SUBJECT and tok.head.pos_ in ("VERB", "AUX") and
                                            tok.lemma_.lower() in COLLECTIVE_BODIES):
            # "le ministre", "officials" alone: whose is not said (one person is named elsewhere);
            # a body doing something ("les autorités ont ordonné", "Authorities insisted") acts,
            # as that body
            continue
        start, end = part.offset + doc[lo].idx, part.offset + doc[hi].idx + len(doc[hi].text)
        surface = part.text[start - part.offset:end - part.offset]
        sent_index = next((m.sentence_index for m in known), 0)
        if code is not None and state:
            entry_c = gazetteer.get(f"country:{code}")
            if entry_c is not None:
                out.append(Mention(entry_c.key, entry_c.canonical_name, "country", code, surface, start, end,
                                   sent_index, origin="gazetteer"))
                continue
        if code is not None:
            entry_c = gazetteer.get(f"country:{code}")
            if entry_c is not None and sector in actors.BODIES.values():
                # a state body ("des policiers turcs") is the actor the actors stage names ("la police
                # turque"): one actor per body and country
                key, name = actors.state_body(entry_c, sector)
                out.append(Mention(key, name, "organisation", code, surface, start, end, sent_index,
                                   role=("victim" if victim else None)))
                continue
            name = f"{entry_c.canonical_name if entry_c else code}: {sector}"
            out.append(Mention(f"group:{code}:{sector}", name, "group", code, surface, start, end, sent_index,
                               role=("victim" if victim else None)))
        else:
            out.append(Mention(f"group:{sector}", sector, "group", None, surface, start, end, sent_index,
                               role=("victim" if victim else None)))
    return out, used


COLLECTIVE_BODIES = {"gouvernement", "autorité", "exécutif", "régime", "junte", "government", "authority", "authorities",
                     "administration", "regime", "junta"}


def _acting_places(places: list[Mention], part: Part, doc, known: set[int]) -> list[Mention]:
    """A place named without a locative preposition, which stands for its country ("Kigali dément",
    "Paris et Luanda appellent", "bombarde la bande de Gaza"): the country, with the place's words."""
    out = []
    for m in places:
        if id(m) in known or not m.country_code or _after_locative(m, part, doc):
            continue
        entry = gazetteer.get(f"country:{m.country_code}")
        if entry is not None:
            out.append(Mention(entry.key, entry.canonical_name, "country", m.country_code, m.surface, m.start, m.end,
                               m.sentence_index, origin="gazetteer"))
    return out


def _nationality_code(word) -> str | None:
    for piece in word.text.lower().replace("‑", "-").split("-"):
        code = nationalities().get(piece)
        if code:
            return code
    return None


def _mention_at(token, part: Part, mentions: list[Mention]) -> Mention | None:
    at = part.offset + token.idx
    return next((m for m in mentions if m.start <= at < m.end), None)


@cache
def _pos_kinds() -> dict[int, str]:
    """spaCy's coarse part-of-speech ids -> the trigger kinds of the lexicon."""
    from spacy.parts_of_speech import ADJ, ADV, AUX, NOUN, PROPN, VERB

    return {VERB: "verb", AUX: "verb", NOUN: "noun", PROPN: "noun", ADJ: "adj", ADV: "adv"}


@cache
def _verb_lemmas(lang: str, form: str) -> tuple[str, ...]:
    """The verbs `form` can be a form of, by the language model's own lemmatiser tables (its
    exceptions, then its suffix rules checked against its verb index)."""
    model = nlp.pipeline(lang)
    if model is None or "lemmatizer" not in model.pipe_names:
        return ()
    lookups = model.get_pipe("lemmatizer").lookups
    tables = {name: lookups.get_table(name) for name in ("lemma_exc", "lemma_rules", "lemma_index")
              if lookups.has_table(name)}
    if "lemma_exc" in tables and (known := tables["lemma_exc"].get("verb", {}).get(form)):
        return tuple(known)
    index = set(tables["lemma_index"].get("verb", ())) if "lemma_index" in tables else set()
    rules = tables["lemma_rules"].get("verb", ()) if "lemma_rules" in tables else ()
    return tuple(dict.fromkeys(form[:-len(old)] + new for old, new in rules if old and form.endswith(old)
                               and form[:-len(old)] + new in index))


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
    """A sentence and what its triggers share: its text, its tokens' texts as written and in lower
    case, its dates (worked out once per sentence, not once per trigger)."""

    __slots__ = ("doc", "start", "end", "lower", "words", "text", "start_char", "triggers", "phrases", "headline_verbs",
                 "_dates")

    def __init__(self, doc, span, doc_text: str, lowers: list[str], written: list[str]):
        self.doc, self.start, self.end = doc, span.start, span.end
        self.lower = lowers[span.start:span.end]
        self.words = written[span.start:span.end]
        self.triggers: dict[int, Trigger] = {}  # token index → the trigger found there
        self.phrases: dict[int, range] = {}  # a phrase trigger's head → the tokens of the phrase
        self.headline_verbs: set[int] = set()  # verbs a Title Case headline's parse took for nouns
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
    model = nlp.pipeline(language) or nlp.tokenizer_only()
    return tuple(t.text.lower() for t in model.tokenizer(phrase))


# subtrees of these do not name the argument itself ("la police, qui a …", "the man who …")
PRUNE = {"acl:relcl", "relcl", "acl", "advcl", "ccomp", "parataxis", "punct", "appos", "dep", "xcomp"}


def _span_tokens(token) -> set[int]:
    out, stack = set(), [token]
    while stack:
        t = stack.pop()
        out.add(t.i)
        stack.extend(c for c in t.children if c.dep_ not in PRUNE and not _agent_phrase(c))
    return out


def _agent_phrase(t) -> bool:
    """"by Kenyan soldiers", "par la Pologne" hanging inside a noun phrase: who acted, not part of it."""
    return (t.dep_ == "prep" and t.lower_ == "by") or t.dep_ in ("agent", "obl:agent") or (
        t.dep_ == "nmod" and any(c.dep_ == "case" and c.lower_ == "par" for c in t.children))


def _mentions_under(token, part: Part, mentions: list[Mention]) -> list[Mention]:
    """Actor mentions in the phrase `token` heads (without its relative and adverbial clauses)."""
    ids = _span_tokens(token)
    doc = token.doc
    out = []
    for m in mentions:
        span = doc.char_span(m.start - part.offset, m.end - part.offset, alignment_mode="expand")
        if span is not None and any(t.i in ids for t in span):
            out.append(m)
    return out


_CLAUSE_END = re.compile(r"[;:.!?]")
_CLAUSE_BREAK = re.compile(r"[,;:.!?(]")


def _linear(tok, part: Part, mentions: list[Mention], before: bool, ctx: _Sentence,
            exclude: Sequence[Mention] = ()) -> list[Mention]:
    """When the parse gives nothing (headlines often parse badly): the nearest actor before the
    trigger in the same clause (passing over the ones in `exclude`: "journalists they were
    holding" are not who holds them), or the actors after it up to the next clause break."""
    t0 = part.offset + tok.idx
    t1 = t0 + len(tok.text)
    text = ctx.text
    base = part.offset + ctx.start_char
    if before:
        cands = [m for m in mentions if m.end <= t0 and t0 - m.end <= 80 and m not in exclude
                 and not _CLAUSE_END.search(text[m.end - base:t0 - base])]
        return cands[-1:] if cands else []
    stop = _CLAUSE_BREAK.search(text[t1 - base:])
    limit = t1 + (stop.start() if stop else len(text))
    return [m for m in mentions if t1 <= m.start and m.end <= limit + 1]


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
    while head.i != tok.i and hops < 3:
        if head.pos_ in ("VERB", "AUX"):
            return head
        tok, head, hops = head, head.head, hops + 1
    return None


def _complements(tok):
    """(preposition, dependency, head token) of each complement of `tok`: French marks the
    preposition as a `case` child of the noun, English makes it the head (`prep` → `pobj`)."""
    for c in tok.children:
        if c.dep_ in ("prep", "agent"):
            for g in c.children:
                if g.dep_ in ("pobj", "pcomp"):
                    yield c.lower_, c.dep_, g
                    yield from ((c.lower_, c.dep_, h) for h in g.children if h.dep_ == "conj")
        else:
            case = [g.lower_ for g in c.children if g.dep_ in ("case", "mark") and g.i < c.i]
            yield (" ".join(case), c.dep_, c)


SOURCE_PREPS = {"par", "by"}
TARGET_PREPS = {"contre", "sur", "à", "au", "aux", "vers", "against", "on", "at", "to", "toward", "towards", "into",
                "upon", "envers", "visant"}
WITH_PREPS = {"avec", "with", "entre", "between", "among", "parmi"}
GENITIVE = {"de", "du", "des", "d'", "d’", "of"}
SUBJECT = {"nsubj", "csubj", "expl:subj"}
PASSIVE_SUBJECT = {"nsubj:pass", "nsubjpass", "csubjpass"}
OBJECTS = {"obj", "dobj", "iobj", "dative", "obl:arg", "attr", "oprd"}
INHERIT_DEPS = {"xcomp", "conj", "advcl", "acl", "ccomp", "obj", "dobj", "obl:arg", "nmod", "pobj", "pcomp"}
SUFFER = {"face", "subir", "suffer", "endure", "undergo", "fear", "craindre", "redouter", "éviter", "avoid", "prevent",
          "empêcher", "dénoncer", "condamner", "condemn", "denounce", "survivre", "survive", "échapper", "escape"}
WORDS_SENT = {"message", "lettre", "letter", "signal", "note", "courrier", "condoléances", "condolence", "condolences",
              "greeting", "greetings", "félicitations", "congratulations", "avertissement", "warning", "invitation"}
CLAIM = {"revendiquer", "claim"}
HOSTS = {"recevoir", "accueillir", "host", "receive", "welcome"}
DIPLOMATIC = {"diplomate", "diplomates", "ambassadeur", "ambassadeurs", "diplomat", "diplomats", "ambassador",
              "ambassadors", "ambassade", "embassy", "consul"}
COURT = {"prison", "tribunal", "cour", "juge", "peine", "amende", "court", "judge", "sentence", "réclusion", "perpétuité"}


def _event(tok, trig: Trigger, part: Part, mentions: list[Mention], places: list[Mention],
           article_date: dt.date | None, ctx: _Sentence) -> EventCandidate | None:
    place_ids = {id(m) for m in places if _after_locative(m, part, tok.doc)}
    mentions_all = mentions
    at = part.offset + tok.idx
    mentions = [m for m in mentions if id(m) not in place_ids
                and not (m.start <= at < m.end and m.kind != "group" and _main_verb(tok))]  # a name read over a verb
    unplaced = [m for m in mentions if not _after_locative(m, part, tok.doc)]  # for the linear fallback
    is_verb = tok.pos_ in ("VERB", "AUX", "ADV") or (tok.pos_ == "ADJ" and trig.pos != "noun") or \
        tok.i in ctx.headline_verbs
    sources: list[Mention] = []
    targets: list[Mention] = []
    together: list[Mention] = []
    own = [m for m in mentions if m.start <= part.offset + tok.idx < m.end]  # "protesters" is its own actor
    # passive: a passive auxiliary, or a passive subject the parse gives a verb whose perfect is
    # made with "avoir"/"have" ("Il a condamné" parsed with a passive subject is active)
    passive = any(c.dep_ in ("aux:pass", "auxpass") for c in tok.children) or _headline_passive(tok) or (
        any(c.dep_ in ("nsubj:pass", "nsubjpass") for c in tok.children) and
        not any(c.dep_.startswith("aux") and c.lemma_.lower() in ("avoir", "have") for c in tok.children))
    # the trigger's own subject, written before it: whoever it names (an actor, a pronoun, a noun
    # that is no actor), the event is not taken from another clause's subject nor from nearby words
    subject = next((c for c in tok.children if (c.dep_ in SUBJECT or c.dep_ in PASSIVE_SUBJECT) and c.i < tok.i
                    and c.pos_ in ("PRON", "NOUN", "PROPN")), None) if is_verb else None
    participle = tok.dep_ in ("acl", "amod") and tok.tag_ != "VBG" and _participle(tok, tok.lower_) and \
        tok.head.pos_ in ("NOUN", "PROPN", "PRON")
    lang = tok.lang_
    for prep, dep, head in _complements(tok):
        if dep == "amod":  # "l'attaque terroriste hier à Liège": the adjective, not its complements
            found = [m for m in mentions if m.start <= part.offset + head.idx < m.end and m not in own]
        elif dep in SUBJECT and head.pos_ == "PRON" and tok.dep_ in ("relcl", "acl:relcl") and _relative(head):
            # "pilots who rescued hundreds", "la police, qui a arrêté…": the noun the clause qualifies
            found = _mentions_under(tok.head, part, mentions) or _nationals(tok.head, part)
        else:
            found = [m for m in _mentions_under(head, part, mentions) if m not in own] or _nationals(head, part)
            if not found and dep in SUBJECT | PASSIVE_SUBJECT and head.pos_ == "NOUN":
                found = _apposed(head, part, mentions)  # "Kim Yong Chol, le vice-président du comité, a rencontré"
            if not found and dep in OBJECTS and head.pos_ == "NOUN" and head.lemma_.lower() not in PLACE_NOUNS:
                # "a rencontré le secrétaire d'État américain": the nationality anywhere in its title
                span = _span_tokens(head)
                found = [m for t in head.subtree if t.dep_ == "amod" and t.i in span
                         for m in _adjective_countries_of(t, part)]
        if not found:
            continue
        if not is_verb and prep in FROM and trig.event_type in FROM_SOURCE:
            sources.extend(found)  # "an extradition request from the United States", "aid from Japan"
        elif dep in SUBJECT:
            (targets if passive else sources).extend(found)
        elif dep in PASSIVE_SUBJECT:
            (targets if passive else sources).extend(found)
        elif dep in ("obl:agent", "agent") or prep in SOURCE_PREPS:
            sources.extend(found)
        elif prep in WITH_PREPS:
            together.extend(found)
        elif dep in ("amod", "nmod:poss", "poss") or (dep == "compound" and not is_verb):
            sources.extend(found)
        elif prep in GENITIVE or (dep == "nmod" and not prep):
            if is_verb or _is_trigger(head, lang):
                targets.extend(found)  # "its boycott of talks with the Irish government": whom the talks involve
            elif trig.shape == "patient" or any(m.role == "victim" for m in found):
                targets.extend(found)
            else:
                sources.extend(found)
        elif passive and prep in FROM and trig.event_type in FROM_SOURCE | {"COOPERATE", "COERCE"} and \
                any(m.kind == "country" and m.start <= part.offset + head.idx < m.end for m in found):
            # "will be extradited from Austria", "were expelled from France": who gave them up
            sources.extend(m for m in found if m.kind == "country" and m.start <= part.offset + head.idx < m.end)
        elif prep in LOCATIVE_ONLY or (prep in ("à", "au", "aux", "at") and tok.lemma_.lower() not in RECIPIENT_VERBS
                                       and all(m.kind in ("country", "place") for m in found)):
            continue  # "l'attaque à Liège", "in Baghdad": where, not whom
        elif dep in OBJECTS or prep in TARGET_PREPS or dep in ("obl", "obl:mod", "nmod", "prep", "pobj"):
            targets.extend(found)
            if dep in OBJECTS:  # "le ministère de la Défense turc": the body, and the country it belongs to
                targets.extend(m for t in head.subtree if t.dep_ == "amod" and t.i in _span_tokens(head)
                               and not any(x.start <= part.offset + t.idx < x.end for x in found)
                               for m in _adjective_countries_of(t, part))
    trigger_at = part.offset + tok.idx
    if is_verb and not passive and sources and all(m.start > trigger_at for m in sources) and \
            not any(dep in ("obl:agent", "agent") for _, dep, _ in _complements(tok)):
        targets, sources = targets + sources, []  # a "subject" after an active verb is a mis-parse
    if own:  # "protesters" act; "otages", "hostages" undergo
        undergo = [m for m in own if m.role == "victim" and trig.event_type != "PROTEST"]
        sources = [m for m in own if m not in undergo] + sources
        targets = _unique(undergo + targets)
    if (not is_verb or participle) and not sources:
        # "the arrest of 20 protesters by Kenyan soldiers", "dénoncées haut et fort par les ONG"
        for t in tok.subtree:
            if t.i != tok.i and _agent_phrase(t):
                heads = [g for g in t.children if g.dep_ == "pobj"] if t.dep_ == "prep" else [t]
                sources += [m for h in heads for m in _mentions_under(h, part, mentions) or _nationals(h, part)]
                targets = [m for m in targets if m not in sources]
    state = tok
    if not is_verb and not sources and tok.dep_ == "nmod" and tok.head.i in ctx.triggers and \
            any(c.dep_ == "case" and c.lower_ in GENITIVE for c in tok.children) and \
            not any(c.dep_ == "det" for c in tok.children):
        state = tok.head  # "en visite de solidarité": the solidarity is the visitor's
    if not is_verb and not sources and state.dep_ in ("nmod", "prep", "pobj") and \
            any(c.dep_ == "case" and c.lower_ in ("en", "on") for c in state.children) | (state.head.lower_ == "on"):
        # "Le président allemand en visite…", "workers on strike": the noun the state qualifies acts
        holder = state.head.head if state.head.lower_ == "on" else state.head
        sources = [m for m in mentions if m.start <= part.offset + holder.idx < m.end] or [
            m for w in holder.subtree if w.i < holder.i and w.dep_ in ("amod", "compound")
            for m in _adjective_countries_of(w, part)]  # "Pakistani President … Musharraf on his visit"
    if tok.dep_ in ("acl", "amod") and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
        # "4 personnes tuées", "des migrants secourus": the noun a past participle qualifies is its
        # recipient; a finite verb or an -ing form hanging on a noun (a headline's mis-parse:
        # "La Russie expulse…", "militants firing rockets") has it as its subject
        head_ms = [m for m in mentions if m.start <= part.offset + tok.head.idx < m.end and m not in targets] or \
            _nationals(tok.head, part)
        participle = "Part" in tok.morph.get("VerbForm") and tok.tag_ != "VBG" or tok.tag_ == "VBN"
        (targets if participle else sources).extend(head_ms)
    if not is_verb:
        # "frappes russes"; in a phrase, the adjective of any of its words ("la liste des sanctions américaines")
        words = [tok.doc[j] for j in ctx.phrases.get(tok.i, ())] or [tok]
        sources += [m for w in words for c in w.children if c.dep_ in ("amod", "compound", "nmod")
                    and c.pos_ in ("ADJ", "PROPN", "NOUN", "VERB")
                    for m in _adjective_countries_of(c, part) if m.key not in {s.key for s in sources}]
    if not is_verb:  # "l'attaque, revendiquée par le Hamas", "Des tirs qui ont été revendiqués par…"
        for c in tok.children:
            if c.dep_ in ("acl", "acl:relcl", "relcl") and c.lemma_.lower() in CLAIM:
                sources = [m for _, dep, h in _complements(c) if dep in ("obl:agent", "agent") or
                           (dep in SUBJECT and h.pos_ != "PRON") for m in _mentions_under(h, part, mentions)] or sources
    gov = _governor(tok)
    inherited = False
    if not is_verb and gov is not None and tok.head.i == gov.i and tok.dep_ in OBJECTS and \
            gov.lemma_.lower() in EXPRESSING:
        # "Macron a exprimé la solidarité des Français", "extended Britain's condolences": who
        # expresses the support, the condemnation or the regret is its actor
        subjects = [h for _, dep, h in _complements(gov) if dep in SUBJECT]
        speaker = [m for h in subjects for m in _mentions_under(h, part, mentions)] or (
            [] if subjects else _linear(gov, part, unplaced, True, ctx, targets))
        if speaker:
            sources = speaker
    if gov is not None and is_verb and not passive and tok.dep_ in ("xcomp", "ccomp") and \
            gov.lemma_.lower() in CAUSATIVE and gov.i < tok.i:
        # "l'Ukraine a fait fuir la flotte russe", "forced the rebels to withdraw": who is made to act acts
        causee = [m for _, dep, h in _complements(gov) if dep in OBJECTS
                  for m in _mentions_under(h, part, mentions) or _nationals(h, part)]
        if causee or targets:
            sources, targets = causee or targets, [] if not causee else targets
    elif is_verb and not passive and any(c.lemma_.lower() in CAUSATIVE and c.i < tok.i and c.dep_ in CAUSATIVE_DEPS
                                         for c in tok.children):
        # the same parsed with "faire" under the verb ("a fait fuir la flotte russe"): the object acts
        causee = [m for _, dep, h in _complements(tok) if dep in OBJECTS
                  for m in _mentions_under(h, part, mentions) or _nationals(h, part)]
        if causee:
            sources, targets = causee, [m for m in targets if m not in causee]
    if not sources and not passive and gov is not None and tok.dep_ in INHERIT_DEPS and not together and \
            (subject is None or _personal(subject)) and not participle and not _background(tok) and \
            not _disowned(tok, gov, lang, ctx.triggers) and not (not is_verb and gov.lemma_.lower() in TELLING):
        # "a décidé d'expulser", "launched an offensive", "procède à l'arrestation", "annoncent
        # préparer des sanctions" (up to the verb that has a subject); who speaks of an event
        # ("parle d'une coopération", "reported an attack") is not who did it
        verb, climbs = gov, 0
        if verb.dep_ == "acl" and "Fin" in verb.morph.get("VerbForm"):  # "Bruxelles prolonge les sanctions"
            sources = [m for m in mentions if m.start <= part.offset + verb.head.idx < m.end and m not in targets]
        while verb is not None and climbs < 2 and not sources:
            if verb.dep_ == "acl" and "Fin" not in verb.morph.get("VerbForm") and verb.head.pos_ == "NOUN":
                # "a United Nations decision to impose an arms embargo": whose decision it is
                sources = [m for c in verb.head.children if c.dep_ in ("compound", "poss", "nmod:poss", "amod", "nmod")
                           and c.i < verb.i for m in _mentions_under(c, part, mentions) if m not in targets]
                if sources:
                    break
            for prep, dep, head in _complements(verb):
                if dep in SUBJECT and not any(c.dep_ in ("aux:pass", "auxpass") for c in verb.children):
                    sources = [m for m in _mentions_under(head, part, mentions) if m not in targets] or \
                        _nationals(head, part)
                elif dep in ("obl:agent", "agent") or (prep in SOURCE_PREPS and dep != "case"):
                    sources = sources or [m for m in _mentions_under(head, part, mentions) if m not in targets]
            if any(dep in SUBJECT for _, dep, _ in _complements(verb)) or verb.dep_ not in ("xcomp", "acl", "ccomp", "conj") \
                    and not (verb.dep_ == "advcl" and "Inf" in verb.morph.get("VerbForm")):
                break  # a purpose infinitive ("walked away to hold a boycott") has the main clause's subject
            above = _governor(verb)
            if above is not None and above.lemma_.lower() in SAYING | TELLING and _reported_in(verb, above) and \
                    (subject is None or not _personal(subject)):
                break  # "the government said that neglect led to a massacre": the speaker did not do it
            verb, climbs = above, climbs + 1
        inherited = bool(sources)
        if inherited and (gov.lemma_.lower() in SUFFER or trig.shape == "patient" and gov.lemma_.lower() in COPULAS):
            # "fait face à une invasion", "faced the threat of"; "ces navires deviennent des cibles légitimes"
            targets, sources = _unique(targets + sources), []
    if not is_verb and not sources and not together:
        owner = next((c for c in tok.children if c.dep_ in ("poss", "nmod:poss", "det") and c.lower_ in POSSESSIVE), None)
        if owner is not None:
            # "its boycott of talks", "célèbre sa libération": a possessive pronoun stands for the
            # nearest actor before it in its clause; the owner of an arrest or release undergoes it
            # (a noun event with neither a recipient nor an owner that undergoes it is no event)
            owners = _linear(owner, part, unplaced, True, ctx, targets)
            if trig.shape == "patient":
                targets = _unique(targets + owners)
            elif targets:
                sources = owners
    if passive and not targets and not sources and gov is not None and tok.dep_ in ("conj", "advcl") and \
            not any(c.dep_ in SUBJECT or c.dep_ in PASSIVE_SUBJECT for c in tok.children):
        # a passive verb without a subject of its own shares its clause's ("plusieurs immigrés
        # arrivés en novembre avaient été relâchés", "were arrested and later released")
        targets = [m for c in gov.children if c.dep_ in SUBJECT or c.dep_ in PASSIVE_SUBJECT
                   for m in _mentions_under(c, part, mentions) or _nationals(c, part)]
    doer = _nominal_doer(tok, passive, part, mentions)
    if doer is not None and not sources:
        return None  # "a brown bear kills", "killed by the quake": the doer is not an actor
    if not passive and is_verb and any(_mishap(t) for t in _doers(tok, gov)):
        return None  # "the worst flooding in a century killed…", "Tropical Storm Jeanne … after killing"
    if not sources and not passive and is_verb and trig.shape != "symmetric" and doer is None and not participle \
            and (subject is None or subject.lower_ in THIRD_PERSON or _relative(subject)):
        # headlines and relative clauses parse badly: the nearest actor before, in the same clause
        # (also the antecedent of "il", "they" when the parse does not link it to its clause)
        if subject is not None and _relative(subject) and subject.i > 0:
            # "c'était la Turquie qui avait bloqué": the antecedent just before the relative pronoun
            before = subject.doc[subject.i - 1]
            if before.is_punct and subject.i > 1:  # "Moscou, qui refuse…": a non-restrictive relative
                before = subject.doc[subject.i - 2]
            sources = [m for m in mentions if m.start <= part.offset + before.idx < m.end and m not in targets]
        qualified = _mentions_under(tok.head, part, mentions) if tok.dep_ in ("relcl", "acl:relcl") else []
        if subject is None or not _relative(subject):
            sources = _linear(tok, part, unplaced, True, ctx, targets + qualified)
    if not targets and not passive and trig.shape != "symmetric" and (is_verb or not sources):
        targets = [m for m in _linear(tok, part, unplaced, False, ctx) if m not in sources]
    if not targets and trig.shape != "symmetric":
        targets = _nationality_after(tok, part, ctx)  # "met à l'index le ministère de la Défense turc"
    if not sources and not targets and not together and trig.shape == "symmetric" and (
            is_verb or not any(prep in WITH_PREPS for prep, _, _ in _complements(tok))):
        # a meeting or a clash named with its sides ("une coopération entre la KCIA et…") has no
        # others when they are not actors
        together = _linear(tok, part, unplaced, True, ctx) + _linear(tok, part, unplaced, False, ctx)
    event_type, plover_mode = trig.event_type, trig.mode or None
    near = {t.lemma_.lower() for t in tok.subtree} | {fold(w) for m in targets for w in m.surface.split()}
    if event_type == "COERCE" and plover_mode == "deport" and near & DIPLOMATIC:
        event_type, plover_mode = "SANCTION", "expel"  # expelling diplomats is a sanction
    if event_type == "ACCUSE" and tok.lemma_.lower() in ("condamner", "sentence") and set(ctx.lower) & COURT:
        event_type, plover_mode = "SANCTION", "convict"
    if event_type == "AID" and is_verb and any(c.dep_ in ("obj", "dobj") and c.lemma_.lower() in WORDS_SENT
                                               for c in tok.children):
        return None  # "sent a message", "a envoyé une lettre": words, not aid
    if event_type == "ACCUSE" and is_verb and (
            any(c.dep_ in ("obj", "dobj") and c.lemma_.lower() in CASUALTIES for c in tok.children) or
            any(a.lemma_.lower() in CASUALTIES for a in list(tok.ancestors)[:3])):
        return None  # "on déplore trois morts", "sans avoir à déplorer de victimes": casualties counted, no one blamed
    if event_type == "CONSULT" and tok.lemma_.lower() in HOSTS and is_verb and not passive:
        sources, targets = targets, sources  # "Macron recevait le président angolais": the visitor acts
    if event_type == "AID" and tok.lemma_.lower() in ("évacuer", "evacuate") and any(
            m.key.endswith(":police") for m in sources):
        event_type, plover_mode = "COERCE", "restrict"  # the police evacuating a camp
    if event_type == "THREATEN" and not is_verb and not sources and gov is not None:
        # "Pour Kiev, ils deviennent des cibles légitimes": declaring targets is the threat of
        # whoever the sentence gives it to
        sources = [m for prep, _, h in _complements(gov) if prep in HOLDER for m in _mentions_under(h, part, mentions)]
        if not sources and gov.dep_ in ("ccomp", "parataxis") and gov.head.lemma_.lower() in SAYING:
            # "Hezbollah said Israeli ships are legitimate targets": the saying is the threat
            sources = [m for _, dep, h in _complements(gov.head) if dep in SUBJECT
                       for m in _mentions_under(h, part, mentions)]
    if event_type == "THREATEN" and not is_verb and not sources and not together:
        return None  # "faced the threat of epidemics": a threat nobody made is a danger, not a threat
    if event_type == "MOBILIZE" and _civilians_moved(tok, lang):
        return None  # "une équipe d'experts serait déployée": only forces are mobilised (PLOVER)
    if event_type == "MOBILIZE" and (passive or participle) and not sources and targets and \
            not any(m.role == "victim" for m in targets):
        # "100.000 policiers mobilisés", "troops were deployed": the force mobilised (boats or
        # civilians gathered are moved, they do not mobilise)
        sources, targets = targets, []
    if event_type == "PROTEST" and passive and targets:
        # "les détenus sont appelés à la grève par leurs organisations": who calls and who is called protest
        sources, targets = _unique(sources + targets), []
    if trig.shape == "undergoer":  # "An Italian aid worker walked free": the subject is the one released
        sources, targets = [], _unique(sources + targets)
    location = next((m for m in places if id(m) in place_ids), None)
    if event_type == "PROTEST" and not sources and trig.shape != "symmetric":
        # "Manifestations en Iran": the protesters, of the country where it happens
        sources = [m for m in [_protesters(tok, part, location, mentions)] if m.country_code]
    if plover_mode == "visit" and not targets:  # the host of a visit is its recipient: "en visite en Israël"
        targets = [m for m in mentions_all if m.kind == "country" and m.start > part.offset + tok.idx
                   and _after_locative(m, part, tok.doc) and m not in sources][:1]
        if not targets and location is None and trig.pos == "phrase":
            return None  # "se rendaient aux urnes": going somewhere that is not a visit
    if trig.shape == "symmetric":
        participants = _unique(sources + together + targets)
        sources, targets = [], []
        if not participants:
            return None
    else:
        participants = []
        # "arrêté avec l'aide de la police française": who helps a passive act is not its doer
        sources = _unique(sources + ([] if sources or passive else together))
        targets = [m for m in _unique(targets) if m.key not in {s.key for s in sources}]
        if not sources and not targets:
            return None
        if plover_mode == "visit" and not sources and trig.pos == "phrase":
            return None  # "the Patriarch traveled to Mount Athos": a journey with no visitor named is no visit
    if tok.dep_ in ("acl", "amod") and _participle(tok, tok.lower_):
        # "des migrants secourus par…": the participle tells what happened, whatever the main verb says
        mode = "denied" if any(c.dep_ in ("neg", "advmod:neg") for c in tok.children) else "done"
    else:
        mode = _mode(tok, gov, trig)
    if mode == "done" and (tok.i in ctx.headline_verbs or any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
                           and any(c.dep_ in SUBJECT for c in tok.children)):
        mode = "planned"  # a headline's "Japan to Deport…", "U.K. to Pledge…": what will be done
    if mode == "done" and not is_verb and _ahead(tok):
        mode = "planned"  # "avant les pourparlers", "ahead of talks": still to come
    when = _when(tok, gov, part, article_date, ctx)
    if when is not None and article_date is not None and when[0] > article_date and mode == "done":
        mode = "planned"
    if mode == "planned" and event_type in ("AID", "COOPERATE") and (is_verb or trig.pos == "phrase" or
                                                                      tok.dep_ in ("obj", "dobj")):
        event_type = "AGREE"  # a future meeting, aid or cooperation is an intent (PLOVER)
    elif mode == "planned" and event_type == "RETREAT" and (is_verb or trig.pos == "phrase"):
        event_type = "CONCEDE"  # an announced withdrawal
    ev = EventCandidate(event_type, mode, sources, targets, participants, location, trigger=tok.text,
                        plover_mode=plover_mode)
    if when is not None:
        ev.event_date, ev.date_precision, ev.date_text = when
    ev.confidence = round(min(0.95, 0.45 + 0.2 * bool(sources or len(participants) > 1)
                              + 0.15 * bool(targets or trig.shape == "symmetric") + 0.1 * (ev.event_date is not None)
                              + 0.05 * (location is not None) - 0.1 * inherited), 2)
    return ev


# What can do harm without being an actor: a sentence whose subject is one of these still has an
# (unnamed) actor behind it ("une frappe a tué", "a suicide car bomb hit").
WEAPONS = {"bombe", "bomb", "frappe", "strike", "missile", "roquette", "rocket", "obus", "shell", "drone", "explosion",
           "attaque", "attack", "attentat", "tir", "raid", "mine", "grenade", "voiture", "car", "engin", "balle", "bullet",
           "airstrike", "opération", "operation", "offensive", "assaut", "assault", "bombardement", "bombing", "fire"}


def _nationality_after(tok, part: Part, ctx: _Sentence) -> list[Mention]:
    """Nationality adjectives after the trigger, up to the clause break."""
    out = []
    for t in ctx.doc[tok.i + 1:ctx.end]:
        if t.is_punct and t.text in ",;:.!?(":
            break
        if t.pos_ == "ADJ":
            out += _adjective_countries_of(t, part)
    return out


PLACE_NOUNS = {"ville", "village", "région", "province", "capitale", "quartier", "territoire", "zone", "port", "île",
               "city", "town", "region", "capital", "district", "territory", "area",
               "island", "camp", "camps", "frontière", "border"}
CAUSATIVE_DEPS = {"aux:caus", "aux", "dep"}
CAUSATIVE = {"faire", "force", "compel", "oblige", "obliger", "contraindre", "forcer", "make"}
FROM = {"from"}
FROM_SOURCE = {"REQUEST", "ACCUSE", "AID", "SUPPORT", "THREATEN", "REJECT", "AGREE", "SANCTION", "CONCEDE"}
# a noun event after these is another event, the background of the clause ("during a general
# strike", "amid a siege", "lors de l'attaque"): not done by the clause's subject
BACKGROUND = {"pendant", "durant", "lors", "during", "amid", "amidst", "après", "after", "avant", "before", "depuis",
              "since", "malgré", "despite", "following", "suite"}
# a noun event in the object of a refusal, an accusation or praise is someone else's act ("turned
# down a plea", "réfute les accusations", "condamne les frappes", "welcomed the bringing of charges")
DISOWNING = {"REJECT", "ACCUSE", "SUPPORT"}


POSSESSIVE = {"son", "sa", "ses", "leur", "leurs", "its", "their", "his", "her"}
THIRD_PERSON = {"il", "elle", "ils", "elles", "he", "she", "they", "it"}
PERSONAL = {"il", "elle", "ils", "elles", "he", "she", "they", "it", "we", "nous", "je", "i", "j'", "j’"}


def _personal(pron) -> bool:
    """A personal pronoun subject ("Tony Blair says he will not apologise", "a fait savoir qu'elle
    refusait"): the subject of the clause that reports it, when the parse links them."""
    return pron.pos_ == "PRON" and pron.lower_ in PERSONAL


def _relative(pron) -> bool:
    return "Rel" in pron.morph.get("PronType") or pron.tag_ in ("WP", "WDT") or pron.lower_ in ("qui", "who", "which", "that")


def _headline_passive(tok) -> bool:
    """"Reed Wischhusen jailed for…": a headline's past participle with a subject and no auxiliary."""
    return tok.tag_ == "VBN" and tok.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in tok.children) and \
        not any(c.dep_ in ("aux", "auxpass") for c in tok.children)


def _is_trigger(tok, lang: str) -> bool:
    words = lexicon()[0]
    kind = "noun" if tok.pos_ in ("NOUN", "PROPN") else "verb" if tok.pos_ == "VERB" else None
    return kind is not None and (lang, kind, tok.lemma_.lower()) in words


def _background(tok) -> bool:
    if tok.pos_ not in ("NOUN", "PROPN") or any(c.dep_ in ("poss", "nmod:poss") or "Yes" in c.morph.get("Poss")
                                                for c in tok.children):
        return False  # "lors de sa visite": the possessor is the clause's subject
    if any(c.dep_ in ("case", "fixed") and c.lower_ in BACKGROUND for c in tok.children):
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ in BACKGROUND


def _disowned(tok, gov, lang: str, triggers: dict[int, Trigger]) -> bool:
    """Whether a noun event is in the object of a refusal, an accusation or praise ("turned down a
    plea", "condamne les frappes", "welcomed the bringing of charges"): someone else's act."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    t = tok
    while t.head.i != gov.i:
        if t.head.i == t.i or t.head.pos_ in ("VERB", "AUX"):
            return False
        t = t.head
    if t.dep_ not in OBJECTS:
        return False
    trig = triggers.get(gov.i) or lexicon()[0].get((lang, "verb", gov.lemma_.lower()))  # "turned down a plea"
    return trig is not None and trig.event_type in DISOWNING


def _ahead(tok) -> bool:
    """A nominal event introduced by "avant" / "before" / "ahead of" is still to come."""
    if any(c.dep_ == "case" and c.lower_ in ("avant", "before") for c in tok.children):
        return True
    prep = tok.head if tok.dep_ == "pobj" else None
    return prep is not None and (prep.lower_ == "before" or prep.lower_ == "of" and prep.head.lower_ == "ahead")


def _nationals(head, part: Part) -> list[Mention]:
    """The country of a noun without an actor, from its nationality adjective: "des missiles
    balistiques russes", "la flotte fantôme russe", "Israeli jets" (not of a place: "a Turkish city")."""
    if head.pos_ not in ("NOUN", "PROPN") or head.lemma_.lower() in PLACE_NOUNS:
        return []
    return [m for c in head.children if c.dep_ in ("amod", "compound") and c.pos_ in ("ADJ", "PROPN", "VERB", "NOUN")
            for m in _adjective_countries_of(c, part)]


MISHAPS = {"crash", "accident", "collision", "quake", "earthquake", "séisme", "tremblement", "storm", "tempête",
           "hurricane", "ouragan", "cyclone", "typhoon", "typhon", "flood", "flooding", "inondation", "crue",
           "avalanche", "landslide", "glissement", "naufrage", "shipwreck", "tsunami", "épidémie", "epidemic"}


def _mishap(noun) -> bool:
    """A disaster or an accident named by the noun or a noun of its name ("Tropical Storm Jeanne")."""
    return noun.lemma_.lower() in MISHAPS or any(c.dep_ in ("compound", "flat", "flat:name") and
                                                  c.lemma_.lower() in MISHAPS for c in noun.children)


def _doers(tok, gov) -> list:
    """The nouns that may be doing what `tok` says: its subject, the noun a verb hanging on a noun
    qualifies, else the subject of the verb it depends on."""
    own = [c for c in tok.children if c.dep_ in SUBJECT]
    if own:
        return own
    if tok.dep_ in ("acl", "relcl", "acl:relcl") and tok.head.pos_ == "NOUN":
        return [tok.head]
    return [c for c in gov.children if c.dep_ in SUBJECT] if gov is not None else []


def _nominal_doer(tok, passive: bool, part: Part, mentions: list[Mention]):
    """The noun named as the doer (the subject of an active verb, the agent of a passive) when it
    is neither an actor nor a weapon: "a brown bear kills", "killed by the quake"."""
    for prep, dep, head in _complements(tok):
        if head.lemma_.lower() in MISHAPS and prep in ("in", "dans", "lors", "during", "after", "après", "by", "par"):
            return head  # "killed in a helicopter crash", "tués dans un séisme": an accident or a disaster
        if (dep in SUBJECT and not passive) or dep in ("obl:agent", "agent") or (passive and prep in SOURCE_PREPS):
            if head.lower_ == "which" and tok.dep_ == "relcl":
                head = tok.head  # "the worst flooding in a century, which killed…": a thing did it
            if head.pos_ not in ("NOUN",) or head.lemma_.lower() in WEAPONS:
                continue
            if _mentions_under(head, part, mentions):
                continue
            return head
    return None


def _protesters(tok, part: Part, location: Mention | None, mentions: list[Mention]) -> Mention:
    """The protesters of a protest named without them, of the country where it happens."""
    code = location.country_code if location is not None else None
    if code is None:
        code = next((m.country_code for m in mentions if m.kind == "country" and m.country_code
                     and _after_locative(m, part, tok.doc)), None)
    start = part.offset + tok.idx
    entry = gazetteer.get(f"country:{code}") if code else None
    if entry is not None:
        return Mention(f"group:{code}:protesters", f"{entry.canonical_name}: protesters", "group", code, tok.text,
                       start, start + len(tok.text), 0, role="implied")
    return Mention("group:protesters", "protesters", "group", None, tok.text, start, start + len(tok.text), 0,
                   role="implied")


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


CLAUSE_LINKS = {"ccomp", "parataxis", "acl:relcl", "relcl", "advcl"}


def _clause_chain(tok) -> list:
    """The trigger and the words it depends on within its own clause (up to four): a reported,
    relative, adverbial or coordinated clause with its own auxiliary or subject has its own
    polarity and tense ("does not plan to deploy … but will provide")."""
    chain, t = [tok], tok
    while len(chain) < 5 and t.head.i != t.i:
        if t.dep_ in CLAUSE_LINKS or (t.dep_ == "conj" and any(
                c.dep_.startswith("aux") or c.dep_ in SUBJECT for c in t.children)):
            break
        t = t.head
        chain.append(t)
    return chain


def _mode(tok, gov, trig: Trigger) -> str:
    chain = _clause_chain(tok)
    kids = [(c.lemma_.lower(), c.dep_, c) for t in chain for c in t.children]  # read once, tested several times
    lemmas = {lemma for lemma, _, _ in kids} | {t.lemma_.lower() for t in chain[1:]}
    # a negation that is part of the trigger ("will not hesitate to", "n'hésitera pas") is its sense, not a denial
    own = set(_phrase_tokens(trig.language, trig.form)) if trig.pos == "phrase" else set()
    if any((dep in ("neg", "advmod:neg") or lemma in NEGATIONS and dep.startswith("advmod")) and
           not (c.head.i == tok.i and (c.lower_ in own or lemma in own)) for lemma, dep, c in kids):
        return "denied"
    if own and trig.event_type == "THREATEN":
        return "done"  # "will not hesitate to strike": the threat is made now, whatever tense it is in
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
    """The event's date from the sentence's date words (dates.event_date): the tense of the
    trigger and of its governing verb tells a coming weekday from a past one, and lets a past
    sentence take the article's date."""
    offset = part.offset + ctx.start_char
    future = any("Fut" in x.morph.get("Tense") for x in (tok, gov) if x is not None)
    return dates.event_date(ctx.text, ctx.words, article_date, offset=offset, found=ctx.dates(offset),
                            future=future, past=_past(tok, gov))


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



# --- Merging reports of one event

MODE_RANK = {"done": 0, "planned": 1, "threatened": 2, "hypothetical": 2, "denied": 3}
PRECISION_RANK = {"day": 0, "month": 1, "year": 2, None: 3}


@dataclass
class Report:
    """An event candidate of a stored article, with its actors resolved."""

    article_id: int
    event: EventCandidate
    roles: dict[str, list[int]]
    signature: str
    location: int | None


@dataclass
class EventState:
    """An event as the merge sees it: stored already (id known) or created by this chunk."""

    id: int | None
    event_date: dt.date | None
    date_precision: str | None
    date_text: str | None
    mode: str
    location: int | None
    confidence: float
    articles: set[int]
    dirty: bool = False
    report: Report | None = None  # the first report, for a new event


def reports(items: Sequence[tuple[int, Sequence[EventCandidate]]], actor_of: dict[Mention, int]) -> list[Report]:
    """The candidates of articles (article id, its candidates) that have at least one resolved actor."""
    out = []
    for article_id, evs in items:
        for ev in evs:
            roles = {"source": [actor_of[m] for m in ev.sources if m in actor_of],
                     "target": [actor_of[m] for m in ev.targets if m in actor_of],
                     "participant": [actor_of[m] for m in ev.participants if m in actor_of]}
            if any(roles.values()):
                location = actor_of.get(ev.location) if ev.location is not None else None
                out.append(Report(article_id, ev, roles, event_signature(ev.event_type, roles), location))
    return out


def unresolved_actors(items: Sequence[tuple[int, Sequence[EventCandidate]]],
                      actor_of: dict[Mention, int]) -> list[Mention]:
    """The events' actors the actor stage did not return (generic actors, places as countries)."""
    return [m for _, evs in items for ev in evs for m in (*ev.sources, *ev.targets, *ev.participants)
            if m not in actor_of]


def generic_aliases(extra: Sequence[Mention], by_key: dict[str, int]) -> list[tuple[int, str, str, None, str]]:
    """Generic actors of events ("la police turque" → "Turkey: police"): their surface forms
    become aliases (actor, alias, normalized, language, origin), so SQL finds them by what the
    text said."""
    return sorted({(by_key[m.key], m.surface, n, None, "extracted") for m in extra
                   if m.key.startswith("group:") and m.key in by_key and m.role != "implied"
                   and (n := gazetteer.normalize(m.surface))}, key=actors.alias_order)


def years_to_search(found: Sequence[Report], count: dict[str, int]) -> list[tuple[str, int]]:
    """The stored events a report can join: those of its signature dated in the same year (dates
    must be equal or one within the other's month or year), and the event of a signature that
    has only one (an undated report joins it); not every event of the signature, a frequent pair
    of actors has thousands. (signature, year) pairs of the signatures with several events."""
    return sorted({(r.signature, r.event.event_date.year) for r in found
                   if r.event.event_date is not None and count.get(r.signature, 0) > 1})


def merge_reports(found: Sequence[Report], pool: dict[str, list[EventState]],
                  count: dict[str, int]) -> list[tuple[EventState, Report]]:
    """Merge each report into the event it reports when there is one in `pool` (signature → the
    stored events it could join, then the new ones): same type, same actors in the same roles,
    compatible dates (equal; or one within the other's month or year; or, when a date is missing,
    reported by the same article or the only event with that signature), and not one denied and
    the other affirmed. The merged event keeps the most precise date and the most factual mode.
    A stored event's reports are all older articles than these, so its `articles` (the
    same-article rule) start empty. Returns each report with its event."""
    out = []
    for r in found:
        states = pool.setdefault(r.signature, [])
        state = _matching(states, r.event, r.article_id, alone=count.get(r.signature, 0) == 1)
        if state is None:
            ev = r.event
            state = EventState(None, ev.event_date, ev.date_precision, ev.date_text, ev.mode, r.location,
                               ev.confidence, set(), report=r)
            states.append(state)
            count[r.signature] = count.get(r.signature, 0) + 1
        else:
            _merge(state, r.event, r.location)
        state.articles.add(r.article_id)
        out.append((state, r))
    return out


def _matching(states: list[EventState], ev: EventCandidate, article_id: int, alone: bool) -> EventState | None:
    """The event `ev` reports among `states` (its signature's events that it could join), if any;
    `alone`: its signature has exactly one event."""
    undated = []
    for st in states:
        if (st.mode == "denied") != (ev.mode == "denied"):
            continue
        if st.event_date is None or ev.event_date is None:
            if article_id in st.articles:
                return st
            undated.append(st)
            continue
        if st.event_date == ev.event_date or _within(ev.event_date, st.event_date, st.date_precision) or \
                _within(st.event_date, ev.event_date, ev.date_precision):
            return st
    # an undated report joins the one event it can be, never one of several
    return undated[0] if len(undated) == 1 and alone else None


def _merge(st: EventState, ev: EventCandidate, location: int | None) -> None:
    if ev.event_date is not None and (st.event_date is None or
                                      PRECISION_RANK[ev.date_precision] < PRECISION_RANK[st.date_precision]):
        st.event_date, st.date_precision, st.date_text = ev.event_date, ev.date_precision, ev.date_text
        st.dirty = True
    if MODE_RANK[ev.mode] < MODE_RANK[st.mode]:
        st.mode, st.dirty = ev.mode, True
    if st.location is None and location is not None:
        st.location, st.dirty = location, True
    if ev.confidence > st.confidence:
        st.confidence, st.dirty = ev.confidence, True


def _within(day: dt.date, container: dt.date, precision: str | None) -> bool:
    if precision == "month":
        return (day.year, day.month) == (container.year, container.month)
    if precision == "year":
        return day.year == container.year
    return False
