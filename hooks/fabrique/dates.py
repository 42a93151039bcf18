"""Publication dates of resources: the front matter's ``date``, else the file's last commit."""

from __future__ import annotations

from pathlib import Path

from . import historique
from .model import Ressource


def git_dates(docs_dir: Path) -> dict[str, str]:
    """Date (AAAA-MM-JJ) of the last commit of every file of ``docs_dir``; empty outside git."""
    return historique.dates_git(docs_dir, docs_dir)


def date_of(ressource: Ressource, dates: dict[str, str]) -> str | None:
    if ressource.date:
        return str(ressource.date)
    return dates.get(ressource.src_path)
