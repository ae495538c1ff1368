// vdiplo-site: a header button that shows the page in Simplified characters and back. The
// pages are written in the sources' Traditional characters; the Simplified display is a
// conversion in the reader's browser by the vendored opencc-js (OpenCC's Taiwan-to-Simplified
// dictionaries), loaded from this script's folder only once a reader asks for it. The choice
// is kept in localStorage ("vd-script") and applied on every page. Text drawn on a canvas
// (the network's names) keeps its Traditional form.
(function () {
  var here = document.currentScript ? document.currentScript.src.replace(/[^/]*$/, "") : "";
  var LIBRARY = "vendor/opencc-js-1.4.2/t2cn.js";
  var KEY = "vd-script";
  var handler = null;
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

  function label(button, simplified) {
    button.textContent = simplified ? "繁" : "简";
    button.title = simplified ? "顯示繁體（原文） Show Traditional (as the sources write)" : "显示简体 Show Simplified (converted by OpenCC)";
    button.setAttribute("aria-label", button.title);
    button.setAttribute("aria-pressed", simplified ? "true" : "false");
  }

  function show(button, simplified) {
    if (!simplified) {
      if (handler) handler.restore();
      document.documentElement.dataset.script = "traditional";
      label(button, false);
      return Promise.resolve();
    }
    return loadLibrary().then(function (OpenCC) {
      if (!handler) {
        var converter = OpenCC.Converter({ from: "tw", to: "cn" });
        handler = OpenCC.HTMLConverter(converter, document.documentElement, "zh-TW", "zh-CN");
      }
      handler.convert();
      document.documentElement.dataset.script = "simplified";
      label(button, true);
    });
  }

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
      var simplified = button.getAttribute("aria-pressed") !== "true";
      store(simplified);
      show(button, simplified);
    });
    if (stored()) show(button, true);
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(onPage);
  } else {
    document.addEventListener("DOMContentLoaded", onPage);
  }
})();
