"""The copy button in Chromium: reached with the keyboard, it puts the French citation on the clipboard."""

from __future__ import annotations

import pytest

from citables import ROOT, corpus_of

CITABLE = sorted((r for r in corpus_of(ROOT).ressources if r.citable), key=lambda r: r.src_path)


@pytest.fixture
def clipboard_page(browser, site_url):
    from conftest import PageWatch

    context = browser.new_context(locale="fr-FR", permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    tab.watch = PageWatch(tab, site_url)
    try:
        yield tab
    finally:
        context.close()


def focus_by_keyboard(page, selector: str, limit: int = 200) -> int:
    """Press Tab until the element is focused; return how many presses it took."""
    page.locator("body").focus()
    for count in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement === document.querySelector(s)", selector):
            return count
    raise AssertionError(f"{selector} n'est pas atteignable au clavier en {limit} tabulations")


@pytest.mark.browser
@pytest.mark.parametrize("ressource", CITABLE[:3], ids=lambda r: r.id)
def test_copy_button_puts_the_citation_on_the_clipboard_with_the_keyboard(clipboard_page, site_url, ressource):
    page = clipboard_page
    page.goto(f"{site_url}/{ressource.url}")
    page.locator('[data-md-component="toc"] a', has_text="Citer cette ressource").click()
    assert page.url.endswith("#fabrique-citer-titre")
    button = page.get_by_role("button", name="Copier la citation")
    assert button.is_visible()
    focus_by_keyboard(page, ".fabrique-citer__copier")
    page.keyboard.press("Enter")
    status = page.get_by_role("status")
    status.filter(has_text="Citation copiée").wait_for(timeout=5000)
    copied = page.evaluate("navigator.clipboard.readText()")
    shown = " ".join(page.locator("#fabrique-citation-texte").inner_text().split())
    assert copied == shown
    author = page.locator('meta[name="citation_author"]').first.get_attribute("content")
    assert copied.startswith(author)
    assert f"{' '.join(ressource.titre.split())} [" in copied
    assert copied.endswith(f"/{ressource.url} (consulté le …).")
    assert page.watch.console_errors == []
    assert page.watch.foreign_requests == []


@pytest.mark.browser
def test_downloads_and_the_bibliography_are_served(clipboard_page, site_url):
    page = clipboard_page
    ressource = CITABLE[0]
    page.goto(f"{site_url}/{ressource.url}")
    for label in ("BibTeX", "RIS", "CSL-JSON"):
        href = page.get_by_role("link", name=label, exact=True).get_attribute("href")
        response = page.request.get(page.url + href if not href.startswith("http") else href)
        assert response.ok and ressource.id in response.text()
    page.get_by_role("link", name="Bibliographie de tout le corpus").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1, name="Citer le corpus").is_visible()


@pytest.mark.browser
def test_without_clipboard_permission_the_citation_is_selected_and_the_reader_told(page, site_url):
    ressource = CITABLE[0]
    page.goto(f"{site_url}/{ressource.url}")
    page.evaluate("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.get_by_role("button", name="Copier la citation").click()
    page.get_by_role("status").filter(has_text="copiez-la avec Ctrl+C").wait_for(timeout=5000)
    selected = page.evaluate("window.getSelection().toString()")
    assert " ".join(selected.split()) == " ".join(page.locator("#fabrique-citation-texte").inner_text().split())
