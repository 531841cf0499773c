import { apiEndpoints } from "@/lib/api/endpoints";
import { openApiDocument } from "@/lib/api/openapi";
import { createApiRouter } from "@/lib/api/router";
import { getDb } from "@/lib/db/client";
import { publicUrl } from "@/lib/env";

export const dynamic = "force-dynamic";

let router: ((request: Request) => Promise<Response>) | null = null;
let document: unknown = null;

function handle(request: Request): Promise<Response> {
  router ??= createApiRouter({
    db: getDb(),
    endpoints: apiEndpoints,
    origin: publicUrl(),
    openApi: () => {
      document ??= openApiDocument(apiEndpoints, publicUrl());
      return document;
    },
  });
  return router(request);
}

export { handle as DELETE, handle as GET, handle as OPTIONS, handle as POST, handle as PUT };
