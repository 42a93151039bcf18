"""The filter forms of the map and of the guide's propositions have a submit button, « Filtrer »
(WCAG 3.2.2), that works without JavaScript: the form's GET puts the filters in the address,
which the page's script reads back to filter the list."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Formulaire:
    path: str
    select: str  # the field chosen
    name: str  # its name in the address
    value: str
    entries: str  # the entries the form filters
    kept: str | None  # those the value keeps, when the page says it (else: those left visible)


FORMULAIRES = [
    Formulaire("/carte/", "#filtre-type", "type", "commune", "#fabrique-carte-liste tbody tr", None),
    Formulaire("/guide/propositions/", "#filtre-competence", "competence", "mobilite",
               "#liste-propositions li[data-competences]", "#liste-propositions li[data-competences~='mobilite']"),
]


def _visible(page, selector: str) -> int:
    return sum(1 for element in page.locator(selector).all() if element.is_visible())


@pytest.mark.parametrize("formulaire", FORMULAIRES, ids=lambda f: f.path)
def test_without_javascript_filtrer_puts_the_filters_in_the_address(browser, site_url, formulaire: Formulaire) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{site_url}{formulaire.path}")
        page.select_option(formulaire.select, formulaire.value)
        with page.expect_navigation():
            page.get_by_role("button", name="Filtrer", exact=True).click()
        address = urlsplit(page.url)
        assert address.path == formulaire.path
        assert parse_qs(address.query)[formulaire.name] == [formulaire.value], page.url
    finally:
        context.close()


@pytest.mark.parametrize("formulaire", FORMULAIRES, ids=lambda f: f.path)
def test_with_javascript_filtrer_and_the_submitted_address_filter_the_list(page, site_url, formulaire: Formulaire) -> None:
    page.goto(f"{site_url}{formulaire.path}")
    total = page.locator(formulaire.entries).count()
    page.select_option(formulaire.select, formulaire.value)
    page.get_by_role("button", name="Filtrer", exact=True).click()
    kept = page.locator(formulaire.kept).count() if formulaire.kept else _visible(page, formulaire.entries)
    assert 0 < kept < total
    assert _visible(page, formulaire.entries) == kept
    assert parse_qs(urlsplit(page.url).query)[formulaire.name] == [formulaire.value]
    # The address a reader without JavaScript gets (every field, most of them empty) filters too.
    page.goto(f"{site_url}{formulaire.path}?{formulaire.name}={formulaire.value}&autre=&theme=&region=")
    assert _visible(page, formulaire.entries) == kept
    assert page.locator(formulaire.select).input_value() == formulaire.value
    assert not page.watch.console_errors
