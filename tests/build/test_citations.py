"""« Citer cette ressource »: the French citation and the BibTeX, RIS and CSL-JSON downloads,
read back with real clients (bibtexparser, rispy, citeproc-py) on every citable resource."""

from __future__ import annotations

import re
import subprocess
import textwrap
from pathlib import Path

import pytest

from citables import (
    ROOT,
    PageCitable,
    corpus_of,
    load_csl,
    pages_citables,
    parse_bibtex,
    parse_ris,
    render_csl,
    site_config,
)
from conftest import run_mkdocs
from fabrique import loader
from fabrique.citations import Licence, licence
from fabrique.schemas import Schemas

CITABLE = sorted(r.id for r in corpus_of(ROOT).ressources if r.citable)


def test_the_shipped_corpus_has_citable_resources_of_every_contributed_kind():
    kinds = {r.type for r in corpus_of(ROOT).ressources if r.citable}
    assert {"fondamental", "fiche-projet-pilote", "retour-experience", "mise-en-recits"} <= kinds


@pytest.fixture(scope="module")
def pages(built_site: Path) -> dict[str, PageCitable]:
    return {p.ressource.id: p for p in pages_citables(built_site)}


def expected_year(page: PageCitable) -> str | None:
    """The year the content gives (``date``, else ``annee``); none is made up from the build."""
    ressource = page.ressource
    if ressource.date:
        return ressource.date[:4]
    return str(ressource.annee) if ressource.annee else None


@pytest.mark.parametrize("ressource_id", CITABLE)
def test_downloads_read_back_with_the_page_title_year_and_url(pages, ressource_id):
    page = pages[ressource_id]
    title, year, url = page.titre, expected_year(page), page.canonical
    assert url.endswith("/" + page.ressource.url)

    [bib] = parse_bibtex(page.download("bib"))
    assert (bib["ID"], bib["title"], bib.get("year"), bib["url"]) == (ressource_id, title, year, url)
    assert bib["author"], "BibTeX sans auteur"

    [ris] = parse_ris(page.download("ris"))
    assert ris["type_of_reference"] == "ELEC"
    assert (ris["title"], ris.get("year"), ris["urls"]) == (title, year, [url])
    assert ris["authors"]

    [item] = load_csl(page.download("json"))
    issued = item.get("issued", {}).get("date-parts")
    assert (item["title"], str(issued[0][0]) if issued else None, item["URL"]) == (title, year, url)
    [rendered] = render_csl([item])
    assert title in rendered and url in rendered and (year is None or f"({year})" in rendered)


@pytest.mark.parametrize("ressource_id", CITABLE)
def test_the_french_citation_names_authors_title_kind_programme_year_site_and_url(pages, ressource_id):
    page = pages[ressource_id]
    ressource = page.ressource
    citation = page.citation
    site_name = page.soup.find("meta", property="og:site_name")["content"]
    authors = page.meta("citation_author")
    assert authors and citation.startswith(authors[0])
    assert f"{page.titre} [" in citation
    kind = Schemas(ROOT / "data" / "schemas").labels("ressource", "type")[ressource.type]
    assert f"{page.titre} [{kind}]. " in citation
    for programme in ressource.programmes:
        assert f"« {programme.nom} »" in citation
    year = expected_year(page)
    assert (f"{site_name}, {year}. " if year else f"{site_name}, s. d. ") in citation
    assert citation.endswith(f"Disponible sur : {page.canonical} (consulté le …).")
    cite = page.soup.select_one("#fabrique-citation-texte cite")
    assert cite.get_text() == page.titre


def git_date(path: Path) -> str | None:
    """What ``git log -1 --format=%cs`` says of a file, or None when git does not track it."""
    tracked = subprocess.run(["git", "-C", str(ROOT), "ls-files", "--error-unmatch", str(path)], capture_output=True)
    if tracked.returncode != 0:
        return None
    return subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%cs", "--", str(path)],
                          capture_output=True, text=True, check=True).stdout.strip() or None


def credits_of(page: PageCitable) -> dict:
    soup = page.soup
    return {dt.get_text(strip=True): dd for dt, dd in zip(soup.select(".fabrique-credits dt"), soup.select(".fabrique-credits dd"))}


@pytest.mark.parametrize("ressource_id", CITABLE)
def test_each_page_shows_its_licence_authors_and_last_update(pages, ressource_id):
    page = pages[ressource_id]
    credits = credits_of(page)
    licence = credits["Licence"].get_text(strip=True)
    assert licence == (page.ressource.licence or site_config()["extra"]["fabrique"]["licence"])
    [authors] = [dd.get_text(strip=True) for dt, dd in credits.items() if dt.startswith("Auteur")]
    assert authors.startswith(page.meta("citation_author")[0])
    expected = page.ressource.meta.get("mis_a_jour") or git_date(ROOT / "docs" / page.ressource.src_path) or page.ressource.date
    if expected is None:
        assert "Dernière mise à jour" not in credits
    else:
        time = credits["Dernière mise à jour"].find("time")
        assert time["datetime"] == expected
        assert re.fullmatch(r"\d{1,2}(er)? [a-zéû]+ \d{4}", time.get_text()), time.get_text()


def test_last_update_outside_git_comes_from_front_matter(tmp_path: Path, project: Path):
    fiches = project / "docs" / "fiches"
    for name, extra in (("avec-mise-a-jour", "date: 2024-05-01\nmis_a_jour: 2025-01-02\n"), ("avec-date", "date: 2024-05-01\n"), ("sans-date", "")):
        (fiches / f"{name}.md").write_text(
            f"---\nid: {name}\ntype: fiche-projet-pilote\ntitre: Fiche {name}\n"
            f"resume: Une fiche de test pour la date de dernière mise à jour.\nterritoires: [gruissan]\n{extra}sources: [{{document: presentation-fabrique, partie: essai}}]\n---\n\nTexte.\n",
            encoding="utf-8")
    site = tmp_path / "site"
    result = run_mkdocs(project, site)
    assert result.returncode == 0, result.stderr
    pages = {p.ressource.id: p for p in pages_citables(site, project)}
    assert credits_of(pages["avec-mise-a-jour"])["Dernière mise à jour"].get_text(strip=True) == "2 janvier 2025"
    assert credits_of(pages["avec-date"])["Dernière mise à jour"].get_text(strip=True) == "1er mai 2024"
    assert "Dernière mise à jour" not in credits_of(pages["sans-date"])
    assert pages["sans-date"].citation.count(", s. d. Disponible sur") == 1
    assert pages["avec-date"].meta("citation_publication_date") == ["2024/05/01"]


def test_a_pdf_shipped_next_to_a_resource_is_announced(tmp_path: Path, project: Path):
    (project / "docs" / "fiches" / "gruissan-station-sans-voiture.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    site = tmp_path / "site"
    assert run_mkdocs(project, site).returncode == 0
    [page] = [p for p in pages_citables(site, project) if p.ressource.id == "gruissan-station-sans-voiture"]
    [pdf] = page.meta("citation_pdf_url")
    assert pdf.endswith("/fiches/gruissan-station-sans-voiture.pdf")
    assert (site / "fiches" / "gruissan-station-sans-voiture.pdf").is_file()
    others = [p for p in pages_citables(site, project) if p.ressource.id != "gruissan-station-sans-voiture"]
    assert all(p.meta("citation_pdf_url") == [] for p in others)


def test_the_corpus_bibliography_holds_every_citable_resource_in_three_formats(built_site: Path):
    folder = built_site / "citations" / "corpus"
    bib = parse_bibtex((folder / "bibliographie.bib").read_text(encoding="utf-8"))
    ris = parse_ris((folder / "bibliographie.ris").read_text(encoding="utf-8"))
    csl = load_csl((folder / "bibliographie.json").read_text(encoding="utf-8"))
    assert sorted(e["ID"] for e in bib) == CITABLE
    assert sorted(e["id"] for e in ris) == CITABLE
    assert sorted(e["id"] for e in csl) == CITABLE
    assert len(render_csl(csl)) == len(CITABLE)
    index = (built_site / "citations" / "index.html").read_text(encoding="utf-8")
    for extension in ("bib", "ris", "json"):
        assert f'href="corpus/bibliographie.{extension}"' in index


HOSTILE_TITLE = 'Tarifs {réduits} & 100 % "gratuits" _x_ ~ $5 #1 \\ fin }{'


def test_hostile_values_survive_every_format_and_stay_text(tmp_path: Path, project: Path):
    """Contributed values may hold LaTeX, RIS, JSON or HTML syntax: each client reads back the exact text."""
    (project / "docs" / "fiches" / "tarifs.md").write_text(textwrap.dedent(f"""\
        ---
        id: tarifs
        type: fiche-projet-pilote
        titre: '{HOSTILE_TITLE}'
        resume: "Une fiche dont les valeurs contiennent des caractères spéciaux de LaTeX, de HTML et de JSON."
        territoires: [gruissan]
        programmes: [cohorte-occitanie]
        auteurs: ["Anne <img src=x onerror=alert(1)> Dupont", "Collectif & Cie"]
        date: 2025-03-14
        licence: CC BY 4.0
        sources: [{{document: presentation-fabrique, partie: essai}}]
        ---

        Texte.
        """), encoding="utf-8")
    site = tmp_path / "site"
    result = run_mkdocs(project, site)
    assert result.returncode == 0, result.stderr
    [page] = [p for p in pages_citables(site, project) if p.ressource.id == "tarifs"]

    [bib] = parse_bibtex(page.download("bib"))
    assert bib["title"] == HOSTILE_TITLE
    assert bib["author"] == ["Anne <img src=x onerror=alert(1)> Dupont", "Collectif & Cie"]
    assert (bib["year"], bib["date"]) == ("2025", "2025-03-14")
    [ris] = parse_ris(page.download("ris"))
    assert ris["title"] == HOSTILE_TITLE and ris["date"] == "2025/03/14"
    [item] = load_csl(page.download("json"))
    assert item["title"] == HOSTILE_TITLE and item["issued"]["date-parts"] == [[2025, 3, 14]]
    assert HOSTILE_TITLE in render_csl([item])[0]

    assert page.meta("citation_title") == [HOSTILE_TITLE]
    assert page.meta("citation_publication_date") == ["2025/03/14"]
    assert page.soup.select_one("#fabrique-citation-texte cite").get_text() == HOSTILE_TITLE
    assert page.soup.select_one("#fabrique-citation-texte img") is None
    assert page.soup.select_one(".fabrique-credits img") is None
    licence = page.soup.select_one('.fabrique-credits a[rel="license"]')
    assert (licence.get_text(), licence["href"]) == ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/")
    html = page.html_path.read_text(encoding="utf-8")
    assert "<img src=x" not in html


def test_a_title_with_angle_brackets_is_refused_with_its_line(project: Path):
    path = project / "docs" / "fiches" / "gruissan-station-sans-voiture.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^titre: .*$", "titre: Gruissan </title><script>alert(1)</script>", text), encoding="utf-8")
    corpus, problems = loader.load(loader.Project.at(project))
    [problem] = [p for p in problems.sorted() if p.path.endswith("gruissan-station-sans-voiture.md")]
    assert str(problem).startswith("docs/fiches/gruissan-station-sans-voiture.md:4: titre:")
    assert "chevrons" in str(problem)


@pytest.mark.parametrize("name, url", [
    ("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
    ("cc-by-nc-nd 4.0", "https://creativecommons.org/licenses/by-nc-nd/4.0/"),
    ("CC0", "https://creativecommons.org/publicdomain/zero/1.0/"),
    ("Licence Ouverte 2.0", "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"),
    ("Tous droits réservés", None),
])
def test_known_licences_link_to_their_text(name, url):
    assert licence(name) == Licence(name, url)


def test_authors_and_their_organisation_are_both_credited(tmp_path: Path, project: Path):
    (project / "docs" / "fiches" / "labo.md").write_text(
        "---\nid: labo\ntype: fiche-projet-pilote\ntitre: Dynamiques collectives\n"
        "resume: Une fiche écrite par deux personnes pour une organisation alliée.\nterritoires: [gruissan]\n"
        "auteurs: [Marie Martin, Paul Petit]\norganisation: Le Labo de l'ESS\nsources: [{document: presentation-fabrique, partie: essai}]\n---\n\nTexte.\n", encoding="utf-8")
    site = tmp_path / "site"
    assert run_mkdocs(project, site).returncode == 0
    [page] = [p for p in pages_citables(site, project) if p.ressource.id == "labo"]
    credits = credits_of(page)
    assert credits["Auteurs"].get_text(strip=True) == "Marie Martin et Paul Petit"
    assert credits["Organisation"].get_text(strip=True) == "Le Labo de l'ESS"
    assert page.citation.startswith("Marie Martin et Paul Petit. Dynamiques collectives [Fiche projet pilote].")
    assert page.meta("citation_author") == ["Marie Martin", "Paul Petit"]
    [bib] = parse_bibtex(page.download("bib"))
    assert bib["author"] == ["Marie Martin", "Paul Petit"]
