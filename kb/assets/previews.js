// vdiplo-site: a preview of an entity link (its name, English name, type, one defining sentence
// where a source gives one, and its mention count) on hover, keyboard focus or a long press,
// without leaving the page; placed by Floating UI (vendored, assets/floating-ui.*). A switch at
// the top of the article turns the styling of entity links off for plain reading.
// Material's document$ re-runs this on instant navigation.
(function () {
  var data = null;
  var STYLE_KEY = "vdiplo.entityLinks";

  function siteRoot() {
    var config = document.getElementById("__config");
    var base = config ? JSON.parse(config.textContent).base : ".";
    return new URL(base.replace(/\/?$/, "/"), location.href);
  }
  function load() {
    if (!data) {
      data = fetch(new URL("previews.json", siteRoot())).then(function (response) {
        if (!response.ok) throw new Error("previews.json: " + response.status);
        return response.json();
      });
    }
    return data;
  }
  // The entity page a link points to, as a key of previews.json (countries/japan), or null.
  function keyOf(link, root) {
    var url = new URL(link.getAttribute("href"), location.href);
    if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) return null;
    return url.pathname.slice(root.pathname.length).replace(/(\/index\.html|\.html|\/)$/, "");
  }
  function tooltip() {
    var tip = document.getElementById("vd-preview");
    if (!tip) {
      tip = document.createElement("div");
      tip.id = "vd-preview";
      tip.className = "vd-preview";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      document.body.appendChild(tip);
    }
    return tip;
  }
  function line(tip, className, text) {
    var el = document.createElement("div");
    el.className = className;
    el.textContent = text;
    tip.appendChild(el);
  }
  function show(link, entry) {
    var tip = tooltip();
    tip.textContent = "";
    line(tip, "vd-preview-name", entry.name + (entry.english ? " " + entry.english : ""));
    line(tip, "vd-preview-type", entry.type + " · " + entry.mentions + " 次提及 mentions");
    if (entry.definition) line(tip, "vd-preview-definition", entry.definition);
    tip.hidden = false;
    link.setAttribute("aria-describedby", "vd-preview");
    var ui = window.FloatingUIDOM;
    ui.computePosition(link, tip, {
      placement: "top",
      middleware: [ui.offset(6), ui.flip(), ui.shift({ padding: 8 })],
    }).then(function (place) {
      tip.style.left = place.x + "px";
      tip.style.top = place.y + "px";
    });
  }
  function hide(link) {
    tooltip().hidden = true;
    if (link) link.removeAttribute("aria-describedby");
  }
  function attach(link, entry) {
    var pressed = null;
    var opened = false;
    link.classList.add("vd-entity");
    link.addEventListener("mouseenter", function () { show(link, entry); });
    link.addEventListener("mouseleave", function () { hide(link); });
    link.addEventListener("focus", function () { show(link, entry); });
    link.addEventListener("blur", function () { hide(link); });
    link.addEventListener("keydown", function (event) { if (event.key === "Escape") hide(link); });
    // A long press on a touch screen shows the preview; the tap that ends it does not follow.
    link.addEventListener("touchstart", function () {
      opened = false;
      pressed = setTimeout(function () { opened = true; show(link, entry); }, 500);
    }, { passive: true });
    link.addEventListener("touchend", function () { clearTimeout(pressed); });
    link.addEventListener("click", function (event) { if (opened) { event.preventDefault(); opened = false; } });
  }
  function applyStyling(plain) {
    document.documentElement.classList.toggle("vd-plain-entities", plain);
  }
  function addSwitch(article) {
    if (article.querySelector(".vd-entity-switch")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "vd-entity-switch";
    var plain = localStorage.getItem(STYLE_KEY) === "plain";
    function label() {
      button.setAttribute("aria-pressed", String(!plain));
      button.textContent = plain ? "顯示實體連結 Show entity links" : "隱藏實體連結樣式 Plain entity links";
    }
    button.addEventListener("click", function () {
      plain = !plain;
      localStorage.setItem(STYLE_KEY, plain ? "plain" : "styled");
      applyStyling(plain);
      label();
    });
    label();
    applyStyling(plain);
    article.insertBefore(button, article.firstChild);
  }
  function onPage() {
    var article = document.querySelector("article.md-content__inner");
    if (!article || !window.FloatingUIDOM) return;
    load().then(function (entries) {
      var root = siteRoot();
      var found = false;
      article.querySelectorAll("a[href]").forEach(function (link) {
        if (link.classList.contains("vd-entity")) return;
        var key = keyOf(link, root);
        if (key && entries[key]) { attach(link, entries[key]); found = true; }
      });
      if (found) addSwitch(article);
    });
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(onPage);
  } else {
    document.addEventListener("DOMContentLoaded", onPage);
  }
})();
