/**
 * One n8n "instance": an install, a user folder, ports, and the environment every n8n command
 * of that instance runs with. A fixed encryption key and user folder make imports, CLI and
 * server agree; the remaining settings keep n8n quiet and offline (shared n8n notes §3).
 */
import path from 'node:path';

import type { N8nInstall } from './n8nHost';

export interface N8nInstance {
	install: N8nInstall;
	/** N8N_USER_FOLDER: n8n keeps its database and community packages in <userFolder>/.n8n. */
	userFolder: string;
	port: number;
	/** Task broker of `n8n start`. */
	brokerPort: number;
	/** Task broker of one-off CLI commands (`n8n execute` starts its own on 2.x). */
	cliBrokerPort: number;
	encryptionKey: string;
	/** Where server logs go. */
	logDir: string;
	/** Settings added to every command's environment (queue mode: database, Redis, binary data). */
	extraEnv?: NodeJS.ProcessEnv;
}

export function baseUrl(instance: N8nInstance): string {
	return `http://127.0.0.1:${instance.port}`;
}

export function n8nEnv(instance: N8nInstance, brokerPort = instance.brokerPort): NodeJS.ProcessEnv {
	const url = baseUrl(instance);
	return {
		...instance.install.runtime.env,
		N8N_USER_FOLDER: instance.userFolder,
		N8N_ENCRYPTION_KEY: instance.encryptionKey,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(instance.port),
		N8N_PROTOCOL: 'http',
		WEBHOOK_URL: `${url}/`,
		N8N_EDITOR_BASE_URL: url,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		// The package we test is installed by hand, never fetched from npm by n8n.
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		// The catalogue of verified community nodes comes from n8n's servers: offline here, and
		// only noise in the log. Installed packages load regardless.
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		NO_COLOR: '1',
		DB_TYPE: 'sqlite',
		// expression-engine tuning (n8n 2.x) passes through, so its effect can be measured
		...Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('N8N_EXPRESSION_ENGINE'))),
		...instance.extraEnv,
	};
}

export function n8nCommand(instance: N8nInstance, args: string[]): [string, string[]] {
	return [instance.install.runtime.nodeBin, [instance.install.n8nEntry, ...args]];
}

export function logFile(instance: N8nInstance, name: string): string {
	return path.join(instance.logDir, `${name}.log`);
}
