"""One rule for each fact: the same answer wherever the site shows it."""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

from bs4 import BeautifulSoup

from fabrique import loader
from fabrique.model import HORS_DE_FRANCE, Corpus, Participation, Programme, Territoire, annees


def _soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_an_open_participation_runs_to_the_reference_year() -> None:
    programme = Programme(id="cohorte", nom="Cohorte", dispositif="cohorte", debut=2021, description="…")
    ferme = Programme(id="appui", nom="Appui", dispositif="appui", debut=2022, fin=2023, description="…")
    territoire = Territoire(id="t", nom="T", type="commune")
    territoire.programmes = [(programme, Participation("cohorte")), (ferme, Participation("appui")),
                             (programme, Participation("cohorte", debut=2019, fin=2020))]
    assert territoire.periodes(2026) == [(2019, 2020), (2021, 2026), (2022, 2023)]
    assert annees(territoire.periodes(2026)) == set(range(2019, 2027))
    assert programme.periodes(2026) == [(2021, 2026)]
    assert Programme(id="x", nom="X", dispositif="chantier", debut=None, description="…").periodes(2026) == []


def test_abroad_is_one_rule() -> None:
    corpus = Corpus()
    assert corpus.a_l_etranger(Territoire(id="a", nom="A", type="etranger"))
    assert corpus.a_l_etranger(Territoire(id="b", nom="B", type="autre", pays="Belgique"))
    assert not corpus.a_l_etranger(Territoire(id="c", nom="C", type="commune", region="76"))


def _years_pages(site: Path) -> dict[str, set[str]]:
    """Year -> URLs (from the site root) of the territories listed on /parcourir/annees/<year>/ and its pages."""
    found: dict[str, set[str]] = {}
    for index in (site / "parcourir/annees").glob("*/index.html"):
        year = index.parent.name
        pages = [index, *sorted((index.parent / "pages").glob("*/index.html"))]
        for page in pages:
            base = "/" + page.relative_to(site).parent.as_posix() + "/"
            for a in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("article a[href]"):
                target = urllib.parse.urljoin(base, a["href"]).split("#")[0].lstrip("/")
                if target.startswith("territoires/") and target != "territoires/":
                    found.setdefault(year, set()).add(target)
    return found


def test_the_map_and_the_year_pages_give_each_territory_the_same_years(built_site: Path) -> None:
    by_year = _years_pages(built_site)
    # lxml reads the list as a browser does: its rows and cells omit their end tags
    page = (built_site / "carte/index.html").read_text(encoding="utf-8")
    rows = BeautifulSoup(page, "lxml").select("#fabrique-carte-liste tbody tr")
    assert rows
    checked = 0
    for row in rows:
        link = row.find("a")
        url = urllib.parse.urljoin("/carte/", link["href"]).lstrip("/")
        cell = row.find_all("td")[-1].get_text()
        on_map = {str(y) for a, b in re.findall(r"(\d{4})(?:–(\d{4}))?", cell) for y in range(int(a), int(b or a) + 1)}
        on_pages = {year for year, urls in by_year.items() if url in urls}
        assert on_map == on_pages, (link.get_text(), sorted(on_map), sorted(on_pages))
        checked += bool(on_map)
    assert checked > 10


def test_the_map_filter_and_the_region_facet_name_abroad_alike(built_site: Path, model) -> None:
    corpus, _ = model
    if not any(corpus.a_l_etranger(t) for t in corpus.territoires.values()):
        return
    options = [o["value"] for o in _soup(built_site, "carte").select("#filtre-region option")]
    assert HORS_DE_FRANCE in options
    assert (built_site / f"parcourir/regions/{HORS_DE_FRANCE}/index.html").is_file()


def test_a_draft_is_a_draft_however_its_status_is_quoted(tmp_path: Path) -> None:
    cases = {
        "simple.md": ("---\nid: a\nstatut: brouillon\n---\nTexte\n", True),
        "guillemets.md": ('---\nid: b\nstatut: "brouillon"\n---\nTexte\n', True),
        "apostrophes.md": ("---\nid: c\nstatut:   'brouillon'   # à relire\n---\nTexte\n", True),
        "texte.md": ("---\nid: d\nresume: « statut: brouillon » est un exemple\n---\nTexte\n", False),
        "publie.md": ("---\nid: e\nstatut: esquisse\n---\nstatut: brouillon\n", False),
        "sans-en-tete.md": ("statut: brouillon\n", False),
    }
    for name, (text, _) in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert {name: loader.is_draft_page(tmp_path / name) for name in cases} == {name: draft for name, (_, draft) in cases.items()}
