"""Generators of pages: each returns the pages it adds, as :class:`GeneratedPage` (the list: :mod:`.generateurs`)."""

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
