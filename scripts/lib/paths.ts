/** Where things live. No machine-specific absolute paths: everything derives from the repo or the user's cache. */
import os from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');

/** Committed host folders: one package.json + package-lock.json per pinned runtime. */
export const hostsDir = path.join(repoRoot, 'scripts', 'n8n-hosts');

/** Outside git and reused across runs and clones: n8n installs are ~2-3 GB each. */
export function cacheRoot(): string {
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-printos');
}
