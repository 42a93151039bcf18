"""Problems of the machine, not of the corpus: every ``fabrique`` command says them in one French
line on stderr and exits non-zero, never with a Python traceback.

Each case runs the real command in a subprocess (the timeout only guards against a hang).
"""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Iterator

import pytest

from conftest import ROOT, copy_project

HANG_GUARD = 60

#: ``nobody``: root reads every folder whatever its mode, so the unreadable case runs as nobody.
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def fabrique(*arguments: str, cwd: Path = ROOT, env: dict[str, str] | None = None, prefix: list[str] | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run([*(prefix or []), sys.executable, "-m", "fabrique.cli", *arguments], cwd=cwd,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
                              capture_output=True, text=True, timeout=HANG_GUARD)
    except subprocess.TimeoutExpired:
        pytest.fail(f"fabrique {' '.join(arguments)} tourne encore après {HANG_GUARD} s")


def one_french_line(result: subprocess.CompletedProcess, command: str, expected: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"fabrique {command} : ") and expected in lines[0], lines[0]


@pytest.fixture
def taken_port() -> Iterator[int]:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


def test_serve_on_a_port_already_taken(taken_port: int) -> None:
    result = fabrique("serve", "--dev-addr", f"127.0.0.1:{taken_port}")
    one_french_line(result, "serve", f"impossible d'écouter sur 127.0.0.1:{taken_port} (adresse déjà utilisée)")
    assert f"--dev-addr 127.0.0.1:{taken_port + 1}" in result.stderr


@pytest.mark.parametrize("command", [["check"], ["build"], ["serve"], ["urls"], ["guide-pdf"], ["accessibilite"],
                                     ["new", "fiche", "--non-interactif", "--titre", "Essai", "--resume", "Essai."]])
def test_every_command_outside_a_project(tmp_path: Path, command: list[str]) -> None:
    result = fabrique("--root", str(tmp_path), *command, cwd=tmp_path)
    one_french_line(result, command[0], "aucun mkdocs.yml dans")
    assert "indiquez-le avec --root" in result.stderr


def test_accessibilite_without_chromium(tmp_path: Path) -> None:
    result = fabrique("accessibilite", env={"FABRIQUE_CHROMIUM": str(tmp_path / "chromium")})
    one_french_line(result, "accessibilite", f"Chromium introuvable ({tmp_path / 'chromium'})")
    assert "FABRIQUE_CHROMIUM" in result.stderr


def test_check_when_docs_is_not_a_folder(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "projet")
    shutil.rmtree(project / "docs")
    (project / "docs").write_text("", encoding="utf-8")
    one_french_line(fabrique("--root", str(project), "check"), "check", "docs : ce n'est pas un dossier")


def _let_nobody_run_python() -> None:
    """``nobody`` must be able to start this environment's Python and import the project: in a
    fresh clone made under a private folder (``mktemp -d``), open the way to it (read and
    traverse for others on the clone's folders, its ``hooks`` and its ``.venv``)."""
    probe = [*NOBODY, sys.executable, "-c", "import fabrique.cli"]
    if subprocess.run(probe, capture_output=True, cwd="/").returncode == 0:
        return
    for folder in ROOT.parents:
        folder.chmod(folder.stat().st_mode | stat.S_IXOTH)
    for tree in (ROOT, ROOT / "hooks", Path(sys.prefix)):
        for path in [tree, *(tree.rglob("*") if tree != ROOT else [])]:
            if not path.is_symlink():
                path.chmod(path.stat().st_mode | stat.S_IROTH | (stat.S_IXOTH if path.is_dir() else 0))


@pytest.fixture
def unreadable_project() -> Iterator[Path]:
    """A copy of the project that ``nobody`` may read, but for ``docs/fiches``."""
    if os.geteuid() == 0 and not shutil.which("setpriv"):
        pytest.fail("setpriv (util-linux) est nécessaire pour lancer la commande sans les droits de root")
    if os.geteuid() == 0:
        _let_nobody_run_python()
    top = Path(tempfile.mkdtemp(prefix="fabrique-illisible-"))
    try:
        project = copy_project(top / "projet")
        for path in [top, *top.rglob("*")]:
            path.chmod(path.stat().st_mode | stat.S_IROTH | (stat.S_IXOTH if path.is_dir() else 0))
        (project / "docs" / "fiches").chmod(0)
        yield project
    finally:
        (top / "projet" / "docs" / "fiches").chmod(0o755)
        shutil.rmtree(top)


def test_check_a_folder_that_cannot_be_read(unreadable_project: Path) -> None:
    prefix = NOBODY if os.geteuid() == 0 else []
    result = fabrique("--root", str(unreadable_project), "check", cwd=unreadable_project, prefix=prefix,
                      env={"HOME": str(unreadable_project)})
    one_french_line(result, "check", "check : docs/fiches : permission refusée")


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_file_that_cannot_be_read(tmp_path: Path, command: str) -> None:
    """A symbolic link to a file of the repository that does not exist (any more)."""
    project = copy_project(tmp_path / "projet")
    (project / "docs" / "fiches" / "perdue.md").symlink_to(project / "docs" / "ailleurs.md")
    result = fabrique("--root", str(project), command, *(["--site-dir", str(tmp_path / "site")] if command == "build" else []))
    if command == "check":
        one_french_line(result, "check", "check : docs/fiches/perdue.md : fichier ou dossier introuvable")
    else:
        assert result.returncode != 0
        assert "Traceback" not in result.stderr, result.stderr
        assert "Le corpus ne peut pas être lu : docs/fiches/perdue.md : fichier ou dossier introuvable" in result.stderr
