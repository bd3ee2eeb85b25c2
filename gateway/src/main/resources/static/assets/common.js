/*
 * Shared helpers of the web pages. Every piece of data reaches the page as text (textContent or
 * text nodes), never as HTML, so nothing a reader writes can become markup or script.
 */
"use strict";

var UI = (function () {

  /** Creates an element; string and number children become text nodes, null children are skipped. */
  function el(tag, attributes) {
    var node = document.createElement(tag);
    var attrs = attributes || {};
    Object.keys(attrs).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) {
        return;
      }
      if (name === "className") {
        node.className = value;
      } else if (name === "text") {
        node.textContent = value;
      } else if (name.indexOf("on") === 0 && typeof value === "function") {
        node.addEventListener(name.substring(2), value);
      } else {
        node.setAttribute(name, value === true ? "" : String(value));
      }
    });
    for (var i = 2; i < arguments.length; i++) {
      append(node, arguments[i]);
    }
    return node;
  }

  /**
   * A string someone typed (a name, a comment, a title, a note), isolated from the text around it: bidi
   * controls or right-to-left letters inside cannot reorder what follows (a name ending in U+202E would
   * otherwise run into the date beside it). A <bdi> takes its direction from its own content.
   */
  function bdi(text, className) {
    return el("bdi", { className: className || null }, text === null || text === undefined ? "" : String(text));
  }

  function append(node, child) {
    if (child === null || child === undefined || child === false) {
      return;
    }
    if (Array.isArray(child)) {
      child.forEach(function (c) { append(node, c); });
    } else if (typeof child === "string" || typeof child === "number") {
      node.appendChild(document.createTextNode(String(child)));
    } else {
      node.appendChild(child);
    }
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  /** An answer from the API that was not a success, with the problem+json title and detail. */
  function ApiError(status, problem, headers) {
    this.status = status;
    this.problem = problem || {};
    this.title = this.problem.title || ("HTTP " + status);
    this.detail = this.problem.detail || "";
    this.retryAfter = headers ? headers.get("Retry-After") : null;
    this.message = this.detail ? this.title + " " + this.detail : this.title;
  }
  ApiError.prototype = Object.create(Error.prototype);

  /**
   * Calls the API. options: method, body (sent as JSON), token, headers. Resolves with the parsed
   * JSON body (or null), rejects with an ApiError (status 0 when the network failed).
   */
  function api(path, options) {
    var opts = options || {};
    var headers = { "Accept": "application/json, application/problem+json" };
    if (opts.body !== undefined) {
      headers["Content-Type"] = "application/json";
    }
    if (opts.token) {
      headers["Authorization"] = "Bearer " + opts.token;
    }
    Object.keys(opts.headers || {}).forEach(function (name) { headers[name] = opts.headers[name]; });
    return fetch(path, {
      method: opts.method || "GET",
      headers: headers,
      body: opts.body === undefined ? undefined : (typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body)),
      credentials: "omit",
      cache: "no-store"
    }).then(function (response) {
      return response.text().then(function (text) {
        var data = null;
        if (text) {
          try { data = JSON.parse(text); } catch (notJson) { data = null; }
        }
        if (!response.ok) {
          throw new ApiError(response.status, data, response.headers);
        }
        return data;
      });
    }, function () {
      throw new ApiError(0, { title: "The service cannot be reached.", detail: "Check your connection and try again." });
    });
  }

  function formatDate(iso) {
    if (!iso) {
      return "";
    }
    var date = new Date(iso);
    if (isNaN(date.getTime())) {
      return String(iso);
    }
    return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  }

  /** A <time> element showing a date readably, with the exact instant in its datetime attribute. */
  function time(iso) {
    return el("time", { datetime: iso || null }, formatDate(iso));
  }

  /** "1 thought" / "N thoughts". */
  function thoughts(count) {
    return count === 1 ? "1 thought" : count + " thoughts";
  }

  /** Shows a message in a notice region (role=status or alert in the markup), replacing what was there. */
  function notify(region, message, kind) {
    clear(region);
    region.className = "notice" + (kind ? " " + kind : "");
    region.hidden = !message;
    if (message) {
      region.textContent = message;
    }
  }

  function errorText(error) {
    if (error instanceof ApiError) {
      return error.message;
    }
    return String(error && error.message ? error.message : error);
  }

  /** The article body as the API stores it: paragraphs separated by blank lines. */
  function paragraphs(body) {
    return String(body || "").split(/\r?\n\s*\r?\n/).map(function (p) { return p.trim(); })
      .filter(function (p) { return p.length > 0; });
  }

  function newKey() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    return "k-" + Date.now() + "-" + Math.random().toString(16).slice(2);
  }

  return {
    el: el,
    bdi: bdi,
    append: append,
    clear: clear,
    api: api,
    ApiError: ApiError,
    formatDate: formatDate,
    time: time,
    thoughts: thoughts,
    notify: notify,
    errorText: errorText,
    paragraphs: paragraphs,
    newKey: newKey
  };
}());
