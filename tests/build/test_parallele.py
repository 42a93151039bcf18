"""``fabrique build --jobs N``: the same site, byte for byte, as one process builds; failures named."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from conftest import DEPLOYMENT_VARIABLES, ROOT, copy_project
from fabrique.moteur import parallele


def _env(**extra: str) -> dict[str, str]:
    return {**{k: v for k, v in os.environ.items() if k not in DEPLOYMENT_VARIABLES}, "NO_MKDOCS_2_WARNING": "1", **extra}


def build_jobs(project: Path, site_dir: Path, jobs: int) -> subprocess.CompletedProcess:
    """``fabrique build --jobs N``, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "fabrique.cli", "--root", str(project), "build", "--jobs", str(jobs),
                           "--site-dir", str(site_dir)], cwd=project, env=_env(), capture_output=True, text=True, timeout=900)


def differences(a: Path, b: Path) -> list[str]:
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    out = [f"seulement dans {a.name} : {path}" for path in sorted(files_a - files_b)]
    out += [f"seulement dans {b.name} : {path}" for path in sorted(files_b - files_a)]
    out += [f"différent : {path}" for path in sorted(files_a & files_b) if (a / path).read_bytes() != (b / path).read_bytes()]
    return out


def test_shipped_site_with_two_workers_is_the_site_of_one(built_site: Path, tmp_path: Path):
    site = tmp_path / "deux"
    result = build_jobs(ROOT, site, 2)
    assert result.returncode == 0, result.stderr
    assert sum(1 for _ in site.rglob("*.html")) > 200
    assert differences(built_site, site) == []


def test_synthetic_site_with_two_workers_is_the_site_of_one(tmp_path: Path):
    dest = tmp_path / "synthetique"
    made = subprocess.run([sys.executable, "-m", "fabrique.cli", "--root", str(ROOT), "synthetique", "--dest", str(dest),
                           "--ressources", "40", "--territoires", "10"], env=_env(), capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    un, deux = tmp_path / "un", tmp_path / "deux"
    assert build_jobs(dest, un, 1).returncode == 0
    result = build_jobs(dest, deux, 2)
    assert result.returncode == 0, result.stderr
    assert (deux / "fabrique-gabarits.json").is_file() and (deux / "sitemap.xml").is_file()
    assert differences(un, deux) == []


def build_with_line(tmp_path: Path, src: str, line: str) -> subprocess.CompletedProcess:
    """A copy of the project with ``line`` added at the end of the page ``src``, built by two workers."""
    project = copy_project(tmp_path / "projet")
    page = project / "docs" / src
    page.write_text(page.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    return build_jobs(project, tmp_path / "site", 2)


def test_a_failing_page_fails_the_build_with_its_path_in_french(tmp_path: Path):
    result = build_with_line(tmp_path, "guide/humain.md", "{{ propositions('inconnue') }}")
    assert result.returncode != 0
    assert "La page « guide/humain.md » n'a pas pu être rendue" in result.stderr
    assert "propositions(« inconnue ») : partie inconnue du guide" in result.stderr
    assert "Aborted with a BuildError!" in result.stdout + result.stderr


def test_a_warning_of_a_worker_counts_for_strict(tmp_path: Path):
    result = build_with_line(tmp_path, "alliance/charte.md", "Voir [la page absente](absente.md).")
    assert result.returncode != 0
    assert result.stderr.count("alliance/charte.md' contains a link 'absente.md'") == 1
    assert "Aborted with 1 warnings in strict mode!" in result.stdout + result.stderr


def _meurt(indices):
    os._exit(3)


def test_a_worker_that_dies_fails_the_build_instead_of_hanging():
    with pytest.raises(PluginError, match="Un processus de rendu s'est arrêté sans répondre, pendant les pages « p0 »"):
        parallele.repartir(_meurt, 4, 2, "rendu", lambda i: f"p{i}")


def test_chunks_cover_every_page_once_in_order():
    chunks = parallele.morceaux(10, 2)
    assert [i for chunk in chunks for i in chunk] == list(range(10))
    assert len(chunks) == 8
    assert parallele.morceaux(1, 4) == [range(0, 1)]
