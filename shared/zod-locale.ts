/**
 * English issue messages for zod. The classic `zod` entry installs them by itself; `zod/mini`, which
 * we use because it loads ~13 ms faster at cold start, installs none, so every issue would read
 * "Invalid input". Imported for its effect by each module that parses with zod. A locale chosen
 * before (`z.config(z.locales.de())`) is kept.
 */
import { en } from 'zod/locales'
import * as z from 'zod/mini'

if (!z.config().localeError) z.config(en())
