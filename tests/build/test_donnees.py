"""The open-data release of /donnees/: schemas, Frictionless, DCAT, page, reproducibility."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator, FormatChecker

from conftest import ROOT, run_mkdocs

sys.path.insert(0, str(ROOT / "hooks"))
from fabrique import donnees, loader  # noqa: E402

SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default site_url


def read_rows(path: Path) -> list:
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def donnees_dir(built_site: Path) -> Path:
    return built_site / "donnees"


@pytest.fixture(scope="module")
def descriptor(donnees_dir: Path) -> dict:
    return json.loads((donnees_dir / "datapackage.json").read_text(encoding="utf-8"))


def test_release_has_every_table_in_csv_and_json(donnees_dir: Path, descriptor: dict) -> None:
    paths = {resource["path"] for resource in descriptor["resources"]}
    for table in ("territoires", "programmes", "ressources", "chiffres"):
        assert {f"{table}.csv", f"{table}.json"} <= paths
    assert "territoires.geojson" in paths
    header = (donnees_dir / "territoires.csv").read_bytes().split(b"\r\n")[0].decode("utf-8").split(",")
    assert header[:2] == ["id", "url"] and "programmes" in header and "ressources" in header


def test_every_file_validates_against_its_json_schema(donnees_dir: Path, descriptor: dict) -> None:
    for resource in descriptor["resources"]:
        schema = json.loads((donnees_dir / resource["jsonSchema"]).read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        data = read_rows(donnees_dir / resource["path"])
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(data)]
        assert errors == [], resource["path"]


def test_csv_schema_rejects_a_value_the_content_schema_forbids(donnees_dir: Path) -> None:
    schema = json.loads((donnees_dir / "schemas/territoires.csv.schema.json").read_text(encoding="utf-8"))
    rows = read_rows(donnees_dir / "territoires.csv")
    rows[0]["type"] = "village"
    rows[-1]["programmes"] = "Pas un identifiant"
    errors = sorted(list(e.absolute_path) for e in Draft202012Validator(schema).iter_errors(rows))
    assert errors == [[0, "type"], [len(rows) - 1, "programmes"]]


def test_frictionless_validates_the_data_package_and_row_counts(donnees_dir: Path, descriptor: dict) -> None:
    from frictionless import validate

    report = validate(str(donnees_dir / "datapackage.json"))
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "message"])
    assert descriptor["licenses"][0]["name"] == "etalab-2.0"
    for resource in descriptor["resources"]:
        path = donnees_dir / resource["path"]
        assert path.is_file()
        if resource["path"].endswith(".geojson"):
            assert resource["features"] == len(read_rows(path)["features"]) > 0
        else:
            assert resource["rows"] == len(read_rows(path)) > 0


def test_rows_carry_page_url_and_resolvable_cross_references(built_site: Path, donnees_dir: Path) -> None:
    tables = {name: {row["id"]: row for row in read_rows(donnees_dir / f"{name}.json")} for name in ("territoires", "programmes", "ressources", "themes")}
    for name in ("territoires", "programmes", "ressources"):
        for row in tables[name].values():
            assert row["url"].startswith(SITE_URL)
            assert (built_site / row["url"][len(SITE_URL):] / "index.html").is_file(), row["url"]
    for row in tables["territoires"].values():
        assert set(row["programmes"]) <= set(tables["programmes"])
        assert set(row["ressources"]) <= set(tables["ressources"])
    for row in tables["ressources"].values():
        assert set(row["territoires"]) <= set(tables["territoires"])
        assert set(row["themes"]) <= set(tables["themes"])
    assert "cohorte-occitanie" in tables["territoires"]["gruissan"]["programmes"]
    assert "gruissan" in tables["programmes"]["cohorte-occitanie"]["territoires"]


def test_geojson_has_a_point_per_positioned_territory(donnees_dir: Path) -> None:
    rows = read_rows(donnees_dir / "territoires.json")
    positioned = {row["id"]: (row["longitude"], row["latitude"]) for row in rows if row["latitude"] is not None}
    collection = read_rows(donnees_dir / "territoires.geojson")
    assert collection["type"] == "FeatureCollection"
    assert {f["id"]: tuple(f["geometry"]["coordinates"]) for f in collection["features"]} == positioned
    assert all(f["geometry"]["type"] == "Point" for f in collection["features"])


def test_dcat_catalogue_has_a_dataset_and_a_distribution_per_file(donnees_dir: Path, descriptor: dict) -> None:
    import rdflib
    from rdflib.namespace import DCAT, DCTERMS, RDF

    graph = rdflib.Graph()
    graph.parse(donnees_dir / "catalog.jsonld", format="json-ld")
    datasets = list(graph.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == 1
    assert len(list(graph.subjects(RDF.type, DCAT.Catalog))) == 1
    base = SITE_URL + "donnees/"
    distributions = set(graph.objects(datasets[0], DCAT.distribution))
    for path in [r["path"] for r in descriptor["resources"]] + ["datapackage.json"]:
        node = rdflib.URIRef(base + path)
        assert node in distributions, path
        assert (node, RDF.type, DCAT.Distribution) in graph
        assert graph.value(node, DCAT.downloadURL) == rdflib.URIRef(base + path)
        assert graph.value(node, DCTERMS.license) is not None
        assert graph.value(node, DCAT.mediaType) is not None
        assert int(graph.value(node, DCAT.byteSize)) == (donnees_dir / path).stat().st_size
    assert graph.value(datasets[0], DCTERMS.license) == rdflib.URIRef(donnees.LICENCE["path"])


def test_donnees_page_lists_every_file_with_size_rows_and_schema(built_site: Path, donnees_dir: Path, descriptor: dict) -> None:
    soup = BeautifulSoup((donnees_dir / "index.html").read_text(encoding="utf-8"), "html.parser")
    nav = [a.get_text(strip=True) for a in soup.select("nav.md-nav--primary a")]
    assert "Données ouvertes" in nav
    rows = {tr.find("td").get_text(strip=True): tr for tr in soup.select("article table tbody tr")}
    for resource in descriptor["resources"]:
        cells = [td.get_text(strip=True) for td in rows[resource["path"]].find_all("td")]
        assert cells[3] == donnees.taille_fr((donnees_dir / resource["path"]).stat().st_size)
        assert cells[4] == str(resource.get("rows", resource.get("features")))
        assert cells[6] == "Licence Ouverte 2.0" and cells[7] == descriptor["version"]
        schema_link = rows[resource["path"]].find_all("a")[-1]["href"]
        assert (donnees_dir / schema_link).is_file()
    assert soup.select_one("article a[href='dictionnaire/']") is not None
    page = BeautifulSoup((donnees_dir / "dictionnaire/index.html").read_text(encoding="utf-8"), "html.parser")
    dictionary = {d.find("summary").get_text(strip=True).split(" ")[0]: [td.get_text(strip=True) for td in d.select("tbody tr td:first-child")] for d in page.select("article details")}
    for resource in descriptor["resources"]:
        if "schema" in resource:
            assert dictionary[resource["path"].rsplit(".", 1)[0]] == [f["name"] for f in resource["schema"]["fields"]]
    text = soup.select_one("article").get_text(" ", strip=True)
    assert "Licence Ouverte / Open Licence version 2.0" in text
    assert "Dernière mise à jour" in text
    assert "Citer le jeu de données" in text and SITE_URL + "donnees/" in text


def test_release_is_byte_identical_across_two_builds(built_site: Path, tmp_path: Path) -> None:
    again = tmp_path / "site"
    result = run_mkdocs(ROOT, again)
    assert result.returncode == 0, result.stderr
    first = sorted(p.relative_to(built_site).as_posix() for p in (built_site / "donnees").rglob("*") if p.is_file())
    second = sorted(p.relative_to(again).as_posix() for p in (again / "donnees").rglob("*") if p.is_file())
    assert first == second and len(first) > 20
    different = [name for name in first if name.endswith((".csv", ".json", ".geojson", ".jsonld")) and (built_site / name).read_bytes() != (again / name).read_bytes()]
    assert different == []


def test_a_field_added_to_a_content_schema_appears_in_the_release(project: Path) -> None:
    schema_path = project / "data/schemas/territoire.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["properties"]["population"] = {"type": "integer", "minimum": 0, "title": "Population", "description": "le nombre d'habitants"}
    schema_path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    record = project / "data/territoires/gruissan.yml"
    record.write_text(record.read_text(encoding="utf-8") + "population: 4900\n", encoding="utf-8")
    source = loader.Project.at(project)
    corpus, problems = loader.load(source)
    assert not problems
    release = donnees.build_release(source, corpus, source.schemas, SITE_URL)
    files = release.all_files()
    rows = list(csv.DictReader(files["donnees/territoires.csv"].decode("utf-8").splitlines()))
    assert {row["id"]: row["population"] for row in rows}["gruissan"] == "4900"
    json_schema = json.loads(files["donnees/schemas/territoires.json.schema.json"])
    assert json_schema["items"]["properties"]["population"]["anyOf"][0]["title"] == "Population"
    fields = {f["name"]: f for r in json.loads(files["donnees/datapackage.json"])["resources"] if r["path"] == "territoires.csv" for f in r["schema"]["fields"]}
    assert fields["population"]["type"] == "integer" and fields["population"]["constraints"] == {"minimum": 0}


def test_a_new_collection_gets_its_own_files(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "data/schemas/atelier.schema.json").write_text(json.dumps({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "atelier.schema.json",
        "title": "Atelier",
        "description": "Un atelier de l'alliance.",
        "x-fabrique": {"donnees": "ateliers", "pluriel": "Ateliers"},
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "titre"],
        "properties": {
            "id": {"$ref": "commun.schema.json#/$defs/identifiant"},
            "titre": {"type": "string", "title": "Titre"},
            "territoires": {"$ref": "commun.schema.json#/$defs/identifiants", "title": "Territoires"},
        },
    }), encoding="utf-8")
    (project / "data/ateliers").mkdir()
    (project / "data/ateliers/mobilite-douce.yml").write_text("id: mobilite-douce\ntitre: Des rues pour marcher\nterritoires: [gruissan]\n", encoding="utf-8")
    source = loader.Project.at(project)
    corpus, problems = loader.load(source)
    assert not problems
    files = donnees.build_release(source, corpus, source.schemas, SITE_URL).all_files()
    assert files["donnees/ateliers.csv"].decode("utf-8").splitlines() == ["id,titre,territoires", "mobilite-douce,Des rues pour marcher,gruissan"]
    assert json.loads(files["donnees/ateliers.json"]) == [{"id": "mobilite-douce", "titre": "Des rues pour marcher", "territoires": ["gruissan"]}]


def test_every_collection_of_the_shipped_data_is_released(donnees_dir: Path, descriptor: dict) -> None:
    """Propositions of the guide included, as soon as data/propositions/ exists."""
    project = loader.Project.at(ROOT)
    corpus, _ = loader.load(project)
    rows = {r["path"]: r.get("rows") for r in descriptor["resources"]}
    for collection in project.schemas.collections:
        objects = getattr(corpus, collection, None)
        if objects:
            assert rows[f"{collection}.csv"] == rows[f"{collection}.json"] == len(objects), collection
