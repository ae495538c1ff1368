// vdiplo-site: a header button (简/繁) that shows the whole site in Simplified characters and
// back. The pages are written in the sources' Traditional characters; the Simplified display is
// a conversion in the reader's browser by the vendored opencc-js (OpenCC's Taiwan-to-Simplified
// dictionaries), loaded from this script's folder only once a reader asks for it. The choice is
// kept in localStorage ("vd-script") and applied on every page.
//
// Everything a reader sees is converted: the page's text, its title (<title>), the attributes
// that are read out or shown (title, placeholder, aria-label, alt), and, while Simplified is on,
// whatever other scripts add or change later (search results, entity previews, table and
// network controls), through a MutationObserver. Text drawn on a canvas is asked for through
// window.vdScript.text() and redrawn on the "vd-script" event (network.js). Never converted: scripts and styles, text fields and what the search box
// echoes of the reader's own query (.md-search__suggest), elements marked .ignore-opencc, and
// elements in a language other than Chinese. Each converted text and attribute keeps its
// original, so switching back restores the Traditional text exactly; only nodeValue and
// attribute values are written, never HTML.
(function () {
  var here = document.currentScript ? document.currentScript.src.replace(/[^/]*$/, "") : "";
  var LIBRARY = "vendor/opencc-js-1.4.2/t2cn.js";
  var KEY = "vd-script";
  var ATTRIBUTES = ["title", "placeholder", "aria-label", "alt"];
  var SKIP = 'script, style, noscript, template, textarea, .ignore-opencc, .md-search__suggest, [lang]:not([lang^="zh"])';
  var convert = null; // Traditional (Taiwan) -> Simplified, once the library is loaded
  var wanted = false; // the reader's choice
  var simplified = false; // what the page shows
  var texts = new Map(); // text node -> { original, shown }
  var attributes = new Map(); // element -> { name: { original, shown } }
  var lang = null; // the page's own lang attribute
  var observer = new MutationObserver(onMutations);
  var loading = null;

  function stored() {
    try {
      return localStorage.getItem(KEY) === "simplified";
    } catch (e) {
      return false;
    }
  }

  function store(simplified) {
    try {
      if (simplified) localStorage.setItem(KEY, "simplified");
      else localStorage.removeItem(KEY);
    } catch (e) {
      /* storage refused (private mode): the choice lasts for this page only */
    }
  }

  function loadLibrary() {
    if (window.OpenCC) return Promise.resolve(window.OpenCC);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = here + LIBRARY;
        script.onload = function () { resolve(window.OpenCC); };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function skipped(node) {
    var element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    return !element || element.closest(SKIP) !== null;
  }

  // Show one text node converted, keeping its original; a text another script wrote since the
  // last conversion becomes the new original.
  function convertText(node) {
    var record = texts.get(node);
    var value = node.nodeValue;
    if ((record && value === record.shown) || !value.trim()) return;
    var shown = convert(value);
    texts.set(node, { original: value, shown: shown });
    if (shown !== value) node.nodeValue = shown;
  }

  function convertAttribute(element, name) {
    var value = element.getAttribute(name);
    if (value === null) return;
    var saved = attributes.get(element) || {};
    if (saved[name] && value === saved[name].shown) return;
    var shown = convert(value);
    saved[name] = { original: value, shown: shown };
    attributes.set(element, saved);
    if (shown !== value) element.setAttribute(name, shown);
  }

  function convertElement(element) {
    ATTRIBUTES.forEach(function (name) { convertAttribute(element, name); });
  }

  // Convert a node and everything under it, leaving out the SKIP subtrees.
  function convertTree(root) {
    if (skipped(root)) return;
    if (root.nodeType === Node.TEXT_NODE) return convertText(root);
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    convertElement(root);
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        if (node.nodeType === Node.ELEMENT_NODE && node.matches(SKIP)) return NodeFilter.FILTER_REJECT;
        return NodeFilter.FILTER_ACCEPT;
      },
    });
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) convertText(node);
      else convertElement(node);
    }
  }

  function onMutations(records) {
    records.forEach(function (record) {
      var target = record.target;
      if (record.type === "childList") {
        record.addedNodes.forEach(function (node) { if (node.isConnected) convertTree(node); });
      } else if (target.isConnected && !skipped(target)) {
        if (record.type === "characterData") convertText(target);
        else convertAttribute(target, record.attributeName);
      }
    });
  }

  function announce() {
    document.dispatchEvent(new CustomEvent("vd-script", { detail: { simplified: simplified } }));
  }

  function toSimplified() {
    var root = document.documentElement;
    lang = root.getAttribute("lang");
    root.setAttribute("lang", "zh-CN");
    convertTree(root);
    observer.observe(root, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ATTRIBUTES,
    });
    simplified = true;
    announce();
  }

  // Put back every original whose converted form is still shown (also in nodes other scripts
  // have taken out of the page and may put back).
  function toTraditional() {
    onMutations(observer.takeRecords());
    observer.disconnect();
    texts.forEach(function (record, node) {
      if (node.nodeValue === record.shown) node.nodeValue = record.original;
    });
    attributes.forEach(function (saved, element) {
      Object.keys(saved).forEach(function (name) {
        if (element.getAttribute(name) === saved[name].shown) element.setAttribute(name, saved[name].original);
      });
    });
    texts.clear();
    attributes.clear();
    if (lang === null) document.documentElement.removeAttribute("lang");
    else document.documentElement.setAttribute("lang", lang);
    simplified = false;
    announce();
  }

  function label(button, simplified) {
    button.textContent = simplified ? "繁" : "简";
    button.title = simplified ? "顯示繁體（原文） Show Traditional (as the sources write)" : "显示简体 Show Simplified (converted by OpenCC)";
    button.setAttribute("aria-label", button.title);
    button.setAttribute("aria-pressed", simplified ? "true" : "false");
  }

  function show(button, want) {
    wanted = want;
    if (!want) {
      if (simplified) toTraditional();
      document.documentElement.dataset.script = "traditional";
      label(button, false);
      return Promise.resolve();
    }
    return loadLibrary().then(function (OpenCC) {
      if (!convert) convert = OpenCC.Converter({ from: "tw", to: "cn" });
      if (!wanted) return;
      if (!simplified) toSimplified();
      document.documentElement.dataset.script = "simplified";
      label(button, true);
    });
  }

  // For text other scripts draw outside the page's DOM (a canvas): the text as the page shows
  // it now, Simplified or as written. They redraw on the "vd-script" event.
  window.vdScript = {
    text: function (text) { return simplified ? convert(text) : text; },
  };

  function onPage() {
    var header = document.querySelector(".md-header__inner");
    if (!header || header.querySelector(".vd-script-switch")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-header__button md-icon vd-script-switch ignore-opencc";
    label(button, false);
    var search = header.querySelector(".md-search");
    header.insertBefore(button, search || null);
    button.addEventListener("click", function () {
      store(!wanted);
      show(button, !wanted);
    });
    if (stored()) show(button, true);
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(onPage);
  } else {
    document.addEventListener("DOMContentLoaded", onPage);
  }
})();
