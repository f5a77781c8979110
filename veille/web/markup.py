"""Text with its evidence made visible: actor mentions as links to their actors, event sentences
marked and linked to their events, search snippets highlighted. Every character of the text is
escaped; only the markup written here is trusted."""

from __future__ import annotations

from markupsafe import Markup, escape

from veille.web.queries import MARK_END, MARK_START


def highlight(snippet: str | None) -> Markup:
    """A ts_headline snippet: escaped, its match markers turned into <mark>."""
    text = str(escape(snippet or ""))
    return Markup(text.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


def annotate(text: str, base: int, mentions: list[dict], event_mentions: list[dict]) -> Markup:
    """`text` (the characters [base, base + len(text)) of a document) with its mentions linked and
    its event sentences marked. Offsets outside the text are ignored; overlapping mentions keep
    the first (longest at a position); overlapping event sentences are marked as one."""
    n = len(text)
    groups: list[list] = []  # [start, end, [event mentions]]
    for em in sorted(event_mentions, key=lambda x: (x["char_start"], x["char_end"], x["id"])):
        s, e = max(0, em["char_start"] - base), min(n, em["char_end"] - base)
        if s >= e:
            continue
        if groups and s < groups[-1][1]:
            groups[-1][1] = max(groups[-1][1], e)
            groups[-1][2].append(em)
        else:
            groups.append([s, e, [em]])
    spans: list[tuple[int, int, dict]] = []
    last_end = 0
    for m in sorted(mentions, key=lambda x: (x["char_start"], -x["char_end"], x["id"])):
        s, e = m["char_start"] - base, m["char_end"] - base
        if s < last_end or s < 0 or e > n or s >= e:
            continue
        spans.append((s, e, m))
        last_end = e

    out: list[str] = []
    k = 0  # first mention that may still overlap what is left to write

    def plain(a: int, b: int) -> None:
        nonlocal k
        pos = a
        while k < len(spans) and spans[k][1] <= a:
            k += 1
        j = k
        while j < len(spans) and spans[j][0] < b:
            s, e, m = spans[j]
            s2, e2 = max(s, a), min(e, b)
            out.append(str(escape(text[pos:s2])))
            ident = f' id="m-{int(m["id"])}"' if s2 == s else ""
            out.append(f'<a class="actor kind-{escape(m["kind"])}" href="/actors/{int(m["actor_id"])}"{ident} '
                       f'title="{escape(m["canonical_name"])} ({escape(m["kind"])})">{escape(text[s2:e2])}</a>')
            pos = e2
            if e > b:
                break
            j += 1
        out.append(str(escape(text[pos:b])))

    pos = 0
    for s, e, ems in groups:
        plain(pos, s)
        first = ems[0]
        out.append(f'<span class="event-sentence" id="em-{int(first["id"])}">')
        # the other reports of the same sentence: anchors inside it (their #fragment marks it too)
        out.extend(f'<span class="event-anchor" id="em-{int(em["id"])}"></span>' for em in ems[1:])
        plain(s, e)
        out.append("</span>")
        seen: set[int] = set()
        for em in ems:
            if em["event_id"] in seen:
                continue
            seen.add(em["event_id"])
            out.append(f'<a class="event-tag" href="/events/{int(em["event_id"])}" '
                       f'title="Event {int(em["event_id"])}: {escape(em["event_type"])}, {escape(em["mode"] or "")}">'
                       f'{escape(em["event_type"])}</a>')
        pos = e
    plain(pos, n)
    return Markup("".join(out))


def document_text(text: str, articles: list[dict]) -> Markup:
    """A document's raw text with each article's span marked (id `article-<id>`, highlighted when
    it is the URL's #fragment)."""
    out: list[str] = []
    pos = 0
    for a in sorted(articles, key=lambda x: (x["char_start"], x["id"])):
        s, e = max(a["char_start"], pos), min(a["char_end"], len(text))
        if s >= e:
            continue
        out.append(str(escape(text[pos:s])))
        out.append(f'<span class="article-span" id="article-{int(a["id"])}" title="{escape(a["title"])}">'
                   f'{escape(text[s:e])}</span>')
        pos = e
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))
