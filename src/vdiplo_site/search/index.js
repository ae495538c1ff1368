/*
 * vdiplo-site search index: fetches the sharded index's files as a query needs them and
 * decodes its postings (the files are written by search/shards.py and search/postings.py).
 *
 * The host gives a loader, load(path) -> text or a Promise of it, for a path relative to the
 * index's folder: the site's worker fetches it, `vdiplo-site search` reads it from memory.
 * Each file is loaded at most once (a failed load may be retried by a later query).
 *
 * A posting list is a string of numbers (base 32; a digit from MORE means more digits follow,
 * one from FINAL ends the number). Per document: the gap from the previous document's number
 * (the first: its number + 1), flags (1 text, 2 title, 4 context, 8 names: the fields holding
 * the key; 16: the document is a note), the length of its text, then for each flagged field
 * the number of positions, the first position and the gaps to the next ones.
 */
(function (root) {
  "use strict";

  var VERSION = 3;
  var FINAL = "0123456789abcdefghijklmnopqrstuv";
  var MORE = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ#$";
  var FIELDS = [1, 2, 4, 8]; // text, title, context, names
  var NOTE = 16;
  var KEPT_FILES = 400; // files kept in memory; the oldest is let go beyond (results do not change)
  var LATIN = /^[a-z0-9]/; // a Latin token's key (postings.py: is_latin)
  var DIGITS = new Int8Array(128).fill(-1); // char code -> digit (FINAL) or 32 + digit (MORE)
  for (var d = 0; d < 32; d++) {
    DIGITS[FINAL.charCodeAt(d)] = d;
    DIGITS[MORE.charCodeAt(d)] = 32 + d;
  }

  /* The numbers of an encoded string. */
  function decode(text) {
    var numbers = [], value = 0;
    for (var i = 0; i < text.length; i++) {
      var digit = DIGITS[text.charCodeAt(i)];
      if (digit < 0 || digit === undefined) throw new Error("search index: bad posting data");
      if (digit >= 32) { value = value * 32 + digit - 32; continue; }
      numbers.push(value * 32 + digit);
      value = 0;
    }
    return numbers;
  }

  /*
   * A posting list as a Map: document number -> {note, length, fields: [text, title,
   * context, names]}, each field an ascending array of positions, or null.
   */
  function postings(text) {
    var numbers = decode(text), found = new Map(), doc = -1, i = 0;
    while (i < numbers.length) {
      doc += numbers[i++];
      var flags = numbers[i++], entry = { note: (flags & NOTE) !== 0, length: numbers[i++], fields: [null, null, null, null] };
      for (var f = 0; f < 4; f++) {
        if (!(flags & FIELDS[f])) continue;
        var count = numbers[i++], positions = new Array(count), at = 0;
        for (var k = 0; k < count; k++) positions[k] = at += numbers[i++];
        entry.fields[f] = positions;
      }
      found.set(doc, entry);
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

  /* Where a string of keys occurs: the positions p of the first key's list such that the
   * k-th list holds p + k (a term found by joining its character pairs). */
  function join(lists) {
    var found = new Map();
    if (!lists.length || lists.some(function (l) { return !l; })) return found;
    lists[0].forEach(function (entry, doc) {
      var others = lists.map(function (l) { return l.get(doc); });
      if (others.some(function (e) { return !e; })) return;
      var fields = entry.fields.map(function (first, f) {
        if (!first) return null;
        var kept = first.filter(function (p) {
          return others.every(function (e, k) { return e.fields[f] !== null && has(e.fields[f], p + k); });
        });
        return kept.length ? kept : null;
      });
      if (fields.some(Boolean)) found.set(doc, { note: entry.note, length: entry.length, fields: fields });
    });
    return found;
  }

  /* Several keys' postings as one (a Latin term: every token it is a prefix of). */
  function union(lists) {
    if (lists.length === 1) return lists[0];
    var found = new Map();
    lists.forEach(function (list) {
      list.forEach(function (entry, doc) {
        var into = found.get(doc);
        if (!into) { found.set(doc, { note: entry.note, length: entry.length, fields: entry.fields.slice() }); return; }
        entry.fields.forEach(function (positions, f) {
          if (!positions) return;
          into.fields[f] = into.fields[f] ? into.fields[f].concat(positions).sort(function (a, b) { return a - b; }) : positions;
        });
      });
    });
    return found;
  }

  function Index(layout, load) {
    if (!layout || layout.version !== VERSION) {
      throw new Error("search index format " + (layout && layout.version) + " is not the engine's (" + VERSION + "): rebuild the site");
    }
    this.layout = layout;
    this.load = load;
    this.files = new Map(); // path -> Promise of the parsed file
    this.perFile = layout.docsPerFile;
  }

  /* A file of the index, parsed (loaded once; a failure is an Error naming the file). */
  Index.prototype.file = function (path) {
    var files = this.files, load = this.load, cached = files.get(path);
    if (!cached) {
      cached = Promise.resolve().then(function () { return load(path); }).then(function (text) {
        if (typeof text !== "string") throw new Error("no text");
        return JSON.parse(text);
      }).catch(function (error) {
        files.delete(path);
        throw new Error("search index file search/" + path + " could not be loaded: " + (error && error.message || error));
      });
      files.set(path, cached);
      if (files.size > KEPT_FILES) files.delete(files.keys().next().value);
    }
    return cached;
  };

  /* The vocabulary words starting with any of `chars`: a Promise of a Set. */
  Index.prototype.vocabulary = function (chars) {
    var shards = this.layout.vocabShards, wanted = new Set(), self = this;
    for (var i = 0; i < chars.length; i++) wanted.add(chars.charCodeAt(i) % shards);
    return Promise.all(Array.from(wanted, function (n) { return self.file("vocab/" + n + ".json"); })).then(function (lists) {
      var words = new Set();
      lists.forEach(function (list) { list.forEach(function (w) { words.add(w); }); });
      return words;
    });
  };

  /* The shard of a key among `count`: FNV-1a of its UTF-16 code units (key_shard in shards.py). */
  function shard(key, count) {
    var hash = 0x811c9dc5;
    for (var i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193) >>> 0;
    return hash % count;
  }

  /* The keys file of a non-Latin key. */
  Index.prototype.shardOf = function (key) { return shard(key, this.layout.keyShards); };

  /*
   * The query aliases (mainland and English forms -> corpus words) whose first unit is one of
   * `units` (the query's Han characters and Latin words; alias_unit in shards.py): a Promise of
   * a Map form -> [target, …].
   */
  Index.prototype.aliases = function (units) {
    var count = this.layout.aliasShards || 0, wanted = new Set(), self = this;
    if (!count) return Promise.resolve(new Map());
    units.forEach(function (u) { wanted.add(shard(u, count)); });
    return Promise.all(Array.from(wanted, function (n) { return self.file("alias/" + n + ".json"); })).then(function (lists) {
      var found = new Map();
      lists.forEach(function (rows) { rows.forEach(function (r) { found.set(r[0], r[1]); }); });
      return found;
    });
  };

  /* Postings of several terms as one: a document holding any of them (positions merged). */
  Index.prototype.union = function (lists) {
    var some = lists.filter(function (l) { return l.size; });
    return some.length ? union(some) : new Map();
  };

  /* Postings of several terms that must all stand in a document (an English phrase's words). */
  Index.prototype.all = function (lists) {
    var found = new Map();
    if (!lists.length) return found;
    lists[0].forEach(function (entry, doc) {
      var others = lists.map(function (l) { return l.get(doc); });
      if (others.some(function (e) { return !e; })) return;
      found.set(doc, union(others.map(function (e) { var m = new Map(); m.set(doc, e); return m; })).get(doc));
    });
    return found;
  };

  /* A key's postings (a Map, empty when the key occurs nowhere). */
  Index.prototype.key = function (key) {
    if (LATIN.test(key)) return this.prefix(key, true);
    return this.file("keys/" + this.shardOf(key) + ".json").then(function (rows) {
      for (var i = 0; i < rows.length; i++) if (rows[i][0] === key) return postings(rows[i][1]);
      return new Map();
    });
  };

  /* The number of the Latin file whose first token is the last one not after `token`. */
  Index.prototype.latinChunk = function (token) {
    var starts = this.layout.latinChunks, lo = 0, hi = starts.length - 1, found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (starts[mid] <= token) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  };

  /* The postings of every Latin token starting with `prefix` (or equal to it: `whole`), as one. */
  Index.prototype.prefix = function (prefix, whole) {
    var first = this.latinChunk(prefix), last = this.latinChunk(prefix + "\uffff"), wanted = [];
    if (!this.layout.latinChunks.length) return Promise.resolve(new Map());
    for (var n = first; n <= last; n++) wanted.push(this.file("latin/" + n + ".json"));
    return Promise.all(wanted).then(function (files) {
      var lists = [];
      files.forEach(function (rows) {
        rows.forEach(function (r) {
          if (whole ? r[0] === prefix : r[0].lastIndexOf(prefix, 0) === 0) lists.push(postings(r[1]));
        });
      });
      return lists.length ? union(lists) : new Map();
    });
  };

  /* The postings of a string of Han characters found by joining those of its pairs. */
  Index.prototype.pairs = function (text) {
    var keys = [];
    for (var i = 0; i + 2 <= text.length; i++) keys.push(this.key(text.substr(i, 2)));
    return Promise.all(keys).then(join);
  };

  /* Documents by number: a Promise of a Map number -> [location, anchor, title, text, kind, where]. */
  Index.prototype.documents = function (numbers) {
    var perFile = this.perFile, self = this, wanted = [];
    numbers.forEach(function (doc) {
      var n = Math.floor(doc / perFile);
      if (wanted.indexOf(n) < 0) wanted.push(n);
    });
    return Promise.all(wanted.map(function (n) { return self.file("docs/" + n + ".json"); })).then(function (files) {
      var found = new Map();
      files.forEach(function (rows, k) {
        rows.forEach(function (row, i) { found.set(wanted[k] * perFile + i, row); });
      });
      return found;
    });
  };

  root.VdiploSearch = root.VdiploSearch || {};
  root.VdiploSearch.Index = Index;
  root.VdiploSearch.decode = decode;
})(typeof self !== "undefined" ? self : globalThis);
