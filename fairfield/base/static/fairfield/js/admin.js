// Draftail's editors inside StreamField blocks, and the typing box of the tag widget, have no accessible
// name: give each the label of its field, or else the heading of its block, so a screen reader says what
// the box is for.
(function () {
  "use strict";
  var fallback = (document.currentScript && document.currentScript.dataset.fallbackLabel) || "Text";

  function nameOf(box) {
    var field = box.closest(".w-field");
    var label = field && field.querySelector(".w-field__label");
    if (label && label.textContent.trim()) return label;
    var panel = box.closest("section.w-panel, [data-panel]");
    var heading = panel && panel.querySelector("[data-panel-heading-text], .w-panel__heading");
    if (heading && heading.textContent.trim()) return heading;
    return null;
  }

  function nameTextboxes() {
    var boxes = document.querySelectorAll('[role="textbox"][contenteditable="true"], input.ui-autocomplete-input');
    boxes.forEach(function (box) {
      if (box.getAttribute("aria-label") || box.getAttribute("aria-labelledby")) return;
      var source = nameOf(box);
      if (source && source.id) {
        box.setAttribute("aria-labelledby", source.id);
      } else {
        box.setAttribute("aria-label", source ? source.textContent.trim().replace(/\s+/g, " ") : fallback);
      }
    });
  }

  var pending = false;
  function soon() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      nameTextboxes();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    nameTextboxes();
    new MutationObserver(soon).observe(document.body, { childList: true, subtree: true });
  });
})();
