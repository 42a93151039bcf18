"""The method note of « territoires proches »."""

from __future__ import annotations

from typing import Iterator

from ..model import Corpus
from ..proches import method_context
from ..render import Renderer
from ..pages import GeneratedPage

PATH = "donnees/territoires-proches.md"


def generate(corpus: Corpus, renderer: Renderer) -> Iterator[GeneratedPage]:
    meta = {
        "title": "Territoires proches : la méthode",
        "description": "Comment le site choisit, pour chaque territoire, les territoires qui lui ressemblent : critères, points et limites.",
    }
    yield GeneratedPage(PATH, renderer.render("territoires-proches.md.j2", PATH, meta, **method_context()), "methode-proches")
