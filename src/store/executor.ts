import type { Db } from './connect.ts'

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
/** Anything that runs queries: the database or an open transaction. */
export type Executor = Db | Tx
