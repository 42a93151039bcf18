"""The search index: Pagefind, run on the built site (French stemming, accents folded, chunked index)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

#: What Pagefind indexes: the article of each page, without permalink signs.
ARGUMENTS = [
    "--root-selector", "article.md-content__inner",
    "--exclude-selectors", ".headerlink",
    "--glob", "**/index.html",
    "--force-language", "fr",
    "--quiet",
]


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


def index(site_dir: Path) -> None:
    """Write the Pagefind index into ``site_dir/pagefind``."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), *ARGUMENTS]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:
        raise SearchIndexError(f"Pagefind n'a pas pu être lancé : {error}") from error
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise SearchIndexError(
            "Pagefind n'a pas pu indexer le site (installez-le avec « bash .ci/setup ») : " + " / ".join(detail)
        )
