/** The Hono environment of every route: the worker's bindings and the loaded library. */
import type { TimingVariables } from 'hono/timing'
import type { Library } from './library'

export interface AppEnv {
  Bindings: Env
  Variables: { library: Library } & TimingVariables
}
