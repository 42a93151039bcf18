/* Explorateur : filtre la liste du corpus par facettes et mots-clés ; l'état vit dans l'adresse. */
(function () {
  "use strict";

  var root = document.querySelector("[data-fabrique-explorer]");
  if (!root) return;
  var form = root.querySelector("form");
  var list = root.querySelector(".fabrique-explorer__liste");
  var status = root.querySelector(".fabrique-explorer__compte");
  var query = form.querySelector("input[name=q]");

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function pluriel(n, mot) {
    return n + " " + mot + (n > 1 ? "s" : "");
  }

  fetch(new URL(root.getAttribute("data-index"), document.baseURI || location.href))
    .then(function (response) { return response.json(); })
    .then(start)
    .catch(function () { /* sans index, la liste complète reste affichée */ });

  function start(index) {
    var facettes = index.facettes;
    var rows = {};
    Array.prototype.forEach.call(list.children, function (li) { rows[li.getAttribute("data-cle")] = li; });
    var items = index.entrees.map(function (entree) {
      var li = rows[entree.c];
      return { li: li, f: entree.f, text: fold(li ? li.textContent : entree.t) };
    }).filter(function (item) { return item.li; });
    var boxes = facettes.map(function (facette) {
      var found = {};
      Array.prototype.forEach.call(form.querySelectorAll("input[name='" + facette.id + "']"), function (box) {
        var position = facette.valeurs.findIndex(function (v) { return v[0] === box.value; });
        found[position] = box;
      });
      return found;
    });

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

    function apply(writeUrl) {
      var current = state();
      var shown = 0;
      var counts = facettes.map(function () { return {}; });
      items.forEach(function (item) {
        if (!matchesText(item, current.words)) {
          item.li.hidden = true;
          return;
        }
        var failing = [];
        facettes.forEach(function (facette, i) {
          if (!matchesFacet(item, i, current.selected[i])) failing.push(i);
        });
        item.li.hidden = failing.length > 0;
        if (!failing.length) shown += 1;
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
          var label = box.parentNode.querySelector("[data-compte]");
          if (label) label.textContent = "(" + n + ")";
          box.parentNode.classList.toggle("fabrique-explorer--vide", n === 0 && !box.checked);
        });
      });
      status.textContent = shown === items.length
        ? pluriel(items.length, "entrée")
        : pluriel(shown, "entrée") + " sur " + items.length;
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
          if (box.checked) box.closest("details").open = true;
        });
      });
    }

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
    form.hidden = false;
    apply(false);
    root.setAttribute("data-pret", "");
  }
})();
