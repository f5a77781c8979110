"""Deterministic corpus of saved news pages for benchmarking veille's importer.

    python tests/bench/generate.py --articles N [--seed S] --out DIR [--manifest]

Writes pages of the layouts the importer meets (B2-style and WordPress listings, tag pages with
"Publié le", single articles with bylines and footer junk, agency dispatches, English listings and
articles) into DIR/000/p0000000.txt, DIR/000/p0000001.txt, … (1,000 files a folder) and prints
pages, articles, bytes and seconds. With --manifest it also writes DIR/manifest.jsonl: one line a
page with its layout, language and the articles a correct importer should find (title, language,
publication date, duplicate id).

From Python, `generate(n_articles, seed)` yields `Page`s, streaming: memory does not grow with n.
The same seed gives byte-identical pages. Exactly `n_articles` articles are emitted in all: each
page says how many articles it holds (`Page.articles`), the last page is cut short to hit n.

The text is invented from sentence templates (French and English, by event type: meetings,
sanctions, expulsions, aid, deployments, accusations, threats, agreements, attacks, visits,
statements) filled with actors drawn from a Zipf distribution (exponent 1.1) over about 250
countries, organisations and people, so a few actors (NATO, the United States, Russia, Ukraine,
the EU, France) are everywhere and most are rare. Dates run over 2019-2026; every yearless date
with a weekday ("lundi 10 janvier", "Monday, March 3") is computed from a real calendar date and
recorded in `Page.weekday_dates`. About 5 % of articles reappear on a later page (same title and
body, other furniture around them, a third of them with one sentence changed); a reappearance
keeps the `uid` of its original.

Standard library only.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import re
import sys
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from random import Random

__all__ = ["ArticleInfo", "Page", "LAYOUTS", "generate", "ACTORS", "write_corpus"]

# --------------------------------------------------------------------------------------------
# Calendar words

FR_MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
FR_DAYS = "lundi mardi mercredi jeudi vendredi samedi dimanche".split()
EN_MONTHS = "January February March April May June July August September October November December".split()
EN_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()

_MONTH_WORDS = frozenset(FR_MONTHS + EN_MONTHS)

FIRST_DAY = dt.date(2019, 1, 1)
LAST_DAY = dt.date(2026, 12, 31)
SPAN_DAYS = (LAST_DAY - FIRST_DAY).days

# --------------------------------------------------------------------------------------------
# Actors. Entities: "kind|French variants|English variants", a French variant is "name:class"
# (class f: la, m: le, p: les, v: l', n: no article), an English variant is "name" or "name:p"
# (plural verb). The first variant is the canonical name. People: gender, French name, French
# role, English role, then optional English name and surnames (default: the last word).

_HEAD = [  # the six very frequent actors, in rank order
    "o|OTAN:v;Otan:v;Alliance atlantique:v|NATO;the Atlantic Alliance",
    "c|États-Unis:p;Washington:n|the United States;the US;Washington",
    "c|Russie:f;Moscou:n|Russia;Moscow",
    "c|Ukraine:v;Kiev:n;Kyiv:n|Ukraine;Kyiv",
    "o|UE:v;Union européenne:v;Vingt-Sept:p|the EU;the European Union;Brussels",
    "c|France:f;Paris:n|France;Paris",
]
_COUNTRIES = [  # roughly by how often they are in the news
    "c|Chine:f;Pékin:n|China;Beijing", "c|Allemagne:v;Berlin:n|Germany;Berlin",
    "c|Royaume-Uni:m;Londres:n|the United Kingdom;Britain;London", "c|Iran:v;Téhéran:n|Iran;Tehran",
    "c|Israël:n|Israel", "c|Turquie:f;Ankara:n|Turkey;Ankara", "c|Pologne:f;Varsovie:n|Poland;Warsaw",
    "c|Biélorussie:f;Minsk:n|Belarus;Minsk", "c|Syrie:f;Damas:n|Syria;Damascus", "c|Italie:v;Rome:n|Italy;Rome",
    "c|Hongrie:f;Budapest:n|Hungary;Budapest", "c|Suède:f;Stockholm:n|Sweden;Stockholm",
    "c|Finlande:f;Helsinki:n|Finland;Helsinki", "c|Corée du Nord:f;Pyongyang:n|North Korea;Pyongyang",
    "c|Japon:m;Tokyo:n|Japan;Tokyo", "c|Inde:v;New Delhi:n|India;New Delhi", "c|Liban:m;Beyrouth:n|Lebanon;Beirut",
    "c|Mali:m;Bamako:n|Mali;Bamako", "c|Niger:m;Niamey:n|Niger;Niamey", "c|Espagne:v;Madrid:n|Spain;Madrid",
    "c|Géorgie:f;Tbilissi:n|Georgia;Tbilisi", "c|Moldavie:f;Chisinau:n|Moldova;Chisinau",
    "c|Arménie:v;Erevan:n|Armenia;Yerevan", "c|Azerbaïdjan:v;Bakou:n|Azerbaijan;Baku",
    "c|Taïwan:n;Taipei:n|Taiwan;Taipei", "c|Afghanistan:v;Kaboul:n|Afghanistan;Kabul",
    "c|Irak:v;Bagdad:n|Iraq;Baghdad", "c|Arabie saoudite:v;Riyad:n|Saudi Arabia;Riyadh",
    "c|Égypte:v;Le Caire:n|Egypt;Cairo", "c|Qatar:m;Doha:n|Qatar;Doha", "c|Lituanie:f;Vilnius:n|Lithuania;Vilnius",
    "c|Lettonie:f;Riga:n|Latvia;Riga", "c|Estonie:v;Tallinn:n|Estonia;Tallinn", "c|Roumanie:f;Bucarest:n|Romania;Bucharest",
    "c|Bulgarie:f;Sofia:n|Bulgaria;Sofia", "c|Pays-Bas:p;La Haye:n|the Netherlands;The Hague",
    "c|Belgique:f|Belgium", "c|Danemark:m;Copenhague:n|Denmark;Copenhagen", "c|Norvège:f;Oslo:n|Norway;Oslo",
    "c|Grèce:f;Athènes:n|Greece;Athens", "c|Serbie:f;Belgrade:n|Serbia;Belgrade", "c|Kosovo:m|Kosovo",
    "c|Canada:m;Ottawa:n|Canada;Ottawa", "c|Australie:v;Canberra:n|Australia;Canberra",
    "c|Corée du Sud:f;Séoul:n|South Korea;Seoul", "c|Brésil:m;Brasilia:n|Brazil;Brasilia",
    "c|Afrique du Sud:v;Pretoria:n|South Africa;Pretoria", "c|Algérie:v;Alger:n|Algeria;Algiers",
    "c|Maroc:m;Rabat:n|Morocco;Rabat", "c|Burkina Faso:m;Ouagadougou:n|Burkina Faso;Ouagadougou",
    "c|Tchad:m;N'Djamena:n|Chad;N'Djamena", "c|Soudan:m;Khartoum:n|Sudan;Khartoum",
    "c|Libye:f;Tripoli:n|Libya;Tripoli", "c|Yémen:m;Sanaa:n|Yemen;Sanaa", "c|Émirats arabes unis:p;Abou Dhabi:n|the United Arab Emirates;Abu Dhabi",
    "c|Jordanie:f;Amman:n|Jordan;Amman", "c|Pakistan:m;Islamabad:n|Pakistan;Islamabad",
    "c|Venezuela:m;Caracas:n|Venezuela;Caracas", "c|Mexique:m;Mexico:n|Mexico;Mexico City",
    "c|Cuba:n;La Havane:n|Cuba;Havana", "c|Groenland:m;Nuuk:n|Greenland;Nuuk", "c|Chypre:n;Nicosie:n|Cyprus;Nicosia",
    "c|République tchèque:f;Prague:n|the Czech Republic;Prague", "c|Slovaquie:f;Bratislava:n|Slovakia;Bratislava",
    "c|Autriche:v;Vienne:n|Austria;Vienna", "c|Suisse:f;Berne:n|Switzerland;Bern", "c|Portugal:m;Lisbonne:n|Portugal;Lisbon",
    "c|Irlande:v;Dublin:n|Ireland;Dublin", "c|Croatie:f;Zagreb:n|Croatia;Zagreb", "c|Bosnie-Herzégovine:f;Sarajevo:n|Bosnia and Herzegovina;Sarajevo",
    "c|Monténégro:m;Podgorica:n|Montenegro;Podgorica", "c|Macédoine du Nord:f;Skopje:n|North Macedonia;Skopje",
    "c|Albanie:v;Tirana:n|Albania;Tirana", "c|Kazakhstan:m;Astana:n|Kazakhstan;Astana",
    "c|Ouzbékistan:v;Tachkent:n|Uzbekistan;Tashkent", "c|Éthiopie:v;Addis-Abeba:n|Ethiopia;Addis Ababa",
    "c|Somalie:f;Mogadiscio:n|Somalia;Mogadishu", "c|Nigeria:m;Abuja:n|Nigeria;Abuja", "c|Sénégal:m;Dakar:n|Senegal;Dakar",
    "c|Côte d'Ivoire:f;Abidjan:n|Ivory Coast;Abidjan", "c|République démocratique du Congo:f;Kinshasa:n|the Democratic Republic of Congo;Kinshasa",
    "c|Rwanda:m;Kigali:n|Rwanda;Kigali", "c|Centrafrique:f;Bangui:n|the Central African Republic;Bangui",
    "c|Mauritanie:f;Nouakchott:n|Mauritania;Nouakchott", "c|Tunisie:f;Tunis:n|Tunisia;Tunis",
    "c|Philippines:p;Manille:n|the Philippines;Manila", "c|Vietnam:m;Hanoï:n|Vietnam;Hanoi",
    "c|Indonésie:v;Jakarta:n|Indonesia;Jakarta", "c|Singapour:n|Singapore", "c|Islande:v;Reykjavik:n|Iceland;Reykjavik",
]
_ORGS = [
    "o|ONU:v;Nations unies:p|the UN;the United Nations", "o|Kremlin:m|the Kremlin",
    "o|Commission européenne:f|the European Commission", "o|Maison-Blanche:f|the White House",
    "o|Pentagone:m|the Pentagon", "o|Conseil de sécurité de l'ONU:m|the UN Security Council",
    "o|AIEA:v;Agence internationale de l'énergie atomique:v|the IAEA;the International Atomic Energy Agency",
    "o|Hamas:m|Hamas", "o|G7:m|the G7", "o|Hezbollah:m|Hezbollah", "o|OSCE:v|the OSCE",
    "o|Parlement européen:m|the European Parliament", "o|Conseil européen:m|the European Council",
    "o|Cédéao:f|Ecowas", "o|houthis:p|the Houthis:p", "o|groupe Wagner:m|the Wagner Group",
    "o|talibans:p|the Taliban:p", "o|G20:m|the G20", "o|Union africaine:v|the African Union",
    "o|FMI:m;Fonds monétaire international:m|the IMF;the International Monetary Fund",
    "o|CPI:f;Cour pénale internationale:f|the ICC;the International Criminal Court",
    "o|Ligue arabe:f|the Arab League", "o|Banque mondiale:f|the World Bank",
    "o|Agence européenne de défense:v|the European Defence Agency", "o|Frontex:n|Frontex",
    "o|Gardiens de la révolution:p|the Revolutionary Guards:p", "o|Quai d'Orsay:m|the French foreign ministry",
    "o|Brics:p|the Brics:p", "o|Asean:v|Asean", "o|OTSC:v|the CSTO",
    "o|Organisation de coopération de Shanghai:v|the Shanghai Cooperation Organisation",
    "o|Tsahal:n|the Israeli army", "o|Europol:n|Europol", "o|OPEP:v|Opec", "o|HCR:m|the UNHCR",
    "o|CICR:m|the ICRC", "o|Service européen pour l'action extérieure:m|the European External Action Service",
    "o|Forces de soutien rapide:p|the Rapid Support Forces:p", "o|Conseil OTAN-Russie:m|the NATO-Russia Council",
]

# People: gender, French name, French role, English role, [English name], [French surname], [English surname]
_PEOPLE = [
    ("m", "Volodymyr Zelensky", "président ukrainien", "Ukrainian President"),
    ("m", "Vladimir Poutine", "président russe", "Russian President", "Vladimir Putin"),
    ("m", "Jens Stoltenberg", "secrétaire général de l'OTAN", "NATO Secretary General"),
    ("m", "Emmanuel Macron", "président français", "French President"),
    ("m", "Joe Biden", "président américain", "US President"),
    ("m", "Donald Trump", "président américain", "US President"),
    ("m", "Antony Blinken", "secrétaire d'État américain", "US Secretary of State"),
    ("m", "Sergueï Lavrov", "ministre russe des Affaires étrangères", "Russian Foreign Minister", "Sergei Lavrov"),
    ("m", "Mark Rutte", "secrétaire général de l'OTAN", "NATO Secretary General"),
    ("f", "Ursula von der Leyen", "présidente de la Commission européenne", "European Commission President", None, "von der Leyen"),
    ("m", "Josep Borrell", "chef de la diplomatie européenne", "EU foreign policy chief"),
    ("m", "Olaf Scholz", "chancelier allemand", "German Chancellor"),
    ("m", "Xi Jinping", "président chinois", "Chinese President", None, "Xi"),
    ("m", "Recep Tayyip Erdogan", "président turc", "Turkish President"),
    ("m", "Benyamin Netanyahou", "Premier ministre israélien", "Israeli Prime Minister", "Benjamin Netanyahu"),
    ("m", "Dmitri Peskov", "porte-parole du Kremlin", "Kremlin spokesman", "Dmitry Peskov"),
    ("f", "Kaja Kallas", "haute représentante de l'UE", "EU foreign policy chief"),
    ("m", "Lloyd Austin", "secrétaire américain à la Défense", "US Defence Secretary"),
    ("m", "Sébastien Lecornu", "ministre des Armées", "French Armed Forces Minister"),
    ("f", "Annalena Baerbock", "ministre allemande des Affaires étrangères", "German Foreign Minister"),
    ("m", "Boris Pistorius", "ministre allemand de la Défense", "German Defence Minister"),
    ("m", "Friedrich Merz", "chancelier allemand", "German Chancellor"),
    ("m", "Keir Starmer", "Premier ministre britannique", "British Prime Minister"),
    ("m", "Rishi Sunak", "Premier ministre britannique", "British Prime Minister"),
    ("f", "Giorgia Meloni", "présidente du Conseil italien", "Italian Prime Minister"),
    ("m", "Viktor Orban", "Premier ministre hongrois", "Hungarian Prime Minister"),
    ("m", "Andrzej Duda", "président polonais", "Polish President"),
    ("m", "Donald Tusk", "Premier ministre polonais", "Polish Prime Minister"),
    ("m", "Rafael Grossi", "directeur général de l'AIEA", "IAEA Director General"),
    ("m", "António Guterres", "secrétaire général de l'ONU", "UN Secretary General"),
    ("m", "Ali Khamenei", "guide suprême iranien", "Iranian Supreme Leader"),
    ("m", "Ebrahim Raïssi", "président iranien", "Iranian President", "Ebrahim Raisi"),
    ("m", "Massoud Pezeshkian", "président iranien", "Iranian President", "Masoud Pezeshkian"),
    ("m", "Abbas Araghchi", "ministre iranien des Affaires étrangères", "Iranian Foreign Minister"),
    ("m", "Charles Michel", "président du Conseil européen", "European Council President"),
    ("m", "António Costa", "président du Conseil européen", "European Council President"),
    ("m", "Dmytro Kouleba", "ministre ukrainien des Affaires étrangères", "Ukrainian Foreign Minister", "Dmytro Kuleba"),
    ("m", "Andriï Sybiha", "ministre ukrainien des Affaires étrangères", "Ukrainian Foreign Minister", "Andrii Sybiha"),
    ("m", "Oleksiï Reznikov", "ministre ukrainien de la Défense", "Ukrainian Defence Minister", "Oleksii Reznikov"),
    ("m", "Roustem Oumerov", "ministre ukrainien de la Défense", "Ukrainian Defence Minister", "Rustem Umerov"),
    ("m", "Sergueï Choïgou", "ministre russe de la Défense", "Russian Defence Minister", "Sergei Shoigu"),
    ("m", "Andreï Belooussov", "ministre russe de la Défense", "Russian Defence Minister", "Andrei Belousov"),
    ("m", "Dmitri Medvedev", "vice-président du Conseil de sécurité russe", "Russian Security Council deputy chairman", "Dmitry Medvedev"),
    ("m", "Alexandre Loukachenko", "président biélorusse", "Belarusian President", "Alexander Lukashenko"),
    ("m", "Kim Jong-un", "dirigeant nord-coréen", "North Korean leader", None, "Kim"),
    ("m", "Narendra Modi", "Premier ministre indien", "Indian Prime Minister"),
    ("m", "Mohammed ben Salmane", "prince héritier saoudien", "Saudi Crown Prince", "Mohammed bin Salman", "ben Salmane", "bin Salman"),
    ("m", "Abdel Fattah al-Sissi", "président égyptien", "Egyptian President", "Abdel Fattah al-Sisi"),
    ("m", "Mahmoud Abbas", "président de l'Autorité palestinienne", "Palestinian Authority President"),
    ("m", "Yoav Gallant", "ministre israélien de la Défense", "Israeli Defence Minister"),
    ("m", "Ismaïl Haniyeh", "chef politique du Hamas", "Hamas political leader", "Ismail Haniyeh"),
    ("m", "Hassan Nasrallah", "chef du Hezbollah", "Hezbollah leader"),
    ("m", "Bachar al-Assad", "président syrien", "Syrian President", "Bashar al-Assad", "al-Assad", "al-Assad"),
    ("m", "Ahmed al-Charaa", "président syrien par intérim", "Syrian interim President", "Ahmed al-Sharaa", "al-Charaa", "al-Sharaa"),
    ("m", "Pedro Sánchez", "chef du gouvernement espagnol", "Spanish Prime Minister"),
    ("f", "Mette Frederiksen", "Première ministre danoise", "Danish Prime Minister"),
    ("m", "Ulf Kristersson", "Premier ministre suédois", "Swedish Prime Minister"),
    ("m", "Alexander Stubb", "président finlandais", "Finnish President"),
    ("m", "Sauli Niinistö", "président finlandais", "Finnish President"),
    ("m", "Gitanas Nauseda", "président lituanien", "Lithuanian President"),
    ("f", "Maia Sandu", "présidente moldave", "Moldovan President"),
    ("m", "Nikol Pachinian", "Premier ministre arménien", "Armenian Prime Minister", "Nikol Pashinyan"),
    ("m", "Ilham Aliev", "président azerbaïdjanais", "Azerbaijani President", "Ilham Aliyev"),
    ("m", "Kassym-Jomart Tokaïev", "président kazakh", "Kazakh President", "Kassym-Jomart Tokayev"),
    ("m", "Luiz Inácio Lula da Silva", "président brésilien", "Brazilian President", None, "Lula", "Lula"),
    ("m", "Cyril Ramaphosa", "président sud-africain", "South African President"),
    ("m", "Bola Tinubu", "président nigérian", "Nigerian President"),
    ("m", "Assimi Goïta", "chef de la junte malienne", "head of Mali's junta", "Assimi Goita"),
    ("m", "Abdourahamane Tiani", "chef de la junte nigérienne", "head of Niger's junta", "Abdourahamane Tchiani"),
    ("m", "Ibrahim Traoré", "chef de la junte burkinabè", "head of Burkina Faso's junta"),
    ("m", "Mohamed Bazoum", "président nigérien renversé", "ousted Nigerien President"),
    ("m", "Fumio Kishida", "Premier ministre japonais", "Japanese Prime Minister"),
    ("m", "Shigeru Ishiba", "Premier ministre japonais", "Japanese Prime Minister"),
    ("f", "Sanae Takaichi", "Première ministre japonaise", "Japanese Prime Minister"),
    ("m", "Yoon Suk-yeol", "président sud-coréen", "South Korean President", None, "Yoon", "Yoon"),
    ("m", "Lee Jae-myung", "président sud-coréen", "South Korean President", None, "Lee", "Lee"),
    ("m", "Lai Ching-te", "président taïwanais", "Taiwanese President", None, "Lai", "Lai"),
    ("f", "Tsai Ing-wen", "présidente taïwanaise", "Taiwanese President", None, "Tsai", "Tsai"),
    ("m", "Wang Yi", "ministre chinois des Affaires étrangères", "Chinese Foreign Minister", None, "Wang", "Wang"),
    ("m", "Jake Sullivan", "conseiller américain à la sécurité nationale", "US National Security Adviser"),
    ("m", "Marco Rubio", "secrétaire d'État américain", "US Secretary of State"),
    ("m", "Pete Hegseth", "secrétaire américain à la Défense", "US Defence Secretary"),
    ("m", "Thierry Breton", "commissaire européen au Marché intérieur", "EU Internal Market Commissioner"),
    ("m", "Andrius Kubilius", "commissaire européen à la Défense", "EU Defence Commissioner"),
    ("f", "Roberta Metsola", "présidente du Parlement européen", "European Parliament President"),
    ("m", "Mark Esper", "secrétaire américain à la Défense", "US Defence Secretary"),
    ("m", "Mike Pompeo", "secrétaire d'État américain", "US Secretary of State"),
    ("f", "Florence Parly", "ministre des Armées", "French Armed Forces Minister"),
    ("m", "Jean-Yves Le Drian", "ministre des Affaires étrangères", "French Foreign Minister", None, "Le Drian", "Le Drian"),
    ("f", "Catherine Colonna", "ministre des Affaires étrangères", "French Foreign Minister"),
    ("m", "Jean-Noël Barrot", "ministre des Affaires étrangères", "French Foreign Minister"),
    ("f", "Liz Truss", "ministre britannique des Affaires étrangères", "British Foreign Secretary"),
    ("m", "David Cameron", "ministre britannique des Affaires étrangères", "British Foreign Secretary"),
    ("m", "Ben Wallace", "ministre britannique de la Défense", "British Defence Secretary"),
    ("m", "John Healey", "ministre britannique de la Défense", "British Defence Secretary"),
    ("m", "Valeri Zaloujny", "commandant en chef de l'armée ukrainienne", "Ukrainian commander-in-chief", "Valerii Zaluzhnyi"),
    ("m", "Oleksandr Syrsky", "commandant en chef de l'armée ukrainienne", "Ukrainian commander-in-chief"),
    ("m", "Evgueni Prigojine", "chef du groupe Wagner", "Wagner chief", "Yevgeny Prigozhin"),
    ("m", "Alexeï Navalny", "opposant russe", "Russian opposition leader", "Alexei Navalny"),
    ("f", "Kristalina Georgieva", "directrice générale du FMI", "IMF Managing Director"),
    ("f", "Delcy Rodríguez", "présidente par intérim du Venezuela", "Venezuelan interim President"),
    ("m", "Nicolás Maduro", "président vénézuélien", "Venezuelan President"),
    ("f", "Claudia Sheinbaum", "présidente mexicaine", "Mexican President"),
    ("m", "Justin Trudeau", "Premier ministre canadien", "Canadian Prime Minister"),
    ("m", "Mark Carney", "Premier ministre canadien", "Canadian Prime Minister"),
    ("m", "Anthony Albanese", "Premier ministre australien", "Australian Prime Minister"),
    ("m", "Abdel Fattah al-Burhane", "chef de l'armée soudanaise", "Sudanese army chief", "Abdel Fattah al-Burhan"),
    ("m", "Mohamed Hamdan Daglo", "chef des Forces de soutien rapide", "Rapid Support Forces commander"),
    ("m", "Abiy Ahmed", "Premier ministre éthiopien", "Ethiopian Prime Minister", None, "Abiy", "Abiy"),
    ("m", "Félix Tshisekedi", "président congolais", "Congolese President"),
    ("m", "Paul Kagame", "président rwandais", "Rwandan President"),
    ("m", "Aharon Haliva", "chef du renseignement militaire israélien", "Israeli military intelligence chief"),
    ("m", "Herzi Halevi", "chef d'état-major israélien", "Israeli army chief of staff"),
    ("m", "Christopher Cavoli", "commandant suprême des forces alliées en Europe", "Supreme Allied Commander Europe"),
    ("m", "Thierry Burkhard", "chef d'état-major des armées", "French chief of defence staff"),
    # invented people: spokespeople, researchers, officials
    ("f", "Hélène Ferrand", "chercheuse", "researcher"),
    ("m", "Marc-Olivier Duclos", "ancien ambassadeur", "former ambassador"),
    ("f", "Anna Lindqvist", "analyste suédoise", "Swedish analyst"),
    ("m", "Tomasz Wierzbicki", "expert polonais", "Polish expert"),
    ("m", "Julien Mercadier", "chercheur", "researcher"),
    ("f", "Katarzyna Nowak", "eurodéputée", "MEP"),
    ("m", "Pieter van Dijk", "eurodéputé néerlandais", "Dutch MEP", None, "van Dijk", "van Dijk"),
    ("f", "Ioana Petrescu", "porte-parole du ministère roumain de la Défense", "Romanian defence ministry spokeswoman"),
    ("m", "Giorgi Beridze", "négociateur géorgien", "Georgian negotiator"),
    ("m", "Samuel Okonjo", "porte-parole de la Cédéao", "Ecowas spokesman"),
    ("f", "Léa Castagné", "porte-parole de l'état-major", "French military spokeswoman"),
    ("m", "Daniel Hartmann", "analyste allemand", "German analyst"),
    ("f", "Sarah Whitcombe", "chercheuse britannique", "British researcher"),
    ("m", "Mikhaïl Orlov", "porte-parole du ministère russe de la Défense", "Russian defence ministry spokesman", "Mikhail Orlov"),
    ("f", "Yana Kovalenko", "porte-parole de l'armée ukrainienne", "Ukrainian army spokeswoman"),
    ("m", "Farid Benali", "chercheur", "researcher"),
    ("f", "Noura El-Khatib", "porte-parole de la Ligue arabe", "Arab League spokeswoman"),
    ("m", "Henrik Solberg", "ambassadeur norvégien auprès de l'OTAN", "Norwegian ambassador to NATO"),
    ("f", "Chloé Vautrin", "porte-parole du ministère des Armées", "French defence ministry spokeswoman"),
    ("m", "Oleksandr Hrytsenko", "gouverneur régional", "regional governor"),
    ("f", "Amina Diallo", "représentante spéciale de l'ONU", "UN special representative"),
    ("m", "Rasmus Lindberg", "général danois", "Danish general"),
    ("f", "Marta Zielinska", "vice-ministre polonaise de la Défense", "Polish deputy defence minister"),
    ("m", "Václav Hruby", "diplomate tchèque", "Czech diplomat"),
]

_VOWELS = "AEIOUÉÈÊÂÎÔaeiouéèêâîôh"


@dataclass(frozen=True, slots=True, eq=False)  # identity hash: actors are drawn and compared a lot
class Form:
    """One way of naming an actor: nominal, "de …", "à …" and locative forms, and number."""

    nom: str
    de: str
    a: str
    en_loc: str   # French locative ("en Pologne", "au Mali", "aux États-Unis", "à Chypre"); English: "in X"
    bare: str
    plural: bool


@dataclass(frozen=True, slots=True, eq=False)  # identity hash: actors are drawn and compared a lot
class Actor:
    key: str          # canonical name (English), what the records name
    kind: str         # "country", "org", "person"
    rank: int
    fr: tuple[Form, ...]
    en: tuple[Form, ...]
    gender: str = "m"
    fr_full: str = ""
    fr_short: str = ""
    en_full: str = ""
    en_short: str = ""
    fr_role: str = ""
    en_role: str = ""


def _fr_form(spec: str) -> Form:
    name, cls = spec.rsplit(":", 1)
    elide = name[0] in _VOWELS
    if cls == "f":
        nom, de, a, loc = f"la {name}", f"de la {name}", f"à la {name}", f"en {name}"
    elif cls == "m":
        nom, de, a = f"le {name}", f"du {name}", f"au {name}"
        loc = f"en {name}" if elide else f"au {name}"
    elif cls == "p":
        nom, de, a, loc = f"les {name}", f"des {name}", f"aux {name}", f"aux {name}"
    elif cls == "v":
        nom, de, a, loc = f"l'{name}", f"de l'{name}", f"à l'{name}", f"en {name}"
    else:  # no article
        nom, a, loc = name, f"à {name}", (f"en {name}" if name == "Israël" else f"à {name}")
        de = f"d'{name}" if elide else f"de {name}"
    return Form(nom, de, a, loc, name, cls == "p")


def _en_form(spec: str) -> Form:
    name, plural = (spec[:-2], True) if spec.endswith(":p") else (spec, False)
    bare = name[4:] if name.startswith("the ") else name
    return Form(name, f"of {name}", f"to {name}", f"in {name}", bare, plural)


def _build_actors() -> tuple[Actor, ...]:
    def entity(spec: str, rank: int) -> Actor:
        kind, fr, en = spec.split("|")
        en_forms = tuple(_en_form(s) for s in en.split(";"))
        return Actor(en_forms[0].bare if kind == "c" else en_forms[0].nom.removeprefix("the "),
                     "country" if kind == "c" else "org", rank,
                     tuple(_fr_form(s) for s in fr.split(";")), en_forms)

    def person(row: tuple, rank: int) -> Actor:
        gender, fr_full, fr_role, en_role, *rest = row
        en_full = rest[0] if rest and rest[0] else fr_full
        fr_short = rest[1] if len(rest) > 1 else fr_full.split()[-1]
        en_short = rest[2] if len(rest) > 2 else (fr_short if en_full == fr_full else en_full.split()[-1])
        return Actor(en_full, "person", rank, (), (), gender, fr_full, fr_short, en_full, en_short, fr_role, en_role)

    ordered: list = list(_HEAD)
    # the tail: interleave countries, people and organisations, each list in its own rough order
    queues = [deque(_COUNTRIES), deque(_PEOPLE), deque(_ORGS)]
    pattern = (0, 1, 0, 1, 2, 1, 0, 1, 2)
    while any(queues):
        for q in pattern:
            if queues[q]:
                ordered.append(queues[q].popleft())
    return tuple(entity(x, r) if isinstance(x, str) else person(x, r) for r, x in enumerate(ordered, 1))


ACTORS: tuple[Actor, ...] = _build_actors()
ZIPF_EXPONENT = 1.1


class _Zipf:
    """Draws from a subset of ACTORS with probability proportional to 1 / global_rank ** 1.1."""

    def __init__(self, actors: list[Actor]):
        self.actors = actors
        self.cum: list[float] = []
        total = 0.0
        for a in actors:
            total += a.rank ** -ZIPF_EXPONENT
            self.cum.append(total)
        self.total = total

    def draw(self, rng: Random) -> Actor:
        return self.actors[bisect.bisect_right(self.cum, rng.random() * self.total)]


_ENTITIES = _Zipf([a for a in ACTORS if a.kind != "person"])
_COUNTRY_Z = _Zipf([a for a in ACTORS if a.kind == "country"])
_PEOPLE_Z = _Zipf([a for a in ACTORS if a.kind == "person"])

# --------------------------------------------------------------------------------------------
# Word lists

CITIES_FR = ["Bruxelles", "Genève", "Vienne", "Washington", "Moscou", "Paris", "Berlin", "Londres", "Kiev",
             "Varsovie", "Ankara", "Pékin", "Vilnius", "Madrid", "Rome", "La Haye", "Munich", "Helsinki",
             "Stockholm", "Riga", "Bucarest", "Tallinn", "Istanbul", "Doha", "Riyad", "New York", "Tokyo",
             "New Delhi", "Bamako", "Niamey", "Abuja", "Addis-Abeba", "Jérusalem", "Téhéran", "Bakou",
             "Erevan", "Tbilissi", "Chisinau", "Prague", "Oslo"]
CITIES_EN = ["Brussels", "Geneva", "Vienna", "Washington", "Moscow", "Paris", "Berlin", "London", "Kyiv",
             "Warsaw", "Ankara", "Beijing", "Vilnius", "Madrid", "Rome", "The Hague", "Munich", "Helsinki",
             "Stockholm", "Riga", "Bucharest", "Tallinn", "Istanbul", "Doha", "Riyadh", "New York", "Tokyo",
             "New Delhi", "Bamako", "Niamey", "Abuja", "Addis Ababa", "Jerusalem", "Tehran", "Baku",
             "Yerevan", "Tbilisi", "Chisinau", "Prague", "Oslo"]
FRONT_FR = ["Kharkiv", "Odessa", "Zaporijjia", "Kherson", "Donetsk", "Dnipro", "Bakhmout", "Belgorod", "Koursk",
            "Gaza", "Khan Younès", "Rafah", "Tyr", "Alep", "Idleb", "Goma", "Gao", "Tombouctou", "El-Facher",
            "Hodeïda", "Mykolaïv", "Soumy"]
FRONT_EN = ["Kharkiv", "Odesa", "Zaporizhzhia", "Kherson", "Donetsk", "Dnipro", "Bakhmut", "Belgorod", "Kursk",
            "Gaza", "Khan Younis", "Rafah", "Tyre", "Aleppo", "Idlib", "Goma", "Gao", "Timbuktu", "El Fasher",
            "Hodeidah", "Mykolaiv", "Sumy"]
DATELINE_PLACES = ["BRUXELLES", "KIEV", "MOSCOU", "WASHINGTON", "PARIS", "BERLIN", "VIENNE", "GENÈVE",
                   "JÉRUSALEM", "BEYROUTH", "NEW YORK", "LONDRES", "ANKARA", "VARSOVIE", "PÉKIN", "TÉHÉRAN",
                   "BAMAKO", "NIAMEY", "DAKAR", "ODESSA", "VILNIUS", "LA HAYE", "TBILISSI"]
TOPICS_FR = ["la guerre en Ukraine", "le programme nucléaire iranien", "la sécurité en mer Noire",
             "l'élargissement de l'Alliance", "la situation au Sahel", "la défense antimissile",
             "les avoirs russes gelés", "la crise au Proche-Orient", "la sécurité énergétique",
             "le contrôle des armements", "la cybersécurité", "la situation dans le détroit de Taïwan",
             "l'industrie de défense européenne", "la présence militaire dans l'Arctique",
             "la stabilité des Balkans occidentaux", "la lutte contre le terrorisme", "la sécurité en mer Rouge",
             "les migrations en Méditerranée", "le Haut-Karabakh", "la sécurité alimentaire",
             "la reconstruction de l'Ukraine", "le partage du fardeau au sein de l'Alliance"]
TOPICS_EN = ["the war in Ukraine", "Iran's nuclear programme", "security in the Black Sea", "NATO enlargement",
             "the situation in the Sahel", "missile defence", "frozen Russian assets", "the Middle East crisis",
             "energy security", "arms control", "cyber security", "tensions in the Taiwan Strait",
             "the European defence industry", "the military presence in the Arctic",
             "stability in the Western Balkans", "counter-terrorism", "shipping in the Red Sea",
             "migration across the Mediterranean", "food security", "the reconstruction of Ukraine",
             "burden sharing within the alliance"]
KEYWORDS_FR = ["Ukraine", "Défense", "Diplomatie", "Sahel", "Nucléaire", "Otan", "Moyen-Orient", "Indo-Pacifique",
               "Arctique", "Balkans", "Caucase", "Mer Noire", "Sanctions", "Espionnage", "Europe de la défense",
               "Proche-Orient", "Mer Rouge", "Cyber", "Industrie d'armement", "Renseignement"]
KEYWORDS_EN = ["Ukraine", "Defence", "Diplomacy", "Sahel", "Nuclear", "NATO", "Middle East", "Indo-Pacific", "Arctic",
               "Balkans", "Caucasus", "Black Sea", "Sanctions", "Espionage", "Red Sea", "Cyber", "Analysis"]
TARGETS_FR = ["un hôpital", "un dépôt de carburant", "une centrale électrique", "un immeuble résidentiel",
              "des installations portuaires", "une gare", "une base aérienne", "un entrepôt de munitions",
              "une école", "un poste de commandement"]
TARGETS_EN = ["a hospital", "a fuel depot", "a power plant", "a residential building", "port facilities",
              "a railway station", "an air base", "an ammunition depot", "a school", "a command post"]
WEAPONS = ["Patriot", "Iris-T", "NASAMS", "HIMARS", "Leopard 2", "F-16", "Abrams", "Caesar", "Storm Shadow",
           "ATACMS", "Taurus", "Bayraktar TB2", "Mirage 2000", "Gripen", "Crotale", "Stinger"]
AIR_DEFENCE = ["Patriot", "Iris-T", "NASAMS", "SAMP/T", "Crotale", "Stinger", "Skynex", "Hawk"]
AIR_DEFENCE_TITLES = [w for w in AIR_DEFENCE if w != "SAMP/T"]
JETS = ["F-16", "F-35", "Rafale", "Eurofighter", "Gripen", "Mirage 2000"]
MISSILES = ["Storm Shadow", "ATACMS", "Taurus", "Scalp", "Tomahawk"]
GOODS_FR = ["technologies à double usage", "hydrocarbures", "produits sidérurgiques", "composants électroniques",
            "diamants", "engrais", "pièces détachées d'aviation"]
GOODS_EN = ["dual-use technology", "oil products", "steel products", "electronic components", "diamonds",
            "fertiliser", "aircraft parts"]
ORDINALS_FR = ["onzième", "douzième", "treizième", "quatorzième", "quinzième", "seizième", "dix-septième"]
QUOTES_FR = ["Le risque d'un nouveau conflit est réel", "Nous ne céderons pas au chantage",
             "La porte du dialogue reste ouverte", "Il n'y aura pas de discussion sur l'Ukraine sans l'Ukraine",
             "Nous resterons aux côtés de nos alliés aussi longtemps qu'il le faudra",
             "Personne ne veut d'une escalade, mais nous sommes prêts", "Le temps de la naïveté est terminé",
             "Cette décision est une erreur stratégique", "Nous jugerons sur les actes et non sur les paroles",
             "L'Europe doit prendre sa sécurité en main", "Aucune option n'est exclue",
             "La situation reste extrêmement préoccupante", "Nous ne reconnaîtrons jamais cette annexion",
             "Le dialogue est la seule issue possible", "Ce n'est qu'un premier pas",
             "Nous avons besoin de plus de munitions et plus vite", "La sécurité de l'Europe se joue ici",
             "Il est hors de question de transiger sur nos principes"]
QUOTES_EN = ["The risk of a new conflict is real", "We will not give in to blackmail", "The door to dialogue remains open",
             "We will stand by our allies for as long as it takes", "Nobody wants an escalation, but we are ready",
             "This decision is a strategic mistake", "We will judge them by their actions, not their words",
             "Europe must take its security into its own hands", "No option is off the table",
             "The situation remains extremely worrying", "We will never recognise this annexation",
             "This is only a first step", "We need more ammunition and we need it faster",
             "There can be no compromise on our principles"]
AUTHORS_FR = ["Claire Martin", "Julien Ferrand", "Sophie Lanvin", "Paul Verdier", "Isabelle Roche", "Thomas Leclerc",
              "Camille Dufresne", "Mathieu Garnier", "Élise Moreau", "Antoine Berthier", "Nadia Benhamou",
              "Hugo Marchand", "Laure Castaing", "Pierre Valade", "Agnès Renaud", "Yasmine Belkacem"]
AUTHORS_EN = ["John Smith", "Anna Kowalski", "David Reyes", "Leila Farahani", "Michael Turner", "Sarah Collins",
              "James O'Neill", "Emily Hart", "Daniel Brooks", "Tom Whitaker", "Priya Raman", "Oliver Grant",
              "Hannah Weiss", "Lucas Meyer", "Grace Adeyemi"]
PHOTOGRAPHERS = ["ANDRIY DUBCHAK", "YVES HERMAN", "JOHN THYS", "OLEG PETRENKO", "JULIEN DAUBERT", "MARTA KOWALCZYK",
                 "YANNICK BERGER", "SAMIR HADDAD", "ELENA MOROZOVA", "LUDOVIC MARCHAL", "KENZO ITO", "SERGIY VOLKOV"]
PHOTO_AGENCIES = ["AFP", "AP", "REUTERS", "Reuters", "EPA"]
PHOTO_CREDITS_FR = ["US Defence", "OTAN", "UE", "MOD Turquie", "Armée de terre", "Présidence ukrainienne",
                    "EMA", "Bundeswehr", "Conseil de l'UE", "Kremlin", "DoD"]
PHOTO_PEOPLE = ["Aurélie Pugnet", "Nicolas Gros", "Leonor Hubaut", "Marc Tessier", "Jeanne Villiers"]

# --------------------------------------------------------------------------------------------
# Sentence templates. {A} {B} {C}: countries or organisations ({A_de} "de la Russie", {A_a} "à la
# Russie", {A_bare} "Russie"); {L}: a country ({L_en} "en Pologne" / "in Poland"); {P} {Q}: people
# (full name, with role on first mention, then "M. Stoltenberg"); {P_n}: full name only. {D}: a date
# near the publication day. [A:x|y]: x when A is singular (persons: masculine), y when plural
# (persons: feminine).

FR_SENTENCES: dict[str, list[str]] = {
    "meeting": [
        "Les ministres des Affaires étrangères {A_de} et {B_de} se sont rencontrés {D} à {CITY2} pour discuter de {TOPIC}.",
        "{P} s'est [P:entretenu|entretenue] {D} avec son homologue {B_de}, selon un communiqué publié à l'issue de la rencontre.",
        "Des pourparlers entre {A} et {B} doivent s'ouvrir {D} à {CITY2}, sous l'égide {C_de}.",
        "La réunion, qui s'est tenue à huis clos, a duré près de {N} heures, a indiqué un diplomate présent.",
        "{A} et {B} ont convenu de poursuivre le dialogue lors d'une prochaine session à {CITY2}.",
        "Les discussions ont porté sur {TOPIC}, mais aucun accord n'a été trouvé, selon plusieurs sources diplomatiques.",
        "Réunis {D} à {CITY2}, les représentants de {N} pays ont adopté une déclaration commune sur {TOPIC}.",
        "{P} a reçu {D} son homologue {B_de} pour un entretien consacré à {TOPIC}.",
    ],
    "sanctions": [
        "{A} [A:a|ont] adopté {D} un nouveau paquet de sanctions visant {N} personnalités et entités liées {B_a}.",
        "Ces mesures prévoient le gel des avoirs et l'interdiction de voyager pour les personnes visées, a précisé {C}.",
        "{B} [B:a|ont] dénoncé des sanctions « illégales » et promis une riposte « proportionnée ».",
        "Les sanctions visent notamment le secteur de l'énergie et les exportations de {GOODS}.",
        "Selon {A}, ces restrictions ont déjà privé {B} de près de {M} de recettes.",
        "Le paquet de sanctions, le {ORD} depuis le début du conflit, doit encore être approuvé à l'unanimité par les Vingt-Sept.",
        "{P} a estimé que les sanctions « fonctionnent » et qu'il fallait « maintenir la pression » sur {B}.",
        "Plusieurs banques et sociétés de transport maritime accusées de contourner l'embargo figurent également sur la liste.",
    ],
    "expulsion": [
        "{A} [A:a|ont] annoncé {D} l'expulsion de {N} diplomates {B_de}, accusés d'activités « incompatibles avec leur statut ».",
        "Les diplomates concernés disposent de {N2} jours pour quitter le territoire, a précisé le ministère des Affaires étrangères.",
        "En représailles, {B} [B:a|ont] convoqué l'ambassadeur {A_de} et promis des mesures « symétriques ».",
        "Cette nouvelle vague d'expulsions illustre la dégradation des relations entre {A} et {B}.",
        "{P} a qualifié la décision de « provocation délibérée » lors d'un point de presse {D}.",
        "Un employé de l'ambassade {B_de} a été déclaré persona non grata pour des soupçons d'espionnage.",
    ],
    "aid": [
        "{A} [A:a|ont] annoncé {D} une nouvelle enveloppe de {M} destinée {B_a}.",
        "Cette aide comprend des munitions, des systèmes de défense aérienne {WA} et des véhicules blindés, selon {C}.",
        "Le prêt, d'un montant de {M}, doit être remboursé grâce aux revenus des avoirs russes gelés, a expliqué {P}.",
        "{B} [B:a|ont] salué un geste « décisif » et appelé les autres partenaires à suivre l'exemple {A_de}.",
        "Depuis le début de la guerre, l'aide militaire et financière {A_de} dépasse {M}.",
        "Le Fonds monétaire international a approuvé le versement d'une tranche de {M} en faveur {B_de}.",
        "Une partie de l'enveloppe servira à financer la reconstruction des infrastructures énergétiques {B_de}.",
        "Les premières livraisons de {W} sont attendues dans les prochaines semaines, a confirmé {P}.",
    ],
    "deployment": [
        "{A} [A:va|vont] déployer {K} soldats supplémentaires {L_en} d'ici la fin de l'année.",
        "Ces renforts rejoindront le bataillon multinational déjà stationné {L_en}, a indiqué l'état-major.",
        "Des avions de chasse {WJ} ont été déployés {D} {L_en} pour renforcer la surveillance du flanc est de l'Alliance.",
        "{P} a justifié ce déploiement par la « menace directe » que fait peser {B} sur la région.",
        "Le déploiement, prévu pour une durée de {N2} mois, pourrait être prolongé si la situation l'exige.",
        "Quelque {K} militaires participent à l'exercice, qui doit durer {N2} semaines {L_en}.",
        "{B} [B:a|ont] dénoncé une « escalade » et averti que ce déploiement ne resterait pas sans réponse.",
        "Une frégate et deux navires de soutien ont appareillé {D} pour rejoindre le groupe naval en Méditerranée orientale.",
    ],
    "accusation": [
        "{A} [A:accuse|accusent] {B} d'avoir orchestré une campagne de désinformation visant {C}.",
        "{P} a accusé {D} {B} de « crimes de guerre » après la frappe contre {TARGET} dans la région {CITY_de}.",
        "Selon {A}, des cyberattaques attribuées {B_a} ont visé des infrastructures critiques ces dernières semaines.",
        "{B} [B:rejette|rejettent] ces accusations, qualifiées de « pure invention » par [B:son|leur] porte-parole.",
        "Le rapport accuse {B} d'avoir violé à plusieurs reprises l'espace aérien {C_de}.",
        "Des enquêteurs {A_de} affirment disposer de preuves de l'implication {B_de} dans le sabotage.",
        "{A} [A:reproche|reprochent] {B_a} de ne pas respecter ses engagements en matière de transparence.",
    ],
    "threat": [
        "{P} a menacé {D} de « conséquences graves » si {B} [B:franchissait|franchissaient] cette « ligne rouge ».",
        "{A} [A:n'exclut|n'excluent] aucune option, y compris militaire, a averti {P}.",
        "Le Kremlin a brandi la menace d'une riposte en cas de livraison de missiles {WM} {B_a}.",
        "{B} [B:a|ont] placé [B:ses|leurs] forces en état d'alerte renforcée après les déclarations {P_de_n}.",
        "« Toute attaque contre un Allié sera considérée comme une attaque contre tous », a rappelé {P}.",
        "{A} [A:menace|menacent] de suspendre [A:sa|leur] participation au traité si {B} [B:poursuit|poursuivent] [B:son|leur] programme.",
        "Ces menaces sont prises « très au sérieux » dans les capitales européennes, selon un haut responsable.",
    ],
    "agreement": [
        "{A} et {B} ont signé {D} à {CITY2} un accord de coopération en matière de défense d'une durée de {N2} ans.",
        "L'accord prévoit des exercices conjoints, un partage du renseignement et des achats communs d'équipements.",
        "{P} a salué un accord « historique » qui « renforce la sécurité de tout le continent ».",
        "Le texte doit encore être ratifié par le Parlement {L_de}, ce qui pourrait prendre plusieurs mois.",
        "Un accord de cessez-le-feu a été conclu {D} sous la médiation {C_de}, mais sa mise en œuvre reste fragile.",
        "{A} [A:a|ont] obtenu {B_de} la levée partielle de plusieurs restrictions en échange de garanties de sécurité.",
        "Les deux parties se sont engagées à échanger leurs prisonniers d'ici {N2} semaines, selon le texte publié {D}.",
    ],
    "attack": [
        "Une attaque de drones a visé {D} {TARGET} dans la région {CITY_de}, faisant au moins {N} blessés.",
        "{A} [A:a|ont] revendiqué la frappe, affirmant avoir détruit un centre de commandement {B_de}.",
        "Les défenses aériennes ont intercepté {N} des {N3} missiles lancés dans la nuit, selon l'armée de l'air.",
        "{P} a condamné une attaque « barbare » et réclamé une réunion d'urgence du Conseil de sécurité.",
        "Le bilan, encore provisoire, fait état de {N} morts, dont plusieurs enfants, selon les secours locaux.",
        "Des tirs d'artillerie ont visé pendant la nuit des positions {B_de} près {CITY_de}, selon un porte-parole militaire.",
        "{B} [B:affirme|affirment] avoir abattu {N} drones au-dessus de [B:son|leur] territoire.",
    ],
    "visit": [
        "{P} s'est [P:rendu|rendue] {D} à {CITY2} pour sa première visite officielle depuis sa prise de fonctions.",
        "Au cours de sa visite, {P} doit rencontrer les dirigeants {A_de} et visiter une usine d'armement.",
        "Cette visite, tenue secrète jusqu'au dernier moment pour des raisons de sécurité, intervient à un moment délicat pour {B}.",
        "{P} était [P:arrivé|arrivée] à {CITY2} par train de nuit, comme la plupart des dirigeants étrangers.",
        "La visite {P_de} à {CITY2} a été accueillie froidement par {B}, qui y voit une « ingérence ».",
        "Le programme de la visite prévoit un dépôt de gerbe et une conférence de presse commune.",
    ],
    "statement": [
        "« {QUOTE} », a déclaré {P} {D} lors d'une conférence de presse à {CITY2}.",
        "Dans un communiqué, {A} [A:a|ont] appelé à la « retenue » et à la reprise du dialogue entre toutes les parties.",
        "{P} a répété que {A} ne [A:reconnaîtrait|reconnaîtraient] « jamais » l'annexion de territoires par la force.",
        "[P:Interrogé|Interrogée] sur {TOPIC}, {P} a refusé de commenter des « spéculations ».",
        "Le porte-parole {A_de} a estimé que la situation restait « extrêmement préoccupante ».",
        "« Nous ne laisserons personne nous imposer sa volonté », a martelé {P} devant le Parlement.",
        "« {QUOTE} », a insisté {P}.",
    ],
    "context": [
        "Les tensions entre {A} et {B} se sont nettement accrues depuis le début de l'année.",
        "La question de {TOPIC} divise toujours les Européens, même si le ton s'est durci ces derniers mois.",
        "Cette décision intervient alors que {A} [A:fait|font] face à une pression croissante de [A:ses|leurs] alliés.",
        "Plusieurs analystes estiment que {B} [B:cherche|cherchent] à gagner du temps avant le prochain sommet.",
        "Pour {P}, « {QUOTE} ».",
        "Selon {P}, la crise actuelle est la plus grave depuis la fin de la guerre froide.",
        "Le sujet devrait être à l'ordre du jour du prochain sommet, prévu à {CITY2}.",
        "{A} [A:reste|restent] le principal soutien {B_de}, tant sur le plan militaire que diplomatique.",
        "Depuis {YEAR}, {A} [A:a|ont] considérablement augmenté [A:son|leur] budget de défense, qui atteint désormais {PCT} % du PIB.",
        "Sur le terrain, la situation reste tendue et les observateurs redoutent une nouvelle escalade dans les prochaines semaines.",
        "Les diplomates interrogés se montrent prudents et rappellent que plusieurs tentatives de médiation ont déjà échoué.",
        "Ce dossier pèse aussi sur la relation entre {A} et {C}, déjà compliquée par {TOPIC}.",
    ],
}

EN_SENTENCES: dict[str, list[str]] = {
    "meeting": [
        "Foreign ministers from {A} and {B} met in {CITY2} {D} to discuss {TOPIC}.",
        "{P} held talks with {Q} {D}, according to a statement released after the meeting.",
        "Negotiations between {A} and {B} are due to resume in {CITY2} next week under the auspices of {C}.",
        "Diplomats said the closed-door meeting lasted nearly {N} hours but produced no breakthrough.",
        "Representatives of {N} countries adopted a joint declaration on {TOPIC} at the end of the meeting.",
    ],
    "sanctions": [
        "{A} [A:has|have] imposed a new package of sanctions targeting {N} individuals and entities linked to {B}.",
        "The measures include asset freezes and travel bans, {C} said in a statement.",
        "{B} [B:has|have] condemned the sanctions as \"illegal\" and vowed to retaliate.",
        "Officials estimate the restrictions have already cost {B} about {M} in lost revenue.",
        "{P} said the sanctions were \"working\" and that pressure on {B} had to be maintained.",
    ],
    "expulsion": [
        "{A} [A:has|have] expelled {N} diplomats from {B_bare_nom}, accusing them of activities \"incompatible with their status\".",
        "In response, {B} summoned the ambassador of {A} and promised \"reciprocal measures\".",
        "The diplomats have {N2} days to leave the country, the foreign ministry said.",
        "The expulsions mark a further deterioration in relations between {A} and {B}.",
    ],
    "aid": [
        "{A} announced {D} a new aid package worth {M} for {B}.",
        "The package includes artillery ammunition, {WA} air defence systems and armoured vehicles, according to {C}.",
        "{B} welcomed the move and urged other partners to follow the example of {A}.",
        "The loan of {M} will be repaid using the proceeds of frozen Russian assets, {P} explained.",
        "Since the start of the war, military and financial aid from {A} has exceeded {M}.",
    ],
    "deployment": [
        "{A} will deploy {K} additional troops {L_en} by the end of the year.",
        "The reinforcements will join the multinational battlegroup already stationed {L_en}, the defence ministry said.",
        "{P} said the deployment was a response to the \"direct threat\" posed by {B}.",
        "{B} denounced the move as an \"escalation\" and warned that it would not go unanswered.",
    ],
    "accusation": [
        "{A} [A:accuses|accuse] {B} of orchestrating a disinformation campaign aimed at {C}.",
        "{P} accused {B} {D} of \"war crimes\" after the strike on {TARGET} near {CITY}.",
        "{B} [B:rejects|reject] the accusations, which a spokesperson called \"pure fabrication\".",
        "Investigators say they have evidence that {B} [B:was|were] involved in the sabotage.",
    ],
    "threat": [
        "{P} warned {D} of \"serious consequences\" if {B} crossed what [P:he|she] called a \"red line\".",
        "{A} [A:is|are] not ruling out any option, including a military one, {P} said.",
        "\"Any attack on one ally will be considered an attack on all,\" {P} said.",
        "{A} threatened to suspend [A:its|their] participation in the treaty if {B} [B:continues|continue] [B:its|their] programme.",
    ],
    "agreement": [
        "{A} and {B} signed a {N2}-year defence cooperation agreement in {CITY2} {D}.",
        "The agreement provides for joint exercises, intelligence sharing and joint procurement of equipment.",
        "{P} hailed the deal as \"historic\", saying it would strengthen security across the continent.",
        "A ceasefire was agreed {D} under the mediation of {C}, but its implementation remains fragile.",
    ],
    "attack": [
        "A drone attack hit {TARGET} in the {CITY} region {D}, injuring at least {N} people.",
        "Air defences shot down {N} of the {N3} missiles launched overnight, the air force said.",
        "{P} condemned a \"barbaric\" attack and called for an emergency meeting of the Security Council.",
        "The provisional death toll stands at {N}, including several children, according to local rescue services.",
        "{A} claimed responsibility for the strike, saying it had destroyed a command post used by {B}.",
    ],
    "visit": [
        "{P} travelled to {CITY2} {D} on [P:his|her] first official visit since taking office.",
        "During the visit, {P} is expected to meet leaders of {A} and tour a defence plant.",
        "The trip, kept secret until the last minute for security reasons, comes at a delicate moment for {B}.",
    ],
    "statement": [
        "\"{QUOTE},\" {P} told reporters in {CITY2} {D}.",
        "In a statement, {A} called for \"restraint\" and a return to dialogue between all parties.",
        "{P} repeated that {A} would \"never\" recognise the annexation of territory by force.",
        "\"{QUOTE},\" {P} said.",
    ],
    "context": [
        "Tensions between {A} and {B} have risen sharply since the start of the year.",
        "The question of {TOPIC} still divides Europeans, although the tone has hardened in recent months.",
        "Several analysts believe {B} [B:is|are] trying to buy time ahead of the next summit.",
        "According to {P}, the current crisis is the most serious since the end of the Cold War.",
        "Since {YEAR}, {A} [A:has|have] sharply increased [A:its|their] defence spending, which now stands at {PCT} percent of GDP.",
        "On the ground, the situation remains tense and observers fear a new escalation in the coming weeks.",
        "Diplomats remain cautious, recalling that several mediation attempts have already failed.",
    ],
}

FR_TITLES: dict[str, list[str]] = {
    "meeting": ["{A} et {B} reprennent le dialogue à {CITY2}", "{P_n} reçoit son homologue {B_de} à {CITY2}",
                "À {CITY2}, {A} et {B} affichent leurs divergences sur {TOPIC}"],
    "sanctions": ["{A} [A:adopte|adoptent] un nouveau paquet de sanctions contre {B}",
                  "Sanctions : {B} [B:dénonce|dénoncent] une décision « illégale »",
                  "Les sanctions contre {B} ont-elles un effet ?"],
    "expulsion": ["{A} [A:expulse|expulsent] {N} diplomates {B_de} accusés d'espionnage",
                  "Espionnage : {B} [B:convoque|convoquent] l'ambassadeur {A_de}"],
    "aid": ["{A} [A:débloque|débloquent] {M} pour {B}", "Aide militaire : {B} [B:recevra|recevront] de nouveaux systèmes {WAT}",
            "{P_n} promet une aide supplémentaire {B_a}"],
    "deployment": ["{A} [A:déploie|déploient] {K} soldats supplémentaires {L_en}",
                   "Flanc est : l'Alliance renforce sa présence {L_en}", "Des {W} déployés {L_en} face à {B}"],
    "accusation": ["{A} [A:accuse|accusent] {B} de mener une guerre hybride", "Désinformation : {B} dans le viseur {A_de}",
                   "{P_n} accuse {B} de « crimes de guerre »"],
    "threat": ["{P_n} menace {B} de « conséquences graves »", "{B} [B:brandit|brandissent] la menace d'une riposte",
               "Pourquoi {A} [A:hausse|haussent] le ton face à {B}"],
    "agreement": ["{A} et {B} signent un accord de défense historique",
                  "Cessez-le-feu : un accord fragile conclu sous l'égide {C_de}", "Accord entre {A} et {B} sur {TOPIC}"],
    "attack": ["Une attaque de drones vise {TARGET} près {CITY_de}", "Frappes sur {CITY} : au moins {N} morts",
               "{CITY} sous le feu de l'artillerie, {B} [B:dénonce|dénoncent] une escalade"],
    "visit": ["{P_n} en visite surprise à {CITY2}", "Première visite {P_de_n} à {CITY2} depuis son entrée en fonctions",
              "À {CITY2}, {P_n} plaide pour {TOPIC}"],
    "statement": ["{P_n} : « {QUOTE} »", "{A} [A:appelle|appellent] à la retenue après les tensions avec {B}",
                  "{TOPIC_CAP} : {P_n} refuse de céder"],
}

EN_TITLES: dict[str, list[str]] = {
    "meeting": ["{A} and {B} resume talks in {CITY2}", "{P_n} meets {Q_n} as {TOPIC} dominates agenda"],
    "sanctions": ["{A} [A:adopts|adopt] new sanctions package against {B}", "{B} [B:condemns|condemn] \"illegal\" sanctions",
                  "Are sanctions against {B} working?"],
    "expulsion": ["{A} [A:expels|expel] {N} diplomats from {B_bare_nom} over spying claims",
                  "{B} [B:summons|summon] envoy of {A} in espionage row"],
    "aid": ["{A} [A:unveils|unveil] {M} aid package for {B}", "{B} to receive new {WAT} systems", "{P_n} pledges more support for {B}"],
    "deployment": ["{A} to send {K} more troops {L_en}", "NATO reinforces eastern flank {L_en}"],
    "accusation": ["{A} [A:accuses|accuse] {B} of waging hybrid war", "{P_n} accuses {B} of war crimes after strike near {CITY}"],
    "threat": ["{P_n} warns {B} of \"serious consequences\"", "Why {A} [A:is|are] hardening [A:its|their] tone on {B}"],
    "agreement": ["{A} and {B} sign landmark defence pact", "Fragile ceasefire agreed under {C} mediation"],
    "attack": ["Drone attack hits {TARGET} near {CITY}", "At least {N} killed in strikes on {CITY}"],
    "visit": ["{P_n} makes surprise visit to {CITY2}", "In {CITY2}, {P_n} makes the case for {TOPIC}"],
    "statement": ["{P_n}: \"{QUOTE}\"", "{A} [A:calls|call] for restraint after clashes with {B}"],
}

FR_SUBHEADINGS = ["Une base sous pression", "Les exigences {A_de}", "Un calendrier serré", "La réponse {B_de}",
                  "Des divisions persistantes", "Un signal adressé {B_a}", "Vers un nouveau sommet",
                  "Une aide jugée insuffisante", "Les alliés divisés", "Un précédent inquiétant",
                  "La pression s'accentue", "Des négociations difficiles", "Un enjeu stratégique",
                  "Quelle réponse européenne ?", "Des signaux prudents", "Le rôle {C_de}", "Une mesure de sécurité inhabituelle",
                  "Un tournant diplomatique", "L'inquiétude des voisins", "Une enveloppe contestée"]
EN_SUBHEADINGS = ["What comes next", "A divided alliance", "The view from {CITY2}", "Pressure mounts",
                  "A fragile truce", "Questions remain", "The cost of the war", "Why it matters",
                  "Allies at odds", "A test for {A}"]
FR_CAPTION_EVENTS = ["lors de sa conférence de presse", "lors de la réunion ministérielle", "lors d'un sommet",
                     "lors d'une visite officielle", "lors d'une cérémonie militaire", "pendant un point presse",
                     "pendant la session plénière"]
EVENT_TYPES = list(FR_TITLES)

# --------------------------------------------------------------------------------------------
# Templates compiled once into pieces: str, ("slot", name), ("agree", var, first, second)

_TOKEN = re.compile(r"\{(\w+)\}|\[(\w):([^|\]]*)\|([^\]]*)\]")


def _compile(template: str) -> tuple:
    pieces: list = []
    pos = 0
    for m in _TOKEN.finditer(template):
        if m.start() > pos:
            pieces.append(template[pos:m.start()])
        if m.group(1):
            pieces.append(("slot", m.group(1)))
        else:
            pieces.append(("agree", m.group(2), m.group(3), m.group(4)))
        pos = m.end()
    if pos < len(template):
        pieces.append(template[pos:])
    return tuple(pieces)


def _compile_all(table: dict[str, list[str]]) -> dict[str, list[tuple]]:
    return {k: [_compile(t) for t in v] for k, v in table.items()}


_FR_S, _EN_S = _compile_all(FR_SENTENCES), _compile_all(EN_SENTENCES)
_FR_T, _EN_T = _compile_all(FR_TITLES), _compile_all(EN_TITLES)
_FR_H, _EN_H = [_compile(t) for t in FR_SUBHEADINGS], [_compile(t) for t in EN_SUBHEADINGS]

# --------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """One article a correct importer should find on a page."""

    title: str
    language: str                 # "fr" or "en"
    published: dt.date
    uid: int                      # a reappearance keeps the uid of its first appearance
    duplicate: bool = False       # True: this article already appeared on an earlier page
    changed: bool = False         # a reappearance with one sentence changed
    actors: tuple[str, ...] = ()  # canonical names of the actors named in its text (title included)


@dataclass(frozen=True, slots=True)
class Page:
    index: int
    name: str                     # p0000000.txt
    layout: str                   # one of LAYOUTS
    language: str                 # the page's language ("fr" or "en"); a French tag page may hold an English article
    text: str
    articles: int                 # how many articles a correct importer finds on this page
    items: tuple[ArticleInfo, ...]
    weekday_dates: tuple[tuple[str, dt.date], ...]  # every yearless date with a weekday, and its real date

    @property
    def titles(self) -> tuple[str, ...]:
        return tuple(i.title for i in self.items)

    @property
    def kind(self) -> str:
        return LAYOUT_KIND[self.layout]


# layout -> (share of pages, language, kind)
LAYOUTS: dict[str, tuple[float, str, str]] = {
    "listing_b2": (0.13, "fr", "listing"),
    "listing_wp": (0.12, "fr", "listing"),
    "listing_en": (0.10, "en", "listing"),
    "tag_fr": (0.25, "fr", "tag"),
    "single_fr": (0.15, "fr", "single"),
    "single_en": (0.15, "en", "single"),
    "agency_fr": (0.10, "fr", "agency"),
}
LAYOUT_KIND = {k: v[2] for k, v in LAYOUTS.items()}
_LAYOUT_NAMES = list(LAYOUTS)
_LAYOUT_CUM: list[float] = []
_acc = 0.0
for _v in LAYOUTS.values():
    _acc += _v[0]
    _LAYOUT_CUM.append(_acc)

# Realistic shapes the segmenter gets wrong today (as importer/segment.py stands when this was written), kept at
# low rates so agreement stays above 95 % while the corpus still exercises them:
#  * a title ending with "? (v2)" or "? (Name)" (B2): read as a caption "sentence then a parenthesis";
#  * a title ending with "SAMP/T": read as a photo credit "CAPS / Agency";
#  * WordPress "Navigation des articles" / "Articles plus anciens" after the last teaser: a new article;
#  * a "Most read" box with only two headlines (English listing): the first one becomes an article.
TRAP_QUESTION_SUFFIX = 0.03   # share of B2 question titles given a "(v2)" / "(Name)" suffix
TRAP_SAMP_T = 0.03            # share of air-defence systems named in titles that are the SAMP/T
TRAP_WP_NAVIGATION = 0.01     # share of WordPress archives ending with the theme's navigation links
TRAP_SHORT_MOST_READ = 0.02   # share of English listings whose "Most read" box has two headlines

MAX_WORDS = 700            # full articles: 80-700 words (title, lead and body)
DUPLICATE_RATE = 0.055      # chance that an article slot shows an article from an earlier page
CHANGED_SHARE = 0.35        # share of reappearances with one sentence changed
POOL_SIZE = 300             # recent articles kept per kind for reappearances (bounded memory)

# --------------------------------------------------------------------------------------------
# Articles under construction


class _Art:
    """An article's content, independent of the page furniture around it."""

    __slots__ = ("uid", "lang", "kind", "etype", "title", "lead", "body", "published", "actors",
                 "weekdays", "cut", "dateline", "subtitle", "curly", "changed")

    def __init__(self, uid: int, lang: str, kind: str, etype: str, published: dt.date, curly: bool):
        self.uid, self.lang, self.kind, self.etype, self.published = uid, lang, kind, etype, published
        self.title = ""
        self.lead: list[str] = []                 # sentences (teasers: the whole teaser)
        self.body: list[tuple[str, object]] = []  # ("p", [sentences]) or ("h", subheading)
        self.actors: dict[str, None] = {}
        self.weekdays: list[tuple[str, dt.date]] = []
        self.cut: int | None = None               # B2 teasers: keep only this many words
        self.dateline: str | None = None          # agency dispatches: "BRUXELLES, 5 mars 2024 (AFP) - "
        self.subtitle: str | None = None          # WordPress teasers made of a short subtitle only
        self.curly = curly                        # typographic apostrophes
        self.changed = False                      # a reappearance with one sentence changed

    def copy(self) -> _Art:
        new = _Art(self.uid, self.lang, self.kind, self.etype, self.published, self.curly)
        new.title, new.lead = self.title, list(self.lead)
        new.body = [(k, list(v) if k == "p" else v) for k, v in self.body]
        new.actors, new.weekdays = dict(self.actors), list(self.weekdays)
        new.cut, new.dateline, new.subtitle = self.cut, self.dateline, self.subtitle
        return new

    def ap(self, s: str) -> str:
        return s.replace("'", "’") if self.curly else s

    def teaser_text(self) -> str:
        text = " ".join(self.lead)
        if self.cut is not None:
            words = text.split(" ")
            if self.cut < len(words):
                keep = self.cut
                # never stop right after a month: "le mercredi 27 avril 2022" must not lose only its year
                while keep > 1 and words[keep - 1].strip(",.()") in _MONTH_WORDS:
                    keep -= 1
                text = " ".join(words[:keep]).rstrip(",;:«» ")
        return self.ap(text)

    def paragraphs(self) -> list[tuple[str, str]]:
        """("p", text) / ("h", text) blocks of the body, lead excluded."""
        return [(k, self.ap(" ".join(v) if k == "p" else v)) for k, v in self.body]


class _Sentences:
    """Fills templates for one article: its main actors, mentions of people, dates near `when`."""

    def __init__(self, rng: Random, art: _Art):
        self.rng, self.art, self.fr = rng, art, art.lang == "fr"
        self.when = art.published
        self.main_a = _ENTITIES.draw(rng)
        self.main_b = self._other(_ENTITIES, {self.main_a})
        self.main_l = _COUNTRY_Z.draw(rng)
        self.main_p = _PEOPLE_Z.draw(rng)
        self.mentioned: set[str] = set()
        self.bound: dict[str, tuple[Actor, Form | None]] = {}

    def _other(self, z: _Zipf, avoid: set) -> Actor:
        for _ in range(20):
            a = z.draw(self.rng)
            if a not in avoid:
                return a
        return a

    # -- binding of actor variables for one sentence
    def _bind(self, var: str) -> tuple[Actor, Form | None]:
        if var in self.bound:
            return self.bound[var]
        rng = self.rng
        taken = {b[0] for b in self.bound.values()}
        if var in "ABC":
            main = {"A": self.main_a, "B": self.main_b}.get(var)
            actor = main if main is not None and main not in taken and rng.random() < (0.75 if var == "A" else 0.6) \
                else self._other(_ENTITIES, taken | ({self.main_a} if var != "A" else set()))
        elif var == "L":
            actor = self.main_l if self.main_l not in taken and rng.random() < 0.6 else self._other(_COUNTRY_Z, taken)
        else:  # P, Q
            actor = self.main_p if var == "P" and self.main_p not in taken and rng.random() < 0.6 \
                else self._other(_PEOPLE_Z, taken | {self.main_p})
        form = None
        if actor.kind != "person":
            forms = actor.fr if self.fr else actor.en
            if var == "L":
                forms = forms[:1]  # locatives: the country, not its capital
            form = forms[0] if len(forms) == 1 or rng.random() < 0.75 else forms[rng.randrange(1, len(forms))]
        self.bound[var] = (actor, form)
        self.art.actors[actor.key] = None
        return actor, form

    def _person(self, actor: Actor, case: str, name_only: bool) -> str:
        rng, fr = self.rng, self.fr
        first = actor.key not in self.mentioned
        self.mentioned.add(actor.key)
        full = actor.fr_full if fr else actor.en_full
        if name_only:
            text = full
        elif first:
            if rng.random() < 0.5:
                if fr:
                    role = actor.fr_role
                    art = "l'" if role[0] in _VOWELS else ("la " if actor.gender == "f" else "le ")
                    text = f"{art}{role} {full}"
                else:
                    text = f"{actor.en_role} {full}"
            else:
                text = full
        elif fr:
            text = ("Mme " if actor.gender == "f" else "M. ") + actor.fr_short if rng.random() < 0.6 else actor.fr_short
        else:
            text = actor.en_short if rng.random() < 0.8 else ("Ms " if actor.gender == "f" else "Mr ") + actor.en_short
        if case == "de" and fr:
            if text.startswith("le "):
                return "du " + text[3:]
            return ("d'" if text[0] in _VOWELS else "de ") + text
        if case == "a" and fr:
            return ("au " + text[3:]) if text.startswith("le ") else "à " + text
        return text

    def slot(self, name: str) -> str:
        rng, fr = self.rng, self.fr
        head, _, case = name.partition("_")
        if head in ("A", "B", "C", "L"):
            actor, form = self._bind(head)
            if case == "de":
                return form.de
            if case == "a":
                return form.a
            if case == "en":
                return form.en_loc
            if case == "bare":
                return form.bare
            if case == "bare_nom":  # "à la Russie" style verbs need the plain noun phrase in French
                return form.nom
            return form.nom
        if head in ("P", "Q"):
            actor, _ = self._bind(head)
            if case == "n":
                return self._person(actor, "", True)
            if case == "de_n":
                return self._person(actor, "de", True)
            return self._person(actor, case, False)
        if name == "D":
            return self.date_phrase()
        if name == "N":
            return str(rng.randint(2, 40))
        if name == "N2":
            return str(rng.randint(2, 12))
        if name == "N3":
            return str(rng.randint(41, 90))
        if name == "K":
            k = rng.choice((150, 200, 300, 500, 800, 1000, 1200, 1500, 2000, 3000, 4000, 5000))
            return f"{k:,}".replace(",", " " if fr else ",")
        if name == "M":
            return self.amount()
        if name == "PCT":
            v = rng.choice(("1,5", "1,8", "2", "2,1", "2,4", "2,5", "3", "3,5", "5")) if fr else \
                rng.choice(("1.5", "1.8", "2", "2.1", "2.4", "2.5", "3", "3.5", "5"))
            return v
        if name == "YEAR":
            return str(rng.randint(2014, min(2022, self.when.year)))
        if name == "ORD":
            return rng.choice(ORDINALS_FR)
        if name == "W":
            return rng.choice(WEAPONS)
        if name == "WA":
            return rng.choice(AIR_DEFENCE)
        if name == "WAT":  # in titles
            return "SAMP/T" if rng.random() < TRAP_SAMP_T else rng.choice(AIR_DEFENCE_TITLES)
        if name == "WJ":
            return rng.choice(JETS)
        if name == "WM":
            return rng.choice(MISSILES)
        if name == "TOPIC":
            return rng.choice(TOPICS_FR if fr else TOPICS_EN)
        if name == "TOPIC_CAP":
            t = rng.choice(TOPICS_FR if fr else TOPICS_EN)
            t = t.split(" ", 1)[1] if t.startswith(("la ", "le ", "les ", "the ")) else t.removeprefix("l'")
            return t[0].upper() + t[1:]
        if name == "TARGET":
            return rng.choice(TARGETS_FR if fr else TARGETS_EN)
        if name == "CITY":
            i = rng.randrange(len(FRONT_FR))
            return FRONT_FR[i] if fr else FRONT_EN[i]
        if name == "CITY_de":
            c = FRONT_FR[rng.randrange(len(FRONT_FR))]
            return ("d'" if c[0] in _VOWELS else "de ") + c
        if name == "CITY2":
            i = rng.randrange(len(CITIES_FR))
            return CITIES_FR[i] if fr else CITIES_EN[i]
        if name == "QUOTE":
            return rng.choice(QUOTES_FR if fr else QUOTES_EN)
        if name == "GOODS":
            return rng.choice(GOODS_FR if fr else GOODS_EN)
        raise KeyError(name)

    def amount(self) -> str:
        rng = self.rng
        if rng.random() < 0.5:
            n = rng.choice((100, 150, 200, 250, 300, 400, 500, 600, 750, 800))
            unit = rng.choice(("euros", "dollars"))
            return f"{n} millions {'de dollars' if unit == 'dollars' else 'd' + chr(39) + 'euros'}" if self.fr else (f"€{n} million" if unit == "euros" else f"${n} million")
        whole, frac = rng.randint(1, 60), rng.choice((0, 0, 5, 2, 8))
        unit = rng.choice(("euros", "dollars"))
        if self.fr:
            num = f"{whole},{frac}" if frac else str(whole)
            word = "milliard" if whole == 1 else "milliards"
            return f"{num} {word} {'de dollars' if unit == 'dollars' else 'd' + chr(39) + 'euros'}"
        num = f"{whole}.{frac}" if frac else str(whole)
        return f"€{num} billion" if unit == "euros" else f"${num} billion"

    def date_phrase(self) -> str:
        """A date some days before the publication day, in one of the forms the press uses."""
        rng = self.rng
        d = self.when - dt.timedelta(days=rng.choice((0, 0, 1, 1, 1, 2, 2, 3, 4, 5, 6)))
        x = rng.random()
        if self.fr:
            day = "1er" if d.day == 1 else str(d.day)
            month, wd = FR_MONTHS[d.month - 1], FR_DAYS[d.weekday()]
            if x < 0.30:
                phrase = f"{wd} {day} {month}"
                self.art.weekdays.append((phrase, d))
                return phrase
            if x < 0.35:
                phrase = f"{wd} ({day} {month})"
                self.art.weekdays.append((phrase, d))
                return phrase
            if x < 0.55:
                return f"le {day} {month} {d.year}"
            if x < 0.60:
                return f"le {wd} {day} {month} {d.year}"
            if x < 0.65:
                return f"le {d.day:02d}/{d.month:02d}/{d.year}"
            if x < 0.75:
                return f"le {day} {month}"
            return wd
        month, wd = EN_MONTHS[d.month - 1], EN_DAYS[d.weekday()]
        if x < 0.30:
            phrase = f"{wd}, {month} {d.day}"
            self.art.weekdays.append((phrase, d))
            return "on " + phrase
        if x < 0.50:
            return f"on {month} {d.day}, {d.year}"
        if x < 0.60:
            return f"on {d.day} {month} {d.year}"
        if x < 0.70:
            return f"on {month} {d.day}"
        return "on " + wd

    def fill(self, pieces: tuple) -> str:
        self.bound = {}
        out = []
        for p in pieces:
            if isinstance(p, str):
                out.append(p)
            elif p[0] == "slot":
                out.append(self.slot(p[1]))
            else:
                actor, form = self._bind(p[1])
                second = (actor.gender == "f") if actor.kind == "person" else form.plural
                out.append(p[3] if second else p[2])
        s = "".join(out)
        return s[0].upper() + s[1:]


# --------------------------------------------------------------------------------------------
# Content


def _word_target(rng: Random, lo: int, hi: int, median: float) -> int:
    return max(lo, min(hi, int(rng.lognormvariate(0, 0.5) * median)))


def _pick_sentence(rng: Random, table: dict[str, list[tuple]], etype: str, used: set[int]) -> tuple:
    for _ in range(12):
        x = rng.random()
        group = etype if x < 0.5 else ("context" if x < 0.72 else ("statement" if x < 0.85 else rng.choice(EVENT_TYPES)))
        options = table[group]
        t = options[rng.randrange(len(options))]
        if id(t) not in used:
            used.add(id(t))
            return t
    return t


def _new_article(rng: Random, uid: int, lang: str, kind: str, published: dt.date, curly: bool) -> _Art:
    """kind: b2, wp, listing_en (teasers); full (FR), full_en; agency."""
    etype = rng.choice(EVENT_TYPES)
    art = _Art(uid, lang, kind, etype, published, curly)
    fill = _Sentences(rng, art)
    fr = lang == "fr"
    sents, titles = (_FR_S, _FR_T) if fr else (_EN_S, _EN_T)
    art.title = _make_title(rng, fill, titles, etype, kind)
    used: set[int] = set()

    def sentence(first: bool = False) -> str:
        t = sents[etype][rng.randrange(len(sents[etype]))] if first else _pick_sentence(rng, sents, etype, used)
        used.add(id(t))
        return fill.fill(t)

    if kind in ("b2", "wp", "listing_en"):
        target = _word_target(rng, 30, 110, 55)
        words = 0
        while words < target:
            s = sentence(first=not art.lead)
            art.lead.append(s)
            words += s.count(" ") + 1
        if kind == "b2" and rng.random() < 0.6:  # B2 teasers stop mid-sentence
            art.cut = max(12, words - rng.randint(3, 12))
        if kind == "wp" and rng.random() < 0.1:  # only a short subtitle
            art.subtitle = fill.fill(_FR_H[rng.randrange(len(_FR_H))])
        return art

    target = _word_target(rng, 80, 700, 260 if kind != "agency" else 150)
    if kind == "agency":
        target = min(target, 320)
    words = len(art.title.split())
    art.lead.append(sentence(first=True))
    if rng.random() < 0.4:
        art.lead.append(sentence())
    words += sum(s.count(" ") + 1 for s in art.lead)
    heads = _FR_H if fr else _EN_H
    n_par = 0
    while words < target:
        long = rng.random() < 0.12
        size = rng.randint(5, 9) if long else rng.randint(1, 4)
        par = []
        for _ in range(size):
            s = sentence()
            par.append(s)
            words += s.count(" ") + 1
            if words >= target and (not long or words >= min(MAX_WORDS - 60, target + 150)):
                break
        if (kind != "agency" and n_par >= 2 and art.body and art.body[-1][0] == "p" and words < target - 30
                and target > 250 and rng.random() < 0.3):
            art.body.append(("h", fill.fill(heads[rng.randrange(len(heads))])))
        art.body.append(("p", par))
        n_par += 1
    if kind == "agency":
        place = rng.choice(DATELINE_PLACES)
        agency = rng.choices(("AFP", "Reuters", "Belga", "AP"), (6, 3, 1, 1))[0]
        d = published
        x = rng.random()
        if agency == "Belga" or x < 0.15:
            when = f"{FR_DAYS[d.weekday()]} {'1er' if d.day == 1 else d.day} {FR_MONTHS[d.month - 1]}"
            art.weekdays.append((when, d))
            art.dateline = f"{place}, {when} ({agency}) - "
        elif agency == "Reuters" and x < 0.7:
            art.dateline = f"{place} ({agency}) - "
        else:
            art.dateline = f"{place}, {'1er' if d.day == 1 else d.day} {FR_MONTHS[d.month - 1]} {d.year} ({agency}) - "
    return art


def _make_title(rng: Random, fill: _Sentences, titles: dict[str, list[tuple]], etype: str, kind: str) -> str:
    fr = fill.fr
    options = titles[etype]
    t = fill.fill(options[rng.randrange(len(options))])
    x = rng.random()
    if x < 0.3 and " : " not in t and ": " not in t:
        kw = rng.choice(KEYWORDS_FR if fr else KEYWORDS_EN)
        if fr:
            lower = t.startswith(("L'", "La ", "Le ", "Les ", "Un ", "Une ", "Des "))
            t = f"{kw} : {t[0].lower() + t[1:] if lower else t}"
        else:
            t = f"{kw}: {t}"
    if kind == "b2":
        y = rng.random()
        if t.endswith("?") and rng.random() >= TRAP_QUESTION_SUFFIX / 0.12:
            y = 1.0
        if y < 0.06:
            t += " (v2)"
        elif y < 0.12:
            who = fill._bind("P")[0] if "P" not in fill.bound else fill.bound["P"][0]
            t += f" ({who.fr_full})"
        elif y < 0.18:
            t = rng.choice(("(Ministérielle Défense) ", "(Sommet) ", "(Analyse) ", "(Confidentiel) ")) + t
    return t


# --------------------------------------------------------------------------------------------
# Page furniture


def _fr_date(d: dt.date) -> str:
    return f"{'1er' if d.day == 1 else d.day} {FR_MONTHS[d.month - 1]} {d.year}"


def _en_date(d: dt.date) -> str:
    return f"{EN_MONTHS[d.month - 1]} {d.day}, {d.year}"


def _time(rng: Random) -> tuple[int, int]:
    return rng.randint(6, 22), rng.randrange(60)


def _caption_fr(rng: Random, when: dt.date) -> str:
    """A photo caption with a credit, dated before `when`."""
    p = _PEOPLE_Z.draw(rng)
    d = when - dt.timedelta(days=rng.randint(0, 30))
    place = rng.choice(CITIES_FR)
    x = rng.random()
    if x < 0.3:
        return f"{p.fr_full} {rng.choice(FR_CAPTION_EVENTS)} à {place} (crédit : {rng.choice(PHOTO_CREDITS_FR)})"
    if x < 0.45:
        return f"{p.fr_full} {rng.choice(FR_CAPTION_EVENTS)} le {'1er' if d.day == 1 else d.day} {FR_MONTHS[d.month - 1]} ({rng.choice(PHOTO_PEOPLE)})"
    if x < 0.75:
        what = rng.choice(("Des soldats ukrainiens", "Des militaires français", "Un char Leopard 2",
                           "Des secouristes", "Des habitants", "Un système de défense aérienne",
                           "Les ministres de la Défense de l'OTAN", "Des véhicules blindés"))
        where = rng.choice(FRONT_FR + CITIES_FR)
        return f"{what} à {where}, le {_fr_date(d)}. {rng.choice(PHOTOGRAPHERS)} / {rng.choice(PHOTO_AGENCIES)}"
    if x < 0.9:
        return f"{p.fr_full} à {place}, le {_fr_date(d)}. Photo : {rng.choice(PHOTO_PEOPLE)} / AFP"
    return f"{p.fr_full} {rng.choice(FR_CAPTION_EVENTS)} à {place}, le {_fr_date(d)} (crédit : {rng.choice(PHOTO_CREDITS_FR)})"


def _caption_en(rng: Random, when: dt.date) -> str:
    p = _PEOPLE_Z.draw(rng)
    d = when - dt.timedelta(days=rng.randint(0, 30))
    place = rng.choice(CITIES_EN)
    x = rng.random()
    if x < 0.4:
        return f"{p.en_full} speaks to reporters in {place} on {EN_MONTHS[d.month - 1]} {d.day}. Photo: {rng.choice(('Reuters', 'AP', 'AFP', 'EPA'))}"
    if x < 0.7:
        name = rng.choice(PHOTOGRAPHERS).title()
        return f"{p.en_full} in {place}, {EN_MONTHS[d.month - 1][:3]}. {d.day}, {d.year}. ({name}/Pool Photo via AP)"
    what = rng.choice(("Ukrainian soldiers", "Rescue workers", "A Patriot air defence battery", "NATO foreign ministers",
                       "Residents", "Armoured vehicles"))
    return f"{what} near {rng.choice(FRONT_EN)} on {EN_MONTHS[d.month - 1]} {d.day}. Photo: {rng.choice(('Reuters', 'AP', 'AFP'))}"


def _signoff(rng: Random) -> str:
    letters = "abcdefghijklmnoprstvy"
    return "/".join("".join(rng.choice(letters) for _ in range(rng.choice((2, 3, 3)))) for _ in range(rng.randint(2, 4)))


# --------------------------------------------------------------------------------------------
# Page renderers: each returns the page's blocks (joined by blank lines, or single newlines)


def _render_b2(rng: Random, arts: list[_Art], when: dt.date) -> list[str]:
    out = []
    if rng.random() < 0.5:
        out.append(rng.choice(("Accueil   Défense   Diplomatie UE   Crises   Sécurité   Pouvoirs",
                               "Confidentiels    Défense    Diplomatie UE    Crises")))
    for i, a in enumerate(arts):
        if i and rng.random() < 0.3:
            out.append(a.ap(_caption_fr(rng, a.published)))
        out.append(a.ap(a.title))
        tag = rng.choice(("(B2)", "(B2)", "(B2)", "(B2) ", "(B2 – à Bruxelles)", "(B2 au QG de l'OTAN)"))
        out.append(a.ap(f"{tag.strip()} {a.teaser_text()}"))
    if rng.random() < 0.6:
        out.append(rng.choice(("1   2   3   …   12   Suivant", "1 2 3 … 48 Suivant")))
    return out


def _render_wp(rng: Random, arts: list[_Art], when: dt.date) -> list[str]:
    out = [rng.choice(("Archives du mot-clé relations internationales", "Archives du mot-clé défense",
                       "Archives de la catégorie International", "Archives du mot-clé Otan"))]
    for a in arts:
        title = a.ap(a.title)
        out.append(title)
        if a.subtitle:
            out.append(a.ap(a.subtitle))
        else:
            out.append(a.teaser_text())
        if rng.random() < 0.12:
            out.append("Crédit photo : " + rng.choice(("AFP", "Reuters", "AP", "DR")))
        out.append(f"Lire la suite {title}")
    if rng.random() < TRAP_WP_NAVIGATION:
        out.append("Navigation des articles\n\nArticles plus anciens")
    return out


def _render_listing_en(rng: Random, arts: list[_Art], when: dt.date) -> list[str]:
    out = [rng.choice(("WORLD   EUROPE   DEFENSE   ENERGY   OPINION", "NEWS   WORLD   SECURITY   ANALYSIS")),
           "Subscribe | Sign in", "",
           rng.choice(("Europe & NATO", "Security and defence", "World news")),
           rng.choice(("Latest stories", "Latest news", "Most recent"))]
    for a in arts:
        author = rng.choice(AUTHORS_EN)
        if rng.random() < 0.15:
            author += " and " + rng.choice(AUTHORS_EN)
        out.append("\n".join((a.ap(a.title), f"By {author} | {_en_date(a.published)}", a.teaser_text(),
                              "Read more" + ("  " if rng.random() < 0.3 else ""))))
    out.append("Load more")
    n_most = 2 if rng.random() < TRAP_SHORT_MOST_READ else rng.choice((4, 5, 5))
    heads = [rng.choice(list(_EN_T[rng.choice(EVENT_TYPES)])) for _ in range(n_most)]
    most = []
    for n, h in enumerate(heads, 1):
        fake = _Art(-1, "en", "listing_en", "statement", when, False)
        most.append(f"{n}. {_Sentences(rng, fake).fill(h)}")
    out.append("Most read\n" + "\n".join(most))
    out.append("The Security Brief newsletter - every Tuesday in your inbox\nPrivacy | Terms | Contact us")
    return out


def _body_blocks(rng: Random, a: _Art, caption) -> list[str]:
    """Lead, a photo caption, then the body with its subheadings (full articles)."""
    out = [a.ap(" ".join(a.lead))]
    cap_at = rng.randint(0, 1)
    pars = a.paragraphs()
    if cap_at == 0 and caption:
        out.append(caption)
    for i, (_, text) in enumerate(pars):
        out.append(text)
        if i == 0 and cap_at == 1 and caption:
            out.append(caption)
    if not pars and cap_at == 1 and caption:
        out.append(caption)
    return out


def _render_tag(rng: Random, arts: list[_Art], when: dt.date) -> list[str]:
    out = []
    x = rng.random()
    if x < 0.4:
        out.append(rng.choice(("Blinken", "Otan", "Ukraine", "Sahel", "Iran", "Défense")))
    elif x < 0.7:
        out.append(rng.choice(("Étiquette : diplomatie", "Archives : sécurité européenne", "Mot-clé : sanctions")))
    for a in arts:
        out.append(a.ap(a.title))
        y = rng.random()
        if y < 0.5:
            out.append("Publié le")
        elif y < 0.8:
            h, m = _time(rng)
            out.append(f"Publié le {_fr_date(a.published)} à {h}h{m:02d}")
        else:
            out.append(f"Publié le {a.published.day:02d}/{a.published.month:02d}/{a.published.year}")
        cap = None
        if rng.random() < 0.7:
            cap = a.ap(_caption_fr(rng, a.published) if a.lang == "fr" else _caption_en(rng, a.published))
        blocks = _body_blocks(rng, a, cap)
        if a.dateline:
            blocks[0] = a.ap(a.dateline) + blocks[0]
        out.extend(blocks)
        out.append(rng.choice(("Lire la suite »", "Lire la suite »", "(… lire l’intégralité)",
                               "( … la suite sur le Monde)", "( … la suite sur Le Figaro)", "Lire la suite »")))
    return out


_FR_MENUS = [("Accueil", "International", "Défense", "Économie", "Culture"),
             ("Accueil", "Monde", "Europe", "Défense", "Opinions"),
             ("Accueil", "Actualités", "International", "Vidéos")]
_FR_KICKERS = ["DÉFENSE", "INTERNATIONAL", "EUROPE", "GUERRE EN UKRAINE", "DIPLOMATIE", "AFRIQUE", "PROCHE-ORIENT"]


def _render_single_fr(rng: Random, arts: list[_Art], when: dt.date) -> list[str]:
    (a,) = arts
    out = ["\n".join(rng.choice(_FR_MENUS)) + "\nSe connecter    \nS'abonner dès 1 € le premier mois"]
    if rng.random() < 0.7:
        out.append(rng.choice(_FR_KICKERS))
    out.append(a.ap(a.title))
    h, m = _time(rng)
    d = a.published
    head = [f"Par {rng.choice(AUTHORS_FR)}"] if rng.random() < 0.85 else []
    x = rng.random()
    if x < 0.6:
        head.append(f"Le {_fr_date(d)} à {h}h{m:02d}  ")
    elif x < 0.85:
        head.append(f"Publié le {_fr_date(d)} à {h}h{m:02d}")
    else:
        head.append(f"Publié le {d.day:02d}/{d.month:02d}/{d.year} à {h:02d}h{m:02d}")
    if rng.random() < 0.4:
        head.append(f"Mis à jour le {_fr_date(d)} à {min(h + rng.randint(1, 3), 23)}h{rng.randrange(60):02d}")
    out.append("\n".join(head) + "\n")
    cap = a.ap(_caption_fr(rng, d)) if rng.random() < 0.8 else None
    blocks = _body_blocks(rng, a, cap)
    if a.dateline:
        blocks[0] = a.ap(a.dateline) + blocks[0]
    out.extend(blocks)
    if rng.random() < 0.6:
        fake = _Art(-1, "fr", "full", "context", d, a.curly)
        t = _FR_T[rng.choice(EVENT_TYPES)]
        out.append(a.ap("Lire aussi : " + _Sentences(rng, fake).fill(t[rng.randrange(len(t))])))
    footer = ["Partager\nFacebook\nX (ex-Twitter)\nCopier le lien"]
    if rng.random() < 0.7:
        footer.append("Newsletter\nRecevez chaque matin l’essentiel de l’actualité internationale.\n"
                      "Votre adresse e-mail\nJe m'inscris")
    if rng.random() < 0.7:
        footer.append("Ce site utilise des cookies pour améliorer votre expérience de navigation, mesurer l’audience "
                      "et vous proposer des contenus personnalisés. En poursuivant votre navigation, vous acceptez "
                      "leur utilisation.\nAccepter et fermer    Paramétrer")
    footer.append(f"© {d.year} Tous droits réservés. Reproduction interdite sans autorisation.\n"
                  "Mentions légales | Politique de confidentialité | Contact")
    out.extend(footer)
    return out


def _render_single_en(rng: Random, arts: list[_Art], when: dt.date) -> list[str]:
    (a,) = arts
    out = ["Skip to main content\nNews    Ukraine war    Europe    Podcasts    Newsletters\nLog in"]
    if rng.random() < 0.4:
        out.append(rng.choice(("LIVE UPDATES ENDED", "ANALYSIS", "EXCLUSIVE", "WORLD")))
    out.append(a.ap(a.title))
    d = a.published
    head = []
    if rng.random() < 0.4:
        head.append(f"By {rng.choice(AUTHORS_EN)}")
    head.append(f"Published {d.day} {EN_MONTHS[d.month - 1]} {d.year}")
    if rng.random() < 0.5:
        h, m = _time(rng)
        head.append(f"Updated {d.day} {EN_MONTHS[d.month - 1]} {d.year}, {h:02d}:{m:02d} BST")
    out.append("\n".join(head))
    out.append(a.ap(" ".join(a.lead)))
    out.append("Share\nTweet\nEmail")
    if rng.random() < 0.8:
        out.append(a.ap(_caption_en(rng, d)))
    pars = a.paragraphs()
    for i, (_, text) in enumerate(pars):
        if i and i % 3 == 0 and rng.random() < 0.5:
            fake = _Art(-1, "en", "full_en", "context", d, a.curly)
            t = _EN_T[rng.choice(EVENT_TYPES)]
            text += "\n" + a.ap(f"[Related: {_Sentences(rng, fake).fill(t[rng.randrange(len(t))])}]")
        out.append(text)
    out.append("Share\nTweet\nEmail")
    out.append("Comments are closed on this article.\nBack to top")
    return out


def _render_agency(rng: Random, arts: list[_Art], when: dt.date) -> list[str]:
    out = ["Fil d'actualité - Dépêches\nToutes les dépêches   |   Europe   |   Monde   |   Défense  "]
    for a in arts:
        block = [a.ap(a.title), a.ap((a.dateline or "") + " ".join(a.lead))]
        sep = "\n" if rng.random() < 0.15 else "\n\n"
        pars = [t for _, t in a.paragraphs()]
        body = "\n\n".join(block)
        if pars:
            body += "\n\n" + sep.join(pars)
        agency = (a.dateline or "").rsplit("(", 1)[-1].split(")")[0]
        if agency == "AFP":
            body += "\n\n" + _signoff(rng)
        elif agency == "Reuters" and rng.random() < 0.6:
            body += (f"\n\n(Rédaction de {rng.choice(('Kiev', 'Moscou', 'Bruxelles', 'Paris'))} ; version française "
                     f"{rng.choice(AUTHORS_FR)}, édité par {rng.choice(AUTHORS_FR)})")
        out.append(body + "\n")
    out.append("Charger plus de dépêches\nLes dépêches sont diffusées sous la seule responsabilité des agences de presse.")
    return out


_RENDER = {"listing_b2": _render_b2, "listing_wp": _render_wp, "listing_en": _render_listing_en,
           "tag_fr": _render_tag, "single_fr": _render_single_fr, "single_en": _render_single_en,
           "agency_fr": _render_agency}
# which pool of articles a layout's articles come from (and reappear in)
_ART_KIND = {"listing_b2": "b2", "listing_wp": "wp", "listing_en": "listing_en", "tag_fr": "full",
             "single_fr": "full", "single_en": "full_en", "agency_fr": "agency"}


def _items_for(rng: Random, layout: str) -> int:
    kind = LAYOUT_KIND[layout]
    if kind == "listing":
        return rng.randint(5, 15)
    if kind == "tag":
        return rng.randint(2, 6)
    if kind == "agency":
        return rng.randint(2, 5)
    return 1


# --------------------------------------------------------------------------------------------
# The generator


def generate(n_articles: int, seed: int = 0) -> Iterator[Page]:
    """Pages holding exactly `n_articles` articles in all, deterministic for `seed`, streamed."""
    if n_articles < 0:
        raise ValueError("n_articles must be >= 0")
    rng = Random(seed)
    pools = {k: deque(maxlen=POOL_SIZE) for k in sorted(set(_ART_KIND.values()))}
    emitted = 0
    uid = 0
    index = 0
    while emitted < n_articles:
        x = rng.random()
        layout = _LAYOUT_NAMES[min(bisect.bisect_right(_LAYOUT_CUM, x * _LAYOUT_CUM[-1]), len(_LAYOUT_NAMES) - 1)]
        lang = LAYOUTS[layout][1]
        count = min(_items_for(rng, layout), n_articles - emitted)
        anchor = FIRST_DAY + dt.timedelta(days=rng.randrange(SPAN_DAYS + 1))
        curly = rng.random() < 0.5
        kind = _ART_KIND[layout]
        arts: list[_Art] = []
        fresh: list[_Art] = []
        first_uid = uid
        day = anchor
        for _ in range(count):
            art_kind, art_lang = kind, lang
            if layout == "tag_fr" and rng.random() < 0.12:  # an English article on a French tag page
                art_kind, art_lang = "full_en", "en"
            pool = pools[art_kind]
            on_page = {a.uid for a in arts}
            dup = False
            if pool and rng.random() < DUPLICATE_RATE:
                cand = pool[rng.randrange(len(pool))]
                if cand.uid not in on_page:
                    art = cand.copy()
                    dup = True
                    if rng.random() < CHANGED_SHARE:
                        _change_one_sentence(rng, art)
            if not dup:
                art = _new_article(rng, uid, art_lang, art_kind, day, curly)
                uid += 1
                fresh.append(art)
            arts.append(art)
            step = rng.randint(0, 2) if LAYOUT_KIND[layout] != "tag" else rng.randint(0, 40)
            day = max(FIRST_DAY, day - dt.timedelta(days=step))
        text = _join(rng, _RENDER[layout](rng, arts, anchor))
        infos = tuple(ArticleInfo(a.ap(a.title), a.lang, a.published, a.uid, a.uid < first_uid, a.changed,
                                  tuple(a.actors)) for a in arts)
        # yearless weekday dates that made it onto the page (a B2 teaser may be cut before one)
        weekdays = tuple(dict.fromkeys(w for a in arts for w in a.weekdays if w[0] in text))
        yield Page(index, f"p{index:07d}.txt", layout, lang, text, len(arts), infos, weekdays)
        for a in fresh:
            pools[a.kind].append(a)
        emitted += len(arts)
        index += 1


def _change_one_sentence(rng: Random, art: _Art) -> None:
    """Replace one sentence of the text with another one about the same event."""
    fill = _Sentences(rng, art)
    table = _FR_S if art.lang == "fr" else _EN_S
    group = table[art.etype]
    new = fill.fill(group[rng.randrange(len(group))])
    pars = [i for i, (k, _) in enumerate(art.body) if k == "p"]
    if pars and rng.random() < 0.8:
        sentences = art.body[rng.choice(pars)][1]
        sentences[rng.randrange(len(sentences))] = new
    else:
        art.lead[0 if art.cut is not None else rng.randrange(len(art.lead))] = new
    art.changed = True


def _join(rng: Random, blocks: list[str]) -> str:
    return "\n\n".join(b for b in blocks if b) + "\n"


# --------------------------------------------------------------------------------------------
# Writing a corpus to disk


def write_corpus(n_articles: int, seed: int, out: Path, manifest: bool = False) -> tuple[int, int, int]:
    """Write the pages under `out` (1,000 files a folder); returns (pages, articles, bytes)."""
    out.mkdir(parents=True, exist_ok=True)
    pages = articles = size = 0
    folder: Path | None = None
    mf = (out / "manifest.jsonl").open("w", encoding="utf-8") if manifest else None
    try:
        for page in generate(n_articles, seed):
            if page.index % 1000 == 0:
                folder = out / f"{page.index // 1000:03d}"
                folder.mkdir(exist_ok=True)
            data = page.text.encode("utf-8")
            (folder / page.name).write_bytes(data)
            pages += 1
            articles += page.articles
            size += len(data)
            if mf is not None:
                mf.write(json.dumps({
                    "file": f"{folder.name}/{page.name}", "layout": page.layout, "language": page.language,
                    "articles": [{"title": i.title, "language": i.language, "published": i.published.isoformat(),
                                  "uid": i.uid, "duplicate": i.duplicate, "changed": i.changed} for i in page.items],
                }, ensure_ascii=False) + "\n")
    finally:
        if mf is not None:
            mf.close()
    return pages, articles, size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, required=True, help="how many articles in all")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True, help="output folder (created)")
    parser.add_argument("--manifest", action="store_true", help="also write OUT/manifest.jsonl (expected articles)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    pages, articles, size = write_corpus(args.articles, args.seed, args.out, args.manifest)
    seconds = time.perf_counter() - start
    print(f"pages: {pages}")
    print(f"articles: {articles}")
    print(f"bytes: {size}")
    print(f"seconds: {seconds:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
