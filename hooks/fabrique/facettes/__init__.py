"""Facets of the corpus: the ways in (theme, programme, région, year, …) and what each value holds.

The index pages, the explorer and the figures page all read them from here. Allowed values
and their French labels come from the JSON Schemas (:meth:`Schemas.labels`) or from ``data/``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Iterable

from slugify import slugify

from .. import adresses
from ..model import HORS_DE_FRANCE, Corpus, annees, Programme, Ressource, Territoire
from ..schemas import Schemas

#: Folder of ``docs/`` (generated) that holds the index pages.
DOSSIER = "parcourir"

#: Facet id -> its folder under ``parcourir/`` (the stable URL of its pages).
FOLDERS: dict[str, str] = {
    "type": "types",
    "theme": "themes",
    "fondamental": "fondamentaux",
    "fantastique": "fantastiques",
    "dimension": "dimensions",
    "programme": "programmes",
    "region": "regions",
    "departement": "departements",
    "annee": "annees",
}



def fold(text: str) -> str:
    """Text without accents nor case, for sorting and matching French words."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("œ", "oe").replace("æ", "ae"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def sort_key(text: str) -> tuple[str, str]:
    return (fold(text).lstrip("«\"' "), text)


@dataclass
class Entree:
    """What the indexes list: a resource, a territory or a programme."""

    nature: str  # "ressource", "territoire" or "programme"
    id: str
    titre: str
    src_path: str
    genre: str  # its kind, in French ("Fiche projet pilote", "Commune", "Programme")
    resume: str
    objet: Ressource | Territoire | Programme

    @property
    def cle(self) -> str:
        """A key unique across natures (a resource and a territory may share an id)."""
        return f"{self.nature}:{self.id}"


@dataclass
class Valeur:
    """One value of a facet, the page that lists it and its entries."""

    id: str
    label: str
    src_path: str
    entrees: list[Entree] = field(default_factory=list)

    def of(self, nature: str) -> list[Entree]:
        return [e for e in self.entrees if e.nature == nature]


@dataclass
class Facette:
    """A way in: its values, each with a page; ``generee`` is false when the pages exist elsewhere."""

    id: str
    titre: str
    singulier: str
    intro: str
    valeurs: list[Valeur]
    generee: bool = True

    @property
    def index_src(self) -> str:
        return f"{DOSSIER}/{FOLDERS[self.id]}/index.md"

    def valeur(self, value_id: str) -> Valeur | None:
        return next((v for v in self.valeurs if v.id == value_id), None)


def entrees(corpus: Corpus, schemas: Schemas, natures: Iterable[str] = ("ressource", "territoire", "programme")) -> list[Entree]:
    """Every resource (but plain pages), territory and programme, as entries, in title order."""
    natures = tuple(natures)
    return list(corpus.une_fois(("entrees", id(schemas), natures), lambda: _entrees(corpus, schemas, natures)))


def _entrees(corpus: Corpus, schemas: Schemas, natures: tuple[str, ...]) -> list[Entree]:
    kinds = schemas.labels("ressource", "type")
    types = schemas.labels("territoire", "type")
    found: list[Entree] = []
    if "ressource" in natures:
        found += [
            Entree("ressource", r.id, r.titre, r.src_path, kinds.get(r.type, r.type), r.resume, r)
            for r in corpus.ressources
            if r.type != "page"
        ]
    if "territoire" in natures:
        found += [
            Entree("territoire", t.id, t.nom, t.src_path, types.get(t.type, t.type), _territoire_resume(corpus, t), t)
            for t in corpus.territoires.values()
        ]
    if "programme" in natures:
        found += [
            Entree("programme", p.id, p.nom, p.src_path, "Programme", f"{p.annees} : {p.description}", p)
            for p in corpus.programmes.values()
        ]
    return sorted(found, key=lambda e: sort_key(e.titre))


def _territoire_resume(corpus: Corpus, territoire: Territoire) -> str:
    lieu = corpus.lieu(territoire)
    programmes = ", ".join(p.nom for p, _ in territoire.programmes)
    parts = [lieu] if lieu else []
    if programmes:
        parts.append(f"programmes : {programmes}")
    return " ; ".join(parts)


def regions_of(corpus: Corpus, entree: Entree) -> set[str]:
    """Codes of the régions of an entry (a resource is where its territories are)."""
    if entree.nature == "territoire":
        territoire = entree.objet
        assert isinstance(territoire, Territoire)
        if corpus.a_l_etranger(territoire):
            return {HORS_DE_FRANCE}
        region = corpus.region_of(territoire)
        return {region} if region else set()
    if entree.nature == "ressource":
        assert isinstance(entree.objet, Ressource)
        return set().union(*(regions_of(corpus, _as_entree(t)) for t in entree.objet.territoires)) if entree.objet.territoires else set()
    assert isinstance(entree.objet, Programme)
    return set().union(*(regions_of(corpus, _as_entree(t)) for t, _ in entree.objet.territoires)) if entree.objet.territoires else set()


def departements_of(entree: Entree) -> set[str]:
    if entree.nature == "territoire":
        territoire = entree.objet
        assert isinstance(territoire, Territoire)
        if territoire.departement:
            return {territoire.departement}
        if territoire.type == "departement" and territoire.code:
            return {territoire.code}
        return set()
    if entree.nature == "ressource":
        assert isinstance(entree.objet, Ressource)
        return set().union(set(), *(departements_of(_as_entree(t)) for t in entree.objet.territoires))
    return set()


def _as_entree(territoire: Territoire) -> Entree:
    return Entree("territoire", territoire.id, territoire.nom, "", "", "", territoire)


def values_of(corpus: Corpus, facette_id: str, entree: Entree) -> set[str]:
    """The values an entry takes in a facet: the single definition the pages, explorer and tests share."""
    objet = entree.objet
    if facette_id == "type":
        if isinstance(objet, Ressource):
            return {objet.type}
        return {entree.nature}
    if facette_id == "theme":
        if isinstance(objet, Ressource):
            return set(objet.theme_ids) & set(corpus.themes)
        if isinstance(objet, Programme):
            return set(objet.theme_ids) & set(corpus.themes)
        return set()
    if facette_id in ("fondamental", "fantastique", "dimension"):
        field_name = {"fondamental": "fondamentaux", "fantastique": "fantastiques", "dimension": "dimensions"}[facette_id]
        return set(getattr(objet, field_name)) if isinstance(objet, Ressource) else set()
    if facette_id == "programme":
        if isinstance(objet, Ressource):
            return set(objet.programme_ids) & set(corpus.programmes)
        if isinstance(objet, Territoire):
            return {p.id for p, _ in objet.programmes}
        return set()
    if facette_id == "region":
        return regions_of(corpus, entree)
    if facette_id == "departement":
        return departements_of(entree)
    if facette_id == "annee":
        if isinstance(objet, Ressource):
            return {str(objet.annee)} if objet.annee else set()
        if isinstance(objet, Territoire):
            return {str(y) for y in annees(objet.periodes(corpus.annee_de_reference))}
        return {str(y) for y in annees(objet.periodes(corpus.annee_de_reference))}
    raise KeyError(facette_id)


def _page(facette_id: str, slug: str) -> str:
    return f"{DOSSIER}/{FOLDERS[facette_id]}/{slug}.md"


def value_src(facette_id: str, value_id: str) -> str:
    """The page of a value of a facet whose values are ids (themes, enumerations, years)."""
    return _page(facette_id, value_id)


def facettes(corpus: Corpus, schemas: Schemas) -> list[Facette]:
    """Every facet of the corpus, each value with its entries (in title order); computed once per corpus."""
    return list(corpus.une_fois(("facettes", id(schemas)), lambda: _facettes(corpus, schemas)))


def _facettes(corpus: Corpus, schemas: Schemas) -> list[Facette]:
    tout = entrees(corpus, schemas)
    kinds = schemas.labels("ressource", "type")

    def build(facette_id: str, values: list[tuple[str, str, str]]) -> list[Valeur]:
        valeurs = {value_id: Valeur(value_id, label, src) for value_id, label, src in values}
        for entree in tout:
            for value_id in values_of(corpus, facette_id, entree):
                if value_id in valeurs:
                    valeurs[value_id].entrees.append(entree)
        return list(valeurs.values())

    def enum(facette_id: str, field_name: str) -> list[tuple[str, str, str]]:
        return [(v, label, _page(facette_id, v)) for v, label in schemas.labels("ressource", field_name).items()]

    types = [
        (kind, schemas.pages[kind].pluriel, adresses.index(schemas.pages[kind].dossier or ""))
        for kind in kinds
        if kind in schemas.pages and schemas.pages[kind].dossier
    ] + [("territoire", "Territoires", adresses.INDEX_TERRITOIRES), ("programme", "Programmes", adresses.INDEX_PROGRAMMES)]

    regions_used: set[str] = set()
    departements_used: set[str] = set()
    years: set[str] = set()
    for entree in tout:
        regions_used |= regions_of(corpus, entree)
        departements_used |= departements_of(entree)
        years |= values_of(corpus, "annee", entree)
    region_values = sorted(
        ((code, corpus.regions.get(code, code)) for code in regions_used if code != HORS_DE_FRANCE),
        key=lambda pair: sort_key(pair[1]),
    )
    region_list = [(code, name, _page("region", slugify(name))) for code, name in region_values]
    if HORS_DE_FRANCE in regions_used:
        region_list.append((HORS_DE_FRANCE, "Hors de France", _page("region", HORS_DE_FRANCE)))
    departement_list = [
        (code, f"{corpus.departements[code][0]} ({code})" if code in corpus.departements else code,
         _page("departement", slugify(f"{code}-{corpus.departements.get(code, (code,))[0]}")))
        for code in sorted(departements_used, key=lambda c: c.zfill(3))
    ]

    return [
        Facette("type", "Types", "Type", "Les ressources par type, avec les territoires et les programmes.", build("type", types), generee=False),
        Facette("theme", "Thèmes", "Thème", "Les ressources et les programmes par thème de transition.",
                build("theme", [(t.id, t.nom, _page("theme", t.id)) for t in corpus.themes.values()])),
        Facette("fondamental", "Fondamentaux", "Fondamental", "Les ressources par fondamental de la conduite de changement qu'elles mobilisent.",
                build("fondamental", enum("fondamental", "fondamentaux"))),
        Facette("fantastique", "Fantastiques", "Fantastique", "Les ressources par acteur des « 4 + 1 Fantastiques » qu'elles concernent.",
                build("fantastique", enum("fantastique", "fantastiques"))),
        Facette("dimension", "Dimensions de la mise en récits", "Dimension", "Les ressources par dimension de la mise en récits qu'elles travaillent.",
                build("dimension", enum("dimension", "dimensions"))),
        Facette("programme", "Programmes", "Programme", "Les territoires et les ressources par programme de la Fabrique.",
                build("programme", [(p.id, p.nom, p.src_path)
                                    for p in sorted(corpus.programmes.values(), key=lambda p: (p.debut or 0, sort_key(p.nom)))]),
                generee=False),
        Facette("region", "Régions", "Région", "Les territoires par région, et les ressources qui en parlent.", build("region", region_list)),
        Facette("departement", "Départements", "Département", "Les territoires par département, et les ressources qui en parlent.",
                build("departement", departement_list)),
        Facette("annee", "Années", "Année", "Les ressources par année, les territoires et les programmes par année d'activité.",
                build("annee", [(y, y, _page("annee", y)) for y in sorted(years, reverse=True)])),
    ]


#: Facets the explorer filters on, in the order it shows them.
EXPLORER_FACETS = ("type", "theme", "programme", "region", "departement", "annee", "fondamental", "fantastique", "dimension")
