/**
 * The SetupInfo and E2eEnv a scenario runs with, built one way for every runner (scripts/e2e.ts, the queue-mode
 * run, `npm run reliability`): once n8n is up, the owner is signed up and logged in, and an API key
 * made for the public API that `executions` reads.
 */
import crypto from 'node:crypto';

import { executeWorkflow } from '../../scripts/lib/n8nCli';
import type { N8nInstance } from '../../scripts/lib/n8nEnv';
import type { N8nInstall } from '../../scripts/lib/n8nHost';
import { createApiKey, ensureOwner, publicApi, type N8nServer, type Owner } from '../../scripts/lib/n8nServer';
import type { MailSink } from '../../scripts/lib/mailSink';
import type { Sandbox } from '../../scripts/lib/sandbox';
import type { E2eEnv, SetupInfo } from './harness';

/** What the scenarios build their workflows and credentials from, before n8n starts; a new postback token each run. */
export function e2eSetup(parts: { install: N8nInstall; sandbox: Sandbox; mail: MailSink; n8nUrl: string }): SetupInfo {
	return {
		major: parts.install.major,
		sandboxUrl: parts.sandbox.url,
		orderServiceUrl: parts.sandbox.orderServiceUrl,
		n8nUrl: parts.n8nUrl,
		smtpPort: parts.mail.port,
		postbackToken: crypto.randomBytes(20).toString('hex'),
	};
}

/** Each run's n8n is new, so any owner will do; this one is the e2e suite's. */
export const E2E_OWNER: Owner = { email: 'owner@example.com', password: 'E2e-Passw0rd', firstName: 'E2E', lastName: 'Owner' };

export interface E2eEnvParts {
	setup: SetupInfo;
	install: N8nInstall;
	/** The instance `execute` runs `n8n execute` in. */
	instance: N8nInstance;
	/** The server the owner logs in to and the public API is read from (the main process in queue mode). */
	server: N8nServer;
	sandbox: Sandbox;
	mail: MailSink;
	tmpDir: string;
	log(message: string): void;
	owner?: Owner;
}

export async function openE2eEnv(parts: E2eEnvParts): Promise<E2eEnv> {
	const { setup, install, instance, server, sandbox, mail, tmpDir, log } = parts;
	const owner = parts.owner ?? E2E_OWNER;
	const session = await ensureOwner(server.url, owner);
	const apiKey = await createApiKey(session);
	return {
		...setup,
		install,
		instance,
		server,
		session,
		owner,
		apiKey,
		sandbox,
		mail,
		tmpDir,
		execute: (id: string) => executeWorkflow(instance, id),
		executions: async (workflowId: string) =>
			(await publicApi(server.url, apiKey, 'GET', `/executions?workflowId=${workflowId}&includeData=true&limit=100`)).data,
		log,
	};
}
