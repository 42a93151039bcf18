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
