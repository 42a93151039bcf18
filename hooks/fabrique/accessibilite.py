"""The accessibility statement: what the tests showed and what people checked by hand.

Two files, both in ``tests/``: ``resultats-accessibilite.json``, written by the browser tests
(``tests/browser/test_accessibilite.py``) after each complete run, and ``verifications-manuelles.yml``,
the RGAA criteria that tooling cannot decide, kept by hand. The build reads both to write the
« Déclaration d'accessibilité » page and the footer mention: the page can state only what the
last run of the tests showed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

RESULTS = Path("tests") / "resultats-accessibilite.json"
MANUAL = Path("tests") / "verifications-manuelles.yml"

#: Address of the statement in the site (a generated page).
PAGE = "accessibilite.md"

#: Number of criteria of the RGAA 4.1.
RGAA_CRITERES = 106

#: The automated checks: key -> (RGAA 4.1 criteria they bear on, what is checked, in French).
AUTOMATIQUES: dict[str, tuple[tuple[str, ...], str]] = {
    "axe-clair": (("1.1", "3.2", "8.3", "11.1"), "Aucune violation grave ou critique d'axe-core (règles WCAG 2.1 A et AA), thème clair"),
    "axe-sombre": (("3.2", "3.3"), "Aucune violation grave ou critique d'axe-core, thème sombre (contrastes compris)"),
    "clavier-parcours": (("7.3", "12.8"), "La touche Tab atteint chaque élément interactif visible, dans l'ordre du document"),
    "clavier-focus-visible": (("10.7",), "Chaque élément qui reçoit le focus a un contour ou une ombre visible"),
    "clavier-sans-piege": (("12.9",), "Aucun piège au clavier : la tabulation sort de chaque composant et revient au début de la page"),
    "echap": (("10.13",), "La touche Échap ferme ce qui s'ouvre (recherche, menus)"),
    "reflow-320": (("10.11", "10.4"), "À 320 pixels CSS de large, aucun défilement horizontal de la page"),
    "espacement-texte": (("10.12",), "Avec les espacements du critère WCAG 1.4.12, aucun texte n'est tronqué"),
    "titres": (("9.1",), "Un seul titre h1 et aucun niveau de titre sauté"),
    "regions": (("12.6",), "Régions d'en-tête, de navigation, de contenu principal et de pied de page"),
    "lien-evitement": (("12.7",), "Un lien d'évitement, premier élément atteint au clavier, mène au contenu principal"),
    "titre-page": (("8.5", "8.6"), "Un titre de page (<title>) présent, unique et propre à la page"),
    "mouvement-reduit": (("13.8",), "Avec « réduire les animations », aucune animation ni transition ne dure"),
    "svg": (("1.1", "1.2"), "Chaque graphique SVG porteur d'information a un nom accessible et un équivalent en tableau ou en liste ; les autres sont masqués"),
}

STATUTS_MANUELS = ("conforme", "non conforme", "à vérifier", "non applicable")


@dataclass
class Verification:
    """One criterion that a person checks: how, and what they found."""

    critere: str
    intitule: str
    comment: str
    statut: str
    date: str | None = None
    remarque: str | None = None


@dataclass
class Etat:
    """Everything the statement says, computed from the two files."""

    resultats: dict[str, Any] | None
    manuelles: list[Verification] = field(default_factory=list)

    @property
    def automatiques(self) -> list[tuple[str, dict[str, Any]]]:
        criteres = (self.resultats or {}).get("criteres", {})
        return [(key, criteres[key]) for key in AUTOMATIQUES if key in criteres]

    @property
    def criteres_rgaa(self) -> dict[str, str]:
        """RGAA criterion -> "conforme" / "non conforme" / "à vérifier", from tests and hand checks.

        A criterion is conforming when every test bearing on it passed and no hand check says
        otherwise; a hand check "à vérifier" leaves it undecided, whatever the tests say.
        """
        statut: dict[str, str] = {}
        for key, result in self.automatiques:
            for critere in AUTOMATIQUES[key][0]:
                ok = result.get("statut") == "conforme"
                statut[critere] = "non conforme" if not ok or statut.get(critere) == "non conforme" else "conforme"
        for verification in self.manuelles:
            if verification.statut == "non applicable":
                continue
            current = statut.get(verification.critere)
            if verification.statut == "non conforme" or current == "non conforme":
                statut[verification.critere] = "non conforme"
            elif verification.statut == "à vérifier":
                statut[verification.critere] = "à vérifier"
            else:
                statut[verification.critere] = current or "conforme"
        return dict(sorted(statut.items(), key=lambda pair: tuple(int(x) for x in pair[0].split("."))))

    @property
    def taux(self) -> float | None:
        """Share of conforming criteria among those evaluated (decided by tests or by hand)."""
        decided = [s for s in self.criteres_rgaa.values() if s != "à vérifier"]
        if not decided:
            return None
        return sum(1 for s in decided if s == "conforme") / len(decided)

    @property
    def conformite(self) -> str:
        """The legal wording: « totalement », « partiellement » or « non » conforme."""
        statuts = list(self.criteres_rgaa.values())
        if not statuts or self.resultats is None:
            return "non conforme"
        if all(s == "conforme" for s in statuts) and len(statuts) >= RGAA_CRITERES:
            return "totalement conforme"
        taux = self.taux or 0
        return "partiellement conforme" if taux >= 0.5 else "non conforme"


def lire(root: Path) -> Etat:
    """Read the results of the last test run and the hand checks of a project."""
    results_path = root / RESULTS
    resultats = json.loads(results_path.read_text(encoding="utf-8")) if results_path.is_file() else None
    manuelles = []
    manual_path = root / MANUAL
    if manual_path.is_file():
        for item in yaml.safe_load(manual_path.read_text(encoding="utf-8")) or []:
            statut = item.get("statut", "à vérifier")
            if statut not in STATUTS_MANUELS:
                raise ValueError(f"{MANUAL}: critère {item.get('critere')} : statut « {statut} » inconnu, attendu : {', '.join(STATUTS_MANUELS)}")
            manuelles.append(Verification(str(item["critere"]), item["intitule"], item["comment"], statut,
                                          item.get("date"), item.get("remarque")))
    return Etat(resultats, manuelles)
