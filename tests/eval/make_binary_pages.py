"""Make the binary test pages of tests/corpus from hand-written HTML (invented prose):

    .venv/bin/python tests/eval/make_binary_pages.py

- fr_printed_article.pdf: the French page printed to PDF by Chromium
  (`chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf=...`);
- en_saved_page.mhtml: the English page saved as one MHTML file (MIME multipart/related, the
  HTML part quoted-printable, one image part), as browsers save a page.
"""

from __future__ import annotations

import subprocess
import tempfile
from email.charset import QP, Charset
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

PRINTED = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Otan : les ministres de la Défense s'inquiètent de l'état des stocks de munitions - Le Courrier des Alliances</title>
<meta property="og:site_name" content="Le Courrier des Alliances">
<style>body{font-family:serif;max-width:16cm;margin:auto} nav,footer{font-size:80%}</style></head>
<body>
<nav>Accueil · International · Défense · Europe · Newsletters</nav>
<p class="kicker">DÉFENSE</p>
<h1>Otan : les ministres de la Défense s'inquiètent de l'état des stocks de munitions européens</h1>
<p class="byline">Par Claire Dubois<br>Publié le 14 mars 2024 à 11h54 · Mis à jour le 15 mars 2024 à 08h10</p>
<p><strong>Réunis jeudi à Bruxelles, les ministres ont demandé aux industriels d'augmenter leurs cadences avant la fin de l'année.</strong></p>
<p>Les ministres de la Défense des pays de l'Alliance atlantique se sont retrouvés jeudi à Bruxelles pour une réunion consacrée au soutien militaire à l'Ukraine et à la production de munitions, au moment où les stocks européens atteignent un niveau jugé préoccupant par plusieurs états-majors.</p>
<p>Le secrétaire général a rappelé que dix-huit pays membres consacreront cette année au moins 2 % de leur produit intérieur brut à la défense, contre trois seulement il y a dix ans. « C'est un progrès réel, mais il ne suffit pas face à un conflit de haute intensité », a-t-il déclaré devant la presse à l'issue de la première session.</p>
<p><a href="#">À lire aussi : Défense européenne : le grand retard des industriels face à la demande ukrainienne</a></p>
<h2>Une déclaration attendue vendredi</h2>
<p>Plusieurs délégations ont demandé que les industriels européens augmentent leurs cadences avant la fin de l'année. La Commission européenne prépare de son côté un nouveau programme de financement, dont le montant doit être discuté lors du prochain Conseil européen, au mois de juin.</p>
<p>Les ministres doivent encore adopter vendredi une déclaration commune sur la défense aérienne du flanc est, un dossier sur lequel la Pologne et les pays baltes réclament des engagements chiffrés et un calendrier précis.</p>
<aside><h3>Sur le même sujet</h3><ul><li>Mer Rouge : les frégates européennes prolongent leur mission d'escorte</li><li>Pologne : Varsovie commande deux cents chars supplémentaires</li></ul></aside>
<footer>© 2024 Le Courrier des Alliances - Tous droits réservés</footer>
</body></html>
"""

SAVED = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>NATO allies agree to pool air defence systems on the eastern flank | The Alliance Review</title>
<meta property="og:site_name" content="The Alliance Review">
<meta property="article:published_time" content="2024-03-14T09:30:00+01:00">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "NATO allies agree to pool air defence systems on the eastern flank", "datePublished": "2024-03-14T09:30:00+01:00", "publisher": {"@type": "Organization", "name": "The Alliance Review"}}</script>
</head><body>
<header><a href="/">The Alliance Review</a><nav><a>World</a> <a>Defence</a> <a>Europe</a> <a>Subscribe</a></nav></header>
<div class="cookie">We use cookies to improve your experience. <button>Accept</button></div>
<article>
<h1>NATO allies agree to pool air defence systems on the eastern flank</h1>
<p class="byline">By Sarah Collins</p><time datetime="2024-03-14">March 14, 2024</time>
<p>Defence ministers from NATO's eastern member states agreed on Thursday in Brussels to pool their air defence systems and to buy missiles together, a step several governments had resisted for years.</p>
<p>The agreement covers Poland, the three Baltic states, Romania and Slovakia, which will share radar data and coordinate their orders of interceptor missiles with the alliance's procurement agency.</p>
<p>Share this article</p>
<h2>A common order before the summer</h2>
<p>Officials said the first joint order could be signed before the summer summit, once parliaments have approved the financing. "We cannot afford to compete with each other for the same missiles," one minister told reporters.</p>
<p>Read more: Europe's defence industry struggles to keep pace</p>
</article>
<aside><h3>Most read</h3><ol><li>Red Sea: European frigates extend their escort mission</li><li>Poland orders two hundred more tanks</li></ol></aside>
<footer>© 2024 The Alliance Review. All rights reserved.</footer>
</body></html>
"""

PIXEL = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154"
                      "78da6364f8ff3f0003020180e1b2f1a40000000049454e44ae426082")


def make_pdf(out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "article.html"
        page.write_text(PRINTED, encoding="utf-8")
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--print-to-pdf={out}", page.as_uri()], check=True, capture_output=True, timeout=120)


def make_mhtml(out: Path) -> None:
    msg = MIMEMultipart("related", type="text/html")
    msg["From"] = "<Saved by Blink>"
    msg["Snapshot-Content-Location"] = "https://www.example.org/defence/nato-air-defence"
    msg["Subject"] = "NATO allies agree to pool air defence systems on the eastern flank"
    msg["Date"] = "Thu, 14 Mar 2024 12:00:00 -0000"
    charset = Charset("utf-8")
    charset.body_encoding = QP
    part = MIMEText(SAVED, "html", charset)
    part["Content-Location"] = "https://www.example.org/defence/nato-air-defence"
    msg.attach(part)
    image = MIMEImage(PIXEL, "png")
    image["Content-Location"] = "https://www.example.org/img/pixel.png"
    msg.attach(image)
    out.write_bytes(msg.as_bytes())


if __name__ == "__main__":
    make_pdf(CORPUS / "fr_printed_article.pdf")
    make_mhtml(CORPUS / "en_saved_page.mhtml")
