// Entry of the smoke on workerd: a Worker whose fetch handler runs it, with the runner's config as a
// binding; bundled with the packed packages before it is handed to miniflare.
import { runSmoke } from "./smoke.mjs";

export default {
  async fetch(_request, env) {
    try {
      return Response.json({ checks: await runSmoke(JSON.parse(env.SMOKE_CONFIG)) });
    } catch (error) {
      return Response.json(
        { error: error instanceof Error ? error.message : String(error) },
        { status: 500 },
      );
    }
  },
};
