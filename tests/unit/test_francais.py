"""French words for values, as a reader sees them."""

from __future__ import annotations

from fabrique.francais import date_fr, taille_fr


def test_dates_in_french_with_the_first_of_the_month():
    assert date_fr("2026-11-25") == "25 novembre 2026"
    assert date_fr("2026-12-01") == "1er décembre 2026"
    assert date_fr("2024-08-11") == "11 août 2024"


def test_sizes_in_french():
    assert taille_fr(812) == "812 octets"
    assert taille_fr(12_400) == "12,4 Ko"
    assert taille_fr(3_100_000) == "3,1 Mo"


def test_counts_take_the_singular_up_to_one():
    from fabrique.francais import nombre

    assert [nombre(n, "territoire") for n in (0, 1, 2)] == ["0 territoire", "1 territoire", "2 territoires"]
    assert nombre(1, "territoire localisé", "territoires localisés") == "1 territoire localisé"
    assert nombre(3, "territoire localisé", "territoires localisés") == "3 territoires localisés"
