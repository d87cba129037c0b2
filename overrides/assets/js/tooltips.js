/* Tooltips for glossary terms and citations.

   A glossary term (<abbr title>) explains itself on hover, on keyboard focus and
   on touch. A citation number shows its reference on hover and on keyboard focus;
   a tap follows the link to the reference list, as it does without this script.
   Without this script the browser's own title tooltip still shows on hover, and
   the glossary page lists every term.

   Listeners are on the document, not on each term or citation, so a long page
   with many of them costs no more to start than a short one: a phone has the page
   ready sooner (this replaces the theme's footnote tooltips, which set up every
   citation as the page opens). */
(function () {
  "use strict";
  var TERM = ".md-typeset abbr[data-definition]";
  var CITATION = ".md-typeset a.footnote-ref";

  var tip = document.createElement("span");
  tip.className = "kb-tooltip";
  tip.id = "kb-tooltip";
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;
  document.body.appendChild(tip);
  var current = null;
  var timer = null;

  // The title moves to our tooltip so the browser's does not show twice.
  var terms = document.querySelectorAll(".md-typeset abbr[title]");
  Array.prototype.forEach.call(terms, function (abbr) {
    abbr.dataset.definition = abbr.title;
    abbr.removeAttribute("title");
    abbr.tabIndex = 0;
  });

  function target(node) {
    return node instanceof Element ? node.closest(TERM + ", " + CITATION) : null;
  }

  function line(className, words) {
    var span = document.createElement("span");
    span.className = className;
    span.textContent = words;
    return span;
  }

  // What the tooltip says: a term's definition, or the reference as listed at the
  // end of the page (without its "back" link), its evidence type and, as quotations,
  // the passages of the source bound to the citation's own sentence (data-passages,
  // set by the build; without it, all the passages listed for the page). Text only:
  // a tooltip holds nothing to click.
  function content(element) {
    if (element.matches(TERM)) return document.createTextNode(element.dataset.definition);
    var id = decodeURIComponent(element.getAttribute("href").slice(1));
    var item = document.getElementById(id);
    if (!item) return null;
    var bound = element.parentElement.dataset.passages;
    var wanted = bound === undefined ? null : bound.split(" ");
    var copy = item.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll(".footnote-backref"), function (back) { back.remove(); });
    var parts = document.createDocumentFragment();
    Array.prototype.forEach.call(copy.children, function (child) {
      if (child.matches("blockquote.kb-quote")) {
        if (wanted && wanted.indexOf(child.dataset.passage) < 0) return;
        var said = child.querySelector("p");
        var quote = document.createElement("q");
        quote.textContent = said ? said.textContent.trim() : "";
        var holder = line("kb-tooltip__quote", "");
        holder.appendChild(quote);
        parts.appendChild(holder);
      } else {
        parts.appendChild(line(child.matches(".kb-evidence-type") ? "kb-tooltip__type" : "kb-tooltip__ref",
                               child.textContent.trim()));
      }
    });
    return parts.childNodes.length ? parts : null;
  }

  // On screen whole: below the citation, or above it when there is more room there,
  // never wider or taller than the window (a long quote scrolls inside it).
  var GAP = 6;
  var MARGIN = 8;
  function place(element) {
    var box = element.getBoundingClientRect();
    var view = document.documentElement;
    var width = Math.min(320, view.clientWidth - 2 * MARGIN);
    var below = view.clientHeight - box.bottom - GAP - MARGIN;
    var above = box.top - GAP - MARGIN;
    tip.style.maxWidth = width + "px";
    tip.style.maxHeight = Math.max(below, above) + "px";
    tip.style.left = Math.max(MARGIN, Math.min(box.left, view.clientWidth - width - MARGIN)) + window.scrollX + "px";
    var height = tip.offsetHeight;
    var top = height <= below || below >= above ? box.bottom + GAP : box.top - GAP - height;
    tip.style.top = top + window.scrollY + "px";
  }
  function showTip(element) {
    var words = content(element);
    if (!words) return;
    window.clearTimeout(timer);
    if (current && current !== element) current.removeAttribute("aria-describedby");
    current = element;
    tip.replaceChildren(words);
    tip.hidden = false;
    place(element);
    element.setAttribute("aria-describedby", tip.id);
  }
  function hideTip() {
    if (current) current.removeAttribute("aria-describedby");
    current = null;
    tip.hidden = true;
  }

  // A pointer may move from the term onto the tooltip without losing it (WCAG 1.4.13).
  function hideSoon() { timer = window.setTimeout(hideTip, 300); }
  tip.addEventListener("mouseenter", function () { window.clearTimeout(timer); });
  tip.addEventListener("mouseleave", function () { if (current && document.activeElement !== current) hideSoon(); });

  document.addEventListener("mouseover", function (event) {
    var element = target(event.target);
    if (element && !element.contains(event.relatedTarget)) showTip(element);
  });
  document.addEventListener("mouseout", function (event) {
    var element = target(event.target);
    if (element && element === current && !element.contains(event.relatedTarget) &&
        document.activeElement !== element) hideSoon();
  });
  document.addEventListener("focusin", function (event) {
    var element = target(event.target);
    if (element) showTip(element);
  });
  document.addEventListener("focusout", function (event) {
    if (target(event.target) === current) hideTip();
  });

  // A tap focuses a term (which opens the tooltip) before its click: a click
  // closes the tooltip only if it was already open when the tap began.
  var wasOpen = false;
  document.addEventListener("pointerdown", function (event) {
    var element = target(event.target);
    wasOpen = Boolean(element) && current === element && !tip.hidden;
  });
  document.addEventListener("click", function (event) {
    var element = target(event.target);
    if (!element || !element.matches(TERM)) return;
    if (wasOpen) hideTip(); else showTip(element);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hideTip();
  });
  document.addEventListener("touchstart", function (event) {
    if (current && !current.contains(event.target)) hideTip();
  }, { passive: true });
})();
