/**
 * Installs a committed host folder (scripts/n8n-hosts/<name>: package.json + package-lock.json
 * with exact versions) into the cache, and reuses it while the committed files are unchanged.
 * `npm install` rather than `npm ci`: npm ci refuses the lockfile npm writes on this platform
 * (it lacks other platforms' optional packages), see docs in shared n8n notes §1.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { formatDuration, info } from './log';
import { cacheRoot, hostsDir } from './paths';
import { startProcess, tail } from './processes';

const MARKER = '.printos-installed.json';

export interface HostFolderOptions {
	/** Folder name under scripts/n8n-hosts and (prefixed) under the cache. */
	name: string;
	cacheName: string;
	/** What to tell the user, e.g. "n8n 2.41.1 on Node 24". */
	label: string;
	/** Typical duration, printed before a fresh install. */
	expected?: string;
	env: NodeJS.ProcessEnv;
	/** A file that must exist for the install to count as complete. */
	checkFile: string;
	/**
	 * Remove node_modules before installing. The `node` package installs its binary package from
	 * a preinstall script, outside the lockfile, so an incremental install would prune it.
	 */
	clean?: boolean;
}

function fingerprint(sourceDir: string): string {
	const hash = crypto.createHash('sha256');
	for (const file of ['package.json', 'package-lock.json']) {
		const full = path.join(sourceDir, file);
		hash.update(file).update(fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : '');
	}
	return hash.digest('hex');
}

/** Returns the installed folder in the cache. */
export async function ensureHostFolder(options: HostFolderOptions): Promise<string> {
	const sourceDir = path.join(hostsDir, options.name);
	const targetDir = path.join(cacheRoot(), options.cacheName);
	const wanted = fingerprint(sourceDir);
	const markerFile = path.join(targetDir, MARKER);
	const marker = fs.existsSync(markerFile) ? JSON.parse(fs.readFileSync(markerFile, 'utf8')) : undefined;
	if (marker?.fingerprint === wanted && fs.existsSync(path.join(targetDir, options.checkFile))) {
		info(`${options.label}: using the install in ${targetDir}`);
		return targetDir;
	}

	fs.mkdirSync(targetDir, { recursive: true });
	fs.rmSync(markerFile, { force: true });
	if (options.clean) fs.rmSync(path.join(targetDir, 'node_modules'), { recursive: true, force: true });
	const lockfile = path.join(sourceDir, 'package-lock.json');
	fs.copyFileSync(path.join(sourceDir, 'package.json'), path.join(targetDir, 'package.json'));
	if (fs.existsSync(lockfile)) fs.copyFileSync(lockfile, path.join(targetDir, 'package-lock.json'));

	const logFile = path.join(targetDir, 'npm-install.log');
	fs.writeFileSync(logFile, '');
	info(
		`Installing ${options.label} into ${targetDir} (first run only${options.expected ? `, usually ${options.expected}` : ''}; npm log: ${logFile}) ...`,
	);
	const started = Date.now();
	// A heartbeat, so a long install doesn't look hung.
	const heartbeat = setInterval(
		() => info(`  ... still installing ${options.label} (${formatDuration(Date.now() - started)})`),
		60_000,
	);
	try {
		const proc = startProcess('npm install', 'npm', ['install', '--no-audit', '--no-fund'], {
			cwd: targetDir,
			// Scarf is an install-time analytics ping; it only fails slowly on closed networks.
			env: { ...options.env, SCARF_ANALYTICS: 'false' },
			logFile,
		});
		const code = await proc.exited;
		if (code !== 0) throw new Error(`npm install of ${options.label} failed (exit ${code}):\n${tail(proc.output())}`);
	} finally {
		clearInterval(heartbeat);
	}
	if (!fs.existsSync(path.join(targetDir, options.checkFile))) {
		throw new Error(`npm install of ${options.label} finished but ${options.checkFile} is missing`);
	}
	if (!fs.existsSync(lockfile)) {
		// First install of a new host version: keep its lockfile so later installs are reproducible.
		fs.copyFileSync(path.join(targetDir, 'package-lock.json'), lockfile);
		info(`Wrote ${path.relative(process.cwd(), lockfile)}: commit it.`);
	}
	fs.writeFileSync(markerFile, JSON.stringify({ fingerprint: fingerprint(sourceDir), installedAt: new Date().toISOString() }));
	info(`Installed ${options.label} in ${formatDuration(Date.now() - started)}`);
	return targetDir;
}
