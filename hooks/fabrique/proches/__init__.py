"""« Territoires proches »: for each territory, up to five that resemble it, and why.

Computed at build time from the corpus model only: shared programmes, same type or scale,
same département or région, shared themes, distance when both positions are known. The
criteria below are the single definition: the scoring reads them and the method note shows
them. Ties are broken by distance, then name, then id: the result never depends on the order
in which the corpus was read.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ..geographie import position
from ..model import Corpus, Territoire
from ..schemas import Schemas

#: How many neighbours a territory page shows at most.
LIMITE = 5

#: Distance under which being close counts, in kilometres.
RAYON_KM = 150


POINTS = {"programme": 4.0, "programme_max": 2, "type": 2.0, "echelle": 1.0, "departement": 1.5, "region": 1.0, "theme": 1.0, "theme_max": 3, "distance": 2.0}


def _n(value: float) -> str:
    return f"{value:g}".replace(".", ",")


@dataclass(frozen=True)
class Critere:
    cle: str
    libelle: str
    explication: str

    @property
    def points(self) -> str:
        """The points of the criterion, in words, from :data:`POINTS`."""
        if self.cle == "programme":
            return f"{_n(POINTS['programme'])} par programme (au plus {POINTS['programme_max']})"
        if self.cle == "themes":
            return f"{_n(POINTS['theme'])} par thème (au plus {POINTS['theme_max']})"
        if self.cle == "distance":
            return f"de {_n(POINTS['distance'])} (même endroit) à 0 (à {RAYON_KM} km ou plus)"
        return _n(POINTS[self.cle])


#: The criteria, in the order the reasons are given.
CRITERES = [
    Critere("programme", "même programme", "les deux territoires ont pris part au même programme de la Fabrique (même cohorte, même communauté apprenante…)"),
    Critere("type", "même type", "même nature de territoire : deux communes, deux intercommunalités, deux parcs…"),
    Critere("echelle", "même échelle", "types différents mais de même échelle (par exemple une intercommunalité et un PETR, tous deux intercommunaux)"),
    Critere("departement", "même département", "les deux territoires sont dans le même département"),
    Critere("region", "même région", "même région sans être dans le même département"),
    Critere("themes", "mêmes thèmes", "les ressources et programmes des deux territoires portent sur les mêmes thèmes"),
    Critere("distance", "distance", f"les deux positions sont connues et distantes de moins de {RAYON_KM} km"),
]

#: The least score a neighbour must reach: one criterion such as « même type » alone is not enough.
SEUIL = 2.5


@dataclass(frozen=True)
class Voisin:
    territoire: Territoire
    score: float
    raisons: tuple[str, ...]
    distance_km: float | None = None

    @property
    def raison(self) -> str:
        return ", ".join(self.raisons)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine, Earth radius 6,371 km)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def distance_text(km: float) -> str:
    if km < 10:
        return "à moins de 10 km"
    return f"à {int(round(km / 5.0) * 5)} km"


def _themes(territoire: Territoire) -> set[str]:
    found = {theme_id for ressource in territoire.ressources for theme_id in ressource.theme_ids}
    found |= {theme_id for programme, _ in territoire.programmes for theme_id in programme.theme_ids}
    return found


def _scales(schemas: Schemas) -> dict[str, str]:
    """The scale of each type of territory (``x-echelle`` of territoire.schema.json)."""
    return dict(schemas.properties("territoire").get("type", {}).get("x-echelle", {}))


@dataclass(frozen=True)
class _Traits:
    """What the comparison reads of a territory, computed once."""

    programmes: frozenset[str]
    region: str | None
    themes: frozenset[str]
    position: tuple[float, float] | None


def _traits(corpus: Corpus, territoire: Territoire) -> _Traits:
    return _Traits(frozenset(p.id for p, _ in territoire.programmes), corpus.region_of(territoire),
                   frozenset(_themes(territoire)), position(territoire))


def _compare(corpus: Corpus, a: Territoire, b: Territoire, types: dict[str, str], scales: dict[str, str],
             traits: dict[str, _Traits], explain: bool = True) -> Voisin:
    """How much ``b`` resembles ``a``; the reasons in words only when ``explain`` (the score is the same)."""
    ta, tb = traits[a.id], traits[b.id]
    score = 0.0
    raisons: list[str] = []
    shared = ta.programmes & tb.programmes
    if shared:
        score += POINTS["programme"] * min(len(shared), POINTS["programme_max"])
        if explain:
            names = ", ".join(corpus.programmes[i].nom for i in sorted(shared, key=lambda i: corpus.programmes[i].nom.casefold()))
            raisons.append(("mêmes programmes : " if len(shared) > 1 else "même programme : ") + names)
    if a.type == b.type:
        score += POINTS["type"]
        if explain:
            raisons.append(f"même type : {types.get(a.type, a.type).lower()}")
    elif scales.get(a.type) and scales.get(a.type) == scales.get(b.type):
        score += POINTS["echelle"]
        if explain:
            raisons.append(f"même échelle : {scales[a.type]}")
    if a.departement and a.departement == b.departement:
        score += POINTS["departement"]
        if explain:
            name = corpus.departements.get(a.departement, (a.departement, ""))[0]
            raisons.append(f"même département : {name}")
    elif ta.region and ta.region == tb.region:
        score += POINTS["region"]
        if explain:
            raisons.append(f"même région : {corpus.regions.get(ta.region, ta.region)}")
    common = ta.themes & tb.themes
    if common:
        score += POINTS["theme"] * min(len(common), POINTS["theme_max"])
        if explain:
            ordered = sorted(common, key=lambda i: corpus.themes[i].nom.casefold() if i in corpus.themes else i)
            names = ", ".join((corpus.themes[i].nom if i in corpus.themes else i).lower() for i in ordered)
            raisons.append(("mêmes thèmes : " if len(common) > 1 else "même thème : ") + names)
    km = None
    if ta.position and tb.position:
        km = distance_km(ta.position, tb.position)
        if km < RAYON_KM:
            score += POINTS["distance"] * (1 - km / RAYON_KM)
            if explain:
                raisons.append(distance_text(km))
    return Voisin(b, round(score, 6), tuple(raisons), km)


def _score(a: Territoire, b: Territoire, ta: _Traits, tb: _Traits, scales: dict[str, str]) -> tuple[float, float | None]:
    """The score of :func:`_compare` (the same sums in the same order) and the distance, without
    the reasons: what every pair needs. Symmetric: ``_score(a, b) == _score(b, a)``."""
    score = 0.0
    shared = len(ta.programmes & tb.programmes)
    if shared:
        score += POINTS["programme"] * min(shared, POINTS["programme_max"])
    if a.type == b.type:
        score += POINTS["type"]
    elif scales.get(a.type) and scales.get(a.type) == scales.get(b.type):
        score += POINTS["echelle"]
    if a.departement and a.departement == b.departement:
        score += POINTS["departement"]
    elif ta.region and ta.region == tb.region:
        score += POINTS["region"]
    common = len(ta.themes & tb.themes)
    if common:
        score += POINTS["theme"] * min(common, POINTS["theme_max"])
    km = None
    if ta.position and tb.position:
        km = distance_km(ta.position, tb.position)
        if km < RAYON_KM:
            score += POINTS["distance"] * (1 - km / RAYON_KM)
    return round(score, 6), km


def territoires_proches(corpus: Corpus, schemas: Schemas, limite: int = LIMITE) -> dict[str, list[Voisin]]:
    """For every territory id, its neighbours, best first (never itself).

    Every pair is scored once (the score is symmetric; the reasons are left out of this pass);
    only the kept neighbours are compared again with their reasons in words.
    """
    types = schemas.labels("territoire", "type")
    scales = _scales(schemas)
    territoires = sorted(corpus.territoires.values(), key=lambda t: t.id)
    traits = {t.id: _traits(corpus, t) for t in territoires}
    noms = [t.nom.casefold() for t in territoires]
    candidates: list[list[tuple[Any, ...]]] = [[] for _ in territoires]
    for i, a in enumerate(territoires):
        ta = traits[a.id]
        for j in range(i + 1, len(territoires)):
            b = territoires[j]
            score, km = _score(a, b, ta, traits[b.id], scales)
            if score >= SEUIL:
                far = km if km is not None else math.inf
                candidates[i].append((-score, far, noms[j], b.id, j))
                candidates[j].append((-score, far, noms[i], a.id, i))
    result: dict[str, list[Voisin]] = {}
    for i, a in enumerate(territoires):
        best = sorted(candidates[i])[:limite]  # best score, then nearest, then by name and id
        result[a.id] = [_compare(corpus, a, territoires[j], types, scales, traits) for *_, j in best]
    return result


def method_context() -> dict[str, Any]:
    return {"criteres": CRITERES, "seuil": _n(SEUIL), "limite": LIMITE, "rayon": RAYON_KM}
