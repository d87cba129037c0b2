/* Site search with Pagefind. search-button.js loads this file when the reader
   first opens search; the index itself is fetched only when they start typing.

   A query is read as concepts: a phrase or word from the synonym groups
   (includes/search-synonyms.yml) stands for its whole group, so "Creon" also
   searches "pancreatic enzyme replacement" and "tumour" also "tumor". Each word
   is matched as a whole word (Pagefind stems English endings: live, lives,
   living), never as the start of a longer one: "live" does not find "liver".
   A page's score is the sum over concepts of its best score for that concept,
   then raised for pages written for the audience the reader chose. */
(function () {
  "use strict";
  var AUDIENCE_KEY = "kb-audience";  // set by audience.js
  var BOOST = { same: 1.6, all: 1.0, other: 0.7 };
  // The audiences a reader can choose, from the table (partials/kb-data.html); a page for
  // any other audience (everyone) is neither the reader's own nor the other one.
  var DATA = JSON.parse((document.getElementById("kb-data") || {}).textContent || "{}");
  var CHOOSABLE = DATA.audiences || {};
  // Pagefind searches the index of the page's own language (its <html lang>); the
  // synonyms are that language's too (includes/search-synonyms.es.yml).
  var SYNONYMS = DATA.synonyms || "synonyms.json";
  var SHOWN = 10;
  var WORDS = DATA.strings || {};
  // Words left out of a query, in the page's language (strings.yml, js.search_stop).
  var STOP = WORDS.search_stop || [];

  var panel = document.getElementById("kb-search");
  var toggle = document.querySelector(".kb-search-toggle");
  var engine = null;

  function root() {
    var base = panel ? panel.getAttribute("data-base") : ".";
    return new URL((base || ".").replace(/\/?$/, "/"), window.location.href).href;
  }

  function load() {
    if (!engine) {
      engine = Promise.all([
        import(root() + "pagefind/pagefind.js"),
        window.fetch(root() + "pagefind/" + SYNONYMS).then(function (r) { return r.ok ? r.json() : []; })
      ]).then(function (parts) {
        var groups = {};
        parts[1].forEach(function (group) { group.forEach(function (word) { groups[word] = group; }); });
        return { pagefind: parts[0], groups: groups, phrases: Object.keys(groups).filter(function (w) {
          return w.indexOf(" ") >= 0; }).sort(function (a, b) { return b.length - a.length; }) };
      });
    }
    return engine;
  }

  function normalise(text) {
    return " " + text.toLowerCase().replace(/[\u2018\u2019']/g, "").replace(/[^\p{L}\p{N}-]+/gu, " ").trim() + " ";
  }

  /* The query as a list of concepts, each a list of words or phrases to search for. */
  function concepts(text, index) {
    var rest = normalise(text);
    var found = [];
    index.phrases.forEach(function (phrase) {
      var at = rest.indexOf(" " + phrase + " ");
      if (at < 0) return;
      found.push(index.groups[phrase]);
      rest = rest.slice(0, at) + rest.slice(at + phrase.length + 1);
    });
    rest.split(" ").forEach(function (word) {
      if (!word || STOP.indexOf(word) >= 0) return;
      found.push(index.groups[word] || [word]);
    });
    return found.filter(function (group, i) { return found.indexOf(group) === i; });
  }

  /* Scores (0 to 1) of the pages that use `term` as a whole word, or that start
     with it when no page has the whole word (a word still being typed). */
  function scores(pagefind, term, seen) {
    return Promise.all([pagefind.search(term), pagefind.search('"' + term + '"')]).then(function (both) {
      var whole = {};
      both[1].results.forEach(function (r) { whole[r.id] = true; });
      var hits = both[0].results.filter(function (r) { return whole[r.id]; });
      if (!hits.length) hits = both[1].results.length ? both[1].results : both[0].results;
      var top = Math.max.apply(null, hits.map(function (r) { return r.score || 1; }).concat([1e-9]));
      var out = {};
      hits.forEach(function (r) { seen[r.id] = r; out[r.id] = (r.score || 1) / top; });
      return out;
    });
  }

  function readerAudience() {
    try { return window.localStorage.getItem(AUDIENCE_KEY); } catch (e) { return null; }
  }

  /* Ranked results: [{url, title, audience, audienceLabel, excerpt, score}]. */
  function search(text, audience) {
    return load().then(function (index) {
      var wanted = concepts(text, index);
      var seen = {};
      return Promise.all(wanted.map(function (group) {
        return Promise.all(group.map(function (term) { return scores(index.pagefind, term, seen); }))
          .then(function (lists) {
            var best = {};
            lists.forEach(function (list) {
              Object.keys(list).forEach(function (id) { best[id] = Math.max(best[id] || 0, list[id]); });
            });
            return best;
          });
      })).then(function (perConcept) {
        var total = {};
        perConcept.forEach(function (best) {
          Object.keys(best).forEach(function (id) { total[id] = (total[id] || 0) + best[id]; });
        });
        var ids = Object.keys(total).sort(function (a, b) { return total[b] - total[a]; }).slice(0, SHOWN + 5);
        return Promise.all(ids.map(function (id) { return seen[id].data(); })).then(function (pages) {
          var who = audience === undefined ? readerAudience() : audience;
          return pages.map(function (page, i) {
            var own = page.meta.audience;
            var boost = !CHOOSABLE[who] ? 1 :
              own === who ? BOOST.same : !CHOOSABLE[own] ? BOOST.all : BOOST.other;
            return { url: page.url, title: page.meta.title, audience: own,
                     audienceLabel: page.meta.audience_label, excerpt: page.excerpt,
                     score: total[ids[i]] * boost };
          }).sort(function (a, b) { return b.score - a.score; }).slice(0, SHOWN);
        });
      });
    });
  }

  // For the search-quality test and benchmark: the same ranking the reader gets.
  window.kbSearch = { search: search, load: load };

  if (!panel || !toggle) return;
  var input = panel.querySelector(".kb-search__input");
  var status = panel.querySelector(".kb-search__status");
  var list = panel.querySelector(".kb-search__results");
  // On a translated page: the same search on the English pages (search-button.js there opens it).
  var inEnglish = panel.querySelector(".kb-search__other");

  // search-button.js opens and closes the panel; this script answers what is typed.

  function show(results, text) {
    list.textContent = "";
    results.forEach(function (result) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = result.url;
      link.textContent = result.title;
      var who = document.createElement("span");
      who.className = "kb-search__for";
      who.textContent = WORDS.search_for.replace("{audience}", (result.audienceLabel || WORDS.search_everyone).toLowerCase());
      var excerpt = document.createElement("p");
      excerpt.className = "kb-search__excerpt";
      // Pagefind's excerpt is the page's own text, escaped, with <mark> around matches.
      excerpt.innerHTML = result.excerpt;
      item.append(link, " ", who, excerpt);
      list.appendChild(item);
    });
    status.textContent = (results.length ? WORDS.search_found.replace("{count}", results.length) : WORDS.search_none)
      .replace("{query}", text);
  }

  var pending = 0;
  load();  // this script loads when the reader opens search
  function answer() {
    var text = input.value.trim();
    if (inEnglish) inEnglish.search = "?kb-search=" + encodeURIComponent(text);
    var ticket = ++pending;
    if (text.length < 2) { list.textContent = ""; status.textContent = ""; return; }
    window.setTimeout(function () {
      if (ticket !== pending) return;
      search(text).then(function (results) { if (ticket === pending) show(results, text); },
        function () { status.textContent = WORDS.search_failed; });
    }, 150);
  }
  input.addEventListener("input", answer);
  answer();  // what the reader typed while this script was loading
})();
