/**
 * The words of a text, as the client splits a query: the same steps as `tokenize` in search.ts (a test holds the
 * two equal), written as browser JavaScript.
 */
export const searchTokenizerSource = String.raw`function (text) {
  var words = [];
  var raw = String(text).split(/[^\p{L}\p{N}]+/u);
  for (var i = 0; i < raw.length; i++) {
    var word = raw[i];
    if (word === '') continue;
    words.push(word.toLowerCase());
    var parts = word.split(/(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u);
    if (parts.length > 1) for (var j = 0; j < parts.length; j++) words.push(parts[j].toLowerCase());
  }
  return words;
}`;

/**
 * A shard file's data (`Shard` in search.ts) back as what `MiniSearch.loadJS` takes, given the meta file's
 * index-wide statistics. Document ids equal their numbers.
 */
export const searchShardExpanderSource = String.raw`function (meta, shard) {
  var index = [], fieldLength = {}, documentIds = {};
  var last = null;
  shard.terms.forEach(function (entry) {
    var postings = {}, doc = 0, docs = entry[2], tfs = entry[3];
    for (var i = 0; i < docs.length; i++) { doc += docs[i]; postings[doc] = tfs ? tfs[i] : 1; }
    if (!last || last[0] !== entry[0]) { last = [entry[0], {}]; index.push(last); }
    last[1][entry[1]] = postings;
  });
  shard.lengths.forEach(function (entry) {
    var doc = 0, docs = entry[1], lengths = entry[2];
    for (var i = 0; i < docs.length; i++) {
      doc += docs[i];
      if (!fieldLength[doc]) { fieldLength[doc] = []; documentIds[doc] = doc; }
      fieldLength[doc][entry[0]] = lengths[i];
    }
  });
  return {
    documentCount: meta.documentCount, nextId: meta.documentCount, documentIds: documentIds, fieldIds: meta.fieldIds,
    fieldLength: fieldLength, averageFieldLength: meta.averageFieldLength, storedFields: {}, dirtCount: 0,
    index: index, serializationVersion: 2
  };
}`;

/**
 * assets/search.js: the search box's behaviour. Nothing loads until the box is focused or typed in; then the
 * library and search/meta.js, and per query only the term shards it needs and the document chunks of the results
 * it shows (search.ts explains the layout). Every file is a <script> that calls `stewardSearch`, since Chromium
 * refuses fetch() on file://. Results are built with textContent, never markup, so a catalog string cannot become
 * HTML. Keys: ArrowDown/ArrowUp move through the results, Enter follows the first (or the focused one), Escape
 * returns to the box. A link to a row inside a closed <details> opens it.
 */
export const searchClientScript = String.raw`(function () {
  'use strict';
  // A result may link to a field row inside a closed <details> (a nested record): open its ancestors, for the
  // browsers that do not on fragment navigation.
  function reveal() {
    var target = location.hash.length > 1 && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    for (var e = target; e; e = e.parentElement) if (e.tagName === 'DETAILS') e.open = true;
  }
  window.addEventListener('hashchange', reveal);
  reveal();

  var input = document.getElementById('site-search');
  var list = document.getElementById('site-search-results');
  var status = document.getElementById('site-search-status');
  var script = document.currentScript;
  if (!input || !list || !status || !script) return;
  var root = script.src.replace(/assets\/search\.js([?#].*)?$/, '');
  var tokenize = __TOKENIZE__;
  var expandShard = __EXPAND__;
  var shown = 8;
  var received = new Map();
  window.stewardSearch = {
    meta: function (value) { received.set('meta', value); },
    shard: function (key, value) { received.set('shard:' + key, value); },
    docs: function (chunk, value) { received.set('docs:' + chunk, value); }
  };

  function load(path, name) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement('script');
      tag.src = root + path;
      tag.onload = function () { var value = received.get(name); received.delete(name); resolve(value); };
      tag.onerror = function () { reject(new Error('the search file ' + path + ' could not be loaded')); };
      document.head.appendChild(tag);
    });
  }

  var ready;
  function start() {
    if (!ready)
      ready = Promise.all([load('assets/minisearch.js', 'library'), load('search/meta.js', 'meta')]).then(function (r) {
        return r[1];
      });
    return ready;
  }

  var shards = new Map();
  function shardFor(meta, key) {
    if (meta.shards.indexOf(key) === -1) return Promise.resolve(null);
    if (!shards.has(key)) {
      var file = 'search/terms/' + Array.from(key).map(function (c) { return c.codePointAt(0).toString(16); }).join('-') + '.js';
      shards.set(key, load(file, 'shard:' + key).then(function (data) {
        var serialized = expandShard(meta, data);
        var options = { fields: meta.fields, tokenize: function (t) { return [t]; }, processTerm: function (t) { return t; } };
        return MiniSearch.loadJS(serialized, options);
      }));
    }
    return shards.get(key);
  }

  var chunks = new Map();
  function chunkFor(n) {
    if (!chunks.has(n)) chunks.set(n, load('search/docs/' + n + '.js', 'docs:' + n));
    return chunks.get(n);
  }

  function kindOf(meta, id) {
    var start = 0;
    for (var i = 0; i < meta.kinds.length; i++) {
      start += meta.kinds[i].count;
      if (id < start) return meta.kinds[i];
    }
    return meta.kinds[meta.kinds.length - 1];
  }

  /** The query's terms: the last word (still being typed) matches as a prefix; one-letter terms are left out. */
  function termsOf(query) {
    var words = query.split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w !== ''; });
    var open = /[\p{L}\p{N}]$/u.test(query);
    var terms = new Map();
    words.forEach(function (word, i) {
      tokenize(word).forEach(function (term) {
        if (term.length < 2) return;
        var prefix = open && i === words.length - 1;
        terms.set(term, terms.get(term) || prefix);
      });
    });
    return Array.from(terms, function (e) { return { term: e[0], prefix: e[1] }; });
  }

  /**
   * One term's scores by document, kept for the next keystrokes: typing on in the last word re-searches only it,
   * not the words before it (a common one, like a product's name, may match tens of thousands of documents).
   */
  var scored = new Map();
  function scoresOf(meta, t) {
    var key = (t.prefix ? '*' : '=') + t.term;
    if (!scored.has(key)) {
      if (scored.size > 64) scored.clear();
      scored.set(key, shardFor(meta, Array.from(t.term).slice(0, 2).join('')).then(function (index) {
        var scores = new Map();
        if (!index) return scores;
        index.search(t.term, {
          prefix: t.prefix,
          fuzzy: t.term.length >= 5 ? 0.2 : false,
          boost: meta.fieldBoosts,
          boostDocument: function (id) { return kindOf(meta, id).boost; }
        }).forEach(function (r) { scores.set(r.id, r.score); });
        return scores;
      }));
    }
    return scored.get(key);
  }

  /** Documents that match every term, by summed score (ties by number, so the order is stable). */
  function run(meta, query) {
    var terms = termsOf(query);
    if (terms.length === 0) return Promise.resolve([]);
    return Promise.all(terms.map(function (t) { return scoresOf(meta, t); })).then(function (perTerm) {
      perTerm = perTerm.slice().sort(function (a, b) { return a.size - b.size; });
      var hits = [];
      perTerm[0].forEach(function (score, id) {
        var total = score;
        for (var i = 1; i < perTerm.length; i++) {
          var s = perTerm[i].get(id);
          if (s === undefined) return;
          total += s;
        }
        hits.push({ id: id, score: total });
      });
      return hits.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
    });
  }

  function describe(meta, hits) {
    var top = hits.slice(0, shown);
    return Promise.all(top.map(function (h) { return chunkFor(Math.floor(h.id / meta.docsPerChunk)); })).then(function (loaded) {
      return top.map(function (h, i) {
        var doc = loaded[i][h.id % meta.docsPerChunk];
        return { title: doc[0], url: doc[1], context: doc[2], kind: kindOf(meta, h.id).kind };
      });
    });
  }

  function render(results, total, query) {
    list.textContent = '';
    results.forEach(function (r) {
      var item = document.createElement('li');
      var link = document.createElement('a');
      link.href = root + r.url;
      var title = document.createElement('span');
      title.className = 'result-title';
      title.textContent = r.title;
      var kind = document.createElement('span');
      kind.className = 'result-kind';
      kind.textContent = r.kind;
      var context = document.createElement('span');
      context.className = 'result-context';
      context.textContent = r.context;
      link.append(title, ' ', kind, context);
      item.appendChild(link);
      list.appendChild(item);
    });
    status.textContent = query === '' ? '' : total === 0 ? 'No results for “' + query + '”.' :
      total + (total === 1 ? ' result' : ' results') + (total > results.length ? ', showing the first ' + results.length : '') + '.';
  }

  var latest = 0;
  var followFirst = false;
  var renderedQuery = null;
  function update() {
    var query = input.value.trim();
    var seq = ++latest;
    start().then(function (meta) {
      return run(meta, query).then(function (hits) {
        return describe(meta, hits).then(function (results) {
          if (seq !== latest) return;
          render(results, hits.length, query);
          renderedQuery = query;
          if (followFirst && results.length > 0) location.href = list.querySelector('a').href;
          followFirst = false;
        });
      });
    }).catch(function (error) {
      if (seq === latest) status.textContent = 'Search is unavailable: ' + error.message + '.';
    });
  }

  function links() { return Array.prototype.slice.call(list.querySelectorAll('a')); }

  input.addEventListener('focus', start, { once: true });
  input.addEventListener('input', function () { followFirst = false; update(); });
  input.addEventListener('keydown', function (event) {
    if (event.key === 'ArrowDown' && links().length > 0) {
      event.preventDefault();
      links()[0].focus();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      var first = links()[0];
      if (first && renderedQuery === input.value.trim()) location.href = first.href;
      else { followFirst = true; update(); }
    } else if (event.key === 'Escape') {
      list.textContent = '';
      status.textContent = '';
    }
  });
  list.addEventListener('keydown', function (event) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (event.key === 'ArrowDown' && at < all.length - 1) { event.preventDefault(); all[at + 1].focus(); }
    else if (event.key === 'ArrowUp') { event.preventDefault(); if (at > 0) all[at - 1].focus(); else input.focus(); }
    else if (event.key === 'Escape') { event.preventDefault(); input.focus(); }
  });
})();
`
  .replace('__TOKENIZE__', () => searchTokenizerSource)
  .replace('__EXPAND__', () => searchShardExpanderSource);
