"""The home page's macros (mkdocs-macros), and what it links to that no other page gives: the
picture of the map and the sketches to complete."""

from __future__ import annotations

from typing import Any, Callable, Iterator

from jinja2 import pass_context

from .. import carte, cartes
from ..accueil import APERCU, APERCU_LARGEUR, apercu_svg, chiffre_cle, esquisses
from ..adresses import href
from ..carte import page as carte_page
from ..model import Corpus, Ressource
from ..pages.nouveautes import dated
from ..render import Renderer
from ..pages import GeneratedPage
from ..pages.pagination import paginer

ESQUISSES = "esquisses/index.md"


def generate(corpus: Corpus, renderer: Renderer) -> Iterator[GeneratedPage]:
    if corpus.geo_dir is not None and (corpus.geo_dir / "departements.geojson").is_file():
        yield GeneratedPage(APERCU, apercu_svg(corpus), "apercu-carte")
    items = esquisses(corpus)
    for tranche in paginer(items, ESQUISSES):
        suite = "" if tranche.numero == 1 else f" Page {tranche.numero} sur {tranche.total}."
        meta = {
            "title": tranche.titre("Esquisses à compléter"),
            "description": "Les fiches, territoires et programmes dont le corpus ne dit encore que ce que les sources publiques confirment : à compléter." + suite,
        }
        yield GeneratedPage(tranche.src_path, renderer.render("esquisses.md.j2", tranche.src_path, meta, tranche=tranche), "esquisses")


def macros(corpus: Corpus, renderer: Renderer) -> dict[str, Callable[..., str]]:
    """The macros of the home page (mkdocs-macros); links are relative to the calling page."""

    def here(context: Any) -> str:
        return context["page"].file.src_uri

    @pass_context
    def recherche_accueil(context: Any) -> str:
        src = here(context)
        return renderer.fragment("accueil-recherche.html.j2", src, action=href(src, "explorer/index.md"),
                                 script=carte_page.url_from(src, "assets/fabrique-accueil.js"))

    @pass_context
    def carte_accueil(context: Any) -> str:
        if corpus.geo_dir is None or not (corpus.geo_dir / "departements.geojson").is_file():
            return ""
        src = here(context)
        placed = len(carte.placed(corpus.territoires.values()))
        return renderer.fragment("accueil-carte.html.j2", src, image=carte_page.url_from(src, APERCU),
                                 page=href(src, "carte/index.md"), nombre=placed, largeur=APERCU_LARGEUR,
                                 hauteur=round(APERCU_LARGEUR * carte.HEIGHT / carte.WIDTH))

    @pass_context
    def chiffres_cles(context: Any, *keys: str) -> str:
        src = here(context)
        return renderer.fragment("accueil-chiffres.html.j2", src, chiffres=[chiffre_cle(corpus, k) for k in keys],
                                 href=lambda target: href(src, target))

    @pass_context
    def dernieres_ressources(context: Any, nombre: int = 5) -> str:
        items: list[Ressource] = [r for _, r in dated(corpus, renderer)[:nombre]]
        return str(cartes.html(renderer, items, here(context)))

    def nombre_d_esquisses() -> int:
        return len(esquisses(corpus))

    return {"recherche_accueil": recherche_accueil, "carte_accueil": carte_accueil, "chiffres_cles": chiffres_cles,
            "dernieres_ressources": dernieres_ressources, "nombre_d_esquisses": nombre_d_esquisses}
