/* Filters of the guide's propositions index. Without JavaScript the page shows every proposition
   and links to the lists by competence and theme, and « Filtrer » puts the filters in the address
   (a GET form), which this script reads back. */
(function () {
  "use strict";
  var form = document.getElementById("filtres-propositions");
  var liste = document.getElementById("liste-propositions");
  if (!form || !liste) return;
  var competence = form.querySelector("#filtre-competence");
  var theme = form.querySelector("#filtre-theme");
  var compte = form.querySelector(".fabrique-filtres__compte");
  var entrees = Array.prototype.slice.call(liste.querySelectorAll("li[data-competences]"));
  var listes = Array.prototype.slice.call(liste.querySelectorAll("ul"));

  function contient(element, attribut, valeur) {
    return !valeur || (element.getAttribute(attribut) || "").split(" ").indexOf(valeur) !== -1;
  }

  function appliquer() {
    var visibles = 0;
    entrees.forEach(function (entree) {
      var garde = contient(entree, "data-competences", competence.value) && contient(entree, "data-themes", theme.value);
      entree.hidden = !garde;
      if (garde) visibles += 1;
    });
    listes.forEach(function (ul) {
      var vide = !ul.querySelector("li[data-competences]:not([hidden])");
      var titre = ul.previousElementSibling;
      ul.hidden = vide;
      if (titre && titre.tagName === "H2") titre.hidden = vide;
    });
    compte.textContent = visibles + (visibles > 1 ? " propositions affichées" : " proposition affichée") + " sur " + entrees.length + ".";
    var params = new URLSearchParams();
    if (competence.value) params.set("competence", competence.value);
    if (theme.value) params.set("theme", theme.value);
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  var depart = new URLSearchParams(location.search);
  if (depart.get("competence")) competence.value = depart.get("competence");
  if (depart.get("theme")) theme.value = depart.get("theme");
  form.addEventListener("change", appliquer);
  form.addEventListener("submit", function (event) { event.preventDefault(); appliquer(); });
  appliquer();
})();
