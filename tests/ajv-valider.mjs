// Loads published JSON Schemas as a JavaScript client would (Ajv 8, strict mode, ajv-formats)
// and validates published data with them.
//
// Standard input: {"schemas": [address…], "documents": [{"nom", "schema": address, "donnees"}]}.
// Each schema is fetched from its address; a relative $id (or none) resolves against that address,
// and every $ref it makes is fetched the same way. Standard output: one French line per problem;
// exit status 1 when there is one.
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const job = JSON.parse(await new Promise((resolve) => {
  let text = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => { text += chunk; });
  process.stdin.on("end", () => resolve(text));
}));

// Keywords starting with "x-" are the project's annotations (x-schema-org…): declared as such;
// any other keyword Ajv does not know still fails strict mode.
function declareAnnotations(node) {
  if (Array.isArray(node)) { node.forEach(declareAnnotations); return; }
  if (node === null || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith("x-") && !ajv.getKeyword(key)) ajv.addKeyword({ keyword: key });
    declareAnnotations(value);
  }
}

async function fetchSchema(address) {
  const response = await fetch(address);
  if (!response.ok) throw new Error(`${address} : réponse HTTP ${response.status}`);
  const schema = await response.json();
  schema.$id = new URL(schema.$id ?? "", address).href;
  declareAnnotations(schema);
  return schema;
}

// Strict mode as Ajv 8 sets it by default (unknown keywords, formats, numbers, tuples refused),
// without its two stylistic rules, which Ajv itself only logs by default: "strictTypes" (a
// "type" beside every "required", no ["string", "null"] union) and "strictRequired" (a "required"
// in "if"/"then" naming a property declared elsewhere). Both schema shapes are valid JSON Schema.
const ajv = new Ajv2020({ strict: true, strictTypes: false, strictRequired: false, allErrors: true, loadSchema: fetchSchema });
addFormats(ajv);

const problems = [];
const validators = new Map();
for (const address of job.schemas) {
  try {
    const schema = await fetchSchema(address);
    validators.set(address, ajv.getSchema(schema.$id) ?? await ajv.compileAsync(schema));
  } catch (error) {
    problems.push(`${address} : Ajv ne compile pas ce schéma : ${error.message}`);
  }
}

for (const document of job.documents) {
  const validate = validators.get(document.schema);
  if (!validate) {
    problems.push(`${document.nom} : son schéma ${document.schema} n'a pas pu être compilé`);
    continue;
  }
  if (!validate(document.donnees)) {
    for (const error of validate.errors.slice(0, 20)) {
      problems.push(`${document.nom} : ${error.instancePath || "/"} : ${error.message} (${error.schemaPath})`);
    }
  }
}

for (const line of problems) console.log(line);
process.exitCode = problems.length ? 1 : 0;
