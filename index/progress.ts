/**
 * Build progress for large corpora: a bar on a terminal (cli-progress), and
 * on anything else (CI logs, pipes) a plain line at each tenth of the way.
 */
import { SingleBar } from 'cli-progress'

export interface Progress {
  /** Starts a phase of `total` steps. */
  start(phase: string, total: number): void
  update(done: number): void
  stop(): void
}

export function progress(stream: NodeJS.WriteStream = process.stderr): Progress {
  return stream.isTTY ? bar(stream) : lines(stream)
}

function bar(stream: NodeJS.WriteStream): Progress {
  let current: SingleBar | undefined
  return {
    start(phase, total) {
      current?.stop()
      current = new SingleBar({ stream, format: `${phase.padEnd(10)} [{bar}] {value}/{total}`, hideCursor: true, clearOnComplete: true })
      current.start(total, 0)
    },
    update: (done) => current?.update(done),
    stop() {
      current?.stop()
      current = undefined
    },
  }
}

function lines(stream: NodeJS.WriteStream): Progress {
  let phase = ''
  let total = 0
  let reported = -1
  return {
    start(name, steps) {
      phase = name
      total = steps
      reported = -1
    },
    update(done) {
      const tenth = total === 0 ? 10 : Math.floor((done / total) * 10)
      if (tenth > reported) {
        reported = tenth
        stream.write(`${phase} ${done}/${total}\n`)
      }
    },
    stop() {},
  }
}
