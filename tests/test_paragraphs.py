"""The paragraph layer: paragraphs recovered from each physical layout, spans on the raw text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from support import SEEDS

from veille.importer import paragraphs as pg
from veille.importer.segment import split_lines

SENTENCES = [
    "Les ministres de la Défense de l'Alliance se réunissent jeudi à Bruxelles pour discuter du soutien à l'Ukraine.",
    "Le secrétaire général a rappelé que dix-huit pays consacreront cette année au moins 2 % de leur PIB à la défense.",
    "Plusieurs délégations ont demandé que la production de munitions soit augmentée avant la fin de l'année.",
    "The foreign ministers met in Vilnius on Tuesday to discuss air defence and the next steps for the alliance.",
]


def wrap(text: str, width: int = 72, indent: str = "") -> str:
    """Hard-wrap one paragraph the way a text browser does: break before the word that does not fit."""
    lines, line = [], indent
    for word in text.split():
        if line.strip() and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = indent + word
        else:
            line = (line + " " + word) if line.strip() else indent + word
    lines.append(line)
    return "\n".join(lines)


def check_spans(text: str, paras: list[pg.Paragraph]) -> None:
    previous = 0
    for p in paras:
        assert previous <= p.start < p.end <= len(text)
        previous = p.end
        raw = text[p.start:p.end]
        assert len(p.flat) == len(raw)
        assert "\n" not in p.flat and "\r" not in p.flat
        # every word of the reflowed text comes from its span
        for word in p.text.split():
            assert word in pg.LINK_MARKER.sub("", raw) or "à" in word, (word, raw)


def test_one_paragraph_per_line_is_cut_exactly_like_the_lines():
    text = "\n".join(SENTENCES) + "\n\nUn titre sans point\n   indenté aussi\n"
    layout, paras = pg.paragraphs(text)
    assert layout == pg.PLAIN
    assert [(p.start, p.end, p.text) for p in paras] == [(ln.start, ln.end, ln.text) for ln in split_lines(text)]


def test_seed_pages_keep_one_paragraph_per_line():
    for path in sorted(SEEDS.iterdir()):
        text = path.read_text(encoding="utf-8")
        layout, paras = pg.paragraphs(text)
        assert layout == pg.PLAIN, path.name
        assert [p.text for p in paras] == [ln.text for ln in split_lines(text)]


def test_hard_wrapped_paragraphs_are_joined_and_map_back():
    title = "Les ministres de l'Otan se retrouvent à Bruxelles pour parler de l'Ukraine et des munitions"
    text = "\n\n".join([wrap(title), *(wrap(" ".join(SENTENCES[i:i + 3]), indent="   ") for i in range(2))]) + "\n"
    layout, paras = pg.paragraphs(text)
    assert layout == pg.WRAPPED
    assert [p.text for p in paras] == [title, " ".join(SENTENCES[0:3]), " ".join(SENTENCES[1:4])]
    assert paras[0].lines == 2  # a wrapped headline is one paragraph
    check_spans(text, paras)


def test_short_line_ends_a_paragraph_without_blank_line():
    body = " ".join(SENTENCES[:3])
    text = wrap(body) + "\n" + "Crédit photo : AFP\n" + wrap(" ".join(SENTENCES[1:])) + "\n" + wrap(body) + "\n"
    _, paras = pg.paragraphs(text)
    assert [p.text for p in paras] == [body, "Crédit photo : AFP", " ".join(SENTENCES[1:]), body]


def test_indent_change_and_bullets_end_paragraphs():
    body = " ".join(SENTENCES)
    menu = "\n".join(f"     * Rubrique {i}" for i in range(6))
    text = menu + "\n" + wrap(body, indent="   ") + "\n     * Partager sur Facebook\n" + wrap(body) + "\n"
    _, paras = pg.paragraphs(text)
    kinds = [(p.kind, p.text) for p in paras]
    assert kinds[:6] == [(pg.ITEM, f"Rubrique {i}") for i in range(6)]
    assert kinds[6] == (pg.TEXT, body)
    assert kinds[7] == (pg.ITEM, "Partager sur Facebook")
    assert kinds[8] == (pg.TEXT, body)


def test_text_browser_markers_widgets_and_references_are_dropped():
    body = " ".join(SENTENCES)
    wrapped = wrap(body.replace("Alliance", "[12]Alliance").replace("Vilnius", "[3]Vilnius"), indent="   ")
    text = ("   #alternate alternate\n\n   IFRAME: https://example.org/frame\n\n"
            "   (BUTTON) Menu [1]Accueil\n   Rechercher ____________________ (BUTTON)\n\n"
            + wrapped + "\n\n   [IMG] [logo-transparent-header.png]\n\n"
            "References\n\n   1. https://example.org/\n   2. https://example.org/a\n"
            "   3. https://example.org/b\n")
    layout, paras = pg.paragraphs(text)
    assert layout == pg.WRAPPED
    texts = {p.text: p for p in paras}
    assert body in texts and texts[body].kind == pg.TEXT
    assert texts["#alternate alternate"].kind == pg.FURNITURE
    assert "Menu Accueil" in texts and "Rechercher" in texts
    assert all(p.kind == pg.FURNITURE for p in paras if "example.org/" in text[p.start:p.end]
               and text[p.start:p.end].lstrip()[:1].isdigit())
    check_spans(text, paras)
    # offsets found in the flat copy are offsets into the raw text
    p = texts[body]
    at = p.flat.index("Vilnius")
    assert text[p.start + at:p.start + at + len("Vilnius")] == "Vilnius"


def test_lone_byte_of_a_broken_a_grave_reads_as_a_grave():
    line = "Il est arrivé hier soir avec toute la délégation des ministres venus \ufffd"
    assert len(line) >= 68
    text = wrap(" ".join(SENTENCES)) + "\n\n" + wrap(" ".join(SENTENCES)) + "\n\n" + line + "\nParis ce matin.\n"
    layout, paras = pg.paragraphs(text)
    assert layout == pg.WRAPPED
    assert paras[-1].text.endswith("à Paris ce matin.")


def test_markdown_headings_lists_links_and_images():
    text = ("# Les ministres de l'Otan se retrouvent à Bruxelles\n\n"
            "*Par Jeanne Martin, le 14 février 2024*\n\n"
            "![Le siège de l'Otan](https://example.org/otan.jpg)\n\n"
            "Les ministres de la Défense de l'Alliance se réunissent jeudi\n"
            "pour discuter du [soutien à l'Ukraine](https://example.org/ukraine).\n\n"
            "## Des munitions\n\n- premier point de la liste\n- second point\n\n"
            "Le secrétaire général a pris la parole.\n")
    layout, paras = pg.paragraphs(text)
    assert layout == pg.MARKDOWN
    assert [(p.kind, p.text) for p in paras] == [
        (pg.HEADING, "Les ministres de l'Otan se retrouvent à Bruxelles"),
        (pg.TEXT, "*Par Jeanne Martin, le 14 février 2024*"),
        (pg.TEXT, "Les ministres de la Défense de l'Alliance se réunissent jeudi pour discuter du soutien à "
                  "l'Ukraine."),
        (pg.HEADING, "Des munitions"),
        (pg.ITEM, "premier point de la liste"),
        (pg.ITEM, "second point"),
        (pg.TEXT, "Le secrétaire général a pris la parole."),
    ]
    for p in paras:
        assert len(p.flat) == p.end - p.start


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(SENTENCES + ["Un titre court", "Crédit photo : AFP", "Par Jean Dupont"]),
                min_size=1, max_size=30), st.sampled_from(["\n", "\r\n"]))
def test_unwrapped_text_comes_out_unchanged(lines, sep):
    text = sep.join(lines)
    layout, paras = pg.paragraphs(text)
    assert layout == pg.PLAIN
    assert [p.text for p in paras] == [ln.strip() for ln in lines if ln.strip()]
    for p in paras:
        assert text[p.start:p.end] == p.text


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(SENTENCES), min_size=2, max_size=4), min_size=4, max_size=8),
       st.integers(60, 80), st.sampled_from(["", "   "]))
def test_wrapped_text_reflows_to_its_paragraphs_and_spans_map_back(blocks, width, indent):
    paragraphs = [" ".join(b) for b in blocks]
    text = "\n\n".join(wrap(p, width, indent) for p in paragraphs) + "\n"
    layout, paras = pg.paragraphs(text)
    assert layout == pg.WRAPPED
    assert [p.text for p in paras] == paragraphs
    check_spans(text, paras)
    for p in paras:
        assert re.sub(r"\s+", " ", text[p.start:p.end]) == p.text


def body_page(lines: list[str]) -> str:
    """Enough wrapped running text around `lines` for the page to read as hard-wrapped."""
    filler = "\n\n".join(wrap(s, 72, "   ") for s in SENTENCES * 2)
    return filler + "\n\n" + "\n".join(lines) + "\n\n" + filler + "\n"


def test_a_line_that_only_fits_by_characters_goes_on():
    # a text browser counted the curly apostrophe as three columns: "Mills" did not fit
    text = body_page(["   Mrs Clinton’s former chief of staff at the State Department, Cheryl",
                      "   Mills immediately replied in a private email to the chairman."])
    _, paras = pg.paragraphs(text)
    assert any(p.text.startswith("Mrs Clinton’s") and p.text.endswith("chairman.") for p in paras)


def test_a_sentence_going_on_in_lower_case_continues_its_paragraph():
    text = body_page(["   WikiLeaks, which publishes private and classified documents, said",
                      "   that the messages were genuine and would be published in full."])
    _, paras = pg.paragraphs(text)
    assert any(p.text.startswith("WikiLeaks") and p.text.endswith("in full.") for p in paras)


def test_paragraphs_that_indent_their_first_line():
    paras_in = [wrap(s, 72) for s in SENTENCES[:3]]
    text = "\n\n".join("    " + p for p in paras_in) + "\n\n" + "\n\n".join("    " + p for p in paras_in) + "\n"
    kind, paras = pg.paragraphs(text)
    assert kind == pg.WRAPPED
    assert [p.text for p in paras] == [" ".join(s.split()) for s in SENTENCES[:3]] * 2
    check_spans(text, paras)


def test_a_headline_wrapped_before_its_year_is_one_line():
    text = body_page(["Réserve militaire : le gouvernement veut doubler les effectifs d'ici à", "2030"])
    _, paras = pg.paragraphs(text)
    assert "Réserve militaire : le gouvernement veut doubler les effectifs d'ici à 2030" in [p.text for p in paras]
