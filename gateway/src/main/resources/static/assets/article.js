/*
 * The reader's article page: the article, its approved comments threaded under their parents, the
 * comment form, the reader's own comments while moderation decides, and newly approved comments
 * from others as they arrive (server-sent events).
 */
"use strict";

(function () {
  var el = UI.el;
  var PAGE_SIZE = 100;
  var MAX_PAGES = 50;

  var articleId = decodeURIComponent(location.pathname.split("/")[2] || "");
  var ownKey = "own-comments:" + articleId;

  var pageStatus = document.getElementById("page-status");
  var articleSection = document.getElementById("article");
  var commentsSection = document.getElementById("comments");
  var commentsTitle = document.getElementById("comments-title");
  var commentList = document.getElementById("comment-list");
  var commentsStatus = document.getElementById("comments-status");
  var closedNotice = document.getElementById("comments-closed");
  var respond = document.getElementById("respond");
  var form = document.getElementById("comment-form");
  var authorField = document.getElementById("comment-author");
  var textField = document.getElementById("comment-text");
  var submitButton = document.getElementById("comment-submit");
  var formStatus = document.getElementById("form-status");
  var replyingTo = document.getElementById("replying-to");
  var replyingToText = document.getElementById("replying-to-text");

  var article = null;
  var open = false;
  /** Approved comments on the page, by id: { item, node, replies }. */
  var shown = {};
  var approvedCount = 0;
  /** The reader's own comments still waiting for a decision, by id: { node, status, timer }. */
  var own = {};
  var replyParent = null;
  var lastAttempt = null;

  // ---- rendering -------------------------------------------------------------------------------

  function updateTitle() {
    UI.clear(commentsTitle);
    UI.append(commentsTitle, [UI.thoughts(approvedCount) + " on \u201C", UI.bdi(article.title), "\u201D"]);
  }

  function setOpen(isOpen) {
    open = isOpen;
    respond.hidden = !open;
    closedNotice.hidden = open;
    var buttons = commentList.querySelectorAll(".reply-button");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = !open;
    }
    if (!open) {
      cancelReply();
    }
  }

  /** One comment: author, time, text, a reply button and a list for its replies. */
  function commentNode(id, author, text, createdAt) {
    var replyButton = el("button", {
      type: "button",
      className: "link reply-button",
      "aria-label": "Reply to " + author,
      onclick: function () { startReply(id, author); }
    }, "Reply");
    replyButton.hidden = !open;
    var status = el("p", { className: "comment-status", role: "status" });
    status.hidden = true;
    var replies = el("ol", { "aria-label": "Replies to " + author });
    var node = el("li", { className: "comment-item", id: "comment-" + id, "data-comment-id": id },
      el("article", { className: "comment", "aria-label": "Comment by " + author },
        el("p", { className: "meta" }, UI.bdi(author, "comment-author"), " · ", UI.time(createdAt)),
        el("p", { className: "comment-body", dir: "auto" }, text),
        status,
        el("div", { className: "actions" }, replyButton)),
      replies);
    return { node: node, replies: replies, status: status, reply: replyButton };
  }

  /** Where a comment goes: under its parent when the parent is on the page, else at the top level. */
  function containerFor(parentId) {
    if (parentId && shown[parentId]) {
      return shown[parentId].replies;
    }
    if (parentId && own[parentId]) {
      return own[parentId].parts.replies;
    }
    return commentList;
  }

  /** Shows an approved comment once (the list, the stream and the reader's own poll may all report it). */
  function addApproved(item) {
    if (!item || !item.id || shown[item.id]) {
      return;
    }
    var mine = own[item.id];
    var parts;
    if (mine) {
      parts = mine.parts;
      settleOwn(item.id);
      parts.node.querySelector(".comment").classList.remove("pending");
      parts.status.hidden = true;
      parts.status.textContent = "";
      parts.reply.hidden = !open;
    } else {
      parts = commentNode(item.id, item.author, item.text, item.createdAt);
      containerFor(item.parentId).appendChild(parts.node);
    }
    shown[item.id] = { item: item, replies: parts.replies };
    approvedCount++;
    updateTitle();
  }

  // ---- the reader's own comments ---------------------------------------------------------------

  function rememberOwn() {
    var list = Object.keys(own).map(function (id) { return own[id].saved; });
    try {
      sessionStorage.setItem(ownKey, JSON.stringify(list));
    } catch (storageUnavailable) {
      // private mode or full storage: the page still works, only a reload forgets the pending comment
    }
  }

  function restoreOwn() {
    var list = [];
    try {
      list = JSON.parse(sessionStorage.getItem(ownKey) || "[]");
    } catch (unreadable) {
      list = [];
    }
    list.forEach(function (saved) {
      if (saved && saved.id && !shown[saved.id]) {
        showOwn(saved);
      }
    });
    rememberOwn();
  }

  /** Shows the reader's own comment as awaiting moderation and polls until it is decided. */
  function showOwn(saved) {
    if (shown[saved.id] || own[saved.id]) {
      // the stream or the list already showed it approved (or it is on the page already)
      return;
    }
    var parts = commentNode(saved.id, saved.author, saved.text, saved.createdAt);
    parts.node.querySelector(".comment").classList.add("pending");
    parts.reply.hidden = true;
    parts.status.hidden = false;
    parts.status.textContent = "Your comment is awaiting moderation.";
    containerFor(saved.parentId).appendChild(parts.node);
    own[saved.id] = { parts: parts, saved: saved, timer: null, delay: 1000 };
    rememberOwn();
    poll(saved.id);
  }

  function settleOwn(id) {
    var mine = own[id];
    if (mine) {
      clearTimeout(mine.timer);
      delete own[id];
      rememberOwn();
    }
  }

  function poll(id) {
    var mine = own[id];
    if (!mine) {
      return;
    }
    mine.timer = setTimeout(function () {
      UI.api("/api/comments/" + encodeURIComponent(id)).then(function (comment) {
        if (!own[id]) {
          return;
        }
        var status = comment && comment.status;
        if (status === "APPROVED") {
          addApproved({
            id: id,
            parentId: comment.parentId || mine.saved.parentId,
            author: comment.author || mine.saved.author,
            text: comment.text || mine.saved.text,
            createdAt: comment.submittedAt || mine.saved.createdAt
          });
        } else if (status === "REJECTED" || status === "REMOVED") {
          notPublished(id, comment.reasons);
        } else {
          // PENDING: the rules decide in moments. HELD: a person decides, which takes longer.
          mine.delay = status === "HELD" ? 10000 : Math.min(mine.delay * 1.5, 5000);
          poll(id);
        }
      }).catch(function (error) {
        if (error.status === 404) {
          notPublished(id, []);
          return;
        }
        mine.delay = Math.min(mine.delay * 2, 30000);
        poll(id);
      });
    }, mine.delay);
  }

  function notPublished(id, reasons) {
    var mine = own[id];
    if (!mine) {
      return;
    }
    var why = (reasons || []).map(function (r) { return r && r.text; }).filter(Boolean).join(" ");
    var parts = mine.parts;
    settleOwn(id);
    var body = parts.node.querySelector(".comment-body");
    body.parentNode.removeChild(body);
    parts.status.classList.add("rejected");
    UI.clear(parts.status);
    UI.append(parts.status, ["Your comment was not published.", why ? " " : null, why ? UI.bdi(why) : null]);
  }

  // ---- the form --------------------------------------------------------------------------------

  function startReply(id, author) {
    if (!open) {
      return;
    }
    replyParent = id;
    UI.clear(replyingToText);
    UI.append(replyingToText, ["Replying to ", UI.bdi(author), "."]);
    replyingTo.hidden = false;
    textField.focus();
  }

  function cancelReply() {
    replyParent = null;
    replyingTo.hidden = true;
    replyingToText.textContent = "";
  }

  function invalid(field, message) {
    field.setAttribute("aria-invalid", "true");
    UI.notify(formStatus, message, "error");
    field.focus();
  }

  function submit(event) {
    event.preventDefault();
    authorField.removeAttribute("aria-invalid");
    textField.removeAttribute("aria-invalid");
    var author = authorField.value.trim();
    var text = textField.value.trim();
    if (!author) {
      invalid(authorField, "Please enter your name.");
      return;
    }
    if (!text) {
      invalid(textField, "Please write a comment.");
      return;
    }
    var payload = { author: author, text: text };
    if (replyParent) {
      payload.parentId = replyParent;
    }
    // The same comment sent again after a failed connection keeps its key: it is stored at most once.
    var signature = JSON.stringify(payload);
    var key = lastAttempt && lastAttempt.signature === signature ? lastAttempt.key : UI.newKey();
    lastAttempt = { signature: signature, key: key };
    submitButton.disabled = true;
    UI.notify(formStatus, "");
    UI.api("/api/articles/" + encodeURIComponent(articleId) + "/comments", {
      method: "POST",
      body: payload,
      headers: { "Idempotency-Key": key }
    }).then(function (accepted) {
      lastAttempt = null;
      try { sessionStorage.setItem("comment-author", author); } catch (ignored) { /* optional */ }
      textField.value = "";
      cancelReply();
      showOwn({
        id: accepted.id,
        author: author,
        text: text,
        parentId: payload.parentId || null,
        createdAt: new Date().toISOString()
      });
      UI.notify(formStatus, "Thank you. Your comment is awaiting moderation.", "ok");
    }).catch(function (error) {
      if (error.status !== 0) {
        lastAttempt = null;
      }
      if (error.status === 409) {
        setOpen(false);
      } else if (error.status === 429) {
        var wait = error.retryAfter ? " Please try again in " + error.retryAfter + " seconds." : " Please try again later.";
        UI.notify(formStatus, "You are commenting too often." + wait, "error");
      } else if (error.status === 404) {
        UI.notify(formStatus, "This article is not taking comments yet. Please try again in a moment.", "error");
      } else {
        UI.notify(formStatus, "Your comment was not sent. " + UI.errorText(error), "error");
      }
    }).then(function () {
      submitButton.disabled = false;
    });
  }

  // ---- loading and live updates ----------------------------------------------------------------

  /** The thread page by page, each asked for after the one before (its "next"), up to MAX_PAGES pages. */
  function loadComments(after, pages, collected) {
    var path = "/api/articles/" + encodeURIComponent(articleId) + "/comments?size=" + PAGE_SIZE
      + (after ? "&after=" + encodeURIComponent(after) : "");
    return UI.api(path).then(function (data) {
      var all = collected.concat((data && data.comments) || []);
      if (data && data.next && pages + 1 < MAX_PAGES) {
        return loadComments(data.next, pages + 1, all).then(function (rest) {
          rest.commentsOpen = data.commentsOpen;
          return rest;
        });
      }
      return { comments: all, commentsOpen: data.commentsOpen };
    });
  }

  function listen() {
    if (typeof EventSource === "undefined") {
      return;
    }
    var opened = false;
    var source = new EventSource("/api/articles/" + encodeURIComponent(articleId) + "/comments/stream");
    source.addEventListener("comment", function (event) {
      try {
        addApproved(JSON.parse(event.data));
      } catch (malformed) {
        // one bad event must not stop the stream
      }
    });
    source.addEventListener("open", function () {
      commentsSection.setAttribute("data-live", "connected");
      if (opened) {
        // Reconnected: comments approved while the stream was down are in the list.
        loadComments(null, 0, []).then(function (data) { data.comments.forEach(addApproved); }, function () {});
      }
      opened = true;
    });
    source.addEventListener("error", function () {
      commentsSection.setAttribute("data-live", "reconnecting");
      if (source.readyState === EventSource.CLOSED) {
        // The browser gave up (e.g. the gateway answered an error): try again a little later.
        setTimeout(listen, 15000);
      }
    });
  }

  function renderArticle() {
    document.title = article.title + " \u2013 News comments";
    var title = document.getElementById("article-title");
    UI.clear(title);
    title.appendChild(UI.bdi(article.title));
    var meta = document.getElementById("article-meta");
    UI.clear(meta);
    UI.append(meta, ["Published ", UI.time(article.publishedAt)]);
    var body = document.getElementById("article-body");
    UI.clear(body);
    UI.paragraphs(article.body).forEach(function (p) { body.appendChild(el("p", { dir: "auto" }, p)); });
    articleSection.hidden = false;
  }

  function start() {
    if (!articleId) {
      UI.notify(pageStatus, "No article was given.", "error");
      return;
    }
    UI.api("/api/articles/" + encodeURIComponent(articleId)).then(function (loaded) {
      article = loaded;
      renderArticle();
      UI.notify(pageStatus, "");
      return loadComments(null, 0, []).then(function (data) {
        // Both services must agree the thread is open: a comment is only accepted when comment-service says so.
        setOpen(article.commentsOpen !== false && data.commentsOpen !== false);
        data.comments.forEach(addApproved);
        updateTitle();
        commentsSection.hidden = false;
        restoreOwn();
        listen();
      }, function (error) {
        setOpen(false);
        closedNotice.hidden = true;
        updateTitle();
        commentsSection.hidden = false;
        UI.notify(commentsStatus, "The comments could not be loaded. " + UI.errorText(error), "error");
      });
    }).catch(function (error) {
      if (error.status === 404) {
        document.title = "Article not found \u2013 News comments";
        UI.notify(pageStatus, "There is no such article.", "error");
      } else {
        UI.notify(pageStatus, "The article could not be loaded. " + UI.errorText(error), "error");
      }
    });
  }

  try {
    authorField.value = sessionStorage.getItem("comment-author") || "";
  } catch (ignored) {
    // no storage: the reader types the name
  }
  form.addEventListener("submit", submit);
  document.getElementById("cancel-reply").addEventListener("click", function () {
    cancelReply();
    textField.focus();
  });
  start();
}());
