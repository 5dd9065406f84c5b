/**
 * The host installs of scripts/lib/hostFolder.ts (n8n 1.x / 2.x, Node 24, n8n's node-cli) are
 * reproducible whatever npm settings the caller inherits, detect an incomplete tree and redo it,
 * and report a host that does not start as broken. Offline: the host folder here depends on a
 * local tarball, with a peer dependency that `legacy-peer-deps` would leave out.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ensureHostFolder, hostNpmEnv, missingFromTree, type HostFolderOptions } from '../../scripts/lib/hostFolder';

const npmEnvOfNpmRun = { ...process.env, npm_config_legacy_peer_deps: 'true', npm_config_ignore_scripts: 'true' };

function writePackage(dir: string, manifest: object, files: Record<string, string> = {}): string {
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest));
	for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
	return dir;
}

function pack(dir: string, into: string): string {
	const out = execFileSync('npm', ['pack', '--json', '--pack-destination', into], { cwd: dir, env: hostNpmEnv(process.env) });
	return path.join(into, JSON.parse(out.toString())[0].filename);
}

describe('host folder installs', () => {
	let work: string;
	let savedCache: string | undefined;
	let options: HostFolderOptions;

	beforeAll(() => {
		work = fs.mkdtempSync(path.join(os.tmpdir(), 'printos-hostfolder-'));
		savedCache = process.env.XDG_CACHE_HOME;
		process.env.XDG_CACHE_HOME = path.join(work, 'cache');
		const tarballs = path.join(work, 'tarballs');
		fs.mkdirSync(tarballs);
		const peer = pack(writePackage(path.join(work, 'src', 'peer-b'), { name: 'peer-b', version: '1.0.0' }, { 'index.js': 'module.exports = "b";' }), tarballs);
		const dep = pack(
			writePackage(
				path.join(work, 'src', 'dep-a'),
				{ name: 'dep-a', version: '1.0.0', peerDependencies: { 'peer-b': '1.0.0' } },
				{ 'index.js': 'module.exports = require("peer-b") + "a";' },
			),
			tarballs,
		);
		// The host depends on dep-a only; peer-b comes in as dep-a's peer, as @langchain/core does for n8n.
		const hostDir = path.join(work, 'host');
		writePackage(hostDir, { name: 'test-host', private: true, dependencies: { 'dep-a': `file:${dep}` }, overrides: { 'peer-b': `file:${peer}` } });
		execFileSync('npm', ['install', '--package-lock-only', '--no-audit', '--no-fund'], { cwd: hostDir, env: hostNpmEnv(process.env) });
		options = {
			name: 'test-host',
			sourceDir: hostDir,
			cacheName: 'test-host',
			label: 'the test host',
			env: npmEnvOfNpmRun,
			check: { what: 'dep-a loads with its peer', command: process.execPath, args: ['-p', 'require("dep-a")'], expect: /^ba$/m, timeoutMs: 30_000 },
		};
	});

	afterAll(() => {
		if (savedCache === undefined) delete process.env.XDG_CACHE_HOME;
		else process.env.XDG_CACHE_HOME = savedCache;
		fs.rmSync(work, { recursive: true, force: true });
	});

	it('drops the npm settings `npm run` exports and sets the ones a host install needs', () => {
		const env = hostNpmEnv({ ...npmEnvOfNpmRun, npm_package_name: 'n8n-nodes-printos', NPM_CONFIG_OMIT: 'peer' }, { nodedir: '/x' });
		expect(env.npm_config_legacy_peer_deps).toBe('false');
		expect(env.npm_config_ignore_scripts).toBe('false');
		expect(env.npm_config_nodedir).toBe('/x');
		expect(env.npm_package_name).toBeUndefined();
		expect(env.NPM_CONFIG_OMIT).toBeUndefined();
		expect(env.PATH).toBe(process.env.PATH);
		// npm itself reads it that way.
		const seen = execFileSync('npm', ['config', 'get', 'legacy-peer-deps'], { cwd: work, env }).toString().trim();
		expect(seen).toBe('false');
	});

	it('installs the lockfile with its peers although the caller inherits legacy-peer-deps, and records the check', async () => {
		const dir = await ensureHostFolder(options);
		expect(fs.existsSync(path.join(dir, 'node_modules', 'peer-b', 'package.json'))).toBe(true);
		expect(missingFromTree(path.join(dir, 'package-lock.json'), dir)).toEqual([]);
		const marker = JSON.parse(fs.readFileSync(path.join(dir, '.printos-installed.json'), 'utf8'));
		expect(marker.checked).toBe('dep-a loads with its peer');
		expect(fs.readFileSync(path.join(dir, 'npm-install.log'), 'utf8')).not.toMatch(/legacy/i);
	});

	it('finds an install that lost a package and installs it again', async () => {
		const dir = path.join(process.env.XDG_CACHE_HOME!, 'n8n-nodes-printos', 'test-host');
		fs.rmSync(path.join(dir, 'node_modules', 'peer-b'), { recursive: true });
		expect(missingFromTree(path.join(dir, 'package-lock.json'), dir)).toEqual(['node_modules/peer-b']);
		await ensureHostFolder(options);
		expect(fs.existsSync(path.join(dir, 'node_modules', 'peer-b', 'package.json'))).toBe(true);
	});

	it('does not reuse an install whose check never passed', async () => {
		const dir = path.join(process.env.XDG_CACHE_HOME!, 'n8n-nodes-printos', 'test-host');
		fs.rmSync(path.join(dir, '.printos-installed.json'));
		fs.writeFileSync(path.join(dir, 'node_modules', 'dep-a', 'index.js'), 'module.exports = "stale";');
		await ensureHostFolder(options);
		expect(fs.readFileSync(path.join(dir, 'node_modules', 'dep-a', 'index.js'), 'utf8')).toContain('peer-b');
	});

	it('reports a host that installs but does not start as broken, with the logs to read', async () => {
		const failing = { ...options, cacheName: 'test-host-broken', check: { ...options.check, args: ['-e', 'require("missing-module")'] } };
		await expect(ensureHostFolder(failing)).rejects.toThrow(/is broken: the check that dep-a loads with its peer failed[\s\S]*npm log: .*npm-install\.log[\s\S]*check output: .*host-check\.log/);
		const dir = path.join(process.env.XDG_CACHE_HOME!, 'n8n-nodes-printos', 'test-host-broken');
		expect(fs.existsSync(path.join(dir, '.printos-installed.json'))).toBe(false);
		expect(fs.readFileSync(path.join(dir, 'host-check.log'), 'utf8')).toMatch(/missing-module/);
	});
});
