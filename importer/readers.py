"""Read input files: find them, decode them, and turn HTML pages and feeds into text.

`read_file` never raises for bad input: it returns a `Prepared` document or a
`Rejected` one with a one-line reason saying what to do. Plain-text pages keep their
decoded text verbatim; HTML pages and feeds keep their original bytes and store the text
extracted from them (title and paragraphs, one item after another) as the text every span
points into.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from veille.importer import segment as sg
from veille.importer.text import fold

TEXT_SUFFIXES = {".txt": "text/plain", ".text": "text/plain"}
HTML_SUFFIXES = {".html": "text/html", ".htm": "text/html", ".xhtml": "text/html"}
FEED_SUFFIXES = {".xml": "application/xml", ".rss": "application/rss+xml", ".atom": "application/atom+xml"}
PDF_SUFFIXES = {".pdf": "application/pdf"}
MHTML_SUFFIXES = {".mhtml": "multipart/related", ".mht": "multipart/related"}
SUPPORTED = {**TEXT_SUFFIXES, **HTML_SUFFIXES, **FEED_SUFFIXES, **PDF_SUFFIXES, **MHTML_SUFFIXES}
DEFAULT_MAX_BYTES = 20_000_000

MAGIC = {
    b"\x89PNG": "a PNG image", b"PK\x03\x04": "a ZIP archive", b"%PDF": "a PDF document",
    b"GIF8": "a GIF image", b"\xff\xd8\xff": "a JPEG image", b"\x1f\x8b": "a gzip archive",
    b"7z\xbc\xaf": "a 7-Zip archive", b"\x7fELF": "an executable", b"Rar!": "a RAR archive",
}  # fmt: skip
CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
# The footer WordPress appends to every feed item: "L'article X est apparu en premier sur Y."
FEED_FOOTER = re.compile(r"\s*(?:L['’]article|The post)\s.{1,300}?\s(?:est apparu en premier sur|appeared first on)"
                         r"\s[^.]{1,80}\.?\s*$")


@dataclass
class PreArticle:
    """An article whose structure the input format states (feed item, HTML page)."""

    start: int
    end: int
    title_start: int
    title_end: int
    lead_start: int | None = None
    lead_end: int | None = None
    published: str | None = None     # the metadata date string, parsed by the extractor
    source: str | None = None
    author: str | None = None
    url: str | None = None


@dataclass
class Prepared:
    path: str
    sha256: str
    byte_size: int
    data: bytes
    media_type: str
    encoding: str
    text: str
    keep_bytes: bool                  # raw_text cannot give the input bytes back exactly
    meta: dict[str, Any] = field(default_factory=dict)  # what HTML pages and feeds state


@dataclass
class Rejected:
    path: str
    reason: str
    sha256: str | None = None
    byte_size: int | None = None
    data: bytes | None = None
    media_type: str | None = None


@dataclass
class Unsupported:
    path: str
    reason: str


def discover(paths: Iterable[str | Path]) -> Iterator[Path | Unsupported]:
    """Files under the given paths (folders recursively, sorted); problems as `Unsupported`."""
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            yield Unsupported(str(p), "no such file or folder: check the path")
        elif p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for name in sorted(files):
                    yield _check(Path(root) / name)
        else:
            yield _check(p)


def _check(p: Path) -> Path | Unsupported:
    if p.suffix.lower() in SUPPORTED:
        return p
    kinds = ", ".join(sorted(SUPPORTED))
    return Unsupported(str(p), f"unsupported file type {p.suffix or '(no extension)'!r}: veille reads {kinds}")


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Prepared | Rejected:
    name = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return Rejected(name, f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit "
                                  "(raise it with --max-file-size)", byte_size=size)
        data = path.read_bytes()
    except FileNotFoundError:
        return Rejected(name, "the file disappeared before it could be read: check the folder and re-run")
    except PermissionError:
        return Rejected(name, "permission denied: make the file readable and re-run")
    except OSError as exc:
        return Rejected(name, f"could not read the file ({exc.strerror or exc}): check it and re-run")
    return prepare(name, data, SUPPORTED.get(path.suffix.lower(), "text/plain"))


def prepare(name: str, data: bytes, media_type: str) -> Prepared | Rejected:
    sha = hashlib.sha256(data).hexdigest()

    def reject(reason: str) -> Rejected:
        return Rejected(name, reason, sha, len(data), data, media_type)

    if not data.strip():
        return reject("empty file: nothing to import")
    if media_type == "application/pdf":
        return _from_pdf(name, data, sha, reject)
    if media_type == "multipart/related":
        return _from_mhtml(name, data, sha, reject)
    for magic, what in MAGIC.items():
        if data.startswith(magic):
            return reject(f"binary file ({what}), not a saved page: remove it from the batch")
    decoded = decode(data)
    if decoded is None:
        return reject("binary file (not text in any common encoding): remove it from the batch")
    text, encoding, lossy = decoded
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")  # PostgreSQL text cannot hold NUL; same length keeps offsets
        lossy = True
    common = dict(path=name, sha256=sha, byte_size=len(data), data=data, media_type=media_type, encoding=encoding)
    if media_type in HTML_SUFFIXES.values() or (media_type == "text/plain" and _looks_like_html(text)):
        return _from_html(text, common) or reject("no article text found in this HTML page")
    if media_type in FEED_SUFFIXES.values():
        return _from_feed(data, common) or reject("not an RSS or Atom feed (no items found)")
    if not any(c.isalpha() for c in text[:100_000]):
        return reject("no text in this file: nothing to import")
    return Prepared(**common, text=text, keep_bytes=lossy)


def _from_pdf(name: str, data: bytes, sha: str, reject) -> Prepared | Rejected:
    """The text layer of a printed or exported page, one paragraph per line: lines are put back
    together from their positions (a paragraph ends at a wider gap or a change of font size), so
    the segmenter sees paragraphs, not the printed lines."""
    import io

    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            return reject("encrypted PDF: save an unprotected copy and re-run")
        paragraphs = [p for page in reader.pages for p in _pdf_page_paragraphs(page)]
    except Exception as exc:  # noqa: BLE001 - any damage in the file is reported the same way
        return reject(f"not a readable PDF ({type(exc).__name__}): re-export it and re-run")
    text = "\n\n".join(paragraphs).strip()
    if not any(c.isalpha() for c in text):
        return reject("PDF without a text layer (a scan?): run OCR on it first, then re-run")
    return Prepared(path=name, sha256=sha, byte_size=len(data), data=data, media_type="application/pdf",
                    encoding="pdf", text=text + "\n", keep_bytes=True, meta={"pdf": {"pages": len(reader.pages)}})


def _pdf_page_paragraphs(page) -> list[str]:
    rows: list[list] = []   # [y, size, text] per printed line

    def visit(text: str, cm, tm, font, size) -> None:
        if not text.strip("\n"):
            return
        y, height = tm[5], abs(size * (tm[3] or 1))
        if rows and abs(rows[-1][0] - y) < 0.3 * max(height, 1):
            rows[-1][2] += text.replace("\n", " ")
        else:
            rows.append([y, height, text.replace("\n", " ")])

    page.extract_text(visitor_text=visit)
    out: list[str] = []
    current: list[str] = []
    previous = None
    for y, height, text in rows:
        text = " ".join(text.split())
        if not text:
            continue
        if previous is not None:
            gap = abs(y - previous[0])
            if abs(height - previous[1]) > 0.5 or gap > 1.6 * max(height, 1):
                out.append(_pdf_join(current))
                current = []
        current.append(text)
        previous = (y, height)
    if current:
        out.append(_pdf_join(current))
    return [p for p in out if p]


def _pdf_join(lines: list[str]) -> str:
    joined = ""
    for line in lines:
        joined += line if not joined or joined.endswith("-") else " " + line
    return joined


def _from_mhtml(name: str, data: bytes, sha: str, reject) -> Prepared | Rejected:
    """A single-file saved page (MIME multipart): its HTML part, read like a saved HTML page."""
    import email
    from email import policy

    try:
        message = email.message_from_bytes(data, policy=policy.default)
        part = next((p for p in message.walk() if p.get_content_type() == "text/html"), None)
        html = part.get_content() if part is not None else None
    except Exception as exc:  # noqa: BLE001 - a damaged archive is reported, not raised
        return reject(f"not a readable MHTML page ({type(exc).__name__}): save it again and re-run")
    if not html:
        return reject("no HTML page inside this MHTML file: save the page again and re-run")
    common = dict(path=name, sha256=sha, byte_size=len(data), data=data, media_type="multipart/related",
                  encoding=part.get_content_charset() or "utf-8")
    prepared = _from_html(html, common)
    if prepared is None:
        return reject("no article text found in this saved page")
    prepared.media_type = "multipart/related"
    return prepared


def decode(data: bytes) -> tuple[str, str, bool] | None:
    """(text, encoding, lossy): BOMs first, then UTF-8 (tolerating a few bad bytes), then cp1252."""
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                     (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc, False
            except UnicodeDecodeError:
                return data.decode(enc, errors="replace"), enc, True
    sample = data[:4096]
    if sample.count(b"\x00") > len(sample) // 4:  # UTF-16 without a BOM, or binary
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _mostly_text(text):
                return text, enc, False
        return None
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    non_ascii = sum(1 for b in data if b >= 0x80)
    if bad <= max(3, non_ascii // 10):  # a UTF-8 file with a few broken bytes, common in scraped dumps
        return (text, "utf-8", True) if _mostly_text(text) else None
    if not any(b in CP1252_UNDEFINED for b in data):
        text = data.decode("cp1252")
        if _mostly_text(text):
            return text, "cp1252", False
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and _mostly_text(str(best)):
        return str(best), best.encoding, False
    return None


def _mostly_text(text: str) -> bool:
    sample = text[:20_000]
    if not sample:
        return False
    control = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r\f\v") or c == "\ufffd")
    return control <= len(sample) * 0.05


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html"))


def _from_html(html: str, common: dict) -> Prepared | None:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    if doc is None:
        return None
    meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    title = " ".join((meta.get("title") or "").split())
    body = (meta.get("text") or "").strip()
    if not body:
        return None
    if not title:
        title, _, body = body.partition("\n")
    page = _page_metadata(html)
    title = _headline(title, page, meta.get("sitename"))
    body = _without_furniture(body, title)
    if not body:
        return None
    kept = {k: meta.get(k) for k in ("title", "date", "sitename", "hostname", "author", "url", "language") if meta.get(k)}
    kept["title"] = title
    outlet = page.get("site_name") or page.get("publisher") or _clean_sitename(meta.get("sitename"))
    if outlet:
        kept["sitename"] = outlet
    return Prepared(**{**common, "media_type": "text/html"}, text=f"{title}\n\n{body}\n", keep_bytes=True,
                    meta={"html": kept})


def _page_metadata(html: str) -> dict[str, Any]:
    """What the page states about itself: og:site_name, JSON-LD publisher, og:title, its h1s."""
    import json

    import lxml.html

    out: dict[str, Any] = {"h1": []}
    try:
        root = lxml.html.fromstring(html.encode("utf-8", errors="replace"),
                                    parser=lxml.html.HTMLParser(encoding="utf-8"))
    except Exception:  # noqa: BLE001 - unparsable markup: trafilatura's reading stands alone
        return out
    for node in root.iter("meta"):
        prop = (node.get("property") or node.get("name") or "").lower()
        content = " ".join((node.get("content") or "").split())
        if prop in ("og:site_name", "application-name", "twitter:site") and content and "site_name" not in out:
            if not content.startswith("@"):
                out["site_name"] = content
        elif prop == "og:title" and content:
            out.setdefault("og_title", content)
    for node in root.iter("script"):
        if (node.get("type") or "").lower() != "application/ld+json" or not node.text:
            continue
        try:
            data = json.loads(node.text)
        except ValueError:
            continue
        for item in _ld_items(data):
            pub = item.get("publisher") if isinstance(item, dict) else None
            if isinstance(pub, list) and pub:
                pub = pub[0]
            if isinstance(pub, dict) and isinstance(pub.get("name"), str) and pub["name"].strip():
                out.setdefault("publisher", " ".join(pub["name"].split()))
    for node in root.iter("h1"):
        text = " ".join(node.text_content().split())
        if text:
            out["h1"].append(text)
    return out


def _ld_items(data: Any) -> Iterator[dict]:
    if isinstance(data, list):
        for x in data:
            yield from _ld_items(x)
    elif isinstance(data, dict):
        yield data
        if isinstance(data.get("@graph"), list):
            yield from _ld_items(data["@graph"])


def _clean_sitename(name: str | None) -> str | None:
    """trafilatura's site name when the page states none: "Le_Progres" -> "Le Progres"."""
    if not name or len(name) > 60 or len(name.split()) > 6:
        return None
    return name.replace("_", " ")


def _words(s: str) -> list[str]:
    return fold(s).split()


def _headline(title: str, page: dict[str, Any], sitename: str | None) -> str:
    """The headline without the outlet suffix ("… - Le Temps", "… | Author") or the kicker before
    it ("Maroc. …"): the page's h1 when it is the same headline, else the title cut at a suffix
    that names the site."""
    words = set(_words(title))
    best, best_overlap = None, 0.0
    for h1 in page.get("h1", []):
        w = _words(h1)
        if len(w) < 4:
            continue
        overlap = len(set(w) & words) / len(set(w))
        if overlap > best_overlap:
            best, best_overlap = h1, overlap
    if best is not None and best_overlap >= 0.6:
        # "Maroc Naufrage : …" where the title says "Maroc. Naufrage : …": the kicker is no headline
        if (m := re.match(r"^(?P<kicker>\w[\w'’ -]{1,30})\.\s+(?P<rest>.+)$", title)) \
                and _words(best) == _words(m.group("kicker")) + _words(m.group("rest")):
            return m.group("rest")
        return best
    site = " ".join(_words(page.get("site_name") or page.get("publisher") or sitename or ""))
    m = re.search(r"\s(?:[-–—|]|::)\s(?P<suffix>[^-–—|]{1,60})$", title)
    if m and len(_words(title[:m.start()])) >= 4:
        suffix = " ".join(_words(m.group("suffix")))
        if site and (suffix in site or site in suffix):
            return title[:m.start()].rstrip()
    return title


def _without_furniture(body: str, title: str) -> str:
    """The extracted text without the page furniture extractors let through: interface words,
    read-also links, labels with no text after them, the headline repeated."""
    title_key = fold(title)
    lines = [raw for raw in body.split("\n") if (t := raw.strip())
             and not sg.is_furniture_line(re.sub(r"^[-–•*]\s+", "", t)) and fold(t) != title_key
             and not (len(t) <= 300 and PROMO.search(t))]
    # An embedded post: its text, then its attribution ("— Name (@handle) date"); both out.
    embedded = {i - d for i, raw in enumerate(lines) if EMBED_BY.match(raw.strip()) for d in (0, 1)}
    topic = title.split(" : ", 1)[0] if " : " in title else None
    kept: list[str] = []
    for i, raw in enumerate(lines):
        t = raw.strip()
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if i in embedded or EMBED_LINK.search(t) and len(t) < 300:
            continue
        if topic and i < 3 and t.startswith(topic + " :") and not t.rstrip(" »”\"").endswith((".", "!", "?")):
            continue  # the title of the series or dossier the article belongs to, under its headline
        words = len(t.split())
        if words <= 8 and t.endswith(":") or words <= 5 and not t.rstrip(" »”\"").endswith((".", "!", "?")) \
                and (not nxt or len(nxt) < 60 or sg.DANGLING.search(t)):
            continue  # a label ("Supported by", "Subscribers only", "Le reportage :"), not a subheading
        kept.append(raw)
    return "\n".join(kept).strip()


EMBED_BY = re.compile(r"^[—–-]\s*[^()\n]{1,60}\(@\w{1,30}\)\s*\S.{0,40}$")
EMBED_LINK = re.compile(r"\bpic\.twitter\.com/|\bhttps?://t\.co/")
# Calls to subscribe or sign in that extractors keep with the text.
PROMO = re.compile(r"(?i)\b(?:inscrivez-vous|abonnez-vous|connectez-vous|newsletter|sign up for|subscribe to|"
                   r"log in to|sign in to)\b")


def _plain(fragment: str) -> str:
    """Feed fields may hold HTML: keep their text, on one line."""
    if "<" in fragment:
        import lxml.html

        try:
            fragment = lxml.html.fromstring(fragment).text_content()
        except Exception:  # noqa: BLE001 - malformed fragment: fall back to stripping tags
            fragment = re.sub(r"<[^>]+>", " ", fragment)
    return " ".join(fragment.split())


def _from_feed(data: bytes, common: dict) -> Prepared | None:
    """One block per item: its title on one line, its description on the next, a blank line."""
    import feedparser

    parsed = feedparser.parse(data)
    channel = _plain(parsed.feed.get("title") or "") or None
    blocks, items = [], []
    for entry in parsed.entries:
        title = _plain(entry.get("title") or "")
        summary = FEED_FOOTER.sub("", _plain(entry.get("summary") or entry.get("description") or ""))
        if not title and not summary:
            continue
        blocks.append(f"{title or summary[:120]}\n{summary}\n\n" if summary else f"{title}\n\n")
        items.append({"published": entry.get("published") or entry.get("updated"), "url": entry.get("link"),
                      "author": entry.get("author"), "has_summary": bool(summary)})
    if not items:
        return None
    return Prepared(**common, text="".join(blocks), keep_bytes=True,
                    meta={"feed": {"title": channel, "version": parsed.get("version"), "items": items}})


def structured_articles(text: str, meta: dict[str, Any]) -> list[PreArticle] | None:
    """The articles an HTML page or a feed states, rebuilt from the stored text and metadata
    (so `veille reprocess` needs nothing else); None for pages to segment."""
    if "html" in meta:
        html = meta["html"]
        title_end = text.find("\n")
        return [PreArticle(start=0, end=len(text.rstrip()), title_start=0, title_end=title_end,
                           published=html.get("date"), source=html.get("sitename") or html.get("hostname"),
                           author=html.get("author"), url=html.get("url"))]
    if "feed" in meta:
        feed, out, pos = meta["feed"], [], 0
        for item in feed["items"]:
            title_end = text.index("\n", pos)
            block_end = text.index("\n\n", title_end if item["has_summary"] else title_end - 1)
            art = PreArticle(start=pos, end=block_end, title_start=pos, title_end=title_end,
                             published=item["published"], source=feed["title"], author=item["author"], url=item["url"])
            if item["has_summary"]:
                art.lead_start, art.lead_end = title_end + 1, block_end
            out.append(art)
            pos = block_end + 2
        return out
    return None
