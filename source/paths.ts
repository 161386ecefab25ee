import path from 'node:path';
import {fileURLToPath} from 'node:url';

/** The package root: compiled files live in dist/source, so it is three levels up. */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The sql/ folder shipped with the package. */
export const sqlDirectory = path.join(packageRoot, 'sql');
