"""CITATION.cff: valid against the official Citation File Format 1.2.0 schema, and in step with the project."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import yaml
from jsonschema import Draft7Validator, FormatChecker

from citables import site_config

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "tests" / "data" / "citation-file-format-1.2.0.schema.json"


def load_cff() -> dict:
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def test_citation_cff_is_valid_cff_1_2_0():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    errors = sorted(Draft7Validator(schema, format_checker=FormatChecker()).iter_errors(load_cff()), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def test_the_schema_rejects_a_broken_file():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    broken = {**load_cff(), "authors": [], "cff-version": "9.9"}
    assert len(list(Draft7Validator(schema).iter_errors(broken))) >= 2


def test_citation_cff_agrees_with_the_project():
    cff = load_cff()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    config = site_config()
    assert str(cff["version"]) == project["version"]
    assert project["license"] in cff["license"]
    assert "CC-BY-SA-4.0" in cff["license"] and "BY-SA 4.0" in config["extra"]["fabrique"]["licence"]
    assert cff["title"].startswith("Fabrique des transitions")
    assert [a["name"] for a in cff["authors"]] == [config["site_author"]]
