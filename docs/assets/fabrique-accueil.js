/* Champ de recherche de l'accueil : il ouvre la recherche du site (Pagefind, dans l'en-tête) sur les
   mots saisis. Sans script, ou sans la recherche de l'en-tête, le formulaire ouvre l'explorateur filtré. */
(function () {
  "use strict";

  var form = document.querySelector("[data-fabrique-recherche-accueil]");
  var header = document.querySelector("[data-fabrique-recherche]");
  if (!form || !header || typeof HTMLDialogElement === "undefined") return;
  var opener = header.querySelector(".fabrique-recherche__ouvrir");
  var input = header.querySelector("dialog input[type=search]");
  if (!opener || !input) return;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    input.value = form.querySelector("input[name=q]").value;
    opener.click();
    input.dispatchEvent(new Event("input"));
  });
})();
