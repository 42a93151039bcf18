"""The search index: Pagefind, run on the built site (French stemming, accents folded, chunked index).

Pagefind keeps every page it indexes in memory until it writes its index (about 400 bytes per
indexed word: 1 GB for a 3,000-resource corpus, on top of the build). So the site is indexed in
bundles, one Pagefind run after the other, each under :data:`MOTS_PAR_LOT` words: ``pagefind/``,
then ``pagefind-2/``, ``pagefind-3/``…, listed in ``pagefind/fabrique-lots.json``. The pages are
dealt out in turn, so that every bundle is a sample of the whole site and scores its pages on the
same statistics; the browser merges the bundles into one search (Pagefind's ``mergeIndex``, see
``docs/assets/fabrique-recherche.js``): one result list ranked by score, the French WebAssembly
module of the first bundle loaded once.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

#: What Pagefind indexes: the article of each page, without permalink signs.
ARGUMENTS = [
    "--root-selector", "article.md-content__inner",
    "--exclude-selectors", ".headerlink",
    "--force-language", "fr",
    "--quiet",
]

#: The pages Pagefind looks at: every ``index.html`` of the site (those without the article are skipped).
PAGE = "index.html"

#: The first bundle, and the prefix of the others (``pagefind-2``…).
DOSSIER = "pagefind"
#: In the first bundle: the other bundles, from the site's root, for the browser to merge.
LISTE = "fabrique-lots.json"

#: Words indexed per bundle at most. Pagefind's peak grows with the words it indexes: about 400
#: bytes per word, measured on the synthetic corpus (a resource page of 720 words: 290 KB; a
#: territory page of 380: 155 KB); 1.25 million words, about 500 MB. Each bundle adds its
#: metadata and an index chunk to what a search downloads: no more bundles than memory needs.
MOTS_PAR_LOT = 1_250_000

#: The folder of one Pagefind run, in the site while it runs: the pages of its bundle, linked.
_TEMPORAIRE = ".fabrique-recherche-"

#: What a merged bundle needs in the browser: its entry, metadata, index chunks, fragments, filters.
GARDES = ("pagefind-entry.json", ".pf_meta", "index", "fragment", "filter")

_BALISE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>|<[^>]*>")
#: Elements whose content is never text to index.
_SANS_TEXTE = frozenset({"script", "style"})


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


def mots(html: str) -> int:
    """The words Pagefind will index in a page's HTML: its text, without the elements marked
    ``data-pagefind-ignore`` (the lists of generated pages) nor scripts: the weight of the page in
    a bundle. A scan of the tags, not a parse (it runs on every page)."""
    count = 0
    start = 0
    skipped: str | None = None  # the tag of the element being skipped
    depth = 0
    for match in _BALISE.finditer(html):
        if skipped is None:
            count += len(html[start:match.start()].split())
        start = match.end()
        if match.group(2) is None:  # a comment, a declaration
            continue
        closing, tag, attributes = match.group(1), match.group(2).lower(), match.group(3)
        if skipped is not None:
            if tag == skipped:
                depth += -1 if closing else (0 if attributes.endswith("/") else 1)
                if depth == 0:
                    skipped = None
        elif not closing and (tag in _SANS_TEXTE or "data-pagefind-ignore" in attributes) and not attributes.endswith("/"):
            skipped, depth = tag, 1
    if skipped is None:
        count += len(html[start:].split())
    return count


def _est_lot(nom: str) -> bool:
    return nom == DOSSIER or re.fullmatch(re.escape(DOSSIER) + r"-\d+", nom) is not None


def fichiers(site_dir: Path) -> list[str]:
    """Every ``index.html`` of the built site, from its root, in order (the bundles left out)."""
    found = []
    for root, dirs, files in os.walk(site_dir):
        if Path(root) == site_dir:
            dirs[:] = [d for d in dirs if not _est_lot(d) and not d.startswith(_TEMPORAIRE)]
        dirs.sort()
        if PAGE in files:
            found.append((Path(root) / PAGE).relative_to(site_dir).as_posix())
    return sorted(found)


def lots(chemins: list[str], mots: dict[str, int], mots_par_lot: int = MOTS_PAR_LOT) -> list[list[str]]:
    """The bundles: as many as :data:`MOTS_PAR_LOT` asks (one for a small site); the pages dealt out in turn, in the order of their paths, so that
    each bundle is a sample of the whole site (its kinds of pages, its words) and ranks its pages
    on about the same statistics as the others (with thousands of pages each): the merged
    results come in about the order of one index.
    A file the build did not make weighs nothing."""
    total = sum(mots.get(c, 0) for c in chemins)
    count = max(1, math.ceil(total / mots_par_lot))
    bundles: list[list[str]] = [[] for _ in range(min(count, len(chemins)))]
    for i, chemin in enumerate(chemins):
        bundles[i % len(bundles)].append(chemin)
    return bundles


def dossier(numero: int) -> str:
    """The folder of bundle ``numero`` (0 is the first)."""
    return DOSSIER if numero == 0 else f"{DOSSIER}-{numero + 1}"


def _lier(source: Path, cible: Path) -> None:
    cible.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, cible)
    except OSError:
        shutil.copyfile(source, cible)


def _pagefind(site: Path, output: Path) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(output), "--glob", f"**/{PAGE}", *ARGUMENTS]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:
        raise SearchIndexError(f"Pagefind n'a pas pu être lancé : {error}") from error
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise SearchIndexError(
            "Pagefind n'a pas pu indexer le site (installez-le avec « bash .ci/setup ») : " + " / ".join(detail)
        )


def _alleger(bundle: Path) -> None:
    """A merged bundle keeps only what the browser reads of it (the first bundle's script and
    WebAssembly serve all of them)."""
    for entry in bundle.iterdir():
        if not any(entry.name == name or (name.startswith(".") and entry.name.endswith(name)) for name in GARDES):
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()


def index(site_dir: Path, mots_par_page: dict[str, int] | None = None, mots_par_lot: int = MOTS_PAR_LOT) -> list[str]:
    """Write the Pagefind bundles into ``site_dir`` (``mots_par_page``: the words of each page, by
    its file from the site's root, see :func:`mots`);
    return their folders, the first one holding the list of the others."""
    site_dir = Path(site_dir)
    for entry in site_dir.iterdir():
        if entry.is_dir() and _est_lot(entry.name):
            shutil.rmtree(entry)
    bundles = lots(fichiers(site_dir), mots_par_page or {}, mots_par_lot)
    if not bundles:
        return []
    folders = [dossier(i) for i in range(len(bundles))]
    for folder, members in zip(folders, bundles):
        # In the site itself: the same file system (links, not copies) and a folder the build may write.
        with tempfile.TemporaryDirectory(prefix=_TEMPORAIRE, dir=site_dir) as temporary:
            for chemin in members:
                _lier(site_dir / chemin, Path(temporary) / chemin)
            _pagefind(Path(temporary), site_dir / folder)
        if folder != DOSSIER:
            _alleger(site_dir / folder)
    (site_dir / DOSSIER / LISTE).write_text(json.dumps({"lots": [f"{f}/" for f in folders[1:]]}) + "\n", encoding="utf-8")
    return folders
