"""Bad contributions: every problem is reported as path:line: field: message, in French."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import run_mkdocs

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "hooks"))

from fabrique import loader  # noqa: E402

TERRITOIRE = """\
id: {id}
nom: Commune d'essai
type: commune
code: "62528"
departement: "62"
region: "32"
"""


def problems_of(project: Path) -> list[str]:
    _, problems = loader.load(loader.Project.at(project))
    return [str(problem) for problem in problems.sorted()]


def write(project: Path, relative: str, text: str | bytes) -> Path:
    path = project / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def only(problems: list[str], prefix: str) -> str:
    matching = [p for p in problems if p.startswith(prefix)]
    assert matching, f"aucun problème ne commence par {prefix!r} parmi :\n" + "\n".join(problems)
    return matching[0]


def test_shipped_corpus_is_valid(project: Path) -> None:
    assert problems_of(project) == []


CASES = [
    pytest.param(
        "data/territoires/essai.yml",
        "id: essai\nnom: Essai\ntype: commune: oui\n",
        "data/territoires/essai.yml:3: (fichier): YAML illisible",
        id="malformed-yaml",
    ),
    pytest.param(
        "data/territoires/essai.yml",
        "id: essai\ntype: commune\ncode: '62528'\n",
        "data/territoires/essai.yml:1: nom: champ obligatoire manquant",
        id="missing-required-field",
    ),
    pytest.param(
        "data/programmes/essai.yml",
        "id: essai\nnom: Programme d'essai\ndispositif: cohorte\ndebut: deux mille vingt\ndescription: Un programme.\n",
        "data/programmes/essai.yml:4: debut: un texte au lieu de un nombre entier",
        id="wrong-type",
    ),
    pytest.param(
        "data/territoires/essai.yml",
        "id: essai\nnom: Essai\ntype: comune\n",
        "data/territoires/essai.yml:3: type: valeur « comune » inconnue (vouliez-vous dire « commune » ?)",
        id="unknown-enum-value",
    ),
    pytest.param(
        "docs/fiches/essai.md",
        "---\nid: essai\ntype: fiche-projet-pilote\ntitre: Une fiche d'essai\nresume: Une fiche d'essai pour tester les références.\nterritoires:\n  - gruissan\n  - grusan\n---\n\nTexte.\n",
        "docs/fiches/essai.md:8: territoires[1]: territoire « grusan » inconnu (vouliez-vous dire « gruissan » ?)",
        id="unknown-territory-reference",
    ),
    pytest.param(
        "data/territoires/zz-doublon.yml",
        TERRITOIRE.format(id="gruissan"),
        "data/territoires/zz-doublon.yml:1: id: identifiant « gruissan » déjà utilisé par data/territoires/gruissan.yml",
        id="duplicate-id",
    ),
    pytest.param(
        "data/territoires/essai.yml",
        "id: essai\nnom: Essai\ntype: commune\ncode: '6252'\n",
        "data/territoires/essai.yml:4: code: « 6252 » n'a pas la forme attendue : un code INSEE de commune",
        id="bad-insee-code",
    ),
    pytest.param(
        "data/territoires/essai.yml",
        "id: essai\nnom: Essai\ntype: etranger\npays: Cameroun\ncoordonnees:\n  lat: 95.2\n  lon: 11.5\n",
        "data/territoires/essai.yml:6: coordonnees.lat: 95.2 est hors limites : attendu une latitude entre -90 et 90",
        id="latitude-out-of-range",
    ),
    pytest.param(
        "docs/fiches/essai.md",
        "---\nid: essai\ntype: fiche-projet-pilote\ntitre: Une fiche d'essai\nresume: Une fiche d'essai pour tester les dates.\nterritoires: [gruissan]\ndate: 2025-02-30\n---\n\nTexte.\n",
        "docs/fiches/essai.md:7: date: « 2025-02-30 » n'est pas valide : attendu une date ISO AAAA-MM-JJ",
        id="bad-date",
    ),
    pytest.param(
        "data/territoires/essai.yml",
        "id: essai\nnom: Essai\ntype: commune\ndescription: Ville \xe9cologique\n".encode("latin-1"),
        "data/territoires/essai.yml:4: (fichier): le fichier n'est pas encodé en UTF-8",
        id="non-utf8-file",
    ),
    pytest.param(
        "docs/fiches/essai.md",
        "---\n---\n\nTexte sans en-tête.\n",
        "docs/fiches/essai.md:1: (en-tête): en-tête YAML vide",
        id="empty-front-matter",
    ),
    pytest.param(
        "docs/fiches/essai.md",
        "# Une page sans en-tête\n",
        "docs/fiches/essai.md:1: (en-tête): en-tête YAML absent",
        id="no-front-matter",
    ),
    pytest.param(
        "docs/fiches/essai.md",
        "---\nid: essai\ntype: fiche-projet-pilote\ntitre: Une fiche d'essai\nresume: Une fiche d'essai pour tester les années.\nterritoires: [gruissan]\nannee: 1850\n---\n",
        "docs/fiches/essai.md:7: annee: 1850 est hors limites : attendu une année sur quatre chiffres",
        id="year-out-of-range",
    ),
    pytest.param(
        "docs/fiches/essai.md",
        "---\nid: essai\ntype: fiche-projet-pilote\ntitre: Une fiche d'essai\nresume: Une fiche d'essai pour tester les champs.\nterritoires: [gruissan]\nthemse: [mobilite]\n---\n",
        "docs/fiches/essai.md:7: themse: champ inconnu (vouliez-vous dire « themes » ?)",
        id="unknown-field",
    ),
    pytest.param(
        "docs/fiches/essai.md",
        "---\nid: essai\ntype: fiche-projet-pilote\ntitre: Une fiche d'essai\nresume: Une fiche d'essai qui tente les macros.\nterritoires: [gruissan]\nrender_macros: true\n---\n\n{{ config }}\n",
        "docs/fiches/essai.md:7: render_macros: champ réservé aux pages de l'équipe",
        id="macros-in-contribution",
    ),
    pytest.param(
        "docs/fiches/essai.md",
        "---\nid: autre-nom\ntype: fiche-projet-pilote\ntitre: Une fiche d'essai\nresume: Une fiche dont l'identifiant diffère du fichier.\nterritoires: [gruissan]\n---\n",
        "docs/fiches/essai.md:2: id: l'identifiant « autre-nom » diffère du nom du fichier",
        id="id-differs-from-file-name",
    ),
    pytest.param(
        "data/territoires/essai.yml",
        "id: essai\nnom: Essai\ntype: commune\ncode: '62528'\ndepartement: '99'\n",
        "data/territoires/essai.yml:5: departement: « 99 » n'a pas la forme attendue",
        id="unknown-departement-form",
    ),
    pytest.param(
        "data/territoires/essai.yml",
        "id: essai\nnom: Essai\ntype: commune\ncode: '62528'\ndepartement: '62'\nregion: '76'\n",
        "data/territoires/essai.yml:6: region: la région « 76 » ne contient pas le département « 62 » : attendu « 32 » (Hauts-de-France)",
        id="region-inconsistent-with-departement",
    ),
    pytest.param(
        "data/territoires/essai.yml",
        "id: essai\nnom: Essai\ntype: commune\ncode: '11170'\ndepartement: '30'\n",
        "data/territoires/essai.yml:4: code: le code INSEE « 11170 » n'appartient pas au département « 30 »",
        id="insee-code-outside-departement",
    ),
    pytest.param(
        "data/territoires/essai.yml",
        "id: essai\nnom: Essai\ntype: epci\ncode: '2000 4112'\n",
        "data/territoires/essai.yml:4: code: « 2000 4112 » n'a pas la forme attendue : un numéro SIREN de 9 chiffres",
        id="bad-siren",
    ),
    pytest.param(
        "data/territoires/essai.yml",
        "id: essai\nnom: Essai\ntype: commune\nparticipations:\n  - programme: cohorte-ocitanie\n    debut: 2024\n",
        "data/territoires/essai.yml:5: participations[0].programme: programme « cohorte-ocitanie » inconnu (vouliez-vous dire « cohorte-occitanie » ?)",
        id="unknown-programme-in-participation",
    ),
    pytest.param(
        "data/programmes/essai.yml",
        "id: essai\nnom: Programme d'essai\ndispositif: cohorte\ndebut: 2024\nfin: 2022\ndescription: Un programme.\n",
        "data/programmes/essai.yml:5: fin: l'année de fin (2022) précède l'année de début (2024)",
        id="end-before-start",
    ),
    pytest.param(
        "data/territoires/essai.yml",
        "id: essai\nnom: Essai\ntype: commune\nnom: Encore\n",
        "data/territoires/essai.yml:4: (fichier): la clé « nom » apparaît deux fois",
        id="duplicate-key",
    ),
    pytest.param(
        "data/partenaires.yml",
        "- id: x\n",
        "data/partenaires.yml:1: (fichier): fichier de données inconnu",
        id="unknown-data-file",
    ),
    pytest.param(
        "data/territoires/essai.yml",
        "id: essai\nnom: Essai\ntype: etranger\n",
        "data/territoires/essai.yml:1: pays: champ obligatoire manquant",
        id="abroad-without-country",
    ),
]


@pytest.mark.parametrize("relative, text, expected", CASES)
def test_bad_input_is_reported_with_path_line_and_field(project: Path, relative: str, text: str | bytes, expected: str) -> None:
    write(project, relative, text)
    problems = problems_of(project)
    assert any(problem.startswith(expected) for problem in problems), "\n".join(problems)


def test_corsican_insee_code_is_accepted(project: Path) -> None:
    write(project, "data/territoires/ajaccio.yml", "id: ajaccio\nnom: Ajaccio\ntype: commune\ncode: 2A004\ndepartement: 2A\nregion: '94'\n"
          "sources: [{document: presentation-fabrique, partie: essai}]\n")
    assert problems_of(project) == []


def test_every_problem_of_every_file_is_reported(project: Path) -> None:
    write(project, "data/territoires/a.yml", "id: a-1\nnom: A\ntype: ville\n")
    write(project, "data/territoires/b.yml", "id: b-1\ntype: commune\n")
    write(project, "docs/fiches/c.md", "---\nid: c\ntype: fiche-projet-pilote\ntitre: Fiche C\nresume: trop court\nterritoires: [inconnu]\n---\n")
    problems = problems_of(project)
    assert only(problems, "data/territoires/a.yml:2: nom:")
    assert only(problems, "data/territoires/a.yml:3: type:")
    assert only(problems, "data/territoires/b.yml:1: nom:")
    assert only(problems, "docs/fiches/c.md:5: resume: texte trop court")
    assert len(problems) >= 4


def test_build_fails_with_french_messages_and_no_traceback(project: Path, tmp_path: Path) -> None:
    write(project, "data/territoires/essai.yml", "id: essai\nnom: Essai\ntype: commune\ncode: '6252'\n")
    write(project, "docs/fiches/essai.md", "---\nid: essai\ntype: fiche-projet-pilote\ntitre: Essai\nresume: Une fiche d'essai au territoire inconnu.\nterritoires: [nulle-part]\n"
          "sources: [{document: presentation-fabrique, partie: essai}]\n---\n")
    result = run_mkdocs(project, tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert "data/territoires/essai.yml:4: code: « 6252 » n'a pas la forme attendue" in output
    assert "docs/fiches/essai.md:6: territoires[0]: territoire « nulle-part » inconnu" in output
    assert "2 problèmes dans 2 fichiers." in output


def test_check_command_reports_the_same_problems(project: Path) -> None:
    import subprocess

    write(project, "data/territoires/essai.yml", "id: essai\nnom: Essai\ntype: comune\n")
    result = subprocess.run(
        [sys.executable, "-m", "fabrique.cli", "--root", str(project), "check"],
        capture_output=True, text=True,
    )
    assert result.returncode == 1
    assert "data/territoires/essai.yml:3: type: valeur « comune » inconnue" in result.stdout
    github = subprocess.run(
        [sys.executable, "-m", "fabrique.cli", "--root", str(project), "check", "--format", "github"],
        capture_output=True, text=True,
    )
    assert github.returncode == 1
    assert "::error file=data/territoires/essai.yml,line=3::type: valeur « comune » inconnue" in github.stdout
