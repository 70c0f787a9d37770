/**
 * `npm run build:widget`: bundles and minifies the `<folio-search>` component
 * into build/widget.js, which the worker serves at /widget.js, and prints its
 * size as served (gzip). The file is replaced whole (written aside, renamed).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const out = process.argv[2] ?? 'build/widget.js'
const result = await build({
  entryPoints: ['widget/folio-search.ts'],
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  write: false,
  legalComments: 'none',
})
const code = result.outputFiles[0]!.contents
mkdirSync(dirname(out), { recursive: true })
writeFileSync(`${out}.tmp`, code)
renameSync(`${out}.tmp`, out)
console.log(`widget written to ${out}: ${(code.byteLength / 1024).toFixed(1)} KB, ${(gzipSync(code).byteLength / 1024).toFixed(1)} KB gzip`)
