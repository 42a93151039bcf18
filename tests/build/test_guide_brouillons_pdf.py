"""Drafts stay in the preview and out of every production output; the guide's PDF.

One copy of the project gets a draft proposition, recommendation, guide page and fiche. It is
built twice: as a local preview (drafts shown with a banner) and for production with
``fabrique guide-pdf`` (drafts out of the HTML, search index, sitemap and PDF).
"""

from __future__ import annotations

import json
import posixpath
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitehtml import pagefind_documents
from conftest import copy_project, run_mkdocs
from fabrique import loader
from fabrique.pdf import PDF_PATH

SITE_URL = "https://fabrique.example/"
DRAFT_TITLES = ("Proposition brouillon témoin", "Recommandation brouillon témoin", "Annexe brouillon témoin", "Fiche brouillon témoin")
PUBLISHED_TITLE = "Proposition publiée témoin"

FILES = {
    "data/propositions/brouillon-temoin.yml": """\
id: brouillon-temoin
pilier: bifurcation
statut: brouillon
titre: Proposition brouillon témoin
texte: Une proposition encore en chantier, qui ne doit jamais quitter l'aperçu local.
competences: [mobilite]
themes: [mobilite]
fiches: [gruissan-station-sans-voiture]
territoires: [gruissan]
""",
    "data/propositions/publiee-temoin.yml": """\
id: publiee-temoin
pilier: humain
titre: Proposition publiée témoin
texte: Une proposition publiée dont une illustration est encore un brouillon de fiche.
competences: [habitat]
fiches: [fiche-brouillon-temoin, gruissan-station-sans-voiture]
sources: [{document: presentation-fabrique, partie: essai}]
""",
    "data/recommandations/brouillon-reco-temoin.yml": """\
id: brouillon-reco-temoin
destinataires: financeurs
statut: brouillon
titre: Recommandation brouillon témoin
texte: Une recommandation en chantier, absente du site publié.
propositions: [brouillon-temoin]
""",
    "docs/guide/annexe-brouillon.md": """\
---
id: annexe-brouillon
type: guide
titre: Annexe brouillon témoin
resume: Une annexe du guide encore en chantier, visible seulement dans l'aperçu.
statut: brouillon
ordre: 50
---

# Annexe brouillon témoin

Texte de l'annexe en chantier.
""",
    "docs/fiches/fiche-brouillon-temoin.md": """\
---
id: fiche-brouillon-temoin
type: fiche-projet-pilote
titre: Fiche brouillon témoin
resume: Une fiche projet pilote en chantier, visible seulement dans l'aperçu.
territoires: [le-vigan]
statut: brouillon
---

Fiche en chantier.
""",
}


@pytest.fixture(scope="module")
def draft_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("brouillons") / "projet")
    for relative, text in FILES.items():
        (project / relative).write_text(text, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def production(draft_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The production site and its PDF, made by ``fabrique guide-pdf`` (the PDF made once)."""
    site = tmp_path_factory.mktemp("production")
    output = site.parent / "guide.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "fabrique.cli", "--root", str(draft_project), "guide-pdf", "--site-dir", str(site), "--output", str(output)],
        env={**__import__("os").environ, "FABRIQUE_SITE_URL": SITE_URL},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert f"Guide en PDF : {output}" in result.stdout
    assert output.read_bytes() == (site / PDF_PATH).read_bytes()
    return site


@pytest.fixture(scope="module")
def preview(draft_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("apercu")
    result = run_mkdocs(draft_project, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def pdf_pages(production: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(production / PDF_PATH), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")


@pytest.fixture(scope="module")
def published(draft_project: Path):
    corpus, problems = loader.load(loader.Project.at(draft_project), include_drafts=False)
    assert not problems
    return corpus


def _squash(text: str) -> str:
    """Text compared without spaces nor the hyphens WeasyPrint adds when it hyphenates."""
    return re.sub(r"[\s\u2010\u00ad]+", "", text)


def _body(page: str) -> str:
    """A page's text without its running header (first line) and page number (last line)."""
    lines = [line for line in page.splitlines() if line.strip()]
    return "\n".join(lines[1:-1])


def _soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


# --- drafts -----------------------------------------------------------------------------


def test_preview_shows_drafts_with_a_banner(preview: Path) -> None:
    heading = _soup(preview, "guide/bifurcation/").find(id="brouillon-temoin")
    assert heading is not None
    block = heading.find_parent("div")
    note = block.find(attrs={"role": "note"})
    assert note is not None and note.get_text(strip=True).startswith("Brouillon")
    annexe = _soup(preview, "guide/annexe-brouillon/")
    assert annexe.select_one(".fabrique-bandeau").get_text(" ", strip=True).startswith("Brouillon.")
    assert "Proposition brouillon témoin" in _soup(preview, "fiches/gruissan-station-sans-voiture/").get_text()
    assert "Proposition brouillon témoin" in _soup(preview, "guide/propositions/").get_text()
    assert "Fiche brouillon témoin" in _soup(preview, "guide/humain/").get_text()


def test_drafts_are_absent_from_every_production_html_page(production: Path) -> None:
    pages = list(production.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        text = path.read_text(encoding="utf-8")
        for title in DRAFT_TITLES:
            assert title not in text, f"{title} dans {path.relative_to(production)}"
        assert "brouillon-temoin" not in text and "annexe-brouillon" not in text
    assert not (production / "guide/annexe-brouillon").exists()
    assert not (production / "fiches/fiche-brouillon-temoin").exists()
    assert PUBLISHED_TITLE in (production / "guide/humain/index.html").read_text(encoding="utf-8")


def test_drafts_are_absent_from_search_index_and_sitemap(production: Path) -> None:
    documents = pagefind_documents(production)
    assert len(documents) > 20
    dumped = json.dumps(documents, ensure_ascii=False)
    assert "Proposition publiée témoin" in dumped
    for title in DRAFT_TITLES:
        assert title not in dumped
    sitemap = (production / "sitemap.xml").read_text(encoding="utf-8")
    assert f"{SITE_URL}guide/vision/" in sitemap
    assert "annexe-brouillon" not in sitemap and "fiche-brouillon-temoin" not in sitemap


def test_drafts_are_absent_from_the_pdf(pdf_pages: list[str]) -> None:
    whole = _squash("".join(pdf_pages))
    assert _squash(PUBLISHED_TITLE) in whole
    for title in DRAFT_TITLES:
        assert _squash(title) not in whole


# --- the PDF ----------------------------------------------------------------------------


def test_pdf_holds_every_part_and_every_published_proposition(pdf_pages: list[str], published) -> None:
    whole = _squash("".join(pdf_pages))
    for chapitre in published.ressources_of("guide"):
        assert _squash(chapitre.titre) in whole, chapitre.titre
    for pilier in ("vision", "bifurcation", "democratie-economique", "humain", "pilotage"):
        assert published.propositions_of(pilier)
    for proposition in published.propositions.values():
        assert _squash(proposition.titre) in whole, proposition.titre
        # the full presentation, not only the title a chapter lists on the web
        assert _squash(proposition.texte[:80]) in whole, proposition.id
    for recommandation in published.recommandations.values():
        assert _squash(recommandation.titre) in whole, recommandation.titre
        assert _squash(recommandation.texte[:80]) in whole, recommandation.id
    assert whole.count(_squash("Compétences mobilisées")) == len(published.propositions)
    for web_only in ("Citer cette ressource", "Télécharger le guide complet en PDF", "Lien permanent"):
        assert _squash(web_only) not in whole, web_only


def test_table_of_contents_gives_the_page_of_each_chapter(pdf_pages: list[str], published) -> None:
    from fabrique.guide import chapitres

    contents = _squash("|".join(_body(page) for page in pdf_pages[1:4] if "Sommaire" in page))
    for number, chapitre in enumerate(chapitres(published), start=1):
        entry = re.search(re.escape(_squash(f"{number}. {chapitre.titre}")) + r"\.*(\d+)", contents)
        assert entry is not None, f"{chapitre.titre} absent du sommaire, ou sans numéro de page"
        page = int(entry.group(1))
        assert page > 2
        assert _squash(f"{number}. {chapitre.titre}") in _squash(pdf_pages[page - 1]), (chapitre.titre, page)


def test_running_headers_and_page_numbers(pdf_pages: list[str]) -> None:
    for number, page in enumerate(pdf_pages[2:-1], start=3):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert lines[0].startswith("Guide municipales 2026"), (number, lines[:2])
        assert lines[-1] == str(number)


def test_link_annotations_point_to_the_right_places(production: Path, published) -> None:
    from pypdf import PdfReader

    reader = PdfReader(str(production / PDF_PATH))
    names = reader.named_destinations
    internal: list[tuple[str, int]] = []
    uris: list[str] = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A")
            if action is not None and action.get("/URI"):
                uris.append(str(action["/URI"]))
            elif annotation.get("/Dest") is not None:
                name = str(annotation["/Dest"])
                assert name in names, name
                internal.append((name, reader.get_destination_page_number(names[name])))
    texts = [_squash(page.extract_text()) for page in reader.pages]
    titles = {f"chapitre-{r.id}": r.titre for r in published.ressources_of("guide")}
    for proposition in published.propositions.values():
        titles[f"chapitre-{proposition.pilier}--{proposition.id}"] = proposition.titre
    for recommandation in published.recommandations.values():
        titles[f"chapitre-recommandations--{recommandation.id}"] = recommandation.titre
    checked = 0
    for name, page_number in internal:
        if name in titles:
            assert _squash(titles[name])[:25] in texts[page_number], (name, page_number)
            checked += 1
    assert checked >= len(published.ressources_of("guide")) + 20
    assert f"{SITE_URL}fiches/gruissan-station-sans-voiture/" in uris
    assert f"{SITE_URL}territoires/gruissan/" in uris
    for uri in uris:
        assert uri.startswith(("http://", "https://")), uri
        if uri.startswith(SITE_URL):
            path, _, anchor = uri[len(SITE_URL):].partition("#")
            target = production / path / "index.html" if path.endswith("/") or not path else production / path
            assert target.is_file(), uri


def test_pdf_uses_french_spacing_and_keeps_addresses(production: Path) -> None:
    from pypdf import PdfReader

    whole = "".join(page.extract_text() for page in PdfReader(str(production / PDF_PATH)).pages)
    assert whole.count("Compétences mobilisées\u202f:") >= 60
    assert "Compétences mobilisées :" not in whole
    assert "«\u202fNew Deal\u202f»" in whole
    assert f"{SITE_URL}guide/" in whole


def test_guide_pages_link_to_the_pdf(production: Path) -> None:
    for url in ("guide/", "guide/vision/", "guide/recommandations/"):
        link = _soup(production, url).select_one(".fabrique-pdf a[href]")
        assert link is not None, url
        target = posixpath.normpath(posixpath.join(url, link["href"]))
        assert target == PDF_PATH
        assert (production / target).is_file()


def test_appendix_lists_propositions_by_competence_with_their_page(pdf_pages: list[str], published) -> None:
    start = next(i for i, page in enumerate(pdf_pages) if "Annexe : les propositions par" in page and "Sommaire" not in page)
    annexe = _squash("|".join(_body(page) for page in pdf_pages[start:]))
    assert _squash("Organisation des mobilités") in annexe
    mobilite = [p for p in published.propositions.values() if "mobilite" in p.competences]
    assert mobilite
    for proposition in published.propositions.values():
        entry = re.search(re.escape(_squash(proposition.titre)) + r"\.*(\d+)", annexe)
        assert entry is not None, proposition.titre
        page = int(entry.group(1))
        assert _squash(proposition.titre) in _squash(pdf_pages[page - 1]), (proposition.titre, page)
    for title in DRAFT_TITLES:
        assert _squash(title) not in annexe
