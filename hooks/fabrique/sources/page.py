"""The « Documents sources »: one page per document of ``data/sources/`` and their index."""

from __future__ import annotations

from typing import Iterator

from .. import adresses
from ..model import Corpus
from ..render import Renderer
from ..pages import GeneratedPage
from ..pages.pagination import paginer

#: Citing pages listed per page: one line each with the parts cited (up to 0.3 KB), under 50 KB with the theme.
CITANTS_PAR_PAGE = 60

INDEX = adresses.INDEX_SOURCES


def generate(corpus: Corpus, renderer: Renderer) -> Iterator[GeneratedPage]:
    documents = sorted(corpus.sources.values(), key=lambda d: d.titre.casefold())
    natures = renderer.schemas.labels("source", "nature")
    for document in documents:
        meta = {
            "title": document.titre,
            "description": f"Document source du corpus : {document.titre}. Ce qu'il contient et les pages du site qui s'appuient sur lui.",
        }
        nature = natures.get(document.nature, document.nature)
        for tranche in paginer(document.citants, document.src_path, CITANTS_PAR_PAGE):
            if tranche.numero > 1:
                meta = {
                    "title": tranche.titre(f"{document.titre} : pages qui le citent"),
                    "description": f"Les pages du site qui s'appuient sur le document source {document.titre}, page {tranche.numero} sur {tranche.total}.",
                }
            yield GeneratedPage(tranche.src_path, renderer.render("source.md.j2", tranche.src_path, meta, document=document, nature=nature,
                                                                  tranche=tranche), "source")
    meta = {
        "title": "Documents sources",
        "description": "Les documents d'où le corpus tire ses faits, ce que le site en a retenu et la partie de chacun qui est peu fiable.",
    }
    yield GeneratedPage(INDEX, renderer.render("sources.md.j2", INDEX, meta, documents=documents, natures=natures), "index-sources")
