import { createInterface } from 'node:readline/promises'
import { Writable } from 'node:stream'

/** Asks one question on the terminal; `hidden` echoes nothing (passwords). */
export async function ask(question: string, options: { hidden?: boolean } = {}): Promise<string> {
  let muted = false
  const output = new Writable({
    write(chunk, encoding, callback) {
      if (!muted) process.stdout.write(chunk, encoding)
      callback()
    },
  })
  const rl = createInterface({ input: process.stdin, output, terminal: true })
  try {
    // The prompt is written at once; what follows (echo and redraws) is muted when hidden.
    const answer = rl.question(question)
    muted = options.hidden === true
    const text = await answer
    if (muted) process.stdout.write('\n')
    return text
  } finally {
    rl.close()
  }
}

/** Everything piped to stdin, without the final newline (`echo pw | sous … --password-stdin`). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '')
}
