import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/** Where the interactive documentation and the OpenAPI document are served. */
export const OPENAPI_UI_PATH = 'api/docs';
export const OPENAPI_JSON_PATH = 'api/docs-json';

/** The OpenAPI document of the REST API, built from the controllers' and DTOs' decorators. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Podium API')
    .setDescription(
      'Sales events in, fair live standings out. Every 4xx and 5xx answer carries an `ErrorResponseDto` ' +
        '`{ statusCode, error, message, problems?, errorId? }`. Live standings are pushed over Socket.IO ' +
        '(namespace `/standings`), which this document does not describe: see docs/API.md. Every route but ' +
        '/health, login, refresh and TV pairing needs a bearer token: without a valid one it answers 401 ' +
        '(`auth.unauthenticated`), and 403 (`auth.forbidden`) when the caller may not use it.',
    )
    .setVersion('1')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'opaque',
      description:
        'A session access token (`pod_at_...`, from POST /api/v1/auth/login), an ingest API key ' +
        '(`pod_key_...`) or a display-screen token (`pod_ds_...`), as `Authorization: Bearer <token>`.',
    })
    .build();
  return SwaggerModule.createDocument(app, config);
}

/**
 * Serves the Swagger UI at /api/docs and the OpenAPI document at /api/docs-json. The document is
 * built once, on the first request, not at start-up; the UI's assets are served by this process.
 */
export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup(OPENAPI_UI_PATH, app, () => openApiDocument(app), {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    customSiteTitle: 'Podium API',
    // No badge from the public online validator: the UI talks to this server only.
    swaggerOptions: { validatorUrl: null },
  });
}
