"""Hostile input: a « billion laughs » YAML and symbolic links out of the repository.

Each case runs the real command in a subprocess; the timeout only guards against a hang (the
test fails instead of eating CI's time), it measures nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_project

#: Longer than any sane check or failing build: reaching it means the command hangs.
HANG_GUARD = 60

#: Nine nested anchors and aliases: 9⁹ strings once expanded.
BILLION_LAUGHS = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
    f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]\n" for previous, name in zip("abcdefgh", "bcdefghi")
)


def check(project: Path) -> subprocess.CompletedProcess:
    try:
        return subprocess.run([sys.executable, "-m", "fabrique.cli", "--root", str(project), "check"],
                              capture_output=True, text=True, timeout=HANG_GUARD)
    except subprocess.TimeoutExpired:
        pytest.fail(f"fabrique check tourne encore après {HANG_GUARD} s")


def build(project: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    try:
        return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
                              cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                              capture_output=True, text=True, timeout=HANG_GUARD)
    except subprocess.TimeoutExpired:
        pytest.fail(f"la construction tourne encore après {HANG_GUARD} s")


def test_billion_laughs_in_a_data_file_is_refused_with_its_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "projet")
    (project / "data" / "territoires" / "rires.yml").write_text(BILLION_LAUGHS, encoding="utf-8")
    result = check(project)
    assert result.returncode == 1
    assert "data/territoires/rires.yml:1: (fichier): ancre YAML « &a » interdite dans un fichier contribué" in result.stdout
    built = build(project, tmp_path)
    assert built.returncode != 0
    assert "data/territoires/rires.yml:1: (fichier): ancre YAML « &a »" in built.stderr
    assert "Traceback" not in built.stderr


def test_anchors_and_aliases_in_front_matter_are_refused_with_their_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "projet")
    fiches = project / "docs" / "fiches"
    (fiches / "rires.md").write_text("---\n" + BILLION_LAUGHS + "id: rires\ntype: fiche\ntitre: Rires\nresume: Rires.\n---\n", encoding="utf-8")
    (fiches / "alias.md").write_text("---\nid: alias\ntype: fiche\ntitre: Un titre\nresume: *t\n---\n\nTexte.\n", encoding="utf-8")
    result = check(project)
    assert result.returncode == 1
    assert "docs/fiches/rires.md:2: (en-tête): ancre YAML « &a » interdite dans un fichier contribué" in result.stdout
    assert "docs/fiches/alias.md:5: (en-tête): alias YAML « *t » interdit dans un fichier contribué" in result.stdout


@pytest.mark.parametrize("where", ["docs/fiches/hote.md", "data/territoires/hote.yml", "docs/assets/dehors"])
def test_a_symbolic_link_out_of_the_repository_is_refused_by_its_name(tmp_path: Path, where: str) -> None:
    outside = tmp_path / "dehors"
    outside.mkdir()
    (outside / "secret.md").write_text("---\nid: secret\ntype: fiche\ntitre: Secret\nresume: Secret.\n---\n", encoding="utf-8")
    project = copy_project(tmp_path / "projet")
    link = project / where
    link.symlink_to(outside if where.endswith("dehors") else outside / "secret.md")
    result = check(project)
    assert result.returncode == 1
    assert f"{where}:1: (fichier): lien symbolique vers un fichier hors du dépôt" in result.stdout
    assert str(tmp_path) not in result.stdout
    built = build(project, tmp_path)
    assert built.returncode != 0
    assert f"{where}:1: (fichier): lien symbolique vers un fichier hors du dépôt" in built.stderr
    assert str(outside) not in built.stderr


def test_a_symbolic_link_inside_the_repository_is_content(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "projet")
    (project / "data" / "territoires" / "copie-beyond.yml").symlink_to(project / "CONTRIBUTING.md")
    result = check(project)
    assert "lien symbolique" not in result.stdout
