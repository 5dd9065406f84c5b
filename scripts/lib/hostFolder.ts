/**
 * Installs a committed host folder (scripts/n8n-hosts/<name>: package.json + package-lock.json
 * with exact versions) into the cache with `npm ci`, checks that what it installed really runs,
 * and reuses it while the committed files are unchanged and the installed tree is still complete.
 *
 * Reproducible whatever npm configuration the caller inherits: `npm run` exports every npm
 * setting in force (from an .npmrc, the user's config or the caller's own environment) to its
 * children as npm_config_*. An inherited legacy-peer-deps=true once made npm skip the host's peer
 * dependencies, and n8n's `start` then failed to load. See `hostNpmEnv`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { formatDuration, info } from './log';
import { cacheRoot, hostsDir } from './paths';
import { startProcess, tail } from './processes';

const MARKER = '.printos-installed.json';

export interface HostCheck {
	/** What the check proves, for messages ("the start command loads"). */
	what: string;
	command: string;
	args: string[];
	/** The check passes when the exit code is 0 and the output matches. */
	expect: RegExp;
	timeoutMs?: number;
}

export interface HostFolderOptions {
	/** Folder name under scripts/n8n-hosts. */
	name: string;
	/** The committed folder, when not scripts/n8n-hosts/<name> (tests). */
	sourceDir?: string;
	/** Folder name under the cache. */
	cacheName: string;
	/** What to tell the user, e.g. "n8n 2.41.1 on Node 24". */
	label: string;
	/** Typical duration, printed before a fresh install. */
	expected?: string;
	/** PATH and other non-npm variables for npm and its scripts (npm_config_* are dropped). */
	env: NodeJS.ProcessEnv;
	/** npm settings this host needs beyond the fixed ones (for example nodedir). */
	npmConfig?: Record<string, string>;
	/** Run after a fresh install, with `env`, in the install folder: proves the host starts. */
	check: HostCheck;
}

/**
 * The npm settings every host install uses, whatever the caller's environment or ~/.npmrc say:
 * the committed lockfile installed as it is, peers and optional packages included, scripts run.
 */
const FIXED_NPM_CONFIG: Record<string, string> = {
	legacy_peer_deps: 'false',
	strict_peer_deps: 'false',
	ignore_scripts: 'false',
	omit: '',
	package_lock: 'true',
	audit: 'false',
	fund: 'false',
	update_notifier: 'false',
};

/** `env` without any inherited npm_config_* / npm_package_* / npm_lifecycle_*, plus `config`. */
export function hostNpmEnv(env: NodeJS.ProcessEnv, config: Record<string, string> = {}): NodeJS.ProcessEnv {
	const clean: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(env)) {
		if (/^npm_(config|package|lifecycle)_/i.test(key)) continue;
		clean[key] = value;
	}
	for (const [key, value] of Object.entries({ ...FIXED_NPM_CONFIG, ...config })) clean[`npm_config_${key}`] = value;
	// Scarf is an install-time analytics ping; it only fails slowly on closed networks.
	clean.SCARF_ANALYTICS = 'false';
	return clean;
}

function fingerprint(sourceDir: string): string {
	const hash = crypto.createHash('sha256');
	for (const file of ['package.json', 'package-lock.json']) {
		const full = path.join(sourceDir, file);
		hash.update(file).update(fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : '');
	}
	return hash.digest('hex');
}

interface LockEntry {
	optional?: boolean;
	dev?: boolean;
	link?: boolean;
}

/**
 * The lockfile's packages that npm must install on every platform (optional ones may be for
 * another platform) and that are missing from `targetDir`. Empty means the tree is complete.
 */
export function missingFromTree(lockfile: string, targetDir: string): string[] {
	const lock = JSON.parse(fs.readFileSync(lockfile, 'utf8')) as { packages?: Record<string, LockEntry> };
	const missing: string[] = [];
	for (const [location, entry] of Object.entries(lock.packages ?? {})) {
		if (!location || entry.optional || entry.dev || entry.link) continue;
		if (!fs.existsSync(path.join(targetDir, location, 'package.json'))) missing.push(location);
	}
	return missing;
}

async function runCheck(check: HostCheck, cwd: string, env: NodeJS.ProcessEnv): Promise<{ ok: boolean; output: string }> {
	const proc = startProcess(check.what, check.command, check.args, { cwd, env });
	const timeout = new Promise<'timeout'>((resolve) => {
		const timer = setTimeout(() => resolve('timeout'), check.timeoutMs ?? 120_000);
		void proc.exited.finally(() => clearTimeout(timer));
	});
	const code = await Promise.race([proc.exited, timeout]);
	if (code === 'timeout') {
		await proc.stop();
		return { ok: false, output: `no answer within ${(check.timeoutMs ?? 120_000) / 1000} s\n${proc.output()}` };
	}
	return { ok: code === 0 && check.expect.test(proc.output()), output: proc.output() };
}

interface Marker {
	fingerprint: string;
	installedAt: string;
	checked: string;
}

function readMarker(markerFile: string): Marker | undefined {
	try {
		return JSON.parse(fs.readFileSync(markerFile, 'utf8')) as Marker;
	} catch {
		return undefined;
	}
}

/** Returns the installed folder in the cache. */
export async function ensureHostFolder(options: HostFolderOptions): Promise<string> {
	const sourceDir = options.sourceDir ?? path.join(hostsDir, options.name);
	const targetDir = path.join(cacheRoot(), options.cacheName);
	const lockfile = path.join(sourceDir, 'package-lock.json');
	const wanted = fingerprint(sourceDir);
	const markerFile = path.join(targetDir, MARKER);
	const env = hostNpmEnv(options.env, options.npmConfig);

	const marker = readMarker(markerFile);
	if (marker?.fingerprint === wanted) {
		const missing = fs.existsSync(lockfile) ? missingFromTree(lockfile, targetDir) : [];
		if (missing.length === 0) {
			info(`${options.label}: using the install in ${targetDir}`);
			return targetDir;
		}
		info(
			`${options.label}: the install in ${targetDir} is incomplete (${missing.length} package(s) of the lockfile missing, e.g. ${missing.slice(0, 3).join(', ')}); installing again`,
		);
	} else if (fs.existsSync(targetDir) && marker) {
		info(`${options.label}: the committed host folder changed since the install in ${targetDir}; installing again`);
	} else if (fs.existsSync(path.join(targetDir, 'node_modules'))) {
		info(`${options.label}: ${targetDir} holds an unfinished or unchecked install; installing again`);
	}

	fs.mkdirSync(targetDir, { recursive: true });
	fs.rmSync(markerFile, { force: true });
	fs.copyFileSync(path.join(sourceDir, 'package.json'), path.join(targetDir, 'package.json'));
	const haveLockfile = fs.existsSync(lockfile);
	if (haveLockfile) fs.copyFileSync(lockfile, path.join(targetDir, 'package-lock.json'));
	else fs.rmSync(path.join(targetDir, 'package-lock.json'), { force: true });

	const logFile = path.join(targetDir, 'npm-install.log');
	fs.writeFileSync(logFile, '');
	const npmArgs = haveLockfile ? ['ci'] : ['install', '--save-exact'];
	info(
		`Installing ${options.label} into ${targetDir} with npm ${npmArgs[0]} (first run only${options.expected ? `, usually ${options.expected}` : ''}; npm log: ${logFile}) ...`,
	);
	const started = Date.now();
	// A heartbeat, so a long install doesn't look hung.
	const heartbeat = setInterval(
		() => info(`  ... still installing ${options.label} (${formatDuration(Date.now() - started)})`),
		60_000,
	);
	try {
		const proc = startProcess(`npm ${npmArgs[0]}`, 'npm', npmArgs, { cwd: targetDir, env, logFile });
		const code = await proc.exited;
		if (code !== 0) {
			throw new Error(`npm ${npmArgs[0]} of ${options.label} failed (exit ${code}); npm log: ${logFile}\n${tail(proc.output())}`);
		}
	} finally {
		clearInterval(heartbeat);
	}

	if (!haveLockfile) {
		// First install of a new host version: keep its lockfile so later installs are reproducible.
		fs.copyFileSync(path.join(targetDir, 'package-lock.json'), lockfile);
		info(`Wrote ${path.relative(process.cwd(), lockfile)}: commit it.`);
	}
	const missing = missingFromTree(path.join(targetDir, 'package-lock.json'), targetDir);
	if (missing.length > 0) {
		throw new Error(
			`The install of ${options.label} in ${targetDir} is broken: ${missing.length} package(s) of its lockfile are missing (e.g. ${missing.slice(0, 5).join(', ')}); npm log: ${logFile}`,
		);
	}
	const check = await runCheck(options.check, targetDir, options.env);
	if (!check.ok) {
		const checkLog = path.join(targetDir, 'host-check.log');
		fs.writeFileSync(checkLog, check.output);
		throw new Error(
			`The install of ${options.label} in ${targetDir} is broken: the check that ${options.check.what} failed (${options.check.command} ${options.check.args.join(' ')}).\n` +
				`npm log: ${logFile}\ncheck output: ${checkLog}\n${tail(check.output)}`,
		);
	}
	const written: Marker = { fingerprint: fingerprint(sourceDir), installedAt: new Date().toISOString(), checked: options.check.what };
	fs.writeFileSync(markerFile, JSON.stringify(written));
	info(`Installed ${options.label} in ${formatDuration(Date.now() - started)} (checked: ${options.check.what})`);
	return targetDir;
}
