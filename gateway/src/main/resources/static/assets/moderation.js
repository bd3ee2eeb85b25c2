/*
 * The moderator console: sign in, the HELD queue with decisions, closing and reopening threads,
 * the rule set, a comment's history. The access token lives in sessionStorage (this tab only) and
 * is sent as a Bearer header; nothing is kept in cookies.
 */
"use strict";

(function () {
  var el = UI.el;
  var TOKEN_KEY = "moderator-session";
  var ARTICLE_PAGE_SIZE = 20;

  var consoleStatus = document.getElementById("console-status");
  var signInSection = document.getElementById("sign-in");
  var signInForm = document.getElementById("sign-in-form");
  var signInStatus = document.getElementById("sign-in-status");
  var consoleSection = document.getElementById("console");
  var queueList = document.getElementById("queue");
  var queueStatus = document.getElementById("queue-status");
  var articleRows = document.getElementById("article-rows");
  var articlesStatus = document.getElementById("articles-status");
  var articlesPrevious = document.getElementById("articles-previous");
  var articlesNext = document.getElementById("articles-next");
  var rulesField = document.getElementById("rules-json");
  var rulesStatus = document.getElementById("rules-status");
  var historyField = document.getElementById("history-id");
  var historyStatus = document.getElementById("history-status");
  var historyResult = document.getElementById("history-result");

  var articlePage = 0;
  /** Only the latest load of a list paints it: a slower, older answer must not overwrite a newer one. */
  var latest = { queue: 0, articles: 0 };

  // ---- session ---------------------------------------------------------------------------------

  function session() {
    try {
      var saved = JSON.parse(sessionStorage.getItem(TOKEN_KEY) || "null");
      if (saved && saved.token && (!saved.expiresAt || saved.expiresAt > Date.now())) {
        return saved;
      }
    } catch (unreadable) {
      // fall through: not signed in
    }
    return null;
  }

  function showSignIn(message) {
    try { sessionStorage.removeItem(TOKEN_KEY); } catch (ignored) { /* nothing stored */ }
    consoleSection.hidden = true;
    signInSection.hidden = false;
    UI.notify(signInStatus, message || "", "error");
    document.getElementById(document.getElementById("username").value ? "password" : "username").focus();
  }

  function showConsole() {
    var current = session();
    signInSection.hidden = true;
    consoleSection.hidden = false;
    var signedInAs = document.getElementById("signed-in-as");
    UI.clear(signedInAs);
    UI.append(signedInAs, ["Signed in as ", UI.bdi(current.user), "."]);
    loadQueue();
    loadArticles();
    loadRules();
  }

  /** A moderator call: the token goes along; a 401 means the session is over. */
  function call(path, options) {
    var current = session();
    if (!current) {
      showSignIn("Please sign in again.");
      return Promise.reject(new UI.ApiError(401, { title: "Not signed in." }));
    }
    var opts = options || {};
    opts.token = current.token;
    return UI.api(path, opts).catch(function (error) {
      if (error.status === 401) {
        showSignIn("Your sign-in has expired. Please sign in again.");
      }
      throw error;
    });
  }

  signInForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var username = document.getElementById("username").value.trim();
    var password = document.getElementById("password").value;
    if (!username || !password) {
      UI.notify(signInStatus, "Please enter your user name and password.", "error");
      return;
    }
    var button = document.getElementById("sign-in-submit");
    button.disabled = true;
    UI.api("/api/auth/token", { method: "POST", body: { username: username, password: password } })
      .then(function (answer) {
        var lifetime = typeof answer.expires_in === "number" ? answer.expires_in * 1000 : 0;
        sessionStorage.setItem(TOKEN_KEY, JSON.stringify({
          token: answer.access_token,
          user: username,
          expiresAt: lifetime ? Date.now() + lifetime - 5000 : 0
        }));
        document.getElementById("password").value = "";
        UI.notify(signInStatus, "");
        showConsole();
        document.getElementById("queue-title").focus();
      }, function (error) {
        UI.notify(signInStatus, error.status === 401
          ? "The user name or password is wrong." : "Signing in failed. " + UI.errorText(error), "error");
      }).then(function () { button.disabled = false; });
  });

  document.getElementById("sign-out").addEventListener("click", function () {
    showSignIn("");
    UI.notify(consoleStatus, "You are signed out.");
  });

  // ---- held queue --------------------------------------------------------------------------------

  var DECISIONS = [
    { decision: "APPROVE", label: "Approve", done: "Approved", className: "" },
    { decision: "REJECT", label: "Reject", done: "Rejected", className: "secondary" },
    { decision: "REMOVE", label: "Remove", done: "Removed", className: "danger" }
  ];

  function reasonsList(reasons) {
    var items = (reasons || []).map(function (r) { return el("li", {}, UI.bdi(r.text || r.code || "")); });
    return items.length ? el("ul", { className: "reasons", "aria-label": "Reasons" }, items) : null;
  }

  function queueItem(item) {
    var noteId = "note-" + item.id;
    var status = el("p", { className: "comment-status", role: "status" });
    status.hidden = true;
    var note = el("input", { type: "text", id: noteId, maxlength: "500" });
    var buttons = DECISIONS.map(function (d) {
      return el("button", {
        type: "button",
        className: d.className,
        "data-decision": d.decision,
        "aria-label": d.label + " the comment by " + item.author,
        onclick: function () { decide(item, d, note, buttons, status); }
      }, d.label);
    });
    var historyButton = el("button", {
      type: "button",
      className: "link",
      onclick: function () { showHistory(item.id); }
    }, "History");
    return el("li", { className: "queue-item", "data-comment-id": item.id },
      el("h3", {}, UI.bdi(item.author)),
      el("p", { className: "meta" },
        UI.time(item.submittedAt), " · ",
        el("a", { href: "/articles/" + encodeURIComponent(item.articleId) }, "the article"),
        " · comment ", el("code", {}, item.id)),
      el("p", { className: "comment-body", dir: "auto" }, item.text),
      reasonsList(item.reasons),
      el("div", { className: "field" },
        el("label", { "for": noteId }, "Note (optional)"),
        note),
      el("div", { className: "actions" }, buttons, historyButton),
      status);
  }

  function decide(item, choice, note, buttons, status) {
    buttons.forEach(function (b) { b.disabled = true; });
    var body = { articleId: item.articleId, decision: choice.decision };
    if (note.value.trim()) {
      body.note = note.value.trim();
    }
    call("/api/moderation/comments/" + encodeURIComponent(item.id) + "/decisions", { method: "POST", body: body })
      .then(function () {
        status.hidden = false;
        status.textContent = choice.done + ". The decision reaches the article in a moment.";
      }, function (error) {
        buttons.forEach(function (b) { b.disabled = false; });
        status.hidden = false;
        status.textContent = "The decision was not taken. " + UI.errorText(error);
      });
  }

  function loadQueue() {
    var ticket = ++latest.queue;
    UI.notify(queueStatus, "Loading held comments…");
    call("/api/moderation/queue?page=0&size=100").then(function (data) {
      if (ticket !== latest.queue) {
        return;
      }
      var items = (data && data.items) || [];
      UI.clear(queueList);
      items.forEach(function (item) { queueList.appendChild(queueItem(item)); });
      var total = typeof data.total === "number" ? data.total : items.length;
      UI.notify(queueStatus, items.length === 0 ? "No comments are held." :
        (total > items.length ? "Showing the oldest " + items.length + " of " + total + " held comments." : ""));
    }, function (error) {
      UI.notify(queueStatus, "The queue could not be loaded. " + UI.errorText(error), "error");
    });
  }

  document.getElementById("queue-refresh").addEventListener("click", loadQueue);

  // ---- articles ----------------------------------------------------------------------------------

  function articleRow(article) {
    var state = el("span", { className: "badge" });
    var toggle = el("button", { type: "button", className: "secondary" });
    var status = el("p", { className: "comment-status", role: "status" });
    status.hidden = true;
    function paint(a) {
      state.className = "badge " + (a.commentsOpen ? "open" : "closed");
      state.textContent = a.commentsOpen ? "Comments open" : "Comments closed";
      toggle.textContent = a.commentsOpen ? "Close comments" : "Reopen comments";
      toggle.setAttribute("aria-label", (a.commentsOpen ? "Close comments on " : "Reopen comments on ") + a.title);
      toggle.setAttribute("data-action", a.commentsOpen ? "close" : "reopen");
      article = a;
    }
    toggle.addEventListener("click", function () {
      var closing = article.commentsOpen;
      var reason = document.getElementById("close-reason").value.trim();
      toggle.disabled = true;
      call("/api/articles/" + encodeURIComponent(article.id) + (closing ? "/close" : "/reopen"), {
        method: "POST",
        body: closing && reason ? { reason: reason } : {}
      }).then(function (updated) {
        paint(updated || article);
        status.hidden = false;
        status.textContent = closing ? "Comments are now closed." : "Comments are open again.";
      }, function (error) {
        status.hidden = false;
        status.textContent = "That did not work. " + UI.errorText(error);
      }).then(function () { toggle.disabled = false; });
    });
    paint(article);
    return el("li", { className: "article-row", "data-article-id": article.id },
      el("h3", {}, el("a", { href: "/articles/" + encodeURIComponent(article.id) }, UI.bdi(article.title))),
      el("p", { className: "meta" }, UI.time(article.publishedAt), " · ", state),
      el("div", { className: "actions" }, toggle),
      status);
  }

  function loadArticles() {
    var ticket = ++latest.articles;
    UI.notify(articlesStatus, "Loading articles…");
    UI.api("/api/articles?page=" + articlePage + "&size=" + ARTICLE_PAGE_SIZE).then(function (data) {
      if (ticket !== latest.articles) {
        return;
      }
      var items = (data && data.items) || [];
      UI.clear(articleRows);
      items.forEach(function (a) { articleRows.appendChild(articleRow(a)); });
      UI.notify(articlesStatus, items.length === 0 ? "No articles yet." : "");
      var total = typeof data.total === "number" ? data.total : items.length;
      articlesPrevious.hidden = articlePage === 0;
      articlesNext.hidden = (articlePage + 1) * ARTICLE_PAGE_SIZE >= total;
    }, function (error) {
      UI.notify(articlesStatus, "The articles could not be loaded. " + UI.errorText(error), "error");
    });
  }

  document.getElementById("articles-refresh").addEventListener("click", loadArticles);
  articlesPrevious.addEventListener("click", function () { articlePage = Math.max(0, articlePage - 1); loadArticles(); });
  articlesNext.addEventListener("click", function () { articlePage++; loadArticles(); });

  // ---- rules -------------------------------------------------------------------------------------

  function loadRules() {
    UI.notify(rulesStatus, "Loading the rule set…");
    call("/api/moderation/rules").then(function (rules) {
      rulesField.value = JSON.stringify(rules, null, 2);
      UI.notify(rulesStatus, rules && rules.version !== undefined ? "Rule set version " + rules.version + "." : "");
    }, function (error) {
      UI.notify(rulesStatus, "The rule set could not be loaded. " + UI.errorText(error), "error");
    });
  }

  document.getElementById("rules-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var parsed;
    try {
      parsed = JSON.parse(rulesField.value);
    } catch (syntax) {
      rulesField.setAttribute("aria-invalid", "true");
      UI.notify(rulesStatus, "That is not valid JSON: " + syntax.message, "error");
      rulesField.focus();
      return;
    }
    rulesField.removeAttribute("aria-invalid");
    var button = document.getElementById("rules-save");
    button.disabled = true;
    call("/api/moderation/rules", { method: "PUT", body: parsed }).then(function (saved) {
      if (saved) {
        rulesField.value = JSON.stringify(saved, null, 2);
      }
      UI.notify(rulesStatus, "Saved." + (saved && saved.version !== undefined ? " Rule set version " + saved.version + "." : ""), "ok");
    }, function (error) {
      UI.notify(rulesStatus, "The rule set was not saved. " + UI.errorText(error), "error");
    }).then(function () { button.disabled = false; });
  });
  document.getElementById("rules-reload").addEventListener("click", loadRules);

  // ---- history -----------------------------------------------------------------------------------

  function historyTable(items) {
    var rows = items.map(function (h) {
      return el("tr", {},
        el("td", {}, h.decision || ""),
        el("td", {}, UI.bdi((h.reasons || []).map(function (r) { return r.text || r.code; }).join(" "))),
        el("td", {}, UI.bdi(h.decidedBy || "")),
        el("td", {}, UI.time(h.decidedAt)),
        el("td", {}, UI.bdi(h.note || "")));
    });
    return el("table", {},
      el("caption", { className: "meta" }, "Decisions, oldest first"),
      el("thead", {}, el("tr", {},
        el("th", { scope: "col" }, "Decision"),
        el("th", { scope: "col" }, "Reasons"),
        el("th", { scope: "col" }, "Decided by"),
        el("th", { scope: "col" }, "When"),
        el("th", { scope: "col" }, "Note"))),
      el("tbody", {}, rows));
  }

  function showHistory(commentId) {
    historyField.value = commentId;
    UI.clear(historyResult);
    UI.notify(historyStatus, "Loading the history…");
    document.getElementById("history-title").scrollIntoView();
    var id = encodeURIComponent(commentId);
    Promise.all([UI.api("/api/comments/" + id), call("/api/comments/" + id + "/history")]).then(function (answers) {
      var comment = answers[0] || {};
      var items = (answers[1] && answers[1].items) || [];
      UI.notify(historyStatus, "Comment " + commentId + " is " + (comment.status || "unknown") + "." +
        (items.length === 0 ? " No decisions yet." : ""));
      if (items.length) {
        historyResult.appendChild(historyTable(items));
      }
    }, function (error) {
      UI.notify(historyStatus, error.status === 404 ? "There is no comment " + commentId + "."
        : "The history could not be loaded. " + UI.errorText(error), "error");
    });
  }

  document.getElementById("history-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var id = historyField.value.trim();
    if (!id) {
      UI.notify(historyStatus, "Please enter a comment id.", "error");
      historyField.focus();
      return;
    }
    showHistory(id);
  });

  // ---- start -------------------------------------------------------------------------------------

  if (session()) {
    showConsole();
  } else {
    showSignIn("");
  }
}());
