// Builds the design system into ../static/build/: our stylesheet compiled from GOV.UK Frontend's
// Sass, and GOV.UK Frontend's component JavaScript. Run by `make assets` (part of `make env`).
//
// NOTE: nothing of GOV.UK's identity is copied: no crown or crest images and no GDS Transport
// font files, which are reserved for GOV.UK services. scss/app.scss sets our own font stack and
// colours instead; the assets folder of govuk-frontend is deliberately not copied.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "static", "build");
mkdirSync(out, { recursive: true });

const result = sass.compile(join(here, "scss", "app.scss"), {
  loadPaths: [join(here, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "app.css"), result.css);

copyFileSync(join(here, "node_modules", "govuk-frontend", "dist", "govuk", "all.bundle.js"), join(out, "govuk-frontend.js"));
console.log(`built ${join(out, "app.css")} (${result.css.length} bytes) and govuk-frontend.js`);
