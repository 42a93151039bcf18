"""The index of every proposition of the guide, filterable by competence and theme."""

from __future__ import annotations

from typing import Iterator

from ..guide import groupes
from ..model import PROPOSITIONS_INDEX, Corpus
from ..render import Renderer
from . import GeneratedPage


def generate(corpus: Corpus, renderer: Renderer) -> Iterator[GeneratedPage]:
    if not corpus.propositions:
        return
    piliers = renderer.schemas.labels("proposition", "pilier")
    competences = renderer.schemas.labels("proposition", "competences")
    items = sorted(corpus.propositions.values(), key=lambda p: (list(piliers).index(p.pilier), p.sort_key))
    used_competences = [(key, name) for key, name in competences.items() if any(key in p.competences for p in items)]
    used_themes = [t for t in corpus.themes.values() if any(t in p.themes for p in items)]
    meta = {
        "title": "Toutes les propositions du guide",
        "description": f"Les {len(items)} propositions du guide des municipales 2026, à filtrer par compétence du bloc communal et par thème.",
        "fabrique_gabarit": "index-propositions",
    }
    content = renderer.render(
        "propositions.md.j2",
        PROPOSITIONS_INDEX,
        meta,
        items=items,
        par_pilier=groupes(items, lambda p: p.pilier),
        piliers=piliers,
        competences=used_competences,
        themes=used_themes,
    )
    yield GeneratedPage(PROPOSITIONS_INDEX, content, "index-propositions")
