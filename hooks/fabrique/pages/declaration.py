"""The « Déclaration d'accessibilité »: the legal statement, filled from the last test run."""

from __future__ import annotations

from typing import Iterator

from .. import accessibilite
from ..model import Corpus
from ..render import Renderer
from . import GeneratedPage

GABARIT = "declaration-accessibilite"


def generate(corpus: Corpus, renderer: Renderer) -> Iterator[GeneratedPage]:
    root = renderer.templates.parents[1]  # overrides/fabrique -> the project
    etat = accessibilite.lire(root)
    meta = {
        "title": "Déclaration d'accessibilité",
        "description": f"Déclaration d'accessibilité du site : {etat.conformite} au RGAA 4.1, résultats des tests, contenus non accessibles et voies de recours.",
    }
    yield GeneratedPage(
        accessibilite.PAGE,
        renderer.render(
            "declaration-accessibilite.md.j2", accessibilite.PAGE, meta,
            etat=etat, automatiques=accessibilite.AUTOMATIQUES, rgaa_total=accessibilite.RGAA_CRITERES,
        ),
        GABARIT,
    )
