"""The page that presents the whole-corpus bibliography and every resource's reference."""

from __future__ import annotations

from typing import Iterator

from ..citations import CORPUS_STEM, FOLDER, FORMATS, INDEX
from ..model import Corpus
from ..render import Renderer
from ..pages import GeneratedPage
from ..pages.pagination import paginer


def generate(corpus: Corpus, renderer: Renderer) -> Iterator[GeneratedPage]:
    ordered = [(genre.pluriel, ressource) for kind, genre in renderer.schemas.pages.items() if genre.citable for ressource in corpus.ressources_of(kind)]
    description = "La bibliographie de toutes les ressources de la Fabrique des transitions, en BibTeX, RIS et CSL-JSON, pour Zotero et les autres logiciels bibliographiques."
    for tranche in paginer(ordered, INDEX):
        groups: list[tuple[str, list]] = []
        for titre, ressource in tranche.items:
            if not groups or groups[-1][0] != titre:
                groups.append((titre, []))
            groups[-1][1].append(ressource)
        meta = {
            "title": tranche.titre("Citer le corpus"),
            "description": description + ("" if tranche.numero == 1 else f" Page {tranche.numero} sur {tranche.total}."),
        }
        yield GeneratedPage(
            tranche.src_path,
            renderer.render(
                "citations.md.j2", tranche.src_path, meta,
                groups=groups, formats=FORMATS, corpus_stem=CORPUS_STEM, folder=FOLDER, total=len(ordered), tranche=tranche,
            ),
            "citations",
        )
