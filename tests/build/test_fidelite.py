"""What a careful reading against the sources found wrong stays fixed (issue 19)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup


def page_text(site: Path, url: str) -> str:
    soup = BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
    return " ".join(soup.select_one("article").get_text(" ").split())


@pytest.mark.parametrize("url, wrong, right", [
    ("retours/vimy-theatre-urbains-agriculteurs", "représentée au conseil d'administration", "à titre personnel"),
    ("programmes/avenir-montagnes-ingenierie", "jusque-là inexistant", "espace de dialogue nouveau"),
    ("guide/vision", "économie résidentielle", "économie présentielle"),
    ("guide/contexte", "coopératives et pôles de coopération (PTCE, SCIC, SIEG)", "services d'intérêt économique général (SIEG)"),
    ("retours/cevennes-fabriquent-leur-transition", "ne donnent que l'intitulé", "Matthieu Eybalin"),
    ("programmes/territoires-pilotes", "Première cohorte", "deux saisons"),
    ("fiches/enj-bellefontaine-projet-de-transition", "ENJ-Bellefontaine, dans le Jura", "par hypothèse"),
    ("fiches/le-vigan-groupe-scolaire", "commune du Gard", "celui du Lot"),
    ("alliance/animation", "ouverte à ses membres", "ouverte à toutes et à tous"),
    ("guide/humain", "selon l'Organisation Mondiale du Travail", "que la note appelle « Organisation Mondiale du Travail »"),
    ("alliance", "environ un millier", "« + 1000 personnes »"),
])
def test_wrong_claim_is_gone_and_the_right_one_is_there(built_site, url, wrong, right):
    text = page_text(built_site, url)
    assert wrong not in text
    assert right in text


def test_proposition_texts_say_what_the_note_says(model):
    corpus, _ = model
    assert "présentielle" in corpus.propositions["formaliser-la-vision"].texte
    assert "résidentielle" not in corpus.propositions["formaliser-la-vision"].texte
    assert "ouvert cette voie" not in corpus.propositions["territoires-a-mission"].texte
    assert not any("tiré" in a for a in corpus.propositions["institut-citoyen"].acteurs)


def test_unsupported_values_are_not_stated(model):
    corpus, _ = model
    assert corpus.territoires["grand-bergeracois"].type != "petr"
    assert corpus.ressource("cevennes-fabriquent-leur-transition").annee is None
    assert corpus.sources["passer-a-l-echelle"].annee is None
    le_vigan = corpus.territoires["le-vigan"]
    assert le_vigan.statut == "esquisse" and "Lot" in le_vigan.description


@pytest.mark.parametrize("url, padding", [
    ("fiches/canohes-centre-bourg", "y ramener des habitants"),
    ("fiches/doubs-horloger-cartographie-sensible", "ne se limite pas aux données techniques"),
    ("fiches/lyon-recits-neutralite-carbone", "ne reste pas un objectif technique"),
    ("retours/malaunay-communication-et-recits", "souvent confondues"),
    ("retours/val-d-ille-aubigne-mettre-en-mouvement", "Le récit y sert d'abord"),
    ("mise-en-recits/cinq-dimensions", "situer le territoire entre son passé"),
])
def test_invented_detail_is_gone(built_site, url, padding):
    assert padding not in page_text(built_site, url)


def test_what_is_unknown_is_said_once_briefly(model):
    corpus, _ = model
    wrong = []
    root = Path(__file__).resolve().parents[2] / "docs"
    for ressource in corpus.ressources:
        if ressource.type not in ("fiche-projet-pilote", "retour-experience"):
            continue
        text = (root / ressource.src_path).read_text(encoding="utf-8")
        if "attend une description fidèle" in text or "attend le récit" in text:
            wrong.append(f"{ressource.src_path} : formule d'attente répétée")
        section = text.split("## À compléter", 1)[1] if "## À compléter" in text else ""
        body = text.split("## À compléter", 1)[0].split("\n---\n", 1)[1]
        if len(re.findall(r"[.!?](\s|$)", section.strip())) != 1:
            wrong.append(f"{ressource.src_path} : « À compléter » doit tenir en une phrase")
        if re.search(r"Les sources (ne|n'en)", body):
            wrong.append(f"{ressource.src_path} : ce qui manque est dit deux fois")
    assert not wrong


def test_one_rule_for_sketches(model):
    corpus, _ = model
    for programme_id in ("region-bretagne-mise-en-recits", "ville-de-lyon-mise-en-recits", "fabrique-departementale-puy-de-dome",
                         "chantier-representations-systemiques", "chantier-trajectoires-de-transformation",
                         "chantier-voyages-apprenants", "chantier-education-populaire-transition-juste"):
        assert corpus.programmes[programme_id].statut == "esquisse", programme_id
    assert corpus.ressource("cinq-dimensions").statut == "esquisse"
    wrong = [f"{r.id} : une seule ligne de source, statut « {r.statut} »"
             for r in (*corpus.programmes.values(), *corpus.territoires.values()) if len(r.sources) == 1 and r.statut != "esquisse"]
    wrong += [f"{r.id} : fiche ou retour sur une ligne de source, statut « {r.statut} »" for r in corpus.ressources
              if r.type in ("fiche-projet-pilote", "retour-experience") and r.statut != "esquisse"]
    assert not wrong


# --- Issue 19, « Complete »: the deck's four recommendation axes, the page for elected officials ---


def article_of(site: Path, url: str):
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser").select_one("article")


def heading_text(heading) -> str:
    """A heading's own words, without its permalink « ¶ »."""
    return " ".join(" ".join(heading.find_all(string=True, recursive=False)).split())


def section(article, level: str, title: str) -> list:
    """The elements after the heading ``title`` of ``level`` (« h2 »…) up to the next heading as high or higher."""
    stops = {"h1", "h2"} if level == "h2" else {"h1", "h2", "h3"}
    heading = next((h for h in article.find_all(level) if heading_text(h) == title), None)
    assert heading is not None, f"titre « {title} » absent de la page"
    found = []
    for sibling in heading.find_next_siblings():
        if sibling.name in stops:
            break
        found.append(sibling)
    return found


def target_exists(site: Path, page_url: str, href: str) -> bool:
    """Whether a link of the built page ``page_url`` leads to a built page (and to its anchor, if any)."""
    path, _, anchor = href.partition("#")
    target = (site / page_url / path).resolve() if path else site / page_url
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return False
    return not anchor or BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser").find(id=anchor) is not None


AXES = {
    "Penser le temps long": "dix à vingt",
    "Transformer la gouvernance et les postures": "4 + 1 Fantastiques",
    "Expérimenter": "incertitude",
    "Évaluer, célébrer, essaimer": "qualitative",
}


def test_each_of_the_four_axes_asks_something_of_elus_and_of_funders(built_site):
    article = article_of(built_site, "alliance/enseignements")
    part = section(article, "h2", "Les recommandations aux élus et aux financeurs")
    assert [heading_text(h) for h in part if h.name == "h3"] == list(AXES)
    for axe, words in AXES.items():
        elements = section(article, "h3", axe)
        items = [" ".join(li.get_text(" ").split()) for ul in elements if ul.name == "ul" for li in ul.find_all("li")]
        for who in ("Aux élus :", "Aux financeurs :"):
            said = [item for item in items if item.startswith(who)]
            assert said and len(said[0].split()) >= 8, f"{axe} : rien n'est demandé « {who} »"
        assert words in " ".join(items), axe
        links = [a["href"] for element in elements for a in element.find_all("a", href=True)
                 if "guide/recommandations/" in a["href"]]
        assert links, f"{axe} : aucun lien vers les recommandations de « Passer à l'échelle »"
        broken = [href for href in links if "#" not in href or not target_exists(built_site, "alliance/enseignements", href)]
        assert not broken, f"{axe} : liens sans cible {broken}"


def test_the_enseignements_page_cites_the_deck_part_of_the_recommendations(built_site):
    sources = article_of(built_site, "alliance/enseignements").select_one("section.fabrique-sources")
    assert "Les recommandations aux élus·es et financeurs" in sources.get_text(" ")


OFFRES = ["Des accompagnements collectifs", "Des diagnostics sensibles", "Le lancement de projets pilotes",
          "Des temps pour s'initier et se former", "Des communautés apprenantes et des chantiers", "Des ressources"]


def test_the_elus_page_lists_the_six_offers_each_leading_to_a_page(built_site):
    article = article_of(built_site, "alliance/elus")
    lists = [element for element in section(article, "h2", "Six offres aux territoires") if element.name == "ol"]
    assert len(lists) == 1
    items = lists[0].find_all("li", recursive=False)
    assert [" ".join(li.strong.get_text(" ").split()) for li in items] == OFFRES
    for li in items:
        hrefs = [a["href"] for a in li.find_all("a", href=True)]
        assert hrefs and all(target_exists(built_site, "alliance/elus", href) for href in hrefs), hrefs


def test_the_elus_page_says_why_and_how_an_elected_official_joins(built_site):
    article = article_of(built_site, "alliance/elus")

    def items(level: str, title: str) -> list[str]:
        return [" ".join(li.get_text(" ").split()) for element in section(article, level, title)
                if element.name in ("ul", "ol") for li in element.find_all("li", recursive=False)]

    assert len(items("h2", "Sur quoi repose sa légitimité")) == 5 + 3
    independance = " ".join(" ".join(p.get_text(" ").split()) for p in section(article, "h2", "Son indépendance"))
    assert "financements publics" in independance and "expérimentation" in independance
    assert len(items("h2", "Pourquoi un élu la rejoint")) == 4
    assert len(items("h2", "Ce qu'un élu y trouve")) == 4
    ways = [heading_text(h) for h in section(article, "h2", "Comment rejoindre l'alliance") if h.name == "h3"]
    assert ways == ["Participation libre", "Appui ponctuel", "Suivi dans la durée"]
    for way in ways:
        assert len(items("h3", way)) == 2, way
    joined = " ".join(items("h3", "Participation libre"))
    assert "charte d'alliance" in joined and "ne coûte rien" in joined
    text = article.get_text(" ")
    assert not re.search(r"[\w.+-]+@[\w-]+\.\w+|(?:\d{2}[ .]?){5}", text), "coordonnées personnelles sur la page"


def test_the_elus_page_is_reached_from_the_alliance_and_cites_the_leaflet(built_site):
    soup = BeautifulSoup((built_site / "alliance" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert any(a["href"] == "elus/" for a in soup.select_one("article").find_all("a", href=True))
    assert any(a["href"] == "elus/" for a in soup.select("nav.md-nav a[href]"))
    sources = article_of(built_site, "alliance/elus").select_one("section.fabrique-sources")
    cited = sources.find("a", href="../../sources/elus-rejoindre-alliance/")
    assert cited is not None
    assert "Ce qu'elle propose aux territoires" in cited.parent.get_text(" ")
