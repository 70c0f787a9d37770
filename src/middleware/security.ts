/**
 * Security headers (Hono's secureHeaders): on every answer, `nosniff`, no
 * referrer, no framing by other sites; on the pages a person sees, a content
 * security policy that lets them run the widget from this origin and nothing
 * else. Every origin may load the answers and the widget (CORS, and
 * `Cross-Origin-Resource-Policy: cross-origin`): that is the widget's purpose.
 */
import { secureHeaders } from 'hono/secure-headers'

export function securityHeaders() {
  return secureHeaders({ crossOriginResourcePolicy: 'cross-origin' })
}

export function pagePolicy() {
  return secureHeaders({
    crossOriginResourcePolicy: 'cross-origin',
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'self'"],
    },
  })
}
