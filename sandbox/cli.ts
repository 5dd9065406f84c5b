/**
 * `npm run sandbox -- --port 4010 [options]`. Prints "PrintOS sandbox listening on <url> (order
 * service on <url>/api)" once it accepts requests (scripts wait for that line), then one line per
 * API request and upload PUT unless --quiet.
 */
import { resolveConfig, SandboxCore, type SandboxOptions } from './core';
import { parseTriggerFlag } from './postbacks';
import { parseCredentialFlag } from './seed';
import { listen } from './server';

const HELP = `PrintOS sandbox: Box, Site Flow and postbacks on one local port, the order service on a second.

Usage: npm run sandbox -- [options]

  --port N                 port (default 4010; 0 picks a free one)
  --order-service-port N   the order service's port, serving /api/order (default: port + 1; 0 picks a free one)
  --host H                 interface (default 127.0.0.1)
  --data FILE              persist state in FILE across restarts
  --seed FILE              extra seed data (JSON; repeatable)
  --key KEY:SECRET         extra gateway key (repeatable)
  --token TOKEN:SECRET     extra Site Flow token (repeatable)
  --trigger URL[,EVENT...] postback trigger (repeatable; no events = all)
  --trigger-header NAME:VALUE  a header every --trigger sends (repeatable), e.g. the Site Flow
                           Trigger's header token, which new triggers require by default
  --rate-limit N           requests per minute per key/token (default 3000; 0 disables)
  --max-skew-seconds N     allowed signed-date skew (default 900)
  --allow-gateway-sha1     accept SHA1 signatures on the gateway
  --frozen-clock           stop the production clock; it moves only by POST /_sandbox/clock/advance
  --realtime               run the production clock in real time (the default)
  --speed N                real-time speed factor (default 1)
  --printready-delay S     sandbox seconds to print-ready (default 30)
  --print-delay S          sandbox seconds per component printed (default 60)
  --ship-delay S           sandbox seconds from printed to shipped (default 120)
  --error-delay S          sandbox seconds before unfetchable artwork errors (default 43200)
  --upload-dir DIR         keep uploads over 16 MiB in DIR (otherwise only hashed)
  --quiet                  do not print each request
  --help                   this text
`;

const VALUE_FLAGS = new Set([
	'port', 'order-service-port', 'host', 'data', 'seed', 'key', 'token', 'trigger', 'trigger-header', 'rate-limit', 'max-skew-seconds', 'speed',
	'printready-delay', 'print-delay', 'ship-delay', 'error-delay', 'upload-dir',
]);
const BOOLEAN_FLAGS = new Set(['allow-gateway-sha1', 'realtime', 'frozen-clock', 'quiet', 'help']);

export function parseArgs(argv: string[]): { options: SandboxOptions; quiet: boolean; help: boolean } {
	const values = new Map<string, string[]>();
	const flags = new Set<string>();
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index];
		if (!arg.startsWith('--')) throw new Error(`Unexpected argument "${arg}"`);
		const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
		if (BOOLEAN_FLAGS.has(name)) {
			flags.add(name);
			continue;
		}
		if (!VALUE_FLAGS.has(name)) throw new Error(`Unknown option --${name} (see --help)`);
		const value = inline ?? argv[++index];
		if (value === undefined) throw new Error(`--${name} needs a value`);
		values.set(name, [...(values.get(name) ?? []), value]);
	}
	const one = (name: string) => values.get(name)?.at(-1);
	const triggerHeaders: Record<string, string> = {};
	for (const header of values.get('trigger-header') ?? []) {
		const colon = header.indexOf(':');
		if (colon < 1) throw new Error(`--trigger-header takes NAME:VALUE, got "${header}"`);
		triggerHeaders[header.slice(0, colon).trim()] = header.slice(colon + 1).trim();
	}
	const numeric = (name: string) => {
		const value = one(name);
		if (value === undefined) return undefined;
		const number = Number(value);
		if (!Number.isFinite(number) || number < 0) throw new Error(`--${name} must be a number ≥ 0`);
		return number;
	};
	const delays = {
		printready: numeric('printready-delay'),
		componentPrinted: numeric('print-delay'),
		shipped: numeric('ship-delay'),
		errored: numeric('error-delay'),
	};
	const options: SandboxOptions = {
		port: numeric('port') ?? 4010,
		orderServicePort: numeric('order-service-port'),
		host: one('host'),
		dataFile: one('data'),
		seed: values.get('seed'),
		keys: (values.get('key') ?? []).map(parseCredentialFlag).map(({ id, secret }) => ({ key: id, secret })),
		tokens: (values.get('token') ?? []).map(parseCredentialFlag).map(({ id, secret }) => ({ token: id, secret })),
		triggers: (values.get('trigger') ?? []).map((flag) => ({ ...parseTriggerFlag(flag), headers: triggerHeaders })),
		rateLimitPerMinute: numeric('rate-limit'),
		maxSkewSeconds: numeric('max-skew-seconds'),
		allowGatewaySha1: flags.has('allow-gateway-sha1'),
		// Like PrintOS, a run started by hand lives in real time; tests ask for a frozen clock
		realtime: !flags.has('frozen-clock'),
		speed: numeric('speed'),
		delays: Object.fromEntries(Object.entries(delays).filter(([, value]) => value !== undefined)),
		uploadDir: one('upload-dir'),
	};
	return { options, quiet: flags.has('quiet'), help: flags.has('help') };
}

async function main(): Promise<void> {
	const { options, quiet, help } = parseArgs(process.argv.slice(2));
	if (help) {
		process.stdout.write(HELP);
		return;
	}
	const core = new SandboxCore(resolveConfig(options), options);
	if (!quiet) {
		core.requests.onRecord = (entry) => {
			const who = entry.credential ? ` [${entry.credential}]` : '';
			process.stdout.write(`${entry.time} ${entry.method} ${entry.family === 'orderService' ? '(order service) ' : ''}${entry.path} -> ${entry.dropped ? 'dropped' : entry.status} ${entry.durationMs}ms${who}${entry.error && entry.status >= 400 ? ` (${entry.error.split('\n')[0]})` : ''}\n`);
		};
	}
	const running = await listen(core);
	process.stdout.write(`PrintOS sandbox listening on ${running.url} (order service on ${running.orderServiceUrl})\n`);
	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		try {
			// Synchronously first: an order acknowledged to a client must survive whatever happens next
			core.persistence?.flushSync();
		} catch (error) {
			process.stderr.write(`Could not save sandbox state: ${(error as Error).message}\n`);
		}
		process.stdout.write(`PrintOS sandbox stopping (${signal})\n`);
		running.close().finally(() => process.exit(0));
		setTimeout(() => process.exit(0), 2000).unref();
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
	main().catch((error: Error) => {
		process.stderr.write(`PrintOS sandbox failed to start: ${error.message}\n`);
		process.exit(1);
	});
}
