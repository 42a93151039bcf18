"""Positions from official codes: the gazetteer, the overrides and the French error messages."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from fabrique import loader


def load(project: Path):
    return loader.load(loader.Project.at(project))


def write_territoire(project: Path, name: str, text: str) -> str:
    path = project / "data" / "territoires" / f"{name}.yml"
    path.write_text(text + "sources: [{document: presentation-fabrique, partie: essai}]\n", encoding="utf-8")
    return f"data/territoires/{name}.yml"


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


@pytest.mark.parametrize(
    ("nom", "type_", "code", "lieu", "rayon"),
    [
        # Known places (town halls from public maps): the gazetteer must put each code there.
        ("Rennes", "commune", "35238", (48.1114, -1.6800), 3),
        ("Ajaccio", "commune", "2A004", (41.9196, 8.7386), 2),
        ("Fort-de-France", "commune", "97209", (14.6037, -61.0696), 2),
        ("Le Vigan (Gard)", "commune", "30350", (43.9910, 3.6060), 2),
        ("Le Vigan (Lot)", "commune", "46334", (44.7400, 1.4400), 3),
        ("Rennes Métropole", "epci", "243500139", (48.11, -1.68), 20),
        ("Pas-de-Calais", "departement", "62", (50.49, 2.29), 40),
        ("Occitanie", "region", "76", (43.70, 2.14), 80),
    ],
)
def test_code_resolves_to_the_right_place(project: Path, nom, type_, code, lieu, rayon) -> None:
    write_territoire(project, "essai", f'id: essai\nnom: "{nom}"\ntype: {type_}\ncode: "{code}"\n')
    corpus, problems = load(project)
    assert not problems, problems.report()
    position = corpus.territoires["essai"].position
    assert position is not None
    assert distance_km(position, lieu) < rayon, (position, lieu)


def test_shipped_corpus_has_a_position_for_every_territory(project: Path) -> None:
    corpus, problems = load(project)
    assert not problems, problems.report()
    assert corpus.territoires
    assert all(t.position is not None for t in corpus.territoires.values())
    # The EPCI is placed from its SIREN, north of Rennes; the PETR from its coordinates.
    assert distance_km(corpus.territoires["val-d-ille-aubigne"].position, (48.28, -1.65)) < 15


def test_coordinates_override_the_code(project: Path) -> None:
    write_territoire(project, "essai", 'id: essai\nnom: Essai\ntype: commune\ncode: "62528"\ncoordonnees: { lat: 45.5, lon: 4.5 }\n')
    corpus, problems = load(project)
    assert not problems, problems.report()
    assert corpus.territoires["essai"].position == (45.5, 4.5)


def test_unknown_code_is_reported_with_its_line(project: Path) -> None:
    shown = write_territoire(project, "essai", 'id: essai\nnom: Essai\n\ntype: commune\ncode: "62999"\n')
    _, problems = load(project)
    messages = [str(p) for p in problems.sorted()]
    assert messages == [
        f"{shown}:5: code: code « 62999 » inconnu du Code officiel géographique pour le type « Commune » "
        "(absent de data/geo/positions/commune.csv) : vérifiez le code, ou donnez des coordonnées"
    ]


def test_unknown_siren_is_reported(project: Path) -> None:
    shown = write_territoire(project, "essai", 'id: essai\nnom: Essai\ntype: epci\ncode: "200000000"\n')
    _, problems = load(project)
    assert [f"{p.path}:{p.line}: {p.field}" for p in problems.sorted()] == [f"{shown}:4: code"]
    assert "inconnu" in problems.sorted()[0].message


def test_missing_code_is_reported(project: Path) -> None:
    shown = write_territoire(project, "essai", "id: essai\nnom: Essai\ntype: commune\n")
    _, problems = load(project)
    [problem] = problems.sorted()
    assert (problem.path, problem.line, problem.field) == (shown, 3, "code")
    assert problem.message.startswith("code officiel manquant : un territoire de type « Commune » se place sur la carte par son code")


@pytest.mark.parametrize("type_", ["petr", "pnr", "domaine-skiable", "universite", "autre"])
def test_grouping_without_official_code_needs_coordinates(project: Path, type_: str) -> None:
    shown = write_territoire(project, "essai", f"id: essai\nnom: Essai\ntype: {type_}\n")
    _, problems = load(project)
    [problem] = problems.sorted()
    assert (problem.path, problem.line, problem.field) == (shown, 3, "coordonnees")
    assert "n'a pas de code officiel" in problem.message


def test_territory_abroad_needs_coordinates(project: Path) -> None:
    shown = write_territoire(project, "essai", "id: essai\nnom: Essai\ntype: etranger\npays: Cameroun\n")
    _, problems = load(project)
    assert [f"{p.path}:{p.field}" for p in problems.sorted()] == [f"{shown}:coordonnees"]


def test_swapped_coordinates_are_reported(project: Path) -> None:
    shown = write_territoire(project, "essai", "id: essai\nnom: Essai\ntype: petr\ncoordonnees: { lat: 4.36, lon: 43.84 }\n")
    _, problems = load(project)
    [problem] = problems.sorted()
    assert (problem.path, problem.line, problem.field) == (shown, 4, "coordonnees")
    assert problem.message.startswith("coordonnées (lat: 4.36, lon: 43.84) hors de la métropole et des départements d'outre-mer")


def test_overseas_coordinates_are_in_france(project: Path) -> None:
    write_territoire(project, "essai", "id: essai\nnom: Essai\ntype: pnr\ncoordonnees: { lat: -21.1, lon: 55.5 }\n")
    corpus, problems = load(project)
    assert not problems, problems.report()
    assert corpus.territoires["essai"].position == (-21.1, 55.5)


def test_a_project_without_gazetteer_has_no_position_errors(project: Path) -> None:
    import shutil

    shutil.rmtree(project / "data" / "geo" / "positions")
    write_territoire(project, "essai", "id: essai\nnom: Essai\ntype: petr\n")
    corpus, problems = load(project)
    assert not problems, problems.report()
    assert corpus.territoires["yaounde-vi"].position == (3.85, 11.48)
    assert corpus.territoires["essai"].position is None
