"""Site-wide audit in Chromium: one page of every gabarit of the build, and a sample of the rest.

The list of gabarits is the manifest the build writes (``fabrique-gabarits.json``): a new kind of
page is audited as soon as the build makes it. On each page: no serious or critical axe-core
violation of WCAG 2.1 A/AA, no request to another host than the local server, no console error.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, PageWatch
from fabrique import controles_accessibilite as controles
from fabrique import gabarits

pytestmark = pytest.mark.browser

AXE = ROOT / controles.AXE
BLOCKING = controles.BLOCKING
blocking = controles.blocking

#: Pages audited beyond the first page of every gabarit (a seeded draw).
SAMPLE = 8

#: The search: typed in the search box of the home page, audited with its results open.
SEARCH_QUERY = "transition"


def run_axe(tab) -> list[dict]:
    if not AXE.is_file():
        pytest.fail(f"{AXE} est absent : lancez « bash .ci/setup test » (npm ci dans tests/)")
    return controles.run_axe(tab, AXE)


@pytest.fixture(scope="module")
def tab(browser, site_url):
    """One tab reused for every audited page (a new page per URL would cost seconds each)."""
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.watch = PageWatch(page, site_url)
    yield page
    context.close()


@pytest.fixture(scope="module")
def manifeste(built_site: Path) -> gabarits.Manifeste:
    return gabarits.Manifeste.read(built_site)


def audit(tab, url: str, where: str) -> list[str]:
    tab.watch.console_errors.clear()
    tab.watch.foreign_requests.clear()
    response = tab.goto(url, wait_until="load")
    problems = []
    if response is None or response.status != 200:
        problems.append(f"{where}: réponse HTTP {response.status if response else 'absente'}")
    problems += blocking(run_axe(tab), where)
    problems += [f"{where}: requête vers un hôte tiers : {request}" for request in tab.watch.foreign_requests]
    problems += [f"{where}: erreur dans la console : {error}" for error in tab.watch.console_errors]
    return problems


def test_every_gabarit_and_a_sample_pass_axe_with_no_foreign_request_nor_console_error(tab, site_url, manifeste) -> None:
    sample = manifeste.echantillon(autres=SAMPLE)
    audited = {gabarit for gabarit, _ in sample}
    assert audited == set(manifeste.pages), f"gabarits sans page auditée : {sorted(set(manifeste.pages) - audited)}"
    problems = []
    for gabarit, url in sample:
        problems += audit(tab, f"{site_url}/{url}", f"/{url} [{gabarit}]")
    assert not problems, f"{len(problems)} problème(s) sur {len(sample)} pages :\n" + "\n".join(problems)


def test_search_results_pass_axe(tab, site_url) -> None:
    tab.watch.console_errors.clear()
    tab.watch.foreign_requests.clear()
    tab.goto(f"{site_url}/", wait_until="load")
    tab.get_by_role("button", name="Rechercher").first.click()
    field = tab.get_by_role("searchbox", name="Rechercher dans le corpus")
    field.wait_for(state="visible")
    tab.keyboard.type(SEARCH_QUERY, delay=20)
    results = tab.get_by_role("list", name="Résultats de la recherche").get_by_role("link")
    results.first.wait_for(state="visible", timeout=15_000)
    assert results.count() > 0
    where = f"/ [recherche « {SEARCH_QUERY} »]"
    problems = blocking(run_axe(tab), where)
    problems += [f"{where}: requête vers un hôte tiers : {request}" for request in tab.watch.foreign_requests]
    problems += [f"{where}: erreur dans la console : {error}" for error in tab.watch.console_errors]
    assert not problems, "\n".join(problems)
