"""The manifest of gabarits and the pagination of long lists, without a build."""

from __future__ import annotations

from pathlib import Path

from fabrique import gabarits
from fabrique.pages.pagination import chemin, paginer


def test_a_page_without_gabarit_is_listed_apart_and_the_404_page_is_added(tmp_path: Path) -> None:
    manifeste = gabarits.Manifeste()
    manifeste.add("territoire", "territoires/b/")
    manifeste.add("territoire", "territoires/a/")
    manifeste.add(None, "orpheline/")
    (tmp_path / "404.html").write_text("<html></html>", encoding="utf-8")
    gabarits.write(manifeste, tmp_path)
    read = gabarits.Manifeste.read(tmp_path)
    assert read.pages == {"erreur-404": ["404.html"], gabarits.SANS_GABARIT: ["orpheline/"], "territoire": ["territoires/a/", "territoires/b/"]}
    assert read.gabarit("territoires/b/") == "territoire"


def test_sample_takes_the_first_page_of_every_gabarit_then_a_seeded_draw() -> None:
    manifeste = gabarits.Manifeste({"a": [f"a/{i}/" for i in range(30)], "b": ["b/1/"], "c": []})
    sample = manifeste.echantillon(autres=5)
    assert sample[:2] == [("a", "a/0/"), ("b", "b/1/")]
    assert len(sample) == 7 and len({url for _, url in sample}) == 7
    assert sample == manifeste.echantillon(autres=5)
    assert sample != manifeste.echantillon(autres=5, graine=1)


def test_pages_of_a_list_live_beside_its_first_page() -> None:
    assert chemin("fiches/index.md", 1) == "fiches/index.md"
    assert chemin("fiches/index.md", 2) == "fiches/pages/2.md"
    assert chemin("programmes/cohorte.md", 3) == "programmes/cohorte/pages/3.md"
    tranches = paginer(list(range(95)), "fiches/index.md", par_page=40)
    assert [len(t.items) for t in tranches] == [40, 40, 15]
    assert [(t.debut, t.fin) for t in tranches] == [(1, 40), (41, 80), (81, 95)]
    assert tranches[2].titre("Fiches") == "Fiches (page 3 sur 3)"
    assert paginer([], "fiches/index.md")[0].titre("Fiches") == "Fiches"
