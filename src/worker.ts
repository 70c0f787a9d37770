/** The Cloudflare Worker: the Folio API. */
import { app } from './app'

export default app satisfies ExportedHandler<Env>
