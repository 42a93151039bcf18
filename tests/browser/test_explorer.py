"""The explorer: combined filters give exactly what the corpus model says; the URL restores them."""

from __future__ import annotations

import itertools
import json
from urllib.parse import parse_qs, urlparse

import pytest
from bs4 import BeautifulSoup

from fabrique.facettes import entrees, values_of
from fabrique.pages.explorateur import PREMIERES, VARIABLE


def test_plain_list_without_javascript(built_site, model):
    """Without JavaScript the page lists the first entries, in title order, and links to the
    A–Z and the indexes, which hold them all; the page stays light whatever the corpus size."""
    corpus, schemas = model
    html = (built_site / "explorer/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("form.fabrique-explorer__filtres").has_attr("hidden")
    items = soup.select(".fabrique-explorer__liste li")
    expected = [e.cle for e in entrees(corpus, schemas, natures=("ressource", "territoire"))]
    assert len(expected) > PREMIERES, "le corpus livré doit dépasser une page d'entrées"
    assert [li["data-cle"] for li in items] == expected[:PREMIERES]
    assert all(li.a and li.a["href"].startswith("../") for li in items)
    status = soup.select_one(".fabrique-explorer__compte")
    assert status["aria-live"] == "polite" and status.get_text(strip=True) == f"{len(expected)} entrées"
    note = soup.select_one(".fabrique-explorer__sans-script")
    links = {a["href"] for a in note.select("a")}
    assert {"../parcourir/a-z/", "../parcourir/"} <= links
    assert f"{PREMIERES} premières" in note.get_text() and str(len(expected)) in note.get_text()


def test_the_script_reads_the_index_from_a_script_file_too(built_site):
    """corpus.js (for file://, where fetch is refused) holds the same index as corpus.json."""
    data = json.loads((built_site / "explorer/corpus.json").read_text(encoding="utf-8"))
    script = (built_site / "explorer/corpus.js").read_text(encoding="utf-8")
    prefix = f"window.{VARIABLE}="
    assert script.startswith(prefix) and script.rstrip().endswith(";")
    assert json.loads(script[len(prefix):].rstrip().rstrip(";")) == data
    soup = BeautifulSoup((built_site / "explorer/index.html").read_text(encoding="utf-8"), "html.parser")
    sources = [s["src"] for s in soup.select("script[src]")]
    assert sources.index("corpus.js") < sources.index("../assets/fabrique-explorer.js")


def test_json_index_matches_the_model(built_site, model):
    corpus, schemas = model
    index = json.loads((built_site / "explorer/corpus.json").read_text(encoding="utf-8"))
    facets = [f["id"] for f in index["facettes"]]
    assert {"type", "theme", "programme", "region", "annee"} <= set(facets)
    by_key = {item["c"]: item for item in index["entrees"]}
    theme = index["facettes"][facets.index("theme")]
    for r in corpus.ressources:
        if r.type == "page":
            continue
        positions = by_key[f"ressource:{r.id}"]["f"][facets.index("theme")]
        assert sorted(theme["valeurs"][p][0] for p in positions) == sorted(r.theme_ids)
        assert by_key[f"ressource:{r.id}"]["u"] == r.url
        assert index["genres"][by_key[f"ressource:{r.id}"]["g"]]
    for t in corpus.territoires.values():
        assert by_key[f"territoire:{t.id}"]["u"] == f"territoires/{t.id}/"


def choose_pair(corpus, schemas):
    """Two values of two facets whose combination keeps some entries but fewer than either alone."""
    items = entrees(corpus, schemas, natures=("ressource", "territoire"))
    candidates = []
    for first, second in itertools.combinations(("type", "theme", "programme", "region", "annee"), 2):
        a_values = {v for e in items for v in values_of(corpus, first, e)}
        b_values = {v for e in items for v in values_of(corpus, second, e)}
        for a, b in itertools.product(sorted(a_values), sorted(b_values)):
            with_a = {e.cle for e in items if a in values_of(corpus, first, e)}
            with_b = {e.cle for e in items if b in values_of(corpus, second, e)}
            both = with_a & with_b
            if both and both != with_a and both != with_b:
                candidates.append((len(both), first, a, second, b, both))
    assert candidates, "le corpus ne permet aucune combinaison de deux filtres"
    return max(candidates, key=lambda c: c[0])[1:]


@pytest.mark.browser
def test_two_filters_give_the_model_entries_and_the_url_restores_them(page, site_url, model):
    corpus, schemas = model
    first, a, second, b, expected = choose_pair(corpus, schemas)
    page.goto(f"{site_url}/explorer/")
    page.wait_for_selector("[data-fabrique-explorer][data-pret]")
    for facet, value in ((first, a), (second, b)):
        toggle = page.locator(f"button[aria-controls='fx-valeurs-{facet}']")
        if toggle.get_attribute("aria-expanded") != "true":
            toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true"
        box = page.locator(f"input[name='{facet}'][value='{value}']")
        assert box.is_visible()
        box.focus()
        page.keyboard.press("Space")
        assert box.is_checked()
    visible = set(page.eval_on_selector_all(".fabrique-explorer__liste li:not([hidden])", "els => els.map(e => e.dataset.cle)"))
    assert visible == expected
    status = page.inner_text(".fabrique-explorer__compte")
    assert status.startswith(f"{len(expected)} entrée")
    query = parse_qs(urlparse(page.url).query)
    assert query[first] == [a] and query[second] == [b]

    page.goto(page.url)
    page.wait_for_selector("[data-fabrique-explorer][data-pret]")
    assert page.locator(f"input[name='{first}'][value='{a}']").is_checked()
    assert page.locator(f"input[name='{second}'][value='{b}']").is_checked()
    restored = set(page.eval_on_selector_all(".fabrique-explorer__liste li:not([hidden])", "els => els.map(e => e.dataset.cle)"))
    assert restored == expected
    assert not page.watch.console_errors and not page.watch.foreign_requests


@pytest.mark.browser
def test_counts_update_as_filters_combine(page, site_url, model):
    """Beside each value, the number of entries that choosing it would give with the other filters."""
    corpus, schemas = model
    first, a, second, b, expected = choose_pair(corpus, schemas)
    items = entrees(corpus, schemas, natures=("ressource", "territoire"))
    page.goto(f"{site_url}/explorer/?{first}={a}")
    page.wait_for_selector("[data-fabrique-explorer][data-pret]")
    label = page.locator(f"input[name='{second}'][value='{b}'] + label [data-compte]")
    assert label.text_content() == f"({len(expected)})"
    alone = sum(1 for e in items if a in values_of(corpus, first, e))
    assert page.locator(f"input[name='{first}'][value='{a}'] + label [data-compte]").text_content() == f"({alone})"


@pytest.mark.browser
def test_free_text_folds_accents(page, site_url, model):
    corpus, _ = model
    territoire = max(corpus.territoires.values(), key=lambda t: len(t.nom))
    folded = territoire.nom.lower().replace("é", "e").replace("è", "e").replace("ô", "o")
    page.goto(f"{site_url}/explorer/")
    page.wait_for_selector("[data-fabrique-explorer][data-pret]")
    page.fill("#fx-q", folded)
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') !== null")
    visible = page.eval_on_selector_all(".fabrique-explorer__liste li:not([hidden])", "els => els.map(e => e.dataset.cle)")
    assert f"territoire:{territoire.id}" in visible


@pytest.mark.browser
def test_script_shows_every_entry_a_hundred_at_a_time(page, site_url, model):
    """With JavaScript the list holds every entry, drawn from the index; « Afficher plus » adds the
    next ones and moves the focus to the first of them. A closed facet hides its boxes."""
    corpus, schemas = model
    expected = [e.cle for e in entrees(corpus, schemas, natures=("ressource", "territoire"))]
    page.goto(f"{site_url}/explorer/")
    page.wait_for_selector("[data-fabrique-explorer][data-pret]")
    assert not page.locator(".fabrique-explorer__sans-script").is_visible()
    shown = page.eval_on_selector_all(".fabrique-explorer__liste li", "els => els.map(e => e.dataset.cle)")
    assert shown == expected[:100]
    more = page.locator(".fabrique-explorer__plus button")
    if len(expected) > 100:
        rest = len(expected) - 100
        assert more.is_visible() and f"({rest} restante" in more.inner_text()
        more.click()
        shown = page.eval_on_selector_all(".fabrique-explorer__liste li", "els => els.map(e => e.dataset.cle)")
        assert shown == expected[:200]
        assert page.evaluate("() => document.activeElement.closest('li').dataset.cle") == expected[100]
    else:
        assert not more.is_visible()
    first = page.locator(".fabrique-explorer__liste li a").first
    first_title = page.locator(".fabrique-explorer__liste li a").first.inner_text()
    first_entry = next(e for e in entrees(corpus, schemas, natures=("ressource", "territoire")) if e.titre == first_title)
    assert first.get_attribute("href") == "../" + first_entry.objet.url
    toggle = page.locator("button[aria-controls='fx-valeurs-programme']")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator("#fx-programme-0").is_visible()
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true" and page.locator("#fx-programme-0").is_visible()
    assert not page.watch.console_errors and not page.watch.foreign_requests
