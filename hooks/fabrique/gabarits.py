"""Page templates ("gabarits"): which template made each page, and the manifest the audits read.

Every page the build makes carries ``page.meta["fabrique_gabarit"]``: a resource's kind, the
template of a generated page, or ``page-<id>`` for a hand-written staff page (each of those
is its own layout). At the end of the build, :func:`write` saves the list of pages of each
gabarit as ``fabrique-gabarits.json`` at the root of the site, so that the audits test one page
of every gabarit without keeping a list of their own: a new kind of page cannot escape them.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import Ressource

#: File written at the root of the built site (not a page: neither in the sitemap nor in search).
MANIFEST = "fabrique-gabarits.json"

#: Gabarit of the error page Material renders outside the page list.
ERREUR_404 = "erreur-404"

#: Where a page without gabarit is listed: the static checks fail on it.
SANS_GABARIT = "sans-gabarit"

META_KEY = "fabrique_gabarit"


def of_ressource(ressource: Ressource) -> str:
    """The gabarit of a Markdown page of ``docs/``: its kind, or ``page-<id>`` for a staff page."""
    return f"page-{ressource.id}" if ressource.type == "page" else ressource.type


@dataclass
class Manifeste:
    """Gabarit -> URLs of its pages (relative to the site root, as MkDocs writes ``page.url``)."""

    pages: dict[str, list[str]] = field(default_factory=dict)

    def add(self, gabarit: str | None, url: str) -> None:
        self.pages.setdefault(gabarit or SANS_GABARIT, []).append(url)

    def to_json(self) -> str:
        ordered = {name: sorted(set(urls)) for name, urls in sorted(self.pages.items())}
        return json.dumps({"version": 1, "gabarits": ordered}, ensure_ascii=False, indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str) -> "Manifeste":
        data: dict[str, Any] = json.loads(text)
        return cls({name: list(urls) for name, urls in data["gabarits"].items()})

    @classmethod
    def read(cls, site_dir: Path) -> "Manifeste":
        return cls.from_json((Path(site_dir) / MANIFEST).read_text(encoding="utf-8"))

    @property
    def urls(self) -> list[str]:
        return sorted(url for urls in self.pages.values() for url in urls)

    def gabarit(self, url: str) -> str | None:
        return next((name for name, urls in self.pages.items() if url in urls), None)

    def echantillon(self, autres: int = 0, graine: int = 2026) -> list[tuple[str, str]]:
        """(gabarit, url): the first page of every gabarit, then ``autres`` pages drawn at random.

        The draw is seeded: the same site gives the same sample, so a failure can be replayed.
        """
        chosen = [(name, sorted(urls)[0]) for name, urls in sorted(self.pages.items()) if urls]
        taken = {url for _, url in chosen}
        rest = [(name, url) for name, urls in sorted(self.pages.items()) for url in sorted(urls) if url not in taken]
        rng = random.Random(graine)
        return chosen + sorted(rng.sample(rest, min(autres, len(rest))), key=lambda pair: pair[1])


def write(manifeste: Manifeste, site_dir: Path) -> Path:
    """Write the manifest of a built site (the 404 page included when the theme made one)."""
    site_dir = Path(site_dir)
    if (site_dir / "404.html").is_file():
        manifeste.pages.setdefault(ERREUR_404, ["404.html"])
    target = site_dir / MANIFEST
    target.write_text(manifeste.to_json(), encoding="utf-8")
    return target
