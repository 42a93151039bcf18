"""The home page, the listings as cards and the printed pages, as a visitor sees them.

The screenshots of the home page (1280 and 390 px wide) go to the test's temporary folder, or to
the folder named by ``FABRIQUE_CAPTURES`` (see the README, « Page d'accueil »).
"""

from __future__ import annotations

import os
import posixpath
import struct
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from fabrique import accueil
from fabrique.pages.nouveautes import dated
from fabrique.render import Renderer

ROOT = Path(__file__).resolve().parents[2]


def soup_of(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def resolves(site: Path, page_url: str, href: str) -> bool:
    """A relative link of the page at ``page_url`` leads to a file of the built site."""
    target = posixpath.normpath(posixpath.join(page_url or ".", href.split("#")[0].split("?")[0]))
    path = site / target
    return (path / "index.html").is_file() if href.split("?")[0].endswith("/") or path.is_dir() else path.is_file()


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} n'est pas une image PNG"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def home(built_site):
    return soup_of(built_site, "").select_one("article")


def test_home_has_the_four_entries_by_need_and_their_links_resolve(built_site, home):
    entries = home.select(".fabrique-accueil-entrees li")
    texts = [li.get_text(" ", strip=True) for li in entries]
    for need in ("Vous êtes élu·e ou agent", "Vous cherchez une expérience", "Vous voulez contribuer", "Vous voulez réutiliser"):
        assert any(t.startswith(need) for t in texts), f"entrée « {need} » absente de l'accueil : {texts}"
    expected = {0: {"guide/", "guide/recommandations/"}, 1: {"fiches/", "retours/", "parcourir/themes/", "parcourir/regions/"},
                2: {"esquisses/", "contribuer/"}, 3: {"donnees/", "citations/"}}
    for index, hrefs in expected.items():
        found = {a["href"] for a in entries[index].select("a")}
        assert hrefs <= found, f"{texts[index]} : liens {found}, attendus {hrefs}"
    broken = [a["href"] for li in entries for a in li.select("a") if not resolves(built_site, "", a["href"])]
    assert not broken, f"liens morts dans les entrées de l'accueil : {broken}"


def test_the_sketches_page_lists_every_sketch_with_its_badge(built_site, model):
    corpus, _ = model
    expected = accueil.esquisses(corpus)
    assert expected, "le corpus livré contient des esquisses"
    soup = soup_of(built_site, "esquisses")
    cards = soup.select("article .fabrique-vignettes > li")
    assert len(cards) == min(len(expected), 30)
    assert all(card.select_one(".fabrique-badge-esquisse").get_text(strip=True) == "Esquisse" for card in cards)
    count = str(len(expected))
    assert count in soup_of(built_site, "").select_one(".fabrique-accueil-entrees").get_text(" ")


def test_home_map_is_a_static_svg_picture_with_alt_text_linking_to_the_map(built_site, home, model):
    corpus, _ = model
    link = home.select_one(".fabrique-accueil-carte a")
    assert link is not None and link["href"] == "carte/"
    image = link.select_one("img")
    assert image["src"] == "carte/apercu.svg"
    assert f"Carte des territoires documentés ({len(corpus.territoires)} territoires)" in image["alt"]
    svg = (built_site / "carte" / "apercu.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and svg.count("<circle") == sum(1 for t in corpus.territoires.values() if t.position)
    assert "href=" not in svg and "http://" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', ""), \
        "l'image de la carte ne doit charger aucun autre fichier"


def test_home_key_figures_show_their_source_and_link_to_the_figures_page(built_site, home, model):
    corpus, _ = model
    figures = home.select(".fabrique-chiffres-cles li")
    assert len(figures) == 4
    for li in figures:
        source = li.select_one(".fabrique-chiffres-cles__source").get_text(" ", strip=True)
        assert source.startswith("Source :") and len(source) > len("Source : ")
        assert li.select_one("a")["href"].startswith("en-chiffres/") and resolves(built_site, "", li.select_one("a")["href"])
    texts = [li.get_text(" ", strip=True) for li in figures]
    declared = next(c for c in corpus.chiffres if c.id == "territoires-accompagnes")
    assert texts[0].startswith(f"{int(declared.valeur)} {declared.libelle}") and declared.source["document"] in texts[0]
    assert texts[1].startswith(f"{len(corpus.programmes)} programmes")


def test_an_unknown_figure_names_what_is_expected(model):
    corpus, _ = model
    with pytest.raises(ValueError, match=r"chiffres_cles\(« inconnu »\) : ni un chiffre de data/chiffres.yml"):
        accueil.chiffre_cle(corpus, "inconnu")


def test_home_lists_the_five_latest_resources_in_the_order_of_nouveautes(built_site, home, model):
    corpus, schemas = model
    cards = home.select(".fabrique-vignettes > li")
    assert len(cards) == 5
    renderer = Renderer(ROOT / "overrides" / "fabrique", corpus, schemas, docs_dir=ROOT / "docs")
    latest = [r.titre for _, r in dated(corpus, renderer)[:5]]
    assert [c.select_one("a").get_text(strip=True) for c in cards] == latest
    news = soup_of(built_site, "nouveautes").select("article table tbody tr td a")
    assert [a.get_text(strip=True) for a in news[:5]] == latest
    broken = [a["href"] for c in cards for a in c.select("a") if not resolves(built_site, "", a["href"])]
    assert not broken, broken


def test_kind_indexes_facet_pages_and_territories_show_cards_with_the_sketch_badge(built_site, model):
    corpus, schemas = model
    sketch = next(r for r in corpus.ressources if r.type == "fiche-projet-pilote" and r.statut == "esquisse" and r.territoires and r.programmes)
    kinds = schemas.labels("ressource", "type")
    theme = sketch.themes[0].id
    territoire, programme = f"territoires/{sketch.territoires[0].id}", f"programmes/{sketch.programmes[0].id}"
    for url in ("fiches", f"parcourir/themes/{theme}", territoire, programme):
        soup = soup_of(built_site, url)
        card = next((li for li in soup.select("article .fabrique-vignettes > li")
                     if li.select_one("a").get_text(strip=True) == sketch.titre), None)
        assert card is not None, f"{url} : pas de vignette pour « {sketch.titre} »"
        text = card.get_text(" ", strip=True)
        assert kinds[sketch.type] in text and str(sketch.annee) in text, text
        lines = [span.get_text(" ", strip=True) for span in card.find_all("span", recursive=False)]
        named = {line.split(" : ")[0].rstrip("s"): line for line in lines[1:]}
        # a card does not name the page it is on
        assert (sketch.territoires[0].nom in named.get("Territoire", "")) == (url != territoire), lines
        assert (sketch.programmes[0].nom in named.get("Programme", "")) == (url != programme), lines
        assert card.select_one(".fabrique-badge-esquisse").get_text(strip=True) == "Esquisse"
    assert not soup_of(built_site, "parcourir/a-z").select(".fabrique-vignettes"), "l'index de A à Z reste une liste simple"


def test_territory_and_programme_pages_open_with_what_a_visitor_wants(built_site, model):
    corpus, _ = model
    territoire = next(t for t in corpus.territoires.values() if t.programmes and t.ressources and t.code)
    headings = [h.get_text(strip=True).rstrip("¶") for h in soup_of(built_site, f"territoires/{territoire.id}").select("article h2")]
    assert headings.index("Programmes suivis") < headings.index("Ressources sur ce territoire") < headings.index("Fiche d'identité")
    programme = next(p for p in corpus.programmes.values() if len(p.territoires) > 1 and any(r.type == "fiche-projet-pilote" for r in p.ressources))
    article = soup_of(built_site, f"programmes/{programme.id}").select_one("article")
    blocks = [el for el in article.select("h2, figure.fabrique-minicarte, .fabrique-carte-identite")]
    names = [el.get_text(strip=True).rstrip("¶") if el.name == "h2" else el["class"][0] for el in blocks]
    assert names[:4] == ["Territoires", "fabrique-minicarte", "Projets pilotes et ressources", "En bref"], names
    first = article.select(".fabrique-vignettes > li")[0].select_one("span").get_text(" ", strip=True)
    assert first.startswith("Fiche projet pilote"), "les fiches projets pilotes d'un programme viennent en premier"


@pytest.mark.browser
def test_home_captures_at_1280_and_390_px(browser, site_url, tmp_path):
    folder = Path(os.environ.get("FABRIQUE_CAPTURES") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(f"{site_url}/")
        page.wait_for_function("document.querySelector('.fabrique-accueil-carte img').complete")
        assert page.evaluate("document.querySelector('.fabrique-accueil-carte img').naturalWidth") > 0, "l'image de la carte ne s'affiche pas"
        for selector in (".fabrique-accueil-recherche input", ".fabrique-accueil-entrees li", ".fabrique-accueil-carte img",
                         ".fabrique-chiffres-cles li", ".fabrique-vignettes > li"):
            assert page.locator(selector).first.is_visible(), f"{selector} invisible à {width} px"
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"défilement horizontal à {width} px"
        target = folder / f"accueil-{width}.png"
        page.screenshot(path=str(target), full_page=True)
        context.close()
        assert png_size(target)[0] == width


@pytest.mark.browser
def test_the_home_search_field_opens_the_site_search_on_its_words(page, site_url):
    page.goto(f"{site_url}/")
    field = page.locator("#fabrique-accueil-requete")
    field.fill("Gruissan")
    field.press("Enter")
    dialog = page.locator("dialog.fabrique-recherche__dialogue")
    dialog.wait_for(state="visible")
    assert page.input_value("#fabrique-recherche-requete") == "Gruissan"
    page.wait_for_selector("#fabrique-recherche-resultats li a")
    assert "gruissan" in page.locator("#fabrique-recherche-resultats li a").first.get_attribute("href")
    assert page.url == f"{site_url}/", "la recherche s'ouvre sur la page, sans la quitter"
    assert not page.watch.foreign_requests and not page.watch.console_errors


@pytest.mark.browser
def test_without_javascript_the_home_search_opens_the_filtered_explorer(browser, site_url):
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/")
    page.fill("#fabrique-accueil-requete", "mobilité")
    page.locator(".fabrique-accueil-recherche button").click()
    page.wait_for_url("**/explorer/?q=*")
    assert page.locator("h1").inner_text().startswith("Explorateur")
    context.close()


@pytest.mark.browser
def test_explorer_results_are_cards_with_the_sketch_badge(page, site_url, model):
    corpus, _ = model
    sketch = next(r for r in corpus.ressources if r.statut == "esquisse" and r.territoires)
    page.goto(f"{site_url}/explorer/?q=" + sketch.titre.split(" ")[0])
    page.wait_for_selector("[data-fabrique-explorer][data-pret]")
    card = page.locator(f".fabrique-explorer__liste li[data-cle='ressource:{sketch.id}']")
    assert card.locator("xpath=..").get_attribute("class").split()[-1] == "fabrique-vignettes"
    assert card.locator(".fabrique-badge-esquisse").inner_text() == "Esquisse"
    assert sketch.territoires[0].nom in card.inner_text()
    page.set_viewport_size({"width": 320, "height": 700})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


PRINTED_HIDDEN = (".md-header", ".md-sidebar--primary", ".md-footer", ".md-content__button", "button", ".fabrique-recherche")


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["ressource", "territoire", "programme"])
def test_a_printed_page_gives_content_sources_and_citation_without_navigation(page, site_url, model, kind):
    corpus, _ = model
    if kind == "ressource":
        item = next(r for r in corpus.ressources if r.type == "fiche-projet-pilote" and r.sources)
        url, citation = item.url, ".fabrique-citer"
    elif kind == "territoire":
        item = next(t for t in corpus.territoires.values() if t.ressources)
        url, citation = item.url, ".fabrique-imprime"
    else:
        item = next(p for p in corpus.programmes.values() if p.ressources)
        url, citation = item.url, ".fabrique-imprime"
    page.goto(f"{site_url}/{url}")
    assert not page.locator(".fabrique-imprime").is_visible(), "la mention d'impression n'apparaît qu'à l'impression"
    page.emulate_media(media="print")
    for selector in PRINTED_HIDDEN:
        for element in page.locator(selector).all():
            assert not element.is_visible(), f"{url} imprimé : {selector} reste visible"
    assert page.locator("article h1").is_visible()
    assert page.locator(citation).is_visible(), f"{url} imprimé : pas de citation ({citation})"
    if kind == "ressource":
        assert page.locator("#fabrique-citation-texte").inner_text().strip()
        assert page.locator(".fabrique-contexte").is_visible()
    else:
        assert site_url in page.locator(citation).inner_text() or "/" + url in page.locator(citation).inner_text()
        assert page.locator("article .fabrique-vignettes > li").first.is_visible()
