/* Carte des territoires : filtres reflétés dans l'adresse, tri de la liste. Sans JavaScript,
   la carte et la liste complètes restent lisibles, et le bouton « Filtrer » met les filtres dans
   l'adresse (formulaire GET), que ce script relit au chargement. */
(function () {
  "use strict";
  var form = document.getElementById("fabrique-carte-filtres");
  var table = document.getElementById("fabrique-carte-liste");
  if (!form || !table) return;
  var statut = document.getElementById("fabrique-carte-statut");
  var champs = ["programme", "type", "region", "annee"];
  var lignes = Array.prototype.slice.call(table.tBodies[0].rows);

  /* Chaque repère devient un lien vers son territoire : les repères sont dans l'ordre des lignes
     de la liste (hors lignes « data-sans-repere »), qui portent le lien et le nom. La page garde
     ainsi un poids raisonnable avec 1 500 territoires. */
  var SVG = "http://www.w3.org/2000/svg";
  var repères = new Map();
  var svg = document.querySelector(".fabrique-carte__svg");
  var formes = svg ? Array.prototype.slice.call(svg.querySelectorAll(".fabrique-carte__marqueurs > use")) : [];
  lignes.filter(function (ligne) { return !ligne.hasAttribute("data-sans-repere"); }).forEach(function (ligne, i) {
    var forme = formes[i];
    var lien = ligne.querySelector("a");
    if (!forme || !lien) return;
    var a = document.createElementNS(SVG, "a");
    a.setAttribute("href", lien.getAttribute("href"));
    a.setAttribute("aria-label", lien.textContent);
    forme.parentNode.insertBefore(a, forme);
    a.appendChild(forme);
    repères.set(ligne, a);
  });
  if (svg && formes.length) {
    svg.setAttribute("role", "group");
    /* Dit aux lecteurs d'écran, sans changer la mise en page, que les repères sont des liens. */
    var titre = document.getElementById(svg.getAttribute("aria-labelledby"));
    if (titre) {
      var aide = document.createElement("span");
      aide.className = "fabrique-carte__aide";
      aide.textContent = " : chaque repère est un lien vers la page du territoire";
      titre.appendChild(aide);
    }
  }

  /* Ce que chaque filtre compare : l'index de l'option (programmes, dans data-p), ou le texte
     de l'option choisie et celui de la cellule (type, région), ou les années de la cellule. */
  function valeurs() {
    var v = {};
    champs.forEach(function (nom) {
      var select = form.elements[nom];
      v[nom] = select.value ? { valeur: select.value, index: String(select.selectedIndex - 1), texte: select.options[select.selectedIndex].text } : null;
    });
    return v;
  }

  function plages(texte) {
    return texte.split(", ").map(function (plage) {
      var bornes = plage.split("–");
      return [Number(bornes[0]), Number(bornes[1] || bornes[0])];
    });
  }

  function garde(ligne, v) {
    var cellules = ligne.cells;
    if (v.programme && ligne.dataset.p.split(" ").indexOf(v.programme.index) < 0) return false;
    if (v.type && cellules[1].textContent !== v.type.texte) return false;
    if (v.region && cellules[2].textContent !== v.region.texte) return false;
    if (v.annee) {
      var an = Number(v.annee.valeur);
      if (!plages(cellules[3].textContent).some(function (p) { return an >= p[0] && an <= p[1]; })) return false;
    }
    return true;
  }

  function appliquer() {
    var v = valeurs();
    var vus = 0;
    lignes.forEach(function (ligne) {
      var ok = garde(ligne, v);
      ligne.hidden = !ok;
      var repère = repères.get(ligne);
      if (repère) repère.style.display = ok ? "" : "none";
      if (ok) vus += 1;
    });
    statut.textContent = vus === lignes.length
      ? "Tous les territoires sont affichés (" + vus + ")."
      : vus + " territoire" + (vus > 1 ? "s" : "") + " affiché" + (vus > 1 ? "s" : "") + " sur " + lignes.length + ".";
    var params = new URLSearchParams();
    champs.forEach(function (nom) { if (v[nom]) params.set(nom, v[nom].valeur); });
    var requête = params.toString();
    history.replaceState(null, "", location.pathname + (requête ? "?" + requête : "") + location.hash);
  }

  /* Le nom du repère survolé ou atteint au clavier, affiché sous la carte (les lecteurs d'écran
     ont déjà le nom du lien). */
  if (svg && document.querySelector(".fabrique-carte__survol")) {
    var survol = document.querySelector(".fabrique-carte__survol");
    var montrer = function (e) {
      var a = e.target.closest && e.target.closest(".fabrique-carte__marqueurs a");
      survol.textContent = a ? a.getAttribute("aria-label") : "";
    };
    svg.addEventListener("mouseover", montrer);
    svg.addEventListener("focusin", montrer);
  }

  var depart = new URLSearchParams(location.search);
  champs.forEach(function (nom) {
    var valeur = depart.get(nom);
    var select = form.elements[nom];
    if (valeur && Array.prototype.some.call(select.options, function (o) { return o.value === valeur; })) {
      select.value = valeur;
    }
  });
  form.addEventListener("change", appliquer);
  form.addEventListener("submit", function (e) { e.preventDefault(); appliquer(); });
  form.addEventListener("reset", function () { setTimeout(appliquer, 0); });
  appliquer();

  /* Tri : un bouton par en-tête de colonne, aria-sort sur la colonne triée. */
  var entetes = Array.prototype.slice.call(table.tHead.rows[0].cells);
  entetes.forEach(function (th, colonne) {
    var bouton = document.createElement("button");
    bouton.type = "button";
    bouton.className = "fabrique-carte__tri";
    bouton.textContent = th.textContent;
    bouton.setAttribute("aria-label", "Trier par " + th.textContent.toLowerCase());
    th.textContent = "";
    th.appendChild(bouton);
    bouton.addEventListener("click", function () {
      var croissant = th.getAttribute("aria-sort") !== "ascending";
      entetes.forEach(function (autre) { autre.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", croissant ? "ascending" : "descending");
      var tri = new Intl.Collator("fr", { numeric: true, sensitivity: "base" });
      lignes.sort(function (a, b) {
        var r = tri.compare(a.cells[colonne].textContent, b.cells[colonne].textContent);
        return croissant ? r : -r;
      });
      var corps = table.tBodies[0];
      lignes.forEach(function (ligne) { corps.appendChild(ligne); });
    });
  });
})();
