// Drafts of comments are kept in this browser while you type, so a reload, a crash or a failed post loses
// nothing; and "Reply" opens the writing form right under the comment (without JavaScript it is a page).
(function () {
  "use strict";
  var PREFIX = "fairfield-comment-draft:";
  var SUBMITTED = "fairfield-comment-submitted";

  function storage(kind) {
    try {
      var store = window[kind];
      var probe = PREFIX + "probe";
      store.setItem(probe, "1");
      store.removeItem(probe);
      return store;
    } catch (error) {
      return null; // private mode or storage switched off: the server still returns the text on failure
    }
  }

  var local = storage("localStorage");
  var session = storage("sessionStorage");

  function keepDrafts(box) {
    if (!local) return;
    var key = PREFIX + box.getAttribute("data-draft-key");
    var form = box.form;
    var note = form && form.querySelector("[data-draft-note]");
    var saved = local.getItem(key);
    if (saved && !box.value) {
      box.value = saved;
      if (note) note.textContent = "Your unsent draft was restored from this browser.";
    }
    box.addEventListener("input", function () {
      if (box.value) local.setItem(key, box.value);
      else local.removeItem(key);
    });
    if (form) {
      form.addEventListener("submit", function () {
        if (box.value) local.setItem(key, box.value);
        if (session) session.setItem(SUBMITTED, box.getAttribute("data-draft-key"));
      });
    }
  }

  // The comment a Reply link or an action row belongs to: its number, author and draft key come from the
  // markup already there (the comment's id, its author's name), so the server sends no copy of them.
  function commentOf(element) {
    var article = element.closest("article.comment");
    var id = article.id.replace("comment-", "");
    var author = document.getElementById("comment-" + id + "-author");
    var section = element.closest("[data-article]");
    return {
      id: id,
      name: author ? author.textContent : "",
      draftKey: "article-" + (section ? section.getAttribute("data-article") : "") + "-reply-" + id,
    };
  }

  function openReply(link) {
    var comment = commentOf(link);
    var existing = document.getElementById("reply-form-" + comment.id);
    if (existing) {
      existing.querySelector("textarea").focus();
      return;
    }
    var template = document.querySelector("#comment-form form[data-comment-form]");
    if (!template) {
      window.location.href = link.href;
      return;
    }
    var parentId = comment.id;
    var form = template.cloneNode(true);
    form.id = "reply-form-" + parentId;
    form.action = link.href;
    form.classList.add("comment-form--inline");
    var error = form.querySelector("[data-comment-error]");
    if (error) error.remove();
    form.querySelectorAll("[id]").forEach(function (element) {
      element.id = element.id + "-reply-" + parentId;
    });
    form.querySelectorAll("label[for]").forEach(function (label) {
      label.htmlFor = label.htmlFor + "-reply-" + parentId;
    });
    var box = form.querySelector("textarea");
    box.value = "";
    box.setAttribute("aria-describedby", box.getAttribute("aria-describedby") + "-reply-" + parentId);
    box.setAttribute("data-draft-key", comment.draftKey);
    form.querySelector("label[for='" + box.id + "']").textContent =
      "Your reply to " + comment.name;
    form.querySelector("button[type=submit]").textContent = "Post reply";
    var note = form.querySelector("[data-draft-note]");
    if (note) note.textContent = "";
    link.closest(".comment__actions").after(form);
    keepDrafts(box);
    box.focus();
  }

  // Each comment's actions arrive as plain links; this adds the author's name to the Reply and Flag links'
  // accessible names and a Mute button that submits the thread's one shared form to its own address. The
  // translated wording comes from the thread's template, with {name} where the name goes.
  function completeActions() {
    var template = document.getElementById("comment-actions");
    if (!template) return;
    function part(action, name) {
      var element = template.content.querySelector("[data-action='" + action + "']").cloneNode(true);
      element.removeAttribute("data-action");
      element.textContent = element.textContent.replace("{name}", name);
      return element;
    }
    document.querySelectorAll(".comments .comment__actions").forEach(function (row) {
      var comment = commentOf(row);
      var reply = row.querySelector("a[href$='/reply/']");
      if (reply) reply.appendChild(part("reply", comment.name));
      var flag = row.querySelector("a[href$='/flag/']");
      if (flag) flag.appendChild(part("flag", comment.name));
      if (row.hasAttribute("data-own") || row.hasAttribute("data-no-mute")) return;
      var button = part("mute", comment.name);
      button.setAttribute("formaction", button.getAttribute("formaction").replace("/0/", "/" + comment.id + "/"));
      row.appendChild(button);
    });
  }

  function init() {
    var failed = document.querySelector("[data-comment-error]") !== null;
    var submitted = session && session.getItem(SUBMITTED);
    if (local && submitted && !failed) local.removeItem(PREFIX + submitted);
    if (session) session.removeItem(SUBMITTED);
    document.querySelectorAll("textarea[data-draft-key]").forEach(keepDrafts);
    completeActions();
    document.querySelectorAll(".comments .comment__actions a[href$='/reply/']").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        openReply(link);
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
