"""Reproducible builds: two builds of the same commit give the same bytes.

MkDocs dates every page (sitemap ``<lastmod>``, the gzip header of ``sitemap.xml.gz``) with the
day of the build. We date them with the commit instead: ``SOURCE_DATE_EPOCH`` when it is set
(https://reproducible-builds.org/specs/source-date-epoch/), otherwise the date of the last
commit of the project, otherwise (no git) the day of the build, as MkDocs does.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from . import historique


def date_de_reference(root: Path, source_date_epoch: str | None = None) -> str | None:
    """The ISO date (AAAA-MM-JJ, UTC) every page of this build carries, or None to keep MkDocs'."""
    epoch = source_date_epoch
    if not epoch:
        epoch = historique.git(root, "log", "-1", "--format=%ct", timeout=10)
    if not epoch.isdigit():
        return None
    return datetime.fromtimestamp(int(epoch), timezone.utc).strftime("%Y-%m-%d")
