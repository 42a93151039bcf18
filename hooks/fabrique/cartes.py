"""Listings as cards: what a visitor reads of each entry before opening it.

A card gives an entry's title, kind, territories, programmes, year and, for a sketch, a visible
« Esquisse » badge. The kind indexes, the pages of facet values, the territory and programme pages
and the home page draw their cards with :func:`html` (the Jinja global ``cartes``); the explorer's
script draws the same card from the fields :func:`champs` adds to its index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Iterable

from markupsafe import Markup, escape

from .adresses import href
from .facettes import Entree
from .model import Programme, Ressource, Territoire, annees
from .schemas import Schemas

#: Territories named on a card; the others are counted (« et 12 autres »).
MAX_TERRITOIRES = 2
#: Programmes named on a card.
MAX_PROGRAMMES = 1

TEMPLATE = "_cartes.html.j2"
#: The template of one card (its macro ``vignette``).
VIGNETTE = "_vignette.html.j2"


@dataclass(frozen=True)
class Lien:
    texte: str
    src_path: str


@dataclass(frozen=True)
class Carte:
    """One card: every text is plain (the template escapes it), every link a source path."""

    titre: str
    src_path: str
    genre: str
    annee: str = ""
    esquisse: bool = False
    territoires: tuple[Lien, ...] = ()
    autres_territoires: int = 0
    programmes: tuple[Lien, ...] = ()
    autres_programmes: int = 0


def _liens(items: list[Territoire] | list[Programme], folder: str, limit: int) -> tuple[tuple[Lien, ...], int]:
    shown = tuple(Lien(item.nom, item.src_path) for item in items[:limit])
    return shown, max(0, len(items) - limit)


def annees_texte(years: Iterable[int]) -> str:
    """« 2021 », « 2019–2023 » or "" (the span of the years, not each one)."""
    found = sorted(set(years))
    if not found:
        return ""
    return str(found[0]) if found[0] == found[-1] else f"{found[0]}–{found[-1]}"


def of_ressource(ressource: Ressource, genre: str) -> Carte:
    territoires, autres = _liens(ressource.territoires, "territoires", MAX_TERRITOIRES)
    programmes, autres_p = _liens(ressource.programmes, "programmes", MAX_PROGRAMMES)
    return Carte(ressource.titre, ressource.src_path, genre, str(ressource.annee or ""), ressource.statut == "esquisse",
                 territoires, autres, programmes, autres_p)


def of_territoire(territoire: Territoire, genre: str, annee_de_reference: int) -> Carte:
    programmes, autres_p = _liens([p for p, _ in territoire.programmes], "programmes", MAX_PROGRAMMES)
    return Carte(territoire.nom, territoire.src_path, genre, annees_texte(annees(territoire.periodes(annee_de_reference))),
                 territoire.statut == "esquisse", programmes=programmes, autres_programmes=autres_p)


def of_programme(programme: Programme, genre: str) -> Carte:
    territoires, autres = _liens([t for t, _ in programme.territoires], "territoires", MAX_TERRITOIRES)
    return Carte(programme.nom, programme.src_path, genre, programme.annees if programme.debut else "",
                 programme.statut == "esquisse", territoires, autres)


def carte(item: Any, schemas: Schemas | None, annee_de_reference: int) -> Carte:
    """The card of a resource, territory, programme or index entry (an entry needs no schemas);
    a territory's years run « depuis » to ``annee_de_reference`` (:meth:`Territoire.periodes`)."""
    if isinstance(item, Entree):
        item, genre = item.objet, item.genre
    elif isinstance(item, Ressource):
        genre = schemas.labels("ressource", "type").get(item.type, item.type)
    elif isinstance(item, Territoire):
        genre = schemas.labels("territoire", "type").get(item.type, item.type)
    else:
        genre = "Programme"
    if isinstance(item, Ressource):
        return of_ressource(item, genre)
    if isinstance(item, Territoire):
        return of_territoire(item, genre, annee_de_reference)
    return of_programme(item, genre)


def sans(card: Carte, page: str) -> Carte:
    """A card without the links to the page it is shown on (a territory's resources need not name it)."""
    territoires = tuple(lien for lien in card.territoires if lien.src_path != page)
    programmes = tuple(lien for lien in card.programmes if lien.src_path != page)
    return replace(card, territoires=territoires, programmes=programmes)


def page_of(src_path: str) -> str:
    """The page a page of a list continues: ``programmes/x/pages/2.md`` -> ``programmes/x.md``."""
    return src_path.split("/pages/")[0] + ".md" if "/pages/" in src_path else src_path


#: In a card drawn once for every page: where its n-th link goes (see :func:`_vignette`).
_MARQUE = re.compile("\x00([0-9]+)\x01")


def _carte(renderer: Any, item: Any) -> Carte:
    """:func:`carte`, computed once per build for each resource, territory, programme or entry."""
    key = (item.objet.src_path, item.genre) if isinstance(item, Entree) else (type(item).__name__, item.src_path)
    memo = renderer.memo.setdefault("cartes", {})
    if key not in memo:
        memo[key] = carte(item, renderer.schemas, renderer.corpus.annee_de_reference)
    return memo[key]


def _vignette(renderer: Any, card: Carte) -> tuple[str, tuple[str, ...]]:
    """The HTML of a card with a mark in place of each link, and the source paths the marks
    stand for: drawn once per build for a card shown the same way on many lists (a resource
    is on a dozen), the page's own relative links put in by :func:`html`."""
    memo = renderer.memo.setdefault("vignettes", {})
    if card not in memo:
        targets: list[str] = []

        def mark(target: str) -> str:
            targets.append(target)
            return f"\x00{len(targets) - 1}\x01"

        drawn = renderer.env.get_template(VIGNETTE).module.vignette(card, mark)
        memo[card] = (str(drawn), tuple(targets))
    return memo[card]


def html(renderer: Any, items: Iterable[Any], src_path: str) -> Markup:
    """The cards of ``items`` as raw HTML for the page at ``src_path`` (every value escaped)."""
    page = page_of(src_path)
    cards = [sans(_carte(renderer, item), page) for item in items]
    if not cards:
        return Markup("")
    vignettes = []
    for card in cards:
        drawn, targets = _vignette(renderer, card)
        vignettes.append(_MARQUE.sub(lambda m: str(escape(href(src_path, targets[int(m.group(1))]))), drawn))
    return Markup(renderer.env.get_template(TEMPLATE).render(vignettes=vignettes))


def champs(item: Entree, annee_de_reference: int) -> dict[str, Any]:
    """What the explorer's index adds to an entry for its card: names of territories ``l`` and
    programmes ``p``, how many more are not named ``lx``/``px``, year ``a``, ``e`` (1) for a sketch."""
    card = carte(item, None, annee_de_reference)
    row: dict[str, Any] = {}
    for key, liens, autres in (("l", card.territoires, card.autres_territoires), ("p", card.programmes, card.autres_programmes)):
        if liens:
            row[key] = [lien.texte for lien in liens]
        if autres:
            row[key + "x"] = autres
    if card.annee:
        row["a"] = card.annee
    if card.esquisse:
        row["e"] = 1
    return row
