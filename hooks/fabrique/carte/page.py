"""The map page (``carte/``), its base map (``carte/fond.svg``) and the mini-maps of other pages."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Iterator

from markupsafe import Markup

from ..francais import nombre
from .. import carte
from ..adresses import vers as url_from
from ..carte import attr, minicarte, text  # noqa: F401 (minicarte: its home is fabrique.carte)
from ..model import HORS_DE_FRANCE, Corpus, Programme, Territoire
from ..render import Renderer
from ..pages import GeneratedPage

INDEX = "carte/index.md"
def source_credit(geo_dir: Path | None) -> dict[str, str]:
    path = (geo_dir or Path()) / "source.json"
    if geo_dir is None or not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def _years_text(ranges: list[tuple[int, int]]) -> str:
    return ", ".join(f"{a}–{b}" if b != a else str(a) for a, b in ranges) or "—"


def _region_name(corpus: Corpus, territoire: Territoire) -> str:
    region = corpus.region_of(territoire)
    return corpus.regions.get(region or "", "") or ("Hors de France" if corpus.a_l_etranger(territoire) else "—")


def _table(corpus: Corpus, territoires: list[Territoire], href: dict[str, str], type_labels: dict[str, str],
           programme_index: dict[str, int], this_year: int) -> str:
    """The list, compact enough for 1,500 territories: end tags of cells and rows are omitted (valid
    HTML); the filters read the type, région and years from the cells, the programmes from ``data-p``
    (indexes of their options; the programmes themselves are on each territory's page). The rows
    with a marker are in the order of the markers; a territory with no position is marked
    ``data-sans-repere`` (the script skips it when it links the markers to the rows)."""
    rows = []
    for territoire in territoires:
        indexes = " ".join(str(programme_index[p.id]) for p, _ in territoire.programmes)
        sans = "" if territoire.position is not None else " data-sans-repere"
        rows.append(
            f'<tr data-p="{indexes}"{sans}><td><a href="{attr(href[territoire.id])}">{text(territoire.nom)}</a>'
            f"<td>{text(type_labels.get(territoire.type, territoire.type))}<td>{text(_region_name(corpus, territoire))}"
            f"<td>{_years_text(territoire.periodes(this_year))}"
        )
    head = "".join(f'<th scope="col">{name}</th>' for name in ("Territoire", "Type", "Région", "Années"))
    return (
        '<div class="fabrique-carte__defilement">\n<table id="fabrique-carte-liste" class="fabrique-carte__liste">\n'
        f"<caption>Les territoires de la carte ({nombre(len(territoires), 'territoire')})</caption>\n"
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n</div>"
    )


def _programmes(territoires: list[Territoire]) -> list[Programme]:
    return sorted({p.id: p for t in territoires for p, _ in t.programmes}.values(), key=lambda p: p.nom.casefold())


def _select(name: str, label: str, options: list[tuple[str, str]], tous: str = "Tous") -> str:
    items = "".join(f'<option value="{attr(value)}">{text(option)}</option>' for value, option in options)
    return (f'<p><label for="filtre-{name}">{label}</label>'
            f'<select id="filtre-{name}" name="{name}"><option value="">{tous}</option>{items}</select></p>')


def _filters(corpus: Corpus, territoires: list[Territoire], type_labels: dict[str, str], this_year: int) -> str:
    programmes = _programmes(territoires)
    types = [(key, label) for key, label in type_labels.items() if any(t.type == key for t in territoires)]
    codes = {corpus.region_of(t) for t in territoires} - {None}
    regions = sorted(((code, corpus.regions.get(code, code)) for code in codes), key=lambda pair: pair[1])
    if any(corpus.a_l_etranger(t) for t in territoires):
        regions.append((HORS_DE_FRANCE, "Hors de France"))

    years = sorted({y for t in territoires for a, b in t.periodes(this_year) for y in range(a, b + 1)})
    return (
        '<form id="fabrique-carte-filtres" class="fabrique-carte__filtres" method="get">'
        "<fieldset><legend>Filtrer la carte et la liste</legend>"
        + _select("programme", "Programme", [(p.id, p.nom) for p in programmes])
        + _select("type", "Type de territoire", types)
        + _select("region", "Région", regions, "Toutes")
        + _select("annee", "Année", [(str(y), str(y)) for y in years], "Toutes")
        + '<p><button type="submit" class="fabrique-carte__reset">Filtrer</button> '
        '<button type="reset" class="fabrique-carte__reset">Tout afficher</button></p>'
        "</fieldset></form>"
        f'<p id="fabrique-carte-statut" class="fabrique-carte__statut" role="status">{statut(len(territoires))}</p>'
    )


def statut(n: int) -> str:
    """What the status line says when no filter is set (the page's script says it the same way)."""
    return f"Tous les territoires sont affichés ({n})."


def _legend(style_of: dict[str, carte.Style], territoires: list[Territoire]) -> str:
    items = []
    for key, style in style_of.items():
        count = sum(1 for t in territoires if t.type == key)
        if count:
            items.append(f"<li>{carte.legend_icon(style)} {escape(style.label)} ({count})</li>")
    return '<ul class="fabrique-carte__legende" aria-label="Légende">' + "".join(items) + "</ul>"


def carte_html(corpus: Corpus, type_labels: dict[str, str], src_path: str = INDEX, this_year: int | None = None) -> dict[str, Markup]:
    """The pieces of the map page: filters, map with legend, list (raw HTML, every value escaped)."""
    this_year = this_year or corpus.annee_de_reference
    territoires = sorted(corpus.territoires.values(), key=lambda t: (t.nom.casefold(), t.id))
    href = {t.id: url_from(src_path, t.url) for t in territoires}
    style_of = carte.styles(type_labels)
    items = carte.placed(territoires)
    svg = carte.marqueurs_svg(items, url_from(src_path, carte.FOND), style_of, "fabrique-carte-titre")
    return {
        "filtres": Markup(_filters(corpus, territoires, type_labels, this_year)),
        "carte": Markup(
            '<p><a class="fabrique-carte__saut" href="#fabrique-carte-liste">Passer la carte : aller à la liste des territoires</a></p>\n'
            '<figure class="fabrique-carte__figure">\n'
            f'<figcaption id="fabrique-carte-titre">Carte des territoires ({nombre(len(items), "territoire")})</figcaption>\n'
            f'{svg}\n<p class="fabrique-carte__survol" aria-hidden="true"></p>\n{_legend(style_of, territoires)}\n</figure>'
        ),
        "liste": Markup(_table(corpus, territoires, href, type_labels,
                               {p.id: i for i, p in enumerate(_programmes(territoires))}, this_year)),
        "script": Markup(f'<script src="{url_from(src_path, "assets/carte.js")}" defer></script>'),
    }


def generate(corpus: Corpus, renderer: Renderer) -> Iterator[GeneratedPage]:
    if corpus.geo_dir is None or not (corpus.geo_dir / "departements.geojson").is_file():
        return
    yield GeneratedPage(carte.FOND, carte.fond_svg(corpus.geo_dir), "fond-carte")
    type_labels = renderer.schemas.labels("territoire", "type")
    meta = {
        "title": "Carte des territoires",
        "description": f"Carte des territoires documentés par la Fabrique des transitions ({nombre(len(corpus.territoires), 'territoire')}), filtrable par programme, type, région et année.",
        "hide": ["toc"],
    }
    pieces = carte_html(corpus, type_labels)
    yield GeneratedPage(INDEX, renderer.render("carte.md.j2", INDEX, meta, source=source_credit(corpus.geo_dir), **pieces), "carte")
