/**
 * `npm start`: the package running inside a real n8n, against the PrintOS sandbox.
 * Builds the package, installs n8n on first run, starts the sandbox (production clock running)
 * and n8n on http://127.0.0.1:5678 with the sandbox credentials, the example workflows and an
 * owner account. Ctrl-C stops everything. The n8n user folder persists in the cache, so
 * workflows, executions and edited credentials survive restarts (`--reset` starts over).
 *
 *   npm start                     n8n 2.41.1 on Node 24
 *   npm start -- --n8n 1          n8n 1.123.50 on this machine's Node
 *   npm start -- --port 5680 --sandbox-port 4020 --reset
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { CREDENTIAL_REFS, POSTBACK_HEADER, sandboxCredentials } from './lib/credentials';
import { loadExamples, shouldActivate, TRIGGER_TYPE, webhookPath } from './lib/examples';
import { createInstance } from './lib/instance';
import { formatDuration, info, timed, warn } from './lib/log';
import { activateWorkflow, importCredentials, importWorkflows } from './lib/n8nCli';
import { ensureN8n, resolveN8nVersion } from './lib/n8nHost';
import { ensureOwner, startN8nServer } from './lib/n8nServer';
import { buildAndInstall } from './lib/packageTarball';
import { cacheRoot } from './lib/paths';
import { portInUse } from './lib/ports';
import { isStopping, stopAll } from './lib/processes';
import { startMailSink } from './lib/mailSink';
import { configurePostbacks, startSandbox } from './lib/sandbox';
import { printUsageIfAsked } from './lib/usage';

const { values: args } = parseArgs({
	options: {
		n8n: { type: 'string' },
		port: { type: 'string', default: '5678' },
		'sandbox-port': { type: 'string', default: '4010' },
		'smtp-port': { type: 'string', default: '2525' },
		reset: { type: 'boolean', default: false },
		quiet: { type: 'boolean', default: false },
		help: { type: 'boolean', default: false },
	},
});

interface StartState {
	owner: { email: string; password: string; firstName: string; lastName: string };
	postbackToken: string;
	credentialsImported: boolean;
	/** Example file name -> content hash last imported. */
	examples: Record<string, string>;
}

function loadState(file: string): StartState {
	if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8'));
	return {
		// n8n wants 8+ characters with a digit and an upper-case letter.
		owner: { email: 'owner@example.com', password: `PrintOS-${crypto.randomBytes(6).toString('hex')}-1`, firstName: 'PrintOS', lastName: 'Demo' },
		postbackToken: crypto.randomBytes(24).toString('hex'),
		credentialsImported: false,
		examples: {},
	};
}

async function main(): Promise<void> {
	if (printUsageIfAsked(args.help, __filename)) return;
	const started = Date.now();
	const version = resolveN8nVersion(args.n8n);
	const port = Number(args.port);
	const sandboxPort = Number(args['sandbox-port']);
	const smtpPort = Number(args['smtp-port']);
	// The sandbox's order service listens on the next port (sandbox/README.md)
	const ports = [['n8n', port, 'port'], ['sandbox', sandboxPort, 'sandbox-port'], ['sandbox order service', sandboxPort + 1, 'sandbox-port'], ['mail sink', smtpPort, 'smtp-port']] as const;
	for (const [what, p, flag] of ports) {
		if (await portInUse(p)) throw new Error(`Port ${p} (${what}) is already in use: is another \`npm start\` or n8n running? Choose another with --${flag}.`);
	}

	// One persistent user folder per n8n major: a 2.x database does not open in 1.x.
	const home = path.join(cacheRoot(), `start-n8n-${version.major}`);
	if (args.reset) {
		info(`--reset: removing ${home}`);
		fs.rmSync(home, { recursive: true, force: true });
	}
	fs.mkdirSync(home, { recursive: true });
	const stateFile = path.join(home, 'start-state.json');
	const state = loadState(stateFile);
	const saveState = () => fs.writeFileSync(stateFile, JSON.stringify(state, null, 2), { mode: 0o600 });
	saveState();

	const install = await ensureN8n(version);
	// n8n 2.x: build an expression isolate only when an expression is evaluated, so postbacks to
	// the Site Flow Trigger (version 2) need none, as the README recommends; n8n 1.x ignores it
	process.env.N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE ??= 'true';
	const userFolder = path.join(home, 'user');
	const instance = await createInstance(install, { userFolder, port, logDir: path.join(home, 'logs') });
	await buildAndInstall(userFolder);

	const mail = await startMailSink(smtpPort);
	mail.onMessage = (m) => info(`[mail] to ${m.to.join(', ')}: "${m.subject}" (${m.text.length} bytes)`);
	const sandbox = await timed('Starting the PrintOS sandbox (real-time production clock)', () =>
		startSandbox({
			port: sandboxPort,
			orderServicePort: sandboxPort + 1,
			realtime: true,
			dataFile: path.join(home, 'sandbox-data.json'),
			logFile: path.join(home, 'logs', 'sandbox.log'),
			echoPrefix: args.quiet ? undefined : '[sandbox] ',
		}),
	);

	await timed('Importing credentials and example workflows', async () => {
		// Credentials only once: afterwards they are the user's to edit (e.g. to point at real PrintOS).
		if (!state.credentialsImported) {
			await importCredentials(instance, sandboxCredentials({ sandboxUrl: sandbox.url, orderServiceUrl: sandbox.orderServiceUrl, postbackToken: state.postbackToken, smtpPort }));
			state.credentialsImported = true;
			saveState();
		}
		// Examples whenever the file changed since the last import (that replaces the workflow).
		for (const example of loadExamples()) {
			const name = path.basename(example.file);
			const hash = crypto.createHash('sha256').update(fs.readFileSync(example.file, 'utf8')).digest('hex');
			if (state.examples[name] === hash) continue;
			if (state.examples[name]) info(`examples/${name} changed: re-importing it (replaces workflow ${example.workflow.id})`);
			await importWorkflows(instance, [example.workflow]);
			if (shouldActivate(example.workflow)) await activateWorkflow(instance, example.workflow.id);
			state.examples[name] = hash;
			saveState();
		}
	});

	const server = await timed(`Starting n8n ${version.version}`, () =>
		startN8nServer(instance, { echoPrefix: args.quiet ? undefined : '[n8n] ' }),
	);
	await ensureOwner(server.url, state.owner);

	const examples = loadExamples();
	const triggerExample = examples.find((e) => webhookPath(e.workflow, TRIGGER_TYPE));
	if (triggerExample) {
		const url = `${server.url}/webhook/${webhookPath(triggerExample.workflow, TRIGGER_TYPE)}`;
		await configurePostbacks(sandbox, url, { [POSTBACK_HEADER]: state.postbackToken });
		info(`Sandbox postbacks go to ${url}`);
	} else {
		warn('No example workflow with a Site Flow Trigger: sandbox postbacks are not configured.');
	}

	console.log(`
================================================================================
 n8n ${version.version} (${install.runtime.label}) with n8n-nodes-printos: ${server.url}
   Log in as ${state.owner.email} / ${state.owner.password}
   PrintOS sandbox:  ${sandbox.url}  (admin API: ${sandbox.url}/_sandbox/)
   Order service:    ${sandbox.orderServiceUrl}  (Site Flow's asynchronous order submission)
   Mail sink (SMTP): 127.0.0.1:${smtpPort}  (e-mails are printed here as [mail])
   Credentials: "${CREDENTIAL_REFS.gateway.name}", "${CREDENTIAL_REFS.siteFlow.name}",
                "${CREDENTIAL_REFS.postback.name}", "${CREDENTIAL_REFS.smtp.name}"
   Workflows: ${examples.map((e) => `"${e.workflow.name}"${shouldActivate(e.workflow) ? ' (active)' : ''}`).join(', ') || '(none yet)'}

 Try: open a workflow and click "Execute workflow"; orders you submit move through
 the sandbox's production clock and its postbacks start the active trigger workflow.
 For real PrintOS, edit the credentials (environment Production, your key/token and secret).
 Data: ${home}   (npm start -- --reset starts over)
 Ready in ${formatDuration(Date.now() - started)}. Press Ctrl-C to stop.
================================================================================
`);

	// Keep running until Ctrl-C (the process registry stops everything) or a child dies.
	const ended = await Promise.race([
		server.proc.exited.then((code) => `n8n exited (code ${code})`),
		sandbox.proc.exited.then((code) => `the sandbox exited (code ${code})`),
	]);
	if (isStopping()) return new Promise<void>(() => undefined); // Ctrl-C: the signal handler exits.
	throw new Error(`${ended}; stopping. Logs: ${path.join(home, 'logs')}`);
}

main().catch(async (error) => {
	console.error(`[printos] ${error instanceof Error ? error.message : error}`);
	await stopAll();
	process.exit(1);
});
