/*
 * vdiplo-site search engine: Chinese search over the knowledge base's sharded search index.
 *
 * One engine, two hosts: the site's search worker (worker.js wraps it in mkdocs-material's
 * message protocol and fetches the index's files) and `vdiplo-site search` (run in an embedded
 * V8, the files read from memory), so both give the same results. No DOM; the host's loader is
 * its only way out (index.js fetches and decodes the files).
 *
 * - Folding: text and query are folded character by character (Traditional -> Simplified by
 *   the map built with OpenCC, lower case, full-width ASCII -> ASCII), so offsets in folded text
 *   are offsets in the original and either script finds the other.
 * - Segmentation: the query is cut by forward maximum matching over the vocabulary that jieba
 *   (with the gazetteer as user dictionary) produced from the indexed text; characters no word
 *   covers stay together as one term. Matching is by substring on folded text, so the parts of
 *   a name are found too; a term found nowhere falls back to its character pairs.
 * - Retrieval: only the vocabulary shards of the query's characters, the postings of its
 *   terms, and the documents shown are fetched. Postings hold every position of every key in
 *   every document, so scores are exact and use the whole corpus's statistics (document
 *   count, document frequencies): results never depend on what happened to be fetched.
 * - Ranking: documents holding every term come first (a passage's page title counts, weakly);
 *   within them a tf-idf score with title, name, phrase and proximity bonuses, notes a little
 *   below body text; an entity page whose name is the query comes first. A Latin term counts
 *   (document frequency, phrase) only where it starts a word, as it matches.
 * - Results land on the most specific unit: a passage (paragraph, list item or note).
 */
(function (root) {
  "use strict";

  // Han characters: the ranges of HAN_RANGES in text.py (a test keeps the two equal).
  var HAN_CLASS = "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]";
  var RUN = new RegExp(HAN_CLASS + "+|[a-z0-9]+(?:[.'’+\\-][a-z0-9]+)*", "g");
  var HAN = new RegExp(HAN_CLASS);
  var SEARCHABLE = new RegExp(HAN_CLASS + "|[a-z0-9]"); // where RUN finds a term
  var HAN_ALL = new RegExp(HAN_CLASS, "g");
  var SPACE_BY_HAN = new RegExp("\\s+(?=" + HAN_CLASS + ")|(?<=" + HAN_CLASS + ")\\s+", "g");
  var WORD = /[a-z0-9]/;
  var SNIPPET = 240; // characters of passage text shown in a result
  var LIMIT = 60; // results per query
  var NAME_KEY = "="; // the key of an entity's whole name is "=" + the name
  var CHECK_ROUNDS = 8; // at most this many rounds of checking uncertain phrase matches
  var NO = 0, YES = 1, MAYBE = 2;
  // Question words and particles (folded, i.e. Simplified): not terms a result must hold.
  var QUESTION = /什么是|是什么|为什么|为何|是谁|谁是|什么样|什么|怎么样|怎么|怎样|如何|哪些|哪里|哪个|哪国|哪|谁|何谓|何为|是否|能否|可否|有没有|有何|意思|请问|吗|呢|嘛|\?/g;
  // Function characters left at the edge of a question's content (…提出的, 是…).
  var QUESTION_EDGE = /(^|\s)[是的了有]+|[是的了有]+(?=\s|$)/g;
  // Questions asking what something is: they should land where it is defined.
  var DEFINING_QUESTION = /什么是|是什么|何谓|何为|意思|是谁|谁是/;
  // Where a text defines or explains a term (folded keys of two characters).
  var DEFINING_MARKS = ["是指", "系指", "意指", "何谓", "所谓", "定义", "即是", "则是", "就是"];
  var DEFINING_NEAR = 12; // characters between a term and a defining mark
  var QUESTION_COVER = 0.5; // least share of a question's weight a result holds (when some do)
  var QUESTION_CHAR = 0.3; // weight of a one-character term of a question in what it must hold
  var MAX_PHRASE_WORDS = 6; // longest English alias form, in words

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

  function has(sorted, value) {
    var lo = 0, hi = sorted.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] === value) return true;
      if (sorted[mid] < value) lo = mid + 1; else hi = mid - 1;
    }
    return false;
  }

  /* Documents whose text or title holds the term (its postings: Map doc -> entry). */
  function documentFrequency(found) {
    var n = 0;
    found.forEach(function (entry) { if (entry.fields[0] || entry.fields[1]) n++; });
    return n;
  }

  function Engine(layout, load) {
    this.index = new root.VdiploSearch.Index(layout, load);
    this.fold = makeFold(layout.fold || "");
    this.maxWord = layout.maxWord || 1;
    this.count = layout.docs;
  }

  /*
   * Cut the folded query: every piece in order, repeats kept, as {term, start, latin, word}
   * (start: offset in the query; word: a vocabulary word). `vocab` holds at least the words
   * starting with the query's Han characters.
   */
  Engine.prototype.cut = function (query, vocab) {
    var pieces = [];
    var match;
    RUN.lastIndex = 0;
    while ((match = RUN.exec(query)) !== null) {
      var run = match[0];
      if (!HAN.test(run[0])) {
        pieces.push({ term: run, start: match.index, latin: true });
        continue;
      }
      var i = 0, pending = -1;
      while (i < run.length) {
        var word = "";
        for (var len = Math.min(this.maxWord, run.length - i); len >= 2; len--) {
          if (vocab.has(run.substr(i, len))) { word = run.substr(i, len); break; }
        }
        if (!word) { if (pending < 0) pending = i; i += 1; continue; }
        if (pending >= 0) pieces.push({ term: run.slice(pending, i), start: match.index + pending });
        pending = -1;
        pieces.push({ term: word, start: match.index + i, word: true });
        i += word.length;
      }
      if (pending >= 0) pieces.push({ term: run.slice(pending), start: match.index + pending });
    }
    return pieces;
  };

  function blank(match) { return match.replace(/[\s\S]/g, " "); }

  /*
   * A query's content: question words and particles (QUESTION) and the function characters
   * then left at its edges blanked out, character for character (offsets stay those of the
   * query). {text, question: whether anything was blanked, defining: a what-is question}.
   */
  function content(folded) {
    var text = folded.replace(QUESTION, blank);
    if (text === folded) return { text: folded, question: false, defining: false };
    text = text.replace(QUESTION_EDGE, blank);
    if (!SEARCHABLE.test(text)) return { text: folded, question: false, defining: false }; // nothing but question words
    return { text: text, question: true, defining: DEFINING_QUESTION.test(folded) && text.trim().indexOf(" ") < 0 };
  }

  /* Units the alias files are sharded by: each Han character and each Latin word. */
  function units(folded) {
    var found = folded.match(HAN_ALL) || [];
    return found.concat(folded.match(/[a-z0-9]+(?:[.'’+\-][a-z0-9]+)*/g) || []);
  }

  /*
   * Consecutive Latin pieces that spell an English alias form ("soft power") become one piece
   * (longest first); every piece that is an alias form gets its targets (alts).
   */
  function withAliases(pieces, aliases) {
    var out = [];
    for (var i = 0; i < pieces.length; i++) {
      var p = pieces[i];
      if (p.latin) {
        for (var n = Math.min(MAX_PHRASE_WORDS, pieces.length - i); n >= 2; n--) {
          var run = pieces.slice(i, i + n);
          if (!run.every(function (r) { return r.latin; })) continue;
          var form = run.map(function (r) { return r.term; }).join(" ");
          if (aliases.has(form)) {
            p = { term: form, start: p.start, latin: true, words: run.map(function (r) { return r.term; }), parts: run };
            i += n - 1;
            break;
          }
        }
      }
      if (aliases.has(p.term)) p.alts = aliases.get(p.term);
      out.push(p);
    }
    return out;
  }

  function distinct(pieces) {
    var seen = new Set();
    return pieces.filter(function (t) { return !seen.has(t.term) && seen.add(t.term); });
  }

  /* The terms a query is cut into (after folding, before any fallback): a Promise. */
  Engine.prototype.terms = function (query) {
    var self = this, folded = this.fold(query || "");
    return this.index.vocabulary((folded.match(HAN_ALL) || []).join("")).then(function (vocab) {
      return distinct(self.cut(folded, vocab));
    });
  };

  /* A term's postings: a Latin term is a prefix of tokens, a long non-word is joined pairs. */
  Engine.prototype.lookup = function (t) {
    var index = this.index, own;
    if (t.words) own = Promise.all(t.words.map(function (w) { return index.prefix(w); })).then(function (l) { return index.all(l); });
    else if (t.latin) own = index.prefix(t.term);
    else if (t.term.length <= 2 || (t.word && !t.alts)) own = index.key(t.term);
    else if (t.word) own = index.key(t.term).then(function (m) { return m.size ? m : index.pairs(t.term); }); // an alias form
    else own = index.pairs(t.term);
    if (!t.alts) return own;
    var alts = t.alts.map(function (w) {
      return w.length <= 2 ? index.key(w) : index.key(w).then(function (m) { return m.size ? m : index.pairs(w); });
    });
    return Promise.all([own].concat(alts)).then(function (lists) { return index.union(lists); });
  };

  /* Terms found nowhere are replaced by those of their character pairs found somewhere. */
  Engine.prototype.expand = function (terms) {
    var self = this, parts = [];
    terms.forEach(function (t) {
      if (t.latin || t.term.length < 3 || t.df > 0) return;
      for (var i = 0; i + 2 <= t.term.length; i++) {
        parts.push({ term: t.term.substr(i, 2), start: t.start + i, weight: 0.5, of: t });
      }
    });
    if (!parts.length) return Promise.resolve(terms);
    return Promise.all(parts.map(function (p) { return self.index.key(p.term); })).then(function (found) {
      var out = [];
      terms.forEach(function (t) {
        if (t.latin || t.term.length < 3 || t.df > 0) { out.push(t); return; }
        parts.forEach(function (part, k) {
          if (part.of !== t) return;
          part.occ = found[k];
          part.df = documentFrequency(part.occ);
          if (part.df > 0) out.push(part);
        });
      });
      return out.length ? out : terms;
    });
  };

  /*
   * Whether the phrase (the whole query) stands in a field (0 text, 1 title) of a document:
   * YES, NO, or MAYBE when the query has characters between its pieces (spaces between Latin
   * words, punctuation) that positions cannot check: the document's text settles it.
   */
  function phraseTest(pieces, phrase, occ) {
    var offsets = [], cursor = 0, covered = 0;
    pieces.forEach(function (p) {
      var at = phrase.indexOf(p.term, cursor);
      offsets.push(at);
      cursor = at + p.term.length;
      covered += p.term.length;
    });
    var lost = offsets.indexOf(-1) >= 0, exact = !lost && covered === phrase.length;
    if (exact && pieces.length === 1) { // the phrase is the one term: where it stands
      var only = occ.get(pieces[0].term);
      return function (doc, field) {
        var entry = only.get(doc);
        return entry && entry.fields[field] ? YES : NO;
      };
    }
    return function (doc, field) {
      var lists = pieces.map(function (p) {
        var entry = occ.get(p.term).get(doc);
        return entry ? entry.fields[field] : null;
      });
      if (lists.some(function (l) { return !l; })) return NO;
      if (lost) return MAYBE;
      var aligned = lists[0].some(function (p) {
        var start = p - offsets[0];
        return start >= 0 && lists.every(function (l, i) { return has(l, start + offsets[i]); });
      });
      return aligned ? (exact ? YES : MAYBE) : NO;
    };
  }

  /* The score of one document (null if no term matches); as the brute-force engine computed it. */
  Engine.prototype.score = function (doc, entry, terms, phrase, inText, inTitlePhrase, named, soft) {
    var total = 0, matched = 0, first = -1, positions = [], mass = 0, held = 0;
    var n = this.count;
    for (var k = 0; k < terms.length; k++) {
      var t = terms[k], e = t.occ.get(doc), weight = t.df ? Math.log(1 + n / (1 + t.df)) * (t.weight || 1) : 0;
      if (soft && t.term.length === 1) weight *= QUESTION_CHAR; // 能, 会: most likely function words
      mass += weight;
      if (!e) continue;
      held += weight;
      var hits = e.fields[0] || [];
      var inTitle = e.fields[1] !== null, inName = e.fields[3] !== null, inContext = e.fields[2] !== null;
      matched++;
      if (hits.length) positions.push(hits);
      if (hits.length && (first < 0 || hits[0] < first)) first = hits[0];
      var idf = Math.log(1 + n / (1 + t.df));
      var tf = hits.length ? 1 + Math.log(Math.min(hits.length, 8)) : 0;
      total += idf * (t.weight || 1) * (tf + (inTitle ? 1.5 : 0) + (inName ? 2 : 0) + (inContext ? 0.3 : 0));
    }
    if (!matched) return null;
    total /= 1 + 0.1 * Math.log(1 + entry.length / 200);
    if (phrase.length >= 2 && inText) total *= 2;
    if (phrase.length >= 2 && inTitlePhrase) total *= 1.3;
    if (positions.length > 1 && window(positions) <= 40) total *= 1.3;
    if (named) total += 1000; // the entity this query names
    if (entry.note) total *= 0.8; // a citation is weaker evidence than body text
    var full = matched === terms.length;
    // A question's terms are what the reader guessed the answer says: each counts by its weight.
    var base = soft ? (mass ? 100 * held / mass : 0) : full ? 100 : 0;
    return { score: base + total * matched / terms.length, first: first, cover: mass ? held / mass : 0 };
  };

  var DEFINES = 1.5; // score factor of a text defining what a what-is question asks about

  /* Whether a defining mark (q.marks: their postings) stands near the first term in doc's text. */
  function defines(q, doc) {
    var own = q.terms[0].occ.get(doc), at = own && own.fields[0];
    if (!at) return false;
    return q.marks.some(function (mark) {
      var e = mark.get(doc), marks = e && e.fields[0];
      return !!marks && marks.some(function (m) {
        return at.some(function (p) { return m >= p - DEFINING_NEAR && m <= p + DEFINING_NEAR; });
      });
    });
  }

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
      [t.term].concat(t.alts || []).forEach(function (term) {
        occurrences(folded, term, t.latin && term === t.term).forEach(function (at) { marks.push([at, at + term.length]); });
      });
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
   * Score every candidate (a document holding a term in any field) and order them. Phrase
   * matches the postings leave uncertain are settled with the text of the documents that could
   * reach the first `limit` (fetched to be shown anyway). Resolves to the first `limit`:
   * [{doc, score, first, row}], row the document ([location, anchor, title, text, kind]).
   */
  Engine.prototype.rank = function (q, limit) {
    var self = this, scored = [], test = phraseTest(q.pieces, q.phrase, q.occ), seen = new Set();
    q.terms.forEach(function (t) {
      t.occ.forEach(function (entry, doc) {
        if (seen.has(doc)) return;
        seen.add(doc);
        var r = { doc: doc, entry: entry, inText: test(doc, 0), inTitle: test(doc, 1), named: q.named.has(doc) };
        var s = self.score(doc, entry, q.terms, q.phrase, r.inText !== NO, r.inTitle !== NO, r.named, q.question);
        if (!s) return;
        r.defines = q.defining && defines(q, doc);
        r.score = s.score * (r.defines ? DEFINES : 1);
        r.first = s.first;
        r.cover = s.cover;
        scored.push(r);
      });
    });
    // A question's results hold at least half of its weight, when some do.
    if (q.question && scored.some(function (r) { return r.cover >= QUESTION_COVER; })) {
      scored = scored.filter(function (r) { return r.cover >= QUESTION_COVER; });
    }
    function order(a, b) { return b.score - a.score || a.doc - b.doc; }
    function settle(round) {
      scored.sort(order);
      var top = scored.slice(0, limit);
      return self.index.documents(top.map(function (r) { return r.doc; })).then(function (rows) {
        var open = top.filter(function (r) { return r.inText === MAYBE || r.inTitle === MAYBE; });
        top.forEach(function (r) { r.row = rows.get(r.doc); });
        if (!open.length || round >= CHECK_ROUNDS) return top;
        open.forEach(function (r) {
          if (r.inText === MAYBE) r.inText = self.fold(r.row[3] || "").indexOf(q.phrase) >= 0 ? YES : NO;
          if (r.inTitle === MAYBE) r.inTitle = self.fold(r.row[2] || "").indexOf(q.phrase) >= 0 ? YES : NO;
          r.score = self.score(r.doc, r.entry, q.terms, q.phrase, r.inText === YES, r.inTitle === YES, r.named, q.question).score;
          if (r.defines) r.score *= DEFINES;
        });
        return settle(round + 1);
      });
    }
    return settle(0);
  };

  /*
   * Search: resolves to mkdocs-material's result shape, {items: SearchItem[][]}, one group per
   * page, best group first. A group's best passage comes first with a location without "#"
   * (its anchor as ?p=, which passage-links.js turns into the fragment), so Material shows it
   * as the result with its text; the page's other matching passages follow as "more".
   * Rejects with an Error naming the file when a file of the index cannot be loaded.
   */
  Engine.prototype.search = function (query, limit) {
    var self = this;
    query = query || "";
    // Not trimmed: a term's start is then its offset in `query` too, which keys need.
    var folded = this.fold(query);
    if (!SEARCHABLE.test(folded)) return Promise.resolve({ items: [] }); // no term to cut
    var asked = content(folded);
    folded = asked.text;
    var phrase = folded.trim().replace(SPACE_BY_HAN, "").replace(/\s+/g, " ");
    var named = this.index.key(NAME_KEY + phrase); // fetched while the query is cut
    var marks = asked.defining ? Promise.all(DEFINING_MARKS.map(function (m) { return self.index.key(m); })) : Promise.resolve([]);
    var hans = (folded.match(HAN_ALL) || []).join("");
    return Promise.all([this.index.vocabulary(hans), this.index.aliases(units(folded))]).then(function (loaded) {
      var vocab = loaded[0], aliases = loaded[1];
      aliases.forEach(function (targets, form) { if (HAN.test(form[0])) vocab.add(form); });
      var pieces = withAliases(self.cut(folded, vocab), aliases), terms = distinct(pieces);
      var lookups = terms.map(function (t) { return self.lookup(t); });
      return Promise.all([Promise.all(lookups), named, marks]).then(function (found) {
        var occ = new Map();
        terms.forEach(function (t, k) {
          t.occ = found[0][k];
          t.df = documentFrequency(t.occ);
          occ.set(t.term, t.occ);
        });
        return self.expand(terms).then(function (final) {
          var q = {
            terms: final, pieces: pieces, phrase: phrase, occ: occ, named: found[1],
            question: asked.question, defining: asked.defining, marks: found[2]
          };
          return self.rank(q, limit || LIMIT).then(function (ranked) { return self.results(query, final, ranked); });
        });
      });
    });
  };

  /* Material's result groups for the ranked documents. */
  Engine.prototype.results = function (query, terms, ranked) {
    var self = this, keys = {}; // the query's own words for each term: Material's ?h= highlight
    terms.forEach(function (t) {
      (t.parts || [t]).forEach(function (p) { keys[query.substr(p.start, p.term.length)] = true; });
    });
    var groups = new Map();
    ranked.forEach(function (r) {
      var row = r.row, page = row[0], text = row[3] || "", title = row[2] || "", where = row[5] || "";
      var group = groups.get(page) || [];
      var anchor = row[1] ? (group.length ? "#" : "?p=") + row[1] : "";
      group.push({
        location: page + anchor,
        title: escapeHtml(!where ? title : where.indexOf(title) >= 0 ? where : where + " › " + title),
        text: self.snippet(text, self.fold(text), terms, r.first),
        score: r.score,
        terms: keys,
        kind: row[4]
      });
      groups.set(page, group);
    });
    return { items: Array.from(groups.values()) };
  };

  root.VdiploSearch = root.VdiploSearch || {};
  /* An engine over the index whose layout is `layout`, its files read by `load(path)`. */
  root.VdiploSearch.createEngine = function (layout, load) { return new Engine(layout, load); };
  root.VdiploSearch.makeFold = makeFold;
})(typeof self !== "undefined" ? self : globalThis);
