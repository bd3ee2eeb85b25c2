/* The browsable API contract: Swagger UI on the gateway's own /v3/api-docs (no inline script: the CSP forbids it). */
"use strict";

window.addEventListener("DOMContentLoaded", function () {
  window.ui = SwaggerUIBundle({
    url: "/v3/api-docs",
    dom_id: "#swagger-ui",
    deepLinking: true,
    // Nothing leaves the page for a validator service on the internet.
    validatorUrl: null,
    tryItOutEnabled: false
  });
});
