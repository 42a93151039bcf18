"""What the home page links to that no other page gives: the picture of the map and the sketches to complete."""

from __future__ import annotations

from typing import Iterator

from ..accueil import APERCU, apercu_svg, esquisses
from ..model import Corpus
from ..render import Renderer
from . import GeneratedPage
from .pagination import paginer

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
            "fabrique_gabarit": "esquisses",
        }
        yield GeneratedPage(tranche.src_path, renderer.render("esquisses.md.j2", tranche.src_path, meta, tranche=tranche), "esquisses")
