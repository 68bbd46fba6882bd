#!/usr/bin/env python3
"""Generate dictionaries/actors/people.generated.txt from the leader sources.

Sources (read from the shared data folder, never committed; data/ud/EWT is read only for
its list of lower-case English words, which keeps surnames such as "Bird" from being
aliases on their own):
  leaders/CountryInfo.120116.txt     Schrodt, CountryInfo (CC BY-SA 3.0): heads of state and
                                     government (<Leaders>, to 2012-01) and cabinets
                                     (<Government>, CIA World Leaders 2003-01..2011-02).
  leaders/reign_leaderlist_3_21.csv  REIGN leader list (Bell, Besaw and Frank, OEF Research),
                                     effective leaders to 2021-03.

Which people: every person who was a head of state or government (or US vice-president)
or a foreign or defence minister on or after 2000-01-01, in any state the sources cover.

Codes (see dictionaries/SOURCES.md): the default code is `-`; while in office the person is
<ISO3>GOV (defence ministers too: they are members of the government); in a gap between two
offices and after the last office ends (when it ends before the source does) the person is
<ISO3>ELI, a former leader. An office still held when its source ends: REIGN heads stay open
(`..`) because REIGN runs to 2021 and its leaders are mostly still prominent; CountryInfo
offices are closed at the source's end (2011-02 for the CIA cabinets, 2012-01 for <Leaders>),
because the sources say nothing later. dictionaries/actors/people.txt (kept by hand) carries
on after the sources: anyone with a name there is left out here, so the hand entry wins.

Deterministic: the same sources and people.txt give the same file byte for byte.

Usage: python3 scripts/gen_leaders.py --shared ../shared [--out FILE] [--people FILE]
"""

import argparse
import csv
import datetime as dt
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
START = dt.date(2000, 1, 1)
CI_LEADERS_END = dt.date(2012, 1, 16)  # file date of CountryInfo.120116
CI_GOV_END = dt.date(2011, 2, 28)  # CIA World Leaders coverage ends Feb 2011
CI_GOV_START = dt.date(2003, 1, 1)  # "<date" = in office when coverage began (Jan 2003)
REIGN_END = dt.date(2021, 3, 31)

# CountryInfo / CAMEO codes that differ from the ISO 3166 alpha-3 codes our dictionaries use.
CODE_FIX = {"TMP": "TLS", "ROM": "ROU", "ZAR": "COD"}

# COW state abbreviations (REIGN's `stateabb`) whose ISO code CountryInfo's <COW-Alpha>
# fields get wrong or lack. YUG: REIGN's entries from 2006 are Serbia's leaders.
COW_FIX = {"DRC": "COD", "CON": "COG", "PNG": "PNG", "GUI": "GIN", "BRU": "BRN",
           "GNB": "GNB", "SSD": "SSD", "YUG": "SRB", "GMY": "DEU"}

# Leaders-block offices that are heads of state or government (lower-cased tag names).
HEAD_RE = re.compile(
    r"president|prime minister|premier|chancellor|king|queen|emir|sultan|heads? of state|"
    r"heads? of government|supreme leader|chairm[ae]n of the (presidency|council|state|"
    r"executive|supreme)|chairman of the state|leader of the revolution|chief executive|"
    r"co-prime|general secretar|secretaries of the central|head of the interim|grand duke|"
    r"prince|captains regent|taoiseach"
)
HEAD_EXCLUDE_RE = re.compile(
    r"governor|administrator|commissioner|\bresident|lieutenant|assembly|senate|parliament|"
    r"legislative|chief minister"
)
# Government-block titles that are foreign or defence ministers. Heads come from <Leaders>
# and REIGN only: the CIA block lags (e.g. it still lists a premier years after he left).
MINISTER_RE = re.compile(
    r"(minister|secretary|secretaries)( of| for)?( state for)? (foreign|external) "
    r"(affairs|relations)|foreign minister|^secretary of state$|"
    r"(minister|secretary)( of| for)? (national |state )?defen[cs]e|defen[cs]e minister|"
    r"minister of (the )?armed forces"
)
MINISTER_EXCLUDE_RE = re.compile(
    r"deputy|vice|assistant|under|adviser|advisor|minister of state|state for|former|"
    r"acting|first secretary|delegate|representative|ambassador|chief of staff"
)

# Russian-style transliteration variants, applied to first names of the post-Soviet states.
POST_SOVIET = {"RUS", "UKR", "BLR", "KAZ", "UZB", "KGZ", "TJK", "TKM", "ARM", "AZE", "GEO",
               "MDA"}
FIRST_NAME_VARIANTS = {
    "aleksandr": ["Alexander"], "aleksey": ["Alexei", "Alexey", "Aleksei"],
    "andrey": ["Andrei", "Andriy"], "sergey": ["Sergei"], "dmitriy": ["Dmitry", "Dmitri"],
    "yuriy": ["Yuri", "Yury"], "yevgeniy": ["Yevgeny", "Evgeny"], "viktor": ["Victor"],
    "nikolay": ["Nikolai"], "anatoliy": ["Anatoly"], "gennadiy": ["Gennady"],
    "vitaliy": ["Vitaly"], "valeriy": ["Valery"], "grigoriy": ["Grigory"],
    "vasiliy": ["Vasily"], "arkadiy": ["Arkady"], "mikhail": ["Mikhail"],
}

# Surnames that are also common English words or names: never used alone as an alias.
SURNAME_STOP = {
    "king", "brown", "rice", "young", "paul", "martin", "james", "john", "thomas", "may",
    "bush", "lee", "white", "black", "green", "gray", "grey", "bell", "price", "hope",
    "long", "short", "smith", "jones", "little", "love", "rich", "may", "major", "ball",
    "stone", "hill", "wood", "park", "church", "hall", "bishop", "law", "good", "best",
    "ali", "khan", "singh", "kim", "wang", "li", "zhang", "chen", "liu", "abdullah",
    "hussein", "ahmed", "mohamed", "mohammed", "muhammad", "hassan", "ibrahim", "said",
    "mahmoud", "omar", "salem", "saleh", "nasser", "rahman", "hamad", "khalifa", "sultan",
    "faisal", "abdul", "kabila", "castro", "gandhi", "clinton", "kennedy", "johnson",
    "wilson", "taylor", "moore", "clark", "lewis", "walker", "allen", "scott", "adams",
    "baker", "nelson", "mitchell", "roberts", "carter", "phillips", "evans", "turner",
    "parker", "collins", "edwards", "stewart", "morris", "murphy", "cook", "rogers",
    "morgan", "cooper", "peterson", "reed", "bailey", "kelly", "howard", "cox", "ward",
    "richardson", "watson", "brooks", "wright", "mills", "rose", "grant", "hunt", "fox",
    "wells", "west", "cole", "ford", "ross", "jordan", "chad", "mali", "georgia", "china",
    "santos", "silva", "garcia", "lopez", "perez", "gonzalez", "rodriguez", "fernandez",
    "martinez", "sanchez", "ramirez", "torres", "flores", "rivera", "gomez", "diaz",
    "moreno", "alvarez", "romero", "herrera", "medina", "castillo", "vargas", "ramos",
    "ruiz", "mendoza", "ortiz", "morales", "jimenez", "sato", "suzuki", "tanaka",
    "nguyen", "tran", "pham", "le", "ba", "sow", "diallo", "traore", "keita", "toure",
    "kone", "camara", "ndiaye", "mbeki", "zuma", "banda", "phiri", "mwale", "yusuf",
    "musa", "bello", "abubakar", "umar", "usman", "aziz", "karim", "salam", "jaber",
    "ahmad", "rashid", "zayed", "al", "bin", "ibn", "van", "von", "de", "da", "del",
    "dos", "la", "du", "el", "haji", "sheikh", "prince", "emir", "shah", "noor", "nur",
    "jr.", "sr.", "ii", "iii", "iv", "thani", "sabah", "nahyan", "nahayan", "khalifah",
    "saud", "busaidi", "hashimi", "assad", "bhutto", "sharif", "aliyev", "deby", "manning",
    "meta", "mesa", "gore", "nathan", "scotty", "luka", "diogo", "yukio", "shaw", "spencer",
    "thompson", "goodwin", "sharon", "burg", "bremer", "conti", "gatti", "gomes", "pereira",
    "carvalho", "nakamura", "bani", "moli", "lilo", "sein", "linh", "ulaan", "haque",
    "estrada", "toledo", "aquino", "fujimori", "abbott", "wade", "filip", "brega", "lugo",
    "rajapakse", "rajapaksa", "boni", "sama", "seck", "kern",
    "blah", "harris", "robinson", "christie", "mancini", "neptune", "elizabeth", "vazquez",
}

# REIGN often gives a surname only; a surname alone is too ambiguous to be a dictionary
# entry, so these are the full names (facts) of the REIGN leaders from 2005 on that the
# CountryInfo file does not already name. Keyed by (REIGN state, REIGN name).
REIGN_FULL = {
    ("USA", "Obama"): "Barack Obama", ("CAN", "Harper"): "Stephen Harper",
    ("MEX", "Calderon"): "Felipe Calderon", ("GUA", "Colom"): "Alvaro Colom",
    ("GUA", "Molina"): "Otto Perez Molina", ("GUA", "Morales"): "Jimmy Morales",
    ("GUA", "Giammattei"): "Alejandro Giammattei", ("HON", "Zelaya"): "Manuel Zelaya",
    ("HON", "Micheletti"): "Roberto Micheletti", ("HON", "Lobo"): "Porfirio Lobo",
    ("SAL", "Funes"): "Mauricio Funes", ("COS", "Arias"): "Oscar Arias",
    ("COS", "Miranda"): "Laura Chinchilla Miranda", ("PAN", "Martinelli"): "Ricardo Martinelli",
    ("HAI", "Martelly"): "Michel Martelly", ("HAI", "Preval"): "Rene Preval",
    ("JAM", "Holness"): "Andrew Holness", ("JAM", "Golding"): "Bruce Golding",
    ("TRI", "Rowley"): "Keith Rowley", ("TRI", "Persad-Bissessar"): "Kamla Persad-Bissessar",
    ("SUR", "Bouterse"): "Desi Bouterse", ("SUR", "Santokhi"): "Chan Santokhi",
    ("BRA", "Rousseff"): "Dilma Rousseff", ("BRA", "Temer"): "Michel Temer",
    ("BRA", "Bolsonaro"): "Jair Bolsonaro", ("BOL", "Anez"): "Jeanine Anez",
    ("BOL", "Arce"): "Luis Arce", ("PAR", "Benitez"): "Mario Abdo Benitez",
    ("ARG", "Macri"): "Mauricio Macri", ("ARG", "Fernandez"): "Alberto Fernandez",
    ("UKG", "Brown"): "Gordon Brown", ("UKG", "Cameron"): "David Cameron",
    ("UKG", "May"): "Theresa May", ("UKG", "Johnson"): "Boris Johnson",
    ("IRE", "Varadkar"): "Leo Varadkar", ("IRE", "Martin"): "Micheal Martin",
    ("BEL", "Leterme"): "Yves Leterme", ("LUX", "Bettel"): "Xavier Bettel",
    ("FRN", "Sarkozy"): "Nicolas Sarkozy", ("FRN", "Hollande"): "Francois Hollande",
    ("SPN", "Sanchez"): "Pedro Sanchez", ("GMY", "Merkel"): "Angela Merkel",
    ("POL", "Kaczynski"): "Jaroslaw Kaczynski", ("POL", "Komorowski"): "Bronislaw Komorowski",
    ("POL", "Duda"): "Andrzej Duda", ("AUS", "Gusenbauer"): "Alfred Gusenbauer",
    ("AUS", "Faymann"): "Werner Faymann", ("AUS", "Kern"): "Christian Kern",
    ("AUS", "Kurz"): "Sebastian Kurz", ("AUS", "Bierlein"): "Brigitte Bierlein",
    ("HUN", "Bajnai"): "Gordon Bajnai", ("CZR", "Topolanek"): "Mirek Topolanek",
    ("CZR", "Fischer"): "Jan Fischer", ("CZR", "Necas"): "Petr Necas",
    ("CZR", "Sobotka"): "Bohuslav Sobotka", ("SLO", "Radicova"): "Iveta Radicova",
    ("SLO", "Pellegrini"): "Peter Pellegrini", ("SLO", "Matovic"): "Igor Matovic",
    ("ITA", "Prodi"): "Romano Prodi", ("ITA", "Monti"): "Mario Monti",
    ("ITA", "Letta"): "Enrico Letta", ("ITA", "Renzi"): "Matteo Renzi",
    ("ITA", "Gentiloni"): "Paolo Gentiloni", ("ITA", "Conte"): "Giuseppe Conte",
    ("ITA", "Draghi"): "Mario Draghi", ("MLT", "Muscat"): "Joseph Muscat",
    ("MLT", "Abela"): "Robert Abela", ("ALB", "Rama"): "Edi Rama",
    ("ALB", "Berisha"): "Sali Berisha", ("MNG", "Dukanovic"): "Milo Djukanovic",
    ("MAC", "Gruevski"): "Nikola Gruevski", ("MAC", "Zaev"): "Zoran Zaev",
    ("CRO", "Kosor"): "Jadranka Kosor", ("CRO", "Milanovic"): "Zoran Milanovic",
    ("CRO", "Plenkovic"): "Andrej Plenkovic", ("YUG", "Cvetkovic"): "Mirko Cvetkovic",
    ("YUG", "Dacic"): "Ivica Dacic", ("YUG", "Vucic"): "Aleksandar Vucic",
    ("KOS", "Thaci"): "Hashim Thaci", ("KOS", "Mustafa"): "Isa Mustafa",
    ("KOS", "Kurti"): "Albin Kurti", ("KOS", "Hoti"): "Avdullah Hoti",
    ("SLV", "Sarec"): "Marjan Sarec", ("SLV", "Jansa"): "Janez Jansa",
    ("GRC", "Samaras"): "Antonis Samaras", ("GRC", "Tsipras"): "Alexis Tsipras",
    ("GRC", "Mitsotakis"): "Kyriakos Mitsotakis", ("ROM", "Iohannis"): "Klaus Iohannis",
    ("EST", "Ansip"): "Andrus Ansip", ("EST", "Roivas"): "Taavi Roivas",
    ("EST", "Ratas"): "Juri Ratas", ("LAT", "Dombrovskis"): "Valdis Dombrovskis",
    ("LAT", "Karins"): "Krisjanis Karins", ("LIT", "Grybauskaite"): "Dalia Grybauskaite",
    ("LIT", "Nauseda"): "Gitanas Nauseda", ("UKR", "Yushchenko"): "Viktor Yushchenko",
    ("UKR", "Yanukovych"): "Viktor Yanukovych", ("UKR", "Turchynov"): "Oleksandr Turchynov",
    ("UKR", "Poroshenko"): "Petro Poroshenko", ("ARM", "Sargsyan"): "Serzh Sargsyan",
    ("ARM", "Karapetyan"): "Karen Karapetyan", ("GRG", "Saakashvili"): "Mikheil Saakashvili",
    ("GRG", "Margvelashvili"): "Giorgi Margvelashvili", ("GRG", "Bakhtadze"): "Mamuka Bakhtadze",
    ("GRG", "Gakharia"): "Giorgi Gakharia", ("FIN", "Katainen"): "Jyrki Katainen",
    ("FIN", "Stubb"): "Alexander Stubb", ("FIN", "Sipila"): "Juha Sipila",
    ("SWD", "Reinfeldt"): "Fredrik Reinfeldt", ("SWD", "Lofven"): "Stefan Lofven",
    ("NOR", "Stoltenberg"): "Jens Stoltenberg", ("NOR", "Solberg"): "Erna Solberg",
    ("DEN", "Thorning-Schmidt"): "Helle Thorning-Schmidt",
    ("DEN", "Rasmussen"): "Lars Lokke Rasmussen", ("GAM", "Barrow"): "Adama Barrow",
    ("MLI", "Sanogo"): "Amadou Sanogo", ("MLI", "Keita"): "Ibrahim Boubacar Keita",
    ("BEN", "Talon"): "Patrice Talon", ("NIR", "Issoufou"): "Mahamadou Issoufou",
    ("CDI", "Ouattara"): "Alassane Ouattara", ("GUI", "Conde"): "Alpha Conde",
    ("BFO", "Kabore"): "Roch Marc Christian Kabore", ("LBR", "Weah"): "George Weah",
    ("GHA", "Mahama"): "John Mahama", ("GHA", "Akufo-Addo"): "Nana Akufo-Addo",
    ("NIG", "Yar'Adua"): "Umaru Yar'Adua", ("NIG", "Buhari"): "Muhammadu Buhari",
    ("GAB", "Ondimba"): "Ali Bongo Ondimba", ("CEN", "Djotidia"): "Michel Djotodia",
    ("CEN", "Samba-Panza"): "Catherine Samba-Panza", ("CEN", "Touadera"): "Faustin-Archange Touadera",
    ("KEN", "Kenyatta"): "Uhuru Kenyatta", ("TAZ", "Kikwete"): "Jakaya Kikwete",
    ("TAZ", "Magufuli"): "John Magufuli", ("BUI", "Nkurunziza"): "Pierre Nkurunziza",
    ("BUI", "Ndayishimiye"): "Evariste Ndayishimiye", ("ETH", "Desalegn"): "Hailemariam Desalegn",
    ("ANG", "Lourenco"): "Joao Lourenco", ("MZM", "Guebuza"): "Armando Guebuza",
    ("MZM", "Nyussi"): "Filipe Nyusi", ("ZAM", "Sata"): "Michael Sata",
    ("ZAM", "Lungu"): "Edgar Lungu", ("ZIM", "Mnangagwa"): "Emmerson Mnangagwa",
    ("MAW", "Mutharika"): "Peter Mutharika", ("MAW", "Chakewera"): "Lazarus Chakwera",
    ("SAF", "Motlanthe"): "Kgalema Motlanthe", ("SAF", "Zuma"): "Jacob Zuma",
    ("SAF", "Ramaphosa"): "Cyril Ramaphosa", ("NAM", "Geingob"): "Hage Geingob",
    ("MAG", "Rajoelina"): "Andry Rajoelina", ("ALG", "Tebboune"): "Abdelmadjid Tebboune",
    ("TUN", "Marzouki"): "Moncef Marzouki", ("TUN", "Essebi"): "Beji Caid Essebsi",
    ("TUN", "Saied"): "Kais Saied", ("SSD", "Kiir"): "Salva Kiir",
    ("IRN", "Ahmadinejad"): "Mahmoud Ahmadinejad", ("IRN", "Rouhani"): "Hassan Rouhani",
    ("IRQ", "al-Jaafari"): "Ibrahim al-Jaafari", ("IRQ", "al-Maliki"): "Nouri al-Maliki",
    ("IRQ", "al-Abadi"): "Haider al-Abadi", ("IRQ", "Abdul-Mahdi"): "Adil Abdul-Mahdi",
    ("IRQ", "Al-Kadhimi"): "Mustafa al-Kadhimi", ("EGY", "Tantawi"): "Mohamed Hussein Tantawi",
    ("EGY", "Morsi"): "Mohamed Morsi", ("EGY", "Mansour"): "Adly Mansour",
    ("LEB", "Siniora"): "Fouad Siniora", ("LEB", "Suleiman"): "Michel Suleiman",
    ("LEB", "Salam"): "Tammam Salam", ("ISR", "Olmert"): "Ehud Olmert",
    ("YEM", "Hadi"): "Abd Rabbuh Mansur Hadi", ("TKM", "Berdymukhammedov"): "Gurbanguly Berdimuhamedow",
    ("KYR", "Bakiyev"): "Kurmanbek Bakiyev", ("KYR", "Otunbayeva"): "Roza Otunbayeva",
    ("KYR", "Atambayev"): "Almazbek Atambayev", ("MON", "Elbegdorj"): "Tsakhiagiin Elbegdorj",
    ("PAK", "Zardari"): "Asif Ali Zardari", ("PAK", "Abbasi"): "Shahid Khaqan Abbasi",
    ("SRI", "Sirisena"): "Maithripala Sirisena", ("MAD", "Nasheed"): "Mohamed Nasheed",
    ("NEP", "Prachanda"): "Pushpa Kamal Dahal", ("NEP", "Oli"): "KP Sharma Oli",
    ("NEP", "Bhattarai"): "Baburam Bhattarai", ("NEP", "Koirala"): "Sushil Koirala",
    ("THI", "Yingluck"): "Yingluck Shinawatra", ("THI", "Vejjajiva"): "Abhisit Vejjajiva",
    ("THI", "Sundaravej"): "Samak Sundaravej", ("THI", "Wongsawat"): "Somchai Wongsawat",
    ("THI", "Chulanont"): "Surayud Chulanont", ("LAO", "Vorachit"): "Bounnhang Vorachith",
    ("AUL", "Rudd"): "Kevin Rudd", ("AUL", "Gillard"): "Julia Gillard",
    ("AUL", "Abbott"): "Tony Abbott", ("AUL", "Turnbull"): "Malcolm Turnbull",
    ("AUL", "Morrison"): "Scott Morrison", ("PNG", "O'Neill"): "Peter O'Neill",
    ("POR", "De Sousa"): "Marcelo Rebelo de Sousa",
    ("FIJ", "Bainimarama"): "Frank Bainimarama", ("ETM", "Ramos-Horta"): "Jose Ramos-Horta",
}

MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def parse_ymd(s, where):
    """Parse YYYYMMDD, clamping impossible days (the source writes 20060431 for 'end of
    April') to the month's last day."""
    if not re.fullmatch(r"\d{8}", s):
        raise ValueError(f"{where}: bad date {s!r}")
    y, m, d = int(s[:4]), int(s[4:6]), int(s[6:8])
    m = min(max(m, 1), 12)
    d = max(d, 1)
    while True:
        try:
            return dt.date(y, m, min(d, MONTH_DAYS[m - 1]))
        except ValueError:
            d -= 1  # 29 February in a common year


def clean_name(raw):
    """`VLADIMIR_VLADIMIROVICH_PUTIN_` -> `Vladimir Vladimirovich Putin`."""
    s = raw.strip().strip("_").replace("_", " ")
    s = re.sub(r"\s+", " ", s).strip(" ,")
    if not s:
        return None
    words = []
    for w in s.split(" "):
        if re.fullmatch(r"(?i)(ii|iii|iv|vi)", w):
            words.append(w.upper())
        else:
            words.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    s = " ".join(words)
    s = re.sub(r"\b(Mc|Mac)([a-z])", lambda m: m.group(1) + m.group(2).upper(), s)
    s = re.sub(r"'([a-z])", lambda m: "'" + m.group(1).upper(), s)
    # honorifics and quoted nicknames are not part of the name as news writes it
    s = re.sub(r'\s*"[^"]*"?', "", s)
    s = re.sub(r"^(Ratu Sir|Sir|Ratu|Dr\.?|Gen\.?|Col\.?|Maj\.?|Hojatolislam|Samdech|"
               r"Sheikh Dr\.?) ", "", s)
    return s.strip() or None


def name_key(name):
    """Case- and accent-folded key (Dačić = Dacic), like the lexicon's name key."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9 ]", "", folded.lower().replace("-", " "))).strip()


class Person:
    def __init__(self, country):
        self.country = country
        self.names = []  # in order of first appearance
        self.terms = []  # (start, end_or_None, office, source, open_at_source_end)

    def add_name(self, n):
        if n and n not in self.names:
            self.names.append(n)

    def keys(self):
        return {name_key(n) for n in self.names}


class Registry:
    def __init__(self):
        self.by_country = defaultdict(list)

    def find(self, country, names):
        keys = {name_key(n) for n in names}
        for p in self.by_country[country]:
            if p.keys() & keys:
                return p
        return None

    def get(self, country, names):
        p = self.find(country, names)
        if p is None:
            p = Person(country)
            self.by_country[country].append(p)
        for n in names:
            p.add_name(n)
        return p


def split_names(field):
    """`{A_}{B_}` or `A_` -> list of cleaned names."""
    field = field.strip()
    if field.startswith("{"):
        parts = re.findall(r"\{([^}]*)\}", field)
    else:
        parts = [field]
    return [n for n in (clean_name(p) for p in parts) if n]


def country_code(raw):
    code = raw.strip().split()[-1] if raw.strip() else ""
    code = CODE_FIX.get(code, code)
    return code if re.fullmatch(r"[A-Z]{3}", code) else None


def read_countryinfo(path, reg, stats):
    """Read heads (Leaders) and foreign/defence ministers (Government); return COW->ISO."""
    text = path.read_text(encoding="utf-8", errors="replace")
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    cow = {}
    code = None
    block = None
    office = None
    for lineno, line in enumerate(text.split("\n"), 1):
        where = f"{path.name}:{lineno}"
        s = line.strip()
        m = re.match(r"<CountryCode>(.*)</CountryCode>", s)
        if m:
            code = country_code(m.group(1))
            block = None
            continue
        m = re.match(r"<COW-Alpha>(.*)</COW-Alpha>", s)
        if m and code and re.fullmatch(r"[A-Z]{3}", m.group(1).strip()):
            cow.setdefault(m.group(1).strip(), code)
            continue
        if s in ("<Leaders>", "<Government>"):
            block = s[1:-1]
            office = None
            continue
        if s in ("</Leaders>", "</Government>", "</Country>"):
            block = None
            continue
        if block is None or code is None or not s:
            continue
        if block == "Government" and s.startswith("#<"):
            office = s[2:].rstrip(">").strip()  # USA: "#<Secretary of State>" headers
            continue
        if s.startswith("#"):
            continue
        if block == "Leaders":
            m = re.fullmatch(r"<(/?)([^<>]+)>", s)
            if m:
                office = None if m.group(1) else m.group(2).strip()
                continue
            if office is None:
                continue
            low = office.lower()
            if not HEAD_RE.search(low) or HEAD_EXCLUDE_RE.search(low):
                continue
            body = s.split("#", 1)[0]
            mname = re.match(r"((?:\{[^}]*\})+|\S+)", body)
            if not mname:
                continue
            names = split_names(mname.group(1))
            for a, b, gt in re.findall(r"\[\s*(?:(\d{8})\s*-\s*(\d{8})|>\s*(\d{8}))\s*\]", body):
                if gt:
                    start, end, opened = parse_ymd(gt, where), CI_LEADERS_END, True
                else:
                    start, end, opened = parse_ymd(a, where), parse_ymd(b, where), False
                if end < START or not names:
                    continue
                p = reg.get(code, names)
                p.terms.append((start, end, office_label(office), "CountryInfo", opened))
                stats["ci_leader_terms"] += 1
        else:
            body, _, comment = s.partition("#")
            mname = re.match(r"((?:\{[^}]*\})+|[^\s\[]+)", body.strip())
            if not mname:
                continue
            names = split_names(mname.group(1))
            brackets = re.findall(r"\[([A-Z]{3,}[A-Z]*)\s+([^\]]*)\]", body)
            titles = [t.strip().strip('"') for t in comment.split(" & ")] if comment.strip() else []
            titles = [re.sub(r'\s*"[^"]*"', "", t).strip() for t in titles]
            if office:
                titles = [office] * len(brackets)
            elif len(titles) == 1:
                titles = titles * len(brackets)
            if len(titles) != len(brackets):
                stats["ci_gov_ambiguous"] += 1
                continue
            for (acode, rng), title in zip(brackets, titles):
                tl = title.lower()
                if not MINISTER_RE.search(tl) or MINISTER_EXCLUDE_RE.search(tl):
                    continue
                rng = rng.strip()
                m1 = re.fullmatch(r"(\d{8})\s*-\s*(\d{8})", rng)
                m2 = re.fullmatch(r"([<>])\s*(\d{8})", rng)
                if m1:
                    start, end, opened = parse_ymd(m1.group(1), where), parse_ymd(m1.group(2), where), False
                elif m2 and m2.group(1) == "<":
                    start, end, opened = CI_GOV_START, parse_ymd(m2.group(2), where), False
                elif m2:
                    start = parse_ymd(m2.group(2), where)
                    end = CI_GOV_END if start <= CI_GOV_END else CI_LEADERS_END
                    opened = True
                else:
                    stats["ci_gov_bad_range"] += 1
                    continue
                if end < START or not names or end < start:
                    continue
                p = reg.get(code, names)
                p.terms.append((start, end, title_label(title), "CountryInfo", opened))
                stats["ci_minister_terms"] += 1
    return cow


def office_label(office):
    o = office.lower()
    for pat, lab in (("vice", "vice-president"), ("prime", "prime minister"),
                     ("premier", "prime minister"), ("chancellor", "chancellor"),
                     ("president", "president"), ("king", "monarch"), ("queen", "monarch"),
                     ("emir", "monarch"), ("sultan", "monarch"), ("prince", "monarch"),
                     ("grand duke", "monarch")):
        if pat in o:
            return lab
    return "head of state or government"


def title_label(title):
    t = title.lower()
    if re.search(r"defen[cs]e|armed forces", t):
        return "defence minister"
    if re.search(r"foreign|external|secretary of state", t):
        return "foreign minister"
    return office_label(title)


def read_reign(path, cow, reg, stats):
    rows = []
    # The file is UTF-8 with a few stray Windows-1252 bytes: decode line by line.
    lines = []
    for raw in path.read_bytes().split(b"\n"):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(raw.decode("cp1252", errors="replace"))
    for lineno, row in enumerate(csv.reader(lines), 1):
        if lineno == 1 or len(row) < 9:
            continue
        rows.append((lineno, row))
    by_state = defaultdict(list)
    for lineno, row in rows:
        by_state[row[0]].append((lineno, row))
    for state in sorted(by_state):
        entries = by_state[state]
        code = COW_FIX.get(state) or CODE_FIX.get(cow.get(state, ""), cow.get(state))
        for i, (lineno, row) in enumerate(entries):
            where = f"{path.name}:{lineno}"
            try:
                start = dt.date(int(row[6]), int(row[5]), int(row[4]))
            except ValueError:
                stats["reign_bad_date"] += 1
                continue
            if row[8].strip():
                ey, em = int(row[8]), int(row[7])
                end = dt.date(ey, em, MONTH_DAYS[em - 1] if em != 2 else 28)
                # the successor's first day bounds the (day-less) end month
                if i + 1 < len(entries):
                    nrow = entries[i + 1][1]
                    try:
                        nstart = dt.date(int(nrow[6]), int(nrow[5]), int(nrow[4]))
                        if nstart.year == ey and nstart.month == em and nstart > start:
                            end = nstart - dt.timedelta(days=1)
                    except ValueError:
                        pass
                opened = False
            else:
                end, opened = None, True
            if (end or REIGN_END) < START:
                continue
            if code is None:
                stats["reign_unknown_state"] += 1
                continue
            raw = re.sub(r"\(.*?\)", "", row[3]).strip()
            raw = REIGN_FULL.get((state, raw), raw)
            person = match_reign(reg, code, raw, start, end or REIGN_END)
            if person is None:
                toks = raw.replace(".", ". ").split()
                if len(toks) < 2 or any(len(t.rstrip(".")) <= 1 for t in toks):
                    stats["reign_skipped_surname_only"] += 1
                    continue
                person = reg.get(code, [clean_name(raw.replace(" ", "_"))])
            person.terms.append((start, end, "effective leader", "REIGN", opened))
            stats["reign_terms"] += 1
            _ = where


def match_reign(reg, code, raw, start, end):
    toks = [name_key(t) for t in raw.replace(".", " ").split() if len(t.rstrip(".")) > 1]
    if not toks:
        return None
    best = None
    for p in reg.by_country[code]:
        if not any(all(t in name_key(n).split() for t in toks) for n in p.names):
            continue
        overlap = any(s <= end and start <= (e or REIGN_END) for s, e, *_ in p.terms)
        near = any(abs((s - start).days) < 800 or (e and abs((e - start).days) < 800)
                   for s, e, *_ in p.terms)
        score = 2 if overlap else (1 if near else 0)
        if score and (best is None or score > best[0]):
            best = (score, p)
    return best[1] if best else None


def merge(terms):
    """Union of inclusive date ranges; None end = open."""
    iv = sorted(terms, key=lambda t: t[0])
    out = []
    for s, e, opened in iv:
        if out and (out[-1][1] is None or s <= out[-1][1] + dt.timedelta(days=1)):
            ps, pe, po = out[-1]
            if pe is None or e is None:
                out[-1] = (ps, None, True)
            elif e > pe:
                out[-1] = (ps, e, opened)
            else:
                out[-1] = (ps, pe, po)
        else:
            out.append((s, e, opened))
    return out


def aliases(p):
    names = []
    for n in p.names:
        names.append(n)
        toks = n.split(" ")
        if len(toks) >= 3:
            # drop middle initials: "Robert M. Gates" -> "Robert Gates"
            short = [t for i, t in enumerate(toks)
                     if i in (0, len(toks) - 1) or not re.fullmatch(r"[A-Z]\.", t)]
            names.append(" ".join(short))
        if p.country in POST_SOVIET and toks:
            for v in FIRST_NAME_VARIANTS.get(toks[0].lower(), []):
                names.append(" ".join([v] + toks[1:]))
    seen, out = set(), []
    for n in names:
        k = n.lower()
        # a one-word name (REIGN's "Albert") or a pair ("Cardelli And Dolcini") is no alias
        if " " not in n.strip() or " And " in n:
            continue
        if k not in seen:
            seen.add(k)
            out.append(n)
    return out


def surname(p):
    """The bare surname used as an alias: only from a two-word name (or first name,
    initial, surname), because in longer names the last word is often not the name
    people use (Spanish maternal surnames, Arabic nasab chains)."""
    toks = [t for t in p.names[0].split(" ")
            if t.lower().rstrip(".,") not in ("jr", "sr", "ii", "iii", "iv")]
    if len(toks) == 3 and re.fullmatch(r"[A-Z]\.", toks[1]):
        toks = [toks[0], toks[2]]
    if len(toks) != 2 or re.match(r"(?i)(al|el|ibn|bin|bint|abu|ould|van|von|de|da|di)\b", toks[1]):
        return None
    return toks[1]


def english_words(shared):
    """Lower-case word forms of UD English-EWT (in the shared folder): a surname that is
    also an English word ("Parts", "Gross", "Bird", "Manning") is never an alias alone."""
    words = set()
    for name in ("en_ewt-ud-train.conllu", "en_ewt-ud-dev.conllu", "en_ewt-ud-test.conllu"):
        f = Path(shared) / "data" / "ud" / "EWT" / name
        if not f.exists():
            continue
        for line in f.read_text(encoding="utf-8").split("\n"):
            cols = line.split("\t")
            if len(cols) > 2 and cols[0].isdigit() and cols[1].islower():
                words.add(cols[1])
    return words


def read_hand_people(path):
    """(country, name tokens, GOV ranges) of each hand-kept person, to find the same
    person spelt differently in the sources."""
    out = []
    if not path.exists():
        return out
    for line in path.read_text(encoding="utf-8").split("\n"):
        line = re.sub(r"(^|\s)#.*", "", line).rstrip()
        fields = line.split("\t")
        if len(fields) < 3:
            continue
        toks = {name_key(n).split()[-1] for n in fields[1].split("; ") if name_key(n)}
        for dc in " ".join(fields[2:]).split():
            m = re.fullmatch(r"([A-Z]{3})GOV@([0-9-]*)\.\.([0-9-]*)", dc)
            if m:
                lo = parse_loose(m.group(2), False) or dt.date(1, 1, 1)
                hi = parse_loose(m.group(3), True) or dt.date(9999, 12, 31)
                out.append((m.group(1), toks, lo, hi))
    return out


def parse_loose(s, end):
    """YYYY, YYYY-MM or YYYY-MM-DD; a partial date is the start or end of its period."""
    if not s:
        return None
    parts = [int(x) for x in s.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        y, m = parts
        return dt.date(y, m, MONTH_DAYS[m - 1] if end and m != 2 else (28 if end else 1))
    return dt.date(parts[0], 12, 31) if end else dt.date(parts[0], 1, 1)


def same_as_hand(p, hand_people):
    """True when a hand-kept person of the same country has the same surname (last
    word, 3+ letters, not a dynasty or common name part) and holds office over at least
    half of this person's time in office since 2000: the sources' spelling of someone
    people.txt already has (Hasina Wazed / Sheikh Hasina Wazed, Ilhma Aliyev)."""
    cands = set()
    for n in p.names:
        toks = name_key(n).split()
        if toks and len(toks[-1]) >= 3 and toks[-1] not in SURNAME_STOP:
            cands.add(toks[-1])
    if not cands:
        return False
    spans = [(max(s, START), e or REIGN_END) for s, e, *_ in p.terms]
    total = sum(max((e - s).days + 1, 0) for s, e in spans)
    if total <= 0:
        return False
    for country, toks, lo, hi in hand_people:
        if country != p.country or not (cands & toks):
            continue
        shared = sum(max((min(e, hi) - max(s, lo)).days + 1, 0) for s, e in spans)
        if shared * 2 >= total:
            return True
    return False


def read_hand_names(path):
    names = set()  # normalised names of one of our actor files
    if not path.exists():
        return names
    for line in path.read_text(encoding="utf-8").split("\n"):
        line = re.sub(r"(^|\s)#.*", "", line).rstrip()
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) >= 2:
            names.update(name_key(n) for n in fields[1].split("; ") if n.strip())
    return names


NOTICE = """\
# people.generated.txt -- GENERATED by scripts/gen_leaders.py; do not edit by hand.
# Regenerate: python3 scripts/gen_leaders.py --shared ../shared
#
# Heads of state and government (and US vice-presidents) from 2000 on, and foreign and
# defence ministers 2003-2011, with dated codes: <ISO3>GOV in office, <ISO3>ELI between and
# after offices; default `-`. People kept by hand in people.txt are left out here.
#
# Derived from:
#  * CountryInfo.120116.txt, Copyright (c) 2012 Philip A. Schrodt, The Event Data Project,
#    Penn State (http://eventdata.psu.edu), with Mathias Heilke, Jay Yonamine, Marsha Sowell
#    and Cecilia Mills; leaders from rulers.org, cabinets from the CIA World Leaders.
#    Licensed under the Creative Commons Attribution-ShareAlike 3.0 Unported License
#    (http://creativecommons.org/licenses/by-sa/3.0/). This file is an adaptation of that
#    work and is distributed under the same licence, CC BY-SA 3.0.
#  * REIGN dataset leader list (reign_leaderlist, March 2021): Bell, Curtis, Clayton Besaw
#    and Matthew Frank. 2021. The Rulers, Elections, and Irregular Governance (REIGN)
#    Dataset. Broomfield, CO: OEF Research. Available at oefresearch.org. Facts (names and
#    dates of effective leaders) used with credit to the REIGN authors.
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared"),
                    help="the shared data folder (contains data/leaders)")
    ap.add_argument("--out", default=str(REPO / "dictionaries/actors/people.generated.txt"))
    ap.add_argument("--people", default=str(REPO / "dictionaries/actors/people.txt"),
                    help="hand-kept people file whose names supersede generated entries")
    args = ap.parse_args()

    leaders = Path(args.shared) / "data" / "leaders"
    ci_path = leaders / "CountryInfo.120116.txt"
    reign_path = leaders / "reign_leaderlist_3_21.csv"
    for pth in (ci_path, reign_path):
        if not pth.exists():
            sys.exit(f"gen_leaders: missing source {pth}")

    stats = defaultdict(int)
    reg = Registry()
    cow = read_countryinfo(ci_path, reg, stats)
    read_reign(reign_path, cow, reg, stats)
    hand = read_hand_names(Path(args.people))
    hand_people = read_hand_people(Path(args.people))
    english = english_words(args.shared)
    if not english:
        sys.exit("gen_leaders: missing data/ud/EWT (used to keep English words out of aliases)")
    # names of places, organisations and groups: never reused as a person's alias
    taken = set()
    for other in ("countries.txt", "organisations.txt", "armed_groups.txt"):
        taken |= read_hand_names(Path(args.people).parent / other)

    # CountryInfo's "[>date]" means "in office at the last update", and some entries
    # were not updated (Gordon Brown still "in office" in 2012): where REIGN, which is
    # later, ends the same person's term before CountryInfo's end, REIGN wins.
    for plist in reg.by_country.values():
        for p in plist:
            fixed = []
            for t in p.terms:
                st, en, office, src, opened = t
                if src == "CountryInfo" and opened and office not in (
                        "foreign minister", "defence minister"):
                    ends = [e for s2, e, _, src2, _ in p.terms
                            if src2 == "REIGN" and e is not None and s2 <= en
                            and e >= st and e < en]
                    if ends:
                        t = (st, max(ends), office, src, False)
                        stats["ci_open_term_ended_by_reign"] += 1
                fixed.append(t)
            p.terms = fixed

    people = []
    for code in sorted(reg.by_country):
        for p in reg.by_country[code]:
            if not p.terms:
                continue
            if p.keys() & hand:
                stats["superseded_by_people_txt"] += 1
                continue
            if same_as_hand(p, hand_people):
                stats["superseded_by_people_txt_spelling"] += 1
                continue
            people.append(p)

    # surname-only aliases: heads only, unique across everything we emit and the hand file
    all_keys = defaultdict(int)
    for p in people:
        for n in aliases(p):
            all_keys[name_key(n)] += 1
    # a surname that is someone's first name ("Anthony", "Jonathan", "Stephen") is no alias
    first_names = {name_key(n).split()[0] for p in people for n in p.names if name_key(n)}
    first_names |= {t.split()[0] for t in hand if t}
    sur_count = defaultdict(int)
    for p in people:
        s = surname(p)
        if s:
            sur_count[name_key(s)] += 1

    lines = [NOTICE]
    countries = set()
    for p in people:
        ranges = merge([(s, e, o) for s, e, _, _, o in p.terms])
        fields = []
        for i, (s, e, opened) in enumerate(ranges):
            if e is None:
                fields.append(f"{p.country}GOV@{s.isoformat()}..")
            else:
                fields.append(f"{p.country}GOV@{s.isoformat()}..{e.isoformat()}")
            nxt = ranges[i + 1][0] if i + 1 < len(ranges) else None
            if e is not None and nxt is not None:
                fields.append(f"{p.country}ELI@{(e + dt.timedelta(days=1)).isoformat()}.."
                              f"{(nxt - dt.timedelta(days=1)).isoformat()}")
            elif e is not None and not opened:
                fields.append(f"{p.country}ELI@{(e + dt.timedelta(days=1)).isoformat()}..")
        names = [n for n in aliases(p) if all_keys[name_key(n)] == 1
                 and name_key(n) not in hand and name_key(n) not in taken]
        if not names:
            stats["dropped_ambiguous_name"] += 1
            continue
        heads = any(t[2] not in ("foreign minister", "defence minister") for t in p.terms)
        s = surname(p)
        if (heads and s and len(s) >= 4 and sur_count[name_key(s)] == 1
                and all_keys[name_key(s)] == 0 and name_key(s) not in hand
                and name_key(s) not in taken
                and s.lower() not in SURNAME_STOP and s.lower() not in english
                and name_key(s) not in first_names
                and "." not in s):
            names.append(s)
        offices = []
        for st, en, office, src, opened in sorted(p.terms, key=lambda t: (t[0], t[2])):
            end = en.isoformat() if en else ""
            if opened:
                end += "(open at source end)" if en else "(in office at source end)"
            offices.append(f"{office} {st.isoformat()}..{end} [{src}]")
        lines.append(f"# {p.country}: " + "; ".join(dict.fromkeys(offices)))
        lines.append("-\t" + "; ".join(names) + "\t" + "\t".join(fields))
        countries.add(p.country)
        stats["people"] += 1

    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    stats["countries"] = len(countries)
    for k in sorted(stats):
        print(f"{k}: {stats[k]}", file=sys.stderr)


if __name__ == "__main__":
    main()
