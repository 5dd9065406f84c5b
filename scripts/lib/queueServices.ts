/**
 * PostgreSQL and Redis for n8n's queue mode, from Debian's packages: installed with apt-get when
 * absent (announced, with the time it took), started on loopback ports in a scratch folder for
 * one run only, and stopped with everything else the scripts start.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { info, timed } from './log';
import { freePort } from './ports';
import { runOrThrow, startProcess, type ManagedProcess } from './processes';

export interface QueueServices {
	postgres: { host: string; port: number; database: string; user: string };
	redis: { host: string; port: number };
	stop(): Promise<void>;
}

function postgresBin(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return undefined;
	const versions = fs
		.readdirSync(root)
		.filter((version) => fs.existsSync(path.join(root, version, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(root, versions[0], 'bin') : undefined;
}

function redisServer(): string | undefined {
	return ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((candidate) => fs.existsSync(candidate));
}

/** Installs Debian's postgresql and redis-server when either is missing. */
export async function ensureQueueServicePackages(): Promise<void> {
	const missing = [...(postgresBin() ? [] : ['postgresql']), ...(redisServer() ? [] : ['redis-server'])];
	if (missing.length === 0) return;
	if (process.getuid?.() !== 0) {
		throw new Error(`queue mode needs ${missing.join(' and ')}: install with \`sudo apt-get install ${missing.join(' ')}\``);
	}
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	await timed(`Installing Debian ${missing.join(' and ')} for n8n's queue mode (apt-get, once)`, async () => {
		await runOrThrow('apt-get', ['update', '-qq'], { env });
		await runOrThrow('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env });
	});
	if (!postgresBin() || !redisServer()) throw new Error('apt-get finished but PostgreSQL or Redis is still missing');
}

/** PostgreSQL refuses to run as root: as root it runs as Debian's `postgres` user. */
function asPostgresUser(command: string, args: string[]): [string, string[]] {
	return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

export async function startQueueServices(options: { logDir: string }): Promise<QueueServices> {
	await ensureQueueServicePackages();
	const bin = postgresBin()!;
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'printos-pg-'));
	const started: ManagedProcess[] = [];
	const stop = async () => {
		for (const proc of started.reverse()) await proc.stop();
		fs.rmSync(dataDir, { recursive: true, force: true });
	};
	try {
		if (process.getuid?.() === 0) await runOrThrow('chown', ['postgres:postgres', dataDir]);
		const [initdb, initArgs] = asPostgresUser(path.join(bin, 'initdb'), ['-D', path.join(dataDir, 'data'), '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
		await runOrThrow(initdb, initArgs);
		const pgPort = await freePort();
		const [postgres, pgArgs] = asPostgresUser(path.join(bin, 'postgres'), [
			'-D', path.join(dataDir, 'data'), '-p', String(pgPort), '-h', '127.0.0.1', '-k', dataDir, '-c', 'fsync=off', '-c', 'max_connections=200',
		]);
		const pg = startProcess('postgres', postgres, pgArgs, { logFile: path.join(options.logDir, 'postgres.log') });
		started.push(pg);
		await pg.waitForOutput(/ready to accept connections/, 60_000);
		await runOrThrow(path.join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(pgPort), '-U', 'postgres', 'n8n']);

		const redisPort = await freePort();
		const redis = startProcess(
			'redis',
			redisServer()!,
			['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
			{ logFile: path.join(options.logDir, 'redis.log') },
		);
		started.push(redis);
		await redis.waitForOutput(/Ready to accept connections/i, 30_000);
		info(`PostgreSQL on 127.0.0.1:${pgPort} and Redis on 127.0.0.1:${redisPort} for this run`);
		return {
			postgres: { host: '127.0.0.1', port: pgPort, database: 'n8n', user: 'postgres' },
			redis: { host: '127.0.0.1', port: redisPort },
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

/** The environment that puts an n8n process into queue mode on these services. */
export function queueModeEnv(services: QueueServices): NodeJS.ProcessEnv {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: services.redis.host,
		QUEUE_BULL_REDIS_PORT: String(services.redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: services.postgres.host,
		DB_POSTGRESDB_PORT: String(services.postgres.port),
		DB_POSTGRESDB_DATABASE: services.postgres.database,
		DB_POSTGRESDB_USER: services.postgres.user,
		DB_POSTGRESDB_PASSWORD: '',
		// Workers read binary data another process wrote: it must live in shared storage.
		N8N_DEFAULT_BINARY_DATA_MODE: 'database',
		// Production webhooks go to the webhook processor only.
		N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
		QUEUE_HEALTH_CHECK_ACTIVE: 'false',
	};
}
