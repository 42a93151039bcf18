"""Generators of pages: each returns the pages it adds, as :class:`GeneratedPage`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from ..model import Corpus
from ..render import Renderer


@dataclass(frozen=True)
class GeneratedPage:
    """A page made by the build, kept in memory and handed to MkDocs' file API."""

    src_path: str
    content: str
    template: str


Generator = Callable[[Corpus, Renderer], Iterable[GeneratedPage]]


def generators() -> list[Generator]:
    """Every page generator, in order. A new kind of page adds one line here."""
    from . import (accueil, az, carte, chiffres, citations, declaration, explorateur, facettes, guide, kinds, nouveautes,
                   programmes, proches, territoires)

    return [territoires.generate, programmes.generate, kinds.generate, citations.generate, proches.generate,
            facettes.generate, az.generate, explorateur.generate, chiffres.generate, nouveautes.generate, guide.generate,
            carte.generate, declaration.generate, accueil.generate]
