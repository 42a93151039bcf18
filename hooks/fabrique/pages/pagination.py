"""Long lists of generated pages, cut into pages of :data:`PAR_PAGE` items.

Every page of the site embeds Material's chrome (~20 KB); a list of a thousand resources on
one page would weigh several hundred KB. Page 1 stays at its usual address
(``fiches/index.md``); the next ones live beside it (``fiches/pages/2.md``,
``<page>/pages/2.md``). Titles and descriptions say the page number, so they stay unique.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Generic, Sequence, TypeVar

T = TypeVar("T")

#: Items per page: a list of resources with their summaries and territories, under Material's chrome
#: (25 to 33 KB), stays under 50 KB a page even with 3,000 resources.
PAR_PAGE = 30


def chemin(premiere: str, numero: int) -> str:
    """Source path of page ``numero`` of a list whose first page is ``premiere``."""
    if numero == 1:
        return premiere
    stem = premiere[: -len(".md")]
    folder = posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem
    return posixpath.join(folder, "pages", f"{numero}.md")


@dataclass(frozen=True)
class Tranche(Generic[T]):
    """One page of a list: its items, its number and the source paths of all pages."""

    items: Sequence[T]
    numero: int
    chemins: tuple[str, ...]
    debut: int  # position of the first item in the whole list, from 1
    nombre: int  # items in the whole list

    @property
    def total(self) -> int:
        return len(self.chemins)

    @property
    def src_path(self) -> str:
        return self.chemins[self.numero - 1]

    @property
    def fin(self) -> int:
        return self.debut + len(self.items) - 1

    def titre(self, base: str) -> str:
        return base if self.total == 1 else f"{base} (page {self.numero} sur {self.total})"


def paginer(items: Sequence[T], premiere: str, par_page: int = PAR_PAGE) -> list[Tranche[T]]:
    """Cut ``items`` into pages; an empty list still has its first page."""
    total = max(1, -(-len(items) // par_page))
    chemins = tuple(chemin(premiere, numero) for numero in range(1, total + 1))
    return [
        Tranche(items[(numero - 1) * par_page: numero * par_page], numero, chemins, (numero - 1) * par_page + 1, len(items))
        for numero in range(1, total + 1)
    ]
