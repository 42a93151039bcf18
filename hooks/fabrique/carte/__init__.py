"""The map of the territories, drawn in SVG at build time (no tile server, no third-party request).

Metropolitan France and Corsica are in Lambert-93 (EPSG:2154, conic conformal); each overseas
département has an inset in its own official projection; territories abroad are placed on a strip
by longitude and latitude. Projections come from ``pyproj`` (PROJ), never from hand-written formulas.

Two outputs share one layout:

- :func:`fond_svg`: the base map (outlines of départements and régions, frames of the insets), one
  static file ``carte/fond.svg`` referenced by every map with ``<use>`` (cached once by the browser);
- :func:`marqueurs_svg` (the map page) and :func:`minicarte_svg` (territory and programme pages):
  markers placed with :func:`place`, inline in each page (on the map page, the script turns each
  marker into a link to its territory, taken from the list of the page).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Iterable, Sequence

from markupsafe import Markup

from ..francais import nombre
from ..adresses import vers as url_from
from ..model import Corpus, Programme, Territoire

#: Where the base map is published, inside the site.
FOND = "carte/fond.svg"
#: Width and height of the whole drawing, in SVG units.
WIDTH, HEIGHT = 950, 870


def text(value: object) -> str:
    """Escape text content for HTML and SVG (apostrophes and quotes need no escape there)."""
    return escape(str(value), quote=False)


def attr(value: object) -> str:
    """Escape a double-quoted attribute value."""
    return escape(str(value), quote=False).replace('"', "&quot;")


@dataclass(frozen=True)
class Cadre:
    """One frame of the map: a projection, the area it shows (lon/lat) and its box in the SVG."""

    id: str
    nom: str
    epsg: int | None  # None: the strip of territories abroad (plain longitude/latitude)
    area: tuple[float, float, float, float]  # west, south, east, north (degrees)
    box: tuple[float, float, float, float]  # x, y, width, height (SVG units)
    departement: str | None = None

    def contains(self, lat: float, lon: float, margin: float = 0.0) -> bool:
        west, south, east, north = self.area
        return west - margin <= lon <= east + margin and south - margin <= lat <= north + margin


_INSET = 140.0
_GAP = (748 - 5 * _INSET) / 4

#: The frames, insets first (a point is placed in the first frame that contains it).
CADRES: tuple[Cadre, ...] = (
    Cadre("971", "Guadeloupe", 5490, (-61.85, 15.82, -60.98, 16.53), (0, 0 * (_INSET + _GAP), _INSET, _INSET), "971"),
    Cadre("972", "Martinique", 5490, (-61.24, 14.38, -60.8, 14.9), (0, 1 * (_INSET + _GAP), _INSET, _INSET), "972"),
    Cadre("973", "Guyane", 2972, (-54.62, 2.1, -51.6, 5.8), (0, 2 * (_INSET + _GAP), _INSET, _INSET), "973"),
    Cadre("974", "La Réunion", 2975, (55.21, -21.4, 55.84, -20.86), (0, 3 * (_INSET + _GAP), _INSET, _INSET), "974"),
    Cadre("976", "Mayotte", 4471, (44.98, -13.02, 45.32, -12.63), (0, 4 * (_INSET + _GAP), _INSET, _INSET), "976"),
    Cadre("metropole", "France métropolitaine", 2154, (-5.2, 41.3, 9.6, 51.1), (150, 0, 800, 760)),
    Cadre("etranger", "Hors de France", None, (-180.0, -60.0, 180.0, 75.0), (0, 775, WIDTH, 90)),
)
METROPOLE, ETRANGER = CADRES[-2], CADRES[-1]


@lru_cache(maxsize=None)
def _transformer(epsg: int):
    from pyproj import Transformer  # imported when a map is drawn, not when the corpus is checked

    return Transformer.from_crs("EPSG:4326", f"EPSG:{epsg}", always_xy=True)


@lru_cache(maxsize=None)
def _fit(cadre: Cadre) -> tuple[float, float, float, float]:
    """Scales and offsets that fit the projected area of a frame into its box, centred.

    Projected frames keep their proportions; the strip abroad is stretched to its box.
    """
    west, south, east, north = cadre.area
    steps = [i / 20 for i in range(21)]
    lons = [west + (east - west) * s for s in steps for _ in (0, 1)] + [west, east] * 21
    lats = [south, north] * 21 + [south + (north - south) * s for s in steps for _ in (0, 1)]
    xs, ys = _project(cadre, lats, lons)
    x, y, width, height = cadre.box
    padding = 6.0
    sx = (width - 2 * padding) / (max(xs) - min(xs))
    sy = (height - 2 * padding) / (max(ys) - min(ys))
    if cadre.epsg is not None:
        sx = sy = min(sx, sy)
    dx = x + (width - (max(xs) - min(xs)) * sx) / 2 - min(xs) * sx
    dy = y + (height - (max(ys) - min(ys)) * sy) / 2 + max(ys) * sy
    return sx, sy, dx, dy


def _project(cadre: Cadre, lats: Sequence[float], lons: Sequence[float]) -> tuple[list[float], list[float]]:
    if cadre.epsg is None:
        return list(lons), list(lats)
    xs, ys = _transformer(cadre.epsg).transform(list(lons), list(lats))
    return list(xs), list(ys)


def cadre_of(lat: float, lon: float) -> Cadre:
    """The frame where a position is drawn: an inset, metropolitan France, else the strip abroad."""
    for cadre in CADRES:
        if cadre.departement and cadre.contains(lat, lon, 0.3):
            return cadre
    return METROPOLE if METROPOLE.contains(lat, lon, 0.5) else ETRANGER


def place_many(cadre: Cadre, lats: Sequence[float], lons: Sequence[float]) -> list[tuple[float, float]]:
    """SVG coordinates of positions drawn in one frame."""
    sx, sy, dx, dy = _fit(cadre)
    xs, ys = _project(cadre, lats, lons)
    return [(dx + x * sx, dy - y * sy) for x, y in zip(xs, ys)]


def place(lat: float, lon: float) -> tuple[float, float]:
    """SVG coordinates of one position (latitude, longitude in WGS84)."""
    return place_many(cadre_of(lat, lon), [lat], [lon])[0]


# --- The base map -----------------------------------------------------------------------------


def _path(rings: Iterable[list[tuple[float, float]]]) -> str:
    """A compact SVG path: absolute move, then relative lines in tenths of a unit, per ring."""
    parts: list[str] = []
    for ring in rings:
        points: list[tuple[int, int]] = []
        for x, y in ring:
            point = (round(x * 10), round(y * 10))
            if not points or point != points[-1]:
                points.append(point)
        if len(points) > 1 and points[0] == points[-1]:
            points.pop()
        if len(points) < 3:
            continue
        moves = [_tenths(v) for a, b in zip(points, points[1:]) for v in (b[0] - a[0], b[1] - a[1])]
        parts.append(f"M{_tenths(points[0][0])} {_tenths(points[0][1])}l" + _numbers(moves) + "z")
    return "".join(parts)


def _numbers(tokens: list[str]) -> str:
    """Numbers of a path, with the separators the SVG grammar needs and no more.

    A sign starts a new number, and so does a second decimal point ("1.5.5" is 1.5 then .5).
    """
    out: list[str] = []
    previous = ""
    for token in tokens:
        if out and not (token[0] == "-" or (token[0] == "." and "." in previous)):
            out.append(" ")
        out.append(token)
        previous = token
    return "".join(out)


def _tenths(value: int) -> str:
    """Tenths as a short decimal: 12 -> "1.2", -3 -> "-.3", 40 -> "4"."""
    sign = "-" if value < 0 else ""
    units, tenths = divmod(abs(value), 10)
    if tenths == 0:
        return f"{sign}{units}"
    return f"{sign}{units if units else ''}.{tenths}"


def _feature_rings(feature: dict, cadre: Cadre) -> list[list[tuple[float, float]]]:
    rings = []
    for polygon in feature["geometry"]["coordinates"]:
        for ring in polygon:
            lons = [point[0] for point in ring]
            lats = [point[1] for point in ring]
            rings.append(place_many(cadre, lats, lons))
    return rings


def _feature_cadre(code: str) -> Cadre:
    return next((c for c in CADRES if c.departement == code), METROPOLE)


def fond_svg(geo_dir: Path, departements_dessines: bool = True) -> str:
    """The base map: départements (one path each, ``data-code``), régions' borders, frames.

    Without ``departements_dessines``, the régions are filled instead (a lighter picture).
    """
    departements = json.loads((geo_dir / "departements.geojson").read_text(encoding="utf-8"))["features"]
    regions = json.loads((geo_dir / "regions.geojson").read_text(encoding="utf-8"))["features"]
    region_cadre = {}
    for feature in departements:
        region_cadre[feature["properties"]["region"]] = _feature_cadre(feature["properties"]["code"])
    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}">',
        '<g id="fond">',
        '<g class="cadres" style="fill:var(--fabrique-carte-mer,#eef4f8);stroke:var(--fabrique-carte-cadre,#8a9aa6);stroke-width:1">',
    ]
    for cadre in CADRES:
        x, y, width, height = cadre.box
        if cadre.id != "metropole":
            lines.append(f'<rect x="{x:g}" y="{y:g}" width="{width:g}" height="{height:g}" rx="4"/>')
    lines.append("</g>")
    lines.append('<g class="departements" style="fill:var(--fabrique-carte-terre,#dfe8df);stroke:var(--fabrique-carte-limite,#fff);stroke-width:.6;stroke-linejoin:round">')
    for feature in departements if departements_dessines else []:
        code = feature["properties"]["code"]
        d = _path(_feature_rings(feature, _feature_cadre(code)))
        lines.append(f'<path id="d{code}" data-code="{code}" d="{d}"/>')
    lines.append("</g>")
    region_paths = "".join(_path(_feature_rings(f, region_cadre[f["properties"]["code"]])) for f in regions)
    fill = "none" if departements_dessines else "var(--fabrique-carte-terre,#dfe8df)"
    lines.append(f'<path class="regions" style="fill:{fill};stroke:var(--fabrique-carte-region,#6b7f70);stroke-width:1;stroke-linejoin:round" d="{region_paths}"/>')
    (x0, equator), (x1, _) = place_many(ETRANGER, [0.0, 0.0], [ETRANGER.area[0], ETRANGER.area[2]])
    lines.append(f'<path d="M{x0:.0f} {equator:.1f}H{x1:.0f}" style="fill:none;stroke:var(--fabrique-carte-cadre,#8a9aa6);stroke-dasharray:4 4;stroke-width:.6"/>')
    lines.append('<g class="noms" style="font:11px sans-serif;fill:var(--fabrique-carte-texte,#2d3a33)">')
    for cadre in CADRES:
        x, y, _, height = cadre.box
        if cadre.id != "metropole":
            lines.append(f'<text x="{x + 5:g}" y="{y + height - 5:g}">{escape(cadre.nom)}</text>')
    lines.append(f'<text x="{x1 - 5:.0f}" y="{equator - 3:.1f}" style="text-anchor:end">équateur</text>')
    lines.append("</g></g></svg>")
    return "\n".join(lines) + "\n"


# --- Markers ----------------------------------------------------------------------------------

#: Marker shapes (paths centred on 0,0, about 15 units across) and colours (dark enough for 3:1
#: against the land colour, with a dark outline). A type gets the style of its rank in the schema.
SHAPES = (
    "M7 0A7 7 0 1 1-7 0A7 7 0 1 1 7 0z",  # circle
    "M-6-6h12v12h-12z",  # square
    "M0-8L8 0 0 8-8 0z",  # diamond
    "M0-8L7.5 6h-15z",  # triangle
    "M0 8L7.5-6h-15z",  # triangle pointing down
    "M7.5 0L3.8 6.5h-7.6L-7.5 0l3.7-6.5h7.6z",  # hexagon
    "M-2.6-7.5h5.2v4.9h4.9v5.2h-4.9v4.9h-5.2v-4.9h-4.9v-5.2h4.9z",  # cross
    "M-7 0L6-7.5v15z",  # triangle pointing left
    "M0-8L7.6-2.5 4.7 6.5h-9.4L-7.6-2.5z",  # pentagon
    "M7 0L-6-7.5v15z",  # triangle pointing right
)
COLORS = ("#0b5fa5", "#b1450f", "#00735a", "#7b3f98", "#9a2a4b", "#5c5c00", "#1f4e79", "#8c4a00", "#3d6b1f", "#6a2c70")


@dataclass(frozen=True)
class Style:
    key: str
    label: str
    shape: str
    color: str
    rank: int

    @property
    def symbol_id(self) -> str:
        return f"m{self.rank}"


def styles(labels: dict[str, str]) -> dict[str, Style]:
    """One marker style per territory type, in the order of the schema."""
    return {
        key: Style(key, label, SHAPES[index % len(SHAPES)], COLORS[index % len(COLORS)], index)
        for index, (key, label) in enumerate(labels.items())
    }


def symbol_svg(style: Style) -> str:
    return f'<path id="{style.symbol_id}" d="{style.shape}" style="fill:{style.color}"/>'


def legend_icon(style: Style) -> str:
    return (f'<svg class="fabrique-carte__icone" viewBox="-9 -9 18 18" width="16" height="16" aria-hidden="true" focusable="false">'
            f'<path d="{style.shape}" style="fill:{style.color}"/></svg>')


def placed(territoires: Iterable[Territoire]) -> list[tuple[Territoire, float, float]]:
    """Territories with a position, and their SVG coordinates."""
    result = []
    for territoire in territoires:
        if territoire.position is None:
            continue
        x, y = place(*territoire.position)
        result.append((territoire, x, y))
    return result


def marqueurs_svg(items: list[tuple[Territoire, float, float]], fond: str, style_of: dict[str, Style], label_id: str) -> str:
    """The map of the map page: the base map and one marker per territory, in the order of ``items``.

    Markers are bare ``<use>`` (about 37 bytes each, so that 1,500 territories stay within the
    page's weight): the list of the page holds each territory's link and name, in the same order,
    and the page's script wraps marker *i* in a link to row *i*'s territory, named after it.
    Without JavaScript the map is complete (every marker, legend) and the list carries the links.
    """
    used = sorted({t.type for t, _, _ in items}, key=list(style_of).index)
    parts = [
        f'<svg class="fabrique-carte__svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{label_id}">',
        "<defs>" + "".join(symbol_svg(style_of[key]) for key in used) + "</defs>",
        f'<use href="{escape(fond)}#fond" aria-hidden="true"/>',
        '<g class="fabrique-carte__marqueurs">',
    ]
    for territoire, x, y in items:
        parts.append(f'<use href="#{style_of[territoire.type].symbol_id}" x="{_short(x)}" y="{_short(y)}"/>')
    parts.append("</g></svg>")
    return "\n".join(parts)


def _short(value: float) -> str:
    """A coordinate to a tenth of a unit, without a useless ".0"."""
    return f"{round(value, 1):g}"


def minicarte_svg(items: list[tuple[Territoire, float, float]], fond: str, titre: str | None, title_id: str | None) -> str:
    """A small static map, the base map cropped to the frames of the positions: an image named by
    ``titre`` (``role="img"``), or hidden from assistive technologies when ``titre`` is None (its
    caption then says the same in words)."""
    boxes = [cadre_of(*territoire.position).box for territoire, _, _ in items if territoire.position]
    left = min(b[0] for b in boxes)
    top = min(b[1] for b in boxes)
    right = max(b[0] + b[2] for b in boxes)
    bottom = max(b[1] + b[3] for b in boxes)
    radius = max(right - left, bottom - top) / 55
    circles = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}"/>' for _, x, y in items)
    if titre is None:
        named = 'aria-hidden="true" focusable="false">'
    else:
        named = f'role="img" aria-labelledby="{title_id}"><title id="{title_id}">{text(titre)}</title>'
    return (
        f'<svg class="fabrique-minicarte__svg" viewBox="{left:g} {top:g} {right - left:g} {bottom - top:g}" {named}'
        f'<use href="{attr(fond)}#fond"/>'
        f'<g class="fabrique-minicarte__points">{circles}</g></svg>'
    )


def minicarte(corpus: Corpus, territoires: list[Territoire], src_path: str, programme: Programme | None = None) -> Markup:
    """A small map of one territory, or of the territories of a programme, with its text equivalent.

    A programme's map (several points) is an image named by its title, whose equivalent is the list
    of its territories by région in the caption. A territory's map shows one point whose place the
    caption (and the page's "Localisation") says in words: the drawing adds nothing for a screen
    reader, so it is hidden from it (``aria-hidden``) and the caption is the text.
    """
    items = placed(territoires)
    if not items:
        return Markup("")
    fond = url_from(src_path, FOND)
    carte_url = url_from(src_path, "carte/")
    if programme is not None:
        titre = f"Carte du programme {programme.nom} : {nombre(len(items), 'territoire localisé', 'territoires localisés')}"
        groups: dict[str, list[str]] = {}
        for territoire, _, _ in items:
            region = corpus.regions.get(corpus.region_of(territoire) or "", "")
            name = region or ("hors de France" if corpus.a_l_etranger(territoire) else "sans région")
            groups.setdefault(name, []).append(territoire.nom)
        ordered = sorted(groups.items(), key=lambda pair: (-len(pair[1]), pair[0]))
        liste = "".join(f"<li>{escape(name)} ({len(noms)}) : {escape(', '.join(sorted(noms, key=str.casefold)))}</li>"
                        for name, noms in ordered)
        texte = (f"{len(items)} territoire{'s' if len(items) > 1 else ''} sur la carte, par région :"
                 f"<ul>{liste}</ul>"
                 f'<a href="{escape(carte_url)}?programme={escape(programme.id)}">Voir ces territoires sur la grande carte</a>.')
        svg = minicarte_svg(items, fond, titre, "fabrique-minicarte-titre")
    else:
        territoire = items[0][0]
        lieu = corpus.lieu(territoire)
        if not lieu and territoire.position is not None:
            lat, lon = territoire.position
            lieu = f"latitude {lat:.2f}, longitude {lon:.2f}".replace(".", ",")
        texte = (f"{escape(territoire.nom)} : {escape(lieu)}"
                 f'. <a href="{escape(carte_url)}">Voir la carte de tous les territoires</a>.')
        svg = minicarte_svg(items, fond, None, None)
    return Markup(f'<figure class="fabrique-minicarte">{svg}<figcaption>{texte}</figcaption></figure>')
