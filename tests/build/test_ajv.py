"""The published JSON Schemas as a JavaScript client loads them: Ajv 8, strict, with ajv-formats.

Every schema under ``/schemas/`` and ``/donnees/schemas/`` of the built site is fetched from the
local server and compiled by ``tests/ajv-valider.mjs``; every file the data package lists
(``/donnees/datapackage.json``, key ``jsonSchema``) is validated with its schema, a CSV file read
as a client reads it: one object of texts per line, keyed by the header.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, serve

SCRIPT = ROOT / "tests" / "ajv-valider.mjs"
AJV = ROOT / "tests" / "node_modules" / "ajv"


def run_ajv(job: dict) -> subprocess.CompletedProcess:
    if shutil.which("node") is None or not AJV.is_dir():
        pytest.fail(f"node ou {AJV} est absent : lancez « bash .ci/setup test » (npm ci dans tests/)")
    return subprocess.run(["node", str(SCRIPT)], input=json.dumps(job, ensure_ascii=False), capture_output=True,
                          text=True, timeout=120)


def read_data(path: Path, fmt: str):
    if fmt == "csv":
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    return json.loads(path.read_text(encoding="utf-8"))


def site_job(site: Path, base: str) -> dict:
    """What to compile and validate in a built site served at ``base``."""
    schemas = sorted(site.glob("schemas/*.json")) + sorted(site.glob("donnees/schemas/*.json"))
    package = json.loads((site / "donnees" / "datapackage.json").read_text(encoding="utf-8"))
    documents = [
        {
            "nom": f"donnees/{resource['path']}",
            "schema": f"{base}/donnees/{resource['jsonSchema']}",
            "donnees": read_data(site / "donnees" / resource["path"], resource["format"]),
        }
        for resource in package["resources"]
    ]
    return {"schemas": [f"{base}/{path.relative_to(site).as_posix()}" for path in schemas], "documents": documents}


def test_every_published_schema_compiles_in_ajv_and_the_published_data_validate(built_site: Path, site_url: str) -> None:
    job = site_job(built_site, site_url)
    assert len(job["schemas"]) >= 25 and len(job["documents"]) >= 10
    result = run_ajv(job)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ajv_refuses_a_python_only_pattern_an_unknown_keyword_and_invalid_data(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "commun.schema.json").write_text(json.dumps(
        {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "commun.schema.json",
         "properties": {"type": {"type": "string", "pattern": "^(fiche\\-projet)$"}}}), encoding="utf-8")
    (tmp_path / "schemas" / "inconnu.schema.json").write_text(json.dumps(
        {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "inconnu.schema.json", "typ": "string"}), encoding="utf-8")
    (tmp_path / "schemas" / "ligne.schema.json").write_text(json.dumps(
        {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "ligne.schema.json", "x-schema-org": {"a": "Place"},
         "type": "object", "required": ["annee"], "properties": {"annee": {"type": "integer"}}}), encoding="utf-8")
    with serve(tmp_path) as base:
        result = run_ajv({
            "schemas": [f"{base}/schemas/{name}.schema.json" for name in ("commun", "inconnu", "ligne")],
            "documents": [{"nom": "donnees/lignes.json", "schema": f"{base}/schemas/ligne.schema.json", "donnees": {"annee": "2024"}}],
        })
    lines = result.stdout.splitlines()
    assert result.returncode == 1, result.stdout + result.stderr
    assert any("commun.schema.json : Ajv ne compile pas" in line and "Invalid regular expression" in line for line in lines), lines
    assert any("inconnu.schema.json : Ajv ne compile pas" in line and "typ" in line for line in lines), lines
    assert any(line.startswith("donnees/lignes.json : /annee : must be integer") for line in lines), lines
    assert not any("ligne.schema.json : Ajv" in line for line in lines), lines
