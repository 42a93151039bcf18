// L'éditeur en ligne habillé comme le site : aperçu avec les feuilles de style du site et le bandeau
// des esquisses, image avec texte alternatif obligatoire. Réglages : admin/reglages.js, écrit par la
// construction (fabrique.decap.settings_script) à partir des schémas et de mkdocs.yml.
(function () {
  "use strict";
  var reglages = window.FABRIQUE_EDITEUR;
  // Decap rejects a save refused by the form with no reason; the form already shows the errors.
  window.addEventListener("unhandledrejection", function (event) {
    if (event.reason === undefined) { event.preventDefault(); }
  });
  reglages.styles.forEach(function (href) { CMS.registerPreviewStyle(href); });
  var Apercu = createClass({
    render: function () {
      var data = this.props.entry.get("data");
      var bandeau = data.get("statut") === "esquisse"
        ? h("div", {className: "fabrique-bandeau", role: "note"}, h("strong", null, "Esquisse."), " " + reglages.esquisse)
        : null;
      return h("div", {className: "md-content"},
        h("article", {className: "md-content__inner md-typeset"},
          bandeau, h("h1", null, data.get("titre")), this.props.widgetFor("body")));
    }
  });
  reglages.collections.forEach(function (name) { CMS.registerPreviewTemplate(name, Apercu); });
  // Decap does not check the fields of an image inserted in the text: refuse the save here.
  CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var body = event.entry.getIn(["data", "body"]) || "";
      if (/!\[\s*\]\(/.test(body) || /<img(?![^>]*\balt="[^"\s])/i.test(body)) {
        throw new Error(reglages.sansAlt);
      }
    }
  });
  // Decap's own image component, its alternative text now asked for first and required (fabrique check refuses an image without one).
  CMS.registerEditorComponent({
    id: "image",
    label: "Image",
    fields: [
      {name: "image", label: "Image", widget: "image", media_library: {allow_multiple: false, config: {max_file_size: reglages.poids}},
       hint: "Au plus " + Math.floor(reglages.poids / 1000) + " Ko ; l'image est enregistrée dans docs/assets/images/."},
      {name: "alt", label: "Texte alternatif (obligatoire)", widget: "string", required: true,
       hint: "Ce que montre l'image, pour qui ne la voit pas."},
      {name: "title", label: "Titre", widget: "string", required: false}
    ],
    pattern: /^!\[([^\]]*)\]\((.*?)(\s"([^"]*)")?\)/,
    fromBlock: function (match) { return {image: match[2], alt: match[1], title: match[4]}; },
    toBlock: function (data) {
      var title = data.title ? ' "' + data.title.replace(/"/g, "'") + '"' : "";
      return "![" + (data.alt || "") + "](" + (data.image || "") + title + ")";
    },
    toPreview: function (data, getAsset, fields) {
      var field = fields && fields.find(function (f) { return f.get("widget") === "image"; });
      var src = data.image ? getAsset(data.image, field).toString() : "";
      return h("img", {src: src, alt: data.alt || "", title: data.title || ""});
    }
  });
})();
