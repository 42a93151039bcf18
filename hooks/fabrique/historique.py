"""Dates of last change of the corpus files, read from git history in one call.

The dates are those of commits (``%cs``), so a build of a given commit always shows the same
dates. Outside a git repository (an archive, a copy made by the tests) there is no history:
callers fall back on front matter.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from .journal import log

_MARK = "@@fabrique-date:"


def git(root: Path, *arguments: str, timeout: int = 20) -> str:
    """What a git command prints in ``root``, stripped; "" outside a repository or when git fails."""
    try:
        result = subprocess.run(["git", *arguments], cwd=root, capture_output=True, text=True, timeout=timeout)
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def dates_git(root: Path, folder: Path) -> dict[str, str]:
    """Map each file under ``folder`` (path relative to ``folder``) to its last commit date."""
    try:
        top = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--show-toplevel"],
            capture_output=True, text=True, check=True, timeout=30,
        ).stdout.strip()
        result = subprocess.run(
            ["git", "-C", str(root), "log", f"--format={_MARK}%cs", "--name-only", "--no-renames", "--", str(folder)],
            capture_output=True, text=True, check=True, timeout=120,
        )
    except (OSError, subprocess.SubprocessError) as error:
        log.debug("historique git indisponible : %s", error)
        return {}
    base = Path(top).resolve()
    try:
        prefix = folder.resolve().relative_to(base).as_posix().rstrip("/") + "/"
    except ValueError:
        return {}
    if prefix == "./":
        prefix = ""
    dates: dict[str, str] = {}
    current = ""
    for line in result.stdout.splitlines():
        if line.startswith(_MARK):
            current = line[len(_MARK):]
        elif line and line.startswith(prefix):
            dates.setdefault(line[len(prefix):], current)
    return dates
