/* The article list: GET /api/articles, a page at a time. */
"use strict";

(function () {
  var PAGE_SIZE = 20;
  var el = UI.el;
  var list = document.getElementById("articles");
  var status = document.getElementById("list-status");
  var previous = document.getElementById("previous");
  var next = document.getElementById("next");
  var page = pageFromUrl();

  function pageFromUrl() {
    var value = parseInt(new URLSearchParams(location.search).get("page") || "0", 10);
    return isNaN(value) || value < 0 ? 0 : value;
  }

  function row(article) {
    var open = article.commentsOpen;
    var count = typeof article.commentCount === "number" ? article.commentCount : null;
    return el("li", { className: "article-item" },
      el("h2", {}, el("a", { href: "/articles/" + encodeURIComponent(article.id) }, UI.bdi(article.title))),
      el("p", { className: "meta" },
        UI.time(article.publishedAt),
        count === null ? null : " · " + UI.thoughts(count),
        " · ",
        el("span", { className: "badge " + (open ? "open" : "closed") }, open ? "Comments open" : "Comments closed")));
  }

  function load() {
    UI.notify(status, "Loading articles…");
    UI.api("/api/articles?page=" + page + "&size=" + PAGE_SIZE).then(function (data) {
      var items = (data && data.items) || [];
      UI.clear(list);
      items.forEach(function (article) { list.appendChild(row(article)); });
      UI.notify(status, items.length === 0 ? "No articles yet." : "");
      var total = data && typeof data.total === "number" ? data.total : items.length;
      previous.hidden = page === 0;
      next.hidden = (page + 1) * PAGE_SIZE >= total;
    }).catch(function (error) {
      UI.notify(status, "The articles could not be loaded. " + UI.errorText(error), "error");
    });
  }

  function go(target) {
    page = target;
    history.pushState({ page: page }, "", page === 0 ? "/" : "/?page=" + page);
    load();
    document.getElementById("main").focus();
  }

  previous.addEventListener("click", function () { go(Math.max(0, page - 1)); });
  next.addEventListener("click", function () { go(page + 1); });
  window.addEventListener("popstate", function () { page = pageFromUrl(); load(); });
  load();
}());
