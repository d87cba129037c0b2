/* The search button: shown once scripts run, and search.js loaded only when the
   reader first opens search (or presses "/"), so a page's first load carries
   none of the search code. Without JavaScript the button stays hidden. */
(function () {
  "use strict";
  var panel = document.getElementById("kb-search");
  var toggle = document.querySelector(".kb-search-toggle");
  if (!panel || !toggle) return;
  var loading = null;

  // Also used by the search-quality test and benchmark, before they call window.kbSearch.
  window.kbLoadSearch = function () {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        var base = new URL((panel.getAttribute("data-base") || ".").replace(/\/?$/, "/"), window.location.href);
        script.src = new URL("assets/js/search.js", base).href;
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return loading;
  };

  var input = panel.querySelector(".kb-search__input");
  // The panel opens at once and takes the keys typed into it; search.js, loading
  // meanwhile, searches for whatever is typed by the time it arrives.
  function open(show) {
    panel.hidden = !show;
    toggle.setAttribute("aria-expanded", String(show));
    if (show) {
      input.focus();
      window.kbLoadSearch();
    }
  }
  function isOpen() { return !panel.hidden; }

  // Right after the title, which gives up the room: no button drawn already moves
  // (layout shift).
  var title = document.querySelector(".md-header__inner > .md-header__title");
  if (title) title.after(toggle);
  toggle.hidden = false;
  toggle.addEventListener("click", function () { open(!isOpen()); });
  panel.querySelector(".kb-search__close").addEventListener("click", function () { open(false); toggle.focus(); });
  panel.querySelector("form").addEventListener("submit", function (event) { event.preventDefault(); });
  // Sent here from a translated page's "search the pages in English" link, with the query.
  // A query, not a fragment: the link checker holds every fragment to an anchor on the page.
  var asked = new URLSearchParams(window.location.search).get("kb-search");
  if (asked) {
    input.value = asked;
    open(true);
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && isOpen()) { open(false); toggle.focus(); }
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if (event.key === "/" && !isOpen() && !typing) { event.preventDefault(); open(true); }
  });
})();
