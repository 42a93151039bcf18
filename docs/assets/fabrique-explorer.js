/* Explorateur : filtre le corpus par facettes et mots-clés ; l'état vit dans l'adresse.
   L'index vient de corpus.js (chargé par <script src>, ce qui marche aussi depuis le disque,
   où fetch() est refusé). Sans script, la page garde ses premières entrées et ses liens ; avec,
   la page montre dès son premier affichage les filtres qu'elle porte (classe « fabrique-js »
   posée dans l'en-tête), que ce script relie à l'index. */
(function () {
  "use strict";

  var root = document.querySelector("[data-fabrique-explorer]");
  if (!root) return;
  var index = window[root.getAttribute("data-variable")];
  if (!index || !index.entrees) return;

  var form = root.querySelector("form");
  var list = root.querySelector(".fabrique-explorer__liste");
  var status = root.querySelector(".fabrique-explorer__compte");
  var query = form.querySelector("input[name=q]");
  var groups = form.querySelector(".fabrique-explorer__facettes");
  var more = root.querySelector(".fabrique-explorer__plus");
  var moreButton = more.querySelector("button");
  var racine = root.getAttribute("data-racine") || "";
  /* Entrées affichées d'un coup : la suite vient avec le bouton « Afficher plus ». */
  var PAGE = 100;

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/œ/g, "oe").replace(/æ/g, "ae").toLowerCase();
  }

  function pluriel(n, mot) {
    return n + " " + mot + (n > 1 ? "s" : "");
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  var facettes = index.facettes;
  var items = index.entrees.map(function (entree) {
    var genre = index.genres[entree.g] || "";
    return { entree: entree, genre: genre, f: entree.f, li: null,
             text: fold(entree.t + " " + genre + " " + (entree.r || "")) };
  });

  /* Les filtres, dessinés par la page à leur taille finale : un groupe de cases par facette,
     dont la légende est un bouton qui l'ouvre. Les cases d'une facette fermée (donc cachée) sont
     ajoutées ici, sans rien déplacer. */
  var boxes = facettes.map(function (facette) {
    var toggle = form.querySelector("[aria-controls='fx-valeurs-" + facette.id + "']");
    var values = document.getElementById("fx-valeurs-" + facette.id);
    var found = {};
    facette.valeurs.forEach(function (valeur, position) {
      var id = "fx-" + facette.id + "-" + position;
      var box = document.getElementById(id);
      if (!box) {
        var li = element("li");
        box = element("input", { type: "checkbox", id: id, name: facette.id, value: valeur[0] });
        var label = element("label", { "for": id }, valeur[1] + " ");
        label.appendChild(element("span", { "data-compte": "" }));
        li.appendChild(box);
        li.appendChild(document.createTextNode(" "));
        li.appendChild(label);
        values.appendChild(li);
      }
      found[position] = box;
    });
    toggle.addEventListener("click", function () { setOpen(toggle, toggle.getAttribute("aria-expanded") !== "true"); });
    return found;
  });

  function setOpen(toggle, open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    document.getElementById(toggle.getAttribute("aria-controls")).hidden = !open;
  }

  /* « Territoires : A, B, C et 4 autres » (les noms, puis combien ne sont pas nommés). */
  function ligne(li, nom, noms, autres) {
    if (!noms || !noms.length) return;
    var text = (noms.length + (autres || 0) > 1 ? nom + "s" : nom) + " : " + noms.join(", ");
    if (autres) text += " et " + pluriel(autres, "autre");
    li.appendChild(element("span", {}, text));
  }

  function row(item) {
    if (!item.li) {
      var entree = item.entree;
      /* La même vignette que les listes du site (overrides/fabrique/_vignette.html.j2). */
      var li = element("li", { "data-cle": entree.c });
      li.appendChild(element("a", { href: racine + entree.u }, entree.t));
      var genre = element("span", {}, item.genre + (entree.a ? " · " + entree.a : ""));
      if (entree.e) {
        genre.appendChild(document.createTextNode(" "));
        genre.appendChild(element("strong", { "class": "fabrique-badge-esquisse" }, "Esquisse"));
      }
      li.appendChild(genre);
      ligne(li, "Territoire", entree.l, entree.lx);
      ligne(li, "Programme", entree.p, entree.px);
      item.li = li;
    }
    return item.li;
  }

  function state() {
    return {
      words: fold(query.value).split(/[\s'’\-]+/).filter(Boolean),
      selected: facettes.map(function (facette, i) {
        var chosen = [];
        Object.keys(boxes[i]).forEach(function (position) {
          if (boxes[i][position].checked) chosen.push(Number(position));
        });
        return chosen;
      }),
    };
  }

  function matchesText(item, words) {
    return words.every(function (word) { return item.text.indexOf(word) !== -1; });
  }

  function matchesFacet(item, i, chosen) {
    if (!chosen.length) return true;
    return item.f[i].some(function (position) { return chosen.indexOf(position) !== -1; });
  }

  var matches = [];
  var shown = 0;

  function render(count) {
    var fragment = document.createDocumentFragment();
    matches.slice(shown, count).forEach(function (item) { fragment.appendChild(row(item)); });
    list.appendChild(fragment);
    shown = Math.min(count, matches.length);
    var rest = matches.length - shown;
    more.hidden = rest <= 0;
    moreButton.textContent = "Afficher " + pluriel(Math.min(PAGE, rest), "entrée") + " de plus (" + pluriel(rest, "restante") + ")";
  }

  function apply(writeUrl) {
    var current = state();
    var counts = facettes.map(function () { return {}; });
    matches = [];
    items.forEach(function (item) {
      if (!matchesText(item, current.words)) return;
      var failing = [];
      facettes.forEach(function (facette, i) {
        if (!matchesFacet(item, i, current.selected[i])) failing.push(i);
      });
      if (!failing.length) matches.push(item);
      /* Un choix dans la facette i donnerait cet élément si toutes les autres facettes le retiennent. */
      facettes.forEach(function (facette, i) {
        if (failing.length === 0 || (failing.length === 1 && failing[0] === i)) {
          item.f[i].forEach(function (position) { counts[i][position] = (counts[i][position] || 0) + 1; });
        }
      });
    });
    facettes.forEach(function (facette, i) {
      Object.keys(boxes[i]).forEach(function (position) {
        var box = boxes[i][position];
        var n = counts[i][position] || 0;
        box.parentNode.querySelector("[data-compte]").textContent = "(" + n + ")";
        box.parentNode.classList.toggle("fabrique-explorer--vide", n === 0 && !box.checked);
      });
    });
    list.textContent = "";
    shown = 0;
    render(PAGE);
    status.textContent = matches.length === items.length
      ? pluriel(items.length, "entrée")
      : pluriel(matches.length, "entrée") + " sur " + items.length;
    if (writeUrl) {
      var params = new URLSearchParams();
      if (query.value.trim()) params.set("q", query.value.trim());
      facettes.forEach(function (facette, i) {
        current.selected[i].forEach(function (position) { params.append(facette.id, facette.valeurs[position][0]); });
      });
      var search = params.toString();
      history.replaceState(null, "", location.pathname + (search ? "?" + search : "") + location.hash);
    }
  }

  function restore() {
    var params = new URLSearchParams(location.search);
    query.value = params.get("q") || "";
    facettes.forEach(function (facette, i) {
      var wanted = params.getAll(facette.id);
      Object.keys(boxes[i]).forEach(function (position) {
        var box = boxes[i][position];
        box.checked = wanted.indexOf(box.value) !== -1;
        if (box.checked) setOpen(document.querySelector("[aria-controls='fx-valeurs-" + facette.id + "']"), true);
      });
    });
  }

  moreButton.addEventListener("click", function () {
    var first = shown;
    render(shown + PAGE);
    var link = list.children[first] && list.children[first].querySelector("a");
    if (link) link.focus();
  });

  var timer = null;
  form.addEventListener("change", function () { apply(true); });
  query.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { apply(true); }, 150);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
  form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
  window.addEventListener("popstate", function () { restore(); apply(false); });

  restore();
  root.querySelector(".fabrique-explorer__sans-script").hidden = true;
  form.hidden = false;
  apply(false);
  root.setAttribute("data-pret", "");
})();
