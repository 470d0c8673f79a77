/* The large-font, high-contrast mode (适老化) in the static export, where no server sets a cookie:
   remembered in localStorage, applied before the page is drawn (this file loads in <head>). */
(function () {
  var KEY = "ipcity_display";
  var root = document.documentElement;
  function stored() { try { return localStorage.getItem(KEY) === "large"; } catch (e) { return false; } }
  if (stored()) root.classList.add("large");
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("display-toggle");
    if (!button) return;
    button.hidden = false;
    button.setAttribute("aria-pressed", String(root.classList.contains("large")));
    button.addEventListener("click", function () {
      var large = !root.classList.contains("large");
      root.classList.toggle("large", large);
      try { if (large) localStorage.setItem(KEY, "large"); else localStorage.removeItem(KEY); } catch (e) { /* private mode */ }
      button.setAttribute("aria-pressed", String(large));
      if (window.ipcityRedrawChart) window.ipcityRedrawChart();
    });
  });
})();
