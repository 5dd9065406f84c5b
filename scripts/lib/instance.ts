/** Creating an instance: user folder, ports and encryption key. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import type { N8nInstall } from './n8nHost';
import type { N8nInstance } from './n8nEnv';
import { freePort } from './ports';

export interface InstanceOptions {
	userFolder: string;
	/** Defaults to a free port; `npm start` uses 5678. */
	port?: number;
	brokerPort?: number;
	encryptionKey?: string;
	logDir?: string;
}

export async function createInstance(install: N8nInstall, options: InstanceOptions): Promise<N8nInstance> {
	fs.mkdirSync(options.userFolder, { recursive: true });
	const port = options.port ?? (await freePort());
	// Distinct ports, or a CLI `execute` collides with the server's task broker (2.x).
	let brokerPort = options.brokerPort ?? (await freePort());
	let cliBrokerPort = await freePort();
	while (brokerPort === port) brokerPort = await freePort();
	while (cliBrokerPort === port || cliBrokerPort === brokerPort) cliBrokerPort = await freePort();
	return {
		install,
		userFolder: options.userFolder,
		port,
		brokerPort,
		cliBrokerPort,
		encryptionKey: options.encryptionKey ?? existingEncryptionKey(options.userFolder) ?? crypto.randomBytes(24).toString('hex'),
		logDir: options.logDir ?? path.join(options.userFolder, 'logs'),
	};
}

/**
 * A user folder n8n has used keeps its key in .n8n/config, and n8n refuses to start when
 * N8N_ENCRYPTION_KEY differs: reuse it, so a persistent folder (npm start) stays decryptable.
 */
export function existingEncryptionKey(userFolder: string): string | undefined {
	const file = path.join(userFolder, '.n8n', 'config');
	if (!fs.existsSync(file)) return undefined;
	return JSON.parse(fs.readFileSync(file, 'utf8')).encryptionKey;
}
