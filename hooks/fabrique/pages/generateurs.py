"""Every page generator, in order: a new kind of page adds one line here."""

from __future__ import annotations

from ..accueil import page as accueil
from ..carte import page as carte
from ..chiffres import page as chiffres
from ..citations import page as citations
from ..facettes import page as facettes
from ..guide import page as guide
from ..proches import page as proches
from ..sources import page as sources
from . import Generator, az, declaration, explorateur, kinds, nouveautes, programmes, territoires


def generators() -> list[Generator]:
    """Every page generator, in order."""
    return [territoires.generate, programmes.generate, kinds.generate, citations.generate, proches.generate,
            facettes.generate, az.generate, explorateur.generate, chiffres.generate, nouveautes.generate, guide.generate,
            carte.generate, declaration.generate, sources.generate, accueil.generate]
