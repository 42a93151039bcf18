"""The A–Z: every resource, territory and programme by its first letter, in pages of PAR_PAGE entries.

Each page shows the letters it holds (a heading per letter, « (suite) » when the letter began
on an earlier page) and the row of every letter, each linking to the page where it begins.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from slugify import slugify

from ..adresses import href
from ..facettes import DOSSIER, Entree, entrees, fold
from ..model import Corpus
from ..render import Renderer
from . import GeneratedPage
from .pagination import paginer

PATH = f"{DOSSIER}/a-z.md"


def lettre(titre: str) -> str:
    """The letter a title is filed under ("Écoles" under E, "« Faire »" under F, "3 idées" under 0–9)."""
    for char in fold(titre):
        if char.isalpha():
            return char.upper() if "a" <= char <= "z" else "#"
        if char.isdigit():
            return "0–9"
    return "#"


def ancre(key: str) -> str:
    return "lettre-" + (slugify(key) or "autres")


@dataclass(frozen=True)
class Groupe:
    """The entries of one letter on one page; ``suite`` when the letter began on an earlier page."""

    lettre: str
    ancre: str
    suite: bool
    items: list[Entree]


def _order(key: str) -> tuple[bool, str]:
    return (not key.isalpha(), key)


def generate(corpus: Corpus, renderer: Renderer) -> Iterator[GeneratedPage]:
    # Entries in the order of their letters (letters first, then digits and signs), titles within.
    items = sorted(entrees(corpus, renderer.schemas), key=lambda e: _order(lettre(e.titre)))
    tranches = paginer(items, PATH)
    debuts: dict[str, tuple[str, str]] = {}  # letter -> (page where it begins, anchor)
    for tranche in tranches:
        for entree in tranche.items:
            key = lettre(entree.titre)
            debuts.setdefault(key, (tranche.src_path, ancre(key)))
    lettres = sorted(debuts, key=_order)
    for tranche in tranches:
        groupes: list[Groupe] = []
        for entree in tranche.items:
            key = lettre(entree.titre)
            if not groupes or groupes[-1].lettre != key:
                suite = debuts[key][0] != tranche.src_path
                groupes.append(Groupe(key, ancre(key) + ("-suite" if suite else ""), suite, []))
            groupes[-1].items.append(entree)
        suffixe = "" if tranche.numero == 1 else f" Page {tranche.numero} sur {tranche.total}."
        meta = {
            "title": tranche.titre("De A à Z"),
            "description": "Toutes les ressources, tous les territoires et tous les programmes du corpus de la Fabrique des transitions, par ordre alphabétique." + suffixe,
        }
        here = tranche.src_path
        yield GeneratedPage(here, renderer.render("az.md.j2", here, meta, groupes=groupes, lettres=lettres, debuts=debuts,
                                                  tranche=tranche, href=lambda target, here=here: href(here, target)), "a-z")
