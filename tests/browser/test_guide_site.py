"""The guide on the built site: propositions on their pages, reverse links, the filterable index."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from fabrique import loader

ROOT = Path(__file__).resolve().parents[2]
REVERSE = "Propositions du guide illustrées par"


def _soup(site: Path, url: str) -> BeautifulSoup:
    path = site / url / "index.html"
    assert path.is_file(), f"page absente : {url}"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _target(url: str, href: str) -> tuple[str, str]:
    """The page URL (from the site root) and anchor that a relative link of ``url`` reaches."""
    import posixpath

    path, _, anchor = href.partition("#")
    joined = posixpath.normpath(posixpath.join("/" + url, path)).lstrip("/")
    is_file = "." in joined.rsplit("/", 1)[-1]
    return (joined + "/" if joined and joined != "." and not is_file else joined), anchor


@pytest.fixture(scope="module")
def corpus():
    corpus, problems = loader.load(loader.Project.at(ROOT))
    assert not problems
    return corpus


def _items(corpus):
    return [*corpus.propositions.values(), *corpus.recommandations.values()]


def test_every_proposition_is_on_its_page_with_its_illustrations(built_site: Path, corpus) -> None:
    for item in _items(corpus):
        page_url = item.src_path[:-3] + "/"
        soup = _soup(built_site, page_url)
        heading = soup.find(id=item.id)
        assert heading is not None and heading.name in ("h2", "h3", "h4"), (item.id, page_url)
        assert heading.get_text(" ", strip=True).replace("¶", "").strip() == item.titre
        block = heading.find_parent("div")
        targets = {_target(page_url, a["href"])[0] for a in block.select("a[href]") if not a["href"].startswith("#")}
        for ressource in item.illustrations:
            assert ressource.url in targets, (item.id, ressource.id)
        for territoire in item.territoires:
            assert f"territoires/{territoire.id}/" in targets, (item.id, territoire.id)


def test_chapters_list_the_propositions_of_their_axes_and_keep_their_anchors(built_site: Path, corpus) -> None:
    """A chapter lists the titles of the propositions presented on its axes' pages; each entry keeps
    the proposition's id, so that a link to the chapter's anchor still lands on its title."""
    moved = [item for item in _items(corpus) if item.src_path != item.chapitre_src]
    assert {p.pilier for p in moved if hasattr(p, "pilier")} >= {"bifurcation", "democratie-economique", "humain"}
    for item in moved:
        chapter = item.chapitre_src[:-3] + "/"
        entry = _soup(built_site, chapter).find(id=item.id)
        assert entry is not None and entry.name == "li", (item.id, chapter)
        assert _target(chapter, entry.a["href"]) == (item.src_path[:-3] + "/", item.id)
        assert entry.a.get_text(strip=True) == item.titre
        page = _soup(built_site, item.src_path[:-3] + "/")
        back = {_target(item.src_path[:-3] + "/", a["href"])[0] for a in page.select("article a[href]")}
        assert chapter in back, f"{item.src_path} ne renvoie pas à son chapitre {chapter}"


def test_every_illustration_link_resolves_and_links_back(built_site: Path, corpus) -> None:
    checked = 0
    for item in _items(corpus):
        anchor_page = item.src_path[:-3] + "/"
        for url in [r.url for r in item.illustrations] + [f"territoires/{t.id}/" for t in item.territoires]:
            soup = _soup(built_site, url)
            section = next((h for h in soup.find_all("h2") if h.get_text().startswith(REVERSE)), None)
            assert section is not None, f"{url} : pas de section « {REVERSE} … »"
            links = [_target(url, a["href"]) for a in section.find_next("ul").select("a[href]")]
            assert (anchor_page, item.id) in links, (url, item.id, links)
            checked += 1
    assert checked >= 8


def test_pages_without_illustrated_proposition_have_no_reverse_section(built_site: Path, corpus) -> None:
    for territoire in corpus.territoires.values():
        text = _soup(built_site, f"territoires/{territoire.id}/").get_text()
        assert (REVERSE in text) == bool(territoire.propositions or territoire.recommandations), territoire.id


def test_every_link_of_the_guide_pages_resolves(built_site: Path, corpus) -> None:
    for ressource in corpus.ressources_of("guide") + []:
        url = ressource.url
        soup = _soup(built_site, url)
        for link in soup.select("article a[href]"):
            href = link["href"]
            if href.startswith(("http:", "https:", "#", "mailto:")):
                continue
            target, anchor = _target(url, href)
            if "." in target.rsplit("/", 1)[-1]:
                assert (built_site / target).is_file(), (url, href)
                continue
            page = _soup(built_site, target)
            if anchor:
                assert page.find(id=anchor) is not None, (url, href)


def test_index_lists_every_proposition_with_filters_and_no_js_fallback(built_site: Path, corpus) -> None:
    soup = _soup(built_site, "guide/propositions/")
    entries = soup.select("#liste-propositions li[data-competences]")
    assert len(entries) == len(corpus.propositions)
    by_title = {e.a.get_text(strip=True): e for e in entries}
    for proposition in corpus.propositions.values():
        entry = by_title[proposition.titre]
        assert entry["data-competences"].split() == proposition.competences
        assert _target("guide/propositions/", entry.a["href"]) == (proposition.src_path[:-3] + "/", proposition.id)
    form = soup.find("form", id="filtres-propositions")
    assert form.get("method") == "get" and form.find("button", type="submit"), "le formulaire s'envoie aussi sans JavaScript"
    for select in form.find_all("select"):
        assert soup.find("label", attrs={"for": select["id"]}) is not None
    assert not soup.select("article details a[href]"), "aucun lien dans un bloc replié : Tab doit les atteindre tous"
    hub_link = soup.find("a", string="par compétence et par thème")
    assert hub_link is not None, "sans JavaScript, l'index renvoie aux pages par compétence et par thème"
    hub_url, _ = _target("guide/propositions/", hub_link["href"])
    hub = _soup(built_site, hub_url)
    pages = {a.get_text(strip=True): _target(hub_url, a["href"])[0] for a in hub.select("article li a[href]")}
    mobilite = {(p.src_path[:-3] + "/", p.id) for p in corpus.propositions.values() if "mobilite" in p.competences}
    url = pages["Organisation des mobilités"]
    assert {_target(url, a["href"]) for a in _soup(built_site, url).select("article li a[href]")} == mobilite
    travail = {(p.src_path[:-3] + "/", p.id) for p in corpus.propositions.values() if "travail-emploi" in p.theme_ids}
    url = pages[corpus.themes["travail-emploi"].nom]
    assert {_target(url, a["href"]) for a in _soup(built_site, url).select("article li a[href]")} == travail


@pytest.mark.browser
def test_filters_narrow_the_list_by_competence_and_theme(page, site_url: str, corpus) -> None:
    page.goto(f"{site_url}/guide/propositions/")
    total = len(corpus.propositions)
    visible = page.locator("#liste-propositions li[data-competences]:visible")
    assert visible.count() == total
    page.get_by_label("Compétence mobilisée").select_option("mobilite")
    expected = [p for p in corpus.propositions.values() if "mobilite" in p.competences]
    assert visible.count() == len(expected)
    assert page.locator(".fabrique-filtres__compte").inner_text() == f"{len(expected)} propositions affichées sur {total}."
    page.get_by_label("Thème").select_option("travail-emploi")
    both = [p for p in expected if "travail-emploi" in p.theme_ids]
    assert visible.count() == len(both)
    assert "competence=mobilite" in page.url and "theme=travail-emploi" in page.url
    page.reload()
    assert visible.count() == len(both), "les filtres sont repris de l'adresse"
    headings = page.locator("#liste-propositions h2:visible")
    assert headings.count() == len({p.pilier for p in both})
    assert page.watch.console_errors == []
    assert page.watch.foreign_requests == []


def test_reverse_section_title_names_the_territory(built_site: Path) -> None:
    text = _soup(built_site, "territoires/gruissan/").get_text(" ")
    assert re.search(rf"{REVERSE}\s+Gruissan", text)
    text = _soup(built_site, "fiches/gruissan-station-sans-voiture/").get_text(" ")
    assert re.search(rf"{REVERSE}\s+ce projet pilote", text)


def test_unknown_part_in_a_macro_stops_the_build_with_a_clear_message(project: Path, tmp_path: Path) -> None:
    from conftest import run_mkdocs

    page = project / "docs/guide/vision.md"
    page.write_text(page.read_text(encoding="utf-8").replace('propositions("vision")', 'propositions("visio")'), encoding="utf-8")
    result = run_mkdocs(project, tmp_path / "site")
    assert result.returncode != 0
    line = next(i for i, text in enumerate(page.read_text(encoding="utf-8").splitlines(), 1) if 'propositions("visio")' in text)
    assert f"docs/guide/vision.md:{line}: propositions(« visio ») : partie inconnue du guide" in result.stderr
    assert "Traceback" not in result.stderr
