/* Deep links: a section that moved to another page is followed there, and a "copy
   link" button sits beside each heading's permalink. */

/* A bookmarked section that moved (moved_sections in mkdocs.yml): the page carries
   its map, id -> new place, as data in <meta name="kb-moved-sections">. When the
   address names an id this page does not have and the map does, the reader goes
   to the new place; the old address leaves the history. Only addresses on this
   site are followed. */
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="kb-moved-sections"]');
  if (!meta) return;
  var moved;
  try { moved = JSON.parse(meta.content); } catch (e) { return; }
  function follow() {
    var id;
    try { id = decodeURIComponent(window.location.hash.slice(1)); } catch (e) { return; }
    if (!id || document.getElementById(id)) return;
    if (!Object.prototype.hasOwnProperty.call(moved, id) || typeof moved[id] !== "string") return;
    var target = new URL(moved[id], window.location.href);
    if (target.origin === window.location.origin) window.location.replace(target.href);
  }
  follow();
  window.addEventListener("hashchange", follow);
})();

(function () {
  "use strict";
  if (!navigator.clipboard) return;  // the permalink itself still works
  // Wording from overrides/strings.yml (partials/kb-data.html).
  var WORDS = JSON.parse((document.getElementById("kb-data") || {}).textContent || "{}").strings || {};
  function say(text, name) { return String(text || "").replace("{name}", name); }
  var live = document.createElement("p");
  live.className = "kb-visually-hidden";
  live.setAttribute("role", "status");
  document.body.appendChild(live);

  var links = document.querySelectorAll(".md-typeset :is(h2, h3, h4, h5, h6) > a.headerlink");
  Array.prototype.forEach.call(links, function (permalink) {
    var heading = permalink.parentElement;
    var name = heading.textContent.replace(permalink.textContent, "").trim();
    var button = document.createElement("button");
    button.type = "button";
    button.className = "kb-copy-link";
    button.setAttribute("aria-label", say(WORDS.copy_link_label, name));
    button.title = say(WORDS.copy_link_title, name);
    button.innerHTML = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M3.9 12c0-1.71 1.39-3.1 3.1-3.1h4V7H7a5 5 0 0 0-5 5 5 5 0 0 0 5 5h4v-1.9H7c-1.71 0-3.1-1.39-3.1-3.1M8 13h8v-2H8zm9-6h-4v1.9h4c1.71 0 3.1 1.39 3.1 3.1s-1.39 3.1-3.1 3.1h-4V17h4a5 5 0 0 0 5-5 5 5 0 0 0-5-5"/></svg>';
    button.addEventListener("click", function () {
      var url = new URL(permalink.getAttribute("href"), window.location.href).href;
      navigator.clipboard.writeText(url).then(function () {
        live.textContent = say(WORDS.copied, name);
      }, function () {
        live.textContent = say(WORDS.not_copied, name);
      });
    });
    heading.appendChild(button);
  });
})();
