"""Propositions and recommendations as data: the messages a staff member reads when a record is wrong."""

from __future__ import annotations

from pathlib import Path

from fabrique import loader
from fabrique.schemas import Schemas

ROOT = Path(__file__).resolve().parents[2]


def _problems(project: Path) -> list[str]:
    _, problems = loader.load(loader.Project.at(project))
    return [str(p) for p in problems.sorted()]


def _write(project: Path, relative: str, text: str) -> None:
    path = project / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


PROPOSITION = """\
id: essai
pilier: humain
titre: Une proposition d'essai
texte: Un texte assez long pour passer la validation du schéma des propositions.
competences: [mobilite]
"""


def test_shipped_guide_is_valid_and_linked_both_ways() -> None:
    corpus, problems = loader.load(loader.Project.at(ROOT))
    assert not problems, problems.report()
    assert len(corpus.propositions) >= 60
    labels = Schemas(ROOT / "data" / "schemas").labels("proposition", "pilier")
    assert {p.pilier for p in corpus.propositions.values()} == set(labels)
    assert {r.destinataires for r in corpus.recommandations.values()} == {"elus", "financeurs", "arreter", "commencer"}
    assert len(corpus.recommandations_of("elus")) == 10
    assert {r.posture for r in corpus.recommandations_of("elus")} == {"cap", "methode", "duree"}
    gruissan = corpus.ressource("gruissan-station-sans-voiture")
    assert gruissan is not None and gruissan.propositions
    for proposition in gruissan.propositions:
        assert gruissan in proposition.fiches
    for recommandation in corpus.recommandations.values():
        for proposition in recommandation.propositions:
            assert recommandation in proposition.recommandations


def test_unknown_references_are_reported_with_line_and_suggestion(project: Path) -> None:
    _write(project, "data/propositions/essai.yml", PROPOSITION + """\
themes: [mobilites]
fiches: [gruissan-station-sans-voitur]
retours: [gruissan-station-sans-voiture]
territoires: [gruisan]
""")
    found = _problems(project)
    path = "data/propositions/essai.yml"
    assert f"{path}:6: themes[0]: thème « mobilites » inconnu (vouliez-vous dire « mobilite » ?) : attendu l'identifiant d'un fichier de data/themes.yml" in found
    assert (f"{path}:7: fiches[0]: fiche projet pilote « gruissan-station-sans-voitur » inconnue "
            "(vouliez-vous dire « gruissan-station-sans-voiture » ?) : attendu l'identifiant d'une page de docs/fiches/") in found
    assert any(p.startswith(f"{path}:8: retours[0]: « gruissan-station-sans-voiture » (fiches/gruissan-station-sans-voiture.md) n'est pas un retour")
               for p in found), found
    assert any(p.startswith(f"{path}:9: territoires[0]: territoire « gruisan » inconnu (vouliez-vous dire « gruissan » ?)") for p in found), found


def test_schema_errors_name_the_allowed_competences_and_parts(project: Path) -> None:
    _write(project, "data/propositions/essai.yml", PROPOSITION.replace("humain", "humains").replace("[mobilite]", "[mobilites]"))
    found = "\n".join(_problems(project))
    assert "data/propositions/essai.yml:2: pilier: valeur « humains » inconnue (vouliez-vous dire « humain » ?)" in found
    assert "data/propositions/essai.yml:5: competences[0]: valeur « mobilites » inconnue (vouliez-vous dire « mobilite » ?)" in found


def test_file_name_must_match_id(project: Path) -> None:
    _write(project, "data/propositions/autre-nom.yml", PROPOSITION)
    assert "data/propositions/autre-nom.yml:1: id: l'identifiant « essai » diffère du nom du fichier : attendu « autre-nom »" in _problems(project)


def test_recommendation_for_elected_officials_needs_a_posture_and_known_propositions(project: Path) -> None:
    _write(project, "data/recommandations/essai.yml", """\
id: essai
destinataires: elus
titre: Une recommandation
texte: Un texte de recommandation suffisamment long.
""")
    assert any(p.startswith("data/recommandations/essai.yml:1: posture: champ obligatoire manquant") for p in _problems(project))
    _write(project, "data/recommandations/essai.yml", """\
id: essai
destinataires: financeurs
titre: Une recommandation
texte: Un texte de recommandation suffisamment long.
propositions: [institut-citoyn]
""")
    assert ("data/recommandations/essai.yml:5: propositions[0]: proposition « institut-citoyn » inconnue "
            "(vouliez-vous dire « institut-citoyen » ?) : attendu l'identifiant d'un fichier de data/propositions/") in _problems(project)


def test_a_part_without_its_page_is_reported(project: Path) -> None:
    (project / "docs/guide/pilotage.md").unlink()
    found = _problems(project)
    assert any(p.startswith("data/propositions/nouveaux-indicateurs.yml:3: pilier: la page docs/guide/pilotage.md") for p in found), found
