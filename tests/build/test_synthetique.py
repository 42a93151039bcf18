"""The synthetic corpus: deterministic, valid against the schemas, and built like the real one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT, run_mkdocs
from fabrique import gabarits, loader, synthetique


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def fabrique(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fabrique.cli", *args], capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def test_same_parameters_give_the_same_bytes_and_another_seed_another_corpus(tmp_path: Path) -> None:
    first = synthetique.generer(ROOT, tmp_path / "a", ressources=25, territoires=6)
    second = synthetique.generer(ROOT, tmp_path / "b", ressources=25, territoires=6)
    third = synthetique.generer(ROOT, tmp_path / "c", ressources=25, territoires=6, graine=7)
    assert files_of(first.dest) == files_of(second.dest)
    assert files_of(first.dest) != files_of(third.dest)


def test_cli_writes_a_corpus_that_validates_links_and_builds(tmp_path: Path) -> None:
    dest = tmp_path / "synth"
    result = fabrique("--root", str(ROOT), "synthetique", "--ressources", "30", "--territoires", "8", "--dest", str(dest))
    assert result.returncode == 0, result.stderr
    assert "30 ressources, 8 territoires" in result.stdout

    check = fabrique("--root", str(dest), "check")
    assert check.returncode == 0, check.stdout + check.stderr
    shipped, _ = loader.load(loader.Project.at(ROOT))
    corpus, problems = loader.load(loader.Project.at(dest))
    assert not problems
    added = [r for r in corpus.ressources if r.id not in {s.id for s in shipped.ressources}]
    assert len(added) == 30
    assert len(corpus.territoires) == len(shipped.territoires) + 8
    # Realistic French: accents, several hundred words, links to territories and programmes.
    text = "".join((dest / "docs" / r.src_path).read_text(encoding="utf-8") for r in added)
    assert any(letter in text for letter in "éèàçô«»")
    assert all(r.territoires and r.programmes for r in added)
    words = [len((dest / "docs" / r.src_path).read_text(encoding="utf-8").split()) for r in added]
    assert min(words) > 400
    front = yaml.safe_load((dest / "docs" / added[0].src_path).read_text(encoding="utf-8").split("---")[1])
    assert set(front["territoires"]) <= set(corpus.territoires)

    site = tmp_path / "site"
    build = run_mkdocs(dest, site)
    assert build.returncode == 0, build.stderr
    manifeste = gabarits.Manifeste.read(site)
    for ressource in added[:5]:
        assert ressource.url in manifeste.pages[ressource.type]
        html = (site / ressource.url / "index.html").read_text(encoding="utf-8")
        assert ressource.territoires[0].nom.replace("'", "&#39;") in html or ressource.territoires[0].nom in html
    territoire = added[0].territoires[0]
    page = (site / territoire.url / "index.html").read_text(encoding="utf-8")
    assert f'href="../../{added[0].url}"' in page


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "plein.txt").write_text("x", encoding="utf-8")
    result = fabrique("--root", str(ROOT), "synthetique", "--ressources", "2", "--territoires", "1", "--dest", str(tmp_path))
    assert result.returncode == 1
    assert "n'est pas vide" in result.stderr


def test_benchmark_gives_plain_material_the_same_pages(tmp_path: Path) -> None:
    """The benchmark's plain-Material copy holds our generated pages and each resource's context block."""
    from fabrique import benchmark

    projet = tmp_path / "projet"
    result = fabrique("synthetique", "--ressources", "10", "--territoires", "4", "--dest", str(projet))
    assert result.returncode == 0, result.stderr
    written = benchmark.copie_material(projet, tmp_path / "plain")
    assert written > 20
    corpus, problems = loader.load(loader.Project.at(projet))
    assert not problems
    fiche = next(r for r in corpus.ressources if r.type == "fiche-projet-pilote" and r.territoires)
    text = (tmp_path / "plain" / "docs" / fiche.src_path).read_text(encoding="utf-8")
    assert "## Contexte" in text and f"territoires/{fiche.territoires[0].id}.md)" in text
    assert (tmp_path / "plain" / "docs" / "explorer" / "index.md").is_file()
    assert (tmp_path / "plain" / "mkdocs-material-seul.yml").is_file()
