/* "Cite this page": puts the reader's own access date into the citations, and a
   copy button under each. */
(function () {
  "use strict";
  // Month names from overrides/strings.yml (partials/kb-data.html).
  var WORDS = JSON.parse((document.getElementById("kb-data") || {}).textContent || "{}").strings || {};
  var MONTHS = WORDS.months || [];
  if (MONTHS.length !== 12) return;  // the placeholder then says what to write
  var today = new Date();
  var iso = [today.getFullYear(), String(today.getMonth() + 1).padStart(2, "0"),
    String(today.getDate()).padStart(2, "0")].join("-");
  var formats = {
    ama: MONTHS[today.getMonth()] + " " + today.getDate() + ", " + today.getFullYear(),
    vancouver: today.getFullYear() + " " + MONTHS[today.getMonth()].slice(0, 3) + " " + today.getDate()
  };
  var dates = document.querySelectorAll(".kb-accessed[data-style]");
  Array.prototype.forEach.call(dates, function (span) {
    var time = document.createElement("time");
    time.className = "kb-accessed";
    time.dateTime = iso;
    time.textContent = formats[span.dataset.style] || iso;
    span.replaceWith(time);
  });

  // One row of copy buttons under the citations, so each citation's text stays as written.
  var NAMES = { ama: "AMA", vancouver: "Vancouver" };
  var texts = document.querySelectorAll(".kb-cite__text[data-style]");
  if (!navigator.clipboard || !texts.length) return;  // insecure contexts: the text can still be selected
  var row = document.createElement("p");
  row.className = "kb-cite__copy-row";
  var done = document.createElement("span");
  done.className = "kb-cite__copied";
  done.setAttribute("role", "status");
  Array.prototype.forEach.call(texts, function (text) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button kb-cite__copy";
    button.textContent = "Copy " + (NAMES[text.dataset.style] || "") + " citation";
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(text.textContent.replace(/\s+/g, " ").trim()).then(function () {
        done.textContent = "Copied.";
      }, function () {
        done.textContent = "Could not copy: select the text and copy it.";
      });
    });
    row.appendChild(button);
    row.appendChild(document.createTextNode(" "));
  });
  row.appendChild(done);
  texts[texts.length - 1].parentNode.after(row);
})();
