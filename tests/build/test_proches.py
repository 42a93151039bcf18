"""« Territoires proches »: neighbours from the corpus model, with their reasons."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
from fabrique import loader, proches  # noqa: E402


@pytest.fixture(scope="module")
def shipped():
    project = loader.Project.at(ROOT)
    corpus, problems = loader.load(project)
    assert not problems, problems.report()
    return project, corpus


def summary(result: dict) -> dict:
    return {key: [(v.territoire.id, v.raison) for v in voisins] for key, voisins in result.items()}


def test_neighbours_exist_are_never_itself_and_at_most_five(shipped) -> None:
    project, corpus = shipped
    result = proches.territoires_proches(corpus, project.schemas)
    assert set(result) == set(corpus.territoires)
    assert any(result.values())
    for territoire_id, voisins in result.items():
        assert len(voisins) <= proches.LIMITE
        ids = [v.territoire.id for v in voisins]
        assert territoire_id not in ids
        assert len(set(ids)) == len(ids)
        assert all(i in corpus.territoires for i in ids)
        assert all(v.raisons and v.score >= proches.SEUIL for v in voisins)


def test_result_does_not_depend_on_reading_order(shipped) -> None:
    project, corpus = shipped
    first = summary(proches.territoires_proches(corpus, project.schemas))
    corpus.territoires = dict(reversed(list(corpus.territoires.items())))
    corpus.ressources = list(reversed(corpus.ressources))
    corpus.link()
    assert summary(proches.territoires_proches(corpus, project.schemas)) == first


def test_hand_checked_neighbours_of_the_shipped_corpus(shipped) -> None:
    """Gruissan and Le Vigan are two communes of the Occitanie cohort; Loos-en-Gohelle and
    Yaoundé VI are the two partner towns of Villes résilientes."""
    project, corpus = shipped
    result = proches.territoires_proches(corpus, project.schemas)
    gruissan = {v.territoire.id: v.raison for v in result["gruissan"]}
    assert "le-vigan" in gruissan
    assert "même programme : Cohorte régionale Occitanie" in gruissan["le-vigan"]
    assert "même type : commune" in gruissan["le-vigan"]
    loos = {v.territoire.id: v.raison for v in result["loos-en-gohelle"]}
    assert "même programme : Villes résilientes" in loos["yaounde-vi"]


def test_distance_is_given_in_words_when_both_positions_are_known(project: Path) -> None:
    for name, (lat, lon) in {"gruissan": (43.1070, 3.0870), "le-vigan": (43.4668, 3.0870)}.items():
        path = project / f"data/territoires/{name}.yml"
        path.write_text(path.read_text(encoding="utf-8") + f"coordonnees: {{ lat: {lat}, lon: {lon} }}\n", encoding="utf-8")
    source = loader.Project.at(project)
    corpus, problems = loader.load(source)
    assert not problems
    voisin = next(v for v in proches.territoires_proches(corpus, source.schemas)["gruissan"] if v.territoire.id == "le-vigan")
    # 0.3598° of latitude on the same meridian is 40.0 km
    assert voisin.raisons[-1] == "à 40 km"
    assert voisin.distance_km == pytest.approx(40.0, abs=0.1)


def test_haversine_matches_a_known_distance() -> None:
    # Paris (Notre-Dame) to Lyon (Bellecour): about 392 km as the crow flies
    assert proches.distance_km((48.8530, 2.3499), (45.7578, 4.8320)) == pytest.approx(392, abs=3)


def test_territory_page_shows_neighbours_with_reasons_and_method_link(built_site: Path) -> None:
    page = built_site / "territoires/gruissan/index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    heading = soup.find(id="territoires-proches")
    assert heading is not None and heading.get_text(strip=True).startswith("Territoires proches")
    items = soup.select(".fabrique-proches li")
    le_vigan = [item.get_text() for item in items if "Le Vigan" in item.get_text()]
    assert le_vigan and "Cohorte régionale Occitanie" in le_vigan[0]
    for link in soup.select(".fabrique-proches a"):
        assert (page.parent / link["href"] / "index.html").resolve().is_file()
    method = next(a for a in soup.select("article a") if a.get_text(strip=True) == "Comment ces territoires sont choisis")
    method_page = (page.parent / method["href"] / "index.html").resolve()
    text = BeautifulSoup(method_page.read_text(encoding="utf-8"), "html.parser").select_one("article").get_text(" ", strip=True)
    for critere in proches.CRITERES:
        assert critere.libelle in text and critere.points in text


def test_neighbour_lists_are_stable_across_two_builds(built_site: Path, tmp_path: Path) -> None:
    from conftest import run_mkdocs

    again = tmp_path / "site"
    assert run_mkdocs(ROOT, again).returncode == 0

    def lists(site: Path) -> dict:
        out = {}
        for page in sorted((site / "territoires").glob("*/index.html")):
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            out[page.parent.name] = [li.get_text(" ", strip=True) for li in soup.select(".fabrique-proches li")]
        return out

    first = lists(built_site)
    assert first == lists(again) and any(first.values())


def test_scales_name_only_declared_types(shipped) -> None:
    project, _ = shipped
    scales = proches._scales(project.schemas)
    assert scales and set(scales) <= set(project.schemas.labels("territoire", "type"))


def test_same_scale_and_same_departement_make_neighbours(project: Path) -> None:
    import yaml

    petr = yaml.safe_load((project / "data/territoires/petr-causses-cevennes.yml").read_text(encoding="utf-8"))
    path = project / "data/territoires/val-d-ille-aubigne.yml"
    epci = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert petr["type"] == "petr" and epci["type"] == "epci" and petr["departement"] == "30"
    epci.update(departement=petr["departement"], region=petr["region"], participations=[])
    epci.pop("coordonnees", None)
    path.write_text(yaml.safe_dump(epci, allow_unicode=True), encoding="utf-8")
    source = loader.Project.at(project)
    corpus, problems = loader.load(source)
    assert not problems, problems.report()
    voisins = {v.territoire.id: v for v in proches.territoires_proches(corpus, source.schemas, limite=len(corpus.territoires))["petr-causses-cevennes"]}
    assert voisins["val-d-ille-aubigne"].raisons[:2] == ("même échelle : intercommunale", "même département : Gard")
