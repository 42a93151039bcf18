"""Every page generator, in order: a new kind of page adds one line here."""

from __future__ import annotations

from . import (Generator, accueil, az, carte, chiffres, citations, declaration, explorateur, facettes, guide, kinds, nouveautes,
               programmes, proches, sources, territoires)


def generators() -> list[Generator]:
    """Every page generator, in order."""
    return [territoires.generate, programmes.generate, kinds.generate, citations.generate, proches.generate,
            facettes.generate, az.generate, explorateur.generate, chiffres.generate, nouveautes.generate, guide.generate,
            carte.generate, declaration.generate, sources.generate, accueil.generate]
