/**
 * n8n's own community-node tools, `@n8n/node-cli` (its default ESLint config, which strict mode
 * requires) and `@n8n/scan-community-package` (the verification scanner), pinned in
 * scripts/n8n-hosts/n8n-node-cli and installed into the cache on first use.
 *
 * Not devDependencies of the repository: @n8n/node-cli depends on n8n's AI SDK and with it on
 * n8n-workflow 2.x and isolated-vm, which does not build on Node 20, and both would add a second
 * copy of the node framework next to the n8n-workflow 1.x the tests run with. Install scripts are
 * skipped: the lint config and the scanner never load a native module.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

import { ensureHostFolder } from './hostFolder';
import { systemNode } from './n8nHost';

export interface NodeCliTools {
	dir: string;
	/** `require` that resolves from the tools' own node_modules. */
	require: NodeRequire;
}

export async function ensureNodeCliTools(): Promise<NodeCliTools> {
	const runtime = systemNode();
	const dir = await ensureHostFolder({
		name: 'n8n-node-cli',
		cacheName: 'n8n-node-cli',
		label: "n8n's node-cli and community-package scanner",
		expected: '~1 min',
		env: runtime.env,
		npmConfig: { ...runtime.npmConfig, ignore_scripts: 'true' },
		check: {
			what: 'the default ESLint config of @n8n/node-cli loads',
			command: runtime.nodeBin,
			args: ['-e', "const c = require('@n8n/node-cli/eslint'); console.log(Array.isArray(c.config) ? 'config ' + c.config.length : 'no config')"],
			expect: /^config \d+/m,
			timeoutMs: 60_000,
		},
	});
	return { dir, require: createRequire(path.join(dir, 'package.json')) };
}
