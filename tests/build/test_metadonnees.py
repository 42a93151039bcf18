"""Machine-readable metadata: Highwire ``citation_*``, OpenGraph, Twitter card, canonical URL and JSON-LD."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from citables import ROOT, PageCitable, corpus_of, pages_citables
from conftest import run_mkdocs
from fabrique.geographie import position
from fabrique.schemas import Schemas

CORPUS = corpus_of(ROOT)
CITABLE = sorted(r.id for r in CORPUS.ressources if r.citable)
TERRITOIRES = sorted(CORPUS.territoires)


def json_ld(soup: BeautifulSoup) -> list[dict]:
    return [json.loads(tag.string) for tag in soup.find_all("script", type="application/ld+json")]


@pytest.fixture(scope="module")
def pages(built_site: Path) -> dict[str, PageCitable]:
    return {p.ressource.id: p for p in pages_citables(built_site)}


@pytest.mark.parametrize("ressource_id", CITABLE)
def test_highwire_tags_are_complete(pages, ressource_id):
    page = pages[ressource_id]
    one = {name: page.meta(name) for name in (
        "citation_title", "citation_publisher", "citation_language", "citation_public_url")}
    for name, values in one.items():
        assert len(values) == 1 and values[0].strip(), f"{name} absent ou vide sur {page.ressource.url}"
    assert one["citation_title"] == [page.titre]
    assert one["citation_public_url"] == [page.canonical]
    assert one["citation_language"] == ["fr"]
    assert page.meta("citation_author") and all(a.strip() for a in page.meta("citation_author"))
    for date in page.meta("citation_publication_date"):  # only when the content gives one (tests/build/test_dates.py)
        assert len(date) in (4, 10) and date[:4].isdigit()
    pdfs = page.meta("citation_pdf_url")
    for url in pdfs:
        assert url.endswith(".pdf")


@pytest.mark.parametrize("ressource_id", CITABLE)
def test_opengraph_twitter_and_canonical(pages, ressource_id):
    page = pages[ressource_id]
    assert page.canonical.startswith("http") and page.canonical.endswith("/" + page.ressource.url)
    assert page.prop("og:type") == ["article"]
    assert page.prop("og:title") == [page.titre]
    assert page.prop("og:url") == [page.canonical]
    assert page.prop("og:locale") == ["fr_FR"]
    assert page.prop("og:description") == [" ".join(page.ressource.resume.split())]
    assert page.meta("twitter:card") == ["summary_large_image"]
    assert page.meta("twitter:title") == [page.titre]
    assert page.soup.find("meta", attrs={"name": "description"})["content"] == page.ressource.resume


@pytest.mark.parametrize("ressource_id", CITABLE)
def test_resource_json_ld_is_an_article_with_its_places_themes_programmes_and_licence(pages, ressource_id):
    page = pages[ressource_id]
    ressource = page.ressource
    [data] = json_ld(page.soup)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Article"
    for key in ("headline", "url", "inLanguage", "author", "publisher", "license", "isPartOf", "dateModified"):
        assert data.get(key), f"{key} absent du JSON-LD de {ressource.url}"
    assert data["headline"] == page.titre and data["url"] == page.canonical
    assert [a["name"] for a in data["author"]] == page.meta("citation_author")
    assert all(a["@type"] in ("Person", "Organization") for a in data["author"])
    assert data["license"].startswith("https://creativecommons.org/")
    series = [p for p in data["isPartOf"] if p["@type"] == "CreativeWorkSeries"]
    assert [p["name"] for p in series] == [p.nom for p in ressource.programmes]
    if ressource.themes:
        assert [t["name"] for t in data["about"]] == [t.nom for t in ressource.themes]
    if ressource.territoires:
        places = data["spatialCoverage"]
        assert [p["name"] for p in places] == [t.nom for t in ressource.territoires]
        for place, territoire in zip(places, ressource.territoires):
            assert place["@type"] in ("Place", "AdministrativeArea")
            found = position(territoire)
            if found:
                assert (place["geo"]["latitude"], place["geo"]["longitude"]) == found
            else:
                assert "geo" not in place
    else:
        assert "spatialCoverage" not in data


@pytest.mark.parametrize("territoire_id", TERRITOIRES)
def test_territory_pages_carry_place_json_ld(built_site: Path, territoire_id):
    territoire = CORPUS.territoires[territoire_id]
    soup = BeautifulSoup((built_site / territoire.url / "index.html").read_text(encoding="utf-8"), "html.parser")
    [data] = json_ld(soup)
    declared = Schemas(ROOT / "data" / "schemas").properties("territoire")["type"]["x-schema-org"]
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == declared.get(territoire.type, "Place")
    if territoire.type in ("commune", "region", "departement"):
        assert data["@type"] == "AdministrativeArea"
    assert data["name"] == territoire.nom
    assert data["url"] == soup.find("link", rel="canonical")["href"]
    assert data["address"]["addressCountry"]
    found = position(territoire)
    if found:
        assert (data["geo"]["latitude"], data["geo"]["longitude"]) == found
    if territoire.code:
        assert data["identifier"] == territoire.code


def test_at_least_one_place_of_the_corpus_has_coordinates():
    assert any(position(t) for t in CORPUS.territoires.values())


def test_json_ld_cannot_be_closed_by_a_contributed_value(tmp_path: Path, project: Path):
    (project / "docs" / "fiches" / "piege.md").write_text(textwrap.dedent("""\
        ---
        id: piege
        type: fiche-projet-pilote
        titre: "Piège & « guillemets » \\u2028 fin"
        resume: "Un résumé qui tente de fermer le script : </script><script>alert(1)</script> et des \\"guillemets\\"."
        territoires: [gruissan]
        auteurs: ["</script><script>alert(2)</script>"]
        sources: [{document: presentation-fabrique, partie: essai}]
        ---

        Texte.
        """), encoding="utf-8")
    result = run_mkdocs(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "fiches" / "piege" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(" not in html
    soup = BeautifulSoup(html, "html.parser")
    [data] = json_ld(soup)
    assert data["description"].startswith("Un résumé qui tente de fermer le script : </script>")
    assert data["author"][0]["name"] == "</script><script>alert(2)</script>"
    assert soup.find("meta", property="og:description")["content"] == data["description"]
    assert soup.find("meta", attrs={"name": "description"})["content"] == data["description"]
    assert soup.find("meta", attrs={"name": "citation_author"})["content"] == data["author"][0]["name"]


def test_generated_page_titles_are_escaped_once(project: Path, tmp_path: Path):
    territoire = project / "data" / "territoires" / "gruissan.yml"
    territoire.write_text(territoire.read_text(encoding="utf-8").replace("nom: Gruissan", "nom: Gruissan & Co"), encoding="utf-8")
    result = run_mkdocs(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup((tmp_path / "site" / "territoires" / "gruissan" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.title.get_text().startswith("Gruissan & Co")
    assert soup.find("meta", property="og:title")["content"] == "Gruissan & Co"
    assert soup.find("h1").get_text(strip=True).startswith("Gruissan & Co")
