"""Recover paragraphs from a page's physical layout, before any line gets a role.

Pages arrive in several layouts:

- one paragraph per line (most scraped text; the seeds): every non-empty line is a paragraph,
  exactly as `split_lines` cuts it;
- hard-wrapped text (text-browser dumps): lines wrapped at a fixed width (72–80 columns), often
  indented; a paragraph runs over several lines and ends at a blank line, at a change of
  indentation, at a list bullet, or at a line that ends well short of the width (the next line's
  first word would have fitted on it);
- text-browser conventions on top: `[12]` link markers, `[IMG]`, `(BUTTON)`, form fields
  (`____`), `#alternate` link headers, `IFRAME:` and `REFRESH` lines, `* ` bullets, and a
  trailing `References` / `Visible links` list;
- Markdown: `#` headings, lists, `[text](url)` links, `![alt](src)` images, blank-line blocks.

Each paragraph keeps [start, end) offsets into the raw text (from its first to its last visible
character, whatever lies between); its `text` is reflowed (lines joined by one space, markup
dropped), and `flat` is the raw span with line breaks and markup blanked to spaces, the same
length as the span, so offsets found in `flat` are offsets into the raw text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

PLAIN, WRAPPED, MARKDOWN = "plain", "wrapped", "markdown"
TEXT, HEADING, ITEM, FURNITURE = "text", "heading", "item", "furniture"

_LINE = re.compile(r"[^\r\n]+")
BULLET = re.compile(r"^(?P<mark>[*+•◦▪o-]|\d{1,3}[.)])(?:\s+|$)")
LINK_MARKER = re.compile(r"\[\d{1,5}\]")
# Text-browser widgets and tokens with no words: "[IMG]", "[ ]", "(BUTTON)", "[tracking?id=…]", "____"
WIDGET = re.compile(r"\((?:BUTTON|Submit|RADIO|CHECKBOX|submit|Reset|Search)\)|\[(?:IMG|INLINE|LINK|[ xX]?)\]|"
                    r"\[[^\s\[\]]{12,}\]|_{4,}")
BROWSER_LINE = re.compile(r"^(?:#\S|IFRAME:|REFRESH\(|\[[^\s\]]+\]$)")
REFERENCES = re.compile(r"^(?:References|Visible links|Hidden links|Liens visibles|Références)\s*:?\s*$")
REFERENCE_ITEM = re.compile(r"^\s*\d{1,5}\.\s+(?:https?|file|ftp|mailto|javascript|about|data):", re.IGNORECASE)
MD_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
MD_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\([^)]*\)")
MD_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?:[^()\s]|\([^()]*\))+(?:\s+\"[^\"]*\")?\)")
MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
TAG = re.compile(r"</?[a-zA-Z][^<>]{0,200}>")
MD_RULE = re.compile(r"^(?:[-*_]\s*){3,}$")


@dataclass(slots=True)
class Paragraph:
    start: int          # offset of the first visible character in the raw text
    end: int            # offset just after the last one
    text: str           # reflowed text, markup dropped
    kind: str = TEXT    # text | heading | item | furniture
    indent: int = 0
    lines: int = 1
    why: str = ""
    flat: str = ""      # the raw span with line breaks and markup blanked (same length)
    linked: bool = False  # a text browser's link marker opens it: the paragraph is a link's text


@dataclass(slots=True)
class _Raw:
    start: int          # offset of the first non-blank character
    end: int            # offset after the last non-blank character
    text: str           # stripped
    indent: int         # columns before the text
    width: int          # columns up to the end of the text


def _raw_lines(text: str) -> list[_Raw | None]:
    """Every physical line; None for blank ones (they end paragraphs)."""
    out: list[_Raw | None] = []
    for m in _LINE.finditer(text):
        raw = m.group()
        stripped = raw.strip()
        if not stripped:
            out.append(None)
            continue
        lead = len(raw) - len(raw.lstrip())
        indent = len(raw[:lead].expandtabs(8))
        start = m.start() + lead
        out.append(_Raw(start, start + len(stripped), stripped, indent, indent + len(stripped)))
        # a blank line between two lines shows as an empty match only when \n\n: add the gap
    return _with_blanks(text, out)


def _with_blanks(text: str, lines: list[_Raw | None]) -> list[_Raw | None]:
    """Insert a None wherever two consecutive lines are separated by an empty line."""
    out: list[_Raw | None] = []
    prev_end = None
    for ln in lines:
        if ln is not None and prev_end is not None:
            gap = text[prev_end:ln.start]
            if gap.count("\n") >= 2 or (gap.count("\n") == 0 and gap.count("\r") >= 2):
                out.append(None)
        out.append(ln)
        if ln is not None:
            prev_end = ln.end
    return out


def wrap_width(lines: list[_Raw | None]) -> int | None:
    """The width a document is hard-wrapped at, or None when it is not wrapped.

    Wrapped text has most of its long lines ending just short of one width (the wrapping tool's),
    and next to none beyond it; one-paragraph-per-line text has lines of every length."""
    widths = sorted(ln.width for ln in lines if ln is not None and len(words := ln.text.split()) >= 2
                    and max(map(len, words)) <= 40 and not REFERENCE_ITEM.match(ln.text))
    long_ = [w for w in widths if w >= 40]
    if len(long_) < 8:
        return None
    width = long_[int(0.95 * (len(long_) - 1))]
    if width > 100:
        return None
    near = sum(1 for w in long_ if w >= width - 15)
    beyond = sum(1 for w in widths if w > width + 8)
    if near < 0.4 * len(long_) or beyond > 0.03 * len(widths):
        return None
    return width


def _widest(lines: list[_Raw | None]) -> int:
    """The wrap width of a short dump, too short to measure: its widest line of words."""
    widths = [ln.width for ln in lines if ln is not None and len(ln.text.split()) >= 2 and ln.width <= 100]
    return max(widths, default=80)


def is_browser_dump(text: str) -> bool:
    """Text-browser conventions: link markers, widgets, link headers, a references list."""
    head = text[:200_000]
    if "[" not in head and "(" not in head and "#" not in head and "* " not in head:
        return False
    score = 0
    score += len(LINK_MARKER.findall(head)) >= 5
    score += 2 * ("(BUTTON)" in head or "IFRAME:" in head or "REFRESH(" in head)
    score += bool(re.search(r"(?m)^\s*#(?:alternate|publisher|next|\[\d+\])", head))
    score += bool(re.search(r"(?m)^\s*(?:References|Visible links)\s*$", head))
    score += len(re.findall(r"(?m)^\s+\* ", head)) >= 10
    return score >= 2


def is_markdown(text: str) -> bool:
    head = text[:200_000]
    headings = len(re.findall(r"(?m)^#{1,6} \S", head))
    links = len(MD_LINK.findall(head)) + len(MD_IMAGE.findall(head))
    return headings >= 1 and (headings + links) >= 3 or links >= 4 and headings >= 1


def layout(text: str, raw: list[_Raw | None] | None = None) -> str:
    """plain (one paragraph per line), wrapped (hard-wrapped or a text-browser dump) or markdown."""
    browser = is_browser_dump(text)
    if not browser and ("#" in text or "](" in text) and is_markdown(text):
        return MARKDOWN
    if browser or wrap_width(_raw_lines(text) if raw is None else raw) is not None:
        return WRAPPED
    return PLAIN


def paragraphs(text: str) -> tuple[str, list[Paragraph]]:
    """(layout, paragraphs of `text` in page order)."""
    raw = _raw_lines(text)
    kind = layout(text, raw)
    if kind == MARKDOWN:
        return kind, _markdown(text, raw)
    if kind == WRAPPED:  # hard-wrapped text comes from text browsers: their markup is read too
        return WRAPPED, _wrapped(text, raw, wrap_width(raw) or _widest(raw), True)
    out = []
    for ln in raw:
        if ln is None:
            continue
        out.append(Paragraph(ln.start, ln.end, ln.text, TEXT, ln.indent, 1, "", ln.text))
    return PLAIN, out


def _first_word(s: str) -> str:
    return s.split(None, 1)[0] if s else ""


def _wrapped(text: str, raw: list[_Raw | None], width: int, browser: bool) -> list[Paragraph]:
    out: list[Paragraph] = []
    group: list[_Raw] = []
    content_col = 0        # where the continuation lines of the current group start
    in_references = False

    def flush() -> None:
        nonlocal group
        if group:
            p = _finish(text, group, content_col, browser)
            if p is not None:
                if in_references:
                    p.kind, p.why = FURNITURE, "references list"
                out.append(p)
        group = []

    for ln in raw:
        if ln is None:
            flush()
            continue
        if browser and not in_references and REFERENCES.match(ln.text) and ln.indent <= 4:
            flush()
            in_references = True
        bullet = BULLET.match(ln.text)
        if group:
            last = group[-1]
            fits = _ended_short(last, ln, width) or not any(c.isalpha() for c in ln.text) and not DANGLING.search(last.text)
            same_col = ln.indent == content_col
            if not bullet and not fits and len(group) == 1 and 0 < last.indent - ln.indent <= 8 \
                    and not BULLET.match(last.text) and (ln.text[:1].islower() or not SENTENCE_END.search(last.text)):
                content_col, same_col = ln.indent, True  # a paragraph whose first line is indented
            if bullet or not same_col or fits:
                flush()
        if not group:
            content_col = ln.indent + (bullet.end() if bullet else 0)
        group.append(ln)
    flush()
    return out


DANGLING = re.compile(r"\b(?i:à|a|de|du|des|le|la|les|en|au|aux|of|the|in|on|to|by|for|since|depuis|avant|after)$")
SENTENCE_END = re.compile(r"[.!?:;»”\"')\]]$")


def _ended_short(last: _Raw, nxt: _Raw, width: int) -> bool:
    """The line `last` ended before the wrap width: the next line's first word would have fitted.
    Text browsers count some widths in bytes (a UTF-8 "’" takes three columns), so a line of
    running text that would only have fitted by characters, or one that stops mid-sentence close
    to the width with the sentence going on in lower case below it, still continues."""
    word = len(_first_word(nxt.text))
    if last.width + 1 + word > width:
        return False
    if SENTENCE_END.search(last.text):
        return True
    extra = len(last.text.encode("utf-8")) - len(last.text)
    if extra and last.width + extra + 1 + word > width:
        return False
    return not (nxt.text[:1].islower() and last.width >= width - 15 and nxt.indent == last.indent)


def _finish(text: str, group: list[_Raw], content_col: int, browser: bool) -> Paragraph | None:
    start, end = group[0].start, group[-1].end
    span = text[start:end]
    # A UTF-8 "à" (C3 A0) whose A0 a text browser took for a no-break space leaves a lone C3
    # (decoded as U+FFFD) at the end of the line: in the reflowed copy it is "à" again.
    joined = " ".join(ln.text[:-1] + "à" if ln.text.endswith("\ufffd") and len(ln.text) > 1 else ln.text
                      for ln in group)
    kind, why = TEXT, ""
    first = group[0].text
    if browser:
        if BROWSER_LINE.match(first) and len(group) == 1:
            kind, why = FURNITURE, "text-browser header"
        joined = WIDGET.sub(" ", LINK_MARKER.sub("", joined))
        if "&" in joined or "<" in joined:  # markup the page printed as text ("l&#039;un", "&lt;em&gt;")
            joined = TAG.sub("", html.unescape(joined))
        joined = " ".join(joined.split())
    if BULLET.match(first) and kind == TEXT:
        kind, why = ITEM, "list item"
        joined = BULLET.sub("", joined, count=1).strip()
    if REFERENCE_ITEM.match(first):
        kind, why = FURNITURE, "references list"
    if not any(c.isalnum() for c in joined):
        return None
    flat = _flatten(span, browser)
    return Paragraph(start, end, joined, kind, group[0].indent, len(group), why, flat,
                     linked=browser and bool(LINK_MARKER.match(first)))


def _flatten(span: str, browser: bool) -> str:
    """Line breaks (and, in browser dumps, markers and widgets) blanked: same length as `span`."""
    flat = span.replace("\r", " ").replace("\n", " ")
    if browser:
        flat = WIDGET.sub(lambda m: " " * len(m.group()), LINK_MARKER.sub(lambda m: " " * len(m.group()), flat))
    return flat


def _markdown(text: str, raw: list[_Raw | None]) -> list[Paragraph]:
    out: list[Paragraph] = []
    group: list[_Raw] = []

    def flush() -> None:
        nonlocal group
        if group:
            p = _md_block(text, group)
            if p is not None:
                out.append(p)
        group = []

    for ln in raw:
        if ln is None:
            flush()
            continue
        if MD_HEADING.match(ln.text) or BULLET.match(ln.text) or MD_RULE.match(ln.text) \
                or ln.text.startswith(">") and not (group and group[0].text.startswith(">")):
            flush()
            group.append(ln)
            if MD_HEADING.match(ln.text) or MD_RULE.match(ln.text):
                flush()
            continue
        group.append(ln)
    flush()
    return out


def _md_inline(s: str) -> str:
    s = MD_IMAGE.sub("", s)
    s = MD_LINK.sub(lambda m: m.group("text"), s)
    s = MD_EMPHASIS.sub(lambda m: m.group(2), s)
    return " ".join(s.split())


def _md_block(text: str, group: list[_Raw]) -> Paragraph | None:
    start, end = group[0].start, group[-1].end
    first = group[0].text
    flat = text[start:end].replace("\r", " ").replace("\n", " ")
    if MD_RULE.match(first):
        return None
    if m := MD_HEADING.match(first):
        body = _md_inline(m.group("text"))
        return Paragraph(start, end, body, HEADING, group[0].indent, 1, f"h{len(m.group('hashes'))}", flat) \
            if body else None
    joined = " ".join(ln.text.lstrip("> ") if ln.text.startswith(">") else ln.text for ln in group)
    kind, why = TEXT, ""
    if b := BULLET.match(joined):
        kind, why = ITEM, "list item"
        joined = joined[b.end():]
    body = _md_inline(joined)
    if not any(c.isalnum() for c in body):
        return None
    if not body and MD_IMAGE.search(joined):
        return None
    return Paragraph(start, end, body, kind, group[0].indent, len(group), why, flat)
