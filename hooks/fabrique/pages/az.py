"""The A–Z: every resource, territory and programme by its first letter."""

from __future__ import annotations

from typing import Iterator

from slugify import slugify

from ..facettes import DOSSIER, Entree, entrees, fold, href
from ..model import Corpus
from ..render import Renderer
from . import GeneratedPage

PATH = f"{DOSSIER}/a-z.md"


def lettre(titre: str) -> str:
    """The letter a title is filed under ("Écoles" under E, "« Faire »" under F, "3 idées" under 0–9)."""
    for char in fold(titre):
        if char.isalpha():
            return char.upper() if "a" <= char <= "z" else "#"
        if char.isdigit():
            return "0–9"
    return "#"


def generate(corpus: Corpus, renderer: Renderer) -> Iterator[GeneratedPage]:
    items = entrees(corpus, renderer.schemas)
    groupes: dict[str, list[Entree]] = {}
    for entree in items:
        groupes.setdefault(lettre(entree.titre), []).append(entree)
    ordered = sorted(groupes.items(), key=lambda pair: (not pair[0].isalpha(), pair[0]))
    ancres = {key: slugify(key) or "autres" for key in groupes}
    meta = {
        "title": "De A à Z",
        "description": "Toutes les ressources, tous les territoires et tous les programmes du corpus de la Fabrique des transitions, par ordre alphabétique.",
        "fabrique_gabarit": "a-z",
    }
    yield GeneratedPage(PATH, renderer.render("az.md.j2", PATH, meta, groupes=ordered, ancres=ancres, total=len(items),
                                                     href=lambda target: href(PATH, target)), "a-z")
