/* Two defences a page's policy cannot give on GitHub Pages, which sends no headers
   (frame-ancestors works only as a header; see CONTRIBUTING, "Threat model").
   1. Framing: another site could show this page inside its own, under its own
      buttons (clickjacking) or its own words. Framed, the page takes the whole tab
      or, where the frame forbids that, hides itself.
   2. Service workers: the site registers none, so any registration for this
      address is not the site's; it is removed (and the published unregistering
      workers remove any the browser still finds on its update check). */
(function () {
  "use strict";
  if (window.top !== window.self) {
    try {
      window.top.location.replace(window.location.href);
    } catch (e) {
      document.documentElement.style.display = "none";
    }
  }
  if (navigator.serviceWorker && navigator.serviceWorker.getRegistrations) {
    navigator.serviceWorker.getRegistrations().then(function (registrations) {
      registrations.forEach(function (registration) { registration.unregister(); });
    }, function () {});
  }
})();
