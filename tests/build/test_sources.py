"""Every claim traceable to its document: source records, the check of ``sources``, the Sources block."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "hooks"))

from fabrique import loader  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = {"elus-rejoindre-alliance", "passer-a-l-echelle", "presentation-fabrique", "etude-action-labo-ess",
             "municipales-2026-bloc-communal"}


def check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fabrique.cli", "--root", str(project), "check"],
                          capture_output=True, text=True, cwd=ROOT / "hooks")


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} absent de {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_the_five_documents_are_records(model):
    corpus, _ = model
    assert set(corpus.sources) == DOCUMENTS
    assert corpus.sources["presentation-fabrique"].fiabilite, "la partie OCR de la présentation doit être signalée"
    assert corpus.sources["elus-rejoindre-alliance"].annee == 2026
    assert corpus.sources["passer-a-l-echelle"].annee is None  # the document gives no year


def test_every_record_cites_a_known_document_with_a_part(model):
    corpus, _ = model
    wrong = []
    for kind, titre, _, _, sources in corpus.cited():
        if not sources:
            wrong.append(f"{kind} {titre} : aucune source")
        for source in sources:
            if source.get("document") not in DOCUMENTS or not source.get("partie"):
                wrong.append(f"{kind} {titre} : {source}")
    assert not wrong


def test_check_rejects_an_unknown_document_with_its_line_and_a_suggestion(project: Path):
    path = project / "data/programmes/avenir-montagnes-ingenierie.yml"
    replace(path, "document: presentation-fabrique", "document: presentation-fabriqe")
    result = check(project)
    line = line_of(path, "presentation-fabriqe")
    assert result.returncode == 1
    assert (f"data/programmes/avenir-montagnes-ingenierie.yml:{line}: sources[0].document: document « presentation-fabriqe » "
            "inconnu (vouliez-vous dire « presentation-fabrique » ?)") in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_check_rejects_a_published_record_without_source(project: Path):
    path = project / "data/territoires/vimy.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("sources:")], encoding="utf-8")
    result = check(project)
    assert result.returncode == 1
    assert f"data/territoires/vimy.yml:{line_of(path, 'id: vimy')}: sources: aucune source" in result.stdout


def test_check_rejects_a_citation_without_part_and_a_figure_of_an_unknown_document(project: Path):
    path = project / "data/chiffres.yml"
    replace(path, "source: { document: etude-action-labo-ess, partie: \"Une étude-action transversale\" }",
            "source: { document: etude-action-labo-ess }")
    replace(path, "source: { document: etude-action-labo-ess, partie: \"En un coup d'oeil\" }",
            "source: { document: etude-action-labo-es, partie: \"En un coup d'oeil\" }")
    sans_partie = line_of(path, "document: etude-action-labo-ess }")
    inconnu = line_of(path, "document: etude-action-labo-es,")
    problems = [str(p) for p in loader.load(loader.Project.at(project))[1].sorted()]
    assert any(p.startswith(f"data/chiffres.yml:{sans_partie}: source.partie: champ obligatoire manquant") for p in problems), problems
    assert any(p.startswith(f"data/chiffres.yml:{inconnu}: source.document: document « etude-action-labo-es » inconnu "
                            "(vouliez-vous dire « etude-action-labo-ess » ?)") for p in problems), problems


def test_only_contributed_pages_may_cite_a_public_document_by_title_and_url(project: Path):
    externe = '  - titre: Un rapport public\n    url: "https://example.org/rapport.pdf"\n'
    fiche = project / "docs/fiches/sicoval-mobilites.md"
    replace(fiche, "sources:\n", "sources:\n" + externe)
    staff = project / "docs/alliance/charte.md"
    replace(staff, "sources:\n", "sources:\n" + externe)
    problems = [str(p) for p in loader.load(loader.Project.at(project))[1].sorted()]
    assert problems == [f"docs/alliance/charte.md:{line_of(staff, 'titre: Un rapport public')}: sources[0]: un document hors du corpus "
                        "(titre et url) n'est admis que dans une page contribuée : attendu « document: » et l'identifiant d'un fichier de data/sources/"]


def sources_block(site: Path, page: str) -> BeautifulSoup | None:
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    return soup.select_one("section.fabrique-sources")


def test_every_built_page_ends_with_a_sources_block(built_site: Path):
    missing = []
    for path in sorted(built_site.rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html or path.parent.name == "admin":
            continue  # a redirection, or the editor's interface (not a page of the site)
        if not sources_block(built_site, path.relative_to(built_site).as_posix()):
            missing.append(path.relative_to(built_site).as_posix())
    assert not missing


def test_sources_block_links_to_the_document_page_with_the_part(built_site: Path):
    block = sources_block(built_site, "programmes/avenir-montagnes-ingenierie/index.html")
    link = block.find("a", string="La Fabrique des transitions, présentation")
    assert link is not None and link["href"].rstrip("/").endswith("sources/presentation-fabrique")
    assert "Avenir Montagnes Ingénierie" in block.get_text()
    assert (built_site / "sources/presentation-fabrique/index.html").is_file()


def test_document_page_lists_the_pages_that_cite_it(built_site: Path):
    soup = BeautifulSoup((built_site / "sources/etude-action-labo-ess/index.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    text = article.get_text(" ")
    assert "Ce que le site en a tiré" in text
    hrefs = [a["href"] for a in article.select("a[href]")]
    assert any("alliance/labo-ess-dynamiques-collectives" in h for h in hrefs)
    assert any("en-chiffres/sources" in h for h in hrefs)
    index = BeautifulSoup((built_site / "sources/index.html").read_text(encoding="utf-8"), "html.parser").select_one("article")
    assert index.find("h1").get_text(strip=True).startswith("Documents sources")
    assert len({a["href"] for a in index.select("table a[href]")}) == len(DOCUMENTS)
    assert "reconnaissance de caractères" in index.get_text()


def test_citation_box_and_csl_json_cite_the_sources(built_site: Path):
    item = json.loads((built_site / "citations/vimy-theatre-urbains-agriculteurs.json").read_text(encoding="utf-8"))[0]
    assert "La Fabrique des transitions, présentation" in item["references"]
    assert "12 initiatives territoriales" in item["references"]
    soup = BeautifulSoup((built_site / "retours/vimy-theatre-urbains-agriculteurs/index.html").read_text(encoding="utf-8"), "html.parser")
    box = soup.select_one("section.fabrique-citer")
    assert re.search(r"Références \(sources\)\s*La Fabrique des transitions, présentation", box.get_text(" "))
