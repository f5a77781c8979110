"""Near-duplicate articles: MinHash signatures and LSH band keys, stored in PostgreSQL.

The same wire story comes back with a sentence changed, another intro or a trailing credit:
its `content_hash` differs, but it must be linked (`articles.duplicate_of_id`) to the oldest
original like an exact copy. Comparing every new article with every stored one is out of the
question at a million articles, so candidates are found through locality-sensitive hashing:

1. **Shingles.** The folded text (title, lead and body through `text.fold`: no case, accents,
   punctuation) as a set of overlapping word 5-grams (`SHINGLE`): short enough that one
   changed sentence only changes the ~25 shingles that overlap it, long enough that two
   articles in the same style share few (stock phrases are shorter: "a déclaré le ministre").
2. **MinHash.** Each shingle is hashed to 64 bits with BLAKE2b (stable across processes and
   versions, unlike Python's salted `hash()`), then `PERMUTATIONS` = 128 hash functions
   h_i(x) = (a_i·x + b_i) mod 2^64, keeping the high 32 bits (multiply-add-shift hashing,
   a universal family), with a_i odd and b_i derived from BLAKE2b of a constant: no random state, the same
   signature on every machine. The probability that two sets share the minimum of one h_i is
   their Jaccard similarity.
3. **LSH bands.** The 128 values are cut into `BANDS` = 32 bands of `ROWS` = 4; each band is
   hashed (with its index, so equal rows in different bands do not collide) to a signed 64-bit
   key stored in `articles.lsh_bands bigint[]` under a GIN index. Two articles are candidates
   when their arrays overlap (`lsh_bands && …`), with probability 1 − (1 − J^4)^32:

       Jaccard      0.2    0.3    0.4    0.5    0.6    0.7    0.8
       candidate   0.05   0.23   0.56   0.87   0.99  >0.999  >0.9999

   The S-curve's midpoint, (1/32)^(1/4) ≈ 0.42, is well below the verification threshold, so a
   true near-duplicate (J ≥ 0.7) is missed about once in 6,500 and one at 0.6 once in 85: the
   bands decide recall, the exact check below decides precision. Fewer, wider bands (16 × 8,
   midpoint 0.71) would miss 40 % of the pairs at J = 0.7; more bands cost index space (one GIN
   entry a band per article) and more candidates to verify for little recall.
4. **Verification.** Candidates are checked with the true Jaccard similarity of the shingle
   sets (texts fetched from the database), linked when it is at least `THRESHOLD` = 0.6.
   One sentence replaced in a 250-word article gives J ≈ 0.8, in a 100-word article ≈ 0.6,
   in a 50-word teaser of three sentences ≈ 0.3. On 3,000 generated articles
   (tests/bench/generate.py, written from shared sentence templates, so harder than real news)
   the most similar pair of *different* stories reaches J = 0.52, and with 5-word shingles:

       threshold                        0.45   0.5    0.55   0.6    0.7
       changed copies linked (of 59)     49     44     39     36     26
       pairs of different stories         4      4      0      0      0

   0.6 keeps a margin above the closest unrelated pair; the copies it misses are teasers of
   40-90 words with one of their few sentences replaced, which no Jaccard threshold separates
   from different stories built from the same formulas (3- and 4-word shingles do no better:
   36-37 linked at 0.6, more unrelated pairs below it). tests/bench/bench_import.py reports
   recall and false links on every run.

   Containment (a teaser entirely inside a longer article) is deliberately not a link: the
   teaser of a listing page and the full article are both worth keeping, and linking the full
   text to an earlier teaser would hide the full text from reports and search.

Articles shorter than `MIN_WORDS` (20) words get no bands (`None`): a handful of shingles gives
a meaningless similarity, and short teasers of one site share their formulas; for them only
exact duplicates (`content_hash`) apply.

Changing SHINGLE, PERMUTATIONS, BANDS/ROWS or the hash seeds changes every stored key: run
`veille reprocess` afterwards (it recomputes the bands and the links).

The MinHash is a few lines of numpy rather than `datasketch`: datasketch 2.0 requires scipy
(a 35 MB wheel, 216 MB installed with numpy) for the LSH parameter optimisation we do not use,
its MinHash uses a 32-bit SHA-1 per shingle, and the in-memory `MinHashLSH` index cannot be
shared by importers on several machines, whereas the bands here live in PostgreSQL. The numpy
version computes an article's fingerprint in 0.7 ms on average (140 words; most of it is
`fold` and hashing the shingles), like datasketch's MinHash on the same shingles (0.75 ms):
about 2 % of the spaCy parse of the same article, and done before the writers' lock.
"""

from __future__ import annotations

import hashlib
import heapq
import itertools
import weakref
from collections import OrderedDict
from collections.abc import Iterable

import numpy as np

from veille.importer.text import fold

SHINGLE = 5             # words per shingle
MIN_WORDS = 20          # fewer words: no bands, exact duplicates only
PERMUTATIONS = 128      # MinHash functions
BANDS, ROWS = 32, 4     # BANDS × ROWS = PERMUTATIONS
THRESHOLD = 0.6         # true Jaccard of the shingle sets needed to link two articles

assert BANDS * ROWS == PERMUTATIONS


def _seeded_u64(label: str, n: int) -> np.ndarray:
    """n deterministic 64-bit values from BLAKE2b (no RNG whose stream could change between numpy versions)."""
    return np.array([int.from_bytes(hashlib.blake2b(f"veille-minhash-{label}-{i}".encode(), digest_size=8).digest(),
                                    "little") for i in range(n)], dtype=np.uint64)


_A = _seeded_u64("a", PERMUTATIONS) | np.uint64(1)  # odd multipliers
_B = _seeded_u64("b", PERMUTATIONS)


def words(title: str | None, lead: str | None, body: str | None) -> list[str]:
    """The folded words of an article's title, lead and body."""
    return fold(" ".join(p for p in (title, lead, body) if p)).split()


def shingles(ws: list[str]) -> set[int]:
    """64-bit hashes of the article's word SHINGLE-grams (a text shorter than that is one shingle)."""
    if not ws:
        return set()
    grams = (" ".join(ws[i:i + SHINGLE]) for i in range(max(1, len(ws) - SHINGLE + 1)))
    return {int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "little") for g in grams}


def signature(hashes: Iterable[int]) -> np.ndarray:
    """MinHash signature: for each of the PERMUTATIONS hash functions, the minimum over the shingles."""
    x = np.fromiter(hashes, dtype=np.uint64)
    with np.errstate(over="ignore"):  # arithmetic mod 2^64 is the point
        values = (x[:, None] * _A[None, :] + _B[None, :]) >> np.uint64(32)
    return values.min(axis=0)


def bands(sig: np.ndarray) -> list[int]:
    """The BANDS keys of a signature, as signed 64-bit integers (PostgreSQL bigint)."""
    rows = sig.astype("<u4").reshape(BANDS, ROWS)
    return [int.from_bytes(hashlib.blake2b(rows[i].tobytes(), digest_size=8, salt=i.to_bytes(2, "little")).digest(),
                           "little", signed=True) for i in range(BANDS)]


class Fingerprint:
    """An article's shingle set and band keys (None when too short to have bands)."""

    __slots__ = ("shingles", "bands")

    def __init__(self, title: str | None, lead: str | None, body: str | None):
        ws = words(title, lead, body)
        self.shingles = shingles(ws)
        self.bands = bands(signature(self.shingles)) if len(ws) >= MIN_WORDS else None


def jaccard(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def similar(a: set[int], b: set[int]) -> bool:
    """The verification of two candidates' shingle sets: their Jaccard similarity reaches THRESHOLD."""
    return jaccard(a, b) >= THRESHOLD


# The shingle sets of stored originals, per owner (the pipeline's database connection, so per
# database), least recently used first: a story's original is a candidate again in chunk after
# chunk while its copies keep coming (three times out of four on the generated 10,000-article
# corpus). An article's text never changes (reprocessing gives new ids), so an entry stays
# right; about 13 KB an entry.
_SHINGLE_CACHES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
SHINGLE_CACHE_SIZE = 5000


def shingle_cache(owner: object) -> OrderedDict[int, set[int]]:
    cache = _SHINGLE_CACHES.get(owner)
    if cache is None:
        cache = _SHINGLE_CACHES[owner] = OrderedDict()
    return cache


class Originals:
    """The near-duplicate originals a chunk's articles can be linked to: the stored originals
    sharing a band with any of them (`candidates`: (id, bands) in id order, their shingles from
    `cache` or else from `texts`: (id, title, lead, body)), then the chunk's own originals as
    they are added, in id order."""

    def __init__(self, candidates: list[tuple[int, list[int]]], cache: OrderedDict[int, set[int]],
                 texts: Iterable[tuple[int, str, str | None, str]] = ()):
        self.by_band: dict[int, list[int]] = {}
        self.cache = cache
        self.shingles: dict[int, set[int]] = {}
        read = {article_id: shingles(words(title, lead, body)) for article_id, title, lead, body in texts}
        for article_id, bands in candidates:
            self._index(article_id, cache[article_id] if article_id in cache else read[article_id], bands)

    def _index(self, article_id: int, shingles: set[int], bands: Iterable[int]) -> None:
        """Make an original findable by its bands, and keep its shingles for the next chunks,
        dropping the least recently used beyond SHINGLE_CACHE_SIZE (if this chunk rolls back,
        its ids never come back)."""
        self.shingles[article_id] = shingles
        for b in bands:
            self.by_band.setdefault(b, []).append(article_id)
        self.cache[article_id] = shingles
        self.cache.move_to_end(article_id)
        if len(self.cache) > SHINGLE_CACHE_SIZE:
            self.cache.popitem(last=False)

    def find(self, fp: Fingerprint) -> int | None:
        """The oldest original sharing a band with `fp` whose text is similar enough."""
        if fp.bands is None:
            return None
        candidates = sorted({i for b in fp.bands for i in self.by_band.get(b, ())})
        return next((i for i in candidates if similar(fp.shingles, self.shingles[i])), None)

    def add(self, article_id: int, fp: Fingerprint) -> None:
        if fp.bands is not None:
            self._index(article_id, fp.shingles, fp.bands)


def link(hashes: list[str], prints: list[Fingerprint], ids: list[int], originals: dict[str, int],
         near: Originals) -> list[int | None]:
    """The original of each article (None: it is one), for articles given in id order: the
    original of its content (`originals`: content hash → stored original, completed as the
    articles go), else the oldest verified near-duplicate among `near` and the earlier ones."""
    out: list[int | None] = []
    for content, fp, article_id in zip(hashes, prints, ids, strict=True):
        original = originals.get(content)
        if original is None:
            original = near.find(fp)
            if original is None:
                near.add(article_id, fp)  # an original: later articles may copy it
            # the same content again goes to the same original
            originals[content] = article_id if original is None else original
        out.append(original)
    return out


def relink(groups: list[list[int]], texts: Iterable[tuple[int, str, str | None, str]]) -> dict[int, int]:
    """article → its near-duplicate original, for the articles of `groups` (ids sharing a band
    key, each sorted; `texts` gives their (id, title, lead, body)) that have one; articles not
    returned are originals. Each is checked against the earlier articles of its groups, oldest
    first, until one verifies (a group of copies of one story costs one check per article)."""
    member_of: dict[int, list[tuple[list[int], int]]] = {}
    for ids in groups:
        for pos, i in enumerate(ids):
            member_of.setdefault(i, []).append((ids, pos))
    shingles_of = {article_id: shingles(words(title, lead, body)) for article_id, title, lead, body in texts}
    original_of: dict[int, int] = {}
    for i in sorted(member_of):
        earlier = heapq.merge(*(itertools.islice(ids, pos) for ids, pos in member_of[i]))
        for j, _ in itertools.groupby(earlier):
            if j not in original_of and similar(shingles_of[i], shingles_of[j]):
                original_of[i] = j
                break
    return original_of
