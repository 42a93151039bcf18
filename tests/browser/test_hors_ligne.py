"""The offline copy: `fabrique build --offline` writes a zip of the site that works from disk."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, PageWatch, run_mkdocs

sys.path.insert(0, str(ROOT / "hooks"))
from fabrique import donnees, hors_ligne  # noqa: E402


def build_offline(site: Path) -> subprocess.CompletedProcess:
    """The documented command: fabrique build --offline."""
    return subprocess.run(
        [sys.executable, "-m", "fabrique.cli", "build", "--offline", "--site-dir", str(site)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")},
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("hors-ligne") / "site"
    result = build_offline(site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def unpacked(offline_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("decompresse")
    with zipfile.ZipFile(offline_site / hors_ligne.ZIP_PATH) as archive:
        archive.extractall(target)
    return target / hors_ligne.FOLDER_IN_ZIP


def test_home_page_links_the_zip_with_its_size_and_date(offline_site: Path) -> None:
    archive = offline_site / hors_ligne.ZIP_PATH
    assert archive.is_file()
    soup = BeautifulSoup((offline_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    link = soup.find("a", href=re.compile(r"fabrique-des-transitions\.zip$"))
    assert link is not None and (offline_site / link["href"]).resolve() == archive.resolve()
    paragraph = link.find_parent("p").get_text(" ", strip=True)
    assert donnees.taille_fr(archive.stat().st_size) in paragraph
    assert re.search(r"version du \d{1,2}(er)? [a-zéû]+ \d{4}", paragraph), paragraph


def test_a_build_without_the_option_has_no_zip(built_site: Path) -> None:
    assert not (built_site / "hors-ligne").exists()
    assert "Hors ligne" not in (built_site / "index.html").read_text(encoding="utf-8")


def test_zip_is_reproducible(offline_site: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(offline_site / hors_ligne.ZIP_PATH) as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names) and all(n.startswith(hors_ligne.FOLDER_IN_ZIP + "/") for n in names)
    assert len({i.date_time for i in infos}) == 1
    again = tmp_path / "site"
    assert build_offline(again).returncode == 0
    assert (again / hors_ligne.ZIP_PATH).read_bytes() == (offline_site / hors_ligne.ZIP_PATH).read_bytes()


def test_copy_uses_file_urls_and_loads_nothing_from_a_cdn(unpacked: Path) -> None:
    home = (unpacked / "index.html").read_text(encoding="utf-8")
    assert (unpacked / "territoires/gruissan.html").is_file()
    assert (unpacked / "search/search_index.js").is_file()
    assert (unpacked / hors_ligne.SHIM).is_file()
    sources = re.findall(r'<script[^>]+src="([^"]+)"', home)
    assert hors_ligne.SHIM in sources
    assert not [s for s in sources if s.startswith(("http:", "https:", "//"))]


def search_titles(page, query: str) -> list[str]:
    """Type a query in Material's search box (it listens to key strokes) and read the results."""
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(query, delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    return [t.strip() for t in page.locator(".md-search-result__item h1, .md-search-result__item h2").all_inner_texts()]


@pytest.mark.browser
def test_offline_copy_works_from_disk_in_chromium(unpacked: Path, browser) -> None:
    context = browser.new_context(locale="fr-FR", permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    watch = PageWatch(page, "file://")
    try:
        page.goto((unpacked / "index.html").as_uri())
        assert page.locator("article h1").inner_text().startswith("Le corpus partagé")
        # search (lunr index inlined for file://, worker through the local iframe shim)
        assert any("Gruissan" in title for title in search_titles(page, "Gruissan"))
        # a territory link, through the territories index
        page.keyboard.press("Escape")
        page.goto((unpacked / "territoires/index.html").as_uri())
        page.get_by_role("link", name="Gruissan", exact=True).first.click()
        page.wait_for_load_state()
        assert page.url.endswith("/territoires/gruissan.html")
        assert page.locator("article h1").inner_text().rstrip("¶") == "Gruissan"
        page.get_by_role("link", name="Le Vigan", exact=True).click()
        page.wait_for_load_state()
        assert page.locator("article h1").inner_text().rstrip("¶") == "Le Vigan"
        # citations: the copy button and the downloads of a pilot sheet
        page.goto((unpacked / "fiches/gruissan-station-sans-voiture.html").as_uri())
        page.get_by_role("button", name="Copier la citation").click()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert "Gruissan" in copied and copied == page.locator("#fabrique-citation-texte").inner_text().strip()
        for label in ("BibTeX", "RIS", "CSL-JSON"):
            href = page.get_by_role("link", name=label, exact=True).get_attribute("href")
            assert "gruissan-station-sans-voiture" in (unpacked / "fiches" / href).resolve().read_text(encoding="utf-8")
        page.get_by_role("link", name="Bibliographie de tout le corpus").click()
        page.wait_for_load_state()
        assert page.get_by_role("heading", level=1, name="Citer le corpus").is_visible()
        assert watch.foreign_requests == []
        assert watch.console_errors == []
    finally:
        context.close()


@pytest.mark.browser
def test_copy_uses_material_search_when_the_site_uses_another_engine(project: Path, tmp_path: Path, browser) -> None:
    """A site whose header has its own search (e.g. Pagefind, which needs a server) and no
    Material search plugin: the copy gets Material's search back, and it works from disk."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"  - search:\n(      .*\n)+", "", text)
    assert "  - search:" not in text
    text = text.replace("    - navigation.sections\n", "    - navigation.sections\n    - navigation.instant\n")
    assert "navigation.instant" in text
    config.write_text(text, encoding="utf-8")
    (project / "overrides/partials").mkdir(parents=True, exist_ok=True)
    (project / "overrides/partials/header.html").write_text(
        '<header class="md-header">{% include "partials/search.html" %}</header>\n', encoding="utf-8")
    (project / "overrides/partials/search.html").write_text('<div id="moteur-serveur">autre moteur</div>\n', encoding="utf-8")
    site = tmp_path / "site"
    result = run_mkdocs(project, site, env={"FABRIQUE_OFFLINE": "1"})
    assert result.returncode == 0, result.stderr
    assert "moteur-serveur" in (site / "index.html").read_text(encoding="utf-8")
    assert not list(project.glob(hors_ligne.COPY_CONFIG_PREFIX + "*"))
    target = tmp_path / "copie"
    with zipfile.ZipFile(site / hors_ligne.ZIP_PATH) as archive:
        archive.extractall(target)
    copy = target / hors_ligne.FOLDER_IN_ZIP
    assert "moteur-serveur" not in (copy / "index.html").read_text(encoding="utf-8")
    assert '"navigation.instant"' in (site / "index.html").read_text(encoding="utf-8")
    assert '"navigation.instant"' not in (copy / "index.html").read_text(encoding="utf-8")
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    watch = PageWatch(page, "file://")
    try:
        page.goto((copy / "territoires/index.html").as_uri())
        assert any("Le Vigan" in title for title in search_titles(page, "Vigan"))
        assert watch.foreign_requests == [] and watch.console_errors == []
    finally:
        context.close()


def test_every_internal_link_of_the_copy_opens_a_file(unpacked: Path) -> None:
    """From file:// a link to a folder shows a directory listing, not the page: every link
    and asset of the copy must name a file that exists, and no page loads a script or an
    image from another host (the online editor, which does, is left out)."""
    assert not (unpacked / "admin").exists()
    broken = []
    for page in sorted(unpacked.rglob("*.html")):
        if page.name == "404.html":  # served by a web server only, with root-relative links
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for element in soup.find_all(tag):
                target = element.get(attribute)
                if tag in ("script", "img") and target and re.match(r"^(https?:)?//", target):
                    broken.append(f"{page.relative_to(unpacked)} loads {target}")
                if not target or target.startswith(("#", "mailto:", "data:")) or re.match(r"^[a-z][a-z0-9+.-]*:", target):
                    continue
                path = target.split("#", 1)[0].split("?", 1)[0]
                if path and not (page.parent / path).resolve().is_file():
                    broken.append(f"{page.relative_to(unpacked)} -> {target}")
    assert broken == [], "\n".join(broken)


def test_copy_carries_the_same_open_data_release(offline_site: Path, unpacked: Path) -> None:
    published = sorted(p.relative_to(offline_site).as_posix() for p in (offline_site / "donnees").rglob("*") if p.suffix in (".csv", ".json", ".geojson", ".jsonld"))
    assert published
    for name in published:
        assert (unpacked / name).read_bytes() == (offline_site / name).read_bytes(), name


def test_links_to_folders_are_rewritten_to_page_files(tmp_path: Path) -> None:
    site = tmp_path / "copie"
    (site / "territoires").mkdir(parents=True)
    (site / "guide").mkdir()
    (site / "territoires/gruissan.html").write_text("<h1>Gruissan</h1>", encoding="utf-8")
    (site / "guide/index.html").write_text("<h1>Guide</h1>", encoding="utf-8")
    (site / "carte").mkdir()
    page = site / "carte/index.html"
    page.write_text(
        '<a href="../territoires/gruissan/">G</a><a href="../territoires/gruissan/#programmes-suivis">P</a>'
        '<a href="../guide/">Guide</a><a href="../">Accueil</a><a href="https://exemple.org/x/">E</a>'
        '<a href="../absent/">A</a><svg><a href="../territoires/gruissan/"><circle/></a></svg>',
        encoding="utf-8",
    )
    (site / "index.html").write_text("<h1>Accueil</h1>", encoding="utf-8")
    (site / "parcourir").mkdir()
    facet = site / "parcourir/a-z.html"
    facet.write_text('<a href="../../territoires/gruissan/">G</a><a href="../index.html">P</a><a href="../guide/index.html">I</a>', encoding="utf-8")
    assert hors_ligne.rewrite_folder_links(site) == 6
    # written for parcourir/a-z/ (directory URLs): one level too deep for parcourir/a-z.html
    assert facet.read_text(encoding="utf-8") == '<a href="../territoires/gruissan.html">G</a><a href="../index.html">P</a><a href="../guide/index.html">I</a>'
    assert page.read_text(encoding="utf-8") == (
        '<a href="../territoires/gruissan.html">G</a><a href="../territoires/gruissan.html#programmes-suivis">P</a>'
        '<a href="../guide/index.html">Guide</a><a href="../index.html">Accueil</a><a href="https://exemple.org/x/">E</a>'
        '<a href="../absent/">A</a><svg><a href="../territoires/gruissan.html"><circle/></a></svg>'
    )


@pytest.mark.browser
def test_svg_drawings_from_another_file_are_copied_into_the_page(tmp_path: Path, browser) -> None:
    site = tmp_path / "copie"
    (site / "carte").mkdir(parents=True)
    (site / "carte/fond.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">\n<g id="fond"><rect width="100" height="100" fill="#2e7d32"/></g>\n</svg>\n',
        encoding="utf-8")
    (site / "territoires").mkdir()
    page = site / "territoires/gruissan.html"
    page.write_text(
        '<!doctype html><html><body><svg viewBox="0 0 100 100" width="100" height="100"><use href="../carte/fond.svg#fond"/></svg>'
        '<svg viewBox="0 0 100 100" width="50" height="50"><use href="../carte/fond.svg#fond"/></svg></body></html>',
        encoding="utf-8")
    context = browser.new_context()
    tab = context.new_page()
    watch = PageWatch(tab, "file://")
    try:
        tab.goto(page.as_uri())
        assert watch.console_errors  # as built: file:// refuses the drawing of another file
        assert hors_ligne.inline_svg_uses(site) == 1
        text = page.read_text(encoding="utf-8")
        assert text.count('data-fabrique-copie="carte/fond.svg"') == 1 and text.count('href="#fond"') == 2
        watch.console_errors.clear()
        tab.goto(page.as_uri())
        assert watch.console_errors == []
        box = tab.locator("svg[width='100'] use").bounding_box()
        assert box is not None and box["width"] == pytest.approx(100, abs=1)
    finally:
        context.close()


@pytest.mark.browser
def test_explorer_filters_work_from_disk(unpacked: Path, browser) -> None:
    """From file:// (no fetch), the explorer reads corpus.js: filters, counts and links to .html pages."""
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    watch = PageWatch(page, "file://")
    try:
        page.goto((unpacked / "explorer/index.html").as_uri())
        page.wait_for_selector("[data-fabrique-explorer][data-pret]", timeout=10_000)
        assert page.locator("form.fabrique-explorer__filtres").is_visible()
        total = len(page.eval_on_selector_all(".fabrique-explorer__liste li", "els => els"))
        box = page.locator("input[name='type'][value='territoire']")
        box.check()
        keys = page.eval_on_selector_all(".fabrique-explorer__liste li", "els => els.map(e => e.dataset.cle)")
        assert keys and all(key.startswith("territoire:") for key in keys) and len(keys) < total
        assert page.inner_text(".fabrique-explorer__compte").startswith(f"{len(keys)} entrée")
        link = page.locator(".fabrique-explorer__liste li[data-cle='territoire:gruissan'] a")
        assert link.get_attribute("href") == "../territoires/gruissan.html"
        link.click()
        page.wait_for_load_state()
        assert page.url.endswith("/territoires/gruissan.html")
        assert page.locator("article h1").inner_text().rstrip("¶") == "Gruissan"
        assert watch.foreign_requests == []
        assert watch.console_errors == []
    finally:
        context.close()
