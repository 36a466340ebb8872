/* Folds the site navigation into its "菜单" button on a narrow screen (a phone) and keeps it open
   on a wide one. Without this script the menu simply stays open: nothing depends on it. */
(function () {
  "use strict";
  var menu = document.currentScript && document.currentScript.previousElementSibling;
  if (!menu || menu.tagName !== "DETAILS" || !window.matchMedia) { return; }
  var narrow = window.matchMedia("(max-width: 47.99rem)");
  function fit() { menu.open = !narrow.matches; }
  fit();
  if (narrow.addEventListener) { narrow.addEventListener("change", fit); }
}());
