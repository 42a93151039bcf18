"""The page that presents the whole-corpus bibliography and every resource's reference."""

from __future__ import annotations

from typing import Iterator

from ..citations import CITABLE_KINDS, CORPUS_STEM, FOLDER, FORMATS, INDEX
from ..model import KINDS, Corpus
from ..render import Renderer
from . import GeneratedPage


def generate(corpus: Corpus, renderer: Renderer) -> Iterator[GeneratedPage]:
    groups = [(KINDS[kind]["pluriel"], corpus.ressources_of(kind)) for kind in CITABLE_KINDS]
    meta = {
        "title": "Citer le corpus",
        "description": "La bibliographie de toutes les ressources de la Fabrique des transitions, en BibTeX, RIS et CSL-JSON, pour Zotero et les autres logiciels bibliographiques.",
        "fabrique_gabarit": "citations",
    }
    yield GeneratedPage(
        INDEX,
        renderer.render(
            "citations.md.j2", INDEX, meta,
            groups=[g for g in groups if g[1]], formats=FORMATS, corpus_stem=CORPUS_STEM, folder=FOLDER,
            total=sum(len(items) for _, items in groups),
        ),
        "citations",
    )
