"""Static checks of the whole built site, without a browser.

Links and anchors, titles, descriptions, language, ids, alternative texts, the sitemap,
the manifest of gabarits, valid HTML and CSS (W3C Nu checker), and the reproducibility of the build.
"""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT, run_mkdocs
from fabrique import gabarits, synthetique
from fabrique.pages.pagination import PAR_PAGE
from sitehtml import LINK_ATTRIBUTES, Site
import vnu

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

#: Big enough for every generated list to run over several pages.
SYNTHETIC_RESSOURCES = 3 * PAR_PAGE


@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped project plus a synthetic corpus whose lists are paginated."""
    folder = tmp_path_factory.mktemp("synthetique")
    synthetique.generer(ROOT, folder / "projet", ressources=SYNTHETIC_RESSOURCES, territoires=SYNTHETIC_RESSOURCES // 3)
    result = run_mkdocs(folder / "projet", folder / "site")
    assert result.returncode == 0, result.stderr
    return folder / "site"


@pytest.fixture(scope="module", params=["corpus livré", "corpus synthétique"])
def site(request: pytest.FixtureRequest) -> Site:
    root = request.getfixturevalue("built_site" if request.param == "corpus livré" else "synthetic_site")
    home = (root / "index.html").read_text(encoding="utf-8")
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', home)
    assert canonical, "la page d'accueil n'a pas de <link rel=\"canonical\"> : impossible de connaître l'adresse du site"
    return Site.read(root, canonical.group(1))


def test_every_page_has_a_title_a_description_and_french_language(site: Site) -> None:
    problems = []
    for page in site.pages.values():
        html = page.soup.find("html")
        if html is None or html.get("lang") != "fr":
            problems.append(f"{page.path}: <html lang> vaut {html.get('lang') if html else None!r}, attendu 'fr'")
        title = page.soup.find("title")
        if title is None or not title.get_text(strip=True):
            problems.append(f"{page.path}: <title> absent ou vide")
        description = page.soup.find("meta", attrs={"name": "description"})
        if description is None or len(description.get("content", "").strip()) < 20:
            problems.append(f"{page.path}: <meta name=\"description\"> absente ou trop courte")
    assert len(site.pages) > 10
    assert not problems, "\n".join(problems)


def test_titles_are_unique(site: Site) -> None:
    titles: dict[str, list[str]] = {}
    for page in site.pages.values():
        titles.setdefault(page.soup.find("title").get_text(strip=True), []).append(page.path)
    duplicates = {title: paths for title, paths in titles.items() if len(paths) > 1}
    assert not duplicates, "\n".join(f"<title>{title}</title> : {', '.join(paths)}" for title, paths in duplicates.items())


#: The one page allowed more than 50 KB: the map draws every territory (its own target: 300 KB
#: with 1,500 territories, measured by the benchmark).
HEAVY_PAGES = {"carte/index.html": 300 * 1024}


def test_long_lists_are_paginated_and_every_page_stays_under_50_kb(site: Site) -> None:
    heavy = [f"{page.path}: {(site.root / page.path).stat().st_size // 1024} Ko (au plus {limit // 1024} Ko)"
             for page in site.pages.values()
             if (site.root / page.path).stat().st_size > (limit := HEAVY_PAGES.get(page.path, 50 * 1024))]
    assert not heavy, "pages HTML trop lourdes :\n" + "\n".join(heavy)
    for page in site.pages.values():
        items = page.soup.select(".fabrique-liste > ul > li")
        assert len(items) <= PAR_PAGE, f"{page.path}: {len(items)} éléments sur une page (au plus {PAR_PAGE})"
        pagination = page.soup.select_one("nav.fabrique-pagination")
        if pagination is not None:
            current = pagination.select('[aria-current="page"]')
            assert len(current) == 1, f"{page.path}: la pagination doit marquer une page courante"


def test_no_duplicate_ids(site: Site) -> None:
    problems = []
    for page in site.pages.values():
        for value, count in Counter(page.ids).items():
            if count > 1:
                problems.append(f"{page.path}: id=\"{value}\" apparaît {count} fois")
    assert not problems, "\n".join(problems)


def test_every_image_has_an_alt_attribute(site: Site) -> None:
    problems = [
        f"{page.path}: <img src=\"{img.get('src')}\"> sans attribut alt"
        for page in site.pages.values()
        for img in page.soup.find_all("img")
        if img.get("alt") is None
    ]
    assert not problems, "\n".join(problems)


def test_no_broken_internal_link_or_anchor(site: Site) -> None:
    problems = []
    checked = 0
    for page in site.pages.values():
        for tag_name, attribute in LINK_ATTRIBUTES.items():
            for tag in page.soup.find_all(tag_name, attrs={attribute: True}):
                reference = tag[attribute]
                if reference.startswith(("mailto:", "tel:", "data:", "javascript:")):
                    continue
                target = site.target(page, reference)
                if target is None:
                    continue
                checked += 1
                path, fragment = target
                if not (site.root / path).is_file():
                    problems.append(f"{page.path}: <{tag_name} {attribute}=\"{reference}\"> : {path} n'existe pas")
                elif fragment and path.endswith(".html") and path in site.pages and fragment not in site.pages[path].anchors:
                    problems.append(f"{page.path}: <{tag_name} {attribute}=\"{reference}\"> : ancre #{fragment} absente de {path}")
    assert checked > 100, f"seulement {checked} liens internes vérifiés : le site a-t-il été construit ?"
    assert not problems, "\n".join(problems)


def test_sitemap_lists_every_page_and_only_pages(site: Site) -> None:
    raw = (site.root / "sitemap.xml").read_bytes()
    tree = ET.fromstring(raw)
    assert tree.tag == f"{SITEMAP_NS}urlset"
    entries = tree.findall(f"{SITEMAP_NS}url")
    locations = []
    for entry in entries:
        loc = entry.findtext(f"{SITEMAP_NS}loc")
        assert loc and loc.startswith(site.site_url), f"sitemap.xml : <loc>{loc}</loc> hors du site {site.site_url}"
        lastmod = entry.findtext(f"{SITEMAP_NS}lastmod")
        assert lastmod is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", lastmod), f"sitemap.xml : <lastmod>{lastmod}</lastmod> n'est pas une date"
        locations.append(loc[len(site.site_url):])
    assert len(locations) == len(set(locations)), "sitemap.xml : adresses en double"
    pages = {page.url for page in site.pages.values() if page.path != "404.html"}
    assert set(locations) == pages, (
        f"absentes du sitemap : {sorted(pages - set(locations))} ; sans page : {sorted(set(locations) - pages)}"
    )
    assert gzip.decompress((site.root / "sitemap.xml.gz").read_bytes()) == raw


def test_manifest_lists_every_page_under_a_gabarit(site: Site) -> None:
    manifeste = gabarits.Manifeste.read(site.root)
    assert gabarits.SANS_GABARIT not in manifeste.pages, f"pages sans gabarit : {manifeste.pages[gabarits.SANS_GABARIT]}"
    listed = manifeste.urls
    assert len(listed) == len(set(listed)), "une page figure sous deux gabarits"
    assert set(listed) == {page.url for page in site.pages.values()}
    # Every kind of page the corpus model knows has its gabarit in the manifest.
    for expected in ("page-accueil", "territoire", "index-territoires", "programme", "index-programmes", gabarits.ERREUR_404):
        assert expected in manifeste.pages, f"gabarit {expected} absent de {gabarits.MANIFEST}"
    paged = [url for url in listed if "/pages/" in url]
    if "synthetique" in str(site.root):
        assert paged and "programme-ressources" in manifeste.pages, "le corpus synthétique devrait avoir des listes paginées"


def test_every_page_is_valid_html_and_the_css_has_only_the_allowed_unknown_properties(site: Site) -> None:
    """The W3C Nu checker, run once on the whole site (RGAA criterion 8.2)."""
    problems = vnu.errors(site.root)
    assert not problems, f"{len(problems)} erreurs du validateur W3C :\n" + "\n".join(problems[:200])


def test_the_html_checker_reports_an_invalid_page_and_an_unlisted_css_property(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text(
        '<!doctype html><html lang="fr"><head><title>Page</title></head><body>\n'
        '<label class="md-nav__link" for="absent" tabindex="">Menu</label></body></html>', encoding="utf-8")
    (tmp_path / "assets" / "carte.css").write_text("use { paint-order: stroke; }\nrect { rx: 2px; }\n", encoding="utf-8")
    problems = vnu.errors(tmp_path)
    assert any(re.match(r"page/index\.html:\d+: Bad value “” for attribute “tabindex”", p) for p in problems), problems
    assert any(re.match(r"page/index\.html:\d+: The value of the “for” attribute", p) for p in problems), problems
    assert "assets/carte.css:2: CSS: “rx”: Property “rx” doesn't exist." in problems, problems
    assert not any("paint-order" in p for p in problems), problems


REBUILD_ON_ANOTHER_DAY = """
import sys
from datetime import datetime, timezone
import mkdocs.utils
mkdocs.utils.get_build_datetime = lambda: datetime(2031, 7, 14, 12, 0, tzinfo=timezone.utc)
from mkdocs.__main__ import cli
cli(["build", "--strict", "--quiet", "--site-dir", sys.argv[1]])
"""


def rebuild(site: Path, *, another_day: bool, seed: str) -> None:
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    env.update({"NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": seed})
    script = REBUILD_ON_ANOTHER_DAY if another_day else REBUILD_ON_ANOTHER_DAY.replace("mkdocs.utils.get_build_datetime =", "_ =")
    result = subprocess.run([sys.executable, "-c", script, str(site)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_two_builds_of_the_same_commit_are_byte_identical(tmp_path: Path) -> None:
    """Two builds in two folders, the second on another day (clock moved to 2031), with other hash seeds."""
    first, second = tmp_path / "premier", tmp_path / "second"
    rebuild(first, another_day=False, seed="1")
    rebuild(second, another_day=True, seed="4242")
    first_files = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    second_files = sorted(p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file())
    assert first_files == second_files
    different = [name for name in first_files if (first / name).read_bytes() != (second / name).read_bytes()]
    assert not different, f"fichiers différents d'une construction à l'autre : {different[:20]}"
    assert "2031" not in (second / "sitemap.xml").read_text(encoding="utf-8")
