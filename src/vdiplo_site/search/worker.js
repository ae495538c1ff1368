/*
 * vdiplo-site search worker: engine.js behind mkdocs-material's search-worker protocol.
 * The MkDocs plugin writes engine.js followed by this file in place of Material's worker, so
 * Material's search interface (box, result list, highlighting, keyboard) stays as it is.
 * Messages (Material's SearchMessageType): 0 SETUP {config, docs} -> 1 READY;
 * 2 QUERY "text" -> 3 RESULT {items}.
 */
(function () {
  "use strict";
  var engine = null;
  addEventListener("message", function (event) {
    var message = event.data;
    if (message.type === 0) {
      engine = VdiploSearch.createEngine(message.data.config.vdiplo, message.data.docs);
      postMessage({ type: 1 });
    } else if (message.type === 2) {
      var result = { items: [] };
      try {
        if (engine) result = engine.search(message.data);
      } catch (error) {
        console.warn("vdiplo-site search failed for", message.data, error);
      }
      postMessage({ type: 3, data: result });
    }
  });
})();
