/*
 * vdiplo-site search worker: engine.js behind mkdocs-material's search-worker protocol.
 * The MkDocs plugin writes index.js, engine.js, VDIPLO_INDEX (the index's folder, relative to
 * this script) and this file in place of Material's worker, so Material's search interface
 * (box, result list, highlighting, keyboard) stays as it is.
 * Messages (Material's SearchMessageType): 0 SETUP {config} -> 1 READY; 2 QUERY "text" ->
 * 3 RESULT {items}. SETUP carries only the index's layout (config.vdiplo); the worker fetches
 * the files a query needs. Material sends a query per keystroke: only the answer to the
 * latest query is posted. A file that cannot be fetched (missing, or no answer within
 * FETCH_TIMEOUT ms) fails the query with an error in the console and no results.
 * In the offline copy (file://, where Chromium blocks fetch and the worker runs in an iframe
 * shim) every index file is inlined before this code as VDIPLO_FILES, path -> text.
 */
(function () {
  "use strict";
  var FETCH_TIMEOUT = 20000;
  var files = typeof VDIPLO_FILES === "undefined" ? null : VDIPLO_FILES;
  var base = files ? null : new URL(VDIPLO_INDEX, self.location.href);
  var engine = null, latest = 0;

  function load(path) {
    if (files) {
      return Object.prototype.hasOwnProperty.call(files, path)
        ? Promise.resolve(files[path])
        : Promise.reject(new Error("not in the offline copy's index: " + path));
    }
    var abort = new AbortController();
    var timer = setTimeout(function () { abort.abort(); }, FETCH_TIMEOUT);
    return fetch(new URL(path, base), { signal: abort.signal }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.text();
    }).finally(function () { clearTimeout(timer); });
  }

  addEventListener("message", function (event) {
    var message = event.data;
    if (message.type === 0) {
      try {
        engine = VdiploSearch.createEngine(message.data.config.vdiplo, load);
      } catch (error) {
        console.error("vdiplo-site search cannot start:", error);
      }
      postMessage({ type: 1 });
    } else if (message.type === 2) {
      var query = message.data, id = ++latest;
      var answer = engine ? engine.search(query) : Promise.resolve({ items: [] });
      answer.catch(function (error) {
        console.error("vdiplo-site search failed for", query, error);
        return { items: [] };
      }).then(function (result) {
        if (id === latest) postMessage({ type: 3, data: result });
      });
    }
  });
})();
