""""En chiffres": what the corpus holds, counted at build time, beside the figures the sources declare."""

from __future__ import annotations

from typing import Iterator

from ..chiffres import comparaisons, programmes_declares, series, valeur_texte
from ..graphiques import barres
from ..model import Corpus
from ..render import Renderer
from . import GeneratedPage

PATH = "en-chiffres/index.md"


def generate(corpus: Corpus, renderer: Renderer) -> Iterator[GeneratedPage]:
    found = series(corpus, renderer.schemas)
    meta = {
        "title": "En chiffres",
        "description": "Ce que le corpus de la Fabrique des transitions documente, compté à partir des données : territoires par type, programme, région et année ; ressources par type et thème.",
        "fabrique_gabarit": "chiffres",
    }
    yield GeneratedPage(
        PATH,
        renderer.render(
            "chiffres.md.j2", PATH, meta,
            series=found, svg={s.id: barres(f"graphique-{s.id}", s.lignes) for s in found},
            comparaisons=comparaisons(corpus), programmes=programmes_declares(corpus), valeur_texte=valeur_texte,
            nb_ressources=sum(1 for r in corpus.ressources if r.type != "page"),
        ),
        "chiffres",
    )
