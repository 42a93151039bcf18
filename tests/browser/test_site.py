"""The site in a real browser: Debian's Chromium driven by Playwright."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_home_page_is_french_and_leads_to_every_kind(page, site_url) -> None:
    page.goto(site_url + "/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert "Fabrique des transitions" in page.title()
    for label in ["Les fondamentaux", "Les fiches projets pilotes", "Les retours d'expérience"]:
        assert page.get_by_role("link", name=label).count() >= 1
    assert page.watch.console_errors == []
    assert page.watch.foreign_requests == []


def test_search_finds_a_page_by_an_accented_french_word(page, site_url) -> None:
    page.goto(site_url + "/")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("searchbox", name="Rechercher dans le corpus").press_sequentially("balnéaire", delay=30)
    results = page.locator(".fabrique-recherche__resultats a")
    results.first.wait_for(timeout=15_000)
    hrefs = [results.nth(i).get_attribute("href") or "" for i in range(min(3, results.count()))]
    assert any("fiches/gruissan-station-sans-voiture" in href for href in hrefs), hrefs
    assert page.watch.console_errors == []
    assert page.watch.foreign_requests == []


def test_territory_page_links_to_its_programme(page, site_url) -> None:
    page.goto(site_url + "/territoires/gruissan/")
    page.get_by_role("link", name="Cohorte régionale Occitanie").first.click()
    page.wait_for_url("**/programmes/cohorte-occitanie/")
    assert page.locator("h1").inner_text().startswith("Cohorte régionale Occitanie")
    assert page.watch.foreign_requests == []
