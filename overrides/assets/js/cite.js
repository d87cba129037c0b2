/* "Cite this page": puts the reader's own access date into the citations, and a
   copy button under each. */
(function () {
  "use strict";
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];
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

  var NAMES = { ama: "AMA", vancouver: "Vancouver" };
  if (!navigator.clipboard) return;  // insecure contexts: the text can still be selected
  Array.prototype.forEach.call(document.querySelectorAll(".kb-cite__text[data-style]"), function (text) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button kb-cite__copy";
    button.textContent = "Copy " + (NAMES[text.dataset.style] || "") + " citation";
    var words = document.createElement("span");
    while (text.firstChild) words.appendChild(text.firstChild);
    text.appendChild(words);
    var done = document.createElement("span");
    done.className = "kb-cite__copied";
    done.setAttribute("role", "status");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(words.textContent.replace(/\s+/g, " ").trim()).then(function () {
        done.textContent = "Copied.";
      }, function () {
        done.textContent = "Could not copy: select the text and copy it.";
      });
    });
    text.appendChild(document.createElement("br"));
    text.appendChild(button);
    text.appendChild(done);
  });
})();
