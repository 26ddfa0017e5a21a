import { applyDecorators, Header } from '@nestjs/common';

/**
 * For answers that carry a token or a secret (sessions, new API keys, screen tokens and pairing codes):
 * no cache, shared or private, may keep them (`Pragma` for HTTP/1.0 caches).
 */
export function NoStore(): MethodDecorator {
  return applyDecorators(Header('Cache-Control', 'no-store'), Header('Pragma', 'no-cache'));
}
