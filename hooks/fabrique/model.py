"""The corpus model: resources, territories, programmes, themes and declared figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable


from . import adresses
from .schemas import Genre
from .yamlsource import LineMap

#: Value of the région facet and of the map's région filter for territories outside France.
HORS_DE_FRANCE = "hors-de-france"


def annees(periodes: list[tuple[int, int]]) -> set[int]:
    """Every year of a list of periods (first and last year included)."""
    return {year for debut, fin in periodes for year in range(debut, fin + 1)}


#: The generated page that compares the declared figures (``fabrique.chiffres.page``).
CHIFFRES_SOURCES_PAGE = "en-chiffres/sources.md"


@dataclass
class Origin:
    """Where a record was read: its file (relative to the project) and its line map."""

    path: str
    lines: LineMap

    def line(self, *keys: str | int) -> int:
        return self.lines.line(keys)


@dataclass
class Participation:
    programme_id: str
    debut: int | None = None
    fin: int | None = None
    role: str | None = None

    @property
    def annees(self) -> str:
        if self.debut and self.fin and self.fin != self.debut:
            return f"{self.debut}–{self.fin}"
        if self.debut and not self.fin:
            return f"depuis {self.debut}"
        return str(self.debut or self.fin or "")


@dataclass
class Theme:
    id: str
    nom: str
    description: str = ""
    origin: Origin | None = None
    ressources: list["Ressource"] = field(default_factory=list, repr=False)
    programmes: list["Programme"] = field(default_factory=list, repr=False)


@dataclass
class Programme:
    id: str
    nom: str
    dispositif: str
    debut: int | None
    description: str
    fin: int | None = None
    territoires_declares: int | None = None
    #: The sources count the Région besides the declared territories.
    region_en_plus: bool = False
    partenaires: list[str] = field(default_factory=list)
    theme_ids: list[str] = field(default_factory=list)
    statut: str = "publie"
    sources: list[dict[str, Any]] = field(default_factory=list)
    anciens_ids: list[str] = field(default_factory=list)
    origin: Origin | None = None
    territoires: list[tuple["Territoire", Participation]] = field(default_factory=list, repr=False)
    ressources: list["Ressource"] = field(default_factory=list, repr=False)
    themes: list[Theme] = field(default_factory=list, repr=False)

    @property
    def annees(self) -> str:
        if self.debut is None:
            return f"jusqu'en {self.fin}" if self.fin else "années non précisées"
        if self.fin is None:
            return f"depuis {self.debut}"
        if self.fin == self.debut:
            return str(self.debut)
        return f"{self.debut}–{self.fin}"

    @property
    def src_path(self) -> str:
        return adresses.programme(self.id)

    def periodes(self, annee_de_reference: int) -> list[tuple[int, int]]:
        """Its years as a period: none when the sources give no start; « depuis » runs to the reference year."""
        if self.debut is None:
            return []
        return [(self.debut, max(self.debut, self.fin or annee_de_reference))]

    @property
    def url(self) -> str:
        return adresses.url(self.src_path)


@dataclass
class Territoire:
    id: str
    nom: str
    type: str
    code: str | None = None
    departement: str | None = None
    region: str | None = None
    pays: str | None = None
    coordonnees: tuple[float, float] | None = None
    #: (latitude, longitude): ``coordonnees``, else the gazetteer position of ``code`` (see ``geographie``).
    position: tuple[float, float] | None = None
    description: str = ""
    participations: list[Participation] = field(default_factory=list)
    statut: str = "publie"
    sources: list[dict[str, Any]] = field(default_factory=list)
    anciens_ids: list[str] = field(default_factory=list)
    origin: Origin | None = None
    programmes: list[tuple[Programme, Participation]] = field(default_factory=list, repr=False)
    ressources: list["Ressource"] = field(default_factory=list, repr=False)
    propositions: list["Proposition"] = field(default_factory=list, repr=False)
    recommandations: list["Recommandation"] = field(default_factory=list, repr=False)

    @property
    def src_path(self) -> str:
        return adresses.territoire(self.id)

    def periodes(self, annee_de_reference: int) -> list[tuple[int, int]]:
        """The years it took part in programmes, as periods: a participation's own years, else its
        programme's; an open one (« depuis 2021 ») runs to the reference year of the build."""
        found = set()
        for programme, participation in self.programmes:
            debut = participation.debut or programme.debut or participation.fin or programme.fin
            if not debut:
                continue
            fin = participation.fin or programme.fin or annee_de_reference
            found.add((debut, max(debut, fin)))
        return sorted(found)

    @property
    def url(self) -> str:
        return adresses.url(self.src_path)


@dataclass
class Ressource:
    """A Markdown page of ``docs/`` with its front matter."""

    id: str
    type: str
    titre: str
    resume: str
    src_path: str
    date: str | None = None
    annee: int | None = None
    auteurs: list[str] = field(default_factory=list)
    organisation: str | None = None
    territoire_ids: list[str] = field(default_factory=list)
    programme_ids: list[str] = field(default_factory=list)
    theme_ids: list[str] = field(default_factory=list)
    fondamentaux: list[str] = field(default_factory=list)
    fantastiques: list[str] = field(default_factory=list)
    dimensions: list[str] = field(default_factory=list)
    statut: str = "publie"
    licence: str | None = None
    sources: list[dict[str, Any]] = field(default_factory=list)
    ordre: int | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    origin: Origin | None = None
    #: Its kind, as its schema declares it (``None``: treated as contributed, the safe side).
    genre: Genre | None = field(default=None, repr=False)
    territoires: list[Territoire] = field(default_factory=list, repr=False)
    programmes: list[Programme] = field(default_factory=list, repr=False)
    themes: list[Theme] = field(default_factory=list, repr=False)
    propositions: list["Proposition"] = field(default_factory=list, repr=False)
    recommandations: list["Recommandation"] = field(default_factory=list, repr=False)

    @property
    def url(self) -> str:
        return adresses.url(self.src_path)

    @property
    def contribuee(self) -> bool:
        return self.genre is None or self.genre.contribuee

    @property
    def citable(self) -> bool:
        return self.genre is not None and self.genre.citable

    @property
    def sort_key(self) -> tuple[Any, ...]:
        return (self.ordre if self.ordre is not None else 10_000, self.titre.casefold())


@dataclass
class Illustree:
    """What a proposition and a recommendation share: the experiences that illustrate them."""

    id: str
    titre: str
    texte: str
    theme_ids: list[str] = field(default_factory=list)
    fiche_ids: list[str] = field(default_factory=list)
    retour_ids: list[str] = field(default_factory=list)
    territoire_ids: list[str] = field(default_factory=list)
    statut: str = "publie"
    ordre: int | None = None
    sources: list[dict[str, Any]] = field(default_factory=list)
    origin: Origin | None = None
    themes: list[Theme] = field(default_factory=list, repr=False)
    fiches: list[Ressource] = field(default_factory=list, repr=False)
    retours: list[Ressource] = field(default_factory=list, repr=False)
    territoires: list[Territoire] = field(default_factory=list, repr=False)

    @property
    def anchor(self) -> str:
        return self.id

    @property
    def illustrations(self) -> list[Ressource]:
        return self.fiches + self.retours

    @property
    def illustree(self) -> bool:
        return bool(self.fiches or self.retours or self.territoires)

    @property
    def sort_key(self) -> tuple[Any, ...]:
        return (self.ordre if self.ordre is not None else 10_000, self.titre.casefold())


@dataclass
class Proposition(Illustree):
    """A proposition of the municipales guide (``data/propositions/``)."""

    pilier: str = ""
    axe: str | None = None
    competences: list[str] = field(default_factory=list)
    acteurs: list[str] = field(default_factory=list)
    recommandations: list["Recommandation"] = field(default_factory=list, repr=False)

    @property
    def chapitre_src(self) -> str:
        """The staff page of its part of the guide."""
        return adresses.chapitre(self.pilier)

    @property
    def src_path(self) -> str:
        """The page that presents it in full: the page of its axe, or its chapter if it has none."""
        if not self.axe:
            return self.chapitre_src
        return adresses.axe(self.pilier, self.axe)


@dataclass
class Recommandation(Illustree):
    """A recommendation to elected officials or funders (``data/recommandations/``)."""

    destinataires: str = ""
    posture: str | None = None
    proposition_ids: list[str] = field(default_factory=list)
    propositions: list[Proposition] = field(default_factory=list, repr=False)

    @property
    def chapitre_src(self) -> str:
        """The staff page that sums the recommendations up."""
        return adresses.RECOMMANDATIONS

    @property
    def src_path(self) -> str:
        """The page that presents it in full: one page per part (« Aux élus », « Aux financeurs »…)."""
        return adresses.recommandations(self.destinataires)


@dataclass
class Chiffre:
    id: str
    libelle: str
    valeur: float
    source: dict[str, Any]
    plus_de: bool = False
    mesure: str | None = None
    remarque: str | None = None
    #: The value in the document's words when it gives only an order of magnitude.
    texte: str | None = None
    #: Id of the total this figure is a part of, and the breakdown it belongs to.
    partie_de: str | None = None
    decomposition: str | None = None
    origin: Origin | None = None


@dataclass
class Citant:
    """A page that draws on a source document, and the parts of the document it cites."""

    titre: str
    src_path: str
    anchor: str = ""
    parties: list[str] = field(default_factory=list)


@dataclass
class DocumentSource:
    """One of the documents the corpus is drawn from (``data/sources/``)."""

    id: str
    titre: str
    nature: str
    description: str
    editeur: str | None = None
    auteurs: list[str] = field(default_factory=list)
    date: str | None = None
    annee: int | None = None
    fiabilite: str | None = None
    origin: Origin | None = None
    #: The pages that cite it, filled by :meth:`Corpus.link`.
    citants: list[Citant] = field(default_factory=list, repr=False)

    @property
    def src_path(self) -> str:
        return adresses.document_source(self.id)

    @property
    def quand(self) -> str:
        """The date or year as the document gives it, or an empty string."""
        return self.date or (str(self.annee) if self.annee else "")


def chiffres_du_document(corpus: "Corpus", document_id: str) -> list[tuple[str, "Chiffre"]]:
    """(page, figure) for every figure a source document declares: each document has a page of its figures."""
    path = f"{CHIFFRES_SOURCES_PAGE[:-3]}/{document_id}.md"
    return [(path, c) for c in corpus.chiffres if c.source.get("document") == document_id]


@dataclass(repr=False)
class Corpus:
    """Everything the site is made of, with cross-references resolved both ways."""

    ressources: list[Ressource] = field(default_factory=list)
    territoires: dict[str, Territoire] = field(default_factory=dict)
    programmes: dict[str, Programme] = field(default_factory=dict)
    themes: dict[str, Theme] = field(default_factory=dict)
    chiffres: list[Chiffre] = field(default_factory=list)
    regions: dict[str, str] = field(default_factory=dict)
    departements: dict[str, tuple[str, str]] = field(default_factory=dict)
    propositions: dict[str, Proposition] = field(default_factory=dict)
    recommandations: dict[str, Recommandation] = field(default_factory=dict)
    sources: dict[str, DocumentSource] = field(default_factory=dict)
    #: (collection, id) of the drafts left out of this build: references to them are dropped.
    brouillons: set[tuple[str, str]] = field(default_factory=set)
    #: The kinds of record, as the schemas declare them (``Schemas.genres``).
    genres: dict[str, Genre] = field(default_factory=dict)
    #: What is computed once from the whole corpus for all its pages (entries, facets): see :func:`Corpus.une_fois`.
    calculs: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    def __repr__(self) -> str:
        # The records point at each other both ways: a full repr would never end (a failing test
        # that receives the corpus would exhaust the memory while pytest shows its arguments).
        return (f"Corpus({len(self.ressources)} ressources, {len(self.territoires)} territoires, "
                f"{len(self.programmes)} programmes, {len(self.propositions)} propositions)")
    #: Folder of the derived geography (``data/geo``): outlines and gazetteer.
    geo_dir: Path | None = None
    #: The year « depuis 2021 » runs to: that of the build's reference date (the last commit).
    annee_de_reference: int = field(default_factory=lambda: date.today().year)

    def une_fois(self, key: Any, compute: Callable[[], Any]) -> Any:
        """``compute()``, called once for this corpus object (a build loads a new one)."""
        if key not in self.calculs:
            self.calculs[key] = compute()
        return self.calculs[key]

    def ressources_of(self, kind: str) -> list[Ressource]:
        return sorted((r for r in self.ressources if r.type == kind), key=lambda r: r.sort_key)

    def ressource(self, ressource_id: str) -> Ressource | None:
        return next((r for r in self.ressources if r.id == ressource_id), None)

    def propositions_of(self, pilier: str) -> list[Proposition]:
        return sorted((p for p in self.propositions.values() if p.pilier == pilier), key=lambda p: p.sort_key)

    def recommandations_of(self, destinataires: str, posture: str | None = None) -> list[Recommandation]:
        found = (r for r in self.recommandations.values()
                 if r.destinataires == destinataires and (posture is None or r.posture == posture))
        return sorted(found, key=lambda r: r.sort_key)

    def lieu(self, territoire: Territoire) -> str:
        """Where a territory is, in words ("Pas-de-Calais, Hauts-de-France")."""
        parts: list[str] = []
        if territoire.departement and territoire.departement in self.departements and territoire.type != "departement":
            parts.append(self.departements[territoire.departement][0])
        region = territoire.region
        if not region and territoire.departement in self.departements:
            region = self.departements[territoire.departement][1]
        if region and region in self.regions and territoire.type != "region":
            parts.append(self.regions[region])
        if territoire.pays:
            parts.append(territoire.pays)
        return ", ".join(parts)

    def a_l_etranger(self, territoire: Territoire) -> bool:
        """Outside France: of type ``etranger``, or in another country with no French région."""
        return territoire.type == "etranger" or bool(territoire.pays and not self.region_of(territoire))

    def region_of(self, territoire: Territoire) -> str | None:
        if territoire.region:
            return territoire.region
        if territoire.departement and territoire.departement in self.departements:
            return self.departements[territoire.departement][1]
        if territoire.type == "region":
            return territoire.code
        return None

    def _link_guide(self) -> None:
        """Propositions and recommendations to the fiches, retours and territories that illustrate them."""
        by_id = {r.id: r for r in self.ressources}
        for cible in (*self.ressources, *self.territoires.values()):
            cible.propositions.clear()
            cible.recommandations.clear()
        items: list[Illustree] = sorted(self.propositions.values(), key=lambda p: (p.pilier, p.sort_key))
        items += sorted(self.recommandations.values(), key=lambda r: r.sort_key)
        for item in items:
            item.themes = [self.themes[t] for t in item.theme_ids if t in self.themes]
            item.fiches = [by_id[i] for i in item.fiche_ids if i in by_id and by_id[i].type == "fiche-projet-pilote"]
            item.retours = [by_id[i] for i in item.retour_ids if i in by_id and by_id[i].type == "retour-experience"]
            item.territoires = [self.territoires[t] for t in item.territoire_ids if t in self.territoires]
            reverse = "propositions" if isinstance(item, Proposition) else "recommandations"
            for target in (*item.illustrations, *item.territoires):
                getattr(target, reverse).append(item)
        for proposition in self.propositions.values():
            proposition.recommandations.clear()
        for recommandation in sorted(self.recommandations.values(), key=lambda r: r.sort_key):
            recommandation.propositions = [self.propositions[p] for p in recommandation.proposition_ids if p in self.propositions]
            for proposition in recommandation.propositions:
                proposition.recommandations.append(recommandation)

    def cited(self) -> list[tuple[str, str, str, str, list[dict[str, Any]]]]:
        """(kind, title, page, anchor, sources) of every record that names sources, in a stable order."""
        found: list[tuple[str, str, str, str, list[dict[str, Any]]]] = []
        found += [("ressource", r.titre, r.src_path, "", r.sources) for r in sorted(self.ressources, key=lambda r: r.src_path)]
        found += [("territoire", t.nom, t.src_path, "", t.sources) for t in sorted(self.territoires.values(), key=lambda t: t.id)]
        found += [("programme", p.nom, p.src_path, "", p.sources) for p in sorted(self.programmes.values(), key=lambda p: p.id)]
        items: list[Illustree] = [*sorted(self.propositions.values(), key=lambda p: p.id),
                                  *sorted(self.recommandations.values(), key=lambda r: r.id)]
        found += [("proposition" if isinstance(i, Proposition) else "recommandation", i.titre, i.src_path, i.anchor, i.sources)
                  for i in items]
        found += [("chiffre", "Chiffres déclarés par les sources", CHIFFRES_SOURCES_PAGE, "", [c.source]) for c in self.chiffres]
        found += [("chiffre", f"Chiffres de « {self.sources[c.source['document']].titre} »", path, "", [c.source])
                  for path, c in (pair for d in sorted(self.sources) for pair in chiffres_du_document(self, d))]
        return found

    def _link_sources(self) -> None:
        """Each source document to the pages that cite it, with the parts they cite."""
        for document in self.sources.values():
            document.citants.clear()
        pages: dict[tuple[str, str, str], Citant] = {}
        for _, titre, src_path, anchor, sources in self.cited():
            for source in sources:
                document = self.sources.get(source.get("document", ""))
                if document is None:
                    continue
                key = (document.id, src_path, anchor)
                if key not in pages:
                    pages[key] = Citant(titre, src_path, anchor)
                    document.citants.append(pages[key])
                partie = source.get("partie")
                if partie and partie not in pages[key].parties:
                    pages[key].parties.append(partie)
        for document in self.sources.values():
            document.citants.sort(key=lambda c: (c.src_path, c.titre.casefold()))

    def link(self) -> None:
        """Resolve cross-references both ways (unknown ids are left to the validator)."""
        self._link_guide()
        self._link_sources()
        for territoire in self.territoires.values():
            territoire.programmes.clear()
            territoire.ressources.clear()
        for programme in self.programmes.values():
            programme.territoires.clear()
            programme.ressources.clear()
            programme.themes = [self.themes[t] for t in programme.theme_ids if t in self.themes]
        for theme in self.themes.values():
            theme.ressources.clear()
            theme.programmes = [p for p in self.programmes.values() if theme in p.themes]
        for territoire in self.territoires.values():
            for participation in territoire.participations:
                programme = self.programmes.get(participation.programme_id)
                if programme is not None:
                    territoire.programmes.append((programme, participation))
                    programme.territoires.append((territoire, participation))
        for ressource in sorted(self.ressources, key=lambda r: r.sort_key):
            ressource.territoires = [self.territoires[t] for t in ressource.territoire_ids if t in self.territoires]
            ressource.programmes = [self.programmes[p] for p in ressource.programme_ids if p in self.programmes]
            ressource.themes = [self.themes[t] for t in ressource.theme_ids if t in self.themes]
            for territoire in ressource.territoires:
                territoire.ressources.append(ressource)
            for programme in ressource.programmes:
                programme.ressources.append(ressource)
            for theme in ressource.themes:
                theme.ressources.append(ressource)
        for programme in self.programmes.values():
            programme.territoires.sort(key=lambda pair: pair[0].nom.casefold())
        for territoire in self.territoires.values():
            territoire.programmes.sort(key=lambda pair: (pair[1].debut or pair[0].debut or 0, pair[0].nom))
