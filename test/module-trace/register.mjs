// `node --import ./register.mjs`: appends each npm package the process loads, once, to the
// file named by SOUS_TRACE_PACKAGES (a test reads which libraries a process keeps in memory).
import { register } from 'node:module'

register('./hooks.mjs', import.meta.url, { data: { file: process.env.SOUS_TRACE_PACKAGES } })
