// vdiplo-site: a 引用 Cite control beside each passage and note of a source page. It copies the
// source's citation in APA 7, Chicago or GB/T 7714-2015 with the passage's permanent link. The
// citations are rendered when the site is built (citeproc-py and the official CSL styles, see
// writer/citations.py) into citations/<source>.cite.json; the address of the passage, unknown
// at build time, replaces the placeholder link here.
// Material's document$ re-runs this on instant navigation.
(function () {
  var loaded = {};
  var PASSAGES = '.md-typeset [id^="p-"], .md-typeset li[id^="fn:"]';

  // The source page's id, from its address (…/sources/<id>/), or null on other pages.
  function sourceId() {
    var found = location.pathname.match(/\/sources\/([a-z0-9][a-z0-9-]*)\/(?:index\.html)?$/);
    return found && found[1] !== "index" ? found[1] : null;
  }
  function load(id) {
    if (!loaded[id]) {
      var url = new URL("../../citations/" + id + ".cite.json", location.href);
      loaded[id] = fetch(url).then(function (response) {
        if (!response.ok) throw new Error(url + ": " + response.status);
        return response.json();
      });
    }
    return loaded[id];
  }
  // The passage's permanent link: this page's address with the passage's anchor.
  function permalink(el) {
    return location.origin + location.pathname + "#" + el.id;
  }
  function citation(data, style, el) {
    return data.citations[style].split(data.permalink).join(permalink(el));
  }
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var done = document.execCommand("copy");
    area.remove();
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }
  function control(data, el) {
    var box = document.createElement("span");
    box.className = "vd-cite";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "vd-cite-button";
    button.textContent = "引用";
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-label", "引用此段 Cite this passage (" + el.id + ")");
    var menu = document.createElement("span");
    menu.className = "vd-cite-menu";
    menu.hidden = true;
    menu.setAttribute("role", "group");
    menu.setAttribute("aria-label", "複製引用格式 Copy a citation");
    var status = document.createElement("span");
    status.className = "vd-cite-status";
    status.setAttribute("role", "status");
    Object.keys(data.styles).forEach(function (style) {
      var choice = document.createElement("button");
      choice.type = "button";
      choice.className = "vd-cite-style";
      choice.dataset.style = style;
      choice.textContent = data.styles[style];
      choice.addEventListener("click", function () {
        copy(citation(data, style, el)).then(
          function () {
            status.classList.remove("ignore-opencc");
            status.textContent = "已複製 Copied";
          },
          function () {
            // the reference to copy by hand, as the source writes it (never shown in Simplified)
            status.classList.add("ignore-opencc");
            status.textContent = citation(data, style, el);
          }
        );
      });
      menu.appendChild(choice);
    });
    menu.appendChild(status);
    button.addEventListener("click", function () {
      menu.hidden = !menu.hidden;
      button.setAttribute("aria-expanded", String(!menu.hidden));
      status.textContent = "";
    });
    box.appendChild(button);
    box.appendChild(menu);
    return box;
  }
  function addControls() {
    var id = sourceId();
    if (!id) return;
    load(id).then(function (data) {
      document.querySelectorAll(PASSAGES).forEach(function (el) {
        if (!el.querySelector(":scope > .vd-cite")) el.insertBefore(control(data, el), el.firstChild);
      });
    });
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(addControls);
  } else {
    document.addEventListener("DOMContentLoaded", addControls);
  }
})();
