"""Accessibility beyond axe, in Chromium, on one page of every gabarit of the build.

The checks are those of ``fabrique accessibilite`` (:mod:`fabrique.controles_accessibilite`):
they run once per page (a module fixture); each test then asserts one criterion and names the
page and the element. The build reads the committed results to write the « Déclaration
d'accessibilité »: a test fails when they are not those of this run (never rewrites them).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from fabrique import accessibilite
from fabrique import controles_accessibilite as controles

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def echantillon(built_site: Path) -> list[tuple[str, str]]:
    return controles.echantillon(built_site)


@pytest.fixture(scope="module")
def constats(browser, site_url, echantillon) -> dict[str, list[str]]:
    """Every check on one page of every gabarit, as ``fabrique accessibilite`` runs them."""
    if not (ROOT / controles.AXE).is_file():
        pytest.fail(f"{controles.AXE} est absent : lancez « bash .ci/setup test »")
    return controles.controler(browser, site_url, echantillon, ROOT / controles.AXE)


@pytest.mark.parametrize("critere", list(accessibilite.AUTOMATIQUES))
def test_every_gabarit_meets_the_criterion(constats: dict[str, list[str]], critere: str) -> None:
    rgaa, what = accessibilite.AUTOMATIQUES[critere]
    assert not constats[critere], f"RGAA {', '.join(rgaa)} — {what} :\n" + "\n".join(constats[critere])


def test_the_committed_results_are_those_of_this_run(constats, echantillon, browser) -> None:
    """The statement may only say what the checks show today: stale results fail, with the command to run."""
    committed = accessibilite.lire(ROOT).resultats
    fresh = controles.resultats(constats, echantillon, browser.version, ROOT, None)
    assert controles.sans_date(committed) == controles.sans_date(fresh), (
        f"{accessibilite.RESULTS} n'est plus à jour (la déclaration d'accessibilité dirait autre chose que les contrôles) : "
        "lancez « .venv/bin/fabrique accessibilite » et committez le fichier")


def test_the_statement_shows_the_committed_results(constats, built_site: Path) -> None:
    """The statement built from the results file names every automated check with its status."""
    etat = accessibilite.lire(ROOT)
    assert etat.resultats is not None
    for key, result in etat.automatiques:
        assert result["statut"] == ("non conforme" if constats[key] else "conforme")
    html = (built_site / "accessibilite" / "index.html").read_text(encoding="utf-8")
    assert "Déclaration d'accessibilité" in html
    assert "Défenseur des droits" in html
