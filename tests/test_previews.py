"""Entity-link previews in headless Chromium on the built site: a preview opens on hover and on
keyboard focus with the entity's name, English name, type and mention count, and a switch turns
the styling of entity links off; the data comes from the knowledge base."""

from __future__ import annotations

import json

from test_browser import base_url, browser  # noqa: F401  (fixtures)

LINK = '#p-3-2 a[href$="/actors/nato/"]'


def test_preview_data_is_the_knowledge_bases(real_files, real_kb):
    data = json.loads(real_files["previews.json"].text)
    nato = data["actors/nato"]
    assert nato["name"] == real_kb.entity("nato").name and nato["english"] == real_kb.entity("nato").english
    assert nato["mentions"] == len(real_kb.mentions_by_entity["nato"])
    for key, entry in data.items():
        definitions = real_kb.definitions.get(key.rsplit("/", 1)[1], ())
        assert (entry["definition"] is None) == (not definitions), key


def test_preview_opens_on_hover_and_on_keyboard_focus(base_url, browser):  # noqa: F811
    page = browser.new_page(viewport={"width": 1100, "height": 800})
    page.goto(base_url + "/sources/chen-taiwan-japan-community-of-values/")
    link = page.locator(LINK).first
    link.wait_for()
    page.wait_for_selector(LINK + ".vd-entity")
    tip = page.locator("#vd-preview")
    link.hover()
    tip.wait_for(state="visible")
    assert "北大西洋公約組織" in tip.inner_text() and "NATO" in tip.inner_text()
    assert "mentions" in tip.inner_text()
    assert link.get_attribute("aria-describedby") == "vd-preview"
    page.mouse.move(0, 0)
    tip.wait_for(state="hidden")
    link.focus()
    tip.wait_for(state="visible")
    box, anchor = tip.bounding_box(), link.bounding_box()
    assert box["y"] + box["height"] <= anchor["y"] + 1 or box["y"] >= anchor["y"] + anchor["height"] - 1
    page.keyboard.press("Escape")
    tip.wait_for(state="hidden")
    page.close()


def test_a_switch_turns_entity_link_styling_off(base_url, browser):  # noqa: F811
    page = browser.new_page()
    page.goto(base_url + "/sources/chen-taiwan-japan-community-of-values/")
    page.wait_for_selector(LINK + ".vd-entity")
    decoration = f"getComputedStyle(document.querySelector('{LINK}')).textDecorationLine"
    assert page.evaluate(decoration) == "underline"
    page.click(".vd-entity-switch")
    assert page.evaluate(decoration) == "none"
    assert page.get_attribute(".vd-entity-switch", "aria-pressed") == "false"
    page.reload()
    page.wait_for_selector(LINK + ".vd-entity")
    assert page.evaluate(decoration) == "none"  # the choice is remembered
    page.click(".vd-entity-switch")
    assert page.evaluate(decoration) == "underline"
    page.close()
