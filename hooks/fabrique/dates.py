"""The dates of a resource, one rule for the page, the feed, the metadata, the citations and the sitemap.

Publication comes from the content: the front matter's ``date`` (a day), else its ``annee``,
kept as a year (``2024``): no day is made up. Modification comes from history: the front
matter's ``mis_a_jour``, else the last commit of the file (``%cs``, so a build of a given commit
always shows the same dates), else the publication day.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import historique
from .model import Ressource


@dataclass(frozen=True)
class Dates:
    """Publication (``AAAA-MM-JJ`` or ``AAAA``) and last modification (``AAAA-MM-JJ``) of a resource."""

    publication: str | None
    modification: str | None

    @property
    def annee(self) -> int | None:
        return int(self.publication[:4]) if self.publication else None

    @property
    def jour(self) -> str | None:
        """The day of publication, when the content gives one (not only a year)."""
        return self.publication if self.publication and len(self.publication) == 10 else None

    @property
    def tri(self) -> tuple[str, str]:
        """Newest first when sorted in reverse: publication, then modification."""
        return (self.publication or "", self.modification or "")


def git_dates(docs_dir: Path) -> dict[str, str]:
    """Date (AAAA-MM-JJ) of the last commit of every file of ``docs_dir``; empty outside git."""
    return historique.dates_git(docs_dir, docs_dir)


def date_iso(value: Any) -> str | None:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    return None


def of(ressource: Ressource, git: dict[str, str]) -> Dates:
    jour = date_iso(ressource.date)
    publication = jour or (str(ressource.annee) if ressource.annee else None)
    modification = date_iso(ressource.meta.get("mis_a_jour")) or git.get(ressource.src_path) or jour
    return Dates(publication, modification)
