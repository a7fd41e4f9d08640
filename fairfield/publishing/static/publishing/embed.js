// Swap a consent embed's link for the provider's player, only once the reader asks for it.
// Without this script the reader still has the plain link; nothing loads from elsewhere before a click.
(function () {
  "use strict";
  document.querySelectorAll(".consent-embed[data-player]").forEach(function (figure) {
    var button = figure.querySelector(".consent-embed__load");
    if (!button) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = figure.dataset.player;
      frame.title = figure.dataset.title || button.textContent;
      frame.loading = "lazy";
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      frame.allow = "fullscreen; picture-in-picture";
      frame.setAttribute("allowfullscreen", "");
      frame.className = "consent-embed__frame";
      button.parentNode.replaceChild(frame, button);
      frame.focus();
    });
  });
})();
