"""The map page in Chromium: markers, filters reflected in the URL, keyboard, no third party."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "tests" / "node_modules" / "axe-core" / "axe.min.js"

pytestmark = pytest.mark.browser


def territoires() -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "data" / "territoires").glob("*.yml"))]


def region(territoire: dict) -> str | None:
    """The région of a territory: its own field, else the one of its département."""
    with (ROOT / "data" / "geo" / "departements.csv").open(encoding="utf-8") as handle:
        regions = {row["code"]: row["region"] for row in csv.DictReader(handle)}
    if territoire["type"] == "region":
        return territoire.get("code")
    return territoire.get("region") or regions.get(territoire.get("departement", ""))


def years(territoire: dict) -> set[int]:
    """The years of a territory's participations (the programme's years when not given)."""
    found: set[int] = set()
    for participation in territoire.get("participations", []):
        programme = yaml.safe_load((ROOT / "data" / "programmes" / f"{participation['programme']}.yml").read_text(encoding="utf-8"))
        debut = participation.get("debut") or programme.get("debut")
        fin = participation.get("fin") or programme.get("fin") or datetime.date.today().year
        if debut:
            found.update(range(debut, max(debut, fin) + 1))
    return found


def visible_hrefs(page) -> list[str]:
    return sorted(a.get_attribute("href") for a in page.locator(".fabrique-carte__marqueurs a").all() if a.is_visible())


def href(territoire: dict) -> str:
    return f"../territoires/{territoire['id']}/"


def test_every_territory_has_a_marker(page, site_url) -> None:
    page.goto(f"{site_url}/carte/")
    assert page.locator(".fabrique-carte__marqueurs a").count() == len(territoires())
    assert visible_hrefs(page) == sorted(href(t) for t in territoires())
    # Each marker is the link of its row, named after its territory.
    pairs = page.evaluate("""() => [...document.querySelectorAll('.fabrique-carte__marqueurs a')].map(a => [a.getAttribute('href'), a.getAttribute('aria-label')])""")
    rows = page.evaluate("""() => [...document.querySelectorAll('#fabrique-carte-liste tbody tr a')].map(a => [a.getAttribute('href'), a.textContent])""")
    assert sorted(pairs) == sorted(rows)
    assert {t["nom"] for t in territoires()} == {name for _, name in pairs}
    assert page.locator("svg.fabrique-carte__svg").get_attribute("role") == "group"
    # ... and wraps the marker drawn at its territory's place: Yaoundé in the strip abroad
    # (y > 775), Loos-en-Gohelle at the top of metropolitan France.
    def position(identifier: str) -> tuple[float, float]:
        use = page.locator(f'.fabrique-carte__marqueurs a[href="../territoires/{identifier}/"] use')
        return float(use.get_attribute("x")), float(use.get_attribute("y"))
    assert position("yaounde-vi")[1] > 775
    assert position("loos-en-gohelle")[1] < 120
    assert page.locator("#fabrique-carte-statut").inner_text() == f"Tous les territoires sont affichés ({len(territoires())})."
    assert not page.watch.foreign_requests
    assert not page.watch.console_errors


def test_a_filter_hides_the_others_and_updates_the_url(page, site_url) -> None:
    page.goto(f"{site_url}/carte/")
    page.select_option("#filtre-type", "commune")
    communes = sorted(href(t) for t in territoires() if t["type"] == "commune")
    assert 0 < len(communes) < len(territoires())
    assert visible_hrefs(page) == communes
    assert page.url.endswith("/carte/?type=commune")
    rows = [r for r in page.locator("#fabrique-carte-liste tbody tr").all() if r.is_visible()]
    assert sorted(r.locator("a").get_attribute("href") for r in rows) == communes
    assert page.locator("#fabrique-carte-statut").inner_text() == f"{len(communes)} territoires affichés sur {len(territoires())}."
    page.get_by_role("button", name="Tout afficher").click()
    assert len(visible_hrefs(page)) == len(territoires())
    assert page.url.endswith("/carte/")


def test_a_shared_url_opens_the_filtered_map(page, site_url) -> None:
    page.goto(f"{site_url}/carte/?programme=villes-resilientes")
    expected = sorted(href(t) for t in territoires() if any(p["programme"] == "villes-resilientes" for p in t.get("participations", [])))
    assert expected and visible_hrefs(page) == expected
    assert page.locator("#filtre-programme").input_value() == "villes-resilientes"
    page.goto(f"{site_url}/carte/?region=76")
    occitanie = sorted(href(t) for t in territoires() if region(t) == "76")
    assert occitanie and visible_hrefs(page) == occitanie
    page.goto(f"{site_url}/carte/?annee=2021")
    assert visible_hrefs(page) == sorted(href(t) for t in territoires() if 2021 in years(t))
    assert not page.watch.foreign_requests


def test_keyboard_reaches_a_marker_and_opens_its_page(page, site_url) -> None:
    page.goto(f"{site_url}/carte/")
    for _ in range(100):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.fabrique-carte__marqueurs') !== null"):
            break
    else:
        pytest.fail("aucun repère de la carte n'est atteint au clavier")
    name = page.evaluate("document.activeElement.getAttribute('aria-label')")
    target = page.evaluate("document.activeElement.getAttribute('href')")
    assert page.locator(".fabrique-carte__survol").inner_text() == name
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/territoires/{target.split('/')[-2]}/")
    assert page.locator("h1").inner_text().rstrip("¶").strip() == name


def test_keyboard_can_skip_the_map(page, site_url) -> None:
    page.goto(f"{site_url}/carte/")
    for _ in range(100):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('fabrique-carte__saut')"):
            break
    else:
        pytest.fail("le lien pour passer la carte n'est pas atteint au clavier")
    assert page.evaluate("document.activeElement.textContent") == "Passer la carte : aller à la liste des territoires"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#fabrique-carte-liste') !== null")


def test_the_list_sorts_by_column(page, site_url) -> None:
    page.goto(f"{site_url}/carte/")
    page.get_by_role("button", name="Trier par territoire").click()
    names = page.locator("#fabrique-carte-liste tbody tr td:first-child").all_inner_texts()
    assert page.locator("#fabrique-carte-liste th").first.get_attribute("aria-sort") == "ascending"
    page.get_by_role("button", name="Trier par territoire").click()
    assert page.locator("#fabrique-carte-liste tbody tr td:first-child").all_inner_texts() == names[::-1]


def test_without_javascript_map_and_list_are_complete(browser, site_url) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{site_url}/carte/")
        # The whole map is drawn (one marker each) and the list carries every link.
        assert page.locator(".fabrique-carte__marqueurs use").count() == len(territoires())
        assert page.locator(".fabrique-carte__marqueurs use").first.is_visible()
        assert sorted(page.locator("#fabrique-carte-liste tbody tr a").evaluate_all("(links) => links.map(a => a.getAttribute('href'))")) == sorted(href(t) for t in territoires())
        # The filters stay, with their « Filtrer » button (tests/browser/test_formulaires.py submits them).
        assert page.locator("#fabrique-carte-filtres").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/carte/", "/territoires/loos-en-gohelle/", "/programmes/villes-resilientes/"])
def test_no_serious_accessibility_violation(page, site_url, path) -> None:
    assert AXE.is_file(), "axe-core absent de tests/node_modules : lancez « bash .ci/setup test » (npm ci dans tests/)"
    page.goto(f"{site_url}{path}")
    page.add_script_tag(path=str(AXE))
    # The map's own components; the theme's header and search are checked by the site-wide tests.
    result = page.evaluate(
        "axe.run({include: [['.fabrique-carte__figure'], ['#fabrique-carte-liste'], ['#fabrique-carte-filtres'],"
        " ['.fabrique-minicarte']]}, {resultTypes: ['violations']})"
    )
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]]) for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious
