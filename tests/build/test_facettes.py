"""Facet helpers without MkDocs, and hostile contributed values on the generated index pages."""

from __future__ import annotations

from bs4 import BeautifulSoup

from fabrique.pages.az import lettre

from conftest import run_mkdocs

HOSTILE_TITLE = 'Écoles & « récits » [lien](javascript:alert(2)) *gras* `code`'
HOSTILE_SUMMARY = 'Un résumé avec <img src=x onerror="alert(1)"> et <script>alert(3)</script> dedans.'


def test_a_to_z_letters_fold_accents_and_quotes():
    assert lettre("Écoles en transition") == "E"
    assert lettre("« Faire ensemble »") == "F"
    assert lettre("3 idées") == "0–9"
    assert lettre("ŒUVRE") == "O"


def test_hostile_title_stays_text_on_every_index(project, tmp_path):
    fiche = project / "docs/fiches/gruissan-station-sans-voiture.md"
    import yaml

    _, front, body = fiche.read_text(encoding="utf-8").split("---\n", 2)
    meta = yaml.safe_load(front)
    meta.update(titre=HOSTILE_TITLE, resume=HOSTILE_SUMMARY, date="2030-01-01")
    fiche.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body, encoding="utf-8")
    site = tmp_path / "site"
    result = run_mkdocs(project, site)
    assert result.returncode == 0, result.stderr
    for page in ("parcourir/themes/mobilite", "parcourir/a-z", "explorer", "parcourir/annees/2024", "nouveautes"):
        html = (site / page / "index.html").read_text(encoding="utf-8")
        article = BeautifulSoup(html, "html.parser").select_one("article")
        assert not article.select("img, script:not([src]), a[href^='javascript']"), page
        link = next((a for a in article.select("a") if "Écoles" in a.get_text()), None)
        assert link is not None, page
        assert " ".join(link.get_text().split()) == HOSTILE_TITLE, page
        assert link["href"].rstrip("/").endswith("fiches/gruissan-station-sans-voiture"), page
    # the lists show cards without summaries; the summary stays text in the sheet's own description
    sheet = BeautifulSoup((site / "fiches/gruissan-station-sans-voiture/index.html").read_text(encoding="utf-8"), "html.parser")
    assert sheet.find("meta", attrs={"name": "description"})["content"] == HOSTILE_SUMMARY
