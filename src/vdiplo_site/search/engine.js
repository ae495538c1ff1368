/*
 * vdiplo-site search engine: Chinese search over the knowledge base's search data.
 *
 * One engine, two hosts: the site's search worker (worker.js wraps it in mkdocs-material's
 * message protocol) and `vdiplo-site search` (run in an embedded V8), so both give the same
 * results. No DOM, no network.
 *
 * - Folding: text and query are folded character by character (Traditional -> Simplified by
 *   the map built with OpenCC, lower case, full-width ASCII -> ASCII), so offsets in folded text
 *   are offsets in the original and either script finds the other.
 * - Segmentation: the query is cut by forward maximum matching over the vocabulary that jieba
 *   (with the gazetteer as user dictionary) produced from the indexed text; characters no word
 *   covers stay together as one term. Matching is by substring on folded text, so the parts of
 *   a name are found too; a term found nowhere falls back to its character bigrams.
 * - Ranking: documents holding every term come first (a passage's page title counts, weakly);
 *   within them a tf-idf score with title, name, phrase and proximity bonuses, notes a little
 *   below body text; an entity page whose name is the query comes first.
 * - Results land on the most specific unit: a passage (paragraph, list item or note).
 */
(function (root) {
  "use strict";

  // Han characters: the ranges of HAN_RANGES in text.py (a test keeps the two equal).
  var HAN_CLASS = "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]";
  var RUN = new RegExp(HAN_CLASS + "+|[a-z0-9]+(?:[.'’+\\-][a-z0-9]+)*", "g");
  var HAN = new RegExp(HAN_CLASS);
  var SPACE_BY_HAN = new RegExp("\\s+(?=" + HAN_CLASS + ")|(?<=" + HAN_CLASS + ")\\s+", "g");
  var WORD = /[a-z0-9]/;
  var SNIPPET = 240; // characters of passage text shown in a result

  function makeFold(pairs) {
    var map = new Map();
    for (var i = 0; i + 1 < pairs.length; i += 2) map.set(pairs[i], pairs[i + 1]);
    return function fold(text) {
      var out = "";
      for (var i = 0; i < text.length; i++) {
        var c = map.get(text[i]) || text[i];
        var code = c.charCodeAt(0);
        if (code >= 0xff01 && code <= 0xff5e) c = String.fromCharCode(code - 0xfee0);
        var lower = c.toLowerCase();
        out += lower.length === 1 ? lower : c;
      }
      return out;
    };
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* Offsets of `term` in `text`; Latin terms only at a word start (a prefix is enough). */
  function occurrences(text, term, latin) {
    var found = [];
    for (var at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
      if (latin && at > 0 && WORD.test(text[at - 1])) continue;
      found.push(at);
    }
    return found;
  }

  function Engine(data, docs) {
    this.fold = makeFold(data.fold || "");
    this.vocab = new Set(data.vocab || []);
    this.maxWord = 1;
    var self = this;
    this.vocab.forEach(function (w) { if (w.length > self.maxWord) self.maxWord = w.length; });
    this.docs = docs.map(function (doc) {
      return {
        doc: doc,
        title: self.fold(doc.title || ""),
        text: self.fold(doc.text || ""),
        context: self.fold(doc.context || ""),
        names: (doc.names || []).map(self.fold)
      };
    });
  }

  /* Cut the folded query into terms: [{term, start, latin}] (start: offset in the query). */
  Engine.prototype.segment = function (query) {
    var terms = [];
    var match;
    RUN.lastIndex = 0;
    while ((match = RUN.exec(query)) !== null) {
      var run = match[0];
      if (!HAN.test(run[0])) {
        terms.push({ term: run, start: match.index, latin: true });
        continue;
      }
      var i = 0, pending = -1;
      while (i < run.length) {
        var word = "";
        for (var len = Math.min(this.maxWord, run.length - i); len >= 2; len--) {
          if (this.vocab.has(run.substr(i, len))) { word = run.substr(i, len); break; }
        }
        if (!word) { if (pending < 0) pending = i; i += 1; continue; }
        if (pending >= 0) terms.push({ term: run.slice(pending, i), start: match.index + pending });
        pending = -1;
        terms.push({ term: word, start: match.index + i });
        i += word.length;
      }
      if (pending >= 0) terms.push({ term: run.slice(pending), start: match.index + pending });
    }
    var seen = new Set();
    return terms.filter(function (t) { return !seen.has(t.term) && seen.add(t.term); });
  };

  /* Terms found nowhere are replaced by those of their character bigrams found somewhere. */
  Engine.prototype.expand = function (terms) {
    var self = this, out = [];
    terms.forEach(function (t) {
      if (t.latin || t.term.length < 3 || self.df(t) > 0) { out.push(t); return; }
      for (var i = 0; i + 2 <= t.term.length; i++) {
        var part = { term: t.term.substr(i, 2), start: t.start + i, weight: 0.5 };
        if (self.df(part) > 0) out.push(part);
      }
    });
    return out.length ? out : terms;
  };

  Engine.prototype.df = function (t) {
    if (t.df === undefined) {
      var n = 0;
      this.docs.forEach(function (d) {
        if (d.text.indexOf(t.term) >= 0 || d.title.indexOf(t.term) >= 0) n++;
      });
      t.df = n;
    }
    return t.df;
  };

  Engine.prototype.score = function (d, terms, phrase) {
    var total = 0, matched = 0, first = -1, positions = [];
    var n = this.docs.length;
    for (var k = 0; k < terms.length; k++) {
      var t = terms[k];
      var hits = occurrences(d.text, t.term, t.latin);
      var inTitle = occurrences(d.title, t.term, t.latin).length > 0;
      var inName = d.names.some(function (name) { return occurrences(name, t.term, t.latin).length > 0; });
      var inContext = occurrences(d.context, t.term, t.latin).length > 0;
      if (!hits.length && !inTitle && !inName && !inContext) continue;
      matched++;
      if (hits.length) positions.push(hits);
      if (hits.length && (first < 0 || hits[0] < first)) first = hits[0];
      var idf = Math.log(1 + n / (1 + this.df(t)));
      var tf = hits.length ? 1 + Math.log(Math.min(hits.length, 8)) : 0;
      total += idf * (t.weight || 1) * (tf + (inTitle ? 1.5 : 0) + (inName ? 2 : 0) + (inContext ? 0.3 : 0));
    }
    if (!matched) return null;
    total /= 1 + 0.1 * Math.log(1 + d.text.length / 200);
    if (phrase.length >= 2 && d.text.indexOf(phrase) >= 0) total *= 2;
    if (phrase.length >= 2 && d.title.indexOf(phrase) >= 0) total *= 1.3;
    if (positions.length > 1 && window(positions) <= 40) total *= 1.3;
    if (d.names.indexOf(phrase) >= 0) total += 1000; // the entity this query names
    if (d.doc.kind === "note") total *= 0.8; // a citation is weaker evidence than body text
    var full = matched === terms.length;
    return { score: (full ? 100 : 0) + total * matched / terms.length, first: first };
  };

  /* Smallest span of text holding one occurrence of each term (positions: per-term offsets). */
  function window(positions) {
    var best = Infinity;
    positions[0].forEach(function (start) {
      var lo = start, hi = start;
      for (var k = 1; k < positions.length; k++) {
        var near = positions[k].reduce(function (a, b) { return Math.abs(b - start) < Math.abs(a - start) ? b : a; });
        lo = Math.min(lo, near); hi = Math.max(hi, near);
      }
      best = Math.min(best, hi - lo);
    });
    return best;
  }

  /* The displayed text: escaped, cut around the first match, matches wrapped in <mark>. */
  Engine.prototype.snippet = function (original, folded, terms, first) {
    var start = 0, end = original.length;
    if (original.length > SNIPPET) {
      start = Math.max(0, (first < 0 ? 0 : first) - 40);
      end = Math.min(original.length, start + SNIPPET);
    }
    var marks = [];
    terms.forEach(function (t) {
      occurrences(folded, t.term, t.latin).forEach(function (at) { marks.push([at, at + t.term.length]); });
    });
    marks.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var out = start > 0 ? "…" : "", cursor = start;
    marks.forEach(function (m) {
      if (m[0] < cursor || m[1] > end) return;
      out += escapeHtml(original.slice(cursor, m[0])) + "<mark>" + escapeHtml(original.slice(m[0], m[1])) + "</mark>";
      cursor = m[1];
    });
    return out + escapeHtml(original.slice(cursor, end)) + (end < original.length ? "…" : "");
  };

  /*
   * Search: returns mkdocs-material's result shape, {items: SearchItem[][]}, one group per page,
   * best group first. A group's best passage comes first with a location without "#" (its
   * anchor as ?p=, which passage-links.js turns into the fragment), so Material shows it as the
   * result with its text; the page's other matching passages follow as "more".
   */
  Engine.prototype.search = function (query, limit) {
    // Not trimmed: a term's start is then its offset in `query` too, which keys need.
    var folded = this.fold(query || "");
    var terms = this.expand(this.segment(folded));
    if (!terms.length) return { items: [] };
    var phrase = folded.trim().replace(SPACE_BY_HAN, "").replace(/\s+/g, " ");
    var self = this, scored = [];
    this.docs.forEach(function (d) {
      var s = self.score(d, terms, phrase);
      if (s) scored.push({ d: d, score: s.score, first: s.first });
    });
    scored.sort(function (a, b) { return b.score - a.score; });
    var keys = {}; // the query's own words for each term: Material's ?h= highlight of the page
    terms.forEach(function (t) { keys[query.substr(t.start, t.term.length)] = true; });
    var groups = new Map();
    scored.slice(0, limit || 60).forEach(function (r) {
      var doc = r.d.doc, page = doc.location;
      var group = groups.get(page) || [];
      var anchor = doc.anchor ? (group.length ? "#" : "?p=") + doc.anchor : "";
      group.push({
        location: page + anchor,
        title: escapeHtml(doc.title),
        text: self.snippet(doc.text || "", r.d.text, terms, r.first),
        score: r.score,
        terms: keys,
        kind: doc.kind
      });
      groups.set(page, group);
    });
    return { items: Array.from(groups.values()) };
  };

  root.VdiploSearch = {
    createEngine: function (data, docs) { return new Engine(data, docs); },
    makeFold: makeFold
  };
})(typeof self !== "undefined" ? self : globalThis);
