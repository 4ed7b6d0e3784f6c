// Starts Swagger UI on the spec vigil serves at ../openapi.json, relative to this script, so the
// page works behind a reverse proxy that adds a path prefix. The spec is fetched by URL: no text
// of it is ever pasted into a script, whatever its descriptions contain.
(function () {
  var specUrl = new URL('../openapi.json', document.currentScript.src).href;
  window.addEventListener('load', function () {
    window.ui = SwaggerUIBundle({
      url: specUrl,
      dom_id: '#swagger-ui',
      deepLinking: true,
      presets: [SwaggerUIBundle.presets.apis],
      layout: 'BaseLayout',
    });
  });
})();
