"""The PDF's helpers: French typography (narrow no-break spaces, never inside addresses or code) and its file fetcher."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from fabrique.typographie import FINE, composer, espaces_fines


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("Compétences : foncier", f"Compétences{FINE}: foncier"),
        ("Pourquoi?", f"Pourquoi{FINE}?"),
        ("Enfin !", f"Enfin{FINE}!"),
        ("sobriété ; coopération", f"sobriété{FINE}; coopération"),
        ("Vraiment ?!", f"Vraiment{FINE}?!"),
        ("« un New Deal »", f"«{FINE}un New Deal{FINE}»"),
        ("«territoire»", f"«{FINE}territoire{FINE}»"),
        ("titre :", f"titre{FINE}:"),
        ("déjà\u00a0: typographié", f"déjà{FINE}: typographié"),
    ],
)
def test_narrow_spaces_before_high_punctuation(texte: str, attendu: str) -> None:
    assert espaces_fines(texte) == attendu


@pytest.mark.parametrize(
    "texte",
    [
        "https://example.org/page?x=1;y=2",
        "http://127.0.0.1:8000/guide/",
        "mailto:contact@example.org",
        "rendez-vous à 10:30",
        "ratio 3:2",
    ],
)
def test_addresses_hours_and_ratios_are_left_alone(texte: str) -> None:
    assert espaces_fines(texte) == texte


def test_address_inside_a_sentence_keeps_its_colon_and_query() -> None:
    texte = "Voir https://exemple.fr/a?b=c : la page"
    assert espaces_fines(texte) == f"Voir https://exemple.fr/a?b=c{FINE}: la page"


def test_idempotent() -> None:
    once = espaces_fines("Quoi ? « Oui » : bien ; non !")
    assert espaces_fines(once) == once
    assert once.count(FINE) == 6


def test_composer_changes_text_nodes_but_not_code_nor_attributes() -> None:
    soup = BeautifulSoup(
        '<p>Note : <a href="https://x.fr/?a=1">lien ?</a> <code>a ? b : c</code></p><pre>x : y</pre>',
        "html.parser",
    )
    composer(soup)
    assert soup.p.contents[0] == f"Note{FINE}: "
    assert soup.a["href"] == "https://x.fr/?a=1"
    assert soup.a.get_text() == f"lien{FINE}?"
    assert soup.code.get_text() == "a ? b : c"
    assert soup.pre.get_text() == "x : y"


def test_pdf_fetcher_reads_only_files_of_the_built_site(tmp_path) -> None:
    from fabrique.pdf import _fetcher

    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "style.css").write_text("p{}", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("non", encoding="utf-8")
    fetch = _fetcher(tmp_path / "site")
    assert fetch((tmp_path / "site" / "style.css").as_uri()).status in (None, 200)
    for url in ((tmp_path / "secret.txt").as_uri(), "https://fonts.example/font.woff2", "http://127.0.0.1/x.png"):
        with pytest.raises(ValueError, match="ressource refusée"):
            fetch(url)
