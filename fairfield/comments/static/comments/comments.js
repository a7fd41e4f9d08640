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

  function openReply(link) {
    var existing = document.getElementById("reply-form-" + link.getAttribute("data-reply-to"));
    if (existing) {
      existing.querySelector("textarea").focus();
      return;
    }
    var template = document.querySelector("#comment-form form[data-comment-form]");
    if (!template) {
      window.location.href = link.href;
      return;
    }
    var parentId = link.getAttribute("data-reply-to");
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
    box.setAttribute("data-draft-key", link.getAttribute("data-draft-key"));
    form.querySelector("label[for='" + box.id + "']").textContent =
      "Your reply to " + link.getAttribute("data-reply-name");
    form.querySelector("button[type=submit]").textContent = "Post reply";
    var note = form.querySelector("[data-draft-note]");
    if (note) note.textContent = "";
    link.closest(".comment__actions").after(form);
    keepDrafts(box);
    box.focus();
  }

  function init() {
    var failed = document.querySelector("[data-comment-error]") !== null;
    var submitted = session && session.getItem(SUBMITTED);
    if (local && submitted && !failed) local.removeItem(PREFIX + submitted);
    if (session) session.removeItem(SUBMITTED);
    document.querySelectorAll("textarea[data-draft-key]").forEach(keepDrafts);
    document.querySelectorAll("a[data-reply-to]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        openReply(link);
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
