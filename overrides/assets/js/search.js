/* Site search with Pagefind. search-button.js loads this file when the reader
   first opens search; the index itself is fetched only when they start typing.

   A query is read as concepts: a phrase or word from the synonym groups
   (includes/search-synonyms.yml) stands for its whole group, so "Creon" also
   searches "pancreatic enzyme replacement" and "tumour" also "tumor". Each word
   is matched as a whole word (Pagefind stems English endings: live, lives,
   living), never as the start of a longer one: "live" does not find "liver".
   A page's score is the sum over concepts of its best score for that concept,
   then weighed by who the page is for (RANKING). Each result lists the sections
   that match best (Pagefind's sub-results), linked to their headings.

   A typed word the site never uses (not in pagefind/vocabulary.json, or the
   page language's vocabulary.es.json, written by the build) is matched to the nearest word the site does use, one or two letters
   off, and the corrected query offered: "Did you mean ...?". Pagefind's stemming
   may still find pages for it ("gemcitabin"), so the offer does not wait for a
   query to fail. */
(function () {
  "use strict";
  var AUDIENCE_KEY = "kb-audience";  // set by audience.js
  // The audiences a reader can choose, from the table (partials/kb-data.html); a page for
  // any other audience (everyone) is neither the reader's own nor the other one.
  var DATA = JSON.parse((document.getElementById("kb-data") || {}).textContent || "{}");
  var CHOOSABLE = DATA.audiences || {};
  // Pagefind searches the index of the page's own language (its <html lang>); the
  // synonyms and the vocabulary are that language's too (includes/search-synonyms.es.yml).
  var SYNONYMS = DATA.synonyms || "synonyms.json";
  var VOCABULARY = DATA.vocabulary || "vocabulary.json";
  var RANKING = {
    // A reader who chose: their audience's pages first.
    chosen: { same: 1.6, all: 1.0, other: 0.7 },
    // Before a choice, everyday words are mostly typed by patients and families, and a
    // clinician's terms rarely appear on patient pages: patient pages first.
    unchosen: { patient: 1.3 },
    // The site's own housekeeping (editorial policy, dashboard, performance) last,
    // unless nothing else answers.
    housekeeping: { path: "about/", weight: 0.15 }
  };
  var SHOWN = 10;
  var SECTIONS = 2;  // best-matching sections listed under a result
  var WORDS = DATA.strings || {};
  // Words left out of a query, in the page's language (strings.yml, js.search_stop).
  var STOP = WORDS.search_stop || [];

  var panel = document.getElementById("kb-search");
  var toggle = document.querySelector(".kb-search-toggle");
  var engine = null;
  var vocabulary = null;

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

  function loadVocabulary() {
    if (!vocabulary) {
      vocabulary = window.fetch(root() + "pagefind/" + VOCABULARY)
        .then(function (r) { return r.ok ? r.json() : {}; }, function () { return {}; });
    }
    return vocabulary;
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

  /* The pages that use `term` as a whole word, or that start with it when no page has
     the whole word (a word still being typed): {id: {score: 0 to 1, result}}. */
  function scores(pagefind, term) {
    return Promise.all([pagefind.search(term), pagefind.search('"' + term + '"')]).then(function (both) {
      var whole = {};
      both[1].results.forEach(function (r) { whole[r.id] = true; });
      var hits = both[0].results.filter(function (r) { return whole[r.id]; });
      if (!hits.length) hits = both[1].results.length ? both[1].results : both[0].results;
      var top = Math.max.apply(null, hits.map(function (r) { return r.score || 1; }).concat([1e-9]));
      var pages = {};
      hits.forEach(function (r) { pages[r.id] = { score: (r.score || 1) / top, result: r }; });
      return pages;
    });
  }

  function readerAudience() {
    try { return window.localStorage.getItem(AUDIENCE_KEY); } catch (e) { return null; }
  }

  function weight(page, who) {
    var own = page.meta.audience;
    var w = CHOOSABLE[who] ? (own === who ? RANKING.chosen.same : !CHOOSABLE[own] ? RANKING.chosen.all :
      RANKING.chosen.other) : RANKING.unchosen[own] || 1;
    var path = new URL(page.url, window.location.href).pathname;
    var housekeeping = new URL(RANKING.housekeeping.path, root()).pathname;
    return path.indexOf(housekeeping) === 0 ? w * RANKING.housekeeping.weight : w;
  }

  /* The page's best-matching sections: those matching the most concepts, then the most
     strongly; the title and the part before the first section are left out (the
     result's own link goes there). */
  function sections(datas) {
    var byUrl = {};
    datas.forEach(function (data) {
      (data.sub_results || []).forEach(function (sub) {
        if (sub.url.indexOf("#") < 0 || (sub.anchor && sub.anchor.element === "h1")) return;
        var section = byUrl[sub.url] || (byUrl[sub.url] =
          { url: sub.url, title: sub.title, excerpt: sub.excerpt, concepts: 0, strength: 0 });
        section.concepts += 1;
        (sub.weighted_locations || []).forEach(function (l) { section.strength += l.balanced_score || l.weight || 1; });
      });
    });
    return Object.keys(byUrl).map(function (url) { return byUrl[url]; }).sort(function (a, b) {
      return b.concepts - a.concepts || b.strength - a.strength;
    }).slice(0, SECTIONS);
  }

  /* Damerau-Levenshtein distance (optimal string alignment): letters left out, added,
     changed, or two swapped each count one. Stops early past `most`. */
  function distance(a, b, most) {
    if (Math.abs(a.length - b.length) > most) return most + 1;
    var rows = [];
    for (var i = 0; i <= a.length; i++) {
      rows.push([i]);
      var best = i;
      for (var j = 1; j <= b.length; j++) {
        if (i === 0) { rows[0].push(j); continue; }
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
        rows[i].push(d);
        best = Math.min(best, d);
      }
      if (i > 0 && best > most) return most + 1;
    }
    return rows[a.length][b.length];
  }

  /* The vocabulary word nearest `word`: one letter off for a word of up to five
     letters, two for longer ones; among equally near words the most used. */
  function nearest(word, words) {
    if (word.length < 4 || /\d/.test(word)) return null;
    var most = word.length <= 5 ? 1 : 2;
    var found = null;
    var foundDistance = most + 1;
    Object.keys(words).forEach(function (candidate) {
      var d = distance(word, candidate, most);
      if (d < foundDistance || (d === foundDistance && found && words[candidate] > words[found])) {
        found = candidate;
        foundDistance = d;
      }
    });
    return foundDistance <= most ? found : null;
  }

  /* Whether the site uses `word`, or the same word with or without a plural ending
     (a reader's "carer" where the pages say "carers"). */
  function used(word, words) {
    return [word, word + "s", word + "es", word.replace(/e?s$/, ""), word.replace(/s$/, "")].some(function (form) {
      return words.hasOwnProperty(form);
    });
  }

  /* `text` with each of its words the site never uses replaced by the nearest one it
     does, or null when no word was replaced. */
  function suggestion(text) {
    return loadVocabulary().then(function (words) {
      var fixed = false;
      var out = normalise(text).trim().split(" ").map(function (word) {
        var near = STOP.indexOf(word) < 0 && !used(word, words) ? nearest(word, words) : null;
        if (near) fixed = true;
        return near || word;
      }).join(" ");
      return fixed ? out : null;
    });
  }

  /* {results: [{url, title, audience, audienceLabel, excerpt, sections, score}],
     matched: how many pages matched, suggestion: a corrected query or null}. */
  function find(text, audience) {
    return load().then(function (index) {
      var wanted = concepts(text, index);
      return Promise.all(wanted.map(function (group) {
        return Promise.all(group.map(function (term) { return scores(index.pagefind, term); }))
          .then(function (lists) {
            var best = {};
            lists.forEach(function (list) {
              Object.keys(list).forEach(function (id) {
                if (!best[id] || list[id].score > best[id].score) best[id] = list[id];
              });
            });
            return best;
          });
      })).then(function (perConcept) {
        var total = {};
        var found = {};
        perConcept.forEach(function (best) {
          Object.keys(best).forEach(function (id) {
            total[id] = (total[id] || 0) + best[id].score;
            (found[id] = found[id] || []).push(best[id].result);
          });
        });
        var ids = Object.keys(total).sort(function (a, b) { return total[b] - total[a]; }).slice(0, SHOWN + 5);
        return Promise.all([
          Promise.all(ids.map(function (id) {
            return Promise.all(found[id].map(function (result) { return result.data(); }));
          })),
          suggestion(text)
        ]).then(function (parts) {
          var who = audience === undefined ? readerAudience() : audience;
          var results = parts[0].map(function (datas, i) {
            var page = datas[0];
            return { url: page.url, title: page.meta.title, audience: page.meta.audience,
                     audienceLabel: page.meta.audience_label, excerpt: page.excerpt,
                     sections: sections(datas), score: total[ids[i]] * weight(page, who) };
          }).sort(function (a, b) { return b.score - a.score; }).slice(0, SHOWN);
          return { results: results, matched: Object.keys(total).length, suggestion: parts[1] };
        });
      });
    });
  }

  /* Ranked results only, as the reader sees them. */
  function search(text, audience) {
    return find(text, audience).then(function (answer) { return answer.results; });
  }

  // For the search-quality test and benchmark: the same ranking and suggestions the reader gets.
  window.kbSearch = { search: search, find: find, load: load,
    suggest: function (text) { return find(text, null).then(function (answer) { return answer.suggestion; }); } };

  if (!panel || !toggle) return;
  var input = panel.querySelector(".kb-search__input");
  var status = panel.querySelector(".kb-search__status");
  var fix = panel.querySelector(".kb-search__suggest");
  var list = panel.querySelector(".kb-search__results");
  var ask = panel.querySelector(".kb-search__ask");
  // On a translated page: the same search on the English pages (search-button.js there opens it).
  var inEnglish = panel.querySelector(".kb-search__other");

  // search-button.js opens and closes the panel; this script answers what is typed.

  function excerpt(html) {
    var p = document.createElement("p");
    p.className = "kb-search__excerpt";
    // Pagefind's excerpt is the page's own text, escaped, with <mark> around matches.
    p.innerHTML = html;
    return p;
  }

  function link(url, text) {
    var a = document.createElement("a");
    a.href = url;
    a.textContent = text;
    return a;
  }

  function offer(suggested) {
    fix.textContent = "";
    fix.hidden = !suggested;
    if (!suggested) return;
    var words = WORDS.search_did_you_mean.split("{suggestion}");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "kb-search__fix";
    button.textContent = suggested;
    button.addEventListener("click", function () {
      input.value = suggested;
      input.focus();
      answer();
    });
    fix.append(words[0], button, words[1] || "");
  }

  function show(answer, text) {
    list.textContent = "";
    answer.results.forEach(function (result) {
      var item = document.createElement("li");
      var who = document.createElement("span");
      who.className = "kb-search__for";
      who.textContent = WORDS.search_for.replace("{audience}", (result.audienceLabel || WORDS.search_everyone).toLowerCase());
      item.append(link(result.url, result.title), " ", who);
      if (result.sections.length) {
        var parts = document.createElement("ul");
        parts.className = "kb-search__sections";
        result.sections.forEach(function (section) {
          var part = document.createElement("li");
          part.append(link(section.url, section.title), excerpt(section.excerpt));
          parts.appendChild(part);
        });
        item.appendChild(parts);
      } else {
        item.appendChild(excerpt(result.excerpt));
      }
      list.appendChild(item);
    });
    var count = answer.matched;
    var found = !count ? WORDS.search_none : count === 1 ? WORDS.search_found_one :
      count > answer.results.length ? WORDS.search_found_many : WORDS.search_found;
    status.textContent = found.replace("{count}", count).replace("{shown}", answer.results.length).replace("{query}", text);
    offer(answer.suggestion);
    if (ask) {
      var address = ask.getAttribute("data-address");
      ask.querySelector("a").href = "mailto:" + address + "?subject=" + encodeURIComponent(WORDS.search_ask_subject) +
        "&body=" + encodeURIComponent(WORDS.search_ask_body.replace("{query}", text));
      ask.hidden = false;
    }
  }

  function clear() {
    openFirst = false;
    list.textContent = "";
    status.textContent = "";
    offer(null);
    if (ask) ask.hidden = true;
  }

  var pending = 0;
  var answered = 0;
  var openFirst = false;  // Enter pressed before the results arrived
  load();  // this script loads when the reader opens search
  loadVocabulary();
  function answer() {
    var text = input.value.trim();
    if (inEnglish) inEnglish.search = "?kb-search=" + encodeURIComponent(text);
    var ticket = ++pending;
    if (text.length < 2) { clear(); return; }
    if (!answered) status.textContent = WORDS.search_searching;
    window.setTimeout(function () {
      if (ticket !== pending) return;
      find(text).then(function (found) {
        if (ticket !== pending) return;
        answered = ticket;
        show(found, text);
        if (openFirst) { openFirst = false; follow(list.querySelector("a")); }
      }, function () { status.textContent = WORDS.search_failed; });
    }, 150);
  }

  function follow(target) {
    if (!target) return;
    panel.hidden = true;
    toggle.setAttribute("aria-expanded", "false");
    window.location.href = target.href;
  }

  input.addEventListener("input", answer);
  // Enter opens the first result; the arrow keys move through the results' links.
  input.addEventListener("keydown", function (event) {
    var first = list.querySelector("a");
    if (event.key === "Enter") {
      event.preventDefault();
      if (answered === pending && first) follow(first); else openFirst = input.value.trim().length >= 2;
    } else if (event.key === "ArrowDown" && first) {
      event.preventDefault();
      first.focus();
    }
  });
  list.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var at = links.indexOf(document.activeElement);
    if (at < 0) return;
    event.preventDefault();
    var next = at + (event.key === "ArrowDown" ? 1 : -1);
    if (next < 0) input.focus(); else if (next < links.length) links[next].focus();
  });
  // A result on this page (a section) changes only the address: the panel closes all the same.
  list.addEventListener("click", function (event) {
    if (event.target instanceof Element && event.target.closest("a")) {
      panel.hidden = true;
      toggle.setAttribute("aria-expanded", "false");
    }
  });
  answer();  // what the reader typed while this script was loading
})();
