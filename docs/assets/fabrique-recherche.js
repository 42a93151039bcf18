/* Recherche du site avec Pagefind : l'index, découpé en morceaux, n'est chargé qu'à la première recherche. */
(function () {
  "use strict";

  var root = document.querySelector("[data-fabrique-recherche]");
  if (!root || typeof HTMLDialogElement === "undefined") return;
  var opener = root.querySelector(".fabrique-recherche__ouvrir");
  var dialog = root.querySelector("dialog");
  var input = dialog.querySelector("input[type=search]");
  var status = dialog.querySelector("[role=status]");
  var list = dialog.querySelector("ol");
  var base = new URL(root.getAttribute("data-base") || ".", location.href);
  var MAX = 10;
  var FIRST = 4;
  var engine = null;
  var latest = 0;

  function load() {
    if (!engine) {
      /* L'index est écrit en plusieurs lots (la mémoire de l'indexeur) : pagefind/ et ceux que
         pagefind/fabrique-lots.json nomme, fusionnés en une seule recherche. */
      var lots = fetch(new URL("pagefind/fabrique-lots.json", base).href).then(function (response) {
        if (!response.ok) throw new Error("lots de l'index absents");
        return response.json();
      });
      var options = { baseUrl: base.pathname, excerptLength: 24 };
      engine = Promise.all([import(new URL("pagefind/pagefind.js", base).href), lots]).then(function (loaded) {
        var pagefind = loaded[0];
        /* Sans worker : un fichier de moins à télécharger ; l'index reste petit à interroger. */
        return pagefind.options(Object.assign({ noWorker: true }, options)).then(function () {
          return pagefind.init();
        }).then(function () {
          return Promise.all(loaded[1].lots.map(function (lot) {
            return pagefind.mergeIndex(new URL(lot, base).href, options);
          }));
        }).then(function () {
          return pagefind;
        });
      });
    }
    return engine;
  }

  function open(event) {
    if (event) event.preventDefault();
    if (!dialog.open) dialog.showModal();
    input.focus();
    input.select();
    load();
  }

  /* Pagefind renvoie un extrait où seuls les <mark> sont voulus : tout le reste devient du texte. */
  function excerpt(html) {
    var fragment = document.createDocumentFragment();
    var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html").body.firstChild;
    Array.prototype.forEach.call(parsed ? parsed.childNodes : [], function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        fragment.appendChild(mark);
      } else {
        fragment.appendChild(document.createTextNode(node.textContent));
      }
    });
    return fragment;
  }

  function show(query, results, total) {
    list.textContent = "";
    append(results);
    if (!total) status.textContent = "Aucun résultat pour « " + query + " ».";
    else if (total === 1) status.textContent = "1 résultat pour « " + query + " ».";
    else status.textContent = total + " résultats pour « " + query + " »" + (total > MAX ? ", les " + MAX + " premiers affichés." : ".");
  }

  /* Ajoutés à la suite, sans redessiner la liste : le résultat où se trouve le clavier le garde. */
  function append(results) {
    results.forEach(function (data) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = data.url;
      link.className = "fabrique-recherche__titre";
      link.textContent = (data.meta && data.meta.title) || data.url;
      var text = document.createElement("p");
      text.appendChild(excerpt(data.excerpt || ""));
      li.appendChild(link);
      li.appendChild(text);
      list.appendChild(li);
    });
  }

  function search() {
    var query = input.value.trim();
    var ticket = ++latest;
    if (query.length < 2) {
      list.textContent = "";
      status.textContent = "Saisissez au moins deux lettres.";
      return;
    }
    status.textContent = "Recherche en cours…";
    load().then(function (pagefind) {
      return pagefind.search(query);
    }).then(function (found) {
      if (ticket !== latest || !found) return null;
      /* Les premiers résultats d'abord (moins d'octets avant le premier affichage), puis la suite. */
      var first = found.results.slice(0, FIRST).map(function (r) { return r.data(); });
      return Promise.all(first).then(function (data) {
        if (ticket !== latest) return null;
        show(query, data, found.results.length);
        var rest = found.results.slice(FIRST, MAX).map(function (r) { return r.data(); });
        return Promise.all(rest).then(function (more) {
          if (ticket === latest && more.length) append(more);
        });
      });
    }).catch(function () {
      status.textContent = "La recherche n'est pas disponible. Essayez l'explorateur.";
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 120);
  });
  dialog.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    search();
    var first = list.querySelector("a");
    if (first) first.focus();
  });
  dialog.querySelector("[data-fermer]").addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("click", function (event) { if (event.target === dialog) dialog.close(); });
  dialog.addEventListener("close", function () { opener.focus(); });
  dialog.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    if (!links.length) return;
    var index = links.indexOf(document.activeElement);
    event.preventDefault();
    if (event.key === "ArrowDown") (index < links.length - 1 ? links[index + 1] : links[0]).focus();
    else if (index <= 0) input.focus();
    else links[index - 1].focus();
  });
  opener.addEventListener("click", open);
  opener.addEventListener("keydown", function (event) { if (event.key === " ") open(event); });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key === "/" && !typing && !dialog.open && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.stopPropagation();
      open(event);
    }
  }, true);
  var params = new URLSearchParams(location.search);
  if (params.get("recherche")) {
    input.value = params.get("recherche");
    open();
    search();
  }
})();
