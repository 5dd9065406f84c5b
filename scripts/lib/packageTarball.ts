/**
 * Build the package, `npm pack` it, and install the tarball where a user's n8n keeps community
 * packages: <userFolder>/.n8n/nodes/node_modules/n8n-nodes-printos. That folder name is what
 * gives the types their `n8n-nodes-printos.` prefix, as users get them.
 */
import fs from 'node:fs';
import path from 'node:path';

import { hostNpmEnv } from './hostFolder';
import { timed } from './log';
import { repoRoot } from './paths';
import { runOrThrow } from './processes';

export const PACKAGE_NAME = 'n8n-nodes-printos';

export async function buildPackage(): Promise<void> {
	await timed('Building the package (npm run build)', () => runOrThrow('npm', ['run', 'build'], { cwd: repoRoot }));
}

/** Returns the tarball's path inside `destination`. */
export async function packPackage(destination: string): Promise<string> {
	fs.mkdirSync(destination, { recursive: true });
	const output = await runOrThrow('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], {
		cwd: repoRoot,
	});
	// npm may print warnings before the JSON.
	const json = JSON.parse(output.slice(output.indexOf('[')));
	return path.join(destination, json[0].filename);
}

/** `npm install <tarball>` in <userFolder>/.n8n/nodes, as n8n's own community-package installer does. */
export async function installTarball(userFolder: string, tarball: string): Promise<string> {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	// Keep the tarball beside the install: package.json refers to it, and later installs need it.
	const kept = path.join(nodesDir, path.basename(tarball));
	if (path.resolve(tarball) !== kept) fs.copyFileSync(tarball, kept);
	const manifest = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(manifest)) {
		fs.writeFileSync(manifest, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	}
	// Same version, new content: make npm replace it rather than decide it is up to date.
	fs.rmSync(path.join(nodesDir, 'node_modules', PACKAGE_NAME), { recursive: true, force: true });
	fs.rmSync(path.join(nodesDir, 'package-lock.json'), { force: true });
	await runOrThrow(
		'npm',
		// legacy-peer-deps: the peer n8n-workflow is n8n's own; it must not be installed next to us.
		['install', `./${path.basename(kept)}`, '--legacy-peer-deps', '--ignore-scripts', '--no-audit', '--no-fund', '--omit=dev'],
		{ cwd: nodesDir, env: hostNpmEnv(process.env) },
	);
	const installed = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	if (!fs.existsSync(path.join(installed, 'package.json'))) throw new Error(`${installed} missing after npm install`);
	return installed;
}

/** Build, pack and install in one go. */
export async function buildAndInstall(userFolder: string, options: { build?: boolean } = {}): Promise<string> {
	if (options.build !== false) await buildPackage();
	return timed('Packing and installing the package into n8n', async () => {
		const tarball = await packPackage(path.join(userFolder, '.n8n', 'nodes'));
		return installTarball(userFolder, tarball);
	});
}
