/** Preact with htm: JSX-like templates as tagged strings, so the browser code needs no JSX step. */
import htm from 'htm'
import { h } from 'preact'

export const html = htm.bind(h)
