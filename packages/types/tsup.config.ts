import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.base.js";

// Two entry points: the Platform API's types (`@kapso/types`) and the Meta proxy's
// (`@kapso/types/whatsapp`), whose sources sit in src/meta-proxy.
export default defineConfig({
  ...packageBuild,
  entry: { index: "src/index.ts", "whatsapp/index": "src/meta-proxy/index.ts" },
});
