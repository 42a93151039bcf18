"""The municipales guide: the macros of its pages and the reverse links of the corpus pages.

Staff pages of ``docs/guide/`` call ``{{ propositions("vision") }}``,
``{{ recommandations("elus", "cap") }}`` and ``{{ sommaire_du_guide() }}``; each macro renders a
template of ``overrides/fabrique/`` for the page that calls it, so its links are relative to it.
"""

from __future__ import annotations

from typing import Any, Callable

from jinja2 import pass_context

from .model import Corpus, Illustree, Ressource, Territoire
from .render import Renderer, md_escape



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
        here = src(context)
        parts = []
        for axe, items in groupes(corpus.propositions_of(pilier), lambda p: p.axe):
            if axe is None:
                parts.append(renderer.fragment("guide-propositions.md.j2", here, groupes=[(None, items)], niveau=niveau))
                continue
            parts.append(f"{'#' * niveau} {md_escape(axe)}\n\n")
            parts.append(renderer.fragment("guide-sommaire-fiches.md.j2", here, items=items, page=items[0].src_path,
                                           niveau=niveau + 1, quoi=_nombre(len(items), "proposition", "de cet axe")))
        return "".join(parts)

    @pass_context
    def recommandations(context: Any, destinataires: str, posture: str | None = None, niveau: int = 3) -> str:
        if destinataires not in renderer.schemas.labels("recommandation", "destinataires"):
            raise ValueError(f"recommandations(« {destinataires} ») : partie inconnue")
        items = corpus.recommandations_of(destinataires, posture)
        if not items:
            return ""
        return renderer.fragment("guide-sommaire-fiches.md.j2", src(context), items=items, page=items[0].src_path,
                                 niveau=niveau, quoi=_nombre(len(items), "recommandation", "en détail"))

    @pass_context
    def sommaire_du_guide(context: Any) -> str:
        here = src(context)
        pages = [r for r in chapitres(corpus) if r.src_path != here]
        return renderer.fragment("guide-sommaire.md.j2", here, pages=pages)

    return {"propositions": propositions, "recommandations": recommandations, "sommaire_du_guide": sommaire_du_guide}


def _nombre(n: int, nom: str, suite: str) -> str:
    return f"La {nom} {suite}" if n == 1 else f"Les {n} {nom}s {suite}"


def pages_de_fiches(corpus: Corpus) -> dict[str, list[Illustree]]:
    """The pages that present propositions and recommendations in full, with what each holds.

    A chapter of the guide would weigh too much with all its propositions: each axe of a part
    has its page (``guide/<pilier>/<axe>.md``), and so has each part of the recommendations
    (``guide/recommandations/<destinataires>.md``); the chapter lists their titles.
    """
    found: dict[str, list[Illustree]] = {}
    for item in [*corpus.propositions.values(), *corpus.recommandations.values()]:
        if item.src_path != item.chapitre_src:
            found.setdefault(item.src_path, []).append(item)
    return {src: sorted(items, key=lambda i: i.sort_key) for src, items in sorted(found.items())}


def illustrees_par(renderer: Renderer, src_path: str, cible: Ressource | Territoire, nom: str) -> str:
    """The « Propositions du guide illustrées par … » section of a page (empty if none)."""
    if not (cible.propositions or cible.recommandations):
        return ""
    return renderer.fragment("guide-illustrees.md.j2", src_path, cible=cible, nom=nom)
