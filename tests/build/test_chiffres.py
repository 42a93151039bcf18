"""The figures page: every chart and table gives the counts of the corpus model; declared figures beside."""

from __future__ import annotations

from collections import Counter

import pytest
from bs4 import BeautifulSoup

from fabrique import loader
from fabrique.chiffres.page import MAX_LIGNES

from conftest import run_mkdocs


@pytest.fixture(scope="module")
def soup(built_site):
    return BeautifulSoup((built_site / "en-chiffres/index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def sources(built_site):
    return BeautifulSoup((built_site / "en-chiffres/sources/index.html").read_text(encoding="utf-8"), "html.parser")


def chart(soup, ident: str) -> dict[str, int]:
    """Each bar's label and value, as its tooltip (``<title>``) gives them."""
    svg = soup.select_one(f"svg#graphique-{ident}")
    assert svg is not None, ident
    bars = [g.title.get_text().rsplit(" : ", 1) for g in svg.select("g")]
    assert [int(value) for _, value in bars] == [int(t.get_text()) for t in svg.select("g > text:last-of-type")], ident
    return {label: int(value) for label, value in bars}


def read_table(table) -> dict[str, int]:
    return {tr.select("td")[0].get_text(" ", strip=True): int(tr.select("td")[1].get_text(strip=True)) for tr in table.select("tbody tr")}


def table_after(soup, ident: str) -> dict[str, int]:
    return read_table(soup.find(id=ident).find_next("table"))


def full_table(built_site, soup, ident: str) -> dict[str, int]:
    """The whole series: the table of the main page, or the page of its full table when it links one."""
    serie = soup.find(id=ident).find_next("div", class_="fabrique-serie")
    link = next((a for a in serie.select("a") if "tableau complet" in a.get_text()), None)
    if link is None:
        return table_after(soup, ident)
    target = built_site / "en-chiffres" / link["href"].split("#")[0] / "index.html"
    page = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
    return read_table(page.select_one("article table"))


def nonzero(counts: dict[str, int]) -> dict[str, int]:
    return {k: v for k, v in counts.items() if v}


def expected_series(corpus, schemas) -> dict[str, dict[str, int]]:
    territoires = list(corpus.territoires.values())
    ressources = [r for r in corpus.ressources if r.type != "page"]
    types = schemas.labels("territoire", "type")
    by_region: Counter[str] = Counter()
    for t in territoires:
        if t.type == "etranger":
            by_region["Hors de France"] += 1
            continue
        code = t.region or (corpus.departements[t.departement][1] if t.departement in corpus.departements else None)
        code = code or (t.code if t.type == "region" else None)
        by_region[corpus.regions.get(code, "Région non renseignée")] += 1
    by_year: Counter[str] = Counter()
    for t in territoires:
        years = set()
        for participation in t.participations:
            programme = corpus.programmes[participation.programme_id]
            debut = participation.debut or programme.debut
            years.update(range(debut, max(debut, participation.fin or programme.fin or corpus.annee_de_reference) + 1))
        by_year.update(str(y) for y in years)
    return {
        "territoires-type": nonzero(Counter(types[t.type] for t in territoires)),
        "territoires-programme": {p.nom: sum(1 for t in territoires if any(x.programme_id == p.id for x in t.participations))
                                  for p in corpus.programmes.values()},
        "territoires-region": dict(by_region),
        "territoires-annee": dict(by_year),
        "ressources-type": nonzero(Counter(r.genre.pluriel for r in ressources)),
        "ressources-theme": {t.nom: sum(1 for r in ressources if t.id in r.theme_ids) for t in corpus.themes.values()},
    }


def test_charts_and_tables_equal_the_model_counts(built_site, soup, model):
    """Each chart equals the table below it and the model; a long series shows its first
    MAX_LIGNES rows and links to the page of its full table, which equals the model."""
    corpus, schemas = model
    partial = 0
    for ident, expected in expected_series(corpus, schemas).items():
        shown = chart(soup, ident)
        assert shown == table_after(soup, ident), ident
        assert set(shown.items()) <= set(expected.items()), ident
        assert len(shown) == len(expected) or len(shown) == MAX_LIGNES, ident
        partial += len(shown) < len(expected)
        assert full_table(built_site, soup, ident) == expected, ident
    assert partial, "aucune série du corpus livré ne dépasse MAX_LIGNES : la page du tableau complet n'est pas testée"


def test_charts_are_drawn_in_place_and_described(soup):
    for svg in soup.select("article svg.fabrique-graphique__svg"):
        figure = svg.find_parent("figure")
        assert figure.figcaption.get_text(strip=True)
        assert svg["aria-hidden"] == "true"  # the table that follows carries the data for screen readers
        assert not svg.select("image, script, foreignObject")


def test_declared_figures_are_shown_with_their_source_and_disagreements(soup, sources, model, built_site):
    corpus, _ = model
    assert any(a["href"].rstrip("/").endswith("sources") for a in soup.select("article a[href]"))
    for chiffre in corpus.chiffres:
        document = corpus.sources[chiffre.source["document"]]
        page = BeautifulSoup((built_site / f"en-chiffres/sources/{document.id}/index.html").read_text(encoding="utf-8"), "html.parser")
        text = " ".join(page.select_one("article").get_text(" ").split())
        assert chiffre.libelle in text and document.titre in text
        if chiffre.remarque:
            assert chiffre.remarque in text, f"remarque de {chiffre.id} absente"
    programmes = sources.find(id="programmes-declares").find_next("table")
    rows = {tr.select("td")[0].get_text(strip=True): [td.get_text(" ", strip=True) for td in tr.select("td")]
            for tr in programmes.select("tbody tr")}
    for p in corpus.programmes.values():
        if p.territoires_declares is None:
            continue
        documented = sum(1 for t in corpus.territoires.values() if any(x.programme_id == p.id for x in t.participations))
        expected = p.territoires_declares + (1 if p.region_en_plus else 0)
        assert rows[p.nom][1] == (f"{p.territoires_declares} et la Région" if p.region_en_plus else str(p.territoires_declares))
        assert rows[p.nom][2] == str(documented)
        if documented != expected:
            assert "Concordant" not in rows[p.nom][3]
        else:
            assert rows[p.nom][3] == "Concordant."


def compared(sources) -> str:
    return " ".join(sources.find(id="chiffres-declares").find_next("table").get_text(" ").split())


def test_no_false_disagreement_and_every_known_one(sources):
    text = compared(sources)
    # the parts of one breakdown are added up and compared with their total, not with each other
    assert "104 selon" not in text and "21 selon" not in text
    assert "Décomposition par mode d'accompagnement : 104 + 21 + 17 = 142, pour 140 annoncés" in text
    assert "3 + 3 + 29 + 11 + 3 + 26 + 4 + 1 = 80, pour 77 annoncés" in text
    assert "77 + 72 = 149, pour 140 annoncés" in text
    # « 140 » and « plus de 140 », « + 1000 » and « 1000 » say the same number
    assert "140 selon" not in text and "1000 selon" not in text
    # two documents, two different counts of organisations
    assert "Les sources ne concordent pas" in text and "plus de 400 selon" in text
    assert text.count("Les sources ne concordent pas") == 1


def test_orders_of_magnitude_stay_words_and_regions_count(built_site, sources):
    page = BeautifulSoup((built_site / "en-chiffres/sources/presentation-fabrique/index.html").read_text(encoding="utf-8"), "html.parser")
    rows = {tr.select("td")[0].get_text(" ", strip=True): tr.select("td")[1].get_text(strip=True) for tr in page.select("article tbody tr")}
    assert rows["ressources additionnelles"] == "une quarantaine"
    assert rows["participant·es de la communauté apprenante Mise en récits"] == "une centaine"
    assert rows["personnes dans l'alliance"] == "« + 1000 »"
    programmes = {tr.select("td")[0].get_text(strip=True): [td.get_text(" ", strip=True) for td in tr.select("td")]
                  for tr in sources.find(id="programmes-declares").find_next("table").select("tbody tr")}
    assert programmes["Cohorte régionale Occitanie"][1:] == ["8 et la Région", "9", "Concordant."]
    assert programmes["Cohorte régionale Grand Est"][1] == "9 et la Région"


def test_every_figure_of_the_municipales_note_has_its_line(model):
    from test_corpus import seeds_dir

    corpus, _ = model
    folder = seeds_dir()
    if folder is None:
        pytest.skip("documents sources absents")
    lines = (folder / "004_ddb5545612401d52.txt").read_text(encoding="utf-8").splitlines()
    figures = [c for c in corpus.chiffres if c.source["document"] == "municipales-2026-bloc-communal"]
    assert len(figures) >= 25
    for chiffre in figures:
        line = lines[chiffre.source["ligne"] - 1]
        number = f"{abs(chiffre.valeur):g}".replace(".", ",")
        assert (chiffre.texte and chiffre.texte.lower() in line.lower()) or number in line, chiffre.id
    for number in ("450", "648", "606,9", "41,1", "43,2", "80 millions", "39 milliards", "34%", "2003"):
        assert any(number in lines[c.source["ligne"] - 1] for c in figures), number


def test_page_says_where_sources_and_corpus_disagree(project, tmp_path):
    """Two sources giving different values for one measure, and a declared count the corpus contradicts."""
    chiffres = project / "data/chiffres.yml"
    chiffres.write_text(chiffres.read_text(encoding="utf-8") + """
- id: organisations-alliance-autre-document
  libelle: organisations dans l'alliance
  valeur: 400
  plus_de: true
  mesure: organisations-alliance
  source: { document: passer-a-l-echelle, partie: essai }
- id: territoires-documentes-test
  libelle: territoires
  valeur: 9999
  mesure: territoires
  source: { document: etude-action-labo-ess, partie: essai }
""", encoding="utf-8")
    site = tmp_path / "site"
    result = run_mkdocs(project, site)
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup((site / "en-chiffres/sources/index.html").read_text(encoding="utf-8"), "html.parser")
    text = " ".join(soup.find(id="chiffres-declares").find_next("table").get_text(" ").split())
    assert "Les sources ne concordent pas :" in text
    assert "plus de 500 selon « Élus : rejoindre l'alliance, LA FABRIQUE DES TRANSITIONS C'EST QUOI ? »" in text
    assert "plus de 400 selon « Passer à l'échelle : recommandations et perspectives, essai »" in text
    corpus, _ = loader.load(loader.Project.at(project))
    assert (f"« Dynamiques collectives de transitions dans les territoires » déclare 9999 territoires, "
            f"le corpus en documente {len(corpus.territoires)}") in text
