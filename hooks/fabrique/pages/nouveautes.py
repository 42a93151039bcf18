"""The "Nouveautés" page and its Atom feed: resources by publication date."""

from __future__ import annotations

from typing import Iterator

from .. import reproductible
from ..dates import Dates, git_dates, of
from ..flux import Article, atom
from ..model import Corpus, Ressource
from ..render import Renderer
from . import GeneratedPage

PATH = "nouveautes/index.md"
FEED = "nouveautes/atom.xml"

#: How many resources the page and the feed list.
PAGE_SIZE = 80
FEED_SIZE = 30


def dated(corpus: Corpus, renderer: Renderer) -> list[tuple[Dates, Ressource]]:
    """Resources with a date, newest publication first, then newest change, then by title."""
    git = git_dates(renderer.docs_dir) if renderer.docs_dir else {}
    found = [(of(r, git), r) for r in corpus.ressources if r.type != "page"]
    with_date = [(d, r) for d, r in found if d.publication or d.modification]
    with_date.sort(key=lambda pair: (pair[1].titre.casefold(), pair[1].id))
    with_date.sort(key=lambda pair: pair[0].tri, reverse=True)
    return with_date


def generate(corpus: Corpus, renderer: Renderer) -> Iterator[GeneratedPage]:
    kinds = renderer.schemas.labels("ressource", "type")
    items = dated(corpus, renderer)
    fallback = (reproductible.date_de_reference(renderer.docs_dir.parent) if renderer.docs_dir else None) or "1970-01-01"
    articles = [Article(r.titre, r.url, d.jour, d.modification or fallback, r.resume, kinds.get(r.type, r.type))
                for d, r in items[:FEED_SIZE]]
    yield GeneratedPage(
        FEED,
        atom(renderer.site_url, f"{renderer.site_name} : nouveautés",
             "Les dernières ressources publiées dans le corpus de la Fabrique des transitions.",
             "La Fabrique des transitions", "nouveautes/", "nouveautes/atom.xml", articles),
        "flux",
    )
    meta = {
        "title": "Nouveautés",
        "description": "Les dernières ressources publiées dans le corpus de la Fabrique des transitions, et leur flux Atom.",
    }
    yield GeneratedPage(
        PATH,
        renderer.render("nouveautes.md.j2", PATH, meta, items=items[:PAGE_SIZE], total=len(items), genres=kinds),
        "nouveautes",
    )
