"""The explorer: every resource and territory in one list, with its filters and its JSON index."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any, Iterator

from ..facettes import EXPLORER_FACETS, Facette, entrees, facettes, href, values_of
from ..model import Corpus, Programme, Ressource, Territoire
from ..render import Renderer
from . import GeneratedPage

PATH = "explorer/index.md"
INDEX = "explorer/corpus.json"

#: Facets shown open when the page loads.
OPEN = ("type", "theme")


def url_of(objet: Ressource | Territoire | Programme) -> str:
    return objet.url


def index(corpus: Corpus, renderer: Renderer, shown: list[Facette]) -> dict[str, Any]:
    """The compact index the explorer's script filters on: facet values by position."""
    positions = [{v.id: i for i, v in enumerate(f.valeurs)} for f in shown]
    items = []
    for entree in entrees(corpus, renderer.schemas, natures=("ressource", "territoire")):
        values = [
            sorted(positions[i][v] for v in values_of(corpus, f.id, entree) if v in positions[i])
            for i, f in enumerate(shown)
        ]
        items.append({"c": entree.cle, "t": entree.titre, "u": url_of(entree.objet), "f": values})
    return {
        "facettes": [{"id": f.id, "titre": f.singulier, "valeurs": [[v.id, v.label] for v in f.valeurs]} for f in shown],
        "entrees": items,
    }


def generate(corpus: Corpus, renderer: Renderer) -> Iterator[GeneratedPage]:
    by_id = {f.id: f for f in facettes(corpus, renderer.schemas)}
    # The explorer lists resources and territories: the "programme" type would never match.
    by_id["type"] = replace(by_id["type"], valeurs=[v for v in by_id["type"].valeurs if v.id != "programme"])
    shown = [by_id[f] for f in EXPLORER_FACETS]
    data = index(corpus, renderer, shown)
    yield GeneratedPage(INDEX, json.dumps(data, ensure_ascii=False, separators=(",", ":")), "explorer-index")
    items = entrees(corpus, renderer.schemas, natures=("ressource", "territoire"))
    meta = {
        "title": "Explorateur",
        "description": "Toutes les ressources et tous les territoires du corpus de la Fabrique des transitions, à filtrer par thème, programme, région, année et mots-clés.",
        "fabrique_gabarit": "explorer",
        "hide": ["toc"],
    }
    yield GeneratedPage(
        PATH,
        renderer.render("explorer.md.j2", PATH, meta, facettes=shown, items=items, ouvertes=OPEN,
                        href=lambda target: href(PATH, target)),
        "explorer",
    )
