"""Reading a built site without a browser: its pages, their links and their ids."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

from bs4 import BeautifulSoup

#: HTML files that are not pages of the site, and why they are left out of the page checks.
NOT_PAGES = {"admin/index.html": "l'éditeur web Decap, hors du périmètre des audits de pages"}

#: Attributes that point at another resource of the site.
LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}


@dataclass
class SitePage:
    site: Path
    path: str  # relative to the site root, e.g. "territoires/gruissan/index.html"

    @cached_property
    def soup(self) -> BeautifulSoup:
        return BeautifulSoup((self.site / self.path).read_text(encoding="utf-8"), "html.parser")

    @property
    def url(self) -> str:
        """The URL MkDocs gives the page ("" for the home page, "404.html" for the error page)."""
        return self.path[: -len("index.html")] if self.path.endswith("index.html") else self.path

    @cached_property
    def ids(self) -> list[str]:
        return [tag["id"] for tag in self.soup.find_all(id=True)]

    @cached_property
    def anchors(self) -> set[str]:
        return set(self.ids) | {tag["name"] for tag in self.soup.find_all("a", attrs={"name": True})}


@dataclass
class Site:
    root: Path
    site_url: str
    pages: dict[str, SitePage] = field(default_factory=dict)

    @classmethod
    def read(cls, root: Path, site_url: str) -> "Site":
        site = cls(root, site_url if site_url.endswith("/") else site_url + "/")
        for path in sorted(root.rglob("*.html")):
            relative = path.relative_to(root).as_posix()
            if relative not in NOT_PAGES:
                site.pages[relative] = SitePage(root, relative)
        return site

    def target(self, page: SitePage, reference: str) -> tuple[str, str] | None:
        """(path of the file inside the site, fragment) of a local reference, None if external."""
        reference = reference.strip()
        if reference.startswith(self.site_url):
            reference = "/" + reference[len(self.site_url):]
        parts = urlsplit(reference)
        if parts.scheme or parts.netloc:
            return None
        path, fragment = urldefrag(reference)
        path = unquote(urlsplit(path).path)
        if not path:
            return page.path, unquote(fragment)
        base = posixpath.dirname(page.path)
        joined = posixpath.normpath(path.lstrip("/") if path.startswith("/") else posixpath.join(base, path))
        if joined in (".", ""):
            joined = ""
        candidate = self.root / joined
        if candidate.is_dir() or path.endswith("/") or joined == "":
            joined = posixpath.join(joined, "index.html") if joined else "index.html"
        return joined, unquote(fragment)


def pagefind_documents(site: Path) -> list[dict]:
    """The documents of the site's Pagefind index, as Pagefind stores them (gzip, a signature, JSON)."""
    import gzip
    import json

    signature = b"pagefind_dcd"
    documents = []
    for fragment in sorted(site.glob("pagefind*/fragment/*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(signature), f"{fragment.name} : fragment Pagefind illisible"
        documents.append(json.loads(data[len(signature):]))
    return documents
