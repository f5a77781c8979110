"""Actors in an article: gazetteer matches first, then statistical NER, cleaned and resolved.

Pure functions over spaCy docs and plain data. Resolution against what is stored (actors seen
in earlier batches, curated merges and aliases) is decided here too (`Resolution`, at the end),
over what the pipeline looks up in the database layer (schema/store/actors.py).

Rules, in order (each is tested):
1. **Gazetteer.** The longest run of tokens that is an alias of a gazetteer entry (countries
   from pycountry + babel, demonyms, organisations, institutions, known people) is that
   entry. A capital city (`Washington`, `Moscou`) stands for its country's government when it
   is the grammatical subject of a verb or appears in a title, or is given something (`à Kiev`
   after a verb of giving, `supplies to Kyiv`); otherwise it is a place, and the model's longer
   place it opens is that place (`Washington DC`). An army alias used as an adjective (`an Israeli
   military checkpoint`) is no army.
2. **NER.** spaCy entities not covered by (1) are cleaned: leading articles and elisions
   (`l’`, `d’`, `qu’`) and honorifics (`M.`, `Mme`, `President`, `Secretary of State`) are
   stripped (a title is kept as the role); furniture words, news agencies and the article's
   own source are never actors; fragments (lower-case, too long, no capital) are dropped.
   A place the gazetteer finds is no actor where it is part of another name: an organisation's
   (`University of Hong Kong`), a treaty's or an area's (`accords d'Oslo`, `espace Schengen`).
   Page furniture is no actor: signature and dateline lines, inline bylines, teaser links (`Lire
   aussi`, `Sur le même sujet`), share bars, bare menu items, file names, the author's note.
   Capitalised common nouns are no names where the parser and the article say so (`dix-neuf
   États`, `l'Aide sociale`, `Defence Minister`, `du Nord`, `HOST:`), nor are events (`Spring
   Festival`, `Operation …`, `the 20th Party Congress`, `the Middle East war`), vehicles boarded
   (`aboard Air Force One`) and portfolios (`chargée de la Citoyenneté`). A possessive inside a
   place's name keeps it whole (`Martha’s Vineyard`); a direction or a place of worship completes
   it (`Méditerranée centrale`, `the Al-Aqsa mosque`).
3. **Kinds.** One kind per name in the article, voted from the model's labels, GeoNames, a
   locative preposition, and the words around it (`l'agence Lusa`, `the OMB director, Shalanda
   Young`, `in Bnei Brak`, `les marchés de Madina et Bonfi`, `Cour suprême`, `« Franceinfo »`).
   Peoples (`les Palestiniens`, `the Kurds`) are groups. An organ of a body read as one name is
   two organisations (`Commission politique du Parti socialiste`).
4. **People.** A full name is a person. A surname alone (`Stoltenberg`, `M. Blinken`)
   resolves to the full name with that last name in the same article; else to the one
   gazetteer person with that last name; a first name alone to the article's one full name
   with that first name; else it stays a surname for the loader to match
   against people already in the database (only when exactly one person has that last name).
5. **Roles.** A title next to a name (`le secrétaire général de l’OTAN, Jens Stoltenberg`,
   `German Foreign Minister Annalena Baerbock`) is recorded as that person's role.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from veille.importer import gazetteer, nlp
from veille.importer.text import fold, read_table

VERSION = "actors-1"

NER_KINDS = {"PER": "person", "PERSON": "person", "ORG": "organisation", "LOC": "place", "GPE": "place",
             "FAC": "place"}
# Elided words, folded (written "l’", "d'", "qu’"...: see _elided).
ELISIONS = {"l", "d", "qu", "n", "c", "s", "j", "m", "t", "jusqu", "lorsqu", "puisqu"}
ARTICLES = {"le", "la", "les", "l", "the", "du", "de", "des", "un", "une", "a", "an", "au", "aux"}
HONORIFICS = {
    "m", "mme", "mlle", "mm", "dr", "pr", "mr", "mrs", "ms", "sir", "dame", "president", "president-elect",
    "secretary", "general", "gen", "sen", "senator", "rep", "minister", "chancellor", "prime", "premier",
    "king", "queen", "roi", "reine", "pope", "pape", "prince", "princesse", "lieutenant", "colonel", "captain",
    "capitaine", "admiral", "amiral", "ambassador", "ambassadeur", "of", "state", "defense", "defence",
    "foreign", "us", "u.s", "chef", "ministre", "presidente", "secretaire", "porte-parole", "prof", "professor",
    "professeur", "emir", "sheikh", "cheikh",
}  # fmt: skip
COURTESY = {"m", "mme", "mlle", "mm", "mr", "mrs", "ms", "sir", "dame", "dr", "pr", "prof"}
NAME_PARTICLES = {"de", "du", "von", "van", "der", "den", "al", "el", "bin", "ben", "da", "di", "la", "le", "y", "abu"}
NEVER_ACTORS = {
    "lire", "lire la suite", "publie", "publie le", "carnet", "credit", "credit photo", "photo", "confidentiels",
    "source", "read more", "share", "newsletter", "b2", "associated press", "agence france presse", "pool",
    "getty images", "twitter", "facebook", "x", "en resume", "people", "pouvoirs",
    "crises", "defense", "diplomatie ue", "securite", "etat", "etat americain", "state", "europeens", "occidentaux",
    "allies", "west", "l occident", "occident", "americains", "alliance",
}  # fmt: skip
# News and photo agencies (data/news_agencies.tsv): in a credit or a dateline, never actors.
AGENCIES = tuple(name for name, _ in read_table("news_agencies.tsv", 2))
NEVER_ACTORS |= {fold(name) for name in AGENCIES}
# A capital is a place after a locative preposition ("à Genève", "in Vienna"), else its government
# (data/locatives.tsv, folded).
LOCATIVE = {fold(word) for word, _ in read_table("locatives.tsv", 2)}

ROLE_HEAD = (
    r"secr[ée]taire g[ée]n[ée]ral(?:e)?|secr[ée]taire d['’][ée]tat|secr[ée]taire|premi(?:er|ère) ministre|ministre|"
    r"pr[ée]sident(?:e)?|chef(?:fe)?|porte-parole|directeur|directrice|g[ée]n[ée]ral de division|g[ée]n[ée]ral|"
    r"chancelier|chanceli[èe]re|roi|reine|ambassadeu?r(?:rice)?|commissaire|haut(?:e)? repr[ée]sentant(?:e)?|"
    r"gouverneur|maire|patron(?:ne)?|homologue|vice-pr[ée]sident(?:e)?|"
    r"secretary of state|secretary-general|secretary general|secretary|foreign minister|defen[cs]e minister|"
    r"defen[cs]e secretary|prime minister|minister|president|chancellor|spokes(?:man|woman|person)|director|"
    r"ambassador|commissioner|governor|chief of staff|chief|head|counterpart|leader"
)
ROLE_RIGHT = re.compile(
    r"^\s*,\s*(?P<role>(?:(?:le|la|l['’]|the)\s+)?(?:(?:nouveau|nouvelle|ancien|ancienne|new|former)\s+)?"
    r"(?:" + ROLE_HEAD + r")(?:\s+[^,;:()«»\"“”.]{0,70}?)?)\s*(?=[,.;:)]|$)", re.IGNORECASE)
LEADING_DETERMINER = re.compile(r"^(?:(?:le|la|les|l['’]|the|son|sa|ses|his|her|its)\s*)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Mention:
    key: str                 # 'country:US', 'person:jens stoltenberg', 'surname:stoltenberg', 'place:geneve'
    canonical_name: str
    kind: str
    country_code: str | None
    surface: str
    start: int               # offsets into the document's raw text
    end: int
    sentence_index: int
    role: str | None = None
    origin: str = "extracted"   # 'gazetteer' when the gazetteer recognised it


@dataclass(frozen=True, slots=True)
class Part:
    offset: int
    text: str
    kind: str    # title | lead | body | caption


@cache
def _first_words() -> dict[str, int]:
    """First word of every alias → how many tokens a match starting with it may span (spaCy splits
    "Maison-Blanche" or "l’Alliance" into several tokens, so a word may be up to three)."""
    out: dict[str, int] = {}
    for key in [*gazetteer.alias_index(), *gazetteer.article_required_index()]:
        if key:
            words = key.split()
            out[words[0]] = max(out.get(words[0], 0), min(10, 3 * len(words) + 1))
    return out


@lru_cache(maxsize=200_000)
def _lookup(surface: str) -> gazetteer.Entry | None:
    """gazetteer.lookup, remembered: the same n-grams recur in every article of a batch."""
    return gazetteer.lookup(surface)


@cache
def _people_by_last_name() -> dict[str, list[gazetteer.Entry]]:
    out: dict[str, list[gazetteer.Entry]] = {}
    for e in gazetteer.load():
        if e.kind == "person":
            out.setdefault(fold(e.canonical_name).split()[-1], []).append(e)
    return out


def _entry_mention(e: gazetteer.Entry, surface: str, start: int, end: int, sent: int) -> Mention:
    return Mention(e.key, e.canonical_name, e.kind, e.country_code, surface, start, end, sent, origin="gazetteer")


# several authors in one byline: "Jean Dupont et Marie Martin", "A. Smith, B. Jones and C. Lee"
_BYLINE_SPLIT = re.compile(r"\s*(?:[;,&/]|\bet\b|\band\b|\bavec\b|\bwith\b)\s*", re.I)


def extract(parts: Sequence[Part], docs: Sequence, source: str | None = None,
            author: str | None = None) -> list[Mention]:
    """Actor mentions of one article: `docs` are the spaCy docs of `parts` (same order). Neither
    the article's outlet (`source`) nor the people of its byline (`author`) are actors of it."""
    mentions: list[Mention] = []
    sentence_base = 0
    outlet = re.sub(r" (?:fr|com|net|org|info|ch|be|ca|co uk|uk)$", "",  # "Le Monde.fr", "Le Monde (English edition)"
                    fold(re.sub(r"\s*\([^)]*\)", "", source or "")))
    skip = {fold(source), outlet, re.sub(r"^(?:le|la|les|l|the) ", "", outlet)} if source else set()  # "Monde"
    authors = {fold(name) for name in _BYLINE_SPLIT.split(author or "") if " " in name.strip()}
    skip |= authors
    outlet_name = outlet  # "FRANCE 24" in a credit is the outlet, not France
    evidence = _Evidence.of(parts)
    sent_starts: list[tuple[int, int]] = []  # (offset of a sentence in the raw text, its index)
    for part, doc in zip(parts, docs, strict=True):
        sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        sent_of = [0] * len(doc)  # token index -> sentence index in the article (sentences cover the doc)
        for i, s in enumerate(sents):
            sent_of[s.start:s.end] = [sentence_base + i] * (s.end - s.start)
            sent_starts.append((part.offset + (s.start_char if len(sents) > 1 else 0), sentence_base + i))
        text = doc_text(part, doc)
        # "- Seth Lazar is a professor of philosophy at …": the author's note, not the article
        notes = [(part.offset + hit.start(), part.offset + hit.end()) for hit in re.finditer(r"[^\n]+", text)
                 if authors and any(fold(hit.group(0)[:200]).startswith(a + " ") for a in authors)]
        if part is parts[-1] and (bio := AUTHOR_NOTE.search(text)):
            notes.append((part.offset + bio.start(), part.offset + bio.end()))  # the note closing an opinion piece
        taken: list[tuple[int, int]] = [*notes]
        joined: list[tuple[int, int]] = []
        ents = _place_led_names(_possessive_names(getattr(doc, "ents", ()), joined))
        joined = [(part.offset + s, part.offset + e) for s, e in joined]
        people = [(part.offset + e.start_char, part.offset + e.end_char, e) for e in getattr(doc, "ents", ())
                  if e.label_ in ("PER", "PERSON") and len(e) > 1 and all(t.text[:1].isupper() for t in e)]
        for m in _gazetteer_matches(part, doc, text, sent_of):
            if any(s <= m.start and m.end <= e for s, e in joined):
                continue  # "Vineyard" in "Martha’s Vineyard": the end of a longer name
            if m.kind in ("country", "place") and any(
                    s <= m.start and m.end <= e and e - s > m.end - m.start and
                    not any(_dictionary_word(t.text.lower(), doc.lang_) for t in ent
                            if not m.start <= part.offset + t.idx < m.end) for s, e, ent in people):
                continue  # "François Hollande", "Israel Katz": a person's name, not the place inside it
            if m.kind == "country" and _ends_longer_place(m, part, doc):
                continue  # "Latin America", "Northern Ireland": the model's longer place, not the country
            if m.kind in ("country", "place") and _inside_named_body(m, part, doc):
                continue  # "University of Hong Kong", "Banque de France": the organisation's name, not the place
            if m.kind == "organisation" and _heads_longer_body(m, part, doc):
                continue  # "the White House Office of Management and Budget": another body, named after this one
            if m.kind in ("country", "place") and _names_instrument(text, m.start - part.offset, m.end - part.offset):
                continue  # "l'accord de paix d'Oslo", "règlement Dublin", "the Paris Agreement"
            if _furniture(text, m.start - part.offset, m.end - part.offset, m.kind, outlet_name) or \
                    any(s <= m.start and m.end <= e for s, e in notes):
                continue  # a signature line, a teaser link, a file name, the outlet's own name ("FRANCE 24")
            if m.kind in ("country", "place") and _leads_named_body(m, part, doc):
                # "France terre d'asile", "the Washington Post": the model's organisation is an actor of its own;
                # a country keeps its mention, a capital there is no government
                if _lookup(m.surface) is not None and _lookup(m.surface).key not in gazetteer.METONYMS:
                    mentions.append(m)
                continue
            mentions.append(m)
            taken.append((m.start, m.end))
        for ent in ents:
            kind = NER_KINDS.get(ent.label_)
            if kind is None:
                continue
            m = _ner_mention(part, ent, kind, sent_of[ent.start], skip, text, evidence)
            if m is None or any(m.start < e and s < m.end for s, e in taken):
                continue
            if m.kind != "person" and _names_instrument(text, m.start - part.offset, m.end - part.offset):
                continue  # "l'espace Schengen"
            if _furniture(text, m.start - part.offset, m.end - part.offset, m.kind, outlet_name):
                continue
            mentions.append(m)
            taken.append((m.start, m.end))
        sentence_base += max(1, len(sents))
    mentions = _join_appositions(_join_acronyms(_decide_kinds(mentions, evidence), evidence), parts)
    mentions = _resolve_people(_join_heads(_join_national_forms(_without_possessor(mentions))))
    mentions += _bodies(parts, mentions, sent_starts)
    mentions += _ministries(parts, mentions, sent_starts)
    return [_with_role(m, parts) if m.kind == "person" else m for m in sorted(mentions, key=lambda m: m.start)]


# The author's note that closes an opinion piece, as its own dash-led last line: "- Jane Roe is a professor of
# law at …", "— Jean Dupont est chercheur au …" (a name, then who they are).
AUTHOR_NOTE = re.compile(r"(?:^|\n)[ \t]*[-–—][ \t]*[A-ZÀ-Ý][\w'’.-]+(?:[ \t]+[A-ZÀ-Ý][\w'’.-]+){1,3}[ \t]+"
                         r"(?:is|was|est|était)[ \t]+[^\n]*[ \t]*$")


# A state body named by its nationality ("gouvernement italien", "Israeli police") is an organisation
# of its own (armies have their gazetteer names; "administration Biden" stays with its leader).
BODIES = {"gouvernement": "government", "police": "police", "administration": "administration",
          "gendarmerie": "gendarmerie", "government": "government"}
_BODY_FR = re.compile(r"\b(gouvernement|police|administration|gendarmerie)\s+([a-zéèêëïîôûç-]+|[A-Z][\w-]+)\b")
_BODY_EN = re.compile(r"\b([A-Z][a-z]+|U\.?S\.?|UK)\s+(government|police|administration)\b")


def state_body(country: gazetteer.Entry, body: str) -> tuple[str, str]:
    """Key and name of a country's state body ("Turkey police"): the one actor the events stage
    also uses when its generic actors are that body ("des policiers turcs")."""
    return f"body:{country.country_code}:{body}", f"{country.canonical_name} {body}"


@cache
def _nationalities() -> dict[str, str]:
    """Nationality adjective (lower case, French and English) → ISO code, from the shared data files."""
    out: dict[str, str] = {}
    for name in ("nationality_adjectives.tsv", "event_nationalities.tsv"):
        for form, code in read_table(name, 2):
            out.setdefault(form.lower(), code)
    out.update({"us": "US", "u.s.": "US", "us.": "US", "u.s": "US", "uk": "GB"})
    return out


def _bodies(parts: Sequence[Part], mentions: list[Mention], sent_starts: list[tuple[int, int]]) -> list[Mention]:
    out = []
    for part in parts:
        for pattern, body_group, who_group in ((_BODY_FR, 1, 2), (_BODY_EN, 2, 1)):
            for hit in pattern.finditer(part.text):
                body, who = BODIES.get(hit.group(body_group).lower()), hit.group(who_group)
                code = _nationalities().get(who.lower())
                if body is None:
                    continue
                if code is not None and (pattern is _BODY_FR) == who[0].islower():
                    country = gazetteer.get(f"country:{code}")
                    if country is None:
                        continue
                    key, name = state_body(country, body)
                elif body == "administration" and (leader := _leader(who, mentions)) is not None:
                    # "l'administration Biden", "the Trump administration": the leader's administration is an
                    # organisation of its own; the leader keeps the mention of his name inside it
                    last = leader.canonical_name.split()[-1]
                    key, name, code = f"body:{fold(leader.canonical_name)}:administration", f"{last} administration", \
                        leader.country_code
                else:
                    continue
                start = part.offset + hit.start()
                sent = max((i for o, i in sent_starts if o <= start), default=0)
                out.append(Mention(key, name, "organisation", code, hit.group(0), start, part.offset + hit.end(), sent))
    return out


# A ministry or department named by its portfolio: "ministère de l'Intérieur", "ministère espagnol de la
# Défense", "the interior ministry", "the Justice Department", "State Department".
_MINISTRY_FR = re.compile(r"\b[Mm]inist[èe]re\s+(?:(?P<adj>[a-zéèêëïîôûç]+)\s+)?(?:de\s+l['’]\s*|de\s+la\s+|des\s+|du\s+)"
                          r"(?P<what>[A-ZÉÈ][\w'’-]+(?:\s+(?:et\s+)?(?:de\s+l['’]\s*|de\s+la\s+|des\s+|du\s+)?"
                          r"[A-ZÉÈ][\w'’-]+)*)")
_MINISTRY_EN = re.compile(r"\b(?:(?P<adj>[A-Z][a-z]+|U\.?S\.?|UK)\s+)?(?P<what>[A-Za-z]+)\s+(?:[Mm]inistry|[Dd]epartment)\b")


def _ministries(parts: Sequence[Part], mentions: list[Mention], sent_starts: list[tuple[int, int]]) -> list[Mention]:
    taken = [(m.start, m.end) for m in mentions if m.kind == "organisation"]
    out = []
    for part in parts:
        for pattern in (_MINISTRY_FR, _MINISTRY_EN):
            for hit in pattern.finditer(part.text):
                what = hit.group("what")
                if pattern is _MINISTRY_EN and fold(what) not in _nouns():
                    continue  # "each department", "this ministry"
                adj = hit.group("adj")
                code = _nationalities().get(adj.lower()) if adj else None
                if adj and code is None and pattern is _MINISTRY_FR:
                    continue
                lo = hit.start() if code is not None or pattern is _MINISTRY_FR else hit.start("what")
                start, end = part.offset + lo, part.offset + hit.end()
                if any(s < end and start < e for s, e in taken):
                    continue
                surface = part.text[lo:hit.end()]
                sent = max((i for o, i in sent_starts if o <= start), default=0)
                out.append(Mention(f"organisation:{fold(surface)}", surface[:1].upper() + surface[1:], "organisation",
                                   code, surface, start, end, sent))
    return out


def _leader(who: str, mentions: list[Mention]) -> Mention | gazetteer.Entry | None:
    """The person a surname names in the article (or the gazetteer's one person with that surname)."""
    last = fold(who)
    for m in mentions:
        if m.kind == "person" and fold(m.canonical_name).split()[-1:] == [last] and " " in m.canonical_name:
            return m
    known = _people_by_last_name().get(last, [])
    return known[0] if len(known) == 1 else None


def doc_text(part: Part, doc) -> str:
    """`doc.text`, which is the part's text (spaCy keeps text verbatim) but costs a Token object
    per token to rebuild: the part's text unless its length shows the doc was made from another."""
    if len(doc) and len(part.text) != doc[-1].idx + len(doc[-1].text_with_ws):
        return doc.text
    return part.text


@lru_cache(maxsize=100_000)
def _word(token_text: str) -> tuple[str, bool, bool]:
    """(folded token, whether it is an elision, whether a gazetteer match can start with it):
    the same words recur in every article."""
    lower = fold(token_text)
    is_elision = _elided(token_text) == "l"  # only "l’" leads an alias ("l’Alliance")
    return lower, is_elision, is_elision or lower in _first_words()


def _elided(token_text: str) -> str | None:
    """The elided word a token writes with its apostrophe ("l’", "d'", "qu’" → "l", "d", "qu"), else None
    (never "M." and other abbreviations)."""
    folded = fold(token_text)
    return folded if folded in ELISIONS and not token_text[-1].isalnum() and token_text[-1] != "." else None


def _gazetteer_matches(part: Part, doc, text: str, sent_of: list[int]) -> Iterable[Mention]:
    """Longest gazetteer alias starting at each token (plain string slices: this runs on every token;
    token offsets come from one array, not from a spaCy Token object per token)."""
    from spacy.attrs import IDX, LENGTH  # here: importing this module must not load spaCy

    first_words = _first_words()
    spans = doc.to_array([IDX, LENGTH]).tolist()
    starts = [s for s, _ in spans]
    ends = [s + n for s, n in spans]
    words = [_word(text[s:e]) for s, e in zip(starts, ends, strict=True)]
    folded = [w for w, _, _ in words]
    n_tokens = len(starts)
    after = 0  # tokens before this one are inside the previous match
    for i in [i for i, w in enumerate(words) if w[2]]:  # the few tokens a match can start with
        if i < after:
            continue
        lower, is_elision, _ = words[i]
        longest = first_words.get(lower, 0) if not is_elision else \
            1 + (first_words.get(folded[i + 1], 0) if i + 1 < n_tokens else 0)
        found = None
        for n in range(min(longest, n_tokens - i), 0, -1):
            surface = text[starts[i]:ends[i + n - 1]]
            if "\n" in surface:
                continue
            entry = _lookup(surface)
            if entry is None:
                continue
            if is_elision and n > 1 and _lookup(text[starts[i + 1]:ends[i + n - 1]]) is entry:
                break  # "l’OTAN": the match starting after the elision is the right one
            found = (n, surface, entry)
            break
        if found is None:
            continue
        n, surface, entry = found
        if n == 1 and entry.kind == "organisation" and i > 0 and after < i and lower in _nouns() and \
                text[starts[i - 1]:starts[i - 1] + 1].isupper() and ends[i - 1] < starts[i] and \
                not doc[i - 1].is_sent_start and _word_capitalised_inside(doc[i - 1]):
            continue  # "Party Congress", "Federal Council": a common-noun alias inside a longer unknown name
        if n > 1 and entry.kind == "organisation" and text[starts[i + n - 1]:starts[i + n - 1] + 1].islower() and \
                doc[i + n - 1].pos_ == "ADJ" and doc[i + n - 1].head.i >= i + n:
            continue  # "an Israeli military checkpoint": an adjective of the next noun, not the army
        if entry.kind == "place" and _starts_longer_place(doc, starts[i], ends[i + n - 1]):
            continue  # "Washington DC": the model's longer place, not the capital's government
        if entry.key in gazetteer.METONYMS and _acts(doc[i:i + n], part):
            country = gazetteer.get(gazetteer.METONYMS[entry.key])
            if country is not None:
                entry = country
        yield _entry_mention(entry, surface, part.offset + starts[i], part.offset + ends[i + n - 1], sent_of[i])
        after = i + n


# A treaty, a regulation or an area named after a place: the place is part of its name, not an actor there.
_INSTRUMENT_BEFORE = re.compile(r"(?:\b(?:accords?|trait[ée]s?|r[èe]glements?|conventions?|protocoles?|pactes?|espace|"
                                r"format|processus)(?:\s+de\s+paix)?\s+(?:de\s+|d['’]\s*|du\s+)?|"
                                r"\b(?:Treaty|Convention|Protocol|Accords?|Agreement|Pact)\s+of\s+(?:the\s+)?)$")
_INSTRUMENT_AFTER = re.compile(r"\s+(?:[Aa]ccords?|[Aa]greements?|[Tt]reaty|[Cc]onvention|[Pp]rotocol|[Rr]egulation|"
                               r"[Pp]rocess|[Aa]rea|[Ff]ormat|[Pp]act)\b")


def _names_instrument(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] names a treaty, regulation, process or area ("accords d'Oslo",
    "règlement Dublin", "espace Schengen", "the Minsk agreements", "Treaty of Rome")."""
    return bool(_INSTRUMENT_BEFORE.search(text, max(0, start - 40), start) or _INSTRUMENT_AFTER.match(text, end))


def _ends_longer_place(m: Mention, part: Part, doc) -> bool:
    """Whether a country's name ends a longer place name the model found, capitalised words before it
    ("Latin America", "Northern Ireland")."""
    for ent in getattr(doc, "ents", ()):
        if ent.label_ not in ("LOC", "GPE") or not (part.offset + ent.start_char < m.start and
                                                     m.end == part.offset + ent.end_char):
            continue
        lead = [t for t in ent if part.offset + t.idx < m.start and not t.is_space and fold(t.text) not in ARTICLES]
        return bool(lead) and all(t.text[:1].isupper() for t in lead) and _lookup(lead[0].text) is None
    return False


def _starts_longer_place(doc, start: int, end: int) -> bool:
    """Whether a known place opens a longer place name the model found, only capitalised words after it
    ("Washington DC", "Gaza City")."""
    for ent in getattr(doc, "ents", ()):
        if ent.start_char == start and ent.end_char > end and ent.label_ in ("LOC", "GPE"):
            rest = [t for t in ent if t.idx >= end and not t.is_space]
            return bool(rest) and all(t.text[:1].isupper() for t in rest) and _lookup(rest[0].text) is None
    return False


def _leads_named_body(m: Mention, part: Part, doc) -> bool:
    """Whether a place is part of the name of an organisation the model found around it, capitalised
    words with it ("France Télévisions", "the Washington Post", "USA Today", "We Are All America")."""
    for ent in getattr(doc, "ents", ()):
        if ent.label_ != "ORG" or not (part.offset + ent.start_char <= m.start and m.end <= part.offset + ent.end_char):
            continue
        others = [t for t in ent if not (m.start <= part.offset + t.idx < m.end) and not t.is_space and
                  fold(t.text) not in ARTICLES | ACRONYM_GLUE]
        return bool(others) and all(t.text[:1].isupper() or t.text[:1].isdigit() for t in others) and \
            not any(fold(t.text) in BODIES for t in others)
    return False


def _heads_longer_body(m: Mention, part: Part, doc) -> bool:
    """Whether a known organisation opens the name of another body the model found ("the White House Office
    of Management and Budget", "the Kremlin Security Council"): capitalised words after it, one of them an
    institution's head noun."""
    for ent in getattr(doc, "ents", ()):
        if ent.label_ != "ORG" or not (part.offset + ent.start_char <= m.start < m.end < part.offset + ent.end_char):
            continue
        rest = [t for t in ent if part.offset + t.idx >= m.end and not t.is_space]
        if not any(t.text[:1].isalpha() for t in ent if part.offset + t.idx < m.start and fold(t.text) not in ARTICLES):
            return len(rest) >= 2 and rest[0].text[:1].isupper() and \
                any(fold(t.text) in BODY_LAST | BODY_FIRST for t in rest)
    return False


def _inside_named_body(m: Mention, part: Part, doc) -> bool:
    """Whether a place the gazetteer found completes the name of an organisation the model found around
    it, after "of" / "de" ("the University of Hong Kong", "la Banque de France"): the organisation's
    capitalised head ("University", "Banque") comes first, the place ends the name."""
    for ent in getattr(doc, "ents", ()):
        if ent.label_ != "ORG" or not (part.offset + ent.start_char <= m.start and m.end == part.offset + ent.end_char):
            continue
        head = [t for t in ent if part.offset + t.idx < m.start]
        while head and (fold(head[0].text) in ARTICLES or _elided(head[0].text)):
            head.pop(0)
        if len(head) < 2 or fold(head[-1].text) not in ("of", "de", "d", "du", "des") or \
                not all(t.text[:1].isupper() for t in head[:-1]) or _lookup(head[0].text) is not None:
            return False
        return True
    return False


def _possessive_join(a, b) -> bool:
    """Whether two of the model's entities are one name with a possessive inside ("Martha’s Vineyard"):
    neither a person, only "’s" between them, the first one capitalised word that names nothing known (no
    gazetteer entry, no GeoNames place). "Israel's Shin Bet", "Boston’s Faneuil Hall", "Russia’s Putin" stay
    two."""
    if a.label_ in ("PER", "PERSON") or b.label_ in ("PER", "PERSON") or not b.text[:1].isupper():
        return False
    text = a.doc.text
    joint = text[a.start_char:b.start_char]
    if not re.fullmatch(r"[A-ZÀ-Ý][\w.-]*['’ʼ] ?s ", joint):
        return False
    head = re.sub(r"['’ʼ] ?s $", "", joint)
    # "Boston’s Faneuil Hall": two places; "McDonald’s France": a known country is no place's tail
    return _lookup(head) is None and gazetteer.place(head) is None and _lookup(b.text) is None


def _possessive_names(ents, joined: list[tuple[int, int]]) -> list:
    """The model's entities with the two halves of a name holding a possessive joined (the second's label);
    the joined names' character ranges go to `joined`."""
    from spacy.tokens import Span  # here: importing this module must not load spaCy

    out: list = []
    for ent in ents:
        if out and ent.start - out[-1].end <= 1 and _possessive_join(out[-1], ent):
            out[-1] = Span(ent.doc, out[-1].start, ent.end, label=ent.label_)
            joined.append((out[-1].start_char, out[-1].end_char))
            continue
        out.append(ent)
    return out


def _place_led_names(ents) -> list:
    """The model's entities, where a place directly followed by one capitalised word it took for a
    person ("Miami" + "Herald", "Boston" + "Globe") is one organisation's name."""
    from spacy.tokens import Span  # here: importing this module must not load spaCy

    ents = list(ents)
    out = []
    i = 0
    while i < len(ents):
        a = ents[i]
        b = ents[i + 1] if i + 1 < len(ents) else None
        if b is not None and a.label_ in ("LOC", "GPE") and b.label_ in ("PER", "PERSON") and len(b) == 1 and \
                b.start == a.end and a.doc[a.end - 1].whitespace_ == " " and b.text[:1].isupper():
            out.append(Span(a.doc, a.start, b.end, label="ORG"))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def _word_capitalised_inside(token) -> bool:
    """A capitalised word the sentence does not start, not a title or a determiner ("the", "Le")."""
    return token.i > 0 and not token.doc[token.i - 1].is_punct and fold(token.text) not in ARTICLES | HONORIFICS


def _acts(span, part: Part) -> bool:
    """A capital stands for its government ("Washington menace", "le discours de Moscou") unless
    a locative preposition makes it the place where something happens ("à Genève", "in Vienna").
    "de" counts as locative only after a verb of movement or origin ("venu de Moscou")."""
    if span.start == 0:
        return True
    before = span.doc[span.start - 1]
    word = fold(before.text)
    if word in ("a", "au") and span.start >= 2 and fold(span.doc[span.start - 2].lemma_ or "") in RECIPIENT_VERBS:
        return True
    if word == "to" and fold(before.head.lemma_ or "") in RECIPIENT_EN:
        return True  # "supplies to Kyiv", "the money available to Kiev": the one something is given to
    if word in LOCATIVE - {"de"}:
        return False
    if word in ("et", "and", "ou", "or", ",") and span.start >= 3:  # "based in San Francisco and Paris"
        i = span.start - 2
        while i > 0 and span.doc[i].text[:1].isupper() and not span.doc[i].is_sent_start:
            i -= 1
        if i < span.start - 2 and fold(span.doc[i].text) in LOCATIVE - {"de"} and span.doc[i].text.islower():
            return False
    if word == "de" and span.start >= 2 and span.doc[span.start - 2].pos_ in ("VERB", "AUX"):
        return False
    return True


# "promis à Kiev", "livrer à Kiev": after these verbs, "à" introduces a recipient, not a place.
RECIPIENT_VERBS = {"promettre", "dire", "demander", "livrer", "fournir", "envoyer", "proposer", "offrir", "repondre",
                   "ecrire", "annoncer", "assurer", "garantir", "reprocher", "imposer", "adresser", "vendre", "accorder",
                   "rappeler", "lancer", "transmettre", "expliquer", "confirmer"}


# What "to" hangs on when it names the one something is given to, not where one goes: a verb or a noun of
# giving ("send", "aid", "supplies") or "available".
RECIPIENT_EN = {"give", "send", "provide", "deliver", "sell", "supply", "ship", "transfer", "offer", "promise",
                "pledge", "grant", "lend", "donate", "aid", "assistance", "support", "supplies", "weapon", "arms",
                "money", "funding", "fund", "loan", "package", "shipment", "delivery", "sale", "available"}


def _clean_tokens(ent) -> tuple[int, int, list[str]]:
    """Token range of an entity without leading articles, elisions and honorifics; the stripped title."""
    tokens = list(ent)
    lo, hi = 0, len(tokens)
    stripped: list[str] = []
    while lo < hi:
        t = tokens[lo]
        low = fold(t.text)
        if low in ARTICLES or _elided(t.text):
            lo += 1
        elif low.rstrip(".") in HONORIFICS and lo + 1 < hi and ent.label_ in ("PER", "PERSON"):
            stripped.append(t.text)
            lo += 1
        else:
            break
    while hi > lo and not any(c.isalnum() for c in tokens[hi - 1].text):
        hi -= 1
    return lo, hi, stripped


def _ner_mention(part: Part, ent, kind: str, sent: int, skip: set[str], text: str,
                 evidence: _Evidence | None = None) -> Mention | None:
    lo, hi, stripped = _clean_tokens(ent)
    if lo >= hi:
        return None
    span = ent.doc[ent.start + lo:ent.start + hi]
    surface = text[span.start_char:span.end_char]  # span.text, without a Token object per token
    cut_start, cut_end = _trim(surface)
    if cut_start >= cut_end:
        return None
    surface = surface[cut_start:cut_end]
    if (cut := _english_name_end(surface, span.doc.lang_)) < len(surface):
        cut = _trim(surface[:cut])[1]  # "Trump’s immigration agenda" → "Trump"
        surface, cut_end = surface[:cut], cut_start + cut
    if kind != "person" and (tail := NAME_TAIL.get(span.doc.lang_, _NO_TAIL).match(text, span.start_char + cut_end)):
        # "la Méditerranée centrale", "the Al-Aqsa mosque": a lowercase word that belongs to the place's name
        surface, cut_end = surface + tail.group(0), cut_end + tail.end() - tail.start()
        kind = "place" if span.doc.lang_ == "en" else kind
    longest = 6
    if kind != "person" and (more := _spelled_out(text, span.start_char + cut_start, span.start_char + cut_end)):
        surface, cut_end, longest = surface + text[span.start_char + cut_end:more], more - span.start_char, 14
    if kind == "organisation" and len(parts_ := surface.split()) == 2 and parts_[0].lower() in _nationalities() and \
            NOUN_AFTER.match(text, span.start_char + cut_end):
        cut_start += len(surface) - len(parts_[1])  # "the Palestinian Wafa news agency": the agency is Wafa
        surface = parts_[1]
    key_text = fold(surface)
    if not key_text or key_text in NEVER_ACTORS or key_text in skip or "\n" in surface:
        return None
    start, end = part.offset + span.start_char + cut_start, part.offset + span.start_char + cut_end
    entry = _lookup(surface) or _singular_demonym(surface)
    if entry is not None:
        return _entry_mention(entry, surface, start, end, sent)
    words = surface.split()
    if not surface[0].isupper() or len(surface) < 2 or sum(fold(w) not in ACRONYM_GLUE for w in words) > longest or BAD_CHARS.search(surface):
        return None
    if "-" in surface and all(_lookup(w) is not None for w in surface.split("-")):
        return None  # "U.S.-Mexico (border)": a compound modifier of two known names
    if evidence is not None:
        if not _plausible_name(surface, words, span, kind, part, evidence):
            return None
        evidence.locative[start] = not _acts(span, part) and span.start > 0
        named = span.doc.char_span(span.start_char + cut_start, span.start_char + cut_end, alignment_mode="expand")
        if (hint := _kind_hint(named if named is not None and len(named) else span, text, len(words))) is not None:
            evidence.hint[start] = hint
    if kind == "person" and len(words) == 1 and "-" in surface and \
            surface.split("-")[0].lower() in _adjectives(span.doc.lang_):
        kind = "place"  # "Haut-Karabakh", "Nord-Kivu": a place name led by an adjective, not a surname
    if kind == "person" and CREDIT_AFTER.match(text, span.start_char + cut_end):
        return None  # "Garcia Cano reported from Caracas": the reporter's line, not an actor
    if _credit(text, span.start_char + cut_start, span.start_char + cut_end, kind):
        return None
    if len(words) == 1 and PORTFOLIO_BEFORE.search(text, max(0, span.start_char - 80), span.start_char + cut_start) and \
            _common_noun(key_text):
        return None  # "la secrétaire d'État chargée de la Citoyenneté": a portfolio, not an actor
    if ABOARD.search(text, max(0, span.start_char + cut_start - 20), span.start_char + cut_start):
        return None  # "aboard Air Force One", "à bord du Charles de Gaulle": a ship or a plane, not an actor
    if kind == "person":
        if any(w[0].islower() and fold(w) not in NAME_PARTICLES for w in words) or any(c.isdigit() for c in surface):
            return None
        if len(words) == 1 and (surface.isupper() or len(surface) < 3):
            return None
        role = " ".join(w for w in stripped if fold(w).rstrip(".") not in COURTESY) or None
        if len(words) == 1:
            return Mention(f"surname:{key_text}", surface, "person", None, surface, start, end, sent, role)
        return Mention(f"person:{key_text}", surface, "person", None, surface, start, end, sent, role)
    if sum(w[0].isupper() for w in words) == 0:
        return None
    if len(words) > 1 and (fold(words[-1]) in EVENT_HEADS or fold(words[0]) in EVENT_HEADS):
        return None  # "Spring Festival", "Oath Ceremony", "Operation Allies Welcome", "Second Intifada": an event
    if len(words) > 1 and fold(words[-2]) in ("party", "parti") and fold(words[-1]) in PARTY_MEETINGS:
        return None  # "the 20th Party Congress", "the Labour Party Conference": the party's meeting, an event
    if kind == "place" and span.doc.lang_ == "en" and EVENT_AFTER.match(text, span.start_char + cut_end):
        return None  # "the 1967 Middle East war": the event's name, not the region as an actor
    if len(words) > 2 and ROLE_START.match(surface):
        return None  # "Directeur de la Division du Conseil …": a title, not the body it names
    return Mention(f"{kind}:{key_text}", surface, kind, None, surface, start, end, sent)


ROLE_START = re.compile(r"(?:" + ROLE_HEAD + r")\s+(?:de|du|des|of)\b", re.IGNORECASE)
# A lowercase word that completes a place's name: a French region's direction ("Méditerranée centrale",
# "Asie centrale", "Europe orientale"), an English place of worship ("the Al-Aqsa mosque").
NAME_TAIL = {
    "fr": re.compile(r"[ \t]+(?:centrale?|orientale?|occidentale?|septentrionale?|m[ée]ridionale?|australe?|bor[ée]ale?)s?\b"),
    "en": re.compile(r"[ \t]+(?:mosque|cathedral|synagogue|basilica|shrine)\b"),
}
_NO_TAIL = re.compile(r"(?!)")
# What an event, an operation or a programme is called by: never an actor's name.
EVENT_HEADS = {"summit", "sommet", "festival", "games", "jeux", "cup", "coupe", "championship", "championnat", "olympics",
               "expo", "ceremony", "ceremonie", "intifada", "revolution", "operation", "war", "guerre", "program",
               "programme"}
PARTY_MEETINGS = {"congress", "conference", "convention", "congres"}
# What a vehicle's name follows; the war an English place name qualifies ("the 1991 Gulf war").
ABOARD = re.compile(r"(?:\baboard(?:[ \t]+the)?|\b[àa][ \t]+bord[ \t]+(?:du|de[ \t]+la|de[ \t]+l['’]|d['’]|des))[ \t]*$",
                    re.IGNORECASE)
EVENT_AFTER = re.compile(r"[ \t]+wars?\b")
# A portfolio after a title: "ministre de l'Intérieur", "secrétaire d'État chargée de la Citoyenneté", "Minister of Defence".
PORTFOLIO_BEFORE = re.compile(r"\b(?:" + ROLE_HEAD + r")(?:\s+d['’][ée]tat)?(?:\s+(?:charg[ée]e?s?|d[ée]l[ée]gu[ée]e?s?))?"
                              r"\s+(?:de\s+la|de\s+l['’]|du|des|aux?|à\s+la|à\s+l['’]|of(?:\s+the)?|for)\s*$",
                              re.IGNORECASE)


# The common noun a name qualifies in English: "the Wafa news agency", "the Kommersant daily".
NOUN_AFTER = re.compile(r"\s+(?:news\s+)?(?:agency|daily|newspaper|broadcaster|channel|group|company|party)\b")
# A photo credit or a byline around a name: "© Fiona Alihosi/AP", "REUTERS/Anna Voitenko", "Emilio Naranjo / AP",
# "Par Sandrine Morel", "By Oren Liebermann and Donald Judd, CNN", "Propos recueillis par", "Photo : Unsplash".
CREDIT_BEFORE = re.compile(r"(?:[/©|]|\b(?:[Pp]hoto|[Cc]r[ée]dits?|[Ii]mage)\s*:)\s*$")
CREDIT_AFTER_NAME = re.compile(r"^\s*(?:[/©|]|\(?(?:" + "|".join(
    re.escape(form) for name in AGENCIES for form in dict.fromkeys((name, name.upper()))) + r")\b)")
BYLINE_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:(?:Par|By|BY|PAR|Texte|Propos recueillis par|Interview by)\s+|"
                           r"(?:\S+\s+){0,3}(?:recueillis par|[Éé]crit par|written by)\s+)"
                           r"(?:[A-ZÀ-Ý][\w.'’-]*\s+){0,6}(?:(?:et|and|,)\s+(?:[A-ZÀ-Ý][\w.'’-]*\s+){0,3})*$")
# A line of page furniture: a publication time or "updated" marker next to the name ("Stéphane Joahny 30/12/2022
# à 16:40", "Robert Tait in Washington Tue 30 Dec 2025 13.00 CET", "Ümit Dönmez | 06.12.2022").
DATELINE = re.compile(r"\b\d{1,2}[:h.]\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b(?:Publié|Mis à jour|Published|Updated|"
                      r"Last modified|minute read)\b")


def _credit(text: str, start: int, end: int, kind: str) -> bool:
    """Whether a name stands in a credit or a byline rather than in the article's text."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before, after = text[line_start:start], text[end:line_end]
    if CREDIT_BEFORE.search(before) or CREDIT_AFTER_NAME.match(after):
        return True
    if kind != "person":
        return False
    if BYLINE_BEFORE.search(text[line_start:start]):
        return True
    # a name near the start of a short furniture line with a time or date
    return len(before) < 40 and len(after) < 160 and bool(DATELINE.search(after[:80])) and \
        not re.search(r"[.!?]\s", before)


# A byline inside a line of page furniture: "Oren Liebermann Donald Judd By Oren Liebermann and Donald Judd, CNN".
BYLINE_INLINE = re.compile(r"(?<=[^\W\d_])[ \t]+(?:By|BY|Par|PAR)[ \t]+(?:[A-ZÀ-Ý][\w.'’-]*\s+){1,6}"
                           r"(?:(?:et|and|,)\s+(?:[A-ZÀ-Ý][\w.'’-]*\s+){0,3})*$")
# A publication date or marker right after a name: "Stéphane Joahny 30/12/2022 à 16:40".
DATE_AFTER = re.compile(r"\s*(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|(?:Publié|Mis à jour|Published|Updated)\b)")
# A signature or dateline line: "» Nissim Behar à Tel-Aviv", "Robert Tait in Washington Tue 30 Dec 2025 13.00".
SIGNATURE = re.compile(r"(?:^[ \t]*|(?<=[.!?»”\"])[ \t]+)[A-ZÀ-Ý][\w'’-]+(?:[ \t]+[A-ZÀ-Ý][\w'’-]+){1,3}[ \t]+"
                       r"(?:à|in|depuis|from)[ \t]+(?P<place>[A-ZÀ-Ý][\w'’-]+(?:[ \t-][A-ZÀ-Ý][\w'’-]+){0,2})"
                       r"(?=[ \t]*$|[ \t]+(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w*[ \t]+)?\d{1,2}[ \t./])", re.M)
TIME_BEFORE = re.compile(r"\b\d{1,2}[:.h]\d{2}[ \t]*(?:[AaPp]\.?[Mm]\.?[ \t]*)?$")
# A line that only points to another article: "Lire aussi …", ">> Immigration : …", "Read more: …".
TEASER = re.compile(r"(?:^[ \t]*(?:>>|»)|(?:^[ \t]*|(?<=[.!?»”\"])[ \t]+)(?:(?:[ÀA] )?[Ll]ire (?:aussi|la suite|"
                    r"également)|LIRE AUSSI|Read (?:more|also)|READ MORE|See also|Voir aussi|Related:|Sur le même sujet|"
                    r"(?:[ÀA] )?[Vv]oir aussi|More on this))", re.M)
# A share bar ("Partager avec LinkedIn", "Share on WhatsApp") or a bare menu or tag item ("* Droits de l'homme *").
SHARE_BEFORE = re.compile(r"\b(?:Partager|Partagez|Share|Envoyer)(?:[ \t]+(?:sur|avec|via|par|on|with|to|by))?[ \t]*$")
SHARE_AFTER = re.compile(r"[ \t]+(?:Partager|Share)\b")
BULLET_BEFORE = re.compile(r"(?:^|\s)[*+•][ \t]*$", re.M)
BULLET_AFTER = re.compile(r"[ \t]*(?:[*+•](?:\s|$)|$)")


def _furniture(text: str, start: int, end: int, kind: str, outlet: str) -> bool:
    """Whether a name stands in page furniture rather than in the article's sentences: a signature or
    dateline line (the place in it too), a teaser link, a share bar or a bare menu item, a file name, or
    the outlet's own name ("FRANCE 24" is not France)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if TEASER.search(text, line_start, start):  # from the marker to the end of its line
        return True
    if outlet and len(fold(text[start:end])) < len(outlet) and fold(text[start:start + len(outlet) + 1]) == outlet:
        return True
    chunk_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    chunk_end = min(x for x in (text.find(" ", end), text.find("\n", end), len(text)) if x >= 0)
    chunk = text[chunk_start:chunk_end]
    if len(chunk) > 25 and re.search(r"[_=%&]|/\S", chunk):
        return True  # "GULF-QATAR-JAZEERA-1714943623.jpg?resize=96"
    if SHARE_BEFORE.search(text, line_start, start) or SHARE_AFTER.match(text, end, line_end):
        return True
    if BULLET_BEFORE.search(text, line_start, start) and BULLET_AFTER.match(text, end, line_end):
        return True  # a menu's or a tag list's item: the name alone after its bullet
    for hit in SIGNATURE.finditer(text, line_start, line_end):
        if hit.start() <= start and end <= hit.end():
            return True
    if kind == "person" and DATE_AFTER.match(text, end, line_end):
        return True
    if re.match(r"[A-Z]{2}", text[start:end]) and TIME_BEFORE.search(text, line_start, start):
        return True  # "13.00 CET", "4:22 PM EDT": a time zone
    return kind == "person" and bool(BYLINE_INLINE.search(text, line_start, start))


# What follows a reporter's name in a wire story's closing line.
CREDIT_AFTER = re.compile(r"(?:\s+and\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)?\s+(?:reported|contributed)\b")
# An English name ends with its last capitalised word ("Henan province", "Islamic State group"); any name
# before a spaced dash ("West Bank - Israeli") or a coordination of two names ("Commission politique et la
# Commission nationale": the model joined two names).
_EN_LOWER_TAIL = re.compile(r"(?:\s+[a-z][\w’'-]*)+$")


# The rest of a name spelled out in parentheses after its acronym, where the model stopped early:
# "l'Ofpra (Office français | de protection des réfugiés et apatrides)".
_PAREN_REST = re.compile(r"[ \t]+[a-zà-ÿ][\w'’ \t-]{0,80}(?=\))")
_ACRONYM_BEFORE = re.compile(r"\b[A-ZÀ-Ý][\w-]*[ \t]*\([ \t]*$")


def _spelled_out(text: str, start: int, end: int) -> int | None:
    """Where a name opening a parenthesis really ends: at the closing parenthesis, when only words follow."""
    if not _ACRONYM_BEFORE.search(text, max(0, start - 40), start):
        return None
    rest = _PAREN_REST.match(text, end)
    return rest.end() if rest else None


def _english_name_end(surface: str, language: str) -> int:
    dash = re.search(r"\s[-–—]\s|\s(?:et|and)\s(?:la|le|les|l['’]|the)\s*(?=[A-ZÀ-Ý])", surface)
    end = dash.start() if dash and dash.start() > 0 else len(surface)
    if language == "en":
        tail = _EN_LOWER_TAIL.search(surface, 0, end)
        head = fold(surface[:tail.start()]).split() if tail else []
        if head and head[-1] not in NAME_PARTICLES:
            end = tail.start()
    return end


def _singular_demonym(surface: str) -> gazetteer.Entry | None:
    """A capitalised singular demonym ("un Italien", "une Tchadienne", "a Sierra Leonean") is
    its country, as the plural forms of the gazetteer are."""
    if not surface[:1].isupper() or surface.isupper():
        return None
    for plural in (surface + "s", surface[:-2] + "s" if surface.endswith("nne") else None):
        entry = _lookup(plural) if plural else None
        if entry is not None and entry.kind == "country" and fold(plural) not in {fold(entry.canonical_name)}:
            return entry
    for suffix in ("ean", "ian", "ese", "an", "n"):  # "Sierra Leonean", "Venezuelan", "Sudanese": the country + suffix
        if surface.endswith(suffix) and len(surface) - len(suffix) >= 4:
            entry = _lookup(surface[:-len(suffix)])
            if entry is not None and entry.kind == "country" and fold(surface[:-len(suffix)]) == fold(entry.canonical_name):
                return entry
    return None


# Characters no actor's name holds: credits ("Name/Reuters"), menus ("Politique * Économie"), markup.
BAD_CHARS = re.compile(r"[/\\|*!?<>=+_~^&%$#@\[\]{}\d\"“”«»]")
# What a name does not end with: a possessive ("Trump’s", "Russiaʼs") or a dangling particle ("Cour suprême des").
TRAILING = re.compile(r"(?:\s*['’ʼ]s|['’ʼ])$|\s+(?:de|du|des|d['’]|la|le|les|l['’]|of|the|and|et|en|à|au|aux)$",
                      re.IGNORECASE)
EDGE = " \t\"'“”«»‘’ʼ()[]{}.,;:!?-–—*·•"


def _trim(surface: str) -> tuple[int, int]:
    """The name inside a surface: without edge punctuation, possessive, or dangling particle."""
    lo, hi = 0, len(surface)
    while True:
        before = (lo, hi)
        while lo < hi and surface[lo] in EDGE:
            lo += 1
        while hi > lo and surface[hi - 1] in EDGE and not (surface[hi - 1] == "." and hi - lo <= 4):
            hi -= 1
        m = TRAILING.search(surface, lo, hi)
        if m and m.start() > lo:
            hi = m.start()
        if (lo, hi) == before:
            return lo, hi


@cache
def _calendar_words() -> frozenset[str]:
    """Weekday and month names in French and English (CLDR, through babel): never actors."""
    from babel import Locale

    out = set()
    for lang in ("fr", "en"):
        loc = Locale(lang)
        for width in ("wide", "abbreviated"):
            out.update(fold(n).rstrip(".") for n in loc.days["format"][width].values())
            out.update(fold(n).rstrip(".") for n in loc.months["format"][width].values())
    return frozenset(w for w in out if len(w) > 2)


@dataclass
class _Evidence:
    """What the whole article says about its words: the ones it also writes in lower case
    (common nouns: "immigration", "commission"), the capitalised phrases that can spell an
    acronym, and per mention whether a locative preposition introduces it."""

    lower: frozenset[str]
    all_caps_parts: frozenset[int]
    locative: dict[int, bool]
    lower_phrases: frozenset[str]
    name_initials: frozenset[str]  # initials of capitalised phrases ("Parti socialiste" → PS)
    capital_mid: frozenset[str] = frozenset()  # words capitalised inside a sentence, where a capital means a name
    geographic: frozenset[str] = frozenset()  # names a geographic noun introduces ("îles Canaries", "Gulf of Aden")
    hint: dict[int, str] = field(default_factory=dict)  # mention start → the kind its neighbours say (_kind_hint)
    compounded: frozenset[str] = frozenset()  # words led by a lower-case word and a hyphen ("zero-Covid")

    @classmethod
    def of(cls, parts: Sequence[Part]) -> _Evidence:
        lower, initials, named, mid, geographic, compounded = set(), set(), set(), set(), set(), set()
        caps = set()
        for part in parts:
            words = WORD.findall(part.text)
            lower.update(fold(w) for w in words if w[0].islower())
            for hit in CAPITALISED_MID.finditer(part.text):
                mid.add(fold(hit.group(1)))
            geographic.update(fold(hit.group(1)) for hit in GEOGRAPHIC.finditer(part.text))
            compounded.update(fold(hit.group(1)) for hit in COMPOUNDED.finditer(part.text))
            n_letters = sum(map(str.isalpha, part.text))
            if n_letters and sum(map(str.isupper, part.text)) > 0.8 * n_letters:  # upper-case letters are letters
                caps.add(part.offset)
            # initials of every run of 2-6 words, lower-case included ("artificial intelligence" → AI)
            plain = [w for w in words if fold(w) not in ACRONYM_GLUE]
            firsts = [w[0] for w in plain]
            shouted = [w.isupper() for w in plain]
            for i in range(len(plain) - 1):
                all_lower, any_upper, letters = firsts[i].islower(), shouted[i], firsts[i]
                for j in range(i + 1, min(i + 6, len(plain))):
                    all_lower = all_lower and firsts[j].islower()
                    any_upper = any_upper or shouted[j]
                    letters += firsts[j]
                    if all_lower:
                        initials.add(letters.upper())
                    elif firsts[i].isupper() and not any_upper:
                        named.add(letters.upper())
        return cls(frozenset(lower), frozenset(caps), {}, frozenset(initials), frozenset(named), frozenset(mid),
                   frozenset(geographic), compounded=frozenset(compounded))


WORD = re.compile(r"[^\W\d_][\w’'-]*")
# A capitalised word after a lower-case word or a comma on the same line: inside a sentence.
# A name after a geographic common noun: "les îles Canaries", "l'archipel espagnol des Canaries", "the Gulf of Aden".
GEOGRAPHIC = re.compile(r"\b(?:[îi]les?|archipel|mer|golfe|d[ée]troit|lac|mont|monts|vall[ée]e|plaine|d[ée]sert|"
                        r"r[ée]gion|province|islands?|archipelago|sea|gulf|strait|lake|mount|mountains|valley|desert|"
                        r"region)(?:[ \t]+[a-zà-ÿ]+)?[ \t]+(?:(?:des|du|de|d['’]|de[ \t]+la|of|of[ \t]+the)[ \t]+)?"
                        r"([A-ZÀ-Ý][\w-]+)")
COMPOUNDED = re.compile(r"\b[a-zà-ÿ]{2,}-([A-ZÀ-Ý][\w]+)")
CAPITALISED_MID = re.compile(r"(?:[a-zà-ÿ,][’']?[ \t]+|[’'])([A-ZÀ-Ý][\w-]*)")


@cache
def _dictionary(language: str) -> frozenset[str]:
    """Adjectives, adverbs and verb forms (and, in French, common nouns) of the language, from the
    lemmatizer tables of its spaCy model (English nouns are left out: WordNet lists many names)."""
    model = nlp.pipeline(language)
    if model is None or "lemmatizer" not in model.pipe_names:
        return frozenset()
    lookups = model.get_pipe("lemmatizer").lookups
    pos = ("adj", "adv", "verb", "noun") if language == "fr" else ("adj", "adv", "verb")
    out: set[str] = set()
    for table in ("lemma_index", "lemma_exc"):
        if lookups.has_table(table):
            t = lookups.get_table(table)
            for p in pos:
                entries = t.get(p) or ()
                out.update(entries if table == "lemma_index" else (*entries, *(x for v in dict(entries).values()
                                                                               for x in v)))
    return frozenset(w for w in out if isinstance(w, str))


@cache
def _nouns() -> frozenset[str]:
    """Common nouns of French and English, folded, from the lemmatizer tables."""
    out: set[str] = set()
    for language in ("fr", "en"):
        model = nlp.pipeline(language)
        if model is None or "lemmatizer" not in model.pipe_names:
            continue
        lookups = model.get_pipe("lemmatizer").lookups
        if lookups.has_table("lemma_index"):
            out.update(fold(w) for w in lookups.get_table("lemma_index").get("noun") or ())
    return frozenset(out)


@cache
def _adjectives(language: str) -> frozenset[str]:
    model = nlp.pipeline(language)
    if model is None or "lemmatizer" not in model.pipe_names:
        return frozenset()
    lookups = model.get_pipe("lemmatizer").lookups
    return frozenset(lookups.get_table("lemma_index").get("adj") or ()) if lookups.has_table("lemma_index") \
        else frozenset()


def _common_noun(folded: str) -> bool:
    """A common noun of French or English, or the plural of one ("etats", "forces")."""
    nouns = _nouns()
    return folded in nouns or (folded[-1:] in ("s", "x") and folded[:-1] in nouns)


def _dictionary_word(word: str, language: str) -> bool:
    """In the dictionary of the article's language or of the other one (embedded quotes and posts)."""
    return any(word in _dictionary(lang) for lang in (language, *({"fr", "en"} - {language})))
ACRONYM_GLUE = {"de", "du", "des", "d", "la", "le", "les", "l", "of", "the", "and", "et", "for", "pour", "a", "en",
                "d'", "l'", "d’", "l’"}


def _plausible_name(surface: str, words: list[str], span, kind: str, part: Part, evidence: _Evidence) -> bool:
    """Whether an entity the statistical model found (and the gazetteer does not know) reads as a
    name in this article, from its shape and the article's own evidence."""
    folded = fold(surface)
    headline = part.offset in evidence.all_caps_parts
    letters = [c for c in surface if c.isalpha()]
    upper_words = [w for w in words if sum(c.isupper() for c in w) >= 2 and w.upper() == w]
    if len(words) == 1:
        if folded in _calendar_words():
            return False
        # where a capital proves nothing (a sentence's or a heading's first word), a common noun is no name
        initial = span.start == 0 or bool(span[0].is_sent_start) or span.doc[span.start - 1].is_punct
        if not surface.isupper() and folded in evidence.lower and (initial or kind != "organisation"):
            return False  # "Immigration" heading, "immigration" in the text; "Covid" and "covid"
        if not surface.isupper() and initial and all(t.pos_ not in ("PROPN", "X", "") for t in span):
            return False  # tagged a common noun ("Famille", "Accueil", "Chiche")
        if not surface.isupper() and _sentence_first(span) and folded not in evidence.capital_mid and \
                _dictionary_word(surface.lower(), span.doc.lang_):
            return False  # a dictionary word first in its sentence, never capitalised elsewhere ("Bloodied", "Pick")
        if all(t.pos_ in ("VERB", "AUX") for t in span):
            return False  # "Attendez s'il vous plaît": a verb the page capitalised (a button, a widget)
        if surface.isupper() and len(letters) >= 4 and _dictionary_word(folded, span.doc.lang_):
            return False  # "HOST:", "BREAKING", "LIVE": a label in capitals, not an acronym
        if surface.isupper() and not headline:
            # an unknown acronym: kept when it names an organisation and is not a common noun's initials
            if surface in evidence.name_initials and surface not in evidence.lower_phrases:
                return True  # joins the name it abbreviates (not "AI" beside "artificial intelligence")
            return kind == "organisation" and 3 <= len(letters) <= 5 and surface not in evidence.lower_phrases
        after = _next_token(span)
        if after is not None and after.text[:1].isupper() and fold(after.text) in TITLE_WORDS:
            return False  # "Defence Minister": the portfolio of a title
        if kind == "person" and folded in evidence.compounded:
            return False  # "Covid" beside "zero-Covid": a thing the article builds words on, not a surname
        if folded in COMPASS or (kind == "person" and folded in PERSON_TITLES | HONORIFICS):
            return False  # "villes du Nord", "la route Le Prince": a direction, a title alone
        if len(letters) < 3 and not surface.isupper():
            return False  # "St", "Dr": an abbreviation the model cut from its name
        if span[-1].pos_ == "NOUN" and _common_noun(folded) and gazetteer.place(surface) is None:
            if kind == "place" and (span.start == 0 or _acts(span, part)) and folded not in evidence.geographic:
                return False  # "dix-neuf États": a capitalised common noun, unless where something is ("aux Canaries")
            if after is not None and span[-1].whitespace_ == " " and after.text[:1].islower() and after.pos_ == "ADJ":
                return False  # "Aide sociale", "Comité central": the head of a longer name the model cut
        return True
    if upper_words and not headline and len(upper_words) < len(words) and (kind == "person" or (
            len(words) == 2 and words[-1] in upper_words and len(words[-1]) >= 4 and words[0][1:].islower())):
        return False  # "Claire GOUNON", "Majeda EL-BATSH": a photo credit's style, not the text's
    if upper_words and not headline and len(upper_words) == len(words):
        return False  # "SOULEYMANE AG": an all-caps credit or label outside a headline
    if kind == "place" and span[0].pos_ == "NOUN" and fold(words[0])[-1:] in ("s", "x") and \
            _common_noun(fold(words[0])) and all(w.islower() for w in words[1:]) and gazetteer.place(surface) is None:
        return False  # "19 États américains": a plural common noun and its adjective, not a place's name
    return True


def _next_token(span):
    """The token after a span, past the whitespace tokens of a text dump's runs of spaces."""
    i = span.end
    while i < len(span.doc) and span.doc[i].is_space:
        i += 1
    return span.doc[i] if i < len(span.doc) else None


COMPASS = {"nord", "sud", "est", "ouest", "north", "south", "east", "west", "nord-est", "nord-ouest", "sud-est",
           "sud-ouest", "northeast", "northwest", "southeast", "southwest"}
TITLE_WORDS = {"minister", "ministre", "secretary", "secretaire", "minister-president", "commissioner", "commissaire"}


def _sentence_first(span) -> bool:
    """The first word of its sentence, or after a colon or dash, or after what opens the sentence ('"Chiche"')."""
    if span.start == 0 or span[0].is_sent_start:
        return True
    before = span.doc[span.start - 1]
    if before.text in (":", "—", "–", "-"):
        return True
    opening = before.i == 0 or bool(before.is_sent_start) or before.doc[before.i - 1].is_space or \
        before.doc[before.i - 1].text in (".", "!", "?")
    return before.is_punct and opening


def _join_acronyms(mentions: list[Mention], evidence: _Evidence) -> list[Mention]:
    """An acronym whose letters are the initials of a name in the article ("PS" and "Parti
    socialiste") is that name's actor."""
    names = {}
    for m in mentions:
        if m.origin == "extracted" and " " in m.surface:
            initials = "".join(w[0] for w in WORD.findall(m.surface) if fold(w) not in ACRONYM_GLUE).upper()
            names.setdefault(initials, m)
    out = []
    for m in mentions:
        acronym = m.surface.isupper() or (len(m.surface) >= 3 and m.surface[0].isupper() and m.surface.isalpha()
                                          and " " not in m.surface and m.surface.upper() in names)  # "Ofpra"
        target = names.get(m.surface.upper()) if m.origin == "extracted" and acronym else None
        if target is not None and target.kind != "person":
            m = Mention(target.key, target.canonical_name, target.kind, target.country_code, m.surface, m.start,
                        m.end, m.sentence_index)
        out.append(m)
    return out


PAREN_ACRONYM = re.compile(r"[ \t]*\([ \t]*([A-ZÀ-Ý][A-ZÀ-Ý0-9&-]{1,7})[ \t]*\)")


def _join_appositions(mentions: list[Mention], parts: Sequence[Part]) -> list[Mention]:
    """A name followed by an acronym in parentheses ("le Parti socialiste (PSOE)") is one actor: the
    gazetteer's when it knows either, else the name's; every mention of the other joins it."""
    ordered = sorted(mentions, key=lambda m: m.start)
    same: dict[str, Mention] = {}
    for a, b in zip(ordered, ordered[1:], strict=False):
        if a.kind not in ("organisation", "group") or " " not in a.surface.strip() or a.key == b.key or \
                not (b.surface.isupper() and len(b.surface) >= 2) or b.start - a.end > 4 or \
                a.origin == b.origin == "gazetteer":
            continue
        part = next((p for p in parts if p.offset <= a.start and b.end <= p.offset + len(p.text)), None)
        if part is None or part.text[a.end - part.offset:b.start - part.offset].strip() != "(" or \
                part.text[b.end - part.offset:b.end - part.offset + 1] != ")":
            continue
        target = a if a.origin == "gazetteer" or b.origin != "gazetteer" else b
        same[(b if target is a else a).key] = target
    by_acronym: dict[str, Mention] = {}  # an acronym in parentheses the model did not tag: "Budget (OMB)"
    for a in ordered:
        if a.kind in ("organisation", "group") and a.origin == "extracted" and " " in a.surface.strip():
            part = next((p for p in parts if p.offset <= a.start <= p.offset + len(p.text)), None)
            hit = PAREN_ACRONYM.match(part.text, a.end - part.offset) if part is not None else None
            if hit:
                by_acronym.setdefault(hit.group(1), a)
    for m in mentions:
        if m.origin == "extracted" and m.surface in by_acronym and m.key != by_acronym[m.surface].key:
            same.setdefault(m.key, by_acronym[m.surface])
    if not same:
        return mentions
    out = []
    for m in mentions:
        t = same.get(m.key)
        if t is not None and m.origin == "extracted":
            m = Mention(t.key, t.canonical_name, t.kind, t.country_code, m.surface, m.start, m.end, m.sentence_index,
                        None, m.origin)
        out.append(m)
    return out


# What the words around a name say it is: the common noun it names ("l'agence Lusa", "le village de Bonfi",
# "the Wafa news agency", "his Kufr Aqab neighbourhood"), a preposition that only introduces places ("in Bnei
# Brak"), a title before a name ("the OMB director, Shalanda Young", "Pope Pius IX").
PLACE_NOUNS = {"ville", "village", "quartier", "region", "province", "commune", "localite", "banlieue", "camp",
               "district", "marche", "city", "town", "neighbourhood", "neighborhood", "suburb", "county", "township",
               "governorate", "gouvernorat", "prefecture"}
ORG_NOUNS = {"agence", "site", "journal", "quotidien", "hebdomadaire", "chaine", "radio", "magazine", "entreprise",
             "societe", "groupe", "firme", "parti", "syndicat", "association", "ong", "fondation", "institut", "media",
             "agency", "newspaper", "daily", "broadcaster", "network", "company", "firm", "startup", "party", "union",
             "foundation", "institute", "outlet", "website", "channel", "group", "organisation", "organization"}
PERSON_NOUNS = {"ressortissant", "ressortissante", "militant", "militante", "opposant", "opposante", "journaliste",
                "avocat", "avocate", "activiste", "citoyen", "citoyenne", "habitant", "habitante",
                "homme", "femme", "fils", "fille", "mari", "epouse", "frere", "soeur", "pere", "mere", "victime",
                "suspect", "chroniqueur", "chercheur", "chercheuse", "national", "citizen", "activist", "lawyer",
                "journalist", "husband", "wife", "son", "daughter", "brother", "sister", "father", "mother", "man",
                "woman", "resident", "victim", "researcher", "dissident", "rapper", "rappeur", "chanteur", "singer",
                "poissonnier", "vendor", "veteran", "soldier", "soldat", "officer", "officier"}
PERSON_TITLES = COURTESY | {"pope", "pape", "king", "queen", "roi", "reine", "prince", "princesse", "emir", "sheikh",
                            "cheikh", "president", "senator", "sen", "saint"}
# The head noun of an institution's name: first in French ("Cour suprême") and in "X of Y" ("Bank of Japan"),
# last in English ("Supreme Court").
BODY_FIRST = {"cour", "conseil", "tribunal", "assemblee", "parlement", "senat", "commission", "comite", "ministere",
              "agence", "chambre", "office", "bureau", "universite", "institut", "banque", "parti", "federation",
              "syndicat", "gouvernement", "university", "bank", "ministry", "department", "council", "court",
              "institute", "committee", "agency"}
BODY_LAST = {"court", "council", "assembly", "parliament", "senate", "committee", "ministry", "agency", "chamber",
             "department", "authority", "office", "university", "institute", "party", "federation", "police",
             "army", "commission", "bureau", "service", "services", "tribunal"}
PLACE_ONLY = {fold(word) for word, what in read_table("locatives.tsv", 2) if what == "place"} - {"from", "depuis"}  # a sender


def _kind_hint(span, text: str, n_words: int) -> str | None:
    doc = span.doc
    if n_words >= 2 and (fold(span[0].text) in BODY_FIRST or fold(span[-1].text) in BODY_LAST):
        return "organisation"  # "Cour suprême", "Conseil constitutionnel", "Supreme Court", "Bank of Japan"
    before = [t for t in doc[max(0, span.start - 6):span.start] if not t.is_space]
    after = _next_token(span)
    possessive = after is not None and fold(after.text) == "s"  # "in Hannah Arendt's view" is no place
    if before and fold(before[-1].text) in PLACE_ONLY and before[-1].text.islower() and not possessive:
        return "place"
    if before and after is not None and before[-1].text in ("«", "“", '"') and after.text in ("»", "”", '"'):
        return "organisation"  # « Franceinfo »: a title in quotes is a medium or a work, not a place or a person
    if before and fold(before[-1].text) in LOCATIVE - {"de"} and before[-1].is_sent_start and not possessive:
        return "place"  # "À Kagbelin et Kountia, …", "Au Maroc, …"
    if n_words >= 2 and fold(span[0].text).rstrip(".") in PERSON_TITLES and span[0].text[:1].isupper():
        return "person"
    if before and fold(before[-1].text).rstrip(".") in PERSON_TITLES and before[-1].text[:1].isupper():
        return "person"
    if 2 <= n_words <= 3 and not any(t.pos_ in ("VERB", "AUX") for t in before) and \
            _role_before(text[max(0, span.start_char - 140):span.start_char]) is not None:
        return "person"  # "the OMB director, Shalanda Young" (not "le président du Sénat a parlé à France 2")
    # the common noun the name stands beside: "l'agence Lusa", "le site d'information Hespress", "an Afghan
    # national, Rahmanullah Lakanwal", "les marchés de Madina et Bonfi" (a name coordinated with the one it names)
    i = len(before) - 1
    if i >= 0 and before[i].text == ",":
        i -= 1  # an apposition
    content = 0
    j = i
    while j >= 0 and fold(before[j].text) in ("le", "la", "les", "l", "the"):
        j -= 1
    complement = j >= 0 and fold(before[j].text) in ("de", "d", "du", "des", "of")  # "le fils de X" is not X
    while i >= 0 and content < 2:
        t = before[i]
        word = fold(t.text)
        if i >= 1 and word in ("et", "and", "ou", "or") and before[i - 1].text[:1].isupper():
            i -= 1
            while i >= 0 and before[i].text[:1].isupper() and not before[i].is_sent_start:
                i -= 1
            continue
        if t.is_punct or t.text[:1].isupper() or t.is_sent_end:
            break
        if (hint := _noun_kind(t.text)) is not None and (hint == "place" or not complement):
            return hint
        if word in ARTICLES or _elided(t.text) or word in ("of", "his", "her", "its", "their", "son", "sa", "ses", "leur"):
            pass
        elif t.pos_ in ("NOUN", "ADJ"):
            content += t.pos_ == "NOUN"
        else:
            break  # a verb or another preposition: the name is not that noun's
        i -= 1
    if after is not None and span[-1].whitespace_ and after.text[:1].islower():  # "the Wafa news agency"
        for t in doc[after.i:after.i + 2]:
            if (hint := _noun_kind(t.text)) in ("place", "organisation"):
                return hint
    if after is not None and after.text == "," and after.i + 2 < len(doc) and \
            fold(doc[after.i + 1].text) in ("un", "une", "a", "an", "le", "la", "the"):
        for t in doc[after.i + 2:after.i + 4]:  # "Jouma Galma, un ressortissant libyen"
            if (hint := _noun_kind(t.text)) is not None:
                return hint
    return None


def _noun_kind(word: str) -> str | None:
    """The kind of actor a common noun denotes ("ville" a place, "agence" an organisation, "militant" a person)."""
    noun = fold(word)
    for form in (noun, noun[:-1] if noun[-1:] in ("s", "x") else noun):
        if form in PLACE_NOUNS:
            return "place"
        if form in ORG_NOUNS:
            return "organisation"
        if form in PERSON_NOUNS:
            return "person"
    return None


def _decide_kinds(mentions: list[Mention], evidence: _Evidence) -> list[Mention]:
    """One kind per extracted name in the article, from all its mentions: the model's labels, a
    locative preposition before it ("à Qabatiya", "in Dura"), and the place names of GeoNames
    (a town the gazetteer does not know is a place, with its country)."""
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.origin == "extracted":
            groups.setdefault(fold(m.surface), []).append(m)
    decided: dict[str, tuple[str, str, str, str | None]] = {}
    for folded, ms in groups.items():
        votes = {"person": 0.0, "organisation": 0.0, "place": 0.0}
        for m in ms:
            votes[m.kind if m.kind in votes else "organisation"] += 1
            if evidence.locative.get(m.start) and m.kind != "person":
                votes["place"] += 0.5
            if m.start in evidence.hint:
                votes[evidence.hint[m.start]] += 1.5
        place = gazetteer.place(ms[0].surface)
        if place is not None and fold(place.name) != folded and " " in folded and \
                all(_dictionary_word(w, "en") or _common_noun(w) for w in folded.split()):
            place = None  # "the Holy City": a nickname GeoNames lists for a town of another name
            # (one word alone proves nothing: "Genève" folds to a word some noun list holds)
        multiword_person = any(m.kind == "person" for m in ms) and " " in ms[0].surface
        if place is not None and not multiword_person:
            votes["place"] += 2
        placed = place is not None or any(evidence.locative.get(m.start) or evidence.hint.get(m.start) == "place"
                                          for m in ms)
        kind = max(votes, key=lambda k: (votes[k], placed and k == "place", k == "person", k == "organisation"))
        if kind == "place" and place is not None:
            decided[folded] = (f"place:geonames-{place.geonameid}", place.name, "place", place.country_code)
        elif kind == "person":
            key = f"person:{folded}" if " " in ms[0].surface else f"surname:{folded}"
            decided[folded] = (key, ms[0].surface, "person", None)
        else:
            decided[folded] = (f"{kind}:{folded}", ms[0].surface, kind, None)
    out = []
    for m in mentions:
        d = decided.get(fold(m.surface)) if m.origin == "extracted" else None
        if d is not None and (d[0], d[2]) != (m.key, m.kind) and not (m.kind == "person" and d[2] == "person"):
            m = Mention(d[0], d[1], d[2], d[3], m.surface, m.start, m.end, m.sentence_index,
                        m.role if d[2] == "person" else None, m.origin)
        elif d is not None and d[0].startswith("place:geonames-"):
            m = Mention(d[0], d[1], d[2], d[3], m.surface, m.start, m.end, m.sentence_index, None, m.origin)
        out.append(m)
    return out


POSSESSOR = re.compile(r"\s+(?:de|d['’]|of)\s*([A-ZÀ-Ý][\w'’-]+)$")


def _without_possessor(mentions: list[Mention]) -> list[Mention]:
    """An organisation named after the person who leads it ("Conseil de paix de Trump") is the
    organisation without him: he is a mention of his own."""
    out = []
    for m in mentions:
        hit = POSSESSOR.search(m.surface) if m.kind == "organisation" and m.origin == "extracted" else None
        if hit and _leader(hit.group(1), mentions) is not None:
            surface = m.surface[:hit.start()]
            m = Mention(f"organisation:{fold(surface)}", surface, m.kind, m.country_code, surface, m.start,
                        m.start + len(surface), m.sentence_index, None, m.origin)
        out.extend(_organ_of_body(m) if m.kind == "organisation" and m.origin == "extracted" else (m,))
    return out


ORGAN_OF = re.compile(r"\s+(?:du|de\s+la|de\s+l['’]\s*|des|of\s+the|of)\s+(?=[A-ZÀ-Ýa-zà-ÿ])")


def _join_national_forms(mentions: list[Mention]) -> list[Mention]:
    """A name and the same name with its nationality ("Parti socialiste portugais" and "Parti socialiste")
    are one organisation: the longer form joins the actor of the shorter one."""
    short = {fold(m.surface): m for m in mentions if m.kind == "organisation"}
    out = []
    for m in mentions:
        words = m.surface.split()
        if m.kind == "organisation" and m.origin == "extracted" and len(words) > 2 and words[-1].islower() and \
                words[-1].lower() in _nationalities() and (t := short.get(fold(" ".join(words[:-1])))) is not None:
            m = Mention(t.key, t.canonical_name, t.kind, t.country_code, m.surface, m.start, m.end, m.sentence_index,
                        None, m.origin)
        out.append(m)
    return out


def _organ_of_body(m: Mention) -> tuple[Mention, ...]:
    """An organ of a body the model read as one name ("Commission politique du Parti socialiste", "Central
    Committee of the Communist Party") is two organisations: the organ, and the body it belongs to."""
    hit = ORGAN_OF.search(m.surface)
    if hit is None:
        return (m,)
    organ, body = m.surface[:hit.start()], m.surface[hit.end():]
    organ_words, body_words = fold(organ).split(), fold(body).split()
    if not organ_words or not body_words or len(organ_words) > 3 or \
            (body_words[0] not in BODY_FIRST and body_words[-1] not in BODY_LAST) or \
            (organ_words[0] not in BODY_FIRST and organ_words[-1] not in BODY_LAST):
        return (m,)
    start = m.start + hit.end()
    entry = _lookup(body)
    body_mention = _entry_mention(entry, body, start, m.end, m.sentence_index) if entry is not None else \
        Mention(f"organisation:{fold(body)}", body, "organisation", None, body, start, m.end, m.sentence_index)
    return (Mention(f"organisation:{fold(organ)}", organ, "organisation", m.country_code, organ, m.start,
                    m.start + len(organ), m.sentence_index), body_mention)


def _join_heads(mentions: list[Mention]) -> list[Mention]:
    """A one-word organisation, a common noun, that is the head of a longer name the model found in the
    article ("Commission" after "Commission politique", "Committee" after "Central Committee") is that
    organisation; the head of two ("Commission" beside two commissions) is left out rather than guessed.
    Gazetteer names list their own short forms ("House" is not the White House)."""
    heads: dict[str, set[str]] = {}
    longer: dict[str, Mention] = {}
    for m in mentions:
        words = fold(m.canonical_name).split()
        if m.kind == "organisation" and len(words) > 1 and m.origin == "extracted" and \
                not gazetteer.get(m.key):
            for w in {words[0], words[-1]}:
                heads.setdefault(w, set()).add(m.key)
            longer[m.key] = m
    out = []
    for m in mentions:
        folded = fold(m.surface)
        keys = heads.get(folded, set()) if m.origin == "extracted" and m.kind == "organisation" and \
            " " not in folded and folded in _nouns() else set()
        if len(keys) == 1:
            t = longer[next(iter(keys))]
            m = Mention(t.key, t.canonical_name, t.kind, t.country_code, m.surface, m.start, m.end, m.sentence_index,
                        None, m.origin)
        elif len(keys) > 1:
            continue
        out.append(m)
    return out


def _resolve_people(mentions: list[Mention]) -> list[Mention]:
    """Surnames → the full name with that last name in the article, else the unique gazetteer person, else
    the one full name of the article with that first name ("Daniel, what more can you tell us?" to Daniel
    Estrin)."""
    full: dict[str, set[str]] = {}
    first: dict[str, set[str]] = {}
    names: dict[str, tuple[str, str | None]] = {}
    for m in mentions:
        if m.kind == "person" and not m.key.startswith("surname:"):
            words = fold(m.canonical_name).split()
            full.setdefault(words[-1], set()).add(m.key)
            if len(words) > 1:
                first.setdefault(words[0], set()).add(m.key)
            names[m.key] = (m.canonical_name, m.country_code)
    out = []
    for m in mentions:
        tail = fold(m.surface)
        if m.kind != "person" and m.origin == "extracted" and " " not in m.surface and tail and \
                any(names[k][0] and fold(names[k][0]).endswith(" " + tail) for k in full.get(tail.split()[-1], ())):
            m = Mention(f"surname:{fold(m.surface)}", m.surface, "person", None, m.surface, m.start, m.end,
                        m.sentence_index)  # "Baerbock" tagged ORG next to "Annalena Baerbock"
        if m.key.startswith("surname:"):
            last = m.key.removeprefix("surname:").split()[-1]
            in_article = full.get(last, set())
            known = _people_by_last_name().get(last, [])
            if len(in_article) == 1:
                key = next(iter(in_article))
                name, country = names[key]
                m = Mention(key, name, "person", country, m.surface, m.start, m.end, m.sentence_index, m.role)
            elif not in_article and len(known) == 1:
                e = known[0]
                m = Mention(e.key, e.canonical_name, "person", e.country_code, m.surface, m.start, m.end,
                            m.sentence_index, m.role, "gazetteer")
            elif len(in_article) > 1:
                continue  # "Clinton" beside Hillary and Bill Clinton: no guess, and no third actor
            elif not known and len(first.get(last, ())) == 1 and " " not in m.surface.strip():
                key = next(iter(first[last]))
                name, country = names[key]
                m = Mention(key, name, "person", country, m.surface, m.start, m.end, m.sentence_index, m.role)
        out.append(m)
    return out


ROLE_HEAD_RE = re.compile(r"\b(?:" + ROLE_HEAD + r")\b", re.IGNORECASE)
ROLE_PREFIX = re.compile(r"(?:(?i:le|la|l['’]|les|the|son|sa|his|her)\s+)?(?:(?i:nouveau|nouvelle|ancien|ancienne|new|"
                         r"former)\s+)?(?:(?:[A-ZÉ][\w-]+|U\.S\.)\s+){0,2}$")


def _role_before(left: str) -> str | None:
    """The title just before a name: "… le secrétaire général de l’OTAN, " → "secrétaire général de l’OTAN"."""
    heads = list(ROLE_HEAD_RE.finditer(left))
    if not heads:
        return None
    head = heads[-1]
    tail = left[head.end():]
    if "," in tail.rstrip(" ,"):  # "secrétaire général de l'Otan, le Norvégien Jens Stoltenberg"
        left = left[:head.end() + tail.index(",")]
        tail = left[head.end():]
    # between the title and the name: a complement ("de l’OTAN", "américain"), not another clause
    if len(tail) > 60 or re.search(r"[.;:!?«»\"“”()]", tail):
        return None
    if any(w[:1].isupper() and fold(w) not in ("de", "du") for w in tail.split()[:-1] if len(w) > 3) and \
            not re.search(r"\b(?:de|du|des|of)\s+(?:l['’]|la\s+)?[A-ZÉ]", tail):
        return None
    prefix = ROLE_PREFIX.search(left[:head.start()])
    start = prefix.start() if prefix else head.start()
    return " ".join(LEADING_DETERMINER.sub("", left[start:].strip(" ,")).split()) or None


def _with_role(m: Mention, parts: Sequence[Part]) -> Mention:
    part = next((p for p in parts if p.offset <= m.start and m.end <= p.offset + len(p.text)), None)
    if part is None:
        return m
    s, e = m.start - part.offset, m.end - part.offset
    role = _role_before(part.text[max(0, s - 140):s])
    if role is None and (right := ROLE_RIGHT.match(part.text[e:e + 140])):
        role = " ".join(LEADING_DETERMINER.sub("", right.group("role").strip(" ,")).split())
    role = role or m.role
    if role == m.role:
        return m
    return Mention(m.key, m.canonical_name, m.kind, m.country_code, m.surface, m.start, m.end, m.sentence_index,
                   role, m.origin)


EXTRACTED_KINDS = ("person", "surname", "organisation", "place")


def batch_keys(mentions: Sequence[Mention]) -> dict[str, str]:
    """mention key → the key it joins across a batch of articles (keys that join nothing are absent).

    1. **One kind per name.** The same name extracted with two kinds in different articles ("AI" a
       place here, an organisation there; "Qabatiya" an organisation here, a GeoNames town there) is
       one actor, of the kind most of its mentions have; a GeoNames place counts twice, as in an article.
    2. **Surnames.** A surname left alone in its article ("Yang") joins the one full name of the batch
       ending with it ("Andrew Yang"); two full names ("Hillary", "Bill Clinton"): no guess."""
    votes: dict[str, dict[str, float]] = {}
    for m in mentions:
        prefix = m.key.split(":", 1)[0]
        if m.origin != "extracted" or prefix not in EXTRACTED_KINDS:
            continue
        weight = 2.0 if m.key.startswith("place:geonames-") else 1.0
        by_key = votes.setdefault(fold(m.surface), {})
        by_key[m.key] = by_key.get(m.key, 0.0) + weight
    out: dict[str, str] = {}
    for by_key in votes.values():
        if len(by_key) < 2:
            continue
        kind_of = {k: _kind_of_key(k) for k in by_key}
        winner = max(by_key, key=lambda k: (by_key[k], kind_of[k] == "place", kind_of[k] == "person", k))
        for k in by_key:
            if kind_of[k] != kind_of[winner] and k not in out:
                out[k] = winner
    full: dict[str, set[str]] = {}
    for m in mentions:
        if m.kind == "person" and not m.key.startswith("surname:") and " " in m.canonical_name.strip():
            full.setdefault(fold(m.canonical_name).split()[-1], set()).add(out.get(m.key, m.key))
    for m in mentions:
        key = out.get(m.key, m.key)
        if key.startswith("surname:"):
            names = full.get(key.removeprefix("surname:").split()[-1], set())
            if len(names) == 1:
                out[m.key] = next(iter(names))
    for k in list(out):  # every target is a key of its own (no chains)
        seen = {k}
        while out[k] in out and out[k] not in seen:
            seen.add(out[k])
            out[k] = out[out[k]]
        if out[k] in out:
            del out[k]
    return out


def _kind_of_key(key: str) -> str:
    prefix = key.split(":", 1)[0]
    return "person" if prefix == "surname" else prefix


# --- Resolving mentions to stored actors

class Resolution:
    """How one chunk's mentions become actors, step by step as the pipeline looks them up:

    1. curated redirects (an analyst's merge) win over everything (`Resolution(mentions, redirected)`);
    2. across the chunk, one kind per name and a lone surname to the chunk's one full name (`batch_keys`);
    3. an actor already stored with the key (`add`, for the keys of `unknown_keys`);
    4. a person already stored: the only one with this last name (for a bare surname), or one whose
       full name differs by a letter or two ("Anthony"/"Antony Blinken") (`match_people`, with the
       stored people of `name_endings`);
    5. else a new actor (`new_rows`, then `add` with the ids created).
    `resolved()` then gives every mention key its actor."""

    def __init__(self, mentions: Sequence[Mention], redirected: dict[str, int]):
        self.found = dict(redirected)
        self.joins = {k: j for k, j in batch_keys(mentions).items() if k not in self.found}
        self.first: dict[str, Mention] = {}
        for m in mentions:
            if m.key not in self.joins:
                self.first.setdefault(m.key, m)

    def unknown_keys(self) -> list[str]:
        return [k for k in sorted(self.first) if k not in self.found]

    def add(self, ids: dict[str, int]) -> None:
        self.found.update(ids)

    def unknown_people(self) -> list[Mention]:
        return [self.first[k] for k in self.unknown_keys() if self.first[k].kind == "person"]

    @staticmethod
    def name_endings(people: Sequence[Mention]) -> set[str]:
        """What the stored namesakes' names end with (the last name without its first letter,
        whose case may differ)."""
        return {m.canonical_name.split()[-1][1:] for m in people}

    def match_people(self, people: Sequence[Mention], namesakes: Iterable[tuple[int, str]]) -> None:
        """Step 4, given the stored people (id, canonical name) whose name ends like `people`'s."""
        from rapidfuzz import fuzz

        by_last: dict[str, list[tuple[int, str]]] = {}
        for i, name in namesakes:
            by_last.setdefault(fold(name).split()[-1], []).append((i, name))
        for m in people:
            candidates = by_last.get(fold(m.canonical_name).split()[-1], [])
            if m.key.startswith("surname:"):
                matches = [i for i, n in candidates if len(n.split()) > 1]
            else:
                matches = [i for i, n in candidates if fuzz.ratio(fold(n), fold(m.canonical_name)) >= 90]
            if len(matches) == 1:
                self.found[m.key] = matches[0]

    def new_mentions(self) -> list[Mention]:
        return [self.first[k] for k in self.unknown_keys()]

    def resolved(self) -> dict[str, int]:
        """mention key → actor, for every key found (joined keys through what they join)."""
        return {**self.found, **{k: self.found[j] for k, j in self.joins.items() if j in self.found}}


def new_actor_rows(new: Sequence[Mention]) -> list[tuple[str, str, str, str | None, str | None]]:
    """(key, canonical name, kind, country code, description) of the actors to create."""
    return sorted((m.key, m.canonical_name, m.kind, m.country_code, _description(m.key)) for m in new)


def _description(key: str) -> str | None:
    entry = gazetteer.get(key)
    return entry.description if entry is not None else None


def gazetteer_aliases(new: Sequence[Mention], ids: dict[str, int]) -> list[tuple[int, str, str, str | None, str]]:
    """(actor, alias, normalized, language, origin) of the gazetteer's aliases of new actors."""
    return [(ids[m.key], alias, gazetteer.normalize(alias), None if lang == "*" else lang, "gazetteer")
            for m in new if (e := gazetteer.get(m.key)) is not None
            for alias, lang in e.aliases if gazetteer.normalize(alias)]


def alias_order(row: tuple[int, str, str, str | None, str]) -> tuple:
    """Alias rows sorted by actor and name, then the rest, so that of two rows with one name the
    same one is kept on every run (the first: the insert keeps known names)."""
    return row[0], row[2], row[3] or "", row[4], row[1]


def stored_mentions(items: Sequence[tuple[int, object, Sequence[Mention]]], actor_of: dict[str, int],
                    curated: dict[str, int], blocked: set[tuple[int, str]], normalized_of: dict[str, str]):
    """What is stored of the mentions of articles (`items`: article id, its record, its mentions):
    each mention's actor (a curated alias wins over the resolved key; a blocked alias or an empty
    name is no mention), and the rows of mentions (article, actor, start, end, surface, sentence,
    role), aliases (actor, alias, normalized, language, origin, sorted) and roles (actor, role,
    article, observed on). Returns (actor of each mention, mentions, aliases, roles)."""
    resolved: dict[Mention, int] = {}
    mention_rows, alias_rows, role_rows = [], set(), []
    for article_id, record, ms in items:
        for m in ms:
            normalized = normalized_of[m.surface]
            actor_id = curated.get(normalized, actor_of[m.key])
            if (actor_id, normalized) in blocked or not normalized:
                continue
            resolved[m] = actor_id
            mention_rows.append((article_id, actor_id, m.start, m.end, m.surface, m.sentence_index, m.role))
            alias_rows.add((actor_id, m.surface, normalized, record.language, m.origin))
            if m.role and m.kind == "person":
                role_rows.append((actor_id, m.role, article_id, record.published_on))
    return resolved, mention_rows, sorted(alias_rows, key=alias_order), role_rows
