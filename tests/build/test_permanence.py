"""Permanent links: a renamed page keeps answering at its former address, and no published URL vanishes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from citables import ROOT
from conftest import run_mkdocs
from fabrique import permanence

OLD = "gruissan-station-sans-voiture"
NEW = "gruissan-sans-voiture"


def fabrique(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "fabrique.cli", "--root", str(project), *args],
        capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def rename(project: Path, extra_front_matter: str = "") -> Path:
    old = project / "docs" / "fiches" / f"{OLD}.md"
    text = old.read_text(encoding="utf-8").replace(f"id: {OLD}\n", f"id: {NEW}\n{extra_front_matter}", 1)
    new = old.with_name(f"{NEW}.md")
    new.write_text(text, encoding="utf-8")
    old.unlink()
    # The guide's propositions and recommendations that cite the fiche follow it (fabrique check
    # would otherwise report the stale reference, with the new id as suggestion).
    for record in [*project.glob("data/propositions/*.yml"), *project.glob("data/recommandations/*.yml")]:
        cited = record.read_text(encoding="utf-8")
        if f"- {OLD}\n" in cited:
            record.write_text(cited.replace(f"- {OLD}\n", f"- {NEW}\n"), encoding="utf-8")
    return new


def test_every_published_url_still_answers(built_site: Path):
    recorded = permanence.lire_liste(ROOT / permanence.PUBLISHED_LIST)
    assert "/" in recorded and len(recorded) > 10
    missing = permanence.disparues(recorded, built_site)
    assert not missing, (
        f"Adresses publiées disparues sans redirection : {missing}. Ajoutez l'ancienne adresse dans l'en-tête "
        f"« anciennes_adresses » de la page qui la remplace, ou retirez-la de {permanence.PUBLISHED_LIST} "
        "si la page a été supprimée volontairement."
    )


def test_the_published_list_records_every_page_of_the_corpus(built_site: Path):
    recorded = set(permanence.lire_liste(ROOT / permanence.PUBLISHED_LIST))
    from citables import corpus_of

    corpus = corpus_of(ROOT)
    published = [r for r in corpus.ressources if r.statut != "brouillon"]
    unrecorded = sorted("/" + r.url for r in published if "/" + r.url not in recorded)
    assert not unrecorded, f"pages publiées absentes de {permanence.PUBLISHED_LIST} : lancez « fabrique urls --mettre-a-jour » ({unrecorded})"


def test_renaming_without_redirect_is_caught_then_fixed_by_a_former_address(tmp_path: Path, project: Path):
    (project / "tests").mkdir()
    recorded = fabrique(project, "urls", "--mettre-a-jour")
    assert recorded.returncode == 0, recorded.stdout + recorded.stderr
    listing = permanence.lire_liste(project / permanence.PUBLISHED_LIST)
    assert f"/fiches/{OLD}/" in listing

    new = rename(project)
    broken = fabrique(project, "urls")
    assert broken.returncode == 1
    assert f"adresse disparue sans redirection : /fiches/{OLD}/" in broken.stdout

    new.write_text(new.read_text(encoding="utf-8").replace(f"id: {NEW}\n", f"id: {NEW}\nanciennes_adresses: [{OLD}]\n", 1), encoding="utf-8")
    fixed = fabrique(project, "urls")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr

    site = tmp_path / "site"
    assert run_mkdocs(project, site).returncode == 0
    redirect = BeautifulSoup((site / "fiches" / OLD / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert redirect.html["lang"] == "fr"
    refresh = redirect.find("meta", attrs={"http-equiv": "refresh"})["content"]
    delay, target = re.fullmatch(r"(\d+); url=(.+)", refresh).groups()
    assert delay == "0"
    assert urljoin(f"http://x/fiches/{OLD}/", target) == f"http://x/fiches/{NEW}/"
    assert (site / "fiches" / NEW / "index.html").is_file()
    assert redirect.find("link", rel="canonical")["href"].endswith(f"/fiches/{NEW}/")
    assert redirect.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    link = redirect.find("main").find("a")
    assert link["href"] == target and link.get_text().endswith(f"/fiches/{NEW}/")
    assert "a changé d'adresse" in redirect.find("h1").get_text()


def test_a_former_path_from_another_folder_redirects_too(tmp_path: Path, project: Path):
    rename(project, "anciennes_adresses: [projets/gruissan, /fiches/ancienne-gruissan/]\n")
    site = tmp_path / "site"
    result = run_mkdocs(project, site)
    assert result.returncode == 0, result.stderr
    for old in ("projets/gruissan", "fiches/ancienne-gruissan"):
        soup = BeautifulSoup((site / old / "index.html").read_text(encoding="utf-8"), "html.parser")
        target = soup.find("meta", attrs={"http-equiv": "refresh"})["content"].split("url=", 1)[1]
        assert urljoin(f"http://x/{old}/", target) == f"http://x/fiches/{NEW}/"


def test_a_former_address_that_is_a_live_page_is_refused_with_its_line(project: Path):
    rename(project, "anciennes_adresses:\n  - causses-cevennes-gr-de-pays\n")
    result = fabrique(project, "check")
    assert result.returncode == 1
    assert re.search(
        rf"docs/fiches/{NEW}\.md:\d+: anciennes_adresses\[1\]: « fiches/causses-cevennes-gr-de-pays/ » est l'adresse d'une autre page",
        result.stdout,
    ), result.stdout
    line = int(re.search(rf"{NEW}\.md:(\d+):", result.stdout).group(1))
    lines = (project / "docs" / "fiches" / f"{NEW}.md").read_text(encoding="utf-8").splitlines()
    assert lines[line - 1].strip() == "- causses-cevennes-gr-de-pays"


def test_a_former_address_on_a_generated_page_stops_the_build(tmp_path: Path, project: Path):
    rename(project, "anciennes_adresses: [/fiches/]\n")
    result = run_mkdocs(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"docs/fiches/{NEW}.md:3: anciennes_adresses[1]: « fiches/ » est l'adresse d'une page générée du site" in result.stderr


def test_a_renamed_territory_keeps_its_former_address(tmp_path: Path, project: Path):
    data = project / "data" / "territoires"
    text = (data / "le-vigan.yml").read_text(encoding="utf-8")
    (data / "le-vigan.yml").unlink()
    (data / "le-vigan-gard.yml").write_text(text.replace("id: le-vigan\n", "id: le-vigan-gard\nanciens_ids: [le-vigan]\n"), encoding="utf-8")
    for page in (project / "docs").rglob("*.md"):  # resources cite the territory by its new id
        page.write_text(page.read_text(encoding="utf-8").replace("[le-vigan]", "[le-vigan-gard]"), encoding="utf-8")
    site = tmp_path / "site"
    result = run_mkdocs(project, site)
    assert result.returncode == 0, result.stderr
    assert "/territoires/le-vigan/" in permanence.urls_du_site(site)
    soup = BeautifulSoup((site / "territoires" / "le-vigan" / "index.html").read_text(encoding="utf-8"), "html.parser")
    target = soup.find("meta", attrs={"http-equiv": "refresh"})["content"].split("url=", 1)[1]
    assert urljoin("http://x/territoires/le-vigan/", target) == "http://x/territoires/le-vigan-gard/"
    assert "« Le Vigan »" in soup.find("main").get_text()


def test_a_former_id_taken_by_another_territory_is_refused(project: Path):
    path = project / "data" / "territoires" / "le-vigan.yml"
    path.write_text(path.read_text(encoding="utf-8") + "anciens_ids:\n  - gruissan\n", encoding="utf-8")
    result = fabrique(project, "check")
    assert result.returncode == 1
    assert re.search(r"data/territoires/le-vigan\.yml:\d+: anciens_ids\[1\]: « territoires/gruissan/ » est l'adresse d'une autre page \(data/territoires/gruissan\.yml\)", result.stdout), result.stdout
