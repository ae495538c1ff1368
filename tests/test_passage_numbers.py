"""Visible passage numbers (¶ 3-2, 註 17) in the margin: at a phone's width, on a desktop and in
print, in headless Chromium on the built site (fixtures of ``test_browser.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_browser import CHROMIUM, base_url, browser  # noqa: F401  (fixtures)

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed")

#: For each passage and note number: its text, whether it shows, and whether it stands in the
#: margin (left of its passage's text, inside the page).
NUMBERS = """() => [...document.querySelectorAll('a.vd-passage-link')].map((a) => {
    const own = a.getBoundingClientRect();
    const passage = a.parentElement.getBoundingClientRect();
    const style = getComputedStyle(a);
    return {
        id: a.parentElement.id,
        text: a.textContent,
        shown: own.width > 0 && style.visibility !== 'hidden' && Number(style.opacity) === 1,
        margin: own.right <= passage.left + 1 && own.left >= 0,
    };
})"""


@pytest.mark.parametrize(
    ("width", "media"),
    [(390, "screen"), (1280, "screen"), (390, "print"), (1280, "print")],
)
def test_every_passage_and_note_shows_its_number_in_the_margin(base_url, browser, width, media):  # noqa: F811
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.emulate_media(media=media)
    page.goto(base_url + "/sources/second-track-diplomacy-global-governance/")
    page.wait_for_selector("a.vd-passage-link")
    numbers = page.evaluate(NUMBERS)
    by_id = {number["id"]: number for number in numbers}
    assert by_id["p-7-2"]["text"] == "¶ 7-2"
    assert by_id["fn:17"]["text"] == "註 17"
    assert len(numbers) == page.locator('article [id^="p-"], article li[id^="fn:"]').count()
    hidden = [n["id"] for n in numbers if not n["shown"]]
    outside = [n["id"] for n in numbers if not n["margin"]]
    assert hidden == [] and outside == []
    page.close()


def test_a_number_is_the_passage_permalink(base_url, browser):  # noqa: F811
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(base_url + "/sources/mofa-2024-review/")
    link = page.locator("#p-0-1 > a.vd-passage-link")
    assert link.inner_text() == "¶ 0-1"
    link.click()
    assert page.evaluate("location.hash") == "#p-0-1"
    page.close()
