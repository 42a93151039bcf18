"""Contributing: ``fabrique new`` and ``fabrique check``, editor support, repository conventions."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, run_mkdocs

sys.path.insert(0, str(ROOT / "hooks"))

from fabrique import scaffold  # noqa: E402
from fabrique.schemas import Schemas  # noqa: E402

ANNOTATION = re.compile(r"^::error file=(?P<file>[^,:]+),line=(?P<line>\d+)::(?P<message>[^\r\n]+)$")


def fabrique(project: Path, *arguments: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the ``fabrique`` command as a contributor would (no terminal: no questions)."""
    return subprocess.run(
        [sys.executable, "-m", "fabrique.cli", "--root", str(project), *arguments],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, env=env,
    )


def write(project: Path, relative: str, text: str) -> Path:
    path = project / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def article(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


# --- fabrique new ------------------------------------------------------------------------------

NEW = {
    "territoire": (["--source", "presentation-fabrique", "--partie", "essai", "--nom", "Saint-Étienne-de-Baïgorry", "--type", "commune", "--code", "64477", "--departement", "64",
                    "--description", "Commune du Pays basque, territoire d'essai.", "--programme", "cohorte-occitanie"],
                   "data/territoires/saint-etienne-de-baigorry.yml", "territoires/", "territoires/saint-etienne-de-baigorry/"),
    "programme": (["--source", "presentation-fabrique", "--partie", "essai", "--nom", "Cohorte Île-de-France", "--dispositif", "cohorte", "--debut", "2025",
                   "--description", "Un accompagnement collectif d'essai."],
                  "data/programmes/cohorte-ile-de-france.yml", "programmes/", "programmes/cohorte-ile-de-france/"),
    "fiche": (["--source", "presentation-fabrique", "--partie", "essai", "--titre", "Saint-Étienne-de-Baïgorry : l'énergie partagée", "--resume", "Une fiche d'essai sur une coopérative d'énergie citoyenne.",
               "--territoire", "saint-etienne-de-baigorry", "--theme", "energie", "--annee", "2024"],
              "docs/fiches/saint-etienne-de-baigorry-l-energie-partagee.md", "fiches/", "fiches/saint-etienne-de-baigorry-l-energie-partagee/"),
    "retour": (["--source", "presentation-fabrique", "--partie", "essai", "--titre", "Élus et habitants : un atelier réussi", "--resume", "Un retour d'expérience d'essai sur un atelier de coopération.",
                "--programme", "cohorte-ile-de-france"],
               "docs/retours/elus-et-habitants-un-atelier-reussi.md", "retours/", "retours/elus-et-habitants-un-atelier-reussi/"),
    "fondamental": (["--source", "presentation-fabrique", "--partie", "essai", "--titre", "Évaluer la valeur créée, pas à pas", "--resume", "Un fondamental d'essai sur l'évaluation de la valeur créée."],
                    "docs/fondamentaux/evaluer-la-valeur-creee-pas-a-pas.md", "fondamentaux/", "fondamentaux/evaluer-la-valeur-creee-pas-a-pas/"),
    "recit": (["--source", "presentation-fabrique", "--partie", "essai", "--titre", "Raconter la coopération à Gruissan", "--resume", "Une ressource d'essai sur la mise en récits de la coopération.",
               "--territoire", "gruissan", "--statut", "esquisse"],
              "docs/mise-en-recits/raconter-la-cooperation-a-gruissan.md", "mise-en-recits/", "mise-en-recits/raconter-la-cooperation-a-gruissan/"),
}


def test_new_check_build_for_every_kind_and_the_page_is_in_its_index(project: Path, tmp_path: Path) -> None:
    kinds = scaffold.kinds(Schemas(project / "data/schemas"))
    assert set(NEW) == set(kinds)
    for kind, (options, path, _, _) in NEW.items():  # in order: the fiche uses the new territory
        result = fabrique(project, "new", kind, *options)
        assert result.returncode == 0, result.stderr
        assert f"Créé : {path}" in result.stdout
        text = (project / path).read_text(encoding="utf-8")
        schema = kinds[kind].schema
        assert "# yaml-language-server: $schema=" in text
        modeline = re.search(r"\$schema=(\S+)", text).group(1)
        assert (project / path).parent.joinpath(modeline).resolve() == (project / f"data/schemas/{schema}.schema.json").resolve()
    check = fabrique(project, "check")
    assert check.returncode == 0, check.stdout
    assert "Corpus valide" in check.stdout
    site = tmp_path / "site"
    result = run_mkdocs(project, site)
    assert result.returncode == 0, result.stderr
    for kind, (_, path, index, url) in NEW.items():
        soup = article(site, index)
        hrefs = {a["href"].rstrip("/") for a in soup.select("article a[href]")}
        assert url[len(index):].rstrip("/") in hrefs, f"{url} absent de {index} : {sorted(hrefs)}"
        page = article(site, url)
        assert page.find("h1") is not None
    assert "Esquisse" in article(site, NEW["recit"][3]).select_one(".fabrique-bandeau").get_text()


def test_new_folds_accents_and_punctuation_into_the_id() -> None:
    assert scaffold.make_id("Économie circulaire à Saint-Étienne : l'atelier « Réparer »") == "economie-circulaire-a-saint-etienne-l-atelier-reparer"
    assert scaffold.make_id("Œuvrer en Île-de-France") == "oeuvrer-en-ile-de-france"


def test_new_without_a_terminal_names_the_missing_options(project: Path) -> None:
    result = fabrique(project, "new", "fiche", "--titre", "Une fiche sans résumé")
    assert result.returncode == 2
    assert "il manque --resume" in result.stderr
    assert not list((project / "docs/fiches").glob("une-fiche-sans-resume*"))


def test_new_refuses_an_existing_file_and_keeps_no_invalid_file(project: Path) -> None:
    existing = fabrique(project, "new", "fiche", "--source", "presentation-fabrique", "--partie", "essai", "--titre", "Gruissan station sans voiture", "--id", "gruissan-station-sans-voiture",
                        "--resume", "Une fiche qui existe déjà dans le corpus livré.", "--territoire", "gruissan")
    assert existing.returncode == 2
    assert "docs/fiches/gruissan-station-sans-voiture.md existe déjà" in existing.stderr
    invalid = fabrique(project, "new", "fiche", "--source", "presentation-fabrique", "--partie", "essai", "--titre", "Une fiche au territoire inconnu",
                       "--resume", "Une fiche qui cite un territoire absent du corpus.", "--territoire", "nulle-part")
    assert invalid.returncode == 1
    assert re.search(r"docs/fiches/une-fiche-au-territoire-inconnu\.md:\d+: territoires\[0\]: territoire « nulle-part » inconnu", invalid.stderr)
    assert not (project / "docs/fiches/une-fiche-au-territoire-inconnu.md").exists()


def test_new_asks_the_essentials_in_a_terminal(project: Path) -> None:
    asked: list[str] = []
    shown: list[str] = []
    answers = scaffold.Answers({})
    kind = scaffold.kinds(Schemas(project / "data/schemas"))["territoire"]
    replies = iter(["Commune posée en question", "99", "1", "30350", "30", "Une commune d'essai.", "cohorte-occitanie",
                    "presentation-fabrique", "La cohorte régionale « Occitanie » (2024-2025)"])
    scaffold.ask_missing(project, kind, answers, lambda prompt: (asked.append(prompt), next(replies))[1], shown.append)
    assert answers.values["type_territoire"] == "commune"
    assert any(line.startswith("Répondez par un numéro de 1 à") for line in shown)  # "99" was refused
    assert any("1. Commune (commune)" in line for line in shown)  # the choices come from the schema
    path, problems = scaffold.create(project, kind, answers)
    assert not problems, problems.report()
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert record["nom"] == "Commune posée en question" and record["code"] == "30350"
    assert record["participations"] == [{"programme": "cohorte-occitanie"}]
    assert any("Commune" in line for line in shown)


# --- fabrique check ----------------------------------------------------------------------------

BROKEN = {
    "data/territoires/mauvais-type.yml": ("id: mauvais-type\nnom: Mauvais type\ntype: comune\n", 3, "type"),
    "data/programmes/sans-description.yml": ("id: sans-description\nnom: Sans description\ndispositif: cohorte\ndebut: 2024\n", 1, "description"),
    "docs/fiches/resume-court.md": ("---\nid: resume-court\ntype: fiche-projet-pilote\ntitre: Un titre\n\nresume: Court.\nterritoires: [gruissan]\n---\n\nTexte.\n", 6, "resume"),
    "docs/retours/yaml-casse.md": ("---\nid: yaml-casse\ntype: retour-experience\ntitre: Deux points: ici\nresume: x\n---\n", 4, "(en-tête)"),
    "docs/fiches/script.md": ("---\nid: script\ntype: fiche-projet-pilote\ntitre: Une fiche\nresume: Une fiche avec un script caché dans le texte.\nterritoires: [gruissan]\n---\n\nPremier paragraphe.\n\n<script>alert(1)</script>\n", 11, "(contenu)"),
}


def test_check_github_annotations_point_at_the_right_lines(project: Path) -> None:
    for relative, (text, _, _) in BROKEN.items():
        write(project, relative, text)
    result = fabrique(project, "check", "--format", "github")
    assert result.returncode == 1
    annotations = [ANNOTATION.match(line) for line in result.stdout.splitlines()]
    assert annotations and all(annotations), result.stdout
    found = {(m["file"], int(m["line"]), m["message"].split(":")[0]) for m in annotations}
    for relative, (_, line, field) in BROKEN.items():
        assert (relative, line, field) in found, (relative, line, field, sorted(found))
    assert re.search(r"\d+ problèmes dans 5 fichiers\.", result.stderr)
    text = fabrique(project, "check")
    assert text.returncode == 1
    assert "docs/fiches/script.md:11: (contenu): balise <script> interdite" in text.stdout


# --- editor support, conventions ---------------------------------------------------------------


def test_every_data_file_and_template_carries_the_schema_modeline() -> None:
    files = [p for p in (ROOT / "data").rglob("*.yml") if "geo" not in p.parts]
    files += [ROOT / scaffold.TEMPLATES / name for name in ("ressource.md.j2", "territoire.yml.j2", "programme.yml.j2")]
    assert len(files) > 10
    for path in files:
        text = path.read_text(encoding="utf-8")
        match = re.search(r"^# yaml-language-server: \$schema=(.+)$", text, re.MULTILINE)
        assert match, f"{path.relative_to(ROOT)} n'a pas de ligne yaml-language-server"
        if "{{" not in match.group(1):
            assert (path.parent / match.group(1)).resolve().is_file(), path


def test_schemas_are_published_with_the_site(built_site: Path) -> None:
    sources = sorted((ROOT / "data/schemas").glob("*.schema.json"))
    assert sources
    for source in sources:
        published = built_site / "schemas" / source.name
        assert published.is_file(), source.name
        assert json.loads(published.read_text(encoding="utf-8")) == json.loads(source.read_text(encoding="utf-8"))


def test_workflows_pass_actionlint() -> None:
    workflows = sorted((ROOT / ".github/workflows").glob("*.yml"))
    assert {p.name for p in workflows} >= {"verification.yml", "publication.yml"}
    result = subprocess.run([str(Path(sys.executable).parent / "actionlint"), *map(str, workflows)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pull_request_workflow_installs_checks_builds_tests_and_uploads() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/verification.yml").read_text(encoding="utf-8"))
    assert "pull_request" in workflow[True]  # PyYAML reads the key « on » as true
    runs = [step.get("run", "") for step in workflow["jobs"]["verifier"]["steps"]]
    assert runs[1:5] == ["bash .ci/setup test", ".venv/bin/fabrique check --format github",
                         ".venv/bin/fabrique build --site-dir site", ".venv/bin/python -m pytest"]
    assert workflow["jobs"]["verifier"]["steps"][-1]["uses"].startswith("actions/upload-artifact@")
    publication = yaml.safe_load((ROOT / ".github/workflows/publication.yml").read_text(encoding="utf-8"))
    assert publication[True]["push"]["branches"] == ["main"]
    assert publication["jobs"]["publier"]["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_issue_forms_and_pull_request_template() -> None:
    forms = {yaml.safe_load(p.read_text(encoding="utf-8"))["name"]: yaml.safe_load(p.read_text(encoding="utf-8"))
             for p in (ROOT / ".github/ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml"}
    assert set(forms) == {"Proposer une fiche", "Signaler une erreur"}
    for form in forms.values():
        assert form["description"] and form["body"]
        assert all(item["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"} for item in form["body"])
    template = (ROOT / ".github/pull_request_template.md").read_text(encoding="utf-8")
    assert template.count("- [ ]") >= 4 and "fabrique check" in template


def test_contributing_guide_is_a_page_of_the_site(built_site: Path) -> None:
    soup = article(built_site, "contribuer")
    assert soup.find("h1").get_text(strip=True).startswith("Contribuer au corpus")
    text = soup.select_one("article").get_text(" ")
    for step in ("fabrique new fiche", "fabrique check", "demande de fusion", "Creative Commons BY-SA 4.0", "données personnelles"):
        assert step in text, step


def test_new_in_a_terminal_asks_then_writes(project: Path) -> None:
    """The command itself, with a terminal as its input: it asks, the answers make the file."""
    import os

    master, slave = os.openpty()
    answers = ["Programme posé au terminal", "4", "2025", "", "Un chantier d'essai créé en répondant aux questions.", "",
               "presentation-fabrique", "LES CHANTIERS RÉCENTS"]
    os.write(master, ("\n".join(answers) + "\n").encode("utf-8"))
    try:
        result = subprocess.run([sys.executable, "-m", "fabrique.cli", "--root", str(project), "new", "programme"],
                                stdin=slave, capture_output=True, text=True, timeout=60)
    finally:
        os.close(slave)
        os.close(master)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4. Chantier (chantier)" in result.stdout
    record = yaml.safe_load((project / "data/programmes/programme-pose-au-terminal.yml").read_text(encoding="utf-8"))
    assert record == {"id": "programme-pose-au-terminal", "nom": "Programme posé au terminal", "dispositif": "chantier",
                      "debut": 2025, "description": "Un chantier d'essai créé en répondant aux questions.", "statut": "publie",
                      "sources": [{"document": "presentation-fabrique", "partie": "LES CHANTIERS RÉCENTS"}]}
