"""The map of the territories, drawn in SVG at build time (no tile server, no third-party request).

Metropolitan France and Corsica are in Lambert-93 (EPSG:2154, conic conformal); each overseas
département has an inset in its own official projection; territories abroad are placed on a strip
by longitude and latitude. Projections come from ``pyproj`` (PROJ), never from hand-written formulas.

Two outputs share one layout:

- :func:`fond_svg`: the base map (outlines of départements and régions, frames of the insets), one
  static file ``carte/fond.svg`` referenced by every map with ``<use>`` (cached once by the browser);
- :func:`marqueurs` and :func:`minicarte`: markers placed with :func:`Layout.place`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Iterable, Sequence

from pyproj import Transformer

from .model import Territoire

#: Where the base map is published, inside the site.
FOND = "carte/fond.svg"
#: Width and height of the whole drawing, in SVG units.
WIDTH, HEIGHT = 950, 870


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


@lru_cache(maxsize=None)
def _transformer(epsg: int) -> Transformer:
    return Transformer.from_crs("EPSG:4326", f"EPSG:{epsg}", always_xy=True)


@lru_cache(maxsize=None)
def _fit(cadre: Cadre) -> tuple[float, float, float]:
    """Scale and offsets that fit the projected area of a frame into its box, centred."""
    west, south, east, north = cadre.area
    steps = [i / 20 for i in range(21)]
    lons = [west + (east - west) * s for s in steps for _ in (0, 1)] + [west, east] * 21
    lats = [south, north] * 21 + [south + (north - south) * s for s in steps for _ in (0, 1)]
    xs, ys = _project(cadre, lats, lons)
    x, y, width, height = cadre.box
    padding = 6.0
    scale = min((width - 2 * padding) / (max(xs) - min(xs)), (height - 2 * padding) / (max(ys) - min(ys)))
    dx = x + (width - (max(xs) - min(xs)) * scale) / 2 - min(xs) * scale
    dy = y + (height - (max(ys) - min(ys)) * scale) / 2 + max(ys) * scale
    return scale, dx, dy


def _project(cadre: Cadre, lats: Sequence[float], lons: Sequence[float]) -> tuple[list[float], list[float]]:
    if cadre.epsg is None:
        return list(lons), list(lats)
    xs, ys = _transformer(cadre.epsg).transform(list(lons), list(lats))
    return list(xs), list(ys)


def cadre_of(lat: float, lon: float, departement: str | None = None) -> Cadre:
    """The frame where a position is drawn."""
    for cadre in CADRES:
        if cadre.departement and (departement == cadre.departement or cadre.contains(lat, lon, 0.3)):
            return cadre
    metropole = CADRES[-2]
    return metropole if metropole.contains(lat, lon, 0.5) else CADRES[-1]


def place_many(cadre: Cadre, lats: Sequence[float], lons: Sequence[float]) -> list[tuple[float, float]]:
    """SVG coordinates of positions drawn in one frame."""
    scale, dx, dy = _fit(cadre)
    xs, ys = _project(cadre, lats, lons)
    return [(dx + x * scale, dy - y * scale) for x, y in zip(xs, ys)]


def place(lat: float, lon: float, departement: str | None = None) -> tuple[float, float]:
    """SVG coordinates of one position (latitude, longitude in WGS84)."""
    return place_many(cadre_of(lat, lon, departement), [lat], [lon])[0]


# --- The base map -----------------------------------------------------------------------------


def _path(rings: Iterable[list[tuple[float, float]]]) -> str:
    """A compact SVG path: absolute move, then integer relative lines, per ring."""
    parts: list[str] = []
    for ring in rings:
        points: list[tuple[int, int]] = []
        for x, y in ring:
            point = (round(x), round(y))
            if not points or point != points[-1]:
                points.append(point)
        if len(points) > 1 and points[0] == points[-1]:
            points.pop()
        if len(points) < 3:
            continue
        (x0, y0), moves = points[0], []
        previous = points[0]
        for point in points[1:]:
            moves.append(f"{point[0] - previous[0]} {point[1] - previous[1]}")
            previous = point
        parts.append(f"M{x0} {y0}l" + " ".join(moves) + "z")
    return "".join(parts).replace(" -", "-")


def _feature_rings(feature: dict, cadre: Cadre) -> list[list[tuple[float, float]]]:
    rings = []
    for polygon in feature["geometry"]["coordinates"]:
        for ring in polygon:
            lons = [point[0] for point in ring]
            lats = [point[1] for point in ring]
            rings.append(place_many(cadre, lats, lons))
    return rings


def _feature_cadre(code: str) -> Cadre:
    return next((c for c in CADRES if c.departement == code), CADRES[-2])


def fond_svg(geo_dir: Path) -> str:
    """The base map: départements (one path each, ``data-code``), régions' borders, frames."""
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
    for feature in departements:
        code = feature["properties"]["code"]
        d = _path(_feature_rings(feature, _feature_cadre(code)))
        lines.append(f'<path id="d{code}" data-code="{code}" d="{d}"/>')
    lines.append("</g>")
    region_paths = "".join(_path(_feature_rings(f, region_cadre[f["properties"]["code"]])) for f in regions)
    lines.append(f'<path class="regions" style="fill:none;stroke:var(--fabrique-carte-region,#6b7f70);stroke-width:1;stroke-linejoin:round" d="{region_paths}"/>')
    lines.append('<g class="noms" style="font:11px sans-serif;fill:var(--fabrique-carte-texte,#2d3a33)">')
    for cadre in CADRES:
        x, y, _, height = cadre.box
        if cadre.id != "metropole":
            lines.append(f'<text x="{x + 5:g}" y="{y + height - 5:g}">{escape(cadre.nom)}</text>')
    lines.append("</g></g></svg>")
    return "\n".join(lines) + "\n"
