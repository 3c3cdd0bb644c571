import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance, FastifyPluginAsync } from "fastify";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";

/** The documentation page: public, as each of its routes declares (and only those routes). */
const publicDocs: FastifyPluginAsync = async (docs) => {
  docs.addHook("onRoute", (route) => {
    route.config = { ...route.config, public: true };
  });
  await docs.register(swaggerUi, {
    routePrefix: "/docs",
    staticCSP: true,
    // The docs page may not be framed (clickjacking) and loads nothing from elsewhere.
    transformStaticCSP: (header) =>
      header
        .replace("frame-ancestors 'self'", "frame-ancestors 'none'")
        .replace(" validator.swagger.io", ""),
    uiConfig: { deepLinking: false, tryItOutEnabled: true, validatorUrl: null },
  });
};

/**
 * The OpenAPI document is generated from the same zod schemas that validate requests and shape
 * responses, so it cannot drift from the code. Register before the routes.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Todo API",
        version: "1.0.0",
        description:
          "Lists and tasks of the authenticated user, and the lists shared with them (roles owner, editor, viewer; no access answers 404 like a missing list, a role too weak 403 FORBIDDEN_FOR_ROLE). Every route except /healthz, /readyz, /openapi.json and /docs needs `Authorization: Bearer <access token>` (HS256, `typ` at+jwt), issued by the web app at GET /api/auth/token. Errors are RFC 9457 problem details.",
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(publicDocs);
  app.get("/openapi.json", { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
}
