"""One index page per kind of resource (fondamentaux, fiches projets pilotes, …)."""

from __future__ import annotations

from typing import Iterator

from .. import adresses
from ..model import Corpus
from ..render import Renderer
from . import GeneratedPage
from .pagination import paginer


def generate(corpus: Corpus, renderer: Renderer, existing: frozenset[str] = frozenset()) -> Iterator[GeneratedPage]:
    for kind, genre in renderer.schemas.pages.items():
        if not genre.dossier:
            continue
        path = adresses.index(genre.dossier)
        items = [r for r in corpus.ressources_of(kind) if r.src_path != path]
        for tranche in paginer(items, path):
            suite = "" if tranche.numero == 1 else f" Page {tranche.numero} sur {tranche.total}."
            meta = {"title": tranche.titre(genre.pluriel), "description": genre.presentation + suite}
            yield GeneratedPage(tranche.src_path, renderer.render("ressources.md.j2", tranche.src_path, meta, kind=kind,
                                                                  items=list(tranche.items), tranche=tranche), f"index-{kind}")
