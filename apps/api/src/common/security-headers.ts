import helmet from 'helmet';

/**
 * helmet's security headers (CSP, HSTS, nosniff, frame options, no X-Powered-By...), one instance for
 * every HTTP answer Podium gives: Express's, and Socket.IO's handshake and long-polling answers under
 * `/socket.io/`, which engine.io serves before Express sees the request.
 */
export const securityHeaders = helmet({
  contentSecurityPolicy: {
    directives: {
      // Prize images may live anywhere on https; a TV on a LAN address is plain http, so requests must
      // not be upgraded to https.
      'img-src': ["'self'", 'data:', 'https:'],
      'upgrade-insecure-requests': null,
    },
  },
});
