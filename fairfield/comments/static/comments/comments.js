// Drafts of comments are kept in this browser while you type, so a reload, a crash or a failed post loses nothing.
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

  function init() {
    var local = storage("localStorage");
    var session = storage("sessionStorage");
    if (!local) return;
    var failed = document.querySelector("[data-comment-error]") !== null;
    var submitted = session && session.getItem(SUBMITTED);
    if (submitted && !failed) {
      local.removeItem(PREFIX + submitted);
    }
    if (session) session.removeItem(SUBMITTED);

    var boxes = document.querySelectorAll("textarea[data-draft-key]");
    Array.prototype.forEach.call(boxes, function (box) {
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
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
