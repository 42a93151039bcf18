"""The home page: what its staff text (``docs/index.md``) draws from the corpus, as macros.

``{{ recherche_accueil() }}`` (a search field that feeds the header's Pagefind search, or the
explorer without JavaScript), ``{{ carte_accueil() }}`` (the picture of the map, a static SVG made
at build time), ``{{ chiffres_cles(...) }}`` (key figures with their source),
``{{ dernieres_ressources() }}`` (the latest resources, in the order of « Nouveautés ») and
``{{ nombre_d_esquisses() }}``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from ..erreurs import ErreurDeMacro
from .. import carte
from ..chiffres import MESURES, valeur_texte
from ..model import Corpus

#: The picture of the map on the home page (a file of the site, not inline: it is cached).
APERCU = "carte/apercu.svg"
#: Width of the picture in CSS pixels (its height follows the drawing's proportions).
APERCU_LARGEUR = 360

#: Counts the corpus makes itself, for figures no source declares.
COMPTES: dict[str, tuple[str, Callable[[Corpus], int]]] = {
    "programmes": MESURES["programmes"],
    "ressources": ("ressources publiées sur ce site", lambda corpus: sum(1 for r in corpus.ressources if r.type != "page")),
}


@dataclass(frozen=True)
class ChiffreCle:
    """A figure of the home page: its value, what it counts, its source and the page that details it."""

    valeur: str
    libelle: str
    source: str
    page: str


def esquisses(corpus: Corpus) -> list[Any]:
    """Resources, territories and programmes marked as sketches, in title order."""
    items: list[Any] = [r for r in corpus.ressources if r.statut == "esquisse" and r.type != "page"]
    items += [t for t in corpus.territoires.values() if t.statut == "esquisse"]
    items += [p for p in corpus.programmes.values() if p.statut == "esquisse"]
    return sorted(items, key=lambda item: (getattr(item, "titre", None) or item.nom).casefold())


def source_texte(source: dict[str, Any]) -> str:
    """« Élus : rejoindre l'alliance » (2026)."""
    return f"« {source['document']} »" + (f" ({source['annee']})" if source.get("annee") else "")


def chiffre_cle(corpus: Corpus, key: str) -> ChiffreCle:
    """A declared figure of ``data/chiffres.yml`` by its id, or a count of the corpus (:data:`COMPTES`)."""
    declared = next((c for c in corpus.chiffres if c.id == key), None)
    if declared is not None:
        return ChiffreCle(valeur_texte(declared), declared.libelle, source_texte(declared.source), "en-chiffres/sources.md")
    if key in COMPTES:
        libelle, count = COMPTES[key]
        return ChiffreCle(str(count(corpus)), libelle, "décompte du corpus de ce site", "en-chiffres/index.md")
    raise ErreurDeMacro(f"chiffres_cles(« {key} ») : ni un chiffre de data/chiffres.yml (champ id), "
                     f"ni un décompte du corpus ({', '.join(COMPTES)})")


def apercu_svg(corpus: Corpus) -> str:
    """The map of every territory as one self-contained SVG file (an ``<img>`` loads no other file)."""
    assert corpus.geo_dir is not None
    fond = carte.fond_svg(corpus.geo_dir, departements_dessines=False).rstrip()
    points = "".join(f'<circle cx="{x:.0f}" cy="{y:.0f}" r="7"/>' for _, x, y in carte.placed(corpus.territoires.values()))
    markers = f'<g style="fill:{carte.COLORS[0]};stroke:#fff;stroke-width:1.5">{points}</g>'
    return fond[: -len("</svg>")] + markers + "</svg>\n"
