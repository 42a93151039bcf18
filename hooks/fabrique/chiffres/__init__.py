"""What the corpus holds, counted from the data, and the figures the sources declare beside it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from ..facettes import fold
from ..model import Chiffre, Corpus, annees
from ..schemas import Schemas


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
class Decomposition:
    """Parts of one declared total by one criterion: they add up, they do not disagree."""

    total: Chiffre
    critere: str
    parts: list[Chiffre]

    @property
    def somme(self) -> float:
        return sum(part.valeur for part in self.parts)

    @property
    def constat(self) -> str:
        addition = " + ".join(valeur_texte(part) for part in self.parts)
        somme, total = _nombre(self.somme), valeur_texte(self.total)
        if concorde(self.total, self.somme):
            return f"Décomposition {self.critere} : {addition} = {somme}, pour {total} annoncés : concordant."
        ecart = _nombre(abs(self.somme - self.total.valeur))
        sens = "de plus" if self.somme > self.total.valeur else "de moins"
        return (f"Décomposition {self.critere} : {addition} = {somme}, pour {total} annoncés "
                f"dans le même document : {ecart} {sens} (écart des sources, non corrigé).")


@dataclass
class Comparaison:
    """Declared figures that measure one thing, and what the corpus counts for it, if it can."""

    mesure: str
    declares: list[Chiffre]
    calcule: int | None = None
    calcule_libelle: str = ""
    constats: list[str] = field(default_factory=list)

    @property
    def a_dire(self) -> bool:
        """Something to compare: several figures, a breakdown, or a count of the corpus."""
        return len(self.declares) > 1 or bool(self.constats) or self.calcule is not None


def _nombre(value: float) -> str:
    return f"{int(value)}" if float(value).is_integer() else f"{value}".replace(".", ",")


def valeur_texte(chiffre: Chiffre) -> str:
    """The value as the document gives it: its words for an order of magnitude, else the number."""
    if chiffre.texte:
        return chiffre.texte
    return f"plus de {_nombre(chiffre.valeur)}" if chiffre.plus_de else _nombre(chiffre.valeur)


def source_texte(chiffre: Chiffre, titres: dict[str, str]) -> str:
    """« Titre du document, partie, l. 37 »."""
    source = chiffre.source
    parts = [titres.get(source.get("document", ""), source.get("document", "")), source.get("partie")]
    if source.get("ligne"):
        parts.append(f"l. {source['ligne']}")
    return ", ".join(p for p in parts if p)


def concorde(chiffre: Chiffre, valeur: float) -> bool:
    if chiffre.texte:  # an order of magnitude: within a tenth of it
        return abs(valeur - chiffre.valeur) <= chiffre.valeur / 10
    return valeur > chiffre.valeur if chiffre.plus_de else valeur == chiffre.valeur


def decompositions(corpus: Corpus) -> list[Decomposition]:
    by_id = {c.id: c for c in corpus.chiffres}
    groups: dict[tuple[str, str], list[Chiffre]] = {}
    for chiffre in corpus.chiffres:
        if chiffre.partie_de in by_id:
            groups.setdefault((chiffre.partie_de, chiffre.decomposition or ""), []).append(chiffre)
    return [Decomposition(by_id[total], critere, parts) for (total, critere), parts in groups.items()]


def comparaisons(corpus: Corpus) -> list[Comparaison]:
    """Each measure with its declared figures and what is known about them.

    Figures of one measure disagree only when their numbers differ (« 140 » and « plus de 140 »
    agree); the parts of a breakdown are compared with their total, not with each other.
    """
    titres = {d.id: d.titre for d in corpus.sources.values()}
    by_id = {c.id: c for c in corpus.chiffres}
    par_total: dict[str, list[Decomposition]] = {}
    for decomposition in decompositions(corpus):
        par_total.setdefault(decomposition.total.id, []).append(decomposition)
    groups: dict[str, list[Chiffre]] = {}
    for chiffre in corpus.chiffres:
        groups.setdefault(chiffre.mesure or chiffre.id, []).append(chiffre)
    found = []
    for mesure, declares in groups.items():
        comparaison = Comparaison(mesure, declares)
        parties = [c for c in declares if not c.partie_de]
        totaux = {c.partie_de for c in declares if c.partie_de in by_id}
        if not parties and totaux:
            comparaison.constats.append("Parts d'un total, qui s'additionnent : leur somme est comparée à "
                                        + " et à ".join(f"« {by_id[t].libelle} » ({valeur_texte(by_id[t])})" for t in sorted(totaux)) + ".")
        if len({c.valeur for c in parties}) > 1:
            comparaison.constats.append(
                "Les sources ne concordent pas : " + " ; ".join(f"{valeur_texte(c)} selon « {source_texte(c, titres)} »" for c in parties) + "."
            )
        for chiffre in declares:
            comparaison.constats += [d.constat for d in par_total.get(chiffre.id, [])]
        if mesure in MESURES:
            libelle, count = MESURES[mesure]
            comparaison.calcule, comparaison.calcule_libelle = count(corpus), libelle
            for chiffre in declares:
                if not concorde(chiffre, comparaison.calcule):
                    comparaison.constats.append(
                        f"Écart : « {titres.get(chiffre.source.get('document', ''), chiffre.source.get('document'))} » déclare "
                        f"{valeur_texte(chiffre)} {chiffre.libelle}, le corpus en documente {comparaison.calcule} ({libelle})."
                    )
        found.append(comparaison)
    return found


@dataclass
class ProgrammeDeclare:
    """Territories a programme's sources declare, and those the corpus documents, on the same basis."""

    id: str
    nom: str
    declares: int
    documentes: int
    region_en_plus: bool = False

    @property
    def declares_texte(self) -> str:
        return f"{self.declares} et la Région" if self.region_en_plus else str(self.declares)

    @property
    def attendus(self) -> int:
        """What the corpus should document: the territories, and the Région when the sources count it."""
        return self.declares + (1 if self.region_en_plus else 0)


def programmes_declares(corpus: Corpus) -> list[ProgrammeDeclare]:
    """Each programme that declares a number of territories, compared with the territories documented."""
    return [
        ProgrammeDeclare(p.id, p.nom, p.territoires_declares, len(p.territoires), p.region_en_plus)
        for p in sorted(corpus.programmes.values(), key=lambda p: (p.debut or 0, fold(p.nom)))
        if p.territoires_declares is not None
    ]
