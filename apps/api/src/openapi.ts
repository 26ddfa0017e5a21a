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
        '(namespace `/standings`), which this document does not describe: see docs/API.md.',
    )
    .setVersion('1')
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
