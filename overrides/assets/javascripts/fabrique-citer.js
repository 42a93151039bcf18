// "Copier la citation": puts the French citation on the clipboard and says so in French.
(function () {
  "use strict";

  function texte(element) {
    return element.textContent.replace(/\s+/g, " ").trim();
  }

  function selectionner(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function annoncer(statut, message) {
    statut.textContent = "";
    window.setTimeout(function () { statut.textContent = message; }, 50);
  }

  document.querySelectorAll("[data-fabrique-copier]").forEach(function (bouton) {
    var source = document.getElementById(bouton.getAttribute("data-fabrique-copier"));
    var statut = document.getElementById(bouton.getAttribute("data-fabrique-statut"));
    if (!source || !statut) { return; }
    bouton.hidden = false;
    bouton.addEventListener("click", function () {
      var citation = texte(source);
      if (!navigator.clipboard || !window.isSecureContext) {
        selectionner(source);
        annoncer(statut, "La copie automatique n'est pas disponible : la citation est sélectionnée, copiez-la avec Ctrl+C (ou Cmd+C).");
        return;
      }
      navigator.clipboard.writeText(citation).then(function () {
        annoncer(statut, "Citation copiée dans le presse-papiers. Complétez la date de consultation.");
      }, function () {
        selectionner(source);
        annoncer(statut, "La copie a été refusée par le navigateur : la citation est sélectionnée, copiez-la avec Ctrl+C (ou Cmd+C).");
      });
    });
  });
})();
