/**
 * `npm run reset`: wipes the local stack's data folder (tables, queues, stream checkpoints), so the next
 * `npm start` begins from nothing. Stop `npm start` first: the engines hold their files open.
 */
import { rm } from 'node:fs/promises'
import { localDataDir } from './settings.ts'

const dir = localDataDir()
await rm(dir, { recursive: true, force: true })
console.log(`Removed ${dir}`)
