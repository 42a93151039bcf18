"""The municipales guide: its chapters in reading order, its propositions and recommendations
grouped as its pages present them (the macros and pages: :mod:`.page`)."""

from __future__ import annotations

from typing import Any, Callable

from ..model import Corpus, Illustree, Ressource



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
