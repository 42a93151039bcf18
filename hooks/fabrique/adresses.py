"""Addresses: where each page of the site comes from, where it is published, how to link to it.

The only module that knows the layout of the site. A page is named by its *source path* in
MkDocs' file set (``territoires/gruissan.md``), which is also the name of a generated page.
From it come its URL from the site's root (``territoires/gruissan/``, or
``territoires/gruissan.html`` in the offline copy, which has no directory URLs), its absolute
address on the public site, and a relative link from any other page.

Every domain object that has a page carries its source path as ``src_path`` (resources are
files of ``docs/``; territories, programmes, propositions and recommendations get theirs from
the functions below); nothing else builds the path of an object's page or turns a path into a
URL. A page generator names its own fixed pages (``carte/index.md``) next to its code.
"""

from __future__ import annotations

import posixpath
from typing import Any

from slugify import slugify

#: Folders of the generated pages of territories and programmes.
TERRITOIRES = "territoires"
PROGRAMMES = "programmes"


def territoire(territoire_id: str) -> str:
    """The source path of a territory's page."""
    return f"{TERRITOIRES}/{territoire_id}.md"


def programme(programme_id: str) -> str:
    """The source path of a programme's page."""
    return f"{PROGRAMMES}/{programme_id}.md"


def index(dossier: str) -> str:
    """The source path of a folder's index page (``fiches`` -> ``fiches/index.md``)."""
    return f"{dossier}/index.md" if dossier else "index.md"


INDEX_TERRITOIRES = index(TERRITOIRES)
INDEX_PROGRAMMES = index(PROGRAMMES)

#: Folder of the pages of the source documents (« Documents sources »).
SOURCES = "sources"
INDEX_SOURCES = index(SOURCES)


def document_source(document_id: str) -> str:
    """The source path of the page of a source document."""
    return f"{SOURCES}/{document_id}.md"

#: The municipales guide: a staff page per part (``guide/<pilier>.md``), the recommendations'
#: summary, and the generated index of every proposition.
GUIDE = "guide"
RECOMMANDATIONS = f"{GUIDE}/recommandations.md"
PROPOSITIONS = f"{GUIDE}/propositions.md"


def chapitre(pilier: str) -> str:
    """The staff page of a part of the guide."""
    return f"{GUIDE}/{pilier}.md"


def axe(pilier: str, axe: str) -> str:
    """The generated page of an axe of a part of the guide (its propositions in full)."""
    return f"{GUIDE}/{pilier}/{slugify(axe, max_length=80, word_boundary=True)}.md"


def recommandations(destinataires: str) -> str:
    """The generated page of one part of the recommendations (« Aux élus »…)."""
    return f"{RECOMMANDATIONS[:-3]}/{destinataires}.md"


def url(src_path: str, directory_urls: bool = True) -> str:
    """The URL of a page from the site's root: ``fiches/x.md`` -> ``fiches/x/`` (``index.md`` -> ``""``).

    Without directory URLs (the offline copy): ``fiches/x.html``, ``fiches/index.html``.
    """
    stem = src_path[:-3] if src_path.endswith(".md") else src_path
    if not directory_urls:
        return f"{stem}.html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def of(obj: Any) -> str | None:
    """The URL from the site's root of a model object with a page (and its ``anchor``, if any)."""
    src = getattr(obj, "src_path", None)
    if not isinstance(src, str) or not src.endswith(".md"):
        return None
    anchor = getattr(obj, "anchor", None)
    return url(src) + (f"#{anchor}" if isinstance(anchor, str) and anchor else "")


def absolute(site_url: str, path: str) -> str:
    """An address on the public site from a URL relative to its root."""
    return site_url.rstrip("/") + "/" + path.lstrip("/")


def relative(from_src: str, to_src: str) -> str:
    """A Markdown link from one source page to another (both paths inside ``docs/``).

    MkDocs turns it into the page's URL, in either URL style. The same result as
    ``posixpath.relpath`` without its calls to the file system (it runs for every link).
    """
    start = [part for part in posixpath.dirname(from_src).split("/") if part and part != "."]
    target = [part for part in posixpath.normpath(to_src).split("/") if part and part != "."]
    common = 0
    while common < min(len(start), len(target)) and start[common] == target[common]:
        common += 1
    parts = [".."] * (len(start) - common) + target[common:]
    return "/".join(parts) or "."


def _relpath(target: str, start: str) -> str:
    """``posixpath.relpath`` between two paths of the site, without its calls to the file system
    (it runs for every card's links: a hundred thousand times at 3,000 resources)."""
    start_parts = [part for part in start.split("/") if part and part != "."]
    target_parts = [part for part in target.split("/") if part and part != "."]
    if ".." in start_parts or ".." in target_parts:
        return posixpath.relpath(target or ".", start or ".")
    common = 0
    while common < min(len(start_parts), len(target_parts)) and start_parts[common] == target_parts[common]:
        common += 1
    return "/".join([".."] * (len(start_parts) - common) + target_parts[common:]) or "."


def href(from_src: str, to_src: str) -> str:
    """A relative URL from one page to another, for raw HTML (which MkDocs leaves alone)."""
    found = _relpath(url(to_src), url(from_src))
    return "./" if found == "." else found + "/"


def vers(from_src: str, target: str) -> str:
    """A relative URL from a source page to a site path (a file, or a folder ending in ``/``)."""
    base = url(from_src) or "."
    found = posixpath.relpath(target, base)
    return found + "/" if target.endswith("/") and not found.endswith("/") else found
