"""Publication dates of resources: the front matter's ``date``, else the file's last commit."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .model import Ressource


def git_dates(docs_dir: Path) -> dict[str, str]:
    """Date (AAAA-MM-JJ) of the last commit of every file of ``docs_dir``, from one ``git log``.

    Deterministic for a given history; empty when ``docs_dir`` is not in a git repository.
    """
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotepath=off", "log", "--relative", "--format=%x00%cs", "--name-only", "--", "."],
            cwd=docs_dir,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return {}
    if result.returncode != 0:
        return {}
    dates: dict[str, str] = {}
    current = ""
    for line in result.stdout.splitlines():
        if line.startswith("\x00"):
            current = line[1:]
        elif line and current:
            dates.setdefault(line, current)
    return dates


def date_of(ressource: Ressource, dates: dict[str, str]) -> str | None:
    if ressource.date:
        return str(ressource.date)
    return dates.get(ressource.src_path)
