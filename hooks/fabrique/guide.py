"""The municipales guide: the macros of its pages and the reverse links of the corpus pages.

Staff pages of ``docs/guide/`` call ``{{ propositions("vision") }}``,
``{{ recommandations("elus", "cap") }}`` and ``{{ sommaire_du_guide() }}``; each macro renders a
template of ``overrides/fabrique/`` for the page that calls it, so its links are relative to it.
"""

from __future__ import annotations

from typing import Any, Callable

from jinja2 import pass_context

from .model import Corpus, Illustree, Ressource, Territoire
from .render import Renderer

#: Words naming an illustrating page in « Propositions du guide illustrées par … ».
DESIGNATIONS = {
    "fiche-projet-pilote": "ce projet pilote",
    "retour-experience": "ce retour d'expérience",
}


def groupes(items: list[Illustree], key: Callable[[Any], str | None]) -> list[tuple[str | None, list[Illustree]]]:
    """Items grouped by a key, groups in the order of their first item."""
    found: dict[str | None, list[Illustree]] = {}
    for item in items:
        found.setdefault(key(item), []).append(item)
    return list(found.items())


def chapitres(corpus: Corpus) -> list[Ressource]:
    """The guide's pages in reading order: the introduction first, then by ``ordre``."""
    pages = corpus.ressources_of("guide")
    return sorted(pages, key=lambda r: (not r.src_path.endswith("index.md"), r.sort_key))


def voisins(corpus: Corpus, ressource: Ressource) -> tuple[Ressource | None, Ressource | None]:
    """The chapters before and after a page of the guide, in reading order."""
    pages = chapitres(corpus)
    if ressource not in pages:
        return None, None
    index = pages.index(ressource)
    return (pages[index - 1] if index else None), (pages[index + 1] if index + 1 < len(pages) else None)


def macros(corpus: Corpus, renderer: Renderer) -> dict[str, Callable[..., str]]:
    """The macros offered to the staff pages (mkdocs-macros)."""

    def src(context: Any) -> str:
        return context["page"].file.src_uri

    @pass_context
    def propositions(context: Any, pilier: str, niveau: int = 2) -> str:
        if pilier not in renderer.schemas.labels("proposition", "pilier"):
            raise ValueError(f"propositions(« {pilier} ») : partie inconnue du guide")
        items = corpus.propositions_of(pilier)
        return renderer.fragment("guide-propositions.md.j2", src(context), groupes=groupes(items, lambda p: p.axe), niveau=niveau)

    @pass_context
    def recommandations(context: Any, destinataires: str, posture: str | None = None, niveau: int = 3) -> str:
        if destinataires not in renderer.schemas.labels("recommandation", "destinataires"):
            raise ValueError(f"recommandations(« {destinataires} ») : partie inconnue")
        items = corpus.recommandations_of(destinataires, posture)
        return renderer.fragment("guide-recommandations.md.j2", src(context), items=items, niveau=niveau)

    @pass_context
    def sommaire_du_guide(context: Any) -> str:
        here = src(context)
        pages = [r for r in chapitres(corpus) if r.src_path != here]
        return renderer.fragment("guide-sommaire.md.j2", here, pages=pages)

    return {"propositions": propositions, "recommandations": recommandations, "sommaire_du_guide": sommaire_du_guide}


def illustrees_par(renderer: Renderer, src_path: str, cible: Ressource | Territoire, nom: str) -> str:
    """The « Propositions du guide illustrées par … » section of a page (empty if none)."""
    if not (cible.propositions or cible.recommandations):
        return ""
    return renderer.fragment("guide-illustrees.md.j2", src_path, cible=cible, nom=nom)
