/* Starts the vendored Swagger UI on /api/docs (no inline script, nothing from another host). */
(function () {
  var config = JSON.parse(document.getElementById("swagger-settings").textContent);
  var csrfToken = document.body.dataset.csrfToken;
  config.dom_id = "#swagger-ui";
  config.presets = [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset];
  // Session-authenticated "Try it out" requests need Django's CSRF token.
  config.requestInterceptor = function (req) {
    if (csrfToken) { req.headers["X-CSRFToken"] = csrfToken; }
    return req;
  };
  window.ui = SwaggerUIBundle(config);
})();
