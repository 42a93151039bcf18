"""Search in French (Pagefind): the quality set in Chromium, the payload, the keyboard."""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path

import pytest
import yaml

from fabrique import loader, recherche

from conftest import PageWatch, ROOT, serve

QUERIES = yaml.safe_load((Path(__file__).resolve().parents[1] / "recherche_requetes.yml").read_text(encoding="utf-8"))

#: Bytes a visitor may download from the search (script, engine, index chunks) before the first result.
PAYLOAD_LIMIT = 300_000


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def pages_containing(word: str) -> set[str]:
    corpus, _ = loader.load(loader.Project.at(ROOT))
    found = set()
    for ressource in corpus.ressources:
        text = (ROOT / "docs" / ressource.src_path).read_text(encoding="utf-8")
        if fold(word) in fold(text):
            found.add(ressource.url)
    return found


def search(page, query: str) -> tuple[str, list[str]]:
    """Type a query in the header's search and return its status and the result paths, in order."""
    dialog = page.locator(".fabrique-recherche__dialogue")
    if not dialog.evaluate("d => d.open"):
        page.keyboard.press("/")
    field = page.locator("#fabrique-recherche-requete")
    field.fill(query)
    page.wait_for_function(
        """q => { const s = document.getElementById('fabrique-recherche-statut').textContent;
                  return s.includes('« ' + q + ' »'); }""",
        arg=query,
    )
    status = page.inner_text("#fabrique-recherche-statut")
    hrefs = page.eval_on_selector_all(".fabrique-recherche__resultats a", "els => els.map(a => new URL(a.href).pathname)")
    return status, [h.lstrip("/") for h in hrefs]


def test_quality_set_is_large_enough():
    """At least 20 queries, some typed without their accents."""
    assert len(QUERIES) >= 20
    assert sum(1 for q in QUERIES if fold(q["requete"]) != q["requete"].casefold()) >= 5
    assert sum(1 for q in QUERIES if q["requete"] == fold(q["requete"])) >= 5


@pytest.mark.browser
def test_search_quality_set(page, site_url, built_site):
    """Every query of tests/recherche_requetes.yml finds its expected page in the first three results."""
    page.goto(f"{site_url}/")
    failures = []
    applicable = 0
    for item in QUERIES:
        query = item["requete"]
        if "contient" in item:
            expected = pages_containing(item["contient"])
            if not expected:
                continue  # the shipped corpus has no page on it yet
        else:
            expected = set(item["attendu"] if isinstance(item["attendu"], list) else [item["attendu"]])
            for url in expected:
                assert (built_site / url / "index.html").is_file(), f"page attendue absente du site : {url}"
        applicable += 1
        status, results = search(page, query)
        if not expected & set(results[:3]):
            failures.append(f"« {query} » : attendu {sorted(expected)}, trouvé {results[:3]} ({status})")
    assert not failures, "\n".join(failures)
    assert applicable >= 20
    assert not page.watch.console_errors and not page.watch.foreign_requests


@pytest.mark.browser
def test_search_payload_before_first_result(page, site_url):
    """What the search downloads before showing its first result stays under 300 KB."""
    sizes: dict[str, int] = {}
    page.goto(f"{site_url}/")
    page.wait_for_load_state("networkidle")
    page.on("response", lambda response: sizes.__setitem__(response.url, len(response.body())) if response.ok else None)
    status, results = search(page, "territoire")
    assert results
    assert any("/pagefind/" in url for url in sizes)
    assert sum(sizes.values()) <= PAYLOAD_LIMIT, sizes


@pytest.mark.browser
def test_search_is_keyboard_and_screen_reader_usable(page, site_url, built_site):
    assert not (built_site / "search" / "search_index.json").exists(), "l'index lunr de Material ne doit plus être produit"
    page.goto(f"{site_url}/territoires/")
    page.keyboard.press("/")
    dialog = page.get_by_role("dialog", name="Rechercher dans le corpus")
    assert dialog.is_visible()
    assert page.evaluate("document.activeElement.id") == "fabrique-recherche-requete"
    status, results = search(page, "gruissan")
    assert results and page.get_by_role("status").first.inner_text() == status
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('fabrique-recherche__titre')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site_url}/{results[0]}")
    page.keyboard.press("/")
    page.keyboard.press("Escape")
    assert not page.locator(".fabrique-recherche__dialogue").evaluate("d => d.open")


def test_themes_weigh_more_than_body_text_on_contributed_pages(built_site):
    """The themes of every resource carry a Pagefind weight, kept by the sanitiser of contributions."""
    from bs4 import BeautifulSoup

    corpus, _ = loader.load(loader.Project.at(ROOT))
    checked = 0
    for ressource in corpus.ressources:
        if not ressource.themes or ressource.type == "page":
            continue
        soup = BeautifulSoup((built_site / ressource.url / "index.html").read_text(encoding="utf-8"), "html.parser")
        weighted = soup.select_one("article [data-pagefind-weight]")
        assert weighted is not None, ressource.url
        assert {a.get_text() for a in weighted.select("a")} == {t.nom for t in ressource.themes}
        checked += 1
    assert checked


def test_words_the_index_leaves_out_do_not_weigh():
    """A bundle's weight is the words Pagefind indexes: not the lists it is told to ignore, nor scripts."""
    html = ('<h1>Trois mots ici</h1><div class="fabrique-liste" data-pagefind-ignore="all"><div><p>un deux</p></div>'
            '<ul><li>trois</li></ul></div><p>et <br/>encore <!-- pas ceci --> deux</p><script>var x = 1;</script><p>fin</p>')
    assert recherche.mots(html) == 7


def test_bundles_deal_the_pages_out_in_turn_under_the_budget():
    pages = [f"p{i:02d}/index.html" for i in range(10)]
    weights = {page: 100 for page in pages}
    assert recherche.lots(pages, weights, mots_par_lot=1000) == [pages]
    bundles = recherche.lots(pages, weights, mots_par_lot=300)
    assert len(bundles) == 4
    assert bundles[0] == ["p00/index.html", "p04/index.html", "p08/index.html"]
    assert sorted(page for bundle in bundles for page in bundle) == pages
    assert all(sum(weights[p] for p in bundle) <= 300 for bundle in bundles)


def _status(page, url: str, query: str) -> str:
    page.goto(url)
    return search(page, query)


@pytest.mark.browser
def test_search_merges_its_bundles(browser, built_site, site_url, tmp_path):
    """Indexed in three bundles, the site's search finds what the one-bundle search finds: the
    same number of results, « economie » without its accent, pages of every bundle."""
    split = tmp_path / "site"
    shutil.copytree(built_site, split)
    files = recherche.fichiers(split)
    budget = -(-len(files) // 3)  # one word a page: three bundles
    bundles = recherche.lots(files, dict.fromkeys(files, 1), budget)
    folders = recherche.index(split, dict.fromkeys(files, 1), mots_par_lot=budget)
    assert folders == ["pagefind", "pagefind-2", "pagefind-3"]
    assert json.loads((split / "pagefind/fabrique-lots.json").read_text()) == {"lots": ["pagefind-2/", "pagefind-3/"]}
    context = browser.new_context(locale="fr-FR")
    try:
        one, three = context.new_page(), context.new_page()
        with serve(split) as split_url:
            three.watch = PageWatch(three, split_url)
            found_in = set()
            for query in ("economie", "territoire", "Gruissan", "mobilité"):
                expected_status, _ = _status(one, f"{site_url}/", query)
                status, results = _status(three, f"{split_url}/", query)
                assert status == expected_status, query
                assert results
                found_in |= {i for i, bundle in enumerate(bundles) for url in results if f"{url}index.html" in bundle}
            assert found_in == {0, 1, 2}
            assert not three.watch.console_errors and not three.watch.foreign_requests
    finally:
        context.close()
