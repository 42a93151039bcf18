"""What the corpus holds, counted from the data, and the figures the sources declare beside it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from .facettes import fold
from .model import Chiffre, Corpus, annees
from .schemas import Schemas


@dataclass
class Serie:
    """One counted distribution: what is counted, by what, and the counts in display order."""

    id: str
    titre: str
    colonne: str
    unite: str
    lignes: list[tuple[str, int]]
    note: str = ""
    #: Rows sorted by count, largest first: the chart may show only the first ones.
    par_nombre: bool = False


def series(corpus: Corpus, schemas: Schemas) -> list[Serie]:
    territoires = list(corpus.territoires.values())
    ressources = [r for r in corpus.ressources if r.type != "page"]
    types = schemas.labels("territoire", "type")
    by_type = Counter(t.type for t in territoires)
    by_region: Counter[str] = Counter()
    for territoire in territoires:
        if territoire.type == "etranger":
            by_region["Hors de France"] += 1
        else:
            code = corpus.region_of(territoire)
            by_region[corpus.regions.get(code or "", "Région non renseignée")] += 1
    by_year: Counter[int] = Counter()
    for territoire in territoires:
        by_year.update(annees(territoire.periodes(corpus.annee_de_reference)))
    kinds = schemas.labels("ressource", "type")
    by_kind = Counter(r.type for r in ressources)
    by_theme = Counter(theme for r in ressources for theme in set(r.theme_ids) if theme in corpus.themes)
    return [
        Serie("territoires-type", "Territoires par type", "Type", "territoires",
              [(label, by_type[key]) for key, label in types.items() if by_type[key]]),
        Serie("territoires-programme", "Territoires par programme", "Programme", "territoires",
              sorted(((p.nom, len(p.territoires)) for p in corpus.programmes.values()), key=lambda pair: (-pair[1], fold(pair[0]))),
              "Un territoire qui a suivi plusieurs programmes compte dans chacun.", par_nombre=True),
        Serie("territoires-region", "Territoires par région", "Région", "territoires",
              sorted(by_region.items(), key=lambda pair: (pair[0] in ("Hors de France", "Région non renseignée"), -pair[1], fold(pair[0]))),
              par_nombre=True),
        Serie("territoires-annee", "Territoires accompagnés par année", "Année", "territoires",
              [(str(year), by_year[year]) for year in sorted(by_year)],
              "Un territoire compte chaque année où il a pris part à au moins un programme."),
        Serie("ressources-type", "Ressources par type", "Type", "ressources",
              [(schemas.pages[key].pluriel if key in schemas.pages else label, by_kind[key]) for key, label in kinds.items() if by_kind[key]]),
        Serie("ressources-theme", "Ressources par thème", "Thème", "ressources",
              sorted(((t.nom, by_theme[t.id]) for t in corpus.themes.values()), key=lambda pair: (-pair[1], fold(pair[0]))),
              "Une ressource peut porter plusieurs thèmes.", par_nombre=True),
    ]


#: Measures of ``data/chiffres.yml`` (field ``mesure``) that the corpus can count, with how.
MESURES: dict[str, tuple[str, Callable[[Corpus], int]]] = {
    "territoires-accompagnes": (
        "territoires documentés ayant suivi au moins un programme",
        lambda corpus: sum(1 for t in corpus.territoires.values() if t.programmes),
    ),
    "territoires": ("territoires documentés", lambda corpus: len(corpus.territoires)),
    "programmes": ("programmes documentés", lambda corpus: len(corpus.programmes)),
}


@dataclass
class Comparaison:
    """Declared figures that measure one thing, and what the corpus counts for it, if it can."""

    mesure: str
    declares: list[Chiffre]
    calcule: int | None = None
    calcule_libelle: str = ""
    constats: list[str] = field(default_factory=list)


def valeur_texte(chiffre: Chiffre) -> str:
    value = int(chiffre.valeur) if float(chiffre.valeur).is_integer() else chiffre.valeur
    return f"plus de {value}" if chiffre.plus_de else f"{value}"


def concorde(chiffre: Chiffre, valeur: float) -> bool:
    return valeur > chiffre.valeur if chiffre.plus_de else valeur == chiffre.valeur


def comparaisons(corpus: Corpus) -> list[Comparaison]:
    groups: dict[str, list[Chiffre]] = {}
    for chiffre in corpus.chiffres:
        groups.setdefault(chiffre.mesure or chiffre.id, []).append(chiffre)
    found = []
    for mesure, declares in groups.items():
        comparaison = Comparaison(mesure, declares)
        values = {(c.valeur, c.plus_de) for c in declares}
        if len(values) > 1:
            comparaison.constats.append(
                "Les sources ne concordent pas : " + " ; ".join(f"{valeur_texte(c)} selon « {c.source['document']} »" for c in declares) + "."
            )
        if mesure in MESURES:
            libelle, count = MESURES[mesure]
            comparaison.calcule, comparaison.calcule_libelle = count(corpus), libelle
            for chiffre in declares:
                if not concorde(chiffre, comparaison.calcule):
                    comparaison.constats.append(
                        f"Écart : « {chiffre.source['document']} » déclare {valeur_texte(chiffre)} {chiffre.libelle}, "
                        f"le corpus en documente {comparaison.calcule} ({libelle})."
                    )
        found.append(comparaison)
    return found


def programmes_declares(corpus: Corpus) -> list[tuple[str, str, int, int]]:
    """(id, name, territories declared by the sources, territories documented) for each programme that declares some."""
    return [
        (p.id, p.nom, p.territoires_declares, len(p.territoires))
        for p in sorted(corpus.programmes.values(), key=lambda p: (p.debut or 0, fold(p.nom)))
        if p.territoires_declares is not None
    ]

