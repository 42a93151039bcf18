"""One index page per kind of resource (fondamentaux, fiches projets pilotes, …)."""

from __future__ import annotations

from typing import Iterator

from ..model import KINDS, Corpus
from ..render import Renderer
from . import GeneratedPage
from .pagination import paginer

DESCRIPTIONS = {
    "fondamental": "Les textes de référence de la Fabrique des transitions : fondamentaux, Fantastiques, mise en récits et conduite de changement.",
    "mise-en-recits": "Les ressources sur la mise en récits des transitions territoriales.",
    "fiche-projet-pilote": "Les projets pilotes conduits par les territoires accompagnés par la Fabrique des transitions.",
    "retour-experience": "Les initiatives analysées collectivement au sein des communautés apprenantes de la Fabrique des transitions.",
    "guide": "Le guide des municipales 2026 : ce que le bloc communal peut faire pour la bifurcation écologique de l'économie locale.",
}


def index_path(kind: str) -> str:
    return f"{KINDS[kind]['dossier']}/index.md"


def generate(corpus: Corpus, renderer: Renderer, existing: frozenset[str] = frozenset()) -> Iterator[GeneratedPage]:
    for kind, info in KINDS.items():
        if not info["dossier"]:
            continue
        path = index_path(kind)
        items = [r for r in corpus.ressources_of(kind) if r.src_path != path]
        for tranche in paginer(items, path):
            suite = "" if tranche.numero == 1 else f" Page {tranche.numero} sur {tranche.total}."
            meta = {"title": tranche.titre(info["pluriel"]), "description": DESCRIPTIONS[kind] + suite, "fabrique_gabarit": f"index-{kind}"}
            yield GeneratedPage(tranche.src_path, renderer.render("ressources.md.j2", tranche.src_path, meta, kind=kind,
                                                                  items=list(tranche.items), tranche=tranche), f"index-{kind}")
