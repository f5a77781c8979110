"""The segmenter line by line, and properties that must hold on any text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from support import CORPUS, SEEDS

from veille.importer import paragraphs as pg
from veille.importer import segment as sg
from veille.importer.extract import extract_articles


def role_of(line: str, before: str = "", after: str = "") -> str:
    text = "\n\n".join(p for p in (before, line, after) if p)
    lines = sg.classify(text)
    [hit] = [ln for ln in lines if ln.text == line]
    return hit.role


TITLE = "Les ministres de l'Otan se retrouvent à Bruxelles"
PARA = "Les ministres de la Défense de l'Alliance se réunissent jeudi pour discuter du soutien à l'Ukraine."


@pytest.mark.parametrize(("line", "role"), [
    ("Lire la suite »", sg.BOUNDARY),
    ("Read more", sg.BOUNDARY),
    ("(… lire l’intégralité)", sg.BOUNDARY),
    ("( … la suite sur le Monde)", sg.BOUNDARY),
    ("Publié le", sg.BYLINE),
    ("Publié dans PanoraPost le 17 - 02 - 2021", sg.BYLINE),
    ("Par Claire Martin", sg.BYLINE),
    ("By John Smith | March 3, 2024", sg.BYLINE),
    ("Le 14 août 2023 à 11h54", sg.BYLINE),
    ("mercredi 8 mars", sg.BYLINE),
    ("Crédit photo : AFP", sg.CAPTION),
    ("Des soldats près de Donetsk, le 7 janvier 2022. ANDRIY DUBCHAK / AP", sg.CAPTION),
    ("Mark Esper, pendant la réunion ministérielle (Crédit : US Defence)", sg.CAPTION),
    ("US Secretary of State Antony Blinken in Stockholm. (Jonathan Nackstrand/Pool Photo via AP)", sg.CAPTION),
    ("Suivez les sujets qui vous intéressent", sg.FURNITURE),
    ("Cliquez ici pour lire l'article depuis sa source.", sg.FURNITURE),
    ("[La OTAN rectifica: ahora dice que sí contará con empresas españolas]", sg.FURNITURE),
    ("Accueil    International    Défense    Se connecter", sg.FURNITURE),
    ("1 2 3 … 12 Suivant", sg.FURNITURE),
    ("GUERRE EN UKRAINE", sg.BOUNDARY),
    ("* * *", sg.BOUNDARY),
])
def test_line_roles_from_their_own_features(line, role):
    assert role_of(line, before=TITLE + "\n\n" + PARA, after=PARA) == role


def test_a_ticker_of_glued_headlines_is_furniture():
    ticker = "    ".join(f"Titre numéro {i} de la colonne de droite" for i in range(20))
    assert role_of(ticker, after=TITLE + "\nPublié le 3 mars 2024\n" + PARA) == sg.FURNITURE


def test_lead_marker_makes_the_line_before_a_title():
    text = f"{TITLE}\n\n(B2) {PARA}\n\nUne autre analyse stratégique du sommet\n\n(B2) {PARA}\n"
    segs = sg.segment(text)
    assert [s.title_text for s in segs] == [TITLE, "Une autre analyse stratégique du sommet"]
    assert {s.source for s in segs} == {"B2"}


def test_read_more_with_title_confirms_the_title_and_is_not_an_article():
    text = f"Archives du mot-clé défense\n\n{TITLE}\n\nUn sous-titre sans point\n\nLire la suite {TITLE}\n"
    [seg] = sg.segment(text)
    assert seg.title_text == TITLE and seg.lead.text == "Un sous-titre sans point"


def test_subheading_inside_an_article_stays_in_the_body():
    text = f"{TITLE}\n\n{PARA}\n\nUne position commune difficile\n\n{PARA}\n"
    [seg] = sg.segment(text)
    assert [ln.text for ln in seg.body] == ["Une position commune difficile", PARA]


def test_caption_between_teasers_illustrates_the_next_article():
    text = (f"{TITLE}\n\n(B2) {PARA}\n\nLe ministre lors de la réunion (crédit : OTAN)\n\n"
            f"Le ministre turc sous pression\n\n(B2) {PARA}\n")
    first, second = sg.segment(text)
    assert not first.captions and [c.text for c in second.captions] == ["Le ministre lors de la réunion (crédit : OTAN)"]


def test_menu_lines_and_sidebar_lists_make_no_article():
    text = ("Accueil\nMonde\nEurope\n\n" + TITLE + "\nPublié le 4 mars 2024\n\n" + PARA + "\n\nLes plus lus\n"
            "1. Premier titre très lu de la semaine\n2. Deuxième titre très lu de la semaine\n"
            "3. Troisième titre très lu de la semaine\n")
    [seg] = sg.segment(text)
    assert seg.title_text == TITLE and [ln.text for ln in seg.body] == []


def test_slug_line_after_the_title_is_dropped():
    text = "L’OTAN divisée sur les plans de défense\n\nLOTAN divisee sur les plans de\n\n" + PARA
    [seg] = sg.segment(text)
    assert seg.lead.text == PARA and not seg.body


def test_repeated_lines_of_a_batch_are_furniture():
    text = f"Newsletter du matin offerte\n\n{TITLE}\n\n{PARA}\n"
    lines = sg.classify(text, repeated=frozenset({"newsletter du matin offerte"}))
    assert lines[0].role == sg.FURNITURE


def test_page_without_any_heading_is_one_article():
    [seg] = sg.segment(PARA + "\n" + PARA)
    assert seg.title.text == PARA


# --- properties -------------------------------------------------------------------------------

SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir())]


def same_text(line: sg.Line, raw: str) -> bool:
    """A line is its raw span; a reflowed paragraph (wrapped page) has the words of its span and a
    flat copy as long as the span."""
    if line.flat is None:
        return raw == line.text
    clean = pg.LINK_MARKER.sub("", raw)
    return len(line.flat) == len(raw) and all(w in clean or "à" in w for w in line.text.split())


def check_spans(text: str) -> None:
    segs = sg.segment(text)
    previous_end = 0
    for seg in segs:
        assert 0 <= seg.start <= seg.title.start < seg.title.end <= seg.end <= len(text)
        assert same_text(seg.title, text[seg.title.start:seg.title.end])
        assert seg.start >= previous_end
        previous_end = seg.end
        for ln in [*seg.text_lines(), *seg.captions, *seg.bylines]:
            assert same_text(ln, text[ln.start:ln.end])
    for record in extract_articles(text, {}):
        assert 0 <= record.char_start <= record.char_end <= len(text)
        span = " ".join(pg.LINK_MARKER.sub("", text[record.char_start:record.char_end]).split())
        assert all(w in span or "à" in w for w in record.title.split())
        for offset, part, _ in record.parts:  # what the extractors read maps back to the raw text
            assert len(part) == len(text[offset:offset + len(part)])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=3000))
def test_segment_never_crashes_and_spans_stay_inside(text):
    check_spans(text)


lines_strategy = st.lists(st.sampled_from([
    TITLE, PARA, "Publié le", "Lire la suite »", "(B2) " + PARA, "Crédit photo : AFP", "", "   ", "DÉFENSE",
    "Le 14 août 2023 à 11h54", "jeudi (27 juin)", "Suivez-nous", "* * *", "Par Jean Dupont", "\u202f",
    "Mark Esper lors de la conférence (Aurélie Pugnet)", "1. Titre de liste numéroté quelconque",
]), max_size=60)


@settings(max_examples=300, deadline=None)
@given(lines_strategy, st.sampled_from(["\n", "\n\n", "\r\n", "\r\n\r\n"]))
# A caption before a byline that closes an article stays in that article (it used to open the
# next one, whose span then started inside the first).
@example([TITLE, PARA, "Crédit photo : AFP", "Publié le", "Lire la suite »", TITLE, TITLE], "\n")
def test_segment_on_page_like_line_mixes(lines, sep):
    check_spans(sep.join(lines))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(SEED_TEXTS), st.lists(st.tuples(st.integers(0, 200), st.integers(0, 3)), max_size=12),
       st.data())
def test_segment_on_mutated_seed_pages(text, edits, data):
    lines = text.split("\n")
    for position, op in edits:
        i = position % max(1, len(lines))
        if op == 0 and lines:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[(i * 7) % len(lines)] if lines else "")
        elif op == 2 and lines:
            lines[i] = lines[i][: data.draw(st.integers(0, len(lines[i])))]
        else:
            lines.insert(i, data.draw(st.text(max_size=80)))
    check_spans("\n".join(lines))


def test_an_article_repeated_in_many_documents_keeps_its_title():
    from veille.importer.extract import repeated_lines

    def page(other: str) -> str:  # three different pages of one site reprint the same article
        return (f"Accueil du site\n\n{TITLE}\n\n{PARA * 3}\n\nUn autre sujet du jour\n\n{other * 5}\n\n"
                "Newsletter du matin offerte\n")

    pages = [page(f"Le texte numéro {i} de la page, bien plus long que les autres paragraphes. ") for i in range(3)]
    repeated = repeated_lines(pages)
    assert fold_of(TITLE) in repeated and fold_of("Newsletter du matin offerte") in repeated
    segs = sg.segment(pages[0], repeated)
    assert segs[0].title_text == TITLE
    assert "Newsletter du matin offerte" not in [ln.text for s in segs for ln in s.body]


def test_copies_of_one_page_do_not_make_its_lines_furniture():
    from veille.importer.extract import repeated_lines

    page = f"{TITLE}\n\nLOTAN divisee sur les plans\n\n{PARA * 3}\n"
    assert repeated_lines([page + f"\nMis à jour le {i} mars\n" for i in range(1, 6)]) == frozenset()


def fold_of(text: str) -> str:
    from veille.importer.text import fold

    return fold(text)


def wrapped_page() -> str:
    return (CORPUS / "fr_lynx_article.txt").read_text(encoding="utf-8")


def test_an_article_page_dumped_by_a_text_browser_is_one_article():
    text = wrapped_page()
    [seg] = sg.segment(text)
    assert seg.title_text == "Otan : les ministres de la Défense s'inquiètent de l'état des stocks de munitions européens"
    assert seg.source == "Le Courrier des Alliances" and seg.author == "Claire Dubois"
    assert seg.lead.text.startswith("Les ministres de la Défense des pays de l'Alliance atlantique")
    assert [ln.role for ln in seg.body] == [sg.BODY, sg.SUBHEADING, sg.BODY, sg.BODY]
    assert [c.text for c in seg.captions] == ["Des munitions d'artillerie dans un entrepôt en Allemagne, le 2 février "
                                              "2024. Photo : Jan Weber / AFP"]
    check_spans(text)


def test_flat_parts_of_a_wrapped_page_point_at_the_raw_text():
    text = wrapped_page()
    [record] = extract_articles(text, {})
    for offset, part, kind in record.parts:
        for word in ("Bruxelles", "Pologne", "Ukraine"):
            if (at := part.find(word)) >= 0:
                assert text[offset + at:offset + at + len(word)] == word, kind


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 400), st.sampled_from(["", "\n", "[3]", "   * Menu\n", "\n\n"])),
                max_size=10))
def test_segment_on_mutated_wrapped_pages(edits):
    text = wrapped_page()
    for position, insert in sorted(edits, reverse=True):
        at = position * len(text) // 400
        text = text[:at] + insert + text[at:]
    check_spans(text)


def article_page(byline: str) -> str:
    """A hard-wrapped article page with a byline under its headline."""
    para = ("   Les ministres de la Défense des pays de l'Alliance atlantique se sont\n"
            "   retrouvés jeudi à Bruxelles pour une réunion consacrée au soutien\n"
            "   militaire à l'Ukraine et à la production de munitions, au moment où les\n"
            "   stocks européens atteignent un niveau jugé préoccupant.")
    return ("     * Accueil\n     * International\n\nUne armée européenne en débat à Bruxelles après le sommet "
            f"de l'Otan\n\n   {byline}\n   Le 14 août 2023 à 11h54\n\n" + "\n\n".join([para] * 4) + "\n")


@pytest.mark.parametrize(("byline", "source"), [
    ("Par Le Parisien avec AFP", "Le Parisien"),   # the outlet signs with the agency
    ("Par 20 Minutes avec agence", "20 Minutes"),
    ("Par Claire Dubois avec AFP", None),          # a journalist is no outlet
])
def test_outlet_from_a_byline_with_an_agency(byline, source):
    [seg] = sg.segment(article_page(byline))
    assert seg.title_text == "Une armée européenne en débat à Bruxelles après le sommet de l'Otan"
    assert seg.source == source


@pytest.mark.parametrize(("dateline", "published"), [
    ("Updated 5:02 PM EST, Tue March 7, 2023 · Published 3:00 PM EST, Mon\n   March 6, 2023", "2023-03-06"),
    ("Publié le 14/08/2023 à 11h54, mis à jour le 15/08/2023 à 10h00", "2023-08-14"),
    ("Mis à jour le 15/08/2023 à 10h00", "2023-08-15"),  # only the update: the best evidence there is
    ("Stéphane Martin 30/12/2022 à 16:40, Mis à jour le 31/12/2022 à 09:12", "2022-12-30"),
])
def test_publication_is_kept_apart_from_update(dateline, published):
    text = article_page("Par Claire Dubois").replace("Le 14 août 2023 à 11h54", dateline)
    [record] = extract_articles(text, {})
    assert str(record.published_on) == published


PARAS = ("   The foreign ministers met in Vilnius on Tuesday to discuss air defence\n"
         "   and the next steps for the alliance, as several delegations asked for\n"
         "   firm commitments on the production of ammunition before the summer.")


def english_page(head: list[str], middle: list[str] = (), foot: list[str] = ()) -> str:
    return ("\n".join(head) + "\n\n   By Ana Petrova\n   Published 4 March 2024\n\n" + "\n\n".join([PARAS] * 3)
            + "\n\n" + "\n".join(middle) + "\n\n" + "\n\n".join([PARAS.replace("Tuesday", "Wednesday")] * 3)
            + "\n\n" + "\n".join(foot) + "\n")


HEADLINE = "Allies promise more air defence for the eastern flank after a long meeting"


def test_a_related_box_inside_the_text_does_not_end_the_article():
    [seg] = sg.segment(english_page([HEADLINE], ["Related articles", "", "     * Ferry strike ends after talks",
                                                  "     * Rail fares to rise in May"]))
    body = "\n".join(ln.text for ln in seg.body)
    assert "Wednesday" in body and "Ferry strike" not in body and "Related articles" not in body


def test_a_newsletter_pitch_is_not_body():
    pitch = ("   Sign up for our morning newsletter: the day's news delivered to your\n"
             "   inbox every morning. Cancel anytime.")
    [seg] = sg.segment(english_page([HEADLINE], [pitch]))
    assert not any("newsletter" in ln.text for ln in seg.body)


def test_a_gallery_caption_printed_twice_is_a_caption():
    cap = "   A drone is prepared for a flight near the border at dawn on Monday."
    [seg] = sg.segment(english_page([HEADLINE], [cap, "   3 of 12", cap]))
    assert not any("drone" in ln.text for ln in seg.body)
    assert any("drone" in ln.text for ln in seg.captions)


def test_a_subtitle_run_on_in_the_headline_block_is_the_lead():
    head = ["Surveillance des côtes : la région finance quatre radars pour les ports de",
            "pêche Les élus ont voté un plan de six millions d'euros malgré l'opposition"]
    [seg] = sg.segment(english_page(head))
    assert seg.title_text == "Surveillance des côtes : la région finance quatre radars pour les ports de pêche"
    assert seg.lead.text == "Les élus ont voté un plan de six millions d'euros malgré l'opposition"


@pytest.mark.parametrize(("head", "foot", "outlet"), [
    (["   BBC News", "", "   BBC News", "", HEADLINE], ["   © 2024 BBC. About the BBC"], "BBC News"),
    (["   Logo leJDD", "", HEADLINE], ["Télécharger l'application Le Journal du Dimanche"], "Le Journal du Dimanche"),
    ([HEADLINE], ["L'Hebdo des Territoires - Mentions légales - Contact"], "L'Hebdo des Territoires"),
    (["     * CNN Underscored", "     * CNN Underscored", HEADLINE], ["   © 2024 CNN"], "CNN"),  # a section
])
def test_the_outlet_in_its_fullest_form(head, foot, outlet):
    [seg] = sg.segment(english_page(head, foot=foot))
    assert seg.source == outlet


def test_a_title_case_headline_is_not_split():
    head = "Pentagon Says It Will Send More Troops to the Border As the Crisis Deepens in the Southern Region"
    ln = sg.Line(0, 0, len(head), head, sg.TITLE)
    assert sg._split_headline(ln) == (ln, None)


def test_a_list_of_other_stories_without_a_label_ends_the_article():
    """In a text browser's dump each headline of a list of other stories opens with its link
    marker: two such paragraphs in a row after the text end the article, label or not."""
    page = wrapped_page()
    others = page[page.index("Sur le même sujet"):page.index("   12 commentaires")]
    text = page.replace(others, (
        "Articles\n\n"
        "   [7]Des marins inspectent la coque d'une frégate dans le port de Toulon\n"
        "   avant son départ pour une mission d'escorte en mer Rouge, en mars.\n\n"
        "[8]Mer Rouge : les frégates européennes prolongent leur mission d'escorte\n"
        "jusqu'à la fin de l'été\n\n"
        "   [9]Des chars Abrams livrés à l'armée polonaise sur une base près de\n"
        "   Varsovie, lors d'une cérémonie en présence du ministre de la Défense.\n\n"
        "[10]Pologne : Varsovie commande deux cents chars supplémentaires\n\n"))
    [record] = extract_articles(text, {})
    assert "Les ministres doivent encore adopter" in record.body
    assert "Toulon" not in record.body and "Abrams" not in record.body and "deux cents chars" not in record.body
