/* Two defences a page's policy cannot give on GitHub Pages, which sends no headers
   (frame-ancestors works only as a header; see CONTRIBUTING, "Threat model").
   1. Framing: another site could show this page inside its own, under its own
      buttons (clickjacking) or its own words. Framed, the page hides itself and
      asks to take the whole tab (browsers refuse that to a frame the reader has
      not clicked in, so the hiding is what counts).
   2. Service workers: the site registers none, so any registration for this
      address is not the site's; it is removed (and the published unregistering
      workers remove any the browser still finds on its update check). */
(function () {
  "use strict";
  if (window.top !== window.self) {
    document.documentElement.style.display = "none";
    try {
      window.top.location.replace(window.location.href);
    } catch (e) { /* refused: the page stays hidden */ }
  }
  if (navigator.serviceWorker && navigator.serviceWorker.getRegistrations) {
    navigator.serviceWorker.getRegistrations().then(function (registrations) {
      registrations.forEach(function (registration) { registration.unregister(); });
    }, function () {});
  }
})();
